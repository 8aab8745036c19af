//! Conversation stories (tests/stories/, run by `kefu::stories`) against the real parts:
//! the shipped NLU model, the base encoder, the demo shop in knowledge/ (or a fixture
//! catalogue), sled. Each step says what the shopper types (or which button they press)
//! and what must then be true; docs/stories.md has the format.

use chrono::{DateTime, Utc};
use kefu::behavior::BehaviorConfig;
use kefu::config::Config;
use kefu::dialogue::ChatService;
use kefu::nlu::{Nlu, RoutedNlu};
use kefu::store::Store;
use kefu::stories::{run_sets, story_sets, StoryParts, StorySet};
use kefu::types::Embed;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::support::{next_frame, serve, Ws};

/// A fixed "now" for the order book's return windows.
pub(crate) fn story_clock() -> DateTime<Utc> {
    kefu::stories::story_clock()
}

pub(crate) struct Shared {
    /// The shipped English model alone.
    pub(crate) nlu: Nlu,
    /// What `serve` runs: the English model and the Chinese one, each message to its own.
    pub(crate) routed: RoutedNlu,
    embed: Arc<dyn Embed>,
}

pub(crate) fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let config = Config::default();
        let nlu =
            Nlu::load(&config.nlu, &config.model.base_dir).expect("the shipped NLU model loads");
        let routed = RoutedNlu::new(
            nlu.clone(),
            vec![("zh".into(), crate::languages::chinese_nlu())],
        );
        Shared {
            nlu,
            routed,
            embed: crate::support::encoder(),
        }
    })
}

/// What every kefu of the tests shares: the shipped NLU, the encoder, the demo shop's
/// replies and default settings.
pub(crate) fn parts() -> StoryParts {
    let s = shared();
    let config = Config::default();
    StoryParts {
        nlu: Arc::new(s.routed.clone()),
        embed: s.embed.clone(),
        multilingual: s.routed.languages[0].1.embedder(),
        responses: Path::new("knowledge/responses").to_path_buf(),
        recommend: config.recommend.clone(),
        behavior: BehaviorConfig::default(),
    }
}

pub(crate) type Kefu = kefu::stories::StoryKefu;

pub(crate) fn start(data: &Path) -> Kefu {
    start_on(data, Path::new("knowledge"))
}

/// kefu on the catalogue in `knowledge` (the demo shop's replies and NLU either way).
pub(crate) fn start_on(data: &Path, knowledge: &Path) -> Kefu {
    kefu::stories::start(&parts(), data, knowledge)
        .unwrap_or_else(|e| panic!("kefu starts on {}: {e}", knowledge.display()))
}

// The floors are today's counts without ../shared (the Google Merchandise Store's stories
// are skipped then), so no story goes missing or is marked open unnoticed: raise them when
// stories are added or an open one passes.
/// Stories that run here, open ones included (issue 29 asks for at least 80).
const AT_LEAST_STORIES: usize = 142;
/// Of them, on a catalogue other than the demo shop.
const AT_LEAST_ON_OTHER_CATALOGUES: usize = 36;
/// Stories required to pass (not marked `open`).
const AT_LEAST_REQUIRED: usize = 140;

/// Every story not marked `open` passes. Open stories (known failing when written) are
/// counted but not played here; `kefu eval stories` plays them all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stories() {
    let mut sets = story_sets(
        Path::new("tests/stories"),
        Path::new("knowledge"),
        Path::new("tests/fixtures"),
    )
    .expect("the story files load");
    let runnable: Vec<_> = sets.iter().filter(|s| s.unavailable.is_none()).collect();
    let count: usize = runnable.iter().map(|s| s.stories()).sum();
    let on_other_catalogues: usize = runnable
        .iter()
        .filter(|s| s.name != "knowledge")
        .map(|s| s.stories())
        .sum();
    let required = keep_required(&mut sets);
    assert!(
        count >= AT_LEAST_STORIES,
        "at least {AT_LEAST_STORIES} stories, found {count}"
    );
    assert!(
        on_other_catalogues >= AT_LEAST_ON_OTHER_CATALOGUES,
        "at least {AT_LEAST_ON_OTHER_CATALOGUES} stories on a catalogue other than the demo shop, found {on_other_catalogues}"
    );
    assert!(
        required >= AT_LEAST_REQUIRED,
        "at least {AT_LEAST_REQUIRED} stories required to pass, found {required}"
    );
    play_required(&sets, required).await;
}

/// Drops the stories marked `open` (each must say why) and counts the required ones left in
/// the sets that can run here.
pub(crate) fn keep_required(sets: &mut [StorySet]) -> usize {
    let mut required = 0;
    for set in sets {
        for file in &mut set.files {
            for story in &file.stories {
                if let Some(why) = &story.open {
                    assert!(
                        why.trim().len() >= 10,
                        "{}: story {:?} is open without saying why",
                        file.path.display(),
                        story.story
                    );
                }
            }
            file.stories.retain(|s| s.open.is_none());
            if set.unavailable.is_none() {
                required += file.stories.len();
            }
        }
    }
    required
}

/// Plays `sets` on the served models and the demo shop's replies: every one of the
/// `required` stories is played and passes.
pub(crate) async fn play_required(sets: &[StorySet], required: usize) {
    let report = run_sets(&parts(), sets, Path::new("knowledge"), &mut |_| {})
        .await
        .expect("the stories run");
    assert_eq!(
        report.all.stories, required,
        "every required story was played"
    );
    let failures: Vec<String> = report
        .results
        .iter()
        .flat_map(|r| r.failure_lines())
        .collect();
    assert!(
        report.regressions.is_empty(),
        "{} of {required} required stories failed:\n{}",
        report.regressions.len(),
        failures.join("\n")
    );
}

/// The whole way through the real server: a shopper asks for a person over the socket, an
/// agent (admin token) sees the conversation, answers into the open socket, and releases
/// it; the assistant answers again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_to_an_agent_and_back_over_the_real_server() {
    use futures::SinkExt;
    use serde_json::{json, Value};
    use tokio_tungstenite::tungstenite::Message;

    const TOKEN: &str = "agent-token-for-tests-0123";
    let data = tempfile::tempdir().unwrap();
    let kefu_parts = start(data.path());
    let store = Store::open(data.path().join("transport")).unwrap();
    let mut config = Config::default();
    config.admin.token = Some(TOKEN.into());
    let chat: Arc<dyn ChatService> = Arc::new(kefu_parts.dialogue);
    let state = kefu::AppState::new(Arc::new(config), store, Some(chat)).unwrap();
    let addr = serve(state.clone()).await;

    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
        .await
        .unwrap();
    ws.send(Message::Text(json!({"type":"hello"}).to_string().into()))
        .await
        .unwrap();
    let session = next_frame(&mut ws).await["session_id"]
        .as_str()
        .unwrap()
        .to_string();
    ws.send(Message::Text(
        json!({"type":"message","client_id":"c1","text":"i want to talk to a human"})
            .to_string()
            .into(),
    ))
    .await
    .unwrap();
    let reply = next_frame(&mut ws).await;
    assert_eq!(reply["type"], "reply");
    assert_eq!(reply["handoff"], true, "{reply}");
    assert_eq!(next_frame(&mut ws).await["type"], "handoff");

    let call = |method: &str, uri: String, token: Option<&str>, body: Option<Value>| {
        let router = kefu::app(state.clone());
        let (method, token) = (method.to_string(), token.map(str::to_string));
        async move {
            let (status, value) =
                super::http::call(&router, &method, &uri, token.as_deref(), body).await;
            (status.as_u16(), value)
        }
    };
    assert_eq!(
        call("GET", "/admin/handoffs".into(), None, None).await.0,
        401
    );
    assert_eq!(
        call(
            "GET",
            "/admin/handoffs".into(),
            Some("wrong-token-wrong-token"),
            None
        )
        .await
        .0,
        403
    );
    let (status, list) = call("GET", "/admin/handoffs".into(), Some(TOKEN), None).await;
    assert_eq!(status, 200);
    let mine = list
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["session_id"] == session.as_str())
        .expect("listed");
    assert!(mine["history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["text"] == "i want to talk to a human"));

    // While a person has it, the assistant stays quiet.
    ws.send(Message::Text(
        json!({"type":"message","client_id":"c2","text":"hello? anyone there?"})
            .to_string()
            .into(),
    ))
    .await
    .unwrap();
    let (status, _) = call(
        "POST",
        format!("/admin/sessions/{session}/reply"),
        Some(TOKEN),
        Some(json!({"text":"Hi, this is Ana from the shop. How can I help?"})),
    )
    .await;
    assert_eq!(status, 200);
    let agent = next_frame(&mut ws).await;
    assert_eq!(
        agent["type"], "agent_message",
        "the bot must not answer while an agent has the chat: {agent}"
    );
    assert_eq!(
        agent["text"],
        "Hi, this is Ana from the shop. How can I help?"
    );

    let (status, _) = call(
        "POST",
        format!("/admin/sessions/{session}/release"),
        Some(TOKEN),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let released = next_frame(&mut ws).await;
    assert_eq!(
        (released["type"].as_str(), released["state"].as_str()),
        (Some("handoff"), Some("released"))
    );
    ws.send(Message::Text(
        json!({"type":"message","client_id":"c3","text":"show me smartwatches"})
            .to_string()
            .into(),
    ))
    .await
    .unwrap();
    let back = next_frame(&mut ws).await;
    assert_eq!(back["type"], "reply");
    assert!(!back["products"].as_array().unwrap().is_empty(), "{back}");
}

/// A signed-in shopper's whole visit over the real socket: hello → search → refine → ordinal → add
/// to cart (a size is asked, a quick reply answers) → order status.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_conversation_over_the_real_socket() {
    use futures::SinkExt;
    use serde_json::{json, Value};
    use tokio_tungstenite::tungstenite::Message;

    let data = tempfile::tempdir().unwrap();
    let parts = start(data.path());
    let store = Store::open(data.path().join("transport")).unwrap();
    let graph = parts.graph.clone();
    let chat: Arc<dyn ChatService> = Arc::new(parts.dialogue);
    let mut config = Config::default();
    config.server.identity_secret = Some("dialogue-test-identity-secret".into());
    let state = kefu::AppState::new(Arc::new(config), store, Some(chat)).unwrap();
    state.metrics.watch_nlu(shared().nlu.stats());
    let metrics = state.metrics.clone();
    // The shop signs its shopper in (docs/security.md).
    let identity = kefu::identity::IdentityKey::new("dialogue-test-identity-secret")
        .unwrap()
        .sign("u-1002", Utc::now().timestamp() + 600)
        .unwrap();
    let addr = serve(state).await;
    async fn say(ws: &mut Ws, id: &str, text: &str) -> Value {
        ws.send(Message::Text(
            json!({"type":"message","client_id":id,"text":text})
                .to_string()
                .into(),
        ))
        .await
        .unwrap();
        let reply = next_frame(ws).await;
        assert_eq!(reply["type"], "reply", "{reply}");
        assert_eq!(reply["in_reply_to"], id);
        reply
    }
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
        .await
        .unwrap();
    ws.send(Message::Text(
        json!({"type":"hello","identity":identity,"locale":"en"})
            .to_string()
            .into(),
    ))
    .await
    .unwrap();
    assert_eq!(next_frame(&mut ws).await["type"], "welcome");

    let g = graph.graph();
    let in_category = |reply: &Value, cat: &str| {
        let products = reply["products"].as_array().unwrap();
        !products.is_empty()
            && products.iter().all(|p| {
                let p = g.product(p["id"].as_str().unwrap()).unwrap();
                g.category_ancestors(&p.category)
                    .iter()
                    .any(|c| c.id == cat)
            })
    };
    let found = say(&mut ws, "m1", "show me hiking boots").await;
    assert!(in_category(&found, "hiking-boots"), "{found}");
    let brown = say(&mut ws, "m2", "only in brown").await;
    assert!(in_category(&brown, "hiking-boots"), "{brown}");
    for p in brown["products"].as_array().unwrap() {
        let p = g.product(p["id"].as_str().unwrap()).unwrap();
        assert!(
            p.variants_in_stock(None, Some("brown")).next().is_some(),
            "{} is not in brown",
            p.id
        );
    }
    let second = brown["products"][1]["id"].as_str().unwrap().to_string();
    let price = say(&mut ws, "m3", "how much is the second one").await;
    assert_eq!(price["products"][0]["id"], second.as_str(), "{price}");

    let ask = say(&mut ws, "m4", "add it to my cart").await;
    let quick = ask["quick_replies"].as_array().unwrap();
    assert!(
        !quick.is_empty(),
        "a size is asked with the sizes in stock: {ask}"
    );
    let payload = quick[0]["payload"].as_str().unwrap();
    ws.send(Message::Text(
        json!({"type":"action","client_id":"m5","payload":payload})
            .to_string()
            .into(),
    ))
    .await
    .unwrap();
    let added = next_frame(&mut ws).await;
    assert!(
        added["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("added"),
        "{added}"
    );
    assert_eq!(added["products"][0]["id"], second.as_str());

    let status = say(&mut ws, "m6", "where is my order KF-20261066").await;
    let text = status["text"].as_str().unwrap();
    assert!(
        text.contains("KF-20261066") && text.contains("shipped"),
        "{text}"
    );

    let shown = metrics.render();
    assert!(shown.contains("kefu_turns_total 6"), "{shown}");
    let batches: u64 = shown
        .lines()
        .find_map(|l| l.strip_prefix("kefu_nlu_batch_size_count "))
        .expect("NLU batch sizes are reported")
        .parse()
        .unwrap();
    assert!(
        batches >= 5,
        "every typed message went through the NLU worker: {shown}"
    );
    assert!(shown.contains("kefu_nlu_queue_depth 0"), "{shown}");
}

/// One cart over the real socket: a shop page's add-to-cart action (by product id, with a
/// size, colour and quantity) fills the session's cart, each reply that changed it carries
/// it, the same variant again is one line, and a reconnecting client gets it in `welcome`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cart_travels_in_replies_and_in_welcome() {
    use futures::SinkExt;
    use serde_json::{json, Value};
    use tokio_tungstenite::tungstenite::Message;

    let data = tempfile::tempdir().unwrap();
    let parts = start(data.path());
    let store = Store::open(data.path().join("transport")).unwrap();
    let g = parts.graph.graph();
    let chat: Arc<dyn ChatService> = Arc::new(parts.dialogue);
    let state = kefu::AppState::new(Arc::new(Config::default()), store, Some(chat))
        .unwrap()
        .with_knowledge(parts.graph.clone());
    let addr = serve(state).await;
    async fn send(ws: &mut Ws, frame: Value) {
        ws.send(Message::Text(frame.to_string().into()))
            .await
            .unwrap();
    }
    async fn add(ws: &mut Ws, id: &str, slots: Value) -> Value {
        let payload = format!("/add_to_cart{slots}");
        send(
            ws,
            json!({"type":"action","client_id":id,"payload":payload}),
        )
        .await;
        let reply = next_frame(ws).await;
        assert_eq!(reply["type"], "reply", "{reply}");
        assert_eq!(reply["in_reply_to"], id);
        reply
    }
    let connect = || async {
        let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
            .await
            .unwrap();
        ws
    };

    let mut ws = connect().await;
    send(&mut ws, json!({"type":"hello","locale":"en"})).await;
    let welcome = next_frame(&mut ws).await;
    assert_eq!(welcome["type"], "welcome");
    assert_eq!(
        welcome["cart"]["count"], 0,
        "a new session's cart is empty: {welcome}"
    );
    let session = welcome["session_id"].as_str().unwrap().to_string();

    let plain = g
        .products()
        .iter()
        .find(|p| p.variants.is_empty() && p.total_stock() >= 3)
        .expect("a product sold without variants");
    let sized = g
        .products()
        .iter()
        .find(|p| {
            let sizes: std::collections::BTreeSet<_> = p
                .variants_in_stock(None, None)
                .filter_map(|v| v.size.clone())
                .collect();
            sizes.len() >= 2
        })
        .expect("a product in several sizes");
    let variant = sized.variants_in_stock(None, None).nth(1).unwrap();

    let first = add(&mut ws, "a1", json!({"product_id": plain.id.as_str()})).await;
    assert_eq!(first["cart"]["count"], 1, "{first}");
    assert_eq!(first["cart"]["lines"][0]["product"], plain.id.as_str());
    assert_eq!(first["cart"]["lines"][0]["name"], plain.name.as_str());
    assert_eq!(first["cart"]["currency"], plain.currency.as_str());

    let again = add(
        &mut ws,
        "a2",
        json!({"product_id": plain.id.as_str(), "quantity": "2"}),
    )
    .await;
    let lines = again["cart"]["lines"].as_array().unwrap();
    assert_eq!(
        lines.len(),
        1,
        "the same product again is one line: {again}"
    );
    assert_eq!(lines[0]["quantity"], 3);
    let total = again["cart"]["total"].as_f64().unwrap();
    assert!(
        (total - (plain.price * 3.0 * 100.0).round() / 100.0).abs() < 1e-9,
        "{again}"
    );

    let mut slots = json!({"product_id": sized.id.as_str(), "size": variant.size});
    if let Some(c) = &variant.colour {
        slots["color"] = json!(c);
    }
    let sized_reply = add(&mut ws, "a3", slots).await;
    assert_eq!(sized_reply["cart"]["count"], 4, "{sized_reply}");
    let line = &sized_reply["cart"]["lines"][1];
    assert_eq!(line["sku"], variant.sku.as_str());
    assert_eq!(line["size"], json!(variant.size));

    // Asking which size, or an unknown id, changes nothing and carries no cart.
    let ask = add(&mut ws, "a4", json!({"product_id": sized.id.as_str()})).await;
    assert!(ask.get("cart").is_none(), "{ask}");
    assert!(
        !ask["quick_replies"].as_array().unwrap().is_empty(),
        "{ask}"
    );
    let unknown = add(&mut ws, "a5", json!({"product_id": "no-such-product"})).await;
    assert!(unknown.get("cart").is_none(), "{unknown}");

    drop(ws);
    let mut again = connect().await;
    send(
        &mut again,
        json!({"type":"hello","session_id":session,"last_seen":0}),
    )
    .await;
    let welcome = next_frame(&mut again).await;
    assert_eq!(welcome["type"], "welcome");
    assert_eq!(welcome["cart"]["count"], 4, "{welcome}");
    assert_eq!(welcome["cart"]["lines"].as_array().unwrap().len(), 2);
}
