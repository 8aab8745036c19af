//! Two real `kefu serve` replicas on one real PostgreSQL database: a conversation moves
//! between them and keeps its context, an agent's reply sent to one reaches the shopper's
//! socket on the other, and kill -9 of one loses nothing it acknowledged while its
//! sessions go on on the other.

use serde_json::json;
use std::path::PathBuf;

use kefu::dialogue::TrackerStore;
use kefu::store::Store;

use crate::pg_support::{
    frame, http, knowledge_copy, say, send, socket, Replica, TempPostgres, ADMIN, EVENTS,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_share_sessions_pushes_and_survive_kill_9() {
    let url = TempPostgres::shared().fresh_database();
    // Each replica has its own data and knowledge directories: nothing on shared storage.
    let (knowledge_a, knowledge_b) = (knowledge_copy(), knowledge_copy());
    let (data_a, data_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // Both start at once: the schema is created by whichever takes the migration lock.
    let start = |data: PathBuf, knowledge: PathBuf| {
        let url = url.clone();
        std::thread::spawn(move || Replica::start(&url, &data, &knowledge))
    };
    let (a, b) = (
        start(data_a.path().into(), knowledge_a.path().into()),
        start(data_b.path().into(), knowledge_b.path().into()),
    );
    let (mut a, b) = (a.join().unwrap(), b.join().unwrap());
    let store = Store::open_postgres(&url, 1).unwrap();

    // 1. A search on A, its refinement on B: B reads the tracker A wrote.
    let mut ws = socket(&a.addr, "roam-1", None).await;
    let first = say(&mut ws, "r1", "show me headphones").await;
    let shown = first["products"].as_array().unwrap().len();
    assert!(shown > 0, "{first}");
    drop(ws);
    let mut ws = socket(&b.addr, "roam-1", first["seq"].as_u64()).await;
    let refined = say(&mut ws, "r2", "cheaper ones?").await;
    assert!(
        !refined["products"].as_array().unwrap().is_empty(),
        "{refined}"
    );
    drop(ws);
    let tracker = TrackerStore::open(&store)
        .unwrap()
        .get("roam-1")
        .unwrap()
        .unwrap();
    let said: Vec<&str> = tracker.turns.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        said,
        ["show me headphones", "cheaper ones?"],
        "one tracker, both turns"
    );
    // The same words cold, with no search before them, are not answered the same way.
    let mut cold = socket(&b.addr, "cold-1", None).await;
    let blind = say(&mut cold, "c1", "cheaper ones?").await;
    assert_ne!(
        blind["text"], refined["text"],
        "the refinement used A's search"
    );
    drop(cold);

    // 2. The shopper's socket is on B; an agent answers through A.
    let mut shopper = socket(&b.addr, "help-1", None).await;
    let handoff = say(&mut shopper, "h1", "i want to talk to a human").await;
    assert_eq!(handoff["handoff"], true, "{handoff}");
    assert_eq!(frame(&mut shopper).await["type"], "handoff");
    let text = "Hello, this is Ana from the shop (on replica A)";
    let (status, r) = http(
        &a.addr,
        "POST",
        "/admin/sessions/help-1/reply",
        ADMIN,
        Some(&json!({ "text": text })),
    );
    assert_eq!(status, 200, "{r}");
    let pushed = frame(&mut shopper).await;
    assert_eq!(pushed["type"], "agent_message", "{pushed}");
    assert_eq!(pushed["text"], text);
    let (status, _) = http(
        &a.addr,
        "POST",
        "/admin/sessions/help-1/release",
        ADMIN,
        None,
    );
    assert_eq!(status, 200);
    let released = frame(&mut shopper).await;
    assert_eq!(
        (released["type"].as_str(), released["state"].as_str()),
        (Some("handoff"), Some("released")),
        "{released}"
    );
    drop(shopper);

    // 3. A knowledge edit through A's admin API reaches B (through the database: the
    //    replicas have knowledge directories of their own).
    let edited_id = first["products"][0]["id"].as_str().unwrap().to_string();
    let path = format!("/admin/kg/products/{edited_id}");
    let (status, got) = http(&a.addr, "GET", &path, ADMIN, None);
    assert_eq!(status, 200, "{got}");
    let mut product = got["product"].clone();
    let name = format!("{} (edited on A)", product["name"].as_str().unwrap());
    product["name"] = json!(name);
    let (status, r) = http(&a.addr, "PUT", &path, ADMIN, Some(&product));
    assert_eq!(status, 200, "{r}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let (_, on_b) = http(&b.addr, "GET", &path, ADMIN, None);
        if on_b["product"]["name"] == json!(name) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "B still serves {on_b}"
        );
        // Waiting for B's reload, announced by the database; no reply can say when.
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // 4. Traffic on A, then kill -9 right after the last acknowledgement.
    let mut ws = socket(&a.addr, "crash-1", None).await;
    let mut replies = Vec::new();
    let mut product = String::new();
    for (i, text) in ["hello", "show me headphones", "cheaper ones?"]
        .iter()
        .enumerate()
    {
        let reply = say(&mut ws, &format!("m{i}"), text).await;
        replies.push((
            reply["seq"].as_u64().unwrap(),
            reply["id"].as_str().unwrap().to_string(),
        ));
        if let Some(p) = reply["products"][0]["id"].as_str() {
            product = p.to_string();
        }
    }
    assert!(!product.is_empty());
    let mut event_ids = Vec::new();
    for i in 0..3 {
        let id = format!("view-{i}");
        send(
            &mut ws,
            json!({"type":"event","event":{"id":id,"kind":"view","product":product}}),
        )
        .await;
        assert_eq!(frame(&mut ws).await["type"], "ack");
        event_ids.push(id);
    }
    let batch: Vec<_> = (0..2)
        .map(|i| {
            json!({"id":format!("buy-{i}"),"kind":"purchase","session":"crash-1",
                        "user":"crash-buyer","product":product,"order_id":format!("o-{i}"),
                        "price":20.0,"quantity":1})
        })
        .collect();
    let (status, r) = http(&a.addr, "POST", "/api/events", EVENTS, Some(&json!(batch)));
    assert_eq!((status, r["stored"].as_u64()), (200, Some(2)), "{r}");
    event_ids.extend((0..2).map(|i| format!("buy-{i}")));
    a.kill();
    drop(ws);

    // B replays every reply A sent, has every event A acknowledged, and goes on.
    let mut ws = socket(&b.addr, "crash-1", Some(0)).await;
    send(&mut ws, json!({"type":"ping"})).await;
    let mut replayed = Vec::new();
    loop {
        let f = frame(&mut ws).await;
        if f["type"] == "pong" {
            break;
        }
        if f["type"] == "reply" {
            replayed.push((
                f["seq"].as_u64().unwrap(),
                f["id"].as_str().unwrap().to_string(),
            ));
        }
    }
    for r in &replies {
        assert!(
            replayed.contains(r),
            "reply {r:?} lost; replayed {replayed:?}"
        );
    }
    let (status, shopper) = http(&b.addr, "GET", "/admin/shoppers/crash-1", ADMIN, None);
    assert_eq!(status, 200, "{shopper}");
    let stored: Vec<&str> = shopper["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    for id in &event_ids {
        assert!(
            stored.contains(&id.as_str()),
            "event {id} lost; stored {stored:?}"
        );
    }
    // The session's lease went with A's connections: B answers its next turn.
    let next = say(&mut ws, "m9", "show me more").await;
    assert!(next["seq"].as_u64().unwrap() > replies.last().unwrap().0);
    let tracker = TrackerStore::open(&store)
        .unwrap()
        .get("crash-1")
        .unwrap()
        .unwrap();
    assert_eq!(
        tracker.turns.len(),
        4,
        "A's three turns and B's one, in one tracker"
    );
    drop(b);
}
