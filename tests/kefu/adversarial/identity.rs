//! Who a shopper is, attacked: the real server (real dialogue, NLU, sled) on a real port,
//! spoken to over a real socket and real HTTP. A client's `user_id` buys nothing, forged
//! tokens are refused with their code, a signed owner sees and changes their orders, an
//! anonymous shopper sees one only with its email, and sessions merge on sign-in but are
//! never taken from their owner.

use futures::SinkExt;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message;

use kefu::behavior::{EventLog, Subject};
use kefu::config::Config;
use kefu::dialogue::{ChatService, Dialogue};
use kefu::identity::IdentityKey;
use kefu::knowledge::LiveGraph;
use kefu::store::Store;
use kefu::types::UserId;

use crate::dialogue::{shared, start};
use crate::support::{next_frame, serve, Ws};

const SECRET: &str = "adversarial-identity-secret";
// From the demo order book (knowledge/orders.jsonl).
const PAID_ORDER: &str = "KF-20261031"; // u-1005's, paid: it can still be cancelled
const PAID_OWNER: &str = "u-1005";
const PLACED_ORDER: &str = "KF-20261024"; // u-1004's
const PLACED_EMAIL: &str = "kenji.mori@example.com";

struct Server {
    addr: SocketAddr,
    dialogue: Arc<Dialogue>,
    events: Arc<EventLog>,
    graph: Arc<LiveGraph>,
    _data: tempfile::TempDir,
}

/// kefu with the shop's identity secret set, on a free port.
async fn server() -> Server {
    let data = tempfile::tempdir().unwrap();
    let parts = start(data.path());
    let (events, graph) = (parts.events.clone(), parts.graph.clone());
    let dialogue = Arc::new(parts.dialogue);
    let chat: Arc<dyn ChatService> = dialogue.clone();
    let mut config = Config::default();
    config.server.identity_secret = Some(SECRET.into());
    let store = Store::open(data.path().join("transport")).unwrap();
    let state = kefu::AppState::new(Arc::new(config), store, Some(chat)).unwrap();
    state.metrics.watch_nlu(shared().nlu.stats());
    Server {
        addr: serve(state).await,
        dialogue,
        events,
        graph,
        _data: data,
    }
}

fn token(user: &str) -> String {
    let expires = chrono::Utc::now().timestamp() + 600;
    IdentityKey::new(SECRET)
        .unwrap()
        .sign(user, expires)
        .unwrap()
}

async fn socket(addr: SocketAddr) -> Ws {
    tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
        .await
        .unwrap()
        .0
}

async fn send(ws: &mut Ws, frame: Value) {
    ws.send(Message::Text(frame.to_string().into()))
        .await
        .unwrap();
}

/// Says hello and returns the server's answer (a welcome or an error).
async fn hello(ws: &mut Ws, frame: Value) -> Value {
    send(ws, frame).await;
    next_frame(ws).await
}

/// Types `text` and returns the reply's text (or the error frame, as text).
async fn say(ws: &mut Ws, id: &str, text: &str) -> String {
    send(ws, json!({"type":"message","client_id":id,"text":text})).await;
    let frame = next_frame(ws).await;
    match frame["type"].as_str() {
        Some("reply") => frame["text"].as_str().unwrap().to_string(),
        _ => frame.to_string(),
    }
}

/// One HTTP/1.1 request over a real connection: the status and the JSON body.
async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> (u16, Value) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut req = format!("{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() {
        req.push_str(&format!(
            "content-type: application/json\r\ncontent-length: {}\r\n",
            body.len()
        ));
    }
    req.push_str("\r\n");
    req.push_str(&body);
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let raw = String::from_utf8_lossy(&raw);
    let status = raw[9..12].parse().unwrap();
    let json = raw
        .split_once("\r\n\r\n")
        .and_then(|(_, b)| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    (status, json)
}

async fn chat(addr: SocketAddr, body: Value) -> (u16, Value) {
    http(addr, "POST", "/api/chat", &[], Some(body)).await
}

/// The status of `order` as its signed-in owner hears it.
async fn owner_sees(addr: SocketAddr, owner: &str, order: &str) -> String {
    let mut ws = socket(addr).await;
    assert_eq!(
        hello(&mut ws, json!({"type":"hello","identity":token(owner)})).await["type"],
        "welcome"
    );
    say(&mut ws, "o1", &format!("where is my order {order}")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_typed_user_id_shows_no_order_and_changes_nothing() {
    let kefu = server().await;
    let mut ws = socket(kefu.addr).await;
    let refused = hello(&mut ws, json!({"type":"hello","user_id":PAID_OWNER})).await;
    assert_eq!(refused["code"], "unsigned_user", "{refused}");

    // The socket goes on as an anonymous shopper.
    let welcome = hello(&mut ws, json!({"type":"hello"})).await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    let cancel = say(&mut ws, "m1", &format!("cancel order {PAID_ORDER}")).await;
    assert!(cancel.contains("sign in"), "{cancel}");
    assert!(!cancel.contains("paid"), "{cancel}");
    let yes = say(&mut ws, "m2", "yes").await;
    assert!(!yes.contains("cancelled"), "{yes}");
    let status = say(&mut ws, "m3", &format!("where is my order {PAID_ORDER}")).await;
    assert!(
        status.contains("email address"),
        "asked for the email: {status}"
    );
    assert!(!status.contains("paid"), "{status}");

    // REST: a user id is refused outright; without one, nothing is shown.
    let (code, body) = chat(
        kefu.addr,
        json!({"user_id":PAID_OWNER,"text":format!("cancel order {PAID_ORDER}")}),
    )
    .await;
    assert_eq!(
        (code, body["error"]["code"].as_str()),
        (400, Some("unsigned_user")),
        "{body}"
    );
    let (code, body) = chat(
        kefu.addr,
        json!({"text":format!("where is my order {PAID_ORDER}")}),
    )
    .await;
    assert_eq!(code, 200);
    let text = body["replies"][0]["text"].as_str().unwrap();
    assert!(
        !text.contains("paid") && text.contains("email address"),
        "{text}"
    );

    // Nothing changed: the owner still sees the order paid.
    let seen = owner_sees(kefu.addr, PAID_OWNER, PAID_ORDER).await;
    assert!(seen.contains(PAID_ORDER) && seen.contains("paid"), "{seen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_expired_and_foreign_tokens_are_refused_with_their_code() {
    let kefu = server().await;
    let key = IdentityKey::new(SECRET).unwrap();
    let now = chrono::Utc::now().timestamp();
    let good = key.sign(PAID_OWNER, now + 600).unwrap();
    let (payload, _) = good.rsplit_once('.').unwrap();
    let foreign = IdentityKey::new("some-other-shops-secret")
        .unwrap()
        .sign(PAID_OWNER, now + 600)
        .unwrap();
    let cases = [
        (key.sign(PAID_OWNER, now - 5).unwrap(), "identity_expired"),
        (foreign, "identity_bad_signature"),
        (
            format!("{payload}.{}", "A".repeat(43)),
            "identity_bad_signature",
        ),
        (
            good.replacen(&payload[..payload.find('.').unwrap()], "dS0xMDAx", 1),
            "identity_bad_signature",
        ),
        ("u-1005".to_string(), "identity_malformed"),
        (format!("{good}.{good}"), "identity_malformed"),
        ("x".repeat(600), "identity_too_long"),
    ];
    let mut ws = socket(kefu.addr).await;
    for (token, code) in &cases {
        let answer = hello(&mut ws, json!({"type":"hello","identity":token})).await;
        assert_eq!(answer["code"], *code, "{token}: {answer}");
        let (status, body) = chat(
            kefu.addr,
            json!({"identity":token,"text":"where is my order"}),
        )
        .await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (401, Some(*code)),
            "{body}"
        );
    }
    // After all that the socket still works, and a good token still opens a session.
    assert_eq!(
        hello(&mut ws, json!({"type":"hello","identity":good})).await["type"],
        "welcome"
    );

    // A server with no secret checks no tokens: it says so instead of trusting one.
    let data = tempfile::tempdir().unwrap();
    let state = kefu::AppState::new(
        Arc::new(Config::default()),
        Store::open(data.path()).unwrap(),
        None,
    )
    .unwrap();
    let addr = serve(state).await;
    let mut ws = socket(addr).await;
    let answer = hello(&mut ws, json!({"type":"hello","identity":good})).await;
    assert_eq!(answer["code"], "identity_unavailable", "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_owner_sees_their_order_and_can_cancel_it() {
    let kefu = server().await;
    let mut ws = socket(kefu.addr).await;
    let welcome = hello(
        &mut ws,
        json!({"type":"hello","identity":token(PAID_OWNER)}),
    )
    .await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    let status = say(&mut ws, "m1", &format!("where is my order {PAID_ORDER}")).await;
    assert!(
        status.contains(PAID_ORDER) && status.contains("paid"),
        "{status}"
    );
    let ask = say(&mut ws, "m2", &format!("please cancel order {PAID_ORDER}")).await;
    assert!(ask.contains("cancel it?"), "{ask}");
    let done = say(&mut ws, "m3", "yes").await;
    assert!(done.contains("cancelled"), "{done}");
    let seen = owner_sees(kefu.addr, PAID_OWNER, PAID_ORDER).await;
    assert!(seen.contains("cancelled"), "{seen}");

    // Signed in as someone else, the order can be neither seen without its email nor changed.
    let mut other = socket(kefu.addr).await;
    hello(
        &mut other,
        json!({"type":"hello","identity":token("u-1001")}),
    )
    .await;
    let refused = say(&mut other, "x1", &format!("cancel order {PLACED_ORDER}")).await;
    assert!(refused.contains("isn't on the account"), "{refused}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_shopper_sees_an_order_with_its_email_and_not_without() {
    let kefu = server().await;
    let mut ws = socket(kefu.addr).await;
    assert_eq!(
        hello(&mut ws, json!({"type":"hello"})).await["type"],
        "welcome"
    );
    let ask = say(&mut ws, "m1", &format!("where is my order {PLACED_ORDER}")).await;
    assert!(
        ask.contains("email address") && !ask.contains("placed on"),
        "{ask}"
    );
    let wrong = say(&mut ws, "m2", "it's someone@example.com").await;
    assert!(
        wrong.contains("doesn't match") && !wrong.contains("placed on"),
        "{wrong}"
    );
    let again = say(&mut ws, "m3", &format!("where is my order {PLACED_ORDER}")).await;
    assert!(again.contains("email address"), "{again}");
    let shown = say(&mut ws, "m4", &format!("my email is {PLACED_EMAIL}")).await;
    assert!(
        shown.contains(PLACED_ORDER) && shown.contains("placed on"),
        "{shown}"
    );
    // Seeing is not owning: cancelling needs the shop's sign-in.
    let cancel = say(&mut ws, "m5", "cancel it").await;
    assert!(cancel.contains("sign in"), "{cancel}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_merges_the_session_and_nobody_else_can_take_it() {
    let kefu = server().await;
    let owner = "u-1004";
    let mut anon = socket(kefu.addr).await;
    let welcome = hello(&mut anon, json!({"type":"hello"})).await;
    let session = welcome["session_id"].as_str().unwrap().to_string();
    let first = say(&mut anon, "a1", "show me tents").await;
    assert!(!first.contains("\"type\":\"error\""), "{first}");
    // What the guest looked at is behaviour of the session for now.
    let viewed = kefu.graph.graph().products()[0].id.clone();
    send(
        &mut anon,
        json!({"type":"event","event":{"id":"guest-view-1","kind":"view","product":viewed.as_str()}}),
    )
    .await;
    let ack = next_frame(&mut anon).await;
    assert_eq!(ack["type"], "ack", "{ack}");

    // The same browser signs in: the session becomes the owner's, its history kept.
    let mut signed = socket(kefu.addr).await;
    let welcome = hello(
        &mut signed,
        json!({"type":"hello","session_id":session,"identity":token(owner)}),
    )
    .await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    assert!(
        welcome["history"].to_string().contains("show me tents"),
        "{welcome}"
    );
    let tracker = kefu.dialogue.tracker(&session).unwrap().unwrap();
    assert_eq!(tracker.user.as_deref(), Some(owner));
    // ... and the guest's behaviour is the user's now.
    let profile = kefu
        .events
        .profile(&Subject::User(UserId::new(owner)))
        .unwrap()
        .expect("the guest's profile moved to the user");
    assert!(
        profile.recent_views.iter().any(|(p, _)| *p == viewed),
        "{:?}",
        profile.recent_views
    );
    let status = say(
        &mut signed,
        "s1",
        &format!("where is my order {PLACED_ORDER}"),
    )
    .await;
    assert!(
        status.contains("placed on"),
        "the owner needs no email now: {status}"
    );

    // The anonymous socket that was on it can no longer write into it.
    let late = say(&mut anon, "a2", "attacker text on the old socket").await;
    assert!(late.contains("session_owned"), "{late}");

    // Nobody else can take it: another user's token, an anonymous hello, a typed user id.
    for frame in [
        json!({"type":"hello","session_id":session,"identity":token("u-1001")}),
        json!({"type":"hello","session_id":session}),
        json!({"type":"hello","session_id":session,"user_id":owner}),
    ] {
        let mut ws = socket(kefu.addr).await;
        let answer = hello(&mut ws, frame.clone()).await;
        assert_eq!(answer["type"], "error", "{frame}: {answer}");
        let code = answer["code"].as_str().unwrap();
        assert!(
            code == "session_owned" || code == "unsigned_user",
            "{answer}"
        );
        assert!(
            !answer.to_string().contains("tents"),
            "no history leaks: {answer}"
        );
    }
    for body in [
        json!({"session_id":session,"text":"attacker text over rest"}),
        json!({"session_id":session,"identity":token("u-1001"),"text":"attacker text over rest"}),
    ] {
        let (status, answer) = chat(kefu.addr, body).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (403, Some("session_owned")),
            "{answer}"
        );
    }
    let tracker = kefu.dialogue.tracker(&session).unwrap().unwrap();
    assert_eq!(tracker.user.as_deref(), Some(owner));

    // The owner's history holds none of the attackers' words.
    let mut again = socket(kefu.addr).await;
    let welcome = hello(
        &mut again,
        json!({"type":"hello","session_id":session,"identity":token(owner)}),
    )
    .await;
    let history = welcome["history"].to_string();
    assert!(history.contains("show me tents"), "{history}");
    assert!(!history.contains("attacker text"), "{history}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_identity_is_for_this_machine_only() {
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let mut config = Config::default();
    config.server.demo_user = Some("u-1001".into());
    config.validate().unwrap();
    let addr =
        serve(kefu::AppState::new(Arc::new(config.clone()), store.clone(), None).unwrap()).await;
    let (status, body) = http(addr, "GET", "/api/demo/identity", &[], None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user_id"], "u-1001");
    let mut ws = socket(addr).await;
    let welcome = hello(&mut ws, json!({"type":"hello","identity":body["identity"]})).await;
    assert_eq!(
        welcome["type"], "welcome",
        "the server accepts its own demo token: {welcome}"
    );
    for proxy in ["x-forwarded-for", "forwarded", "x-real-ip"] {
        let (status, body) = http(
            addr,
            "GET",
            "/api/demo/identity",
            &[(proxy, "203.0.113.9")],
            None,
        )
        .await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (403, Some("demo_identity_local_only")),
            "{proxy}"
        );
    }

    // A real install cannot turn it on: with a secret, or bound beyond loopback.
    let mut real = config.clone();
    real.server.identity_secret = Some(SECRET.into());
    assert!(real
        .validate()
        .unwrap_err()
        .to_string()
        .contains("server.demo_user"));
    let mut public = config.clone();
    public.server.bind = "0.0.0.0:8080".into();
    assert!(public
        .validate()
        .unwrap_err()
        .to_string()
        .contains("loopback"));
    // And without the demo the route is not there.
    let plain = serve(kefu::AppState::new(Arc::new(Config::default()), store, None).unwrap()).await;
    assert_eq!(
        http(plain, "GET", "/api/demo/identity", &[], None).await.0,
        404
    );
}

/// The recipes of docs/security.md, run as a shop would run them, make tokens kefu accepts.
#[test]
fn the_documented_recipes_sign_tokens_kefu_accepts() {
    let doc = std::fs::read_to_string("docs/security.md").unwrap();
    let block = |lang: &str| -> String {
        let start = doc
            .find(&format!("```{lang}\n"))
            .unwrap_or_else(|| panic!("docs/security.md has a {lang} recipe"));
        let rest = &doc[start + lang.len() + 4..];
        rest[..rest.find("```").unwrap()].to_string()
    };
    let key = IdentityKey::new(SECRET).unwrap();
    let now = chrono::Utc::now().timestamp();
    let run = |program: &str, args: &[&str], code: String| -> String {
        let out = std::process::Command::new(program)
            .args(args)
            .arg(code)
            .output()
            .unwrap_or_else(|e| panic!("{program} runs: {e}"));
        assert!(
            out.status.success(),
            "{program}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let python = run(
        "python3",
        &["-c"],
        format!(
            "{}\nprint(kefu_identity('käufer-7', '{SECRET}'))",
            block("python")
        ),
    );
    assert_eq!(
        key.verify(&python, now).unwrap().as_str(),
        "käufer-7",
        "{python}"
    );
    let node = run(
        "node",
        &["-e"],
        format!(
            "{}\nconsole.log(kefuIdentity('käufer-7', '{SECRET}'))",
            block("js")
        ),
    );
    assert_eq!(
        key.verify(&node, now).unwrap().as_str(),
        "käufer-7",
        "{node}"
    );
    // The Python recipe agrees with kefu byte for byte on a fixed expiry.
    let fixed = run(
        "python3",
        &["-c"],
        format!(
            "{}\nimport time\ntime.time = lambda: 1799996400\nprint(kefu_identity('u-1001', 'test-identity-secret-0123'))",
            block("python")
        ),
    );
    assert_eq!(
        fixed,
        IdentityKey::new("test-identity-secret-0123")
            .unwrap()
            .sign("u-1001", 1_800_000_000)
            .unwrap()
    );
}
