//! `kefu store migrate`: a sled install (sessions, trackers, events, profiles) copied into
//! a real PostgreSQL database holds the same entries, tree for tree, keeps its ids
//! increasing, and is served: a replica on the database replays the session's history.

use std::collections::HashMap;
use std::process::Command;

use kefu::behavior::{BehaviorConfig, EventInput, EventLog, ProductFacts};
use kefu::dialogue::{Tracker, TrackerStore};
use kefu::store::{RawEntry, Store};
use kefu::transport::protocol::ServerFrame;
use kefu::transport::SessionLog;
use kefu::types::{ProductId, SessionId};

use crate::pg_support::{frame, knowledge_copy, send, socket, Replica, TempPostgres};

fn migrate(from: &str, to: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["store", "migrate", "--from", from, "--to", to])
        .output()
        .unwrap()
}

/// Every tree's entries, as stored.
fn contents(store: &Store) -> Vec<(String, Vec<RawEntry>)> {
    let mut names = store.tree_names().unwrap();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let entries = store.raw_entries(&n).unwrap();
            (n, entries)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sled_install_moves_to_postgres_whole_and_is_served() {
    let data = tempfile::tempdir().unwrap();
    let last_sled_id;
    {
        let store = Store::open(data.path()).unwrap();
        let log = SessionLog::open(&store).unwrap();
        log.record_user("moving-1", None, "hello from sled")
            .unwrap();
        log.record_server("moving-1", |seq| ServerFrame::AgentMessage {
            seq,
            text: "an agent's answer, written on sled".into(),
        })
        .await
        .unwrap();
        TrackerStore::open(&store)
            .unwrap()
            .save(&Tracker::new("moving-1"))
            .await
            .unwrap();
        let kettle = ProductFacts {
            categories: vec!["kitchen".into()],
            brand: None,
            attributes: vec![],
            price: Some(30.0),
            consumable: false,
        };
        let shop = HashMap::from([(ProductId::new("kettle-1"), kettle)]);
        let events = EventLog::open(&store, BehaviorConfig::default()).unwrap();
        let view = |id: &str| EventInput {
            id: id.into(),
            kind: "view".into(),
            session: Some(SessionId::new("moving-1")),
            product: Some(ProductId::new("kettle-1")),
            ..EventInput::default()
        };
        events.append(&[view("v-1"), view("v-2")], &shop).unwrap();
        last_sled_id = store.next_id().unwrap();
        store.flush().unwrap();
    }
    let url = TempPostgres::shared().fresh_database();

    let bad = migrate("sled:./not-a-kefu-dir", &url);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a kefu data directory"));

    let from = format!("sled:{}", data.path().display());
    let out = migrate(&from, &url);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("transport.session_log: 2 entries copied"),
        "{stdout}"
    );
    assert!(
        stdout.contains("behavior.events: 2 entries copied"),
        "{stdout}"
    );
    assert!(stdout.contains("done: "), "{stdout}");

    // A second copy into the now-full database is refused and changes nothing.
    let again = migrate(&from, &url);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds data"));

    let sled = Store::open(data.path()).unwrap();
    let pg = Store::open_postgres(&url, 1).unwrap();
    let (left, right) = (contents(&sled), contents(&pg));
    assert!(
        left.len() > 5,
        "{:?}",
        left.iter().map(|t| &t.0).collect::<Vec<_>>()
    );
    assert_eq!(left, right, "every tree, entry for entry");
    assert_eq!(pg.schema_version().unwrap(), sled.schema_version().unwrap());
    assert!(pg.next_id().unwrap() > last_sled_id, "ids keep increasing");
    drop((sled, pg));

    // Served from postgres: the session's history comes back to a returning shopper.
    let knowledge = knowledge_copy();
    let replica_data = tempfile::tempdir().unwrap();
    let replica = Replica::start(&url, replica_data.path(), knowledge.path());
    let mut ws = socket(&replica.addr, "moving-1", Some(0)).await;
    send(&mut ws, serde_json::json!({"type":"ping"})).await;
    let mut replayed = Vec::new();
    loop {
        let f = frame(&mut ws).await;
        if f["type"] == "pong" {
            break;
        }
        replayed.push(f);
    }
    assert!(
        replayed
            .iter()
            .any(|f| f["type"] == "agent_message"
                && f["text"] == "an agent's answer, written on sled"),
        "{replayed:?}"
    );
}
