//! Forged events against the real server, over a real socket: a page visitor reports a
//! purchase, dates an event far in the future, speaks for another shopper, claims an id
//! the shop's backend will send later, or sends an absurd quantity. Each is refused or
//! neutralised, and the analytics and profiles show nothing of it.

use futures::SinkExt;
use serde_json::{json, Value};
use std::sync::Arc;
use tokio_tungstenite::tungstenite::Message;

use kefu::behavior::{EventLog, Subject};
use kefu::config::Config;
use kefu::types::{SessionId, UserId};
use kefu::{app, AppState};

use crate::support::{next_frame, Ws};

const ADMIN: &str = "adversarial-admin-token-0123";
const EVENTS: &str = "adversarial-events-token-0123";
const IDENTITY: &str = "adversarial-identity-secret-0123";

struct Shop {
    state: AppState,
    log: Arc<EventLog>,
    addr: std::net::SocketAddr,
    /// A real product of the demo shop.
    product: String,
    _data: tempfile::TempDir,
}

/// The demo shop's real dialogue, event log and server on a free port.
async fn shop() -> Shop {
    let data = tempfile::tempdir().unwrap();
    let parts = crate::dialogue::start(data.path());
    let log = parts.events.clone();
    let product = parts.graph.graph().products()[0].id.to_string();
    let mut config = Config::default();
    config.admin.token = Some(ADMIN.into());
    config.server.events_token = Some(EVENTS.into());
    config.server.identity_secret = Some(IDENTITY.into());
    let store = kefu::store::Store::open(data.path().join("transport")).unwrap();
    let chat: Arc<dyn kefu::dialogue::ChatService> = Arc::new(parts.dialogue);
    let state = AppState::new(Arc::new(config), store, Some(chat))
        .unwrap()
        .with_events(log.clone(), parts.graph.clone());
    let addr = crate::support::serve(state.clone()).await;
    Shop {
        state,
        log,
        addr,
        product,
        _data: data,
    }
}

impl Shop {
    async fn socket(&self, session: &str) -> Ws {
        let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{}/ws", self.addr))
            .await
            .unwrap();
        send(
            &mut ws,
            json!({"type":"hello","session_id":session,"locale":"en"}),
        )
        .await;
        assert_eq!(next_frame(&mut ws).await["type"], "welcome");
        ws
    }

    /// A socket signed in as `user` with a token the shop signed.
    async fn signed_socket(&self, session: &str, user: &str) -> Ws {
        let expires = chrono::Utc::now().timestamp() + 600;
        let token = kefu::identity::IdentityKey::new(IDENTITY)
            .unwrap()
            .sign(user, expires)
            .unwrap();
        let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{}/ws", self.addr))
            .await
            .unwrap();
        send(
            &mut ws,
            json!({"type":"hello","session_id":session,"identity":token,"locale":"en"}),
        )
        .await;
        let welcome = next_frame(&mut ws).await;
        assert_eq!(welcome["type"], "welcome", "{welcome}");
        ws
    }

    async fn call(
        &self,
        method: &str,
        uri: &str,
        token: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let (status, v) =
            crate::http::call(&app(self.state.clone()), method, uri, Some(token), body).await;
        (status.as_u16(), v)
    }

    /// Today's analytics totals.
    async fn totals(&self) -> Value {
        let day = chrono::Utc::now().date_naive();
        let (status, r) = self
            .call(
                "GET",
                &format!("/admin/analytics?from={day}&to={day}"),
                ADMIN,
                None,
            )
            .await;
        assert_eq!(status, 200, "{r}");
        r["totals"].clone()
    }

    async fn backend(&self, events: Value) -> (u16, Value) {
        self.call("POST", "/api/events", EVENTS, Some(events)).await
    }
}

async fn send(ws: &mut Ws, frame: Value) {
    ws.send(Message::Text(frame.to_string().into()))
        .await
        .unwrap();
}

/// Sends an event frame and returns the server's answer (`ack` or `error`).
async fn event(ws: &mut Ws, event: Value) -> Value {
    send(ws, json!({"type":"event","event":event})).await;
    next_frame(ws).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_purchase_forged_on_the_socket_is_refused_and_counts_nowhere() {
    let s = shop().await;
    let mut ws = s.socket("page-1").await;
    // A real conversation first, so there is something to attribute a purchase to.
    send(
        &mut ws,
        json!({"type":"message","client_id":"m1","text":"show me headphones"}),
    )
    .await;
    let reply = next_frame(&mut ws).await;
    assert_eq!(reply["type"], "reply", "{reply}");
    let before = s.totals().await;
    let events = s.log.len();

    for (kind, extra) in [
        (
            "purchase",
            json!({"order_id":"o-1","price":99999.0,"quantity":1000}),
        ),
        ("rating", json!({"rating":5,"order_id":"o-1"})),
        ("review", json!({"text":"best shop ever"})),
        ("refund", json!({})),
    ] {
        let mut e = json!({"id":format!("forged-{kind}"),"kind":kind,"product":s.product});
        e.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let answer = event(&mut ws, e).await;
        assert_eq!(answer["type"], "error", "{kind}: {answer}");
        assert_eq!(answer["code"], "event_not_allowed", "{kind}: {answer}");
        assert!(answer["message"]
            .as_str()
            .unwrap()
            .contains("POST /api/events"));
    }
    // The socket stays usable.
    let ok = event(
        &mut ws,
        json!({"id":"v1","kind":"view","product":s.product}),
    )
    .await;
    assert_eq!(ok["type"], "ack", "{ok}");

    let after = s.totals().await;
    assert_eq!(s.log.len(), events + 1);

    // Dates at the ends of the calendar are a bad range, not a crashed request.
    // (`+` would read as a space in a query: encoded, the date itself reaches the parser.)
    let max = chrono::NaiveDate::MAX.to_string().replace('+', "%2B");
    let min = chrono::NaiveDate::MIN.to_string();
    for query in [
        format!("to={max}"),
        format!("from=2026-01-01&to={max}"),
        format!("from={max}&to={max}"),
        format!("to={min}"),
    ] {
        let (status, r) = s
            .call("GET", &format!("/admin/analytics?{query}"), ADMIN, None)
            .await;
        assert_eq!(
            (status, r["error"]["code"].as_str()),
            (400, Some("bad_range")),
            "{query}: {r}"
        );
        let message = r["error"]["message"].as_str().unwrap();
        assert!(message.contains("kefu can count"), "{query}: {r}");
    }
    let (status, r) = s
        .call(
            "GET",
            &format!("/admin/analytics?from={min}&to=9999-12-31"),
            ADMIN,
            None,
        )
        .await;
    assert_eq!(status, 200, "{r}");
    for measure in [
        "attributed_purchases",
        "attributed_revenue",
        "converted",
        "conversion_rate",
    ] {
        assert_eq!(after[measure], before[measure], "{measure}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dates_and_identities_come_from_the_server_not_the_frame() {
    let s = shop().await;
    let victim = Subject::User(UserId::new("victim"));
    let (status, r) = s
        .backend(json!({"id":"b1","kind":"view","user":"victim","product":s.product}))
        .await;
    assert_eq!(status, 200, "{r}");
    let victim_before = s.log.profile(&victim).unwrap().unwrap();

    // The backend may not date an event in the far future: refused, profile unchanged.
    let (status, r) = s
        .backend(json!({"id":"b2","kind":"view","user":"victim","product":s.product,"at":"2999-01-01T00:00:00Z"}))
        .await;
    assert_eq!(status, 422, "{r}");
    assert_eq!(r["error"]["code"], "invalid_event");
    assert!(r["error"]["message"]
        .as_str()
        .unwrap()
        .contains("ahead of the server's clock"));
    assert_eq!(s.log.profile(&victim).unwrap().unwrap(), victim_before);

    // A page naming another shopper, another session and a far-future date: stored as this
    // connection's own, dated now.
    let mut ws = s.socket("attacker-page").await;
    let answer = event(
        &mut ws,
        json!({"id":"x1","kind":"add_to_cart","product":s.product,"quantity":1,
               "user":"victim","session":"victim-session","at":"2999-01-01T00:00:00Z"}),
    )
    .await;
    assert_eq!(answer["type"], "ack", "{answer}");
    let stored = s.log.all_events().unwrap().pop().unwrap();
    assert_eq!(stored.id, "x1");
    assert_eq!(stored.session, Some(SessionId::new("attacker-page")));
    assert_eq!(stored.user, None);
    assert!(stored.at <= chrono::Utc::now());
    assert_eq!(s.log.profile(&victim).unwrap().unwrap(), victim_before);
    assert!(s
        .log
        .profile(&Subject::Session(SessionId::new("victim-session")))
        .unwrap()
        .is_none());
    let own = s
        .log
        .profile(&Subject::Session(SessionId::new("attacker-page")))
        .unwrap()
        .unwrap();
    assert!(own.as_of <= chrono::Utc::now(), "{}", own.as_of);

    // A signed-in page naming someone else: stored under the signed user.
    let mut signed = s.signed_socket("signed-page", "ann").await;
    let answer = event(
        &mut signed,
        json!({"id":"x3","kind":"view","product":s.product,"user":"victim","session":"victim-session"}),
    )
    .await;
    assert_eq!(answer["type"], "ack", "{answer}");
    let stored = s.log.all_events().unwrap().pop().unwrap();
    assert_eq!(
        (stored.session, stored.user),
        (
            Some(SessionId::new("signed-page")),
            Some(UserId::new("ann"))
        )
    );
    assert_eq!(s.log.profile(&victim).unwrap().unwrap(), victim_before);

    // u32::MAX items: refused on both doors, nothing stored.
    let events = s.log.len();
    let answer = event(
        &mut ws,
        json!({"id":"x2","kind":"add_to_cart","product":s.product,"quantity":u32::MAX}),
    )
    .await;
    assert_eq!(answer["type"], "error", "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("over the limit"),
        "{answer}"
    );
    let (status, r) = s
        .backend(
            json!({"id":"b3","kind":"purchase","user":"victim","product":s.product,
                        "order_id":"o-1","price":10.0,"quantity":u32::MAX}),
        )
        .await;
    assert_eq!(status, 422, "{r}");
    assert_eq!(s.log.len(), events);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_cannot_claim_an_event_id_the_backend_sends_later() {
    let s = shop().await;
    let mut ws = s.socket("squatter").await;
    // The attacker guesses the id the shop's backend will give its next purchase.
    let answer = event(
        &mut ws,
        json!({"id":"order-1001-line-1","kind":"view","product":s.product}),
    )
    .await;
    assert_eq!(answer["type"], "ack", "{answer}");

    let purchase = json!({"id":"order-1001-line-1","kind":"purchase","session":"buyer-session",
        "user":"buyer","product":s.product,"order_id":"order-1001","price":25.0,"quantity":2});
    let (status, r) = s.backend(purchase.clone()).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(
        (r["stored"].as_u64(), r["duplicates"].as_u64()),
        (Some(1), Some(0))
    );
    // The backend's own retry is still a duplicate.
    let (_, r) = s.backend(purchase).await;
    assert_eq!(r["duplicates"], 1);
    let (status, shopper) = s.call("GET", "/admin/shoppers/buyer", ADMIN, None).await;
    assert_eq!(status, 200, "{shopper}");
    let kinds: Vec<&str> = shopper["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["purchase"]);
}
