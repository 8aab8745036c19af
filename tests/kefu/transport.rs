//! The wire protocol against the real server on a real socket. The dialogue behind it is a
//! stand-in that echoes (the dialogue manager is issue #7): these tests prove framing,
//! limits, logging and replay, not conversation.

use futures::{SinkExt, StreamExt};
use kefu::config::Config;
use kefu::dialogue::{ChatService, DialogueError, HandoffSummary, Turn, TurnInput};
use kefu::store::Store;
use kefu::types::Reply;
use kefu::types::SessionId;
use kefu::{app, AppState};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio_tungstenite::tungstenite::Message;

struct Echo;

impl ChatService for Echo {
    fn turn(
        &self,
        turn: Turn,
    ) -> futures::future::BoxFuture<'_, Result<Vec<Reply>, DialogueError>> {
        Box::pin(async move {
            let text = match turn.input {
                TurnInput::Text { text } => format!("you said: {text}"),
                TurnInput::Action { payload } => format!("pressed: {payload}"),
                _ => return Ok(vec![]),
            };
            Ok(vec![Reply {
                id: uuid::Uuid::new_v4().to_string(),
                text,
                products: vec![],
                quick_replies: vec![],
                intent: Some("echo".into()),
                confidence: Some(1.0),
                handoff: false,
                cart: None,
            }])
        })
    }

    fn handoffs(&self) -> Result<Vec<HandoffSummary>, DialogueError> {
        Ok(vec![])
    }

    fn release<'a>(
        &'a self,
        _: &'a SessionId,
    ) -> futures::future::BoxFuture<'a, Result<bool, DialogueError>> {
        Box::pin(async { Ok(false) })
    }
}

struct Server {
    addr: SocketAddr,
    state: AppState,
    _data: tempfile::TempDir,
}

async fn start(tune: impl FnOnce(&mut Config)) -> Server {
    let data = tempfile::tempdir().unwrap();
    let mut config = Config::default();
    tune(&mut config);
    let store = Store::open(data.path()).unwrap();
    let state = AppState::new(Arc::new(config), store, Some(Arc::new(Echo))).unwrap();
    let addr = crate::support::serve(state.clone()).await;
    Server {
        addr,
        state,
        _data: data,
    }
}

use crate::support::Ws;

async fn connect(addr: SocketAddr) -> Ws {
    let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
        .await
        .unwrap();
    ws
}

async fn send(ws: &mut Ws, v: Value) {
    ws.send(Message::Text(v.to_string().into())).await.unwrap();
}

/// The next JSON frame, skipping `typing` and socket pings.
async fn next(ws: &mut Ws) -> Value {
    loop {
        match ws.next().await.expect("socket closed").unwrap() {
            Message::Text(t) => {
                let v: Value = serde_json::from_str(t.as_str()).unwrap();
                if v["type"] != "typing" {
                    return v;
                }
            }
            Message::Close(_) => panic!("server closed the socket"),
            _ => {}
        }
    }
}

#[tokio::test]
async fn hello_message_reply_with_ids() {
    let s = start(|_| {}).await;
    let mut ws = connect(s.addr).await;
    send(&mut ws, json!({"type":"hello","locale":"en"})).await;
    let welcome = next(&mut ws).await;
    assert_eq!(welcome["type"], "welcome");
    assert_eq!(welcome["protocol"], 1);
    assert!(welcome["session_id"].as_str().unwrap().len() >= 16);

    send(
        &mut ws,
        json!({"type":"message","client_id":"c1","text":"red shoes"}),
    )
    .await;
    let reply = next(&mut ws).await;
    assert_eq!(reply["type"], "reply");
    assert_eq!(reply["in_reply_to"], "c1");
    assert_eq!(reply["text"], "you said: red shoes");
    assert!(reply["seq"].as_u64().is_some());
    assert!(reply["id"].as_str().is_some());
}

#[tokio::test]
async fn malformed_frames_get_errors_and_the_socket_stays_usable() {
    let s = start(|_| {}).await;
    let mut ws = connect(s.addr).await;
    let cases: Vec<(Message, &str)> = vec![
        (Message::Text("{not json".into()), "bad_json"),
        (Message::Text(r#"{"type":"dance"}"#.into()), "unknown_type"),
        (
            Message::Text(r#"{"type":"message","text":"hi"}"#.into()),
            "missing_field",
        ),
        (
            Message::Text(r#"{"client_id":"x"}"#.into()),
            "missing_field",
        ),
        (Message::Binary(vec![1u8, 2, 3].into()), "binary_frame"),
        (
            Message::Text(
                json!({"type":"message","client_id":"big","text":"x".repeat(9000)})
                    .to_string()
                    .into(),
            ),
            "frame_too_large",
        ),
    ];
    for (msg, code) in cases {
        ws.send(msg).await.unwrap();
        let err = next(&mut ws).await;
        assert_eq!(err["type"], "error", "{err}");
        assert_eq!(err["code"], code, "{err}");
        assert!(!err["message"].as_str().unwrap().is_empty());
    }
    send(
        &mut ws,
        json!({"type":"message","client_id":"ok","text":"still there?"}),
    )
    .await;
    // A message before any hello opens a session implicitly.
    assert_eq!(next(&mut ws).await["type"], "welcome");
    let reply = next(&mut ws).await;
    assert_eq!(reply["text"], "you said: still there?");

    let metrics = s.state.metrics.render();
    assert!(
        metrics.contains("kefu_errors_total{code=\"bad_json\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("kefu_turns_total 1"), "{metrics}");
}

#[tokio::test]
async fn rate_limit_answers_with_an_error_code() {
    let s = start(|c| {
        c.server.messages_per_second = 0.5;
        c.server.burst_messages = 3;
    })
    .await;
    let mut ws = connect(s.addr).await;
    for i in 0..6 {
        send(&mut ws, json!({"type":"ping","n":i})).await;
    }
    let mut codes = Vec::new();
    for _ in 0..6 {
        let f = next(&mut ws).await;
        codes.push(if f["type"] == "error" {
            f["code"].as_str().unwrap().to_string()
        } else {
            f["type"].as_str().unwrap().to_string()
        });
    }
    assert_eq!(
        codes.iter().filter(|c| *c == "pong").count(),
        3,
        "{codes:?}"
    );
    assert_eq!(
        codes.iter().filter(|c| *c == "rate_limited").count(),
        3,
        "{codes:?}"
    );
}

#[tokio::test]
async fn connections_per_address_are_capped() {
    let s = start(|c| c.server.max_connections_per_ip = 2).await;
    let mut a = connect(s.addr).await;
    let mut b = connect(s.addr).await;
    send(&mut a, json!({"type":"ping"})).await;
    send(&mut b, json!({"type":"ping"})).await;
    assert_eq!(next(&mut a).await["type"], "pong");
    assert_eq!(next(&mut b).await["type"], "pong");
    let mut c = connect(s.addr).await;
    let refused = next(&mut c).await;
    assert_eq!(refused["code"], "too_many_connections");
    drop(a);
    drop(c);
    // A freed place can be taken again: poll until the server has seen the close.
    let mut ok = false;
    for _ in 0..50 {
        let mut d = connect(s.addr).await;
        send(&mut d, json!({"type":"ping"})).await;
        if next(&mut d).await["type"] == "pong" {
            ok = true;
            break;
        }
        tokio::task::yield_now().await;
    }
    assert!(ok, "a closed connection must free its place");
}

#[tokio::test]
async fn reconnect_with_last_seen_replays_what_was_missed_in_order() {
    let s = start(|_| {}).await;
    let mut ws = connect(s.addr).await;
    send(&mut ws, json!({"type":"hello"})).await;
    let session = next(&mut ws).await["session_id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut seqs = Vec::new();
    for i in 1..=3 {
        send(
            &mut ws,
            json!({"type":"message","client_id":format!("c{i}"),"text":format!("m{i}")}),
        )
        .await;
        seqs.push(next(&mut ws).await["seq"].as_u64().unwrap());
    }
    drop(ws);

    let mut ws = connect(s.addr).await;
    send(
        &mut ws,
        json!({"type":"hello","session_id":session,"last_seen":seqs[0]}),
    )
    .await;
    let welcome = next(&mut ws).await;
    assert_eq!(welcome["session_id"], session.as_str());
    let r2 = next(&mut ws).await;
    let r3 = next(&mut ws).await;
    assert_eq!(
        (r2["text"].as_str(), r3["text"].as_str()),
        (Some("you said: m2"), Some("you said: m3"))
    );
    assert_eq!(r2["seq"].as_u64(), Some(seqs[1]));

    // Without last_seen the welcome carries the whole history (user lines and replies).
    let mut ws = connect(s.addr).await;
    send(&mut ws, json!({"type":"hello","session_id":session})).await;
    let welcome = next(&mut ws).await;
    let history = welcome["history"].as_array().unwrap();
    assert_eq!(history.len(), 6, "{history:?}");
    assert_eq!(history[0]["from"], "user");
    assert_eq!(history[0]["text"], "m1");
}

#[tokio::test]
async fn rest_chat_answers_and_rejects_bad_bodies() {
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let s = start(|_| {}).await;
    let call = |body: String| {
        let router = app(s.state.clone());
        async move {
            let resp = router
                .oneshot(
                    axum::http::Request::post("/api/chat")
                        .header("content-type", "application/json")
                        .body(axum::body::Body::from(body))
                        .unwrap(),
                )
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let bytes = resp.into_body().collect().await.unwrap().to_bytes();
            (status, serde_json::from_slice::<Value>(&bytes).unwrap())
        }
    };
    let (status, body) = call(json!({"text":"hello there"}).to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["replies"][0]["text"], "you said: hello there");
    let session = body["session_id"].as_str().unwrap().to_string();
    let (_, again) = call(json!({"text":"again","session_id":session}).to_string()).await;
    assert_eq!(again["session_id"], session.as_str());

    let (status, body) = call("{oops".into()).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("bad_json"))
    );
    let (status, body) = call(json!({"text":"x".repeat(10_000)}).to_string()).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (413, Some("frame_too_large"))
    );
    let (status, body) = call(json!({"text":"  "}).to_string()).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("empty_message"))
    );
}

#[tokio::test]
async fn products_api_lists_filters_and_names_unknown_ids() {
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let live = kefu::knowledge::LiveGraph::open(std::path::Path::new("knowledge"), None).unwrap();
    let state = AppState::new(Arc::new(Config::default()), store, None)
        .unwrap()
        .with_knowledge(live.clone());
    let get = |uri: String| {
        let router = app(state.clone());
        async move {
            let resp = router
                .oneshot(
                    axum::http::Request::get(uri)
                        .body(axum::body::Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let bytes = resp.into_body().collect().await.unwrap().to_bytes();
            (status, serde_json::from_slice::<Value>(&bytes).unwrap())
        }
    };
    let graph = live.graph();
    let (status, all) = get("/api/products".into()).await;
    assert_eq!(status, 200);
    assert_eq!(
        all["total"].as_u64().unwrap() as usize,
        graph.products().len()
    );

    let (_, watches) = get("/api/products?category=smartwatches&limit=3".into()).await;
    let expected = graph.products_in_category("smartwatches", true).len();
    assert_eq!(watches["total"].as_u64().unwrap() as usize, expected);
    let listed = watches["products"].as_array().unwrap();
    assert_eq!(listed.len(), 3.min(expected));
    for p in listed {
        let id = p["id"].as_str().unwrap();
        assert_eq!(graph.product(id).unwrap().category, "smartwatches");
    }

    let first = &graph.products()[0];
    let (status, one) = get(format!("/api/products/{}", first.id)).await;
    assert_eq!(status, 200);
    assert_eq!(one["name"], first.name.as_str());
    assert!(one["facts"].is_array());

    let (status, missing) = get("/api/products/no-such-thing".into()).await;
    assert_eq!(
        (status, missing["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
    let (status, _) = get("/api/products?category=no-such-category".into()).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_openapi_document_describes_every_rest_route() {
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let s = start(|_| {}).await;
    let resp = app(s.state.clone())
        .oneshot(
            axum::http::Request::get("/openapi.yaml")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let doc: serde_yaml::Value = serde_yaml::from_slice(&bytes).expect("valid YAML");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/chat",
        "/api/products",
        "/api/products/{id}",
        "/api/events",
        "/healthz",
        "/metrics",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} is not described");
    }
}
