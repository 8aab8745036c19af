//! Behaviour: event validation, idempotency, durability across a restart, session → user
//! links, decaying profiles and their rebuild from the log — on the real sled store and a
//! real (generated) catalogue loaded by the knowledge loader.

use chrono::{DateTime, Duration, TimeZone, Utc};
use std::sync::{Arc, OnceLock};

use kefu::behavior::{BehaviorConfig, BehaviorError, EventInput, EventLog, Profile, Subject};
use kefu::knowledge::{generate_catalogue, Graph, KnowledgeBase};
use kefu::store::Store;
use kefu::types::{ProductId, SessionId, UserId};

/// A generated shop (the knowledge module's generator, loaded by its real loader).
pub(crate) fn shop() -> Arc<Graph> {
    static SHOP: OnceLock<Arc<Graph>> = OnceLock::new();
    SHOP.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        generate_catalogue(dir.path(), 300, 7, false).unwrap();
        KnowledgeBase::load(dir.path(), None).unwrap().0
    })
    .clone()
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
}

fn event(id: &str, kind: &str, product: &str) -> EventInput {
    EventInput {
        id: id.into(),
        kind: kind.into(),
        session: Some(SessionId::new("s-1")),
        product: Some(ProductId::new(product)),
        at: Some(t0()),
        ..Default::default()
    }
}

fn purchase(id: &str, product: &str) -> EventInput {
    EventInput {
        order_id: Some("o-1".into()),
        price: Some(19.99),
        quantity: Some(1),
        ..event(id, "purchase", product)
    }
}

fn open(dir: &std::path::Path) -> (Store, EventLog) {
    let store = Store::open(dir).unwrap();
    let log = EventLog::open(&store, BehaviorConfig::default()).unwrap();
    (store, log)
}

fn product_of(graph: &Graph, category: &str, nth: usize) -> String {
    graph
        .products()
        .iter()
        .filter(|p| p.category == category)
        .nth(nth)
        .unwrap()
        .id
        .to_string()
}

#[test]
fn events_get_sequence_numbers_and_a_resent_id_stores_nothing_new() {
    let graph = shop();
    let dir = tempfile::tempdir().unwrap();
    let (_store, log) = open(dir.path());
    let p = product_of(&graph, "kettles", 0);
    let batch = vec![
        event("e1", "view", &p),
        event("e2", "add_to_cart", &p),
        purchase("e3", &p),
    ];
    let acks = log.append(&batch, graph.as_ref()).unwrap();
    assert_eq!(acks.len(), 3);
    assert!(acks.iter().all(|a| !a.duplicate));
    assert!(acks[0].seq < acks[1].seq && acks[1].seq < acks[2].seq);
    assert_eq!(log.len(), 3);

    // A retry of the same batch (a lost acknowledgement) changes nothing.
    let again = log.append(&batch, graph.as_ref()).unwrap();
    assert!(again.iter().all(|a| a.duplicate));
    assert_eq!(
        again.iter().map(|a| a.seq).collect::<Vec<_>>(),
        acks.iter().map(|a| a.seq).collect::<Vec<_>>()
    );
    assert_eq!(log.len(), 3);
    let profile = log
        .profile(&Subject::Session(SessionId::new("s-1")))
        .unwrap()
        .unwrap();
    assert_eq!(profile.events, 3, "duplicates must not count twice");
}

#[test]
fn a_bad_event_rejects_the_batch_and_stores_nothing() {
    let graph = shop();
    let dir = tempfile::tempdir().unwrap();
    let (_store, log) = open(dir.path());
    let p = product_of(&graph, "kettles", 0);
    let cases: Vec<(EventInput, &str)> = vec![
        (event("x1", "view", "no-such-product"), "unknown product"),
        (event("x2", "teleport", &p), "unknown event kind"),
        (
            EventInput {
                price: None,
                ..purchase("x3", &p)
            },
            "needs `price`",
        ),
        (
            EventInput {
                product: None,
                ..event("x4", "click", &p)
            },
            "needs `product`",
        ),
        (
            EventInput {
                reply_id: None,
                ..event("x5", "click", &p)
            },
            "needs `reply_id`",
        ),
        (
            EventInput {
                rating: Some(7),
                ..event("x6", "rating", &p)
            },
            "1 to 5",
        ),
        (
            EventInput {
                session: None,
                user: None,
                ..event("x7", "view", &p)
            },
            "neither `session` nor `user`",
        ),
        (
            EventInput {
                thumb: Some("sideways".into()),
                reply_id: Some("r1".into()),
                ..event("x8", "thumb", &p)
            },
            "\"up\" or \"down\"",
        ),
    ];
    for (bad, expected) in cases {
        // The bad event sits after a good one: the good one must not be stored either.
        let batch = vec![event("good", "view", &p), bad];
        let err = log.append(&batch, graph.as_ref()).unwrap_err();
        let text = err.to_string();
        assert!(
            matches!(err, BehaviorError::Invalid { index: 1, .. }),
            "{text}"
        );
        assert!(text.contains(expected), "{text:?} should say {expected:?}");
        assert!(text.contains("hint"), "{text}");
        assert_eq!(log.len(), 0, "nothing stored after: {text}");
    }
    assert!(log
        .profile(&Subject::Session(SessionId::new("s-1")))
        .unwrap()
        .is_none());
    assert!(matches!(
        log.append(&[], graph.as_ref()),
        Err(BehaviorError::EmptyBatch)
    ));
}

#[test]
fn an_acknowledged_event_survives_a_restart() {
    let graph = shop();
    let dir = tempfile::tempdir().unwrap();
    let p = product_of(&graph, "headphones", 0);
    let seq = {
        let (store, log) = open(dir.path());
        let acks = log
            .append(&[event("d1", "view", &p)], graph.as_ref())
            .unwrap();
        drop(log);
        drop(store);
        acks[0].seq
    };
    let (_store, log) = open(dir.path());
    let stored: Vec<_> = log.events().map(Result::unwrap).collect();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].seq, seq);
    assert_eq!(stored[0].id, "d1");
    assert_eq!(stored[0].action.product().unwrap().as_str(), p);
    // The idempotency index survived too.
    let again = log
        .append(&[event("d1", "view", &p)], graph.as_ref())
        .unwrap();
    assert!(again[0].duplicate);
    assert_eq!(again[0].seq, seq);
    // And a new event gets a later number than the one before the restart.
    let next = log
        .append(&[event("d2", "view", &p)], graph.as_ref())
        .unwrap();
    assert!(next[0].seq > seq);
}

#[test]
fn affinities_halve_with_every_half_life() {
    let graph = shop();
    let dir = tempfile::tempdir().unwrap();
    let (_store, log) = open(dir.path());
    let half_life = log.config().half_life_days;
    let a = graph
        .products()
        .iter()
        .find(|p| p.category == "kettles")
        .unwrap();
    let b = graph
        .products()
        .iter()
        .find(|p| p.category == "blenders" && p.brand != a.brand)
        .unwrap();
    let later = t0() + Duration::days(half_life as i64);
    log.append(
        &[
            EventInput {
                at: Some(t0()),
                ..event("a", "view", a.id.as_str())
            },
            EventInput {
                at: Some(later),
                ..event("b", "view", b.id.as_str())
            },
        ],
        graph.as_ref(),
    )
    .unwrap();
    let p = log
        .profile(&Subject::Session(SessionId::new("s-1")))
        .unwrap()
        .unwrap();
    let (wa, wb) = (p.brands[&a.brand], p.brands[&b.brand]);
    assert!((wa / wb - 0.5).abs() < 1e-9, "{wa} vs {wb}");
    assert!((p.categories["kettles"] / p.categories["blenders"] - 0.5).abs() < 1e-9);
    // Seen one more half-life later, everything is halved again.
    let aged = p.decayed_to(
        later + Duration::days(half_life as i64),
        half_life * 86_400.0,
    );
    assert!((aged.brands[&b.brand] - 0.5 * wb).abs() < 1e-9);
    // Both parents of the viewed categories count.
    assert!(p.categories.contains_key("home"));
    let (lo, hi) = p.price.range().unwrap();
    assert!(lo < a.price.max(b.price) && hi > a.price.min(b.price));
    assert_eq!(p.recent_views[0].0, b.id, "newest view first");
}

#[test]
fn an_event_older_than_the_profile_counts_as_decayed() {
    let graph = shop();
    let dir = tempfile::tempdir().unwrap();
    let (_store, log) = open(dir.path());
    let half_life = log.config().half_life_days as i64;
    let a = product_of(&graph, "kettles", 0);
    // Arrives second but happened a half-life earlier: same profile as in time order.
    log.append(
        &[
            EventInput {
                at: Some(t0() + Duration::days(half_life)),
                ..event("new", "view", &a)
            },
            EventInput {
                at: Some(t0()),
                ..event("old", "view", &a)
            },
        ],
        graph.as_ref(),
    )
    .unwrap();
    let p = log
        .profile(&Subject::Session(SessionId::new("s-1")))
        .unwrap()
        .unwrap();
    assert!((p.categories["kettles"] - 1.5).abs() < 1e-9);
}

#[test]
fn logging_in_merges_the_anonymous_history_into_the_user() {
    let graph = shop();
    let dir = tempfile::tempdir().unwrap();
    let (_store, log) = open(dir.path());
    let viewed = product_of(&graph, "jackets", 0);
    let bought = product_of(&graph, "backpacks", 0);
    let user = UserId::new("u-42");
    log.append(
        &[
            EventInput {
                session: Some(SessionId::new("anon")),
                ..event("v1", "view", &viewed)
            },
            EventInput {
                session: None,
                user: Some(user.clone()),
                at: Some(t0() - Duration::days(3)),
                ..purchase("p1", &bought)
            },
        ],
        graph.as_ref(),
    )
    .unwrap();
    assert!(log
        .profile(&Subject::User(user.clone()))
        .unwrap()
        .unwrap()
        .recent_views
        .is_empty());
    // The shopper logs in: an event carrying both ids links them.
    log.append(
        &[EventInput {
            session: Some(SessionId::new("anon")),
            user: Some(user.clone()),
            at: Some(t0() + Duration::hours(1)),
            ..event("v2", "view", &viewed)
        }],
        graph.as_ref(),
    )
    .unwrap();
    let p = log.profile(&Subject::User(user.clone())).unwrap().unwrap();
    assert_eq!(p.events, 3);
    assert_eq!(p.recent_views[0].0.as_str(), viewed);
    assert!(p.purchases.contains_key(&ProductId::new(bought.as_str())));
    assert!(p.categories.contains_key("jackets") && p.categories.contains_key("backpacks"));
    // The session now speaks for the user, and its own profile is gone.
    let via_session = log
        .profile(&Subject::Session(SessionId::new("anon")))
        .unwrap()
        .unwrap();
    assert_eq!(via_session, p);
    // A second user cannot take over the session.
    let err = log
        .link(&SessionId::new("anon"), &UserId::new("u-7"), graph.as_ref())
        .unwrap_err();
    assert!(matches!(err, BehaviorError::AlreadyLinked { .. }), "{err}");
}

fn close(a: &Profile, b: &Profile) {
    assert_eq!(a.events, b.events);
    assert_eq!(a.recent_views, b.recent_views);
    assert_eq!(a.purchases, b.purchases);
    for (x, y) in [
        (&a.categories, &b.categories),
        (&a.brands, &b.brands),
        (&a.attributes, &b.attributes),
    ] {
        assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>());
        for (k, v) in x {
            assert!((v - y[k]).abs() < 1e-9, "{k}: {v} vs {}", y[k]);
        }
    }
}

#[test]
fn profiles_rebuilt_from_the_log_match_the_live_ones() {
    let graph = shop();
    let dir = tempfile::tempdir().unwrap();
    let (_store, log) = open(dir.path());
    let products: Vec<String> = graph
        .products()
        .iter()
        .take(40)
        .map(|p| p.id.to_string())
        .collect();
    let kinds = [
        "view",
        "click",
        "add_to_cart",
        "remove_from_cart",
        // Ratings need an order book (this generated shop has none): src/behavior tests them.
        "review",
    ];
    let mut batch = Vec::new();
    for (i, p) in products.iter().enumerate() {
        let kind = kinds[i % kinds.len()];
        batch.push(EventInput {
            session: Some(SessionId::new(format!("s-{}", i % 3))),
            at: Some(t0() + Duration::hours((i * 7 % 40) as i64)),
            reply_id: Some("r-1".into()),
            rating: Some(1 + (i % 5) as u8),
            text: Some("solid".into()),
            ..event(&format!("e{i}"), kind, p)
        });
    }
    batch.push(purchase("buy", &products[0]));
    log.append(&batch, graph.as_ref()).unwrap();
    let subjects: Vec<Subject> = (0..3)
        .map(|i| Subject::Session(SessionId::new(format!("s-{i}"))))
        .collect();
    let live: Vec<Profile> = subjects
        .iter()
        .map(|s| log.profile(s).unwrap().unwrap())
        .collect();
    assert_eq!(log.rebuild_profiles(graph.as_ref()).unwrap(), 41);
    for (s, before) in subjects.iter().zip(&live) {
        close(&log.profile(s).unwrap().unwrap(), before);
    }
}

#[test]
fn owned_products_are_remembered_but_consumables_are_not_owned() {
    let graph = shop();
    let dir = tempfile::tempdir().unwrap();
    let (_store, log) = open(dir.path());
    let kettle = product_of(&graph, "kettles", 0);
    let food = product_of(&graph, "pet-food", 0);
    log.append(
        &[purchase("k", &kettle), purchase("f", &food)],
        graph.as_ref(),
    )
    .unwrap();
    let p = log
        .profile(&Subject::Session(SessionId::new("s-1")))
        .unwrap()
        .unwrap();
    assert!(p.owns(&ProductId::new(kettle.as_str())));
    assert!(!p.owns(&ProductId::new(food.as_str())));
}

mod http {
    use axum::http::StatusCode;
    use serde_json::{json, Value};
    use std::sync::Arc;

    use kefu::behavior::{BehaviorConfig, EventLog};
    use kefu::config::Config;
    use kefu::store::Store;
    use kefu::{app, AppState};

    const TOKEN: &str = "shop-backend-secret-0123";

    async fn post(router: axum::Router, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        crate::http::call(&router, "POST", "/api/events", token, Some(body)).await
    }

    #[tokio::test]
    async fn the_events_endpoint_checks_the_token_validates_and_is_idempotent() {
        let graph = super::shop();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let log = Arc::new(EventLog::open(&store, BehaviorConfig::default()).unwrap());
        let mut config = Config::default();
        config.server.events_token = Some(TOKEN.into());
        assert!(config
            .redacted_toml()
            .contains("events_token = \"<redacted>\""));
        assert!(!config.redacted_toml().contains(TOKEN));
        let state = AppState::new(Arc::new(config), store.clone(), None)
            .unwrap()
            .with_events(log.clone(), graph.clone());
        let router = app(state);
        let p = graph.products()[0].id.to_string();
        let good = json!([
            {"id": "h1", "kind": "view", "session": "web-1", "product": p},
            {"id": "h2", "kind": "click", "session": "web-1", "product": p, "reply_id": "r-7"},
        ]);

        let (status, body) = post(router.clone(), None, good.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        let (status, _) = post(
            router.clone(),
            Some("wrong-token-wrong-token"),
            good.clone(),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(log.len(), 0);

        let bad = json!([
            {"id": "h1", "kind": "view", "session": "web-1", "product": p},
            {"id": "h3", "kind": "purchase", "session": "web-1", "product": p, "quantity": 1},
        ]);
        let (status, body) = post(router.clone(), Some(TOKEN), bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["error"]["code"], "invalid_event");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("order_id"),
            "{body}"
        );
        assert_eq!(log.len(), 0, "a bad event rejects the whole batch");

        let (status, body) = post(router.clone(), Some(TOKEN), good.clone()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["stored"], 2);
        let (status, body) = post(router.clone(), Some(TOKEN), good).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            (body["stored"].as_u64(), body["duplicates"].as_u64()),
            (Some(0), Some(2))
        );
        assert_eq!(log.len(), 2);

        let (status, body) = post(router.clone(), Some(TOKEN), json!("hello")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    }

    #[tokio::test]
    async fn without_a_token_configured_the_route_is_off() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let log = Arc::new(EventLog::open(&store, BehaviorConfig::default()).unwrap());
        let state = AppState::new(Arc::new(Config::default()), store, None)
            .unwrap()
            .with_events(log.clone(), super::shop());
        let (status, body) =
            post(app(state), Some(TOKEN), json!({"id": "x", "kind": "view"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("events_token"));
        assert_eq!(log.len(), 0);
    }
}
