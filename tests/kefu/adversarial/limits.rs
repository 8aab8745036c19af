//! Hostile traffic against the real server on real sockets: floods, forged proxy headers,
//! other sites' pages, sockets kept open by pongs, odd session ids, the assistant talking
//! over an agent. Where no conversation is needed the dialogue is a stand-in that echoes;
//! the handoff case runs the real dialogue (real NLU, real sled).

use futures::{SinkExt, StreamExt};
use kefu::config::Config;
use kefu::dialogue::{ChatService, DialogueError, Turn, TurnInput};
use kefu::store::Store;
use kefu::types::Reply;
use kefu::AppState;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use crate::support::Ws;

/// A dialogue that answers every text with itself.
struct Echo;

impl ChatService for Echo {
    fn turn(
        &self,
        turn: Turn,
    ) -> futures::future::BoxFuture<'_, Result<Vec<Reply>, DialogueError>> {
        Box::pin(async move {
            let TurnInput::Text { text } = turn.input else {
                return Ok(vec![]);
            };
            Ok(vec![Reply {
                id: uuid::Uuid::new_v4().to_string(),
                text: format!("you said: {text}"),
                products: vec![],
                quick_replies: vec![],
                intent: Some("greet".into()),
                confidence: Some(1.0),
                handoff: false,
                cart: None,
            }])
        })
    }
}

struct Server {
    addr: SocketAddr,
    _data: tempfile::TempDir,
}

async fn start(tune: impl FnOnce(&mut Config)) -> Server {
    let data = tempfile::tempdir().unwrap();
    let mut config = Config::default();
    tune(&mut config);
    config.validate().unwrap();
    let store = Store::open(data.path()).unwrap();
    let state = AppState::new(Arc::new(config), store, Some(Arc::new(Echo))).unwrap();
    let addr = crate::support::serve(state).await;
    Server { addr, _data: data }
}

/// A raw HTTP/1.1 exchange over a fresh connection (the limits need a real peer address):
/// the status, the headers (lower-cased names) and the body as JSON (Null if it is not).
async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> (u16, Vec<(String, String)>, Value) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    let body = body.unwrap_or("");
    req.push_str(&format!("content-length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    // Bodies come whole (content-length) or chunked; a JSON body is one chunk here.
    let json = serde_json::from_str(body).unwrap_or_else(|_| {
        body.split("\r\n")
            .find_map(|chunk| serde_json::from_str(chunk).ok())
            .unwrap_or(Value::Null)
    });
    (status, headers, json)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A socket opened with extra handshake headers; `Err` carries the refusal's HTTP status.
async fn connect_with(addr: SocketAddr, headers: &[(&str, &str)]) -> Result<Ws, u16> {
    let mut req = format!("ws://{addr}/ws").into_client_request().unwrap();
    for (k, v) in headers {
        req.headers_mut().insert(
            axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            axum::http::HeaderValue::from_str(v).unwrap(),
        );
    }
    match tokio_tungstenite::connect_async(req).await {
        Ok((ws, _)) => Ok(ws),
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => Err(resp.status().as_u16()),
        Err(e) => panic!("handshake failed: {e}"),
    }
}

async fn send(ws: &mut Ws, v: Value) {
    ws.send(Message::Text(v.to_string().into())).await.unwrap();
}

/// The next JSON frame, skipping `typing`; `None` when the server closed the socket.
async fn next(ws: &mut Ws) -> Option<Value> {
    loop {
        match ws.next().await? {
            Ok(Message::Text(t)) => {
                let v: Value = serde_json::from_str(t.as_str()).unwrap();
                if v["type"] != "typing" {
                    return Some(v);
                }
            }
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Opens a socket "from" `client` (through the proxy header) and says whether the server
/// kept it (a pong) or refused it (`too_many_connections`).
async fn socket_from(addr: SocketAddr, client: &str) -> (bool, Ws) {
    let mut ws = connect_with(addr, &[("x-forwarded-for", client)])
        .await
        .unwrap();
    send(&mut ws, json!({"type":"ping"})).await;
    let answer = next(&mut ws).await.unwrap();
    match answer["type"].as_str() {
        Some("pong") => (true, ws),
        _ => {
            assert_eq!(answer["code"], "too_many_connections", "{answer}");
            (false, ws)
        }
    }
}

async fn metrics(addr: SocketAddr) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!("GET /metrics HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n");
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).await.unwrap();
    text
}

async fn metric(addr: SocketAddr, name: &str) -> f64 {
    metrics(addr)
        .await
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
        .unwrap_or_else(|| panic!("/metrics has no {name}"))
}

/// Waits (bounded) until the server has seen every close: closes are handled by the
/// server's socket tasks after the client's side is gone.
async fn until_metric(addr: SocketAddr, name: &str, want: f64) {
    for _ in 0..500 {
        if metric(addr, name).await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!(
        "{name} never reached {want} (now {})",
        metric(addr, name).await
    );
}

#[tokio::test]
async fn a_rest_flood_gets_429_with_retry_after() {
    let s = start(|c| {
        c.server.rest_requests_per_second = 0.01;
        c.server.rest_burst = 3;
    })
    .await;
    for _ in 0..3 {
        let (status, _, _) = http(s.addr, "GET", "/api/products", &[], None).await;
        assert_ne!(status, 429);
    }
    let (status, headers, body) = http(s.addr, "GET", "/api/products", &[], None).await;
    assert_eq!(status, 429, "{body}");
    let wait: u64 = header(&headers, "retry-after").unwrap().parse().unwrap();
    assert!(wait >= 1, "Retry-After {wait}");
    assert_eq!(body["error"]["code"], "rate_limited");
    assert!(body["error"]["hint"].as_str().unwrap().contains("server."));
    let (status, _, _) = http(
        s.addr,
        "POST",
        "/api/chat",
        &[("content-type", "application/json")],
        Some(r#"{"text":"hi"}"#),
    )
    .await;
    assert_eq!(status, 429, "chat shares the address's budget");
}

#[tokio::test]
async fn one_session_flooding_the_rest_chat_is_limited_alone() {
    let s = start(|c| {
        c.server.session_turns_per_second = 0.01;
        c.server.session_burst = 2;
    })
    .await;
    let chat = |session: &'static str| {
        let body = format!(r#"{{"text":"hi","session_id":"{session}"}}"#);
        async move {
            http(
                s.addr,
                "POST",
                "/api/chat",
                &[("content-type", "application/json")],
                Some(&body),
            )
            .await
        }
    };
    assert_eq!(chat("busy").await.0, 200);
    assert_eq!(chat("busy").await.0, 200);
    let (status, headers, body) = chat("busy").await;
    assert_eq!(status, 429, "{body}");
    assert!(header(&headers, "retry-after").is_some());
    assert_eq!(
        chat("calm").await.0,
        200,
        "another session is not held back"
    );
}

#[tokio::test]
async fn sockets_through_a_trusted_proxy_are_capped_per_forwarded_address() {
    let s = start(|c| {
        c.server.trusted_proxies = vec!["127.0.0.1".into()];
        c.server.max_connections_per_ip = 2;
    })
    .await;
    let mut held = Vec::new();
    // Many shoppers behind one proxy: each forwarded address gets its own places.
    for i in 1..=5 {
        for _ in 0..2 {
            let (kept, ws) = socket_from(s.addr, &format!("198.51.100.{i}")).await;
            assert!(kept, "198.51.100.{i} has places left");
            held.push(ws);
        }
    }
    let (kept, _) = socket_from(s.addr, "198.51.100.1").await;
    assert!(
        !kept,
        "a third socket from one forwarded address is refused"
    );
    // A hop the client wrote itself, left of the proxy's, changes nothing.
    let (kept, _) = socket_from(s.addr, "203.0.113.50, 198.51.100.1").await;
    assert!(!kept, "a forged leftmost hop must not buy new places");
}

#[tokio::test]
async fn an_untrusted_peers_forwarded_header_is_ignored() {
    let s = start(|c| {
        c.server.trusted_proxies = vec!["10.0.0.0/8".into()];
        c.server.max_connections_per_ip = 2;
        c.server.rest_requests_per_second = 0.01;
        c.server.rest_burst = 2;
    })
    .await;
    let (a, _ka) = socket_from(s.addr, "198.51.100.1").await;
    let (b, _kb) = socket_from(s.addr, "198.51.100.2").await;
    let (c, _) = socket_from(s.addr, "198.51.100.3").await;
    assert!(a && b);
    assert!(
        !c,
        "127.0.0.1 is not a trusted proxy: its header is the client's word"
    );
    for i in 0..2 {
        let xff = format!("192.0.2.{i}");
        let (status, _, _) = http(
            s.addr,
            "GET",
            "/api/products",
            &[("x-forwarded-for", &xff)],
            None,
        )
        .await;
        assert_ne!(status, 429);
    }
    let (status, _, _) = http(
        s.addr,
        "GET",
        "/api/products",
        &[("x-forwarded-for", "192.0.2.99")],
        None,
    )
    .await;
    assert_eq!(
        status, 429,
        "a new forged address per request must not reset the budget"
    );
}

#[tokio::test]
async fn an_idle_socket_is_closed_even_while_it_answers_pings() {
    let s = start(|c| {
        c.server.ping_interval_secs = 1;
        c.server.idle_timeout_secs = 2;
    })
    .await;
    let mut ws = connect_with(s.addr, &[]).await.unwrap();
    let closed = tokio::time::timeout(Duration::from_secs(60), async {
        let mut pings = 0;
        let mut idle_error = false;
        // tungstenite answers every ping with a pong as it reads.
        while let Some(msg) = ws.next().await {
            match msg {
                Ok(Message::Ping(_)) => pings += 1,
                Ok(Message::Text(t)) => {
                    let v: Value = serde_json::from_str(t.as_str()).unwrap();
                    idle_error |= v["code"] == "idle_timeout";
                }
                Ok(Message::Close(_)) | Err(_) => break,
                Ok(_) => {}
            }
        }
        (pings, idle_error)
    })
    .await;
    let (pings, idle_error) = closed.expect("the socket was never closed: pongs kept it open");
    assert!(pings >= 1, "the server pinged and the client answered");
    assert!(idle_error, "the close is explained with idle_timeout");
}

#[tokio::test]
async fn a_nul_session_id_is_refused_and_the_socket_stays_usable() {
    let s = start(|_| {}).await;
    let mut ws = connect_with(s.addr, &[]).await.unwrap();
    send(&mut ws, json!({"type":"hello","session_id":"S\u{0}x"})).await;
    let refused = next(&mut ws).await.unwrap();
    assert_eq!(refused["code"], "bad_session_id", "{refused}");
    send(&mut ws, json!({"type":"hello","session_id":"S"})).await;
    assert_eq!(next(&mut ws).await.unwrap()["session_id"], "S");
    let (status, _, body) = http(
        s.addr,
        "POST",
        "/api/chat",
        &[("content-type", "application/json")],
        Some(r#"{"text":"hi","session_id":"S\u0000x"}"#),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("bad_session_id"))
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415_and_changes_nothing() {
    let s = start(|_| {}).await;
    for content_type in ["text/plain", "application/x-www-form-urlencoded"] {
        let (status, _, body) = http(
            s.addr,
            "POST",
            "/api/chat",
            &[("content-type", content_type)],
            Some(r#"{"text":"hi","session_id":"csrf"}"#),
        )
        .await;
        assert_eq!(status, 415, "{content_type}: {body}");
        assert_eq!(body["error"]["code"], "unsupported_media_type");
    }
    let mut ws = connect_with(s.addr, &[]).await.unwrap();
    send(&mut ws, json!({"type":"hello","session_id":"csrf"})).await;
    let welcome = next(&mut ws).await.unwrap();
    assert!(
        welcome.get("history").is_none(),
        "nothing was recorded: {welcome}"
    );
}

#[tokio::test]
async fn a_page_from_another_origin_is_refused() {
    let s = start(|c| c.server.allowed_origins = vec!["https://shop.example".into()]).await;
    let evil = [("origin", "https://evil.example")];
    assert_eq!(connect_with(s.addr, &evil).await.err(), Some(403));
    let (status, _, body) = http(
        s.addr,
        "POST",
        "/api/chat",
        &[
            ("origin", "https://evil.example"),
            ("content-type", "application/json"),
        ],
        Some(r#"{"text":"hi"}"#),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("origin_not_allowed"))
    );
    // The shop's own page, and clients that send no Origin, are served.
    assert!(connect_with(s.addr, &[("origin", "https://shop.example")])
        .await
        .is_ok());
    assert!(connect_with(s.addr, &[]).await.is_ok());
}

#[tokio::test]
async fn long_queries_and_messages_are_refused_before_any_work() {
    let s = start(|c| {
        c.server.max_query_chars = 20;
        c.server.max_text_chars = 20;
    })
    .await;
    let q = format!("/api/products?q={}", "a".repeat(21));
    let (status, _, body) = http(s.addr, "GET", &q, &[], None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("query_too_long"))
    );
    let mut ws = connect_with(s.addr, &[]).await.unwrap();
    send(&mut ws, json!({"type":"hello"})).await;
    assert_eq!(next(&mut ws).await.unwrap()["type"], "welcome");
    send(
        &mut ws,
        json!({"type":"message","client_id":"c1","text":"b".repeat(21)}),
    )
    .await;
    assert_eq!(next(&mut ws).await.unwrap()["code"], "text_too_long");
    send(
        &mut ws,
        json!({"type":"message","client_id":"c2","text":"short"}),
    )
    .await;
    assert_eq!(next(&mut ws).await.unwrap()["type"], "reply");
}

#[tokio::test]
async fn closed_sockets_leave_the_hub() {
    let s = start(|c| c.server.max_connections_per_ip = 100).await;
    let mut open = Vec::new();
    for i in 0..40 {
        let mut ws = connect_with(s.addr, &[]).await.unwrap();
        send(
            &mut ws,
            json!({"type":"hello","session_id":format!("s{}", i % 25)}),
        )
        .await;
        assert_eq!(next(&mut ws).await.unwrap()["type"], "welcome");
        open.push(ws);
    }
    assert_eq!(metric(s.addr, "kefu_hub_sessions").await, 25.0);
    for mut ws in open {
        ws.close(None).await.unwrap();
    }
    until_metric(s.addr, "kefu_open_sockets", 0.0).await;
    assert_eq!(metric(s.addr, "kefu_hub_sessions").await, 0.0);
}

#[tokio::test]
async fn hello_without_last_seen_gets_one_page_of_history() {
    let s = start(|c| c.server.history_page = 3).await;
    let mut ws = connect_with(s.addr, &[]).await.unwrap();
    send(&mut ws, json!({"type":"hello","session_id":"long-chat"})).await;
    next(&mut ws).await.unwrap();
    for i in 0..5 {
        send(
            &mut ws,
            json!({"type":"message","client_id":format!("c{i}"),"text":format!("m{i}")}),
        )
        .await;
        assert_eq!(next(&mut ws).await.unwrap()["type"], "reply");
    }
    let mut again = connect_with(s.addr, &[]).await.unwrap();
    send(&mut again, json!({"type":"hello","session_id":"long-chat"})).await;
    let welcome = next(&mut again).await.unwrap();
    let history = welcome["history"].as_array().unwrap();
    assert_eq!(history.len(), 3, "{welcome}");
    // The latest page: the last reply, the last message before it, and its reply.
    assert_eq!(history[1]["text"], "m4");
    assert_eq!(history[2]["frame"]["text"], "you said: m4");
}

/// The real dialogue: while a person has the chat, a button press gets no answer from the
/// assistant; a button naming an unknown intent is refused and is no metric label; an
/// agent reply without the token is 401 even with a body that would not parse.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_action_during_a_handoff_stays_quiet() {
    const TOKEN: &str = "agent-token-for-limits-0123";
    let data = tempfile::tempdir().unwrap();
    let kefu_parts = crate::dialogue::start(data.path());
    let store = Store::open(data.path().join("transport")).unwrap();
    let mut config = Config::default();
    config.admin.token = Some(TOKEN.into());
    let chat: Arc<dyn ChatService> = Arc::new(kefu_parts.dialogue);
    let state = AppState::new(Arc::new(config), store, Some(chat)).unwrap();
    let addr = crate::support::serve(state).await;

    let mut ws = connect_with(addr, &[]).await.unwrap();
    send(
        &mut ws,
        json!({"type":"hello","session_id":"needs-a-person"}),
    )
    .await;
    next(&mut ws).await.unwrap();
    send(
        &mut ws,
        json!({"type":"action","payload":"/made_up_intent_x"}),
    )
    .await;
    assert_eq!(next(&mut ws).await.unwrap()["code"], "bad_input");
    send(
        &mut ws,
        json!({"type":"message","client_id":"c1","text":"i want to talk to a human"}),
    )
    .await;
    let reply = next(&mut ws).await.unwrap();
    assert_eq!(reply["handoff"], true, "{reply}");
    assert_eq!(next(&mut ws).await.unwrap()["type"], "handoff");

    send(
        &mut ws,
        json!({"type":"action","payload":"/greet","client_id":"b1"}),
    )
    .await;
    let (status, _, _) = http(
        addr,
        "POST",
        "/admin/sessions/needs-a-person/reply",
        &[("content-type", "application/json")],
        Some("{not json"),
    )
    .await;
    assert_eq!(status, 401, "the token is checked before the body");
    let auth = format!("Bearer {TOKEN}");
    let (status, _, body) = http(
        addr,
        "POST",
        "/admin/sessions/needs-a-person/reply",
        &[
            ("content-type", "application/json"),
            ("authorization", &auth),
        ],
        Some(r#"{"text":"Hi, Ana here."}"#),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let frame = next(&mut ws).await.unwrap();
    assert_eq!(
        frame["type"], "agent_message",
        "the assistant must not answer a button while an agent has the chat: {frame}"
    );
    assert_eq!(metric(addr, "kefu_dialogue_busy_sessions").await, 0.0);
    let text = metrics(addr).await;
    assert!(
        !text.contains("made_up"),
        "a client-written intent became a label"
    );
}
