//! What every postgres test uses: a real PostgreSQL ([`TempPostgres`], from the library so
//! its own unit tests share it), and the real `kefu serve` binary started as a replica on
//! a database, killed with kill -9 or on drop.

use futures::SinkExt;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

pub(crate) use kefu::store::postgres::test_server::TempPostgres;

use crate::support::{next_frame, Ws};

pub(crate) const ADMIN: &str = "replica-admin-token-0123";
pub(crate) const EVENTS: &str = "replica-events-token-0123";

/// A running `kefu serve`; killed (kill -9) when dropped.
pub(crate) struct Replica {
    child: Option<Child>,
    pub(crate) addr: String,
}

/// The demo shop's knowledge files, copied so admin edits stay in the test.
pub(crate) fn knowledge_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let ok = Command::new("cp")
        .arg("-r")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/."))
        .arg(dir.path())
        .status()
        .unwrap()
        .success();
    assert!(ok, "copying the knowledge files");
    dir
}

impl Replica {
    /// Starts the real binary on the database at `url` (its own `data` directory for what
    /// each replica keeps for itself) and waits until it listens.
    pub(crate) fn start(url: &str, data: &Path, knowledge: &Path) -> Replica {
        let (child, addr) = crate::support::spawn_serve(
            data,
            knowledge,
            (ADMIN, EVENTS),
            &[("KEFU_STORE_BACKEND", "postgres"), ("KEFU_STORE_URL", url)],
        );
        Replica {
            child: Some(child),
            addr,
        }
    }

    /// kill -9, and wait until it is gone.
    pub(crate) fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            c.kill().unwrap();
            c.wait().unwrap();
        }
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One HTTP/1.1 request on its own connection; the status and the JSON body.
pub(crate) fn http(
    addr: &str,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> (u16, Value) {
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

/// A socket on `session`, past its welcome.
pub(crate) async fn socket(addr: &str, session: &str, last_seen: Option<u64>) -> Ws {
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
        .await
        .unwrap();
    let hello = json!({"type":"hello","session_id":session,"locale":"en","last_seen":last_seen});
    send(&mut ws, hello).await;
    let welcome = frame(&mut ws).await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    ws
}

pub(crate) async fn send(ws: &mut Ws, v: Value) {
    ws.send(Message::Text(v.to_string().into())).await.unwrap();
}

/// The next frame; a server that stops answering fails the test instead of hanging it.
pub(crate) async fn frame(ws: &mut Ws) -> Value {
    tokio::time::timeout(Duration::from_secs(120), next_frame(ws))
        .await
        .expect("the server answers")
}

/// Says `text` and returns the reply frame.
pub(crate) async fn say(ws: &mut Ws, client_id: &str, text: &str) -> Value {
    send(
        ws,
        json!({"type":"message","client_id":client_id,"text":text}),
    )
    .await;
    let reply = frame(ws).await;
    assert_eq!(reply["type"], "reply", "{reply}");
    reply
}
