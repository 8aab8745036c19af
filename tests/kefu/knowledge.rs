//! The knowledge graph: validation rules with their locations, files → sled → graph,
//! queries on the demo shop, attribute answers with evidence, FAQ by meaning with the real
//! encoder, live reload, and the admin API through the real router.

use super::http::call;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use kefu::config::Config;
use kefu::knowledge::{
    KnowledgeBase, KnowledgeError, LiveGraph, LoadSource, OrderStatus, PolicyKind, Problem,
    Reloaded, Severity, Verdict,
};
use kefu::store::Store;
use kefu::{app, AppState};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt;

fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const PRODUCTS: &str = r#"{"id":"w1","name":"Kestrel Trailhawk 2","brand":"kestrel","category":"watches","price":349.0,"currency":"EUR","variants":[{"sku":"w1-black","colour":"Black","stock":3}],"attributes":{"gps":true},"description":"Sports watch, water-resistant to 100 m. Up to 14 days of battery.","rating":4.6,"review_count":210,"added":"2026-03-01"}
{"id":"w2","name":"Waypoint Sense 3","brand":"waypoint","category":"watches","price":229.0,"currency":"EUR","stock":5,"description":"Smartwatch with no GPS (it uses your phone's). Up to 7 days of battery.","added":"2026-05-01"}
{"id":"s1","name":"Kestrel QuickFit Strap","brand":"kestrel","category":"straps","price":29.99,"currency":"EUR","stock":40,"description":"Made of silicone. Fits 130-210 mm wrists.","added":"2025-01-10"}
"#;
const CATEGORIES: &str = "- id: wearables\n  name: Wearables\n- id: watches\n  name: Smartwatches\n  parent: wearables\n- id: straps\n  name: Watch straps\n  parent: wearables\n";
const BRANDS: &str = "- id: kestrel\n  name: Kestrel\n- id: waypoint\n  name: Waypoint\n";
const ATTRIBUTES: &str = "- id: gps\n  name: GPS\n  type: bool\n- id: water_resistance_m\n  name: water resistance\n  type: number\n  unit: m\n  synonyms: [waterproof]\n";
const RELATIONS: &str = "kind,from,to\ncompatible-with,s1,w1\nsubstitute-for,w2,w1\n";
const FAQ: &str = "- id: delivery\n  question: How long does delivery take?\n  answer: Two to four working days.\n  policy: shipping\n";

/// A small valid shop in a fresh directory.
fn small_shop() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "products.jsonl", PRODUCTS);
    write(d, "categories.yaml", CATEGORIES);
    write(d, "brands.yaml", BRANDS);
    write(d, "attributes.yaml", ATTRIBUTES);
    write(d, "relations.csv", RELATIONS);
    write(d, "faq.yaml", FAQ);
    for kind in ["shipping", "returns", "warranty", "payment", "privacy"] {
        write(
            d,
            &format!("policies/{kind}.md"),
            &format!("---\nkind: {kind}\ntitle: {kind}\nsummary: The {kind} policy.\n---\nText.\n"),
        );
    }
    dir
}

fn has(problems: &[Problem], file: &str, line: usize, text: &str) -> bool {
    problems
        .iter()
        .any(|p| p.file == file && p.line == line && p.message.contains(text) && p.is_error())
}

#[test]
fn demo_shop_is_valid_and_complete() {
    let problems = KnowledgeBase::check(&demo_dir()).unwrap();
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let (g, _) = KnowledgeBase::load(&demo_dir(), None).unwrap();
    let s = g.stats();
    assert!(s.products >= 600, "{s:?}");
    assert!(s.brands >= 40 && s.faq >= 40 && s.policies == 5, "{s:?}");
    let top = g.categories().iter().filter(|c| c.parent.is_none()).count();
    assert!(top >= 12, "{top} top-level categories");
    use OrderStatus::*;
    for status in [
        Placed, Paid, Shipped, Delivered, Cancelled, Returned, Refunded,
    ] {
        assert!(
            g.catalog().orders.iter().any(|o| o.status == status),
            "no {status:?} order"
        );
    }
    assert!(g.products().iter().any(|p| p.consumable));
    for kind in PolicyKind::ALL {
        assert!(g.policy(kind).is_some());
    }
    let shipping = g.policy(PolicyKind::Shipping).unwrap();
    assert!(shipping.destinations.iter().any(|d| d == "EU"));
}

#[test]
fn every_validation_rule_is_reported_at_once_with_its_location() {
    let dir = small_shop();
    let d = dir.path();
    write(
        d,
        "products.jsonl",
        &format!(
            "{PRODUCTS}{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n",
            // 4: duplicate id
            r#"{"id":"w1","name":"Again","brand":"kestrel","category":"watches","price":1.0,"currency":"EUR","description":"x","added":"2026-01-01"}"#,
            // 5: unknown category + unknown brand
            r#"{"id":"p5","name":"A","brand":"kestrell","category":"watchez","price":10.0,"currency":"EUR","description":"x","added":"2026-01-01"}"#,
            // 6: bad price + bad currency + rating out of range
            r#"{"id":"p6","name":"A","brand":"kestrel","category":"watches","price":-3.0,"currency":"euro","rating":7.0,"description":"x","added":"2026-01-01"}"#,
            // 7: unknown field
            r#"{"id":"p7","name":"A","brand":"kestrel","category":"watches","price":10.0,"currency":"EUR","colour":"red","description":"x","added":"2026-01-01"}"#,
            // 8: not JSON
            r#"{"id":"p8", "name": "#,
            // 9: unknown attribute + wrong type
            r#"{"id":"p9","name":"A","brand":"kestrel","category":"watches","price":10.0,"currency":"EUR","attributes":{"gpss":true,"water_resistance_m":"deep"},"description":"x","added":"2026-01-01"}"#,
            // 10: duplicate variant sku
            r#"{"id":"p10","name":"A","brand":"kestrel","category":"watches","price":10.0,"currency":"EUR","variants":[{"sku":"a","stock":1},{"sku":"a","stock":2}],"description":"x","added":"2026-01-01"}"#,
            // 11: missing field
            r#"{"id":"p11","brand":"kestrel","category":"watches","price":10.0,"currency":"EUR","description":"x","added":"2026-01-01"}"#,
        ),
    );
    // A cycle a → b → a, an unknown parent, an unknown field.
    write(
        d,
        "categories.yaml",
        &format!("{CATEGORIES}- id: a\n  name: A\n  parent: b\n- id: b\n  name: B\n  parent: a\n- id: c\n  name: C\n  parent: nowhere\n- id: d\n  name: D\n  colour: red\n"),
    );
    write(
        d,
        "relations.csv",
        "kind,from,to\ncompatible-with,s1,w1\naccessory-of,s1,ghost\nlooks-like,s1,w1\n",
    );
    write(d, "faq.yaml", "- id: q\n  question: Why?\n  answer: \"\"\n");
    write(
        d,
        "policies/returns.md",
        "---\nkind: refunds\ntitle: R\nsummary: S\n---\nx\n",
    );
    write(
        d,
        "policies/shipping.md",
        "---\nkind: shipping\ntitle: S\nsummary: S\ndestinations: [EU, Norway, Atlantis]\n---\nx\n",
    );
    write(
        d,
        "orders.jsonl",
        concat!(
            r#"{"id":"o1","user_id":"u1","email":"not-an-email","status":"shipped","items":[{"product":"ghost","quantity":1,"unit_price":1.0}],"total":1.0,"currency":"EUR","placed_at":"2026-11-01T10:00:00Z","paid_at":"2026-10-01T10:00:00Z","shipped_at":"2026-11-02T10:00:00Z"}"#,
            "\n"
        ),
    );
    let problems = KnowledgeBase::check(d).unwrap();
    let p = "products.jsonl";
    let cases = [
        (
            p,
            4,
            "duplicate product id \"w1\": it is already used on line 1",
        ),
        (
            p,
            5,
            "unknown category \"watchez\" (did you mean \"watches\"?)",
        ),
        (p, 5, "unknown brand \"kestrell\""),
        (p, 6, "bad price -3"),
        (p, 6, "currency \"euro\""),
        (p, 6, "rating 7"),
        (p, 7, "unknown field `colour`"),
        (p, 8, "not valid JSON"),
        (p, 9, "unknown attribute \"gpss\""),
        (p, 9, "attribute \"water_resistance_m\" must be a number"),
        (p, 10, "duplicate or empty variant sku"),
        (p, 11, "missing field `name`"),
        (
            "categories.yaml",
            11,
            "cycle in the category tree: a → b → a",
        ),
        ("categories.yaml", 17, "unknown parent category \"nowhere\""),
        ("categories.yaml", 20, "unknown field `colour`"),
        (
            "relations.csv",
            3,
            "dangling relation: accessory-of to unknown product \"ghost\"",
        ),
        ("relations.csv", 4, "unknown relation kind \"looks-like\""),
        ("faq.yaml", 3, "empty answer"),
        ("policies/returns.md", 2, "unknown policy kind \"refunds\""),
        ("orders.jsonl", 1, "bad email"),
        ("orders.jsonl", 1, "unknown product \"ghost\""),
        ("orders.jsonl", 1, "is shipped but has no `tracking`"),
        ("orders.jsonl", 1, "`paid_at` is before `placed_at`"),
    ];
    let all: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    for (file, line, text) in cases {
        assert!(
            has(&problems, file, line, text),
            "missing {file}:{line} {text:?} in\n{all:#?}"
        );
    }
    // Columns point at the field on JSON lines.
    let cat = problems
        .iter()
        .find(|p| p.line == 5 && p.field.as_deref() == Some("category"))
        .unwrap();
    assert_eq!(cat.column, 42, "{cat}");
    // The policy that lost its kind is reported as missing (a warning, not an error).
    assert!(problems
        .iter()
        .any(|p| p.severity == Severity::Warning && p.message.contains("no returns policy")));
    // A destination kefu cannot place is a warning on the shipping policy.
    assert!(problems.iter().any(|p| p.severity == Severity::Warning
        && p.file == "policies/shipping.md"
        && p.message.contains("\"Atlantis\"")));
    assert!(!problems
        .iter()
        .any(|p| p.message.contains("\"Norway\"") || p.message.contains("\"EU\"")));
    // Loading refuses the directory, with the same problems.
    let err = KnowledgeBase::load(d, None).unwrap_err();
    assert!(matches!(&err, KnowledgeError::Invalid(p) if p.len() == problems.len()));
}

#[test]
fn kg_check_exits_1_on_error_and_prints_file_line_column() {
    let dir = small_shop();
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["kg", "check", "--knowledge-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    write(
        dir.path(),
        "relations.csv",
        "kind,from,to\ncompatible-with,s1,w9\n",
    );
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["kg", "check", "--knowledge-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains("relations.csv:2:3: error: dangling relation"),
        "{out}"
    );
}

#[test]
fn kg_stats_json_has_the_documented_keys() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kefu"))
        .args(["kg", "stats", "--json", "--knowledge-dir"])
        .arg(small_shop().path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    for (k, n) in [
        ("products", 3),
        ("categories", 3),
        ("brands", 2),
        ("relations", 2),
        ("faq", 1),
        ("policies", 5),
    ] {
        assert_eq!(v[k], n, "{k} in {v}");
    }
}

#[test]
fn files_to_sled_to_graph_round_trip() {
    let shop = small_shop();
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let (first, r1) = KnowledgeBase::load(shop.path(), Some(&store)).unwrap();
    assert_eq!(r1.source, LoadSource::Files);
    drop(store);
    // A restart: a fresh store handle on the same directory, files unchanged.
    let store = Store::open(data.path()).unwrap();
    let (second, r2) = KnowledgeBase::load(shop.path(), Some(&store)).unwrap();
    assert_eq!(r2.source, LoadSource::Snapshot, "{r2}");
    assert_eq!(r1.hash, r2.hash);
    assert_eq!(first.products(), second.products());
    assert_eq!(first.catalog().facts, second.catalog().facts);
    assert_eq!(first.stats(), second.stats());
    assert_eq!(
        second.attribute_answer("w1", "waterproof").unwrap().verdict,
        Verdict::Yes
    );
    // An edited file is parsed again.
    let text = std::fs::read_to_string(shop.path().join("products.jsonl")).unwrap();
    write(
        shop.path(),
        "products.jsonl",
        &text.replace("349.0", "329.0"),
    );
    let (third, r3) = KnowledgeBase::load(shop.path(), Some(&store)).unwrap();
    assert_eq!(r3.source, LoadSource::Files);
    assert_eq!(third.product("w1").unwrap().price, 329.0);
}

#[test]
fn demo_shop_queries() {
    let (g, _) = KnowledgeBase::load(&demo_dir(), None).unwrap();
    // Category with sub-categories, ancestry, names and synonyms.
    let audio = g.products_in_category("audio", true);
    let direct = g.products_in_category("audio", false);
    assert!(direct.is_empty() && audio.len() > 15);
    for c in ["headphones", "earbuds", "speakers"] {
        assert!(audio.iter().any(|p| p.category == c), "{c}");
    }
    let earbuds = g.products_in_category("wireless earbuds", false);
    assert!(!earbuds.is_empty() && earbuds.iter().all(|p| p.category == "earbuds"));
    let path: Vec<&str> = g
        .category_ancestors("earbuds")
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(path, ["earbuds", "audio"]);
    assert!(g.category_descendants("phones-wearables").len() >= 4);
    // Brand, price, stock.
    assert!(g.by_brand("Kestrel").iter().all(|p| p.brand == "kestrel"));
    let band = g.in_price_range(50.0, 60.0);
    assert!(!band.is_empty() && band.windows(2).all(|w| w[0].price <= w[1].price));
    assert!(band.iter().all(|p| (50.0..=60.0).contains(&p.price)));
    let m_black = g.in_stock_variant(Some("M"), Some("Black"));
    assert!(!m_black.is_empty());
    assert!(m_black.iter().all(|p| p
        .variants_in_stock(Some("M"), Some("black"))
        .next()
        .is_some()));
    // Fuzzy mentions.
    let hits = g.search_name("galaxy watch", 3);
    assert!(
        hits[0].0.name.contains("Galaxy Watch"),
        "{:?}",
        hits[0].0.name
    );
    let typo = g.search_name("kestrel trailhwak", 3);
    assert!(typo[0].0.name.contains("Trailhawk"), "{:?}", typo[0].0.name);
    // Neighbours.
    let phone = g.search_name("meridian nova 12 256", 1)[0].0;
    let accessories = g.accessories_of(phone.id.as_str());
    assert!(
        accessories.iter().any(|p| p.category == "phone-cases"),
        "{accessories:?}"
    );
    let watch = g.search_name("trailhawk 2 42", 1)[0].0;
    assert!(g
        .compatible_with(watch.id.as_str())
        .iter()
        .any(|p| p.category == "watch-straps"));
    let cheaper = g.substitutes_of(watch.id.as_str(), true);
    assert!(!cheaper.is_empty() && cheaper.iter().all(|p| p.price < watch.price));
    // Orders and text for embedding.
    let o = &g.catalog().orders[0];
    assert_eq!(g.order(&o.id).unwrap().email, o.email);
    assert!(g
        .orders_of(&o.user_id)
        .iter()
        .all(|x| x.user_id == o.user_id));
    let text = g.product_text(watch);
    assert!(text.contains("Kestrel") && text.contains("Phones & wearables > Smartwatches"));
}

#[test]
fn attribute_questions_answer_with_evidence() {
    let (g, _) = KnowledgeBase::load(small_shop().path(), None).unwrap();
    let yes = g.attribute_answer("w1", "GPS").unwrap();
    assert_eq!(yes.verdict, Verdict::Yes);
    assert!(yes.evidence.unwrap().contains("product data"));
    let no = g.attribute_answer("w2", "gps").unwrap();
    assert_eq!(no.verdict, Verdict::No);
    assert!(no
        .evidence
        .unwrap()
        .contains("no GPS (it uses your phone's)"));
    let wet = g.attribute_answer("w1", "waterproof").unwrap();
    assert_eq!(
        (wet.verdict, wet.attribute.as_deref(), wet.unit.as_deref()),
        (Verdict::Yes, Some("water_resistance_m"), Some("m"))
    );
    assert_eq!(wet.value.unwrap().to_string(), "100");
    assert!(wet.evidence.unwrap().contains("water-resistant to 100 m"));
    let battery = g.attribute_answer("w1", "battery_life_h").unwrap();
    assert_eq!(battery.value.unwrap().to_string(), "336");
    let unknown = g.attribute_answer("s1", "waterproof").unwrap();
    assert_eq!(unknown.verdict, Verdict::Unknown);
    assert!(unknown.evidence.is_none());
    assert!(g.attribute_answer("nope", "gps").is_none());
}

#[test]
fn attribute_extraction_on_labelled_demo_products() {
    let (g, _) = KnowledgeBase::load(&demo_dir(), None).unwrap();
    let labels = std::fs::read_to_string(demo_dir().join("eval/attribute_labels.jsonl")).unwrap();
    let s = kefu::knowledge::score_extraction(g.products(), &labels).unwrap();
    assert_eq!(s.products, 50);
    assert!(s.precision >= 0.9 && s.recall >= 0.85, "{s:?}");
}

#[test]
fn faq_lookup_by_meaning_with_the_real_encoder() {
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/base/all-MiniLM-L6-v2");
    let encoder = kefu::nlu::SentenceEncoder::load(&base).expect("base encoder installed");
    let (g, _) = KnowledgeBase::load(&demo_dir(), None).unwrap();
    let cases = [
        (
            "when is my package going to get here",
            &["delivery-time", "track-order"][..],
        ),
        ("can I pay for it next month", &["pay-later"][..]),
        (
            "these trainers are too tight, can I get a bigger pair",
            &["exchange", "size-guide"][..],
        ),
        ("do you sell my personal information", &["data-privacy"][..]),
    ];
    for (query, expected) in cases {
        let hits = g.faq_lookup(query, &encoder, 3).unwrap();
        assert!(
            expected.contains(&hits[0].entry.id.as_str()),
            "{query:?} → {:?}",
            hits.iter()
                .map(|h| (&h.entry.id, h.score))
                .collect::<Vec<_>>()
        );
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    }
}

#[test]
fn export_dot_and_json() {
    let (g, _) = KnowledgeBase::load(small_shop().path(), None).unwrap();
    let dot = kefu::knowledge::to_dot(&g);
    assert!(
        dot.starts_with("digraph")
            && dot.contains("\"product:s1\" -> \"product:w1\" [label=\"compatible-with\"")
    );
    let json = kefu::knowledge::to_json(&g);
    assert_eq!(json["stats"]["products"], 3);
    let edges = json["edges"].as_array().unwrap();
    for kind in [
        "in-category",
        "made-by",
        "has-attribute",
        "compatible-with",
        "substitute-for",
        "subcategory-of",
    ] {
        assert!(edges.iter().any(|e| e["kind"] == kind), "{kind}");
    }
}

#[test]
fn reload_swaps_and_a_bad_edit_keeps_the_old_graph() {
    let shop = small_shop();
    let live = LiveGraph::open(shop.path(), None).unwrap();
    let before = live.graph();
    assert_eq!(live.reload().unwrap(), Reloaded::Unchanged);

    let good = PRODUCTS.replace("349.0", "299.0");
    write(shop.path(), "products.jsonl", &good);
    assert_eq!(live.reload().unwrap(), Reloaded::Swapped);
    assert_eq!(live.graph().product("w1").unwrap().price, 299.0);
    // Readers holding the old Arc still see the old graph whole.
    assert_eq!(before.product("w1").unwrap().price, 349.0);

    let broken = good.replace("\"category\":\"straps\"", "\"category\":\"nowhere\"");
    write(shop.path(), "products.jsonl", &broken);
    let err = live.reload().unwrap_err();
    assert!(err.to_string().contains("unknown category"), "{err}");
    assert_eq!(live.graph().product("w1").unwrap().price, 299.0);
    let status = live.status();
    assert!(!status.ok);
    assert_eq!((status.reloads_ok, status.reloads_failed), (1, 1));
    assert!(status
        .problems
        .iter()
        .any(|p| p.line == 3 && p.field.as_deref() == Some("category")));
    assert!(live
        .reload_failing
        .load(std::sync::atomic::Ordering::Relaxed));

    write(
        shop.path(),
        "products.jsonl",
        &good.replace("299.0", "289.0"),
    );
    assert_eq!(live.reload().unwrap(), Reloaded::Swapped);
    assert!(live.status().ok);
    assert_eq!(live.graph().product("w1").unwrap().price, 289.0);
}

/// Waits for a condition the watcher thread brings about (no fixed sleep).
fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_watcher_picks_up_file_changes() {
    let shop = small_shop();
    let live = LiveGraph::open(shop.path(), None).unwrap();
    let _watch = live.watch().unwrap();
    write(
        shop.path(),
        "products.jsonl",
        &PRODUCTS.replace("349.0", "319.0"),
    );
    eventually("the new price", || {
        live.graph().product("w1").unwrap().price == 319.0
    });
    write(
        shop.path(),
        "brands.yaml",
        "- id: kestrel\n  name: Kestrel\n",
    );
    eventually("the failed reload", || live.status().reloads_failed == 1);
    assert_eq!(live.graph().product("w1").unwrap().price, 319.0);
    assert!(live.graph().brand("waypoint").is_some());
}

const TOKEN: &str = "a-very-secret-admin-token";

fn admin_app(
    token: Option<&str>,
    shop: &Path,
) -> (axum::Router, Arc<LiveGraph>, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let mut config = Config::default();
    config.admin.token = token.map(str::to_string);
    let store = Store::open(data.path()).unwrap();
    let live = LiveGraph::open(shop, Some(store.clone())).unwrap();
    let state = AppState::new(Arc::new(config), store, None)
        .unwrap()
        .with_knowledge(live.clone());
    (app(state), live, data)
}

#[tokio::test]
async fn admin_routes_need_the_token() {
    let shop = small_shop();
    let (off, _, _d1) = admin_app(None, shop.path());
    let (status, _) = call(&off, "GET", "/admin/kg/status", Some(TOKEN), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (on, _, _d2) = admin_app(Some(TOKEN), shop.path());
    let (status, body) = call(&on, "GET", "/admin/kg/status", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");
    assert!(body["error"]["hint"].as_str().unwrap().contains("Bearer"));
    let (status, body) = call(
        &on,
        "GET",
        "/admin/kg/status",
        Some("a-very-secret-admin-tokeN"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "forbidden");
    let (status, _) = call(&on, "DELETE", "/admin/kg/products/w1", Some("wrong"), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(shop.path().join("products.jsonl").exists());
    let (status, body) = call(&on, "GET", "/admin/kg/status", Some(TOKEN), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["ok"], true);
    assert_eq!(body["loaded"]["stats"]["products"], 3);
}

#[tokio::test]
async fn admin_edits_are_validated_written_back_and_served() {
    let shop = small_shop();
    let (app, live, _data) = admin_app(Some(TOKEN), shop.path());
    let products_file = shop.path().join("products.jsonl");
    let new = json!({"id":"w3","name":"Kestrel Tempo 5","brand":"kestrel","category":"watches","price":249.0,
        "currency":"EUR","stock":4,"description":"Running watch with built-in GPS.","added":"2026-11-01"});

    // Invalid: unknown category → 400 with the field, nothing written, graph unchanged.
    let before = std::fs::read_to_string(&products_file).unwrap();
    let mut bad = new.clone();
    bad["category"] = json!("watchez");
    let (status, body) = call(&app, "POST", "/admin/kg/products", Some(TOKEN), Some(bad)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["code"], "invalid_product");
    assert_eq!(body["fields"][0]["field"], "category");
    assert_eq!(std::fs::read_to_string(&products_file).unwrap(), before);
    assert!(live.graph().product("w3").is_none());
    // Unknown field in the body → 400 naming it.
    let mut extra = new.clone();
    extra["colour"] = json!("red");
    let (status, body) = call(&app, "POST", "/admin/kg/products", Some(TOKEN), Some(extra)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["fields"][0]["field"], "colour");

    // Create.
    let (status, _) = call(
        &app,
        "POST",
        "/admin/kg/products",
        Some(TOKEN),
        Some(new.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(std::fs::read_to_string(&products_file)
        .unwrap()
        .contains("\"id\":\"w3\""));
    assert_eq!(
        live.graph().attribute_answer("w3", "gps").unwrap().verdict,
        Verdict::Yes
    );
    let (status, _) = call(
        &app,
        "POST",
        "/admin/kg/products",
        Some(TOKEN),
        Some(new.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Update.
    let mut cheaper = new.clone();
    cheaper["price"] = json!(199.0);
    let (status, _) = call(
        &app,
        "PUT",
        "/admin/kg/products/w3",
        Some(TOKEN),
        Some(cheaper),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = call(&app, "GET", "/admin/kg/products/w3", Some(TOKEN), None).await;
    assert_eq!(
        (status, body["product"]["price"].clone()),
        (StatusCode::OK, json!(199.0))
    );

    // Relations.
    let rel = json!({"kind":"bought-together","from":"w3","to":"s1"});
    let (status, _) = call(
        &app,
        "POST",
        "/admin/kg/relations",
        Some(TOKEN),
        Some(rel.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(std::fs::read_to_string(shop.path().join("relations.csv"))
        .unwrap()
        .contains("bought-together,w3,s1"));
    assert_eq!(live.graph().bought_together("s1")[0].id.as_str(), "w3");
    let dangling = json!({"kind":"bought-together","from":"w3","to":"ghost"});
    let (status, body) = call(
        &app,
        "POST",
        "/admin/kg/relations",
        Some(TOKEN),
        Some(dangling),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["fields"][0]["field"], "to");

    // Delete: the product and its relations go.
    let (status, _) = call(&app, "DELETE", "/admin/kg/products/w3", Some(TOKEN), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(live.graph().product("w3").is_none());
    assert!(!std::fs::read_to_string(shop.path().join("relations.csv"))
        .unwrap()
        .contains("w3"));
    let (status, _) = call(&app, "DELETE", "/admin/kg/products/w3", Some(TOKEN), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The files alone rebuild the same graph.
    let (fresh, _) = KnowledgeBase::load(shop.path(), None).unwrap();
    assert_eq!(fresh.products(), live.graph().products());
}

#[tokio::test]
async fn a_bad_file_shows_in_status_reload_and_metrics() {
    let shop = small_shop();
    let (app, live, _data) = admin_app(Some(TOKEN), shop.path());
    write(
        shop.path(),
        "relations.csv",
        "kind,from,to\ncompatible-with,s1,w404\n",
    );
    let (status, body) = call(&app, "POST", "/admin/kg/reload", Some(TOKEN), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["fields"][0]["location"], "relations.csv:2");
    let (_, body) = call(&app, "GET", "/admin/kg/status", Some(TOKEN), None).await;
    assert_eq!(body["ok"], false);
    assert!(body["last_error"]
        .as_str()
        .unwrap()
        .contains("dangling relation"));
    assert_eq!(live.graph().compatible_with("w1")[0].id.as_str(), "s1");
    let res = app
        .clone()
        .oneshot(Request::get("/metrics").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let text =
        String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    assert!(
        text.contains("kefu_kg_reloads_total{result=\"failed\"} 1"),
        "{text}"
    );
    assert!(text.contains("kefu_kg_reload_failing 1"), "{text}");
    assert!(text.contains("kefu_kg_products 3"), "{text}");
}

#[test]
fn kg_import_says_how_it_loaded() {
    let shop = small_shop();
    let data = tempfile::tempdir().unwrap();
    let run = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kefu"))
            .args(["kg", "import", "--knowledge-dir"])
            .arg(shop.path())
            .arg("--data-dir")
            .arg(data.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run().starts_with("parsed the knowledge files"));
    let second = run();
    assert!(
        second.starts_with("files unchanged: loaded from the sled snapshot"),
        "{second}"
    );
    assert!(second.contains("3 products"));
}

/// The real encoder, counting the texts it is asked to embed.
struct Counting {
    inner: kefu::nlu::SentenceEncoder,
    texts: std::sync::atomic::AtomicUsize,
}

impl kefu::types::Embed for Counting {
    fn dim(&self) -> usize {
        self.inner.dim()
    }
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, kefu::types::EmbedError> {
        self.texts
            .fetch_add(texts.len(), std::sync::atomic::Ordering::SeqCst);
        kefu::types::Embed::embed(&self.inner, texts)
    }
}

#[test]
fn reloads_embed_only_new_faq_phrasings_before_serving() {
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/base/all-MiniLM-L6-v2");
    let encoder = Arc::new(Counting {
        inner: kefu::nlu::SentenceEncoder::load(&base).expect("base encoder installed"),
        texts: Default::default(),
    });
    let count = || encoder.texts.load(std::sync::atomic::Ordering::SeqCst);
    let shop = small_shop();
    let live = LiveGraph::open(shop.path(), None).unwrap();
    live.set_embedder(encoder.clone()).unwrap();
    assert_eq!(count(), 1);
    write(
        shop.path(),
        "faq.yaml",
        &format!("{FAQ}- id: gift-wrap\n  question: Do you offer gift wrapping?\n  answer: Yes, for 3.50 per order.\n  alternates: [Can you wrap it as a present?]\n"),
    );
    assert_eq!(live.reload().unwrap(), Reloaded::Swapped);
    assert_eq!(count(), 3, "only the two new phrasings are embedded");
    let g = live.graph();
    let hits = g
        .faq_lookup("could you wrap my order as a gift", encoder.as_ref(), 1)
        .unwrap();
    assert_eq!(hits[0].entry.id, "gift-wrap");
    assert_eq!(count(), 4, "the query only; the phrasings were ready");
}

const CSV_HEADER: &str =
    "id,name,brand,category,price,currency,stock,description,added,attributes,variants\n";

#[tokio::test]
async fn products_csv_is_read_beside_jsonl() {
    let shop = small_shop();
    write(
        shop.path(),
        "products.csv",
        &format!("{CSV_HEADER}b1,Waypoint Band 7,waypoint,watches,59.99,EUR,,\"Slim band, water-resistant to 50 m.\",2026-02-01,gps=false; heart_rate_note=wrist,b1-s|S|Black|3; b1-l|L|Black|0\n"),
    );
    write(
        shop.path(),
        "attributes.yaml",
        &format!("{ATTRIBUTES}- id: heart_rate_note\n  name: heart rate\n  type: text\n"),
    );
    let (g, _) = KnowledgeBase::load(shop.path(), None).unwrap();
    let b1 = g.product("b1").unwrap();
    assert_eq!((b1.price, b1.variants.len()), (59.99, 2));
    assert_eq!(
        g.attribute_answer("b1", "gps").unwrap().verdict,
        Verdict::No
    );
    assert_eq!(
        g.attribute_answer("b1", "waterproof").unwrap().verdict,
        Verdict::Yes
    );
    assert_eq!(
        g.in_stock_variant(Some("s"), Some("black"))[0].id.as_str(),
        "b1"
    );
    assert!(g.in_stock_variant(Some("L"), Some("Black")).is_empty());
    // The admin API leaves the shop's export alone.
    let (app, _live, _data) = admin_app(Some(TOKEN), shop.path());
    let body = serde_json::to_value(b1).unwrap();
    let (status, reply) = call(
        &app,
        "PUT",
        "/admin/kg/products/b1",
        Some(TOKEN),
        Some(body),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{reply}");
    assert!(reply["error"]["message"]
        .as_str()
        .unwrap()
        .contains("products.csv"));

    write(
        shop.path(),
        "products.csv",
        &format!("{CSV_HEADER}w1,Dup,kestrel,watches,1.0,EUR,,x,2026-01-01,,\nb2,B,kestrel,watches,cheap,EUR,,x,2026-01-01,,\nb3,B,kestrel,watches,5.0,EUR,,x,2026-01-01,gps,b3|S\n"),
    );
    let problems = KnowledgeBase::check(shop.path()).unwrap();
    let all: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    for (line, col, text) in [
        (
            2,
            1,
            "duplicate product id \"w1\": it is already used on products.jsonl line 1",
        ),
        (3, 5, "`price` must be a number, found \"cheap\""),
        (4, 10, "attribute \"gps\" must be written key=value"),
        (
            4,
            11,
            "variant \"b3|S\" must be written sku|size|colour|stock",
        ),
    ] {
        assert!(
            problems.iter().any(|p| p.file == "products.csv"
                && p.line == line
                && p.column == col
                && p.message.contains(text)),
            "missing products.csv:{line}:{col} {text:?} in {all:#?}"
        );
    }
    write(shop.path(), "products.csv", "id,name,colour\n");
    let problems = KnowledgeBase::check(shop.path()).unwrap();
    assert!(problems
        .iter()
        .any(|p| p.message.contains("unknown column `colour`") && p.column == 3));
    assert!(problems
        .iter()
        .any(|p| p.message.contains("missing column `price`")));
}
