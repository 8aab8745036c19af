//! Analytics and the feedback loop: every measure on a hand-made log with known answers
//! (stored in the real sled logs), the attribution window's edges, the review queue →
//! review file → training data round trip, admin auth on every analytics and review route,
//! and a real conversation over the real server showing up in the numbers.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, Duration, TimeZone, Utc};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::sync::Arc;
use tower::ServiceExt;

use kefu::behavior::analytics::{Analytics, Range};
use kefu::behavior::{BehaviorConfig, EventInput, EventLog, Shown, TurnFact};
use kefu::config::Config;
use kefu::knowledge::Graph;
use kefu::store::Store;
use kefu::types::{ProductId, Sentiment, SessionId, Slot, UserId, NLU_FALLBACK};
use kefu::{app, AppState};

const TOKEN: &str = "s3cret-admin";

fn day1() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap()
}

fn at(day: i64, h: u32, m: u32) -> DateTime<Utc> {
    day1() + Duration::days(day - 1) + Duration::hours(h.into()) + Duration::minutes(m.into())
}

fn fact(
    session: &str,
    user: Option<&str>,
    when: DateTime<Utc>,
    text: &str,
    intent: &str,
) -> TurnFact {
    TurnFact {
        seq: 0,
        session: SessionId::new(session),
        user: user.map(UserId::new),
        at: when,
        text: text.into(),
        intent: intent.into(),
        confidence: 0.9,
        slots: vec![],
        sentiment: Sentiment::Neutral,
        sentiment_score: 0.0,
        action: intent.into(),
        reply_id: format!("r-{session}-{}", when.timestamp()),
        products: vec![],
        fallback: false,
        handoff: false,
        no_results: false,
        csat: None,
    }
}

fn shown(ids: &[&str]) -> Vec<Shown> {
    ids.iter()
        .map(|p| Shown {
            product: ProductId::new(*p),
            reason: Some(format!("because {p} fits")),
        })
        .collect()
}

fn slot(text: &str, name: &str, value: &str) -> Slot {
    let start = text.find(value).unwrap();
    Slot {
        slot: name.into(),
        value: value.into(),
        start: text[..start].chars().count(),
        end: text[..start].chars().count() + value.chars().count(),
    }
}

fn ev(
    id: &str,
    kind: &str,
    session: &str,
    product: Option<&str>,
    when: DateTime<Utc>,
) -> EventInput {
    EventInput {
        id: id.into(),
        kind: kind.into(),
        session: Some(SessionId::new(session)),
        product: product.map(ProductId::new),
        at: Some(when),
        ..Default::default()
    }
}

fn products(graph: &Graph) -> [String; 3] {
    let p = graph.products();
    [
        p[0].id.to_string(),
        p[1].id.to_string(),
        p[2].id.to_string(),
    ]
}

/// Three conversations over two days (see the numbers in `every_measure_…`):
/// A (user u1, day 1): a search with 3 products, then "the second one" (1 product);
///   two clicks, a thumbs-up, an add-to-cart 4 minutes later and a purchase exactly
///   24 h after the last showing (both attributed), plus three that are not.
/// B (anonymous, day 1): a fallback, a low-confidence negative question, a handoff;
///   a thumbs-down.
/// C (anonymous, day 2): a search that found nothing, then a fallback it ended on.
/// Returns the seqs of B's and C's turns.
fn hand_made_log(log: &EventLog, graph: &Graph) -> (Vec<u64>, Vec<u64>) {
    let [p1, p2, p3] = products(graph);
    let mut a1 = fact(
        "A",
        Some("u1"),
        at(1, 10, 0),
        "red running shoes",
        "search_product",
    );
    a1.slots = vec![
        slot(&a1.text, "product_type", "running shoes"),
        slot(&a1.text, "color", "red"),
    ];
    a1.products = shown(&[&p1, &p2, &p3]);
    a1.sentiment_score = 0.2;
    let mut a2 = fact(
        "A",
        Some("u1"),
        at(1, 10, 1),
        "the second one",
        "product_info",
    );
    a2.confidence = 0.8;
    a2.products = shown(&[&p2]);
    let mut b1 = fact("B", None, at(1, 11, 0), "asdf qwer", NLU_FALLBACK);
    b1.confidence = 0.3;
    b1.fallback = true;
    b1.action = "fallback".into();
    b1.sentiment_score = -0.1;
    let mut b2 = fact(
        "B",
        None,
        at(1, 11, 1),
        "where is my parcel",
        "order_status",
    );
    b2.confidence = 0.55;
    b2.sentiment = Sentiment::Negative;
    b2.sentiment_score = -0.7;
    let mut b3 = fact("B", None, at(1, 11, 2), "i want a person", "human_agent");
    b3.confidence = 0.95;
    b3.handoff = true;
    b3.sentiment = Sentiment::Negative;
    b3.sentiment_score = -0.8;
    let mut c1 = fact(
        "C",
        None,
        at(2, 9, 0),
        "Purple  unicorn lamp",
        "search_product",
    );
    c1.slots = vec![slot(&c1.text, "product_type", "lamp")];
    c1.no_results = true;
    let mut c2 = fact(
        "C",
        None,
        at(2, 9, 1),
        "do you sell blue kettles",
        NLU_FALLBACK,
    );
    c2.confidence = 0.2;
    c2.fallback = true;
    let (a1r, a2r, b2r) = (
        a1.reply_id.clone(),
        a2.reply_id.clone(),
        b2.reply_id.clone(),
    );
    let mut b_seqs = vec![];
    let mut c_seqs = vec![];
    for f in [a1, a2] {
        log.record_turn(f).unwrap();
    }
    for f in [b1, b2, b3] {
        b_seqs.push(log.record_turn(f).unwrap());
    }
    for f in [c1, c2] {
        c_seqs.push(log.record_turn(f).unwrap());
    }
    let click = |id: &str, p: &str, reply: &str, when| EventInput {
        reply_id: Some(reply.into()),
        ..ev(id, "click", "A", Some(p), when)
    };
    let thumb = |id: &str, session: &str, reply: &str, up: &str, when| EventInput {
        reply_id: Some(reply.into()),
        thumb: Some(up.into()),
        ..ev(id, "thumb", session, None, when)
    };
    let purchase = |id: &str, session: &str, p: &str, when| EventInput {
        order_id: Some(format!("o-{id}")),
        price: Some(50.0),
        quantity: Some(2),
        ..ev(id, "purchase", session, Some(p), when)
    };
    let batch = vec![
        click("e1", &p1, &a1r, at(1, 10, 2)),
        click("e2", &p2, &a1r, at(1, 10, 3)),
        // The same product clicked again on the same reply counts once.
        click("e3", &p2, &a1r, at(1, 10, 4)),
        ev("e4", "view", "A", Some(&p3), at(1, 10, 4)),
        thumb("e5", "A", &a2r, "up", at(1, 10, 5)),
        ev("e6", "add_to_cart", "A", Some(&p2), at(1, 10, 5)),
        // Exactly 24 h after p2 was last shown: inside the window.
        purchase("e7", "A", &p2, at(2, 10, 1)),
        // 24 h and a minute after p1 was shown: outside.
        ev("e8", "add_to_cart", "A", Some(&p1), at(2, 10, 1)),
        // Before p3 was ever shown: not kefu's.
        purchase("e9", "A", &p3, at(1, 9, 59)),
        thumb("e10", "B", &b2r, "down", at(1, 11, 3)),
        // p3 was shown to A, not to C.
        ev("e11", "add_to_cart", "C", Some(&p3), at(2, 9, 30)),
    ];
    log.append(&batch, graph).unwrap();
    (b_seqs, c_seqs)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn every_measure_on_a_hand_made_log() {
    let graph = crate::behavior::shop();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let log = EventLog::open(&store, BehaviorConfig::default()).unwrap();
    hand_made_log(&log, &graph);
    // Read back from sled, as the server does.
    let (turns, events) = (log.turn_facts().unwrap(), log.all_events().unwrap());
    assert_eq!(turns.len(), 7);
    let a = Analytics::new(&turns, &events, log.config().analytics_params());
    let both = Range::days(day1().date_naive(), at(2, 0, 0).date_naive()).unwrap();
    let r = a.report(both);
    let t = &r.totals;
    assert_eq!((t.conversations, t.turns), (3, 7));
    assert!(close(t.turns_per_conversation, 7.0 / 3.0));
    assert_eq!(t.fallback_turns, 2);
    assert!(close(t.fallback_rate, 2.0 / 7.0));
    assert_eq!(t.handoffs, 1);
    assert!(close(t.handoff_rate, 1.0 / 3.0));
    assert_eq!(t.resolved, 1, "only A ends without fallback or handoff");
    assert!(close(t.resolution_rate, 1.0 / 3.0));
    assert_eq!((t.products_shown, t.clicks), (4, 2));
    assert!(close(t.click_through, 0.5));
    assert_eq!(t.attributed_add_to_cart, 1);
    assert_eq!(t.attributed_purchases, 1);
    assert!(close(t.attributed_revenue, 100.0));
    assert_eq!(t.converted, 1);
    assert!(close(t.conversion_rate, 1.0 / 3.0));
    assert_eq!((t.thumbs_up, t.thumbs_down), (1, 1));
    assert_eq!(t.satisfaction, Some(0.5));
    assert_eq!((t.csat_responses, t.csat), (0, None), "nobody was asked");
    assert!(close(t.sentiment.unwrap(), -1.4 / 7.0));
    assert_eq!((t.negative_turns, t.empty_searches), (2, 1));

    let count = |v: &[kefu::behavior::analytics::Count]| {
        v.iter()
            .map(|c| (c.key.clone(), c.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        count(&r.intents),
        vec![
            (NLU_FALLBACK.to_string(), 2),
            ("search_product".into(), 2),
            ("human_agent".into(), 1),
            ("order_status".into(), 1),
            ("product_info".into(), 1),
        ]
    );
    assert_eq!(
        count(&r.product_types),
        vec![("lamp".into(), 1), ("running shoes".into(), 1)]
    );
    assert!(r.brands.is_empty() && r.features.is_empty());
    assert_eq!(
        count(&r.empty_searches),
        vec![("purple unicorn lamp".into(), 1)]
    );
    assert_eq!(
        count(&r.unanswered),
        vec![
            ("asdf qwer".into(), 1),
            ("do you sell blue kettles".into(), 1)
        ]
    );

    // Per day: A and B on day 1, C on day 2; the purchase is dated day 2.
    assert_eq!(r.days.len(), 2);
    let (d1, d2) = (&r.days[0].measures, &r.days[1].measures);
    assert_eq!(
        (d1.conversations, d1.turns, d2.conversations, d2.turns),
        (2, 5, 1, 2)
    );
    assert_eq!((d1.attributed_add_to_cart, d1.attributed_purchases), (1, 0));
    assert_eq!((d2.attributed_add_to_cart, d2.attributed_purchases), (0, 1));
    assert_eq!((d1.resolved, d2.resolved), (1, 0));
    assert_eq!((d1.fallback_turns, d2.fallback_turns), (1, 1));
    assert_eq!(d2.satisfaction, None);

    // A range holding day 2 only.
    let d2_only =
        a.report(Range::days(at(2, 0, 0).date_naive(), at(2, 0, 0).date_naive()).unwrap());
    assert_eq!(d2_only.totals.conversations, 1);
    assert_eq!(d2_only.totals, *d2);

    // Drill-down: the conversations behind each number.
    let sessions = |measure: &str| {
        a.conversations(both)
            .into_iter()
            .filter(|c| c.matches(measure).unwrap())
            .map(|c| c.session)
            .collect::<Vec<_>>()
    };
    assert_eq!(sessions("handoff"), ["B"]);
    assert_eq!(sessions("resolved"), ["A"]);
    assert_eq!(sessions("unresolved"), ["C", "B"]);
    assert_eq!(sessions("fallback"), ["C", "B"]);
    assert_eq!(sessions("converted"), ["A"]);
    assert_eq!(sessions("thumbs_down"), ["B"]);
    assert_eq!(sessions("empty_search"), ["C"]);
    assert_eq!(sessions("intent:order_status"), ["B"]);
    assert_eq!(sessions("day:2026-03-02"), ["C"]);
    assert!(a.conversations(both)[0].matches("nonsense").is_none());

    // Review queue: fallbacks, low confidence, thumbs-down and handoff; A's turns and
    // C's confident (if empty) search are not queued.
    let queue = a.review_queue(both, &[]);
    let texts: Vec<(&str, Vec<String>)> = queue
        .iter()
        .map(|q| (q.text.as_str(), q.reasons.clone()))
        .collect();
    let r = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        texts,
        vec![
            ("asdf qwer", r(&["low_confidence", "fallback"])),
            ("where is my parcel", r(&["low_confidence", "thumbs_down"])),
            ("i want a person", r(&["handoff"])),
            (
                "do you sell blue kettles",
                r(&["low_confidence", "fallback"])
            ),
        ]
    );
}

#[test]
fn attribution_window_edges() {
    let graph = crate::behavior::shop();
    let [p1, _, _] = products(&graph);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let config = BehaviorConfig {
        attribution_window_hours: 2.0,
        ..BehaviorConfig::default()
    };
    let log = EventLog::open(&store, config).unwrap();
    let t = at(1, 12, 0);
    let mut f = fact("S", Some("u9"), t, "kettle please", "search_product");
    f.products = shown(&[&p1]);
    log.record_turn(f).unwrap();
    let ms = Duration::milliseconds(1);
    let w = Duration::hours(2);
    let cart = |id: &str, session: &str, when| ev(id, "add_to_cart", session, Some(&p1), when);
    let mut by_user = cart("u", "other-session", t + Duration::minutes(5));
    by_user.user = Some(UserId::new("u9"));
    let stranger = cart("x", "someone-else", t + Duration::minutes(5));
    let cases = [
        (cart("before", "S", t - ms), false),
        (cart("same-instant", "S", t), true),
        (cart("last-instant", "S", t + w), true),
        (cart("just-after", "S", t + w + ms), false),
        (by_user, true),
        (stranger, false),
    ];
    let range = Range::days(day1().date_naive(), at(2, 0, 0).date_naive()).unwrap();
    for (input, expected) in cases {
        let name = input.id.clone();
        // Each case alone in a fresh log beside the same showing.
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let one = EventLog::open(&store, log.config().clone()).unwrap();
        for f in log.turn_facts().unwrap() {
            one.record_turn(f).unwrap();
        }
        one.append(&[input], graph.as_ref()).unwrap();
        let (turns, events) = (one.turn_facts().unwrap(), one.all_events().unwrap());
        let a = Analytics::new(&turns, &events, one.config().analytics_params());
        let got = a.report(range).totals.attributed_add_to_cart;
        assert_eq!(got, u64::from(expected), "case {name}");
    }
}

struct Admin {
    state: AppState,
    log: Arc<EventLog>,
    knowledge: tempfile::TempDir,
    _data: tempfile::TempDir,
}

fn admin_server() -> Admin {
    let graph = crate::behavior::shop();
    let data = tempfile::tempdir().unwrap();
    let knowledge = tempfile::tempdir().unwrap();
    let mut config = Config::default();
    config.admin.token = Some(TOKEN.into());
    config.knowledge_dir = knowledge.path().to_path_buf();
    let store = Store::open(data.path()).unwrap();
    let log = Arc::new(EventLog::open(&store, BehaviorConfig::default()).unwrap());
    let state = AppState::new(Arc::new(config), store, None)
        .unwrap()
        .with_events(log.clone(), graph.clone());
    Admin {
        state,
        log,
        knowledge,
        _data: data,
    }
}

async fn call(
    state: &AppState,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    super::http::call(&app(state.clone()), method, uri, token, body).await
}

const RANGE: &str = "from=2026-03-01&to=2026-03-02";

#[tokio::test]
async fn every_analytics_and_review_route_needs_the_admin_token() {
    let s = admin_server();
    let (b, _) = hand_made_log(&s.log, &crate::behavior::shop());
    let routes = [
        ("GET", format!("/admin/analytics?{RANGE}")),
        (
            "GET",
            format!("/admin/analytics/conversations?{RANGE}&measure=handoff"),
        ),
        ("GET", format!("/admin/review?{RANGE}")),
        ("POST", format!("/admin/review/{}", b[0])),
        ("GET", "/admin/shoppers/u1".to_string()),
    ];
    for (method, uri) in &routes {
        let body = (*method == "POST").then(|| json!({"decision": "dismiss"}));
        let (status, v) = call(&s.state, method, uri, None, body.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {uri}: {v}");
        let (status, _) = call(&s.state, method, uri, Some("wrong"), body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {uri}");
    }
    // Nothing was decided by the refused POSTs.
    assert!(s.log.review_decisions().unwrap().is_empty());
    for (method, uri) in &routes {
        let body = (*method == "POST").then(|| json!({"decision": "dismiss"}));
        let (status, v) = call(&s.state, method, uri, Some(TOKEN), body).await;
        assert_eq!(status, StatusCode::OK, "{method} {uri}: {v}");
    }
    // Without an admin token configured, none of it exists.
    let mut config = Config::default();
    config.admin.token = None;
    let off = AppState::new(
        Arc::new(config),
        Store::open(tempfile::tempdir().unwrap().path()).unwrap(),
        None,
    )
    .unwrap();
    for (method, uri) in &routes {
        let (status, _) = call(&off, method, uri, Some(TOKEN), None).await;
        assert!(
            status == StatusCode::NOT_FOUND || status == StatusCode::METHOD_NOT_ALLOWED,
            "{method} {uri}: {status}"
        );
    }
}

#[tokio::test]
async fn the_json_api_gives_the_numbers_drill_downs_and_shopper_profiles() {
    let s = admin_server();
    hand_made_log(&s.log, &crate::behavior::shop());
    let (status, r) = call(
        &s.state,
        "GET",
        &format!("/admin/analytics?{RANGE}"),
        Some(TOKEN),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(r["totals"]["conversations"], 3);
    assert_eq!(r["totals"]["clicks"], 2);
    assert_eq!(r["totals"]["attributed_purchases"], 1);
    assert_eq!(r["days"].as_array().unwrap().len(), 2);
    assert_eq!(r["days"][0]["day"], "2026-03-01");
    assert_eq!(r["attribution_window_hours"], 24.0);

    let (status, c) = call(
        &s.state,
        "GET",
        &format!("/admin/analytics/conversations?{RANGE}&measure=fallback"),
        Some(TOKEN),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let sessions: Vec<&str> = c
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["session"].as_str().unwrap())
        .collect();
    assert_eq!(sessions, ["C", "B"]);

    let (status, e) = call(
        &s.state,
        "GET",
        &format!("/admin/analytics/conversations?{RANGE}&measure=bogus"),
        Some(TOKEN),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["code"], "unknown_measure");
    let (status, e) = call(
        &s.state,
        "GET",
        "/admin/analytics?from=2026-03-05&to=2026-03-01",
        Some(TOKEN),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["code"], "bad_range");

    let (status, p) = call(&s.state, "GET", "/admin/shoppers/u1", Some(TOKEN), None).await;
    assert_eq!(status, StatusCode::OK, "{p}");
    assert_eq!(p["conversations"].as_array().unwrap().len(), 1);
    let rec = p["recommended"].as_array().unwrap();
    assert_eq!(rec.len(), 2, "two replies showed products");
    assert_eq!(rec[0]["text"], "the second one");
    assert!(rec[1]["products"][0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("because"));
    assert_eq!(rec[1]["products"][0]["clicked"], true);
    assert_eq!(rec[1]["products"][2]["clicked"], false);
    let (status, _) = call(&s.state, "GET", "/admin/shoppers/nobody", Some(TOKEN), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let resp = app(s.state.clone())
        .oneshot(
            Request::get("/admin/dashboard")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&html).contains("/admin/analytics"));
}

#[tokio::test]
async fn an_accepted_review_lands_in_the_training_data() {
    let s = admin_server();
    let (b, c) = hand_made_log(&s.log, &crate::behavior::shop());
    let review = s.knowledge.path().join("nlu").join("review.jsonl");
    let queue = |v: &Value| -> Vec<u64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i["seq"].as_u64().unwrap())
            .collect()
    };
    let (_, q) = call(
        &s.state,
        "GET",
        &format!("/admin/review?{RANGE}"),
        Some(TOKEN),
        None,
    )
    .await;
    assert_eq!(queue(&q), [b[0], b[1], b[2], c[1]]);

    // Bad corrections are refused and write nothing.
    let uri = format!("/admin/review/{}", c[1]);
    for bad in [
        json!({"decision": "accept", "intent": "Search Product"}),
        json!({"decision": "accept", "intent": "search_product", "slots": [{"slot": "color", "start": 12, "end": 99}]}),
        json!({"decision": "accept", "intent": "search_product", "slots": [{"slot": "color", "start": 12, "end": 16}, {"slot": "product_type", "start": 14, "end": 24}]}),
        json!({"decision": "maybe"}),
        json!({"decision": "accept", "colour": "blue"}),
    ] {
        let (status, v) = call(&s.state, "POST", &uri, Some(TOKEN), Some(bad.clone())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {v}");
        assert!(!review.exists(), "{bad} wrote the review file");
    }
    assert!(s.log.review_decisions().unwrap().is_empty());

    // "do you sell blue kettles": intent corrected, two spans selected.
    let (status, v) = call(
        &s.state,
        "POST",
        &uri,
        Some(TOKEN),
        Some(json!({"decision": "accept", "intent": "search_product",
                    "slots": [{"slot": "color", "start": 12, "end": 16}, {"slot": "product_type", "start": 17, "end": 24}]})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let (status, _) = call(
        &s.state,
        "POST",
        &format!("/admin/review/{}", b[0]),
        Some(TOKEN),
        Some(json!({"decision": "dismiss"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(
        &s.state,
        "POST",
        &uri,
        Some(TOKEN),
        Some(json!({"decision": "dismiss"})),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "a turn is decided once");
    let (status, _) = call(
        &s.state,
        "POST",
        "/admin/review/999999",
        Some(TOKEN),
        Some(json!({"decision": "dismiss"})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Decided turns leave the queue; only the accepted one is in the file.
    let (_, q) = call(
        &s.state,
        "GET",
        &format!("/admin/review?{RANGE}"),
        Some(TOKEN),
        None,
    )
    .await;
    assert_eq!(queue(&q), [b[1], b[2]]);
    let loaded = kefu::nlu::data::load(&review).unwrap();
    assert_eq!(loaded.examples.len(), 1);
    let ex = &loaded.examples[0];
    assert_eq!(
        (ex.text.as_str(), ex.intent.as_str()),
        ("do you sell blue kettles", "search_product")
    );
    let spans: Vec<(&str, &str, usize, usize)> = ex
        .slots
        .iter()
        .map(|s| (s.slot.as_str(), s.value.as_str(), s.start, s.end))
        .collect();
    assert_eq!(
        spans,
        [
            ("color", "blue", 12, 16),
            ("product_type", "kettles", 17, 24)
        ]
    );

    // `kefu train` reads it beside the training file, and its hash covers it.
    let train = s.knowledge.path().join("nlu").join("train.jsonl");
    std::fs::write(&train, "{\"text\": \"hi\", \"intent\": \"greet\"}\n").unwrap();
    let files = kefu::nlu::data::training_files(&train).unwrap();
    assert_eq!(files, [train.clone(), review.clone()]);
    let both = kefu::nlu::data::load_many(&files).unwrap();
    assert_eq!(both.examples.len(), 2);
    assert_ne!(both.sha256, kefu::nlu::data::load(&train).unwrap().sha256);
}

/// A real conversation over the real socket (the shipped NLU, the demo shop), a click, a
/// thumbs-up and an add-to-cart from the widget's frames: the conversation log records the
/// reply's id and products, and the numbers count them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_conversation_shows_up_in_the_numbers() {
    use futures::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    let data = tempfile::tempdir().unwrap();
    let parts = crate::dialogue::start(data.path());
    let log = parts.events.clone();
    let mut config = Config::default();
    config.admin.token = Some(TOKEN.into());
    // The dialogue runs on the story's clock, so the widget's events are dated on it too.
    config.server.accept_client_time = true;
    let store = Store::open(data.path().join("transport")).unwrap();
    let chat: Arc<dyn kefu::dialogue::ChatService> = Arc::new(parts.dialogue);
    let state = AppState::new(Arc::new(config), store, Some(chat))
        .unwrap()
        .with_events(log.clone(), parts.graph.clone());
    let addr = crate::support::serve(state.clone()).await;
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
        .await
        .unwrap();
    for frame in [
        json!({"type":"hello","session_id":"sim-1","locale":"en"}),
        json!({"type":"message","client_id":"m1","text":"show me hiking boots"}),
    ] {
        ws.send(Message::Text(frame.to_string().into()))
            .await
            .unwrap();
    }
    let mut reply = Value::Null;
    while reply.is_null() {
        if let Message::Text(t) = ws.next().await.unwrap().unwrap() {
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            if v["type"] == "reply" {
                reply = v;
            }
        }
    }
    let reply_id = reply["id"].as_str().unwrap().to_string();
    let first = reply["products"][0]["id"].as_str().unwrap().to_string();
    let shown = reply["products"].as_array().unwrap().len() as u64;
    let when = crate::dialogue::story_clock() + Duration::minutes(1);
    for frame in [
        json!({"type":"event","event":{"id":"c1","kind":"click","product":first,"reply_id":reply_id,"at":when}}),
        json!({"type":"feedback","reply_id":reply_id,"value":"up"}),
        json!({"type":"event","event":{"id":"a1","kind":"add_to_cart","product":first,"at":when}}),
    ] {
        ws.send(Message::Text(frame.to_string().into()))
            .await
            .unwrap();
        loop {
            if let Message::Text(t) = ws.next().await.unwrap().unwrap() {
                let v: Value = serde_json::from_str(t.as_str()).unwrap();
                if v["type"] == "ack" {
                    break;
                }
                assert_ne!(v["type"], "error", "{v}");
            }
        }
    }
    let facts = log.turn_facts().unwrap();
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].reply_id, reply_id);
    assert_eq!(facts[0].products.len() as u64, shown);
    assert_eq!(facts[0].intent, "search_product");

    let day = crate::dialogue::story_clock().date_naive();
    let (status, r) = call(
        &state,
        "GET",
        &format!("/admin/analytics?from={day}&to={day}"),
        Some(TOKEN),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let t = &r["totals"];
    assert_eq!(t["conversations"], 1);
    assert_eq!(t["products_shown"], shown);
    assert_eq!(t["clicks"], 1);
    assert_eq!(t["thumbs_up"], 1);
    assert_eq!(t["satisfaction"], 1.0);
    assert_eq!(t["attributed_add_to_cart"], 1);
    assert_eq!(r["intents"][0]["key"], "search_product");
}

/// With `dialogue.csat` on, a goodbye asks for a 1–5 rating once per session; the answer
/// (a pressed star button) is thanked, stored on its turn, counted as no fallback, and the
/// analytics report its mean. Off, a goodbye asks nothing.
#[tokio::test]
async fn the_csat_question_comes_with_goodbye_and_its_answer_is_counted() {
    use kefu::dialogue::{ChatService, Turn, TurnInput};

    let turn = |session: &str, input: TurnInput| Turn {
        session: SessionId::new(session),
        user: None,
        locale: Some("en".into()),
        input,
        at: None,
    };
    let text = |t: &str| TurnInput::Text { text: t.into() };

    let data = tempfile::tempdir().unwrap();
    let parts = crate::dialogue::start(data.path());
    let log = parts.events.clone();
    let dialogue = parts.dialogue.with_csat(true);

    let r = dialogue
        .turn(turn("csat-1", text("goodbye")))
        .await
        .unwrap();
    assert!(r[0].text.contains("from 1 to 5"), "{}", r[0].text);
    let stars: Vec<&str> = r[0]
        .quick_replies
        .iter()
        .map(|q| q.payload.as_str())
        .collect();
    assert_eq!(stars, ["1", "2", "3", "4", "5"]);
    let press = TurnInput::Action {
        payload: r[0].quick_replies[3].payload.clone(),
    };
    let r = dialogue.turn(turn("csat-1", press)).await.unwrap();
    assert!(r[0].text.contains("rating"), "{}", r[0].text);
    // asked once a session
    let r = dialogue.turn(turn("csat-1", text("bye"))).await.unwrap();
    assert!(r[0].quick_replies.is_empty() && !r[0].text.contains("1 to 5"));
    // a second session rates by typing
    dialogue
        .turn(turn("csat-2", text("goodbye")))
        .await
        .unwrap();
    dialogue.turn(turn("csat-2", text("2/5"))).await.unwrap();

    let facts = log.turn_facts().unwrap();
    let ratings: Vec<u8> = facts.iter().filter_map(|f| f.csat).collect();
    assert_eq!(ratings, [4, 2]);
    assert!(facts
        .iter()
        .filter(|f| f.csat.is_some())
        .all(|f| !f.fallback));
    let events = log.all_events().unwrap();
    let a = Analytics::new(&facts, &events, log.config().analytics_params());
    let day = crate::dialogue::story_clock().date_naive();
    let t = a.report(Range::days(day, day).unwrap()).totals;
    assert_eq!(t.csat_responses, 2);
    assert_eq!(t.csat, Some(3.0));

    // off (the default): no question
    let data = tempfile::tempdir().unwrap();
    let parts = crate::dialogue::start(data.path());
    let r = parts
        .dialogue
        .turn(turn("csat-3", text("goodbye")))
        .await
        .unwrap();
    assert!(r[0].quick_replies.is_empty() && !r[0].text.contains("1 to 5"));
}
