//! The shop's texts in another language (knowledge/<locale>/, issue 32): the loader's
//! checks against the English graph, Chinese FAQ answers, Chinese product names on the
//! real socket, and search on Chinese words through the real index, with the English
//! rankings unchanged. Real parts: the knowledge loader, the base encoder, sled, the
//! router on a socket.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use kefu::knowledge::{KnowledgeBase, Problem, Severity};
use kefu::search::{ProductSearch, SearchMode};
use kefu::store::Store;
use kefu::types::SearchRequest;

/// A small English shop of the tests' own writing, with its Chinese texts.
fn write_shop(dir: &Path) {
    let w = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    w(
        "categories.yaml",
        "- {id: audio, name: Audio}\n- {id: earbuds, name: Earbuds, parent: audio, synonyms: [in-ear headphones]}\n- {id: kettles, name: Kettles}\n",
    );
    w("brands.yaml", "- {id: lark, name: Lark}\n");
    w(
        "attributes.yaml",
        "- {id: noise_cancelling, name: noise cancelling, type: bool, synonyms: [anc]}\n",
    );
    w(
        "products.jsonl",
        concat!(
            r#"{"id": "eb-1", "name": "Lark Buds", "brand": "lark", "category": "earbuds", "price": 59.0, "currency": "EUR", "stock": 4, "attributes": {"noise_cancelling": true}, "description": "Wireless earbuds with noise cancelling.", "added": "2026-01-02"}"#,
            "\n",
            r#"{"id": "kt-1", "name": "Lark Kettle", "brand": "lark", "category": "kettles", "price": 39.0, "currency": "EUR", "stock": 2, "description": "A 1.7 litre kettle.", "added": "2026-01-03"}"#,
            "\n"
        ),
    );
    w(
        "faq.yaml",
        "- id: shipping-cost\n  question: How much is shipping?\n  answer: Shipping is 4.95 EUR, free over 50 EUR.\n  policy: shipping\n",
    );
    w(
        "policies/shipping.md",
        "---\nkind: shipping\ntitle: Shipping\nsummary: We ship in 2-4 days.\nterms: {free_shipping_over: 50}\ndestinations: [EU]\n---\nBody.\n",
    );
    w(
        "zh/categories.yaml",
        "# 中文\n- {id: audio, name: 影音}\n- {id: earbuds, name: 入耳式耳机, synonyms: [蓝牙耳机]}\n- {id: kettles, name: 电水壶, synonyms: [烧水壶]}\n",
    );
    w(
        "zh/attributes.yaml",
        "- {id: noise_cancelling, name: 主动降噪, synonyms: [降噪]}\n",
    );
    w(
        "zh/products.jsonl",
        concat!(
            "// 商品中文名\n",
            r#"{"id": "eb-1", "name": "Lark Buds 降噪蓝牙耳机", "description": "主动降噪的无线耳机。"}"#,
            "\n",
            r#"{"id": "kt-1", "name": "Lark 电水壶 1.7升"}"#,
            "\n"
        ),
    );
    w(
        "zh/faq.yaml",
        "- id: shipping-cost\n  question: 运费多少？\n  answer: 运费 4.95 欧元，满 50 欧元包邮。\n  alternates: [包邮吗]\n  policy: shipping\n",
    );
    w(
        "zh/policies/shipping.md",
        "---\nkind: shipping\ntitle: 配送\nsummary: 2–4 个工作日送达。\nterms: {free_shipping_over: 50}\ndestinations: [EU]\n---\n正文。\n",
    );
}

fn in_locale_folder(problems: &[Problem]) -> Vec<&Problem> {
    problems
        .iter()
        .filter(|p| p.file.starts_with("zh/"))
        .collect()
}

#[test]
fn a_locale_folder_is_checked_loaded_and_served_with_english_fallback() {
    let dir = tempfile::tempdir().unwrap();
    write_shop(dir.path());
    let problems = KnowledgeBase::check(dir.path()).unwrap();
    assert!(in_locale_folder(&problems).is_empty(), "{problems:#?}");

    let store = Store::open(dir.path().join("data")).unwrap();
    let (graph, _) = KnowledgeBase::load(dir.path(), Some(&store)).unwrap();
    let buds = graph.product("eb-1").unwrap();
    assert_eq!(graph.product_name(buds, "zh"), "Lark Buds 降噪蓝牙耳机");
    assert_eq!(graph.product_name(buds, "zh-CN"), "Lark Buds 降噪蓝牙耳机");
    assert_eq!(graph.product_name(buds, "en"), "Lark Buds");
    assert_eq!(
        graph.product_name(buds, "de"),
        "Lark Buds",
        "no de/: English"
    );
    let kettle = graph.product("kt-1").unwrap();
    assert_eq!(
        graph.product_description(kettle, "zh"),
        "A 1.7 litre kettle.",
        "no Chinese description: the English one"
    );
    assert_eq!(graph.category("蓝牙耳机").unwrap().id, "earbuds");
    assert_eq!(graph.category("earbuds").unwrap().id, "earbuds");
    assert_eq!(
        graph.resolve_attribute("降噪").as_deref(),
        Some("noise_cancelling")
    );
    assert_eq!(
        graph.attribute_label("noise_cancelling", "zh"),
        Some("主动降噪")
    );
    let policy = graph
        .policy_in(kefu::knowledge::PolicyKind::Shipping, "zh")
        .unwrap();
    assert_eq!(policy.summary, "2–4 个工作日送达。");

    // From the sled snapshot (files unchanged), the same texts.
    let (again, report) = KnowledgeBase::load(dir.path(), Some(&store)).unwrap();
    assert_eq!(report.source, kefu::knowledge::LoadSource::Snapshot);
    assert_eq!(
        again.product_name(again.product("eb-1").unwrap(), "zh"),
        "Lark Buds 降噪蓝牙耳机"
    );
    // A changed translation is a changed catalogue: the snapshot is not reused.
    std::fs::write(
        dir.path().join("zh/products.jsonl"),
        r#"{"id": "eb-1", "name": "Lark Buds 耳机"}"#,
    )
    .unwrap();
    let (edited, report) = KnowledgeBase::load(dir.path(), Some(&store)).unwrap();
    assert_eq!(report.source, kefu::knowledge::LoadSource::Files);
    assert_ne!(edited.content_hash(), graph.content_hash());
    assert_eq!(
        edited.product_name(edited.product("eb-1").unwrap(), "zh"),
        "Lark Buds 耳机"
    );
    assert!(report
        .warnings
        .iter()
        .any(|p| p.file == "zh/products.jsonl" && p.message.contains("kt-1")));
}

#[test]
fn an_unknown_id_or_a_changed_term_in_a_locale_file_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write_shop(dir.path());
    std::fs::write(
        dir.path().join("zh/categories.yaml"),
        "# 中文\n- {id: audio, name: 影音}\n- {id: earbud, name: 入耳式耳机}\n- {id: kettles, name: 电水壶, parent: audio}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("zh/products.jsonl"),
        "{\"id\": \"eb-1\", \"name\": \"耳机\"}\n{\"id\": \"eb-9\", \"name\": \"不存在\"}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("zh/faq.yaml"),
        "- id: shipping-cost\n  question: 运费多少？\n  answer: 4.95 欧元。\n  policy: returns\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("zh/policies/shipping.md"),
        "---\nkind: shipping\ntitle: 配送\nsummary: 送达。\nterms: {free_shipping_over: 30}\ndestinations: [EU]\n---\n正文。\n",
    )
    .unwrap();
    let problems = KnowledgeBase::check(dir.path()).unwrap();
    let error_at = |file: &str, line: usize, words: &str| {
        problems.iter().any(|p| {
            p.severity == Severity::Error
                && p.file == file
                && p.line == line
                && p.message.contains(words)
        })
    };
    assert!(
        error_at("zh/categories.yaml", 3, "unknown category id \"earbud\""),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("did you mean \"earbuds\"")),
        "{problems:#?}"
    );
    assert!(error_at("zh/categories.yaml", 4, "parent"), "{problems:#?}");
    assert!(error_at("zh/products.jsonl", 2, "eb-9"), "{problems:#?}");
    assert!(
        error_at("zh/faq.yaml", 4, "links policy returns"),
        "{problems:#?}"
    );
    assert!(
        error_at("zh/policies/shipping.md", 5, "free_shipping_over"),
        "{problems:#?}"
    );
    // A bad translation stops the load like any bad knowledge file: nothing is served
    // from it.
    let err = KnowledgeBase::load(dir.path(), None).unwrap_err();
    assert!(err.to_string().contains("zh/"), "{err}");
}

#[test]
fn a_missing_translation_is_a_warning_and_the_english_text_answers() {
    let dir = tempfile::tempdir().unwrap();
    write_shop(dir.path());
    std::fs::write(
        dir.path().join("zh/categories.yaml"),
        "- {id: earbuds, name: 入耳式耳机}\n",
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("zh/policies/shipping.md")).unwrap();
    let (graph, report) = KnowledgeBase::load(dir.path(), None).unwrap();
    let warned = |file: &str, words: &str| {
        report
            .warnings
            .iter()
            .any(|p| p.severity == Severity::Warning && p.file == file && p.message.contains(words))
    };
    assert!(
        warned("zh/categories.yaml", "audio"),
        "{:#?}",
        report.warnings
    );
    assert!(
        warned("zh/policies/shipping.md", "shipping"),
        "{:#?}",
        report.warnings
    );
    let kettles = graph.category("kettles").unwrap();
    assert_eq!(graph.category_name(kettles, "zh"), "Kettles");
    let policy = graph
        .policy_in(kefu::knowledge::PolicyKind::Shipping, "zh")
        .unwrap();
    assert_eq!(policy.summary, "We ship in 2-4 days.");
}

// ---- the demo shop ------------------------------------------------------------------

/// The demo shop's Chinese texts are complete: no problem at all in knowledge/zh/.
#[test]
fn the_demo_shops_chinese_texts_pass_the_checks_with_no_warning() {
    let problems = KnowledgeBase::check(Path::new("knowledge")).unwrap();
    assert!(in_locale_folder(&problems).is_empty(), "{problems:#?}");
    let (graph, _) = KnowledgeBase::load(Path::new("knowledge"), None).unwrap();
    let zh = graph.locale("zh").expect("knowledge/zh/ is loaded");
    assert_eq!(zh.products.len(), graph.products().len());
    assert_eq!(zh.faq.len(), graph.faq().len());
}

#[test]
fn a_chinese_faq_question_is_answered_from_the_chinese_faq() {
    let (graph, _) = KnowledgeBase::load(Path::new("knowledge"), None).unwrap();
    let encoder = crate::support::encoder();
    let hit = graph
        .faq_lookup_in("亲，买多少钱才包邮呀？", encoder.as_ref(), 1, "zh")
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    assert_eq!(hit.entry.id, "shipping-cost");
    assert!(hit.fits(), "score {}", hit.score);
    assert!(hit.entry.answer.contains("包邮"), "{}", hit.entry.answer);
    // A product question is no FAQ question. (Not every one: "有没有…" shares 有没有 with
    // "有没有免运费"; docs/knowledge.md has the measured rate.)
    let hits = graph
        .faq_lookup_in("这个电水壶有白色的吗", encoder.as_ref(), 1, "zh")
        .unwrap();
    assert!(
        hits.iter().all(|h| !h.fits()),
        "{:?}",
        hits.first().map(|h| (&h.entry.id, h.score))
    );
    // An English question with the reply locale zh: matched by meaning, answered in Chinese.
    let hit = graph
        .faq_lookup_in("how much does shipping cost", encoder.as_ref(), 1, "zh")
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    assert_eq!(hit.entry.id, "shipping-cost");
    assert!(hit.entry.answer.contains("运费"), "{}", hit.entry.answer);
}

struct Searches {
    with_zh: ProductSearch,
    english_only: ProductSearch,
}

/// The demo shop's search twice: as shipped (with knowledge/zh/) and from a copy of its
/// English files alone. Product vectors are shared through one sled store.
fn searches() -> &'static Searches {
    static S: OnceLock<Searches> = OnceLock::new();
    S.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap().keep();
        let english: PathBuf = tmp.join("knowledge");
        std::fs::create_dir_all(english.join("policies")).unwrap();
        for entry in std::fs::read_dir("knowledge").unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, english.join(path.file_name().unwrap())).unwrap();
            }
        }
        for entry in std::fs::read_dir("knowledge/policies").unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(
                &path,
                english.join("policies").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
        let store = Store::open(tmp.join("data")).unwrap();
        let encoder = crate::support::encoder();
        let build = |dir: &Path| {
            let (graph, _) = KnowledgeBase::load(dir, None).unwrap();
            ProductSearch::build(graph, encoder.clone(), Some(&store), None).unwrap()
        };
        let with_zh = build(Path::new("knowledge"));
        let english_only = build(&english);
        assert!(with_zh.graph().locale("zh").is_some());
        assert!(english_only.graph().locale("zh").is_none());
        Searches {
            with_zh,
            english_only,
        }
    })
}

#[test]
fn chinese_words_find_the_demo_shops_products_through_the_real_index() {
    let search = &searches().with_zh;
    let graph = search.graph();
    let top_in = |query: &str, category: &str| {
        let hits = search
            .search(&SearchRequest::text(query), 5, SearchMode::Fused)
            .unwrap()
            .hits;
        assert!(!hits.is_empty(), "{query}: nothing found");
        for h in &hits {
            let p = graph.product(h.product.as_str()).unwrap();
            let path: Vec<&str> = graph
                .category_ancestors(&p.category)
                .iter()
                .map(|c| c.id.as_str())
                .collect();
            assert!(
                path.contains(&category),
                "{query}: {} is in {path:?}",
                p.name
            );
        }
    };
    top_in("蓝牙耳机", "earbuds");
    top_in("电水壶", "kettles");
    top_in("烧水壶", "kettles");
    top_in("登山靴", "hiking-boots");
    top_in("有没有狗粮", "dog-food");
    // A brand in Latin letters and a type in Chinese.
    let hits = search
        .search(&SearchRequest::text("Kestrel手表"), 5, SearchMode::Fused)
        .unwrap()
        .hits;
    let first = graph.product(hits[0].product.as_str()).unwrap();
    assert_eq!(
        (first.brand.as_str(), first.category.as_str()),
        ("kestrel", "smartwatches")
    );
    // A product type the Chinese NLU names resolves through the Chinese category names.
    let mut req = SearchRequest::text("");
    req.product_type = Some("蓝牙耳机".into());
    let found = search.search(&req, 5, SearchMode::Fused).unwrap();
    assert!(
        matches!(&found.type_match, kefu::search::TypeMatch::Found { categories, .. } if categories == &["earbuds".to_string()]),
        "{:?}",
        found.type_match
    );
}

/// The Chinese fields are fields of their own: every English query of the demo shop's
/// evaluation set ranks the same products with the same scores, with or without
/// knowledge/zh/.
#[test]
fn english_rankings_are_the_same_with_and_without_the_chinese_texts() {
    let s = searches();
    let queries = std::fs::read_to_string("eval/search/demo-shop.jsonl").unwrap();
    let mut compared = 0;
    for line in queries.lines().filter(|l| l.starts_with('{')) {
        let q: serde_json::Value = serde_json::from_str(line).unwrap();
        let req = SearchRequest::text(q["query"].as_str().unwrap());
        for mode in [SearchMode::Lexical, SearchMode::Fused] {
            let a = s.with_zh.search(&req, 10, mode).unwrap();
            let b = s.english_only.search(&req, 10, mode).unwrap();
            let key = |r: &kefu::search::SearchResults| -> Vec<(String, u32)> {
                r.hits
                    .iter()
                    .map(|h| {
                        (
                            h.product.as_str().to_string(),
                            (h.score * 1e4).round() as u32,
                        )
                    })
                    .collect()
            };
            assert_eq!(key(&a), key(&b), "{req:?} in {mode:?}");
        }
        compared += 1;
    }
    assert!(compared >= 150, "{compared}");
}

/// Over the real socket, a shopper whose locale is zh gets the shop's Chinese names on the
/// cards and the shipping policy in Chinese.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chinese_shopper_sees_chinese_names_and_policies_on_the_socket() {
    use futures::SinkExt;
    use serde_json::json;
    use tokio_tungstenite::tungstenite::Message;

    let data = tempfile::tempdir().unwrap();
    let parts = crate::dialogue::start(data.path());
    let graph = parts.graph.graph();
    let store = Store::open(data.path().join("transport")).unwrap();
    let chat: Arc<dyn kefu::dialogue::ChatService> = Arc::new(parts.dialogue);
    let state =
        kefu::AppState::new(Arc::new(kefu::config::Config::default()), store, Some(chat)).unwrap();
    let addr = crate::support::serve(state).await;
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
        .await
        .unwrap();
    let send = |v: serde_json::Value| Message::Text(v.to_string().into());
    ws.send(send(json!({"type":"hello","locale":"zh"})))
        .await
        .unwrap();
    assert_eq!(crate::support::next_frame(&mut ws).await["type"], "welcome");

    let payload = r#"/search_product{"product_type":"earbuds"}"#;
    ws.send(send(
        json!({"type":"action","client_id":"a1","payload":payload}),
    ))
    .await
    .unwrap();
    let found = crate::support::next_frame(&mut ws).await;
    let cards = found["products"].as_array().unwrap();
    assert!(!cards.is_empty(), "{found}");
    let zh = graph.locale("zh").unwrap();
    for card in cards {
        let id = card["id"].as_str().unwrap();
        assert_eq!(
            card["name"],
            zh.product(id).unwrap().name.as_str(),
            "{card}"
        );
        assert_eq!(card["category"], "入耳式耳机", "{card}");
    }

    ws.send(send(
        json!({"type":"action","client_id":"a2","payload":"/shipping_info"}),
    ))
    .await
    .unwrap();
    let shipping = crate::support::next_frame(&mut ws).await;
    let text = shipping["text"].as_str().unwrap();
    // The Chinese policy summary, or a Chinese FAQ answer about shipping.
    let shipping_texts: Vec<&str> = std::iter::once(
        zh.policy(kefu::knowledge::PolicyKind::Shipping)
            .unwrap()
            .summary
            .as_str(),
    )
    .chain(
        zh.faq
            .iter()
            .filter(|f| f.policy == Some(kefu::knowledge::PolicyKind::Shipping))
            .map(|f| f.answer.as_str()),
    )
    .collect();
    assert!(shipping_texts.iter().any(|t| text.contains(t)), "{text}");
}

/// With the multilingual encoder set (when `kefu model fetch --base multilingual-e5-small`
/// has been run; skipped otherwise), a Chinese question that shares few characters with
/// the FAQ's phrasings is matched by meaning.
#[test]
fn with_the_multilingual_encoder_chinese_faq_questions_are_matched_by_meaning() {
    let dir = Path::new("models/base/multilingual-e5-small");
    if !dir.join("model.safetensors").exists() {
        eprintln!("skipped: {} is not fetched", dir.display());
        return;
    }
    let (graph, _) = KnowledgeBase::load(Path::new("knowledge"), None).unwrap();
    let english = crate::support::encoder();
    let ask = |q: &str| {
        graph
            .faq_lookup_in(q, english.as_ref(), 1, "zh")
            .unwrap()
            .into_iter()
            .next()
            .map(|h| (h.entry.id.clone(), h.by, h.fits()))
    };
    // By characters it shares most with the shipping cost ("多少").
    let before = ask("快递大概要走多少天").unwrap();
    assert_eq!(before.1, kefu::knowledge::FaqMatch::Words);
    let e5 = Arc::new(kefu::nlu::SentenceEncoder::load(dir).unwrap());
    graph
        .set_multilingual(kefu::knowledge::MultilingualEncoder {
            embed: e5,
            prefix: "query: ".into(),
        })
        .unwrap();
    let after = ask("快递大概要走多少天").unwrap();
    assert_eq!(
        after,
        (
            "delivery-time".to_string(),
            kefu::knowledge::FaqMatch::Multilingual,
            true
        )
    );
    let product = ask("有没有三百元以内的蓝牙耳机").unwrap();
    assert!(
        !product.2,
        "a product request is no FAQ question: {product:?}"
    );
}
