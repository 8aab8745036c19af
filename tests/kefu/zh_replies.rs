//! A Chinese-speaking shopper reads Chinese wherever kefu words something (issue 32):
//! replies, card reasons, comparison rows, quick replies, clarification questions, the cart
//! in chat, in a turn's cart and in the welcome frame, over the socket and over REST.
//! English may appear only where the shop's own data has no Chinese (a brand, a model
//! name, a colour the catalogue names, a carrier): the check allows exactly the Latin
//! words of the catalogue's Chinese texts, of products without a Chinese name, of brands,
//! variants, facts, units, orders and currencies, and reports any other Latin word of three
//! or more letters as kefu's own English.

use std::collections::BTreeSet;
use std::sync::Arc;

use futures::SinkExt;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;
use tower::ServiceExt;

use kefu::config::Config;
use kefu::dialogue::ChatService;
use kefu::knowledge::{AttrValue, Graph};
use kefu::store::Store;

use crate::support::{next_frame, serve, Ws};

const SECRET: &str = "zh-replies-test-identity-secret";

/// The Latin words a Chinese reply may carry: the shop's data, not kefu's wording.
fn shop_words(graph: &Graph) -> BTreeSet<String> {
    let mut texts: Vec<String> = Vec::new();
    let zh = graph.locale("zh").expect("the demo shop has Chinese texts");
    for p in graph.products() {
        texts.push(graph.product_name(p, "zh").to_string());
        for v in &p.variants {
            texts.extend(v.size.clone());
            texts.extend(v.colour.clone());
        }
        for f in graph.facts(p.id.as_str()) {
            if let AttrValue::Text(t) = &f.value {
                texts.push(t.clone());
            }
            texts.extend(f.unit.clone());
        }
        texts.push(p.currency.clone());
    }
    texts.extend(graph.brands().iter().map(|b| b.name.clone()));
    texts.extend(
        graph
            .catalog()
            .attributes
            .iter()
            .filter_map(|a| a.unit.clone()),
    );
    texts.extend(zh.products.values().map(|p| p.description.clone()));
    texts.extend(zh.categories.values().map(|c| c.name.clone()));
    texts.extend(zh.attributes.values().map(|a| a.name.clone()));
    for policy in &zh.policies {
        texts.push(format!(
            "{} {} {}",
            policy.title, policy.summary, policy.body
        ));
    }
    texts.extend(zh.faq.iter().map(|f| f.answer.clone()));
    for user in ["u-1004"] {
        for o in graph.orders_of(user) {
            texts.push(o.id.clone());
            if let Some(t) = &o.tracking {
                texts.push(format!("{} {}", t.carrier, t.number));
            }
        }
    }
    texts
        .iter()
        .flat_map(|t| latin_words(t))
        .map(|w| w.to_lowercase())
        .collect()
}

/// Runs of Latin letters of three or more.
fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_string)
        .collect()
}

/// The Latin words of `text` that are not the shop's: kefu's own English.
fn own_english(text: &str, shop: &BTreeSet<String>) -> Vec<String> {
    latin_words(text)
        .into_iter()
        .filter(|w| !shop.contains(&w.to_lowercase()))
        .collect()
}

/// Every text of a reply or welcome frame kefu wrote for the shopper, with where it is.
fn texts_of(frame: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |at: &str, v: &Value| {
        if let Some(s) = v.as_str() {
            out.push((at.to_string(), s.to_string()));
        }
    };
    push("text", &frame["text"]);
    for (i, p) in frame["products"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        push(&format!("products[{i}].name"), &p["name"]);
        push(&format!("products[{i}].category"), &p["category"]);
        push(&format!("products[{i}].reason"), &p["reason"]);
    }
    for (i, q) in frame["quick_replies"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        push(&format!("quick_replies[{i}].title"), &q["title"]);
    }
    for (i, l) in frame["cart"]["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        push(&format!("cart.lines[{i}].name"), &l["name"]);
    }
    out
}

/// Collects what is wrong with one frame: kefu's English anywhere in it, a product named
/// otherwise than by its Chinese name, an empty text.
struct Checker<'g> {
    graph: &'g Graph,
    shop: BTreeSet<String>,
    problems: Vec<String>,
    checked: usize,
}

impl Checker<'_> {
    fn check(&mut self, said: &str, frame: &Value) {
        for (at, text) in texts_of(frame) {
            self.checked += 1;
            if text.trim().is_empty() {
                self.problems.push(format!("{said:?} → {at} is empty"));
            }
            let english = own_english(&text, &self.shop);
            if !english.is_empty() {
                self.problems
                    .push(format!("{said:?} → {at}: {english:?} in {text:?}"));
            }
        }
        let named = |v: &Value, id: &str| {
            let name = v.as_str().unwrap_or_default();
            let p = self.graph.product(id).expect("a catalogue product");
            (name == self.graph.product_name(p, "zh"))
                .then_some(())
                .ok_or_else(|| format!("{said:?} → {id} named {name:?}"))
        };
        let mut wrong = Vec::new();
        for p in frame["products"].as_array().into_iter().flatten() {
            wrong.extend(named(&p["name"], p["id"].as_str().unwrap()).err());
        }
        for l in frame["cart"]["lines"].as_array().into_iter().flatten() {
            wrong.extend(named(&l["name"], l["product"].as_str().unwrap()).err());
        }
        self.problems.extend(wrong);
    }
}

async fn send(ws: &mut Ws, frame: Value) -> Value {
    ws.send(Message::Text(frame.to_string().into()))
        .await
        .unwrap();
    next_frame(ws).await
}

async fn say(ws: &mut Ws, id: &str, text: &str) -> Value {
    let reply = send(ws, json!({"type":"message","client_id":id,"text":text})).await;
    assert_eq!(reply["type"], "reply", "{text}: {reply}");
    reply
}

async fn press(ws: &mut Ws, id: &str, payload: &str) -> Value {
    let reply = send(
        ws,
        json!({"type":"action","client_id":id,"payload":payload}),
    )
    .await;
    assert_eq!(reply["type"], "reply", "{payload}: {reply}");
    reply
}

async fn hello(addr: std::net::SocketAddr, identity: &str, session: Option<&str>) -> (Ws, Value) {
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
        .await
        .unwrap();
    let mut frame = json!({"type":"hello","identity":identity,"locale":"zh"});
    if let Some(s) = session {
        frame["session_id"] = json!(s);
    }
    let welcome = send(&mut ws, frame).await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    (ws, welcome)
}

/// Over the real server, a signed-in Chinese shopper searches, compares, asks about a
/// product, fills the cart (a size is asked), looks at it in chat, asks about an order,
/// cancels and keeps it, asks about shipping and returns, and comes back to the cart in a
/// new socket and over REST. Every text kefu wrote is Chinese but for the shop's own names.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chinese_shopper_reads_no_english_of_kefus_own() {
    let data = tempfile::tempdir().unwrap();
    let kefu = crate::dialogue::start(data.path());
    let graph = kefu.graph.graph();
    let store = Store::open(data.path().join("transport")).unwrap();
    let chat: Arc<dyn ChatService> = Arc::new(kefu.dialogue);
    let mut config = Config::default();
    config.server.identity_secret = Some(SECRET.into());
    // One shopper types fast here: the limits are not what this test is about.
    config.server.burst_messages = 100;
    config.server.session_burst = 100;
    let state = kefu::AppState::new(Arc::new(config), store, Some(chat)).unwrap();
    let addr = serve(state.clone()).await;
    let identity = kefu::identity::IdentityKey::new(SECRET)
        .unwrap()
        .sign("u-1004", chrono::Utc::now().timestamp() + 600)
        .unwrap();
    let mut checker = Checker {
        graph: &graph,
        shop: shop_words(&graph),
        problems: Vec::new(),
        checked: 0,
    };
    assert!(
        !checker.shop.contains("price") && !checker.shop.contains("because"),
        "kefu's own words are not the shop's: the check could not fail"
    );

    let (mut ws, welcome) = hello(addr, &identity, None).await;
    let session = welcome["session_id"].as_str().unwrap().to_string();

    // What the shopper looked at before: the recommender's reasons may name it.
    for (i, viewed) in ["rs-007", "hp-005"].into_iter().enumerate() {
        let event = json!({"id": format!("v{i}"), "kind": "view", "product": viewed});
        let ack = send(&mut ws, json!({"type":"event","event":event})).await;
        assert_eq!(ack["type"], "ack", "{ack}");
    }
    for (id, text) in [
        ("m0a", "推荐几款跑鞋"),
        ("m0b", "最便宜的耳机"),
        ("m0c", "评分最高的耳机"),
    ] {
        let reply = say(&mut ws, id, text).await;
        assert!(
            !reply["products"].as_array().unwrap().is_empty(),
            "{text}: {reply}"
        );
        checker.check(text, &reply);
    }

    // A yes/no question about a product of the list: the answer and where it comes from.
    let boots = say(&mut ws, "m0d", "想买双登山靴").await;
    checker.check("想买双登山靴", &boots);
    let waterproof = say(&mut ws, "m0e", "第一个防水吗").await;
    assert_eq!(waterproof["intent"], "product_info", "{waterproof}");
    assert_eq!(
        waterproof["products"][0]["id"], boots["products"][0]["id"],
        "第一个 is the first of the list: {waterproof}"
    );
    checker.check("第一个防水吗", &waterproof);

    let found = say(&mut ws, "m1", "有没有两百以内的跑鞋").await;
    checker.check("有没有两百以内的跑鞋", &found);
    let products = found["products"].as_array().unwrap();
    assert!(products.len() >= 2, "{found}");
    assert!(
        products.iter().all(|p| p["reason"].is_string()),
        "every card says why: {found}"
    );
    let first = products[0]["id"].as_str().unwrap().to_string();

    for (id, text) in [
        ("m2", "对比一下第一个和第二个"),
        ("m3", "第一个防水吗"),
        ("m4", "第二个重量是多少"),
    ] {
        let reply = say(&mut ws, id, text).await;
        checker.check(text, &reply);
    }

    // A running shoe comes in sizes: kefu asks which (a clarification with buttons).
    let add = format!(r#"/add_to_cart{{"product_id":"{first}"}}"#);
    let asked = press(&mut ws, "m5", &add).await;
    checker.check(&add, &asked);
    let sizes = asked["quick_replies"].as_array().unwrap();
    assert!(!sizes.is_empty(), "a size is asked: {asked}");
    let size = sizes[0]["payload"].as_str().unwrap().to_string();
    let added = press(&mut ws, "m6", &size).await;
    checker.check(&size, &added);
    assert_eq!(added["cart"]["count"], 1, "{added}");

    for (id, text) in [
        ("m7", "我的购物车里有什么"),
        ("m8", "帮我查一下订单KF-20261024"),
        ("m9", "我要取消订单KF-20261024"),
    ] {
        let reply = say(&mut ws, id, text).await;
        checker.check(text, &reply);
    }
    // The shopper keeps the order with the button.
    let kept = press(&mut ws, "m10", "/deny").await;
    checker.check("/deny", &kept);
    for (id, text) in [
        ("m11", "我要取消订单KF-20261080"),
        ("m12", "运费怎么算？多少钱包邮？"),
        ("m13", "你们的退货政策是什么？"),
    ] {
        let reply = say(&mut ws, id, text).await;
        checker.check(text, &reply);
    }
    drop(ws);

    // The cart a returning socket is welcomed with.
    let (_ws, again) = hello(addr, &identity, Some(&session)).await;
    assert_eq!(again["cart"]["count"], 1, "{again}");
    checker.check("hello again", &again);

    // The same shopper over REST (the same router, called in process): the replies, and
    // the cart a turn changes.
    for text in ["我的购物车里有什么", "清空购物车"] {
        let body =
            json!({"session_id": session, "identity": identity, "locale": "zh", "text": text});
        let resp = kefu::app(state.clone())
            .oneshot(
                axum::http::Request::post("/api/chat")
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from(body.to_string()))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{text}");
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        let replies = body["replies"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"));
        assert!(!replies.is_empty(), "{body}");
        for reply in replies {
            checker.check(text, reply);
        }
    }

    assert!(
        checker.checked >= 40,
        "only {} texts checked",
        checker.checked
    );
    assert!(
        checker.problems.is_empty(),
        "kefu's own English in a Chinese conversation:\n{}",
        checker.problems.join("\n")
    );
}
