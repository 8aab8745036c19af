//! kill -9 of the real `kefu serve` binary in the middle of traffic: after a restart on the
//! same data directory every reply the shopper saw, every event acknowledged (socket and
//! backend) and every admin knowledge edit answered is there.

use futures::SinkExt;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

use crate::support::{next_frame, Ws};

const ADMIN: &str = "durability-admin-token-0123";
const EVENTS: &str = "durability-events-token-0123";

/// A running `kefu serve` and the address it listens on.
struct Server {
    child: Child,
    addr: String,
}

/// Starts the real binary on a free port (the demo's models and web files, `knowledge`
/// as its knowledge directory) and waits until it listens. Its log is drained on a thread
/// so a full pipe never stalls it.
fn start(data: &Path, knowledge: &Path) -> Server {
    let (child, addr) = crate::support::spawn_serve(data, knowledge, (ADMIN, EVENTS), &[]);
    Server { child, addr }
}

/// One HTTP/1.1 request on its own connection; the status and the JSON body.
fn http(addr: &str, method: &str, path: &str, token: &str, body: Option<&Value>) -> (u16, Value) {
    let mut conn = std::net::TcpStream::connect(addr).unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        conn,
        "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut resp = String::new();
    conn.read_to_string(&mut resp).unwrap();
    let status = resp[9..12].parse().unwrap();
    let json = resp
        .split_once("\r\n\r\n")
        .and_then(|(_, b)| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    (status, json)
}

async fn socket(addr: &str, session: &str, last_seen: Option<u64>) -> Ws {
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
        .await
        .unwrap();
    let hello = json!({"type":"hello","session_id":session,"locale":"en","last_seen":last_seen});
    send(&mut ws, hello).await;
    let welcome = frame(&mut ws).await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    ws
}

async fn send(ws: &mut Ws, v: Value) {
    ws.send(Message::Text(v.to_string().into())).await.unwrap();
}

/// The next frame; a server that stops answering fails the test instead of hanging it.
async fn frame(ws: &mut Ws) -> Value {
    tokio::time::timeout(Duration::from_secs(120), next_frame(ws))
        .await
        .expect("the server answers")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everything_acknowledged_survives_kill_9() {
    let data = tempfile::tempdir().unwrap();
    let knowledge = tempfile::tempdir().unwrap();
    let copy = Command::new("cp")
        .arg("-r")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/."))
        .arg(knowledge.path())
        .status()
        .unwrap();
    assert!(copy.success());
    let server = start(data.path(), knowledge.path());
    let addr = server.addr.clone();

    // Chat turns: every reply the shopper saw, by seq and id.
    let mut ws = socket(&addr, "crash-1", None).await;
    let mut replies: Vec<(u64, String)> = Vec::new();
    let mut product = String::new();
    for (i, text) in [
        "hello",
        "show me headphones",
        "cheaper ones?",
        "what is your return policy",
    ]
    .iter()
    .enumerate()
    {
        send(
            &mut ws,
            json!({"type":"message","client_id":format!("m{i}"),"text":text}),
        )
        .await;
        let reply = frame(&mut ws).await;
        assert_eq!(reply["type"], "reply", "{reply}");
        replies.push((
            reply["seq"].as_u64().unwrap(),
            reply["id"].as_str().unwrap().into(),
        ));
        if let Some(p) = reply["products"][0]["id"].as_str() {
            product = p.to_string();
        }
    }
    assert!(!product.is_empty(), "a reply showed products");

    // Events: from the page, acknowledged one by one; from the backend, as a batch.
    let mut event_ids = Vec::new();
    for i in 0..4 {
        let id = format!("view-{i}");
        send(
            &mut ws,
            json!({"type":"event","event":{"id":id,"kind":"view","product":product}}),
        )
        .await;
        assert_eq!(frame(&mut ws).await["type"], "ack");
        event_ids.push(id);
    }
    let batch: Vec<Value> = (0..3)
        .map(|i| {
            json!({"id":format!("buy-{i}"),"kind":"purchase","session":"crash-1","user":"crash-buyer",
                   "product":product,"order_id":format!("o-{i}"),"price":20.0,"quantity":1})
        })
        .collect();
    let (status, r) = http(&addr, "POST", "/api/events", EVENTS, Some(&json!(batch)));
    assert_eq!((status, r["stored"].as_u64()), (200, Some(3)), "{r}");
    event_ids.extend((0..3).map(|i| format!("buy-{i}")));

    // An admin knowledge edit, answered.
    let path = format!("/admin/kg/products/{product}");
    let (status, got) = http(&addr, "GET", &path, ADMIN, None);
    assert_eq!(status, 200, "{got}");
    let mut edited = got["product"].clone();
    let name = format!(
        "{} (edited before the crash)",
        edited["name"].as_str().unwrap()
    );
    edited["name"] = json!(name);
    let (status, r) = http(&addr, "PUT", &path, ADMIN, Some(&edited));
    assert_eq!(status, 200, "{r}");

    // kill -9 right after the last answer.
    let mut child = server.child;
    child.kill().unwrap();
    child.wait().unwrap();
    drop(ws);

    let server = start(data.path(), knowledge.path());
    let addr = server.addr.clone();
    // Every reply is replayed to a client that says it saw nothing.
    let mut ws = socket(&addr, "crash-1", Some(0)).await;
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
    let (status, shopper) = http(&addr, "GET", "/admin/shoppers/crash-1", ADMIN, None);
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
    let (status, got) = http(&addr, "GET", &path, ADMIN, None);
    assert_eq!(status, 200, "{got}");
    assert_eq!(got["product"]["name"], json!(name));
    // The served binary runs retention and reports it.
    let mut conn = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        conn,
        "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut metrics = String::new();
    conn.read_to_string(&mut metrics).unwrap();
    assert!(
        metrics.contains("kefu_retention_deleted_total{kind=\"events\"} 0"),
        "{metrics}"
    );

    let mut child = server.child;
    child.kill().unwrap();
    child.wait().unwrap();
}
