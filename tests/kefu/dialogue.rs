//! Conversation stories (tests/stories/*.yaml) against the real parts: the shipped NLU
//! model, the base encoder, the demo shop in knowledge/, sled. Each step says what the
//! shopper types (or which button they press) and what must then be true.

use chrono::{DateTime, Utc};
use futures::FutureExt;
use kefu::behavior::{BehaviorConfig, EventLog};
use kefu::config::Config;
use kefu::dialogue::{ChatService, Dialogue, DialogueParts, Templates, Turn, TurnInput};
use kefu::knowledge::{Graph, LiveGraph};
use kefu::nlu::Nlu;
use kefu::store::Store;
use kefu::types::{Embed, Reply, SessionId, UserId};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::support::{next_frame, serve, Ws};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Story {
    story: String,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    locale: Option<String>,
    steps: Vec<Step>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Step {
    /// What the shopper types.
    say: Option<String>,
    /// A button: its payload, or `"#N"` for the Nth quick reply of the last reply.
    press: Option<String>,
    /// Restart kefu (same data directory) before this step's input.
    restart: bool,
    intent: Option<String>,
    /// Any of these intents is right (for genuinely ambiguous wording).
    intent_any: Vec<String>,
    action: Option<String>,
    reply_contains: Vec<String>,
    reply_not_contains: Vec<String>,
    handoff: Option<bool>,
    quick_replies_min: Option<usize>,
    products: Option<ProductCheck>,
    /// Slots in force after the turn (value must contain the given text, case-insensitive).
    slots: BTreeMap<String, String>,
    /// Slots that must not be in force after the turn.
    slots_absent: Vec<String>,
    /// The focus product's id after the turn.
    focus: Option<String>,
    /// The focus after the turn is the cheapest product of the last list shown.
    focus_cheapest_shown: bool,
    /// The focus after the turn states the smallest value of this numeric attribute among
    /// the products of the last list shown that state it.
    focus_least_shown: Option<String>,
    cart_size: Option<usize>,
    /// No reply at all (a person has the conversation).
    silent: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct ProductCheck {
    min: Option<usize>,
    max: Option<usize>,
    /// Every product is in this category or below it.
    category: Option<String>,
    brand: Option<String>,
    not_brand: Option<String>,
    price_max: Option<f64>,
    price_min: Option<f64>,
    /// Every product has a variant of this colour in stock.
    colour: Option<String>,
    /// Every product has a variant of this size in stock (as the shop reads sizes: "44"
    /// is a European shoe size).
    size: Option<String>,
    /// Every product has this yes/no feature, as the graph answers it.
    feature: Option<String>,
    /// More than half of the products mention one of these words in their name,
    /// description or category (the shopper's interest was heard).
    most_mention: Vec<String>,
    /// Every product's name says one of these words (a list holds only what was asked).
    all_mention: Vec<String>,
    /// Prices do not go up down the list.
    cheapest_first: bool,
    /// The product ids, in order.
    ids: Vec<String>,
    /// None of these ids (e.g. what the previous turn showed).
    not_ids_of_previous: bool,
    every_has_reason: bool,
}

/// A fixed "now" for the order book's return windows.
pub(crate) fn story_clock() -> DateTime<Utc> {
    "2026-11-28T12:00:00Z".parse().unwrap()
}

pub(crate) struct Shared {
    pub(crate) nlu: Nlu,
    embed: Arc<dyn Embed>,
}

pub(crate) fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let config = Config::default();
        let nlu =
            Nlu::load(&config.nlu, &config.model.base_dir).expect("the shipped NLU model loads");
        Shared {
            nlu,
            embed: crate::support::encoder(),
        }
    })
}

pub(crate) struct Kefu {
    pub(crate) dialogue: Dialogue,
    pub(crate) graph: Arc<LiveGraph>,
    pub(crate) events: Arc<EventLog>,
}

pub(crate) fn start(data: &Path) -> Kefu {
    start_on(data, Path::new("knowledge"))
}

/// kefu on the catalogue in `knowledge` (the demo shop's replies and NLU either way).
pub(crate) fn start_on(data: &Path, knowledge: &Path) -> Kefu {
    let config = Config::default();
    let store = Store::open(data).unwrap();
    let graph = LiveGraph::open(knowledge, Some(store.clone()))
        .unwrap_or_else(|e| panic!("{} loads: {e}", knowledge.display()));
    let events = Arc::new(EventLog::open(&store, BehaviorConfig::default()).unwrap());
    let templates = Templates::load(Path::new("knowledge/responses"), "en").unwrap();
    let s = shared();
    let dialogue = Dialogue::new(DialogueParts {
        nlu: Arc::new(s.nlu.clone()),
        graph: graph.clone(),
        embed: s.embed.clone(),
        store,
        templates,
        events: events.clone(),
        recommend: config.recommend.clone(),
        behavior: config.behavior.clone(),
        search_dir: Some(data.join("search")),
        clock: Some(story_clock()),
    })
    .unwrap();
    Kefu {
        dialogue,
        graph,
        events,
    }
}

fn check_products(g: &Graph, c: &ProductCheck, reply: &Reply, previous: &[String]) -> Vec<String> {
    let mut errs = Vec::new();
    let n = reply.products.len();
    if c.min.is_some_and(|m| n < m) {
        errs.push(format!(
            "expected at least {} products, got {n}",
            c.min.unwrap()
        ));
    }
    if c.max.is_some_and(|m| n > m) {
        errs.push(format!(
            "expected at most {} products, got {n}",
            c.max.unwrap()
        ));
    }
    if !c.ids.is_empty() {
        let got: Vec<&str> = reply.products.iter().map(|p| p.id.as_str()).collect();
        if got != c.ids.iter().map(String::as_str).collect::<Vec<_>>() {
            errs.push(format!("expected products {:?}, got {got:?}", c.ids));
        }
    }
    let mut last_price = f64::MIN;
    for card in &reply.products {
        let p = g
            .product(card.id.as_str())
            .expect("cards name real products");
        if let Some(cat) = &c.category {
            let ok = g
                .category_ancestors(&p.category)
                .iter()
                .any(|a| &a.id == cat);
            if !ok {
                errs.push(format!("{} is in {}, not under {cat}", p.id, p.category));
            }
        }
        if c.brand
            .as_ref()
            .is_some_and(|b| !p.brand.eq_ignore_ascii_case(b))
        {
            errs.push(format!("{} is by {}, not {:?}", p.id, p.brand, c.brand));
        }
        if c.not_brand
            .as_ref()
            .is_some_and(|b| p.brand.eq_ignore_ascii_case(b))
        {
            errs.push(format!("{} is by the excluded brand {}", p.id, p.brand));
        }
        if c.price_max.is_some_and(|m| p.price > m) {
            errs.push(format!("{} costs {} > {:?}", p.id, p.price, c.price_max));
        }
        if c.price_min.is_some_and(|m| p.price < m) {
            errs.push(format!("{} costs {} < {:?}", p.id, p.price, c.price_min));
        }
        if let Some(col) = &c.colour {
            if p.variants_in_stock(None, Some(col)).next().is_none() {
                errs.push(format!("{} has no {col} variant in stock", p.id));
            }
        }
        if let Some(size) = &c.size {
            if p.variants_in_stock(Some(size), None).next().is_none() {
                errs.push(format!("{} has no size {size} in stock", p.id));
            }
        }
        if let Some(f) = &c.feature {
            let yes = g
                .attribute_answer(p.id.as_str(), f)
                .is_some_and(|a| a.verdict == kefu::knowledge::Verdict::Yes);
            if !yes {
                errs.push(format!("{} does not have {f}", p.id));
            }
        }
        if c.cheapest_first && p.price < last_price {
            errs.push(format!("{} breaks cheapest-first order", p.id));
        }
        last_price = p.price;
        if c.not_ids_of_previous && previous.contains(&p.id.0) {
            errs.push(format!("{} was already shown", p.id));
        }
        if c.every_has_reason && card.reason.as_deref().is_none_or(str::is_empty) {
            errs.push(format!("{} has no reason", p.id));
        }
    }
    for card in &reply.products {
        let name = card.name.to_lowercase();
        if !c.all_mention.is_empty() && !c.all_mention.iter().any(|w| name.contains(w.as_str())) {
            errs.push(format!("{} names none of {:?}", card.name, c.all_mention));
        }
    }
    if !c.most_mention.is_empty() {
        let mentioning = reply
            .products
            .iter()
            .filter_map(|card| g.product(card.id.as_str()))
            .filter(|p| {
                let text = format!("{} {} {}", p.name, p.description, p.category).to_lowercase();
                c.most_mention
                    .iter()
                    .any(|w| text.contains(&w.to_lowercase()))
            })
            .count();
        if mentioning * 2 <= n {
            let names: Vec<&str> = reply.products.iter().map(|p| p.name.as_str()).collect();
            errs.push(format!(
                "only {mentioning} of {n} products mention any of {:?}: {names:?}",
                c.most_mention
            ));
        }
    }
    errs
}

/// Runs one story on the shared kefu (sessions keep stories apart; each story names its
/// own orders). A `restart` step drops kefu and starts it again on the same data.
async fn run_story(
    path: &Path,
    story: &Story,
    (data, knowledge): (&Path, &Path),
    kefu: &mut Option<Kefu>,
) -> Vec<String> {
    let session = format!("story-{}", uuid::Uuid::new_v4());
    let mut failures = Vec::new();
    let mut last: Option<Reply> = None;
    let mut previous_ids: Vec<String> = Vec::new();
    for (i, step) in story.steps.iter().enumerate() {
        let at = format!("{}: story {:?} step {}", path.display(), story.story, i + 1);
        if step.restart {
            drop(kefu.take());
            *kefu = Some(start_on(data, knowledge));
        }
        let k = kefu.as_ref().unwrap();
        let input = match (&step.say, &step.press) {
            (Some(text), None) => TurnInput::Text { text: text.clone() },
            (None, Some(p)) => {
                let payload = match p.strip_prefix('#') {
                    Some(n) => {
                        let n: usize = n.parse().expect("#N");
                        match last.as_ref().and_then(|r| r.quick_replies.get(n - 1)) {
                            Some(q) => q.payload.clone(),
                            None => {
                                failures.push(format!("{at}: no quick reply #{n} to press"));
                                break;
                            }
                        }
                    }
                    None => p.clone(),
                };
                TurnInput::Action { payload }
            }
            _ => panic!("{at}: a step has exactly one of `say` or `press`"),
        };
        let turn = Turn {
            session: SessionId::new(&session),
            user: story.user.as_deref().map(UserId::new),
            locale: story.locale.clone(),
            input,
            at: None,
        };
        let replies = match k.dialogue.turn(turn).await {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{at}: turn failed: {e}"));
                break;
            }
        };
        let tracker = k.dialogue.tracker(&session).unwrap().unwrap_or_default();
        if std::env::var_os("KEFU_STORY_DEBUG").is_some() {
            // Set to see every turn's parse and tracker when writing a story.
            eprintln!(
                "{at}: parse {:?}\n  slots {:?} excluded {:?}",
                tracker.last_parse, tracker.slots, tracker.excluded_brands
            );
        }
        let said = step
            .say
            .clone()
            .unwrap_or_else(|| format!("[{}]", step.press.clone().unwrap()));
        let mut errs = Vec::new();
        if step.silent {
            if !replies.is_empty() {
                errs.push(format!("expected no reply, got {:?}", replies[0].text));
            }
            failures.extend(errs.into_iter().map(|e| format!("{at} ({said:?}): {e}")));
            continue;
        }
        let Some(reply) = replies.into_iter().next() else {
            failures.push(format!("{at} ({said:?}): no reply"));
            continue;
        };
        let intent = reply.intent.clone().unwrap_or_default();
        if let Some(want) = &step.intent {
            if &intent != want {
                errs.push(format!(
                    "intent {intent:?} (conf {:?}), expected {want:?}",
                    reply.confidence
                ));
            }
        }
        if !step.intent_any.is_empty() && !step.intent_any.contains(&intent) {
            errs.push(format!(
                "intent {intent:?}, expected one of {:?}",
                step.intent_any
            ));
        }
        let action = tracker
            .turns
            .last()
            .map(|t| t.action.clone())
            .unwrap_or_default();
        if let Some(want) = &step.action {
            if &action != want {
                errs.push(format!("action {action:?}, expected {want:?}"));
            }
        }
        let text = reply.text.to_lowercase();
        for w in &step.reply_contains {
            if !text.contains(&w.to_lowercase()) {
                errs.push(format!("reply {:?} lacks {w:?}", reply.text));
            }
        }
        for w in &step.reply_not_contains {
            if text.contains(&w.to_lowercase()) {
                errs.push(format!("reply {:?} contains {w:?}", reply.text));
            }
        }
        if step.handoff.is_some_and(|h| h != reply.handoff) {
            errs.push(format!(
                "handoff {} expected {:?}",
                reply.handoff, step.handoff
            ));
        }
        if step
            .quick_replies_min
            .is_some_and(|m| reply.quick_replies.len() < m)
        {
            errs.push(format!(
                "{} quick replies, expected at least {:?}",
                reply.quick_replies.len(),
                step.quick_replies_min
            ));
        }
        if let Some(c) = &step.products {
            errs.extend(check_products(&k.graph.graph(), c, &reply, &previous_ids));
        }
        for (slot, want) in &step.slots {
            match tracker.slots.get(slot) {
                Some(v) if v.to_lowercase().contains(&want.to_lowercase()) => {}
                other => errs.push(format!("slot {slot} = {other:?}, expected {want:?}")),
            }
        }
        for slot in &step.slots_absent {
            if let Some(v) = tracker.slots.get(slot) {
                errs.push(format!("slot {slot} still {v:?}"));
            }
        }
        if let Some(f) = &step.focus {
            if tracker.focus.as_ref().map(|x| x.as_str()) != Some(f.as_str()) {
                errs.push(format!("focus {:?}, expected {f}", tracker.focus));
            }
        }
        if step.focus_cheapest_shown {
            let graph = k.graph.graph();
            let cheapest = previous_ids
                .iter()
                .filter_map(|id| graph.product(id))
                .min_by(|a, b| a.price.total_cmp(&b.price))
                .map(|p| p.id.clone());
            if cheapest.is_none() || tracker.focus != cheapest {
                errs.push(format!(
                    "focus {:?}, expected the cheapest shown, {cheapest:?}",
                    tracker.focus
                ));
            }
        }
        if let Some(attr) = &step.focus_least_shown {
            let graph = k.graph.graph();
            let least = previous_ids
                .iter()
                .filter_map(|id| graph.number(id, attr).map(|n| (id.clone(), n)))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(id, _)| id);
            let focus = tracker.focus.as_ref().map(|f| f.0.clone());
            if least.is_none() || focus != least {
                errs.push(format!(
                    "focus {focus:?}, expected the least {attr} shown, {least:?}"
                ));
            }
        }
        if step.cart_size.is_some_and(|n| tracker.cart.len() != n) {
            errs.push(format!(
                "cart has {} lines, expected {:?}",
                tracker.cart.len(),
                step.cart_size
            ));
        }
        failures.extend(errs.into_iter().map(|e| format!("{at} ({said:?}): {e}")));
        if !reply.products.is_empty() {
            previous_ids = reply.products.iter().map(|p| p.id.0.clone()).collect();
        }
        last = Some(reply);
    }
    failures
}

/// The story files of a folder, and the catalogue they run on: tests/stories/*.yaml on
/// the demo shop, tests/stories/<name>/*.yaml on tests/fixtures/<name>.
fn story_sets() -> Vec<(PathBuf, Vec<PathBuf>)> {
    let yaml_in = |dir: &Path| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        files
    };
    let mut sets = vec![(
        PathBuf::from("knowledge"),
        yaml_in(Path::new("tests/stories")),
    )];
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("tests/stories")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_owned();
        sets.push((Path::new("tests/fixtures").join(name), yaml_in(&dir)));
    }
    sets
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stories() {
    let mut failures = Vec::new();
    let mut count = 0;
    let mut on_other_catalogues = 0;
    for (knowledge, files) in story_sets() {
        let data = tempfile::tempdir().unwrap();
        let at = (data.path(), knowledge.as_path());
        let mut kefu = Some(start_on(data.path(), &knowledge));
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let stories: Vec<Story> =
                serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            for story in &stories {
                count += 1;
                if knowledge != Path::new("knowledge") {
                    on_other_catalogues += 1;
                }
                let res = std::panic::AssertUnwindSafe(run_story(&file, story, at, &mut kefu))
                    .catch_unwind()
                    .await;
                match res {
                    Ok(f) => failures.extend(f),
                    Err(_) => {
                        failures.push(format!(
                            "{}: story {:?} panicked",
                            file.display(),
                            story.story
                        ));
                        kefu = Some(start_on(data.path(), &knowledge));
                    }
                }
            }
        }
    }
    assert!(count >= 30, "at least 30 stories, found {count}");
    assert!(
        on_other_catalogues >= 8,
        "at least 8 stories on a catalogue other than the demo shop, found {on_other_catalogues}"
    );
    assert!(
        failures.is_empty(),
        "{} of {count} stories' steps failed:\n{}",
        failures.len(),
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
