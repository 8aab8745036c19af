//! Ranking on a catalogue loaded by the real knowledge loader, with the real encoder
//! (all-MiniLM-L6-v2) for relevance, the real sled store and event log; and the offline
//! evaluation's arithmetic on hand-made logs.

use chrono::{DateTime, Duration, TimeZone, Utc};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use kefu::behavior::{BehaviorConfig, EventInput, EventLog, Subject};
use kefu::dialogue::{search_request, Templates};
use kefu::knowledge::Graph;
use kefu::recommend::eval::{evaluate, hit_and_ndcg, read_interactions, EvalOptions, LogFormat};
use kefu::recommend::{
    RecommendConfig, RecommendError, RecommendRequest, Recommendation, Recommender,
};
use kefu::search::ProductSearch;
use kefu::store::Store;
use kefu::types::{Embed, Parse, ProductId, SearchRequest, Sentiment, SessionId, Slot};

use crate::behavior::shop;

struct Fixture {
    encoder: Arc<dyn Embed>,
    /// Holds the product-vector cache, so only the first test pays for the forward passes.
    store: Store,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        Fixture {
            encoder: crate::support::encoder(),
            store: Store::open(dir).unwrap(),
        }
    })
}

/// Search over the demo shop, built once (the index in memory, the vectors in the
/// fixture's sled).
fn shop_search() -> Arc<ProductSearch> {
    static SEARCH: OnceLock<Arc<ProductSearch>> = OnceLock::new();
    SEARCH
        .get_or_init(|| {
            let f = fixture();
            Arc::new(ProductSearch::build(shop(), f.encoder.clone(), Some(&f.store), None).unwrap())
        })
        .clone()
}

fn recommender() -> Recommender {
    Recommender::new(
        shop_search(),
        RecommendConfig::default(),
        &BehaviorConfig::default(),
    )
    .unwrap()
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
}

/// A request whose slots are found in its text, as the NLU would tag them, read by the
/// dialogue's one reading.
fn request(text: &str, slots: &[(&str, &str)]) -> RecommendRequest {
    let slots = slots
        .iter()
        .map(|(slot, value)| {
            Slot::first_in(text, slot, value).unwrap_or_else(|| panic!("{value:?} not in {text:?}"))
        })
        .collect();
    let parse = Parse {
        text: text.into(),
        intent: "search_product".into(),
        confidence: 1.0,
        ranking: Vec::new(),
        slots,
        sentiment: Sentiment::Neutral,
        sentiment_score: 0.0,
        language: String::new(),
    };
    RecommendRequest {
        search: search_request(&parse),
        now: Some(t0() + Duration::days(1)),
        ..Default::default()
    }
}

/// A recommendation's reason as the shop's English templates word it.
fn words(r: &Recommendation) -> String {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    TEMPLATES
        .get_or_init(|| {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("knowledge/responses");
            Templates::load(&dir, "en").expect("the shop's templates load")
        })
        .reason("en", &r.reason, &shop(), 0)
}

fn products<'g>(graph: &'g Graph, recs: &[Recommendation]) -> Vec<&'g kefu::knowledge::Product> {
    recs.iter()
        .map(|r| graph.product(r.product.as_str()).unwrap())
        .collect()
}

fn in_category(graph: &Graph, p: &kefu::knowledge::Product, cat: &str) -> bool {
    graph
        .category_ancestors(&p.category)
        .iter()
        .any(|c| c.id == cat)
}

fn view(id: &str, session: &str, product: &str, at: DateTime<Utc>) -> EventInput {
    EventInput {
        id: id.into(),
        kind: "view".into(),
        session: Some(SessionId::new(session)),
        product: Some(ProductId::new(product)),
        at: Some(at),
        ..Default::default()
    }
}

#[test]
fn every_hard_constraint_is_honoured() {
    let rec = recommender();
    let graph = shop();
    let limit = Some(10);

    // A parent category admits its sub-categories.
    let r = rec
        .recommend(
            &RecommendRequest {
                limit,
                ..request("warm apparel for winter", &[("product_type", "apparel")])
            },
            None,
        )
        .unwrap();
    assert!(!r.is_empty());
    for p in products(&graph, &r) {
        assert!(
            in_category(&graph, p, "apparel"),
            "{} is {}",
            p.id,
            p.category
        );
        assert!(p.in_stock());
    }
    let cats: std::collections::HashSet<_> = products(&graph, &r)
        .iter()
        .map(|p| p.category.clone())
        .collect();
    assert!(cats.len() > 1, "sub-categories of apparel: {cats:?}");

    // Size and colour in stock on the same variant.
    let jacket = graph
        .products()
        .iter()
        .find(|p| p.category == "jackets" && p.variants_in_stock(Some("M"), None).next().is_some())
        .unwrap();
    let colour = jacket.variants[0].colour.clone().unwrap();
    let text = format!("{colour} jackets in size M");
    let r = rec
        .recommend(
            &RecommendRequest {
                limit,
                ..request(
                    &text,
                    &[
                        ("color", &colour),
                        ("product_type", "jackets"),
                        ("size", "M"),
                    ],
                )
            },
            None,
        )
        .unwrap();
    assert!(r.iter().any(|x| x.product == jacket.id));
    for p in products(&graph, &r) {
        assert_eq!(p.category, "jackets");
        assert!(
            p.variants_in_stock(Some("M"), Some(&colour))
                .next()
                .is_some(),
            "{}",
            p.id
        );
    }

    // Brand, and "anything but" that brand.
    let kettle = graph
        .products()
        .iter()
        .find(|p| p.category == "kettles" && p.in_stock())
        .unwrap();
    let brand = graph.brand(&kettle.brand).unwrap().name.to_lowercase();
    let text = format!("{brand} kettles");
    let r = rec
        .recommend(
            &request(&text, &[("brand", &brand), ("product_type", "kettles")]),
            None,
        )
        .unwrap();
    assert!(!r.is_empty());
    assert!(products(&graph, &r)
        .iter()
        .all(|p| p.brand == kettle.brand && p.category == "kettles"));
    let text = format!("kettles but not {brand}");
    let r = rec
        .recommend(
            &RecommendRequest {
                limit,
                ..request(&text, &[("product_type", "kettles"), ("brand", &brand)])
            },
            None,
        )
        .unwrap();
    assert!(!r.is_empty());
    assert!(products(&graph, &r)
        .iter()
        .all(|p| p.brand != kettle.brand && p.category == "kettles"));

    // Material, from the facts the knowledge module found in descriptions.
    let r = rec
        .recommend(
            &RecommendRequest {
                limit,
                ..request("something in merino wool", &[("material", "merino wool")])
            },
            None,
        )
        .unwrap();
    assert!(!r.is_empty());
    for p in products(&graph, &r) {
        assert!(
            graph
                .facts(p.id.as_str())
                .iter()
                .any(|f| f.attribute == "material" && f.value.key().contains("merino")),
            "{} has no merino",
            p.id
        );
    }

    // A price range.
    let r = rec
        .recommend(
            &RecommendRequest {
                limit,
                ..request(
                    "speakers between €100 and €400",
                    &[
                        ("product_type", "speakers"),
                        ("price_min", "€100"),
                        ("price_max", "€400"),
                    ],
                )
            },
            None,
        )
        .unwrap();
    assert!(!r.is_empty());
    assert!(r.len() <= 10);
    for p in products(&graph, &r) {
        assert!(
            p.price >= 100.0 && p.price <= 400.0 && p.category == "speakers",
            "{} {}",
            p.id,
            p.price
        );
    }

    // A brand the shop does not carry gives nothing rather than something else.
    let r = rec
        .recommend(
            &request(
                "acme kettles",
                &[("brand", "acme"), ("product_type", "kettles")],
            ),
            None,
        )
        .unwrap();
    assert!(r.is_empty());
}

/// A size read against a product's name ("40mm" on a watch sold without sizes) does not
/// switch the colour wish off: both must hold, with the colour in stock.
#[test]
fn a_size_in_the_name_and_a_colour_hold_together() {
    // The demo catalogue: its watches carry their case size in the name.
    let knowledge = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let graph = kefu::knowledge::KnowledgeBase::load(&knowledge, None)
        .unwrap()
        .0;
    let search =
        ProductSearch::build(graph.clone(), fixture().encoder.clone(), None, None).unwrap();
    let rec = Recommender::new(
        Arc::new(search),
        RecommendConfig::default(),
        &BehaviorConfig::default(),
    )
    .unwrap();
    let in_stock_in = |p: &kefu::knowledge::Product, colour: &str| {
        p.variants_in_stock(None, Some(colour)).next().is_some()
    };
    // A 40 mm watch whose black is sold out, and another with black.
    let watches: Vec<_> = graph
        .products()
        .iter()
        .filter(|p| p.category == "smartwatches" && p.name.ends_with("40 mm"))
        .collect();
    assert!(watches
        .iter()
        .any(|p| !in_stock_in(p, "Black") && p.in_stock()));
    assert!(watches.iter().any(|p| in_stock_in(p, "Black")));

    let text = "black smartwatch 40mm";
    let r = rec
        .recommend(
            &RecommendRequest {
                limit: Some(10),
                ..request(
                    text,
                    &[
                        ("color", "black"),
                        ("product_type", "smartwatch"),
                        ("size", "40mm"),
                    ],
                )
            },
            None,
        )
        .unwrap();
    let found = products(&graph, &r);
    assert!(!found.is_empty());
    for p in &found {
        assert!(p.name.ends_with("40 mm"), "{} is not 40 mm", p.name);
        assert!(in_stock_in(p, "Black"), "{} has no black in stock", p.name);
    }
}

#[test]
fn a_product_type_finds_the_categories_named_after_it() {
    let rec = recommender();
    let graph = shop();
    // "tracker" is no category of the shop; "Fitness trackers" is (as "Hiking boots" is
    // for "boots" in the demo shop).
    assert!(graph.category("tracker").is_none() && graph.category("trackers").is_none());
    let trackers: Vec<String> = graph
        .categories()
        .iter()
        .filter(|c| c.name.to_lowercase().ends_with(" trackers"))
        .map(|c| c.id.clone())
        .collect();
    assert!(
        !trackers.is_empty(),
        "the generated shop has a '… trackers' category"
    );
    let r = rec
        .recommend(
            &RecommendRequest {
                // More than the shop has trackers: without the category, others would fill it.
                limit: Some(60),
                ..request(
                    "a cheap tracker for my runs",
                    &[("product_type", "tracker")],
                )
            },
            None,
        )
        .unwrap();
    assert!(!r.is_empty());
    for p in products(&graph, &r) {
        assert!(
            trackers.iter().any(|t| in_category(&graph, p, t)),
            "{} is {}",
            p.id,
            p.category
        );
    }
}

#[test]
fn a_yes_no_feature_is_a_constraint_unless_nothing_has_it() {
    let rec = recommender();
    let graph = shop();
    let has_gps = |p: &kefu::knowledge::Product| {
        graph
            .attribute_answer(p.id.as_str(), "gps")
            .is_some_and(|a| a.verdict == kefu::knowledge::Verdict::Yes)
    };
    let watches: Vec<_> = graph
        .products()
        .iter()
        .filter(|p| p.category == "smartwatches" && p.in_stock())
        .collect();
    assert!(watches.iter().any(|p| has_gps(p)) && watches.iter().any(|p| !has_gps(p)));
    let r = rec
        .recommend(
            &RecommendRequest {
                // Room for every watch: without the constraint, watches without GPS fill it.
                limit: Some(watches.len() + 5),
                ..request(
                    "smartwatches with gps",
                    &[("product_type", "smartwatches"), ("feature", "gps")],
                )
            },
            None,
        )
        .unwrap();
    assert!(!r.is_empty());
    for p in products(&graph, &r) {
        assert!(has_gps(p), "{} has no GPS", p.id);
    }
    // No kettle has GPS: the closest kettles rather than nothing.
    let r = rec
        .recommend(
            &request(
                "kettles with gps",
                &[("product_type", "kettles"), ("feature", "gps")],
            ),
            None,
        )
        .unwrap();
    assert!(!r.is_empty());
    assert!(products(&graph, &r).iter().all(|p| p.category == "kettles"));
}

#[test]
fn a_shopper_with_history_gets_an_order_that_fits_it() {
    let rec = recommender();
    let graph = shop();
    let ask = RecommendRequest {
        limit: Some(8),
        ..request("something for my next trip outdoors", &[])
    };
    let fresh = rec.recommend(&ask, None).unwrap();

    // The shopper looked at three base layers this week.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let log = EventLog::open(&store, BehaviorConfig::default()).unwrap();
    let layers: Vec<String> = graph
        .products()
        .iter()
        .filter(|p| p.category == "base-layers" && p.in_stock())
        .take(3)
        .map(|p| p.id.to_string())
        .collect();
    let batch: Vec<EventInput> = layers
        .iter()
        .enumerate()
        .map(|(i, p)| view(&format!("v{i}"), "s-9", p, t0() + Duration::hours(i as i64)))
        .collect();
    log.append(&batch, graph.as_ref()).unwrap();
    let subject = Subject::Session(SessionId::new("s-9"));
    let personal = rec.recommend_for(&ask, &log, &subject).unwrap();

    let count = |recs: &[Recommendation]| {
        products(&graph, recs)
            .iter()
            .filter(|p| p.category == "base-layers")
            .count()
    };
    assert_ne!(
        fresh.iter().map(|r| &r.product).collect::<Vec<_>>(),
        personal.iter().map(|r| &r.product).collect::<Vec<_>>()
    );
    assert!(
        count(&personal) > count(&fresh),
        "base layers: {} with history vs {} without",
        count(&personal),
        count(&fresh)
    );
    let first_layer = |recs: &[Recommendation]| {
        products(&graph, recs)
            .iter()
            .position(|p| p.category == "base-layers")
            .unwrap_or(usize::MAX)
    };
    assert!(first_layer(&personal) < first_layer(&fresh));
    assert!(
        personal
            .iter()
            .any(|r| words(r).contains("you viewed") || words(r).contains("you like")),
        "{personal:#?}"
    );
    assert!(personal
        .iter()
        .chain(&fresh)
        .all(|r| !words(r).trim().is_empty()));
}

#[test]
fn shoppers_who_viewed_one_product_lead_to_the_next() {
    let mut rec = recommender();
    let graph = shop();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let log = EventLog::open(&store, BehaviorConfig::default()).unwrap();
    let kettle = graph
        .products()
        .iter()
        .find(|p| p.category == "kettles" && p.in_stock())
        .unwrap();
    let blender = graph
        .products()
        .iter()
        .filter(|p| p.category == "blenders" && p.in_stock())
        .nth(2)
        .unwrap();
    let mut batch = Vec::new();
    for s in 0..12 {
        let at = t0() + Duration::minutes(s);
        batch.push(view(
            &format!("a{s}"),
            &format!("s{s}"),
            kettle.id.as_str(),
            at,
        ));
        batch.push(view(
            &format!("b{s}"),
            &format!("s{s}"),
            blender.id.as_str(),
            at + Duration::seconds(30),
        ));
    }
    log.append(&batch, graph.as_ref()).unwrap();
    rec.learn(&log).unwrap();
    let r = rec
        .recommend(
            &RecommendRequest {
                current_product: Some(kettle.id.clone()),
                ..request("", &[])
            },
            None,
        )
        .unwrap();
    let pos = r
        .iter()
        .position(|x| x.product == blender.id)
        .unwrap_or_else(|| panic!("{r:#?}"));
    assert!(pos < 3, "{r:#?}");
    assert!(words(&r[pos]).contains(&kettle.name), "{}", words(&r[pos]));
    assert!(
        r.iter().all(|x| x.product != kettle.id),
        "the current product is not recommended"
    );
}

#[test]
fn accessories_for_the_current_product() {
    let rec = recommender();
    let graph = shop();
    let base = graph
        .products()
        .iter()
        .find(|p| {
            graph
                .accessories_of(p.id.as_str())
                .iter()
                .any(|a| a.in_stock())
        })
        .unwrap();
    let r = rec
        .recommend(
            &RecommendRequest {
                current_product: Some(base.id.clone()),
                accessories: true,
                ..request("any accessories for it?", &[])
            },
            None,
        )
        .unwrap();
    assert!(!r.is_empty());
    let allowed: Vec<ProductId> = graph
        .accessories_of(base.id.as_str())
        .into_iter()
        .chain(graph.compatible_with(base.id.as_str()))
        .map(|p| p.id.clone())
        .collect();
    for x in &r {
        assert!(
            allowed.contains(&x.product),
            "{} is no accessory of {}",
            x.product,
            base.id
        );
        assert!(words(x).contains(&base.name), "{}", words(x));
    }
}

#[test]
fn sort_wishes_order_the_list_and_say_so() {
    let rec = recommender();
    let graph = shop();
    let r = rec
        .recommend(
            &request(
                "cheapest backpacks",
                &[("sort", "cheapest"), ("product_type", "backpacks")],
            ),
            None,
        )
        .unwrap();
    let prices: Vec<f64> = products(&graph, &r).iter().map(|p| p.price).collect();
    assert!(
        prices.len() > 2 && prices.windows(2).all(|w| w[0] <= w[1]),
        "{prices:?}"
    );

    let r = rec
        .recommend(
            &request(
                "best rated speakers under €300",
                &[
                    ("sort", "best rated"),
                    ("product_type", "speakers"),
                    ("price_max", "€300"),
                ],
            ),
            None,
        )
        .unwrap();
    // Stars shrunk towards 3.5 by the number of reviews (docs/recommend.md).
    let shrunk: Vec<f32> = products(&graph, &r)
        .iter()
        .map(|p| {
            (p.rating.unwrap() * p.review_count as f32 + 35.0) / (p.review_count as f32 + 10.0)
        })
        .collect();
    assert!(
        shrunk.len() > 2 && shrunk.windows(2).all(|w| w[0] >= w[1]),
        "{shrunk:?}"
    );
    for x in &r {
        assert!(words(x).starts_with("top rated under €300"), "{}", words(x));
        assert!(graph.product(x.product.as_str()).unwrap().price <= 300.0);
    }

    let r = rec
        .recommend(
            &request("newest laptops", &[("product_type", "laptops")]),
            None,
        )
        .unwrap();
    let added: Vec<_> = products(&graph, &r).iter().map(|p| p.added).collect();
    assert!(added.windows(2).all(|w| w[0] >= w[1]), "{added:?}");
}

#[test]
fn same_inputs_same_list_and_more_shows_new_products() {
    let rec = recommender();
    let ask = request(
        "wireless headphones with noise cancelling",
        &[("product_type", "headphones")],
    );
    let first = rec.recommend(&ask, None).unwrap();
    assert_eq!(first, rec.recommend(&ask, None).unwrap());
    assert_eq!(first.len(), RecommendConfig::default().list_size);
    let more = rec
        .recommend(
            &RecommendRequest {
                search: SearchRequest {
                    exclude: first.iter().map(|r| r.product.clone()).collect(),
                    ..ask.search.clone()
                },
                ..ask
            },
            None,
        )
        .unwrap();
    assert!(!more.is_empty());
    assert!(more
        .iter()
        .all(|m| first.iter().all(|f| f.product != m.product)));
}

#[test]
fn bought_products_come_back_only_when_consumable() {
    let rec = recommender();
    let graph = shop();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let log = EventLog::open(&store, BehaviorConfig::default()).unwrap();
    let all = |cat: &str| -> Vec<ProductId> {
        graph
            .products()
            .iter()
            .filter(|p| p.category == cat && p.in_stock())
            .map(|p| p.id.clone())
            .collect()
    };
    let (kettles, food) = (all("kettles"), all("pet-food"));
    let buy = |id: &str, p: &ProductId| EventInput {
        id: id.into(),
        kind: "purchase".into(),
        session: Some(SessionId::new("buyer")),
        product: Some(p.clone()),
        order_id: Some("o-9".into()),
        price: Some(10.0),
        quantity: Some(1),
        at: Some(t0()),
        ..Default::default()
    };
    log.append(&[buy("k", &kettles[0]), buy("f", &food[0])], graph.as_ref())
        .unwrap();
    let subject = Subject::Session(SessionId::new("buyer"));
    let r = rec
        .recommend_for(
            &RecommendRequest {
                limit: Some(50),
                ..request("kettles", &[("product_type", "kettles")])
            },
            &log,
            &subject,
        )
        .unwrap();
    assert_eq!(r.len(), kettles.len() - 1);
    assert!(r.iter().all(|x| x.product != kettles[0]));
    let r = rec
        .recommend_for(
            &RecommendRequest {
                limit: Some(50),
                ..request("dog food", &[("product_type", "dog food")])
            },
            &log,
            &subject,
        )
        .unwrap();
    assert!(
        r.iter().any(|x| x.product == food[0]),
        "consumables may be bought again"
    );
}

#[test]
fn an_unknown_current_product_is_an_error() {
    let rec = recommender();
    let err = rec
        .recommend(
            &RecommendRequest {
                current_product: Some(ProductId::new("nope")),
                ..request("more like this", &[])
            },
            None,
        )
        .unwrap_err();
    assert!(matches!(err, RecommendError::UnknownProduct(_)), "{err}");
}

// ---- offline evaluation ------------------------------------------------------------

#[test]
fn ndcg_and_hit_rate_arithmetic() {
    assert_eq!(hit_and_ndcg(0, 10), (1.0, 1.0));
    let (h, n) = hit_and_ndcg(2, 10);
    assert_eq!(h, 1.0);
    assert!((n - 0.5).abs() < 1e-12);
    let (h, n) = hit_and_ndcg(9, 10);
    assert_eq!(h, 1.0);
    assert!((n - 1.0 / 11f64.log2()).abs() < 1e-12);
    assert_eq!(hit_and_ndcg(10, 10), (0.0, 0.0));
}

/// Four users, five items. Popularity trained on everything but the last items:
/// item 1 ×4, 2 ×3, 5 ×1. Targets: u1 → 3 and u2 → 3 (rank 2: items 4 and 5 tie or beat
/// it, ties count against), u3 → 4 (rank 2), u4 → 2 (rank 0). HR@10 = 1, NDCG@10 =
/// (0.5 + 0.5 + 0.5 + 1) / 4 = 0.625, sampled (negatives = every unseen item) and full.
const HAND_MADE: &str = "u1 1 2 3\nu2 1 2 3\nu3 2 1 4\nu4 5 1 2\n";

#[test]
fn metrics_on_a_hand_made_log() {
    let dir = tempfile::tempdir().unwrap();
    let seqs = dir.path().join("seqs.txt");
    std::fs::write(&seqs, HAND_MADE).unwrap();
    let pairs = dir.path().join("pairs.txt");
    let mut text = String::new();
    for line in HAND_MADE.lines() {
        let mut parts = line.split(' ');
        let user = parts.next().unwrap();
        for item in parts {
            text.push_str(&format!("{user} {item}\n"));
        }
    }
    std::fs::write(&pairs, text).unwrap();
    let opts = EvalOptions {
        tune: false,
        ..EvalOptions::default()
    };
    for (path, format) in [(&seqs, LogFormat::Sequences), (&pairs, LogFormat::Pairs)] {
        let data = read_interactions(path, format).unwrap();
        assert_eq!(
            (data.users.len(), data.items.len(), data.interactions()),
            (4, 5, 12)
        );
        let report = evaluate(&data, &opts);
        assert_eq!(report.evaluated_users, 4);
        for protocol in [&report.sampled, &report.full] {
            let pop = &protocol["popularity"];
            assert!((pop.hr - 1.0).abs() < 1e-12, "{pop:?}");
            assert!((pop.ndcg - 0.625).abs() < 1e-12, "{pop:?}");
        }
        let json = serde_json::to_value(&report).unwrap();
        for protocol in ["sampled", "full"] {
            for ranker in ["kefu", "popularity", "item_knn"] {
                for metric in ["hr@10", "ndcg@10"] {
                    let v = json[protocol][ranker][metric].as_f64().unwrap();
                    assert!(
                        (0.0..=1.0).contains(&v),
                        "{protocol}.{ranker}.{metric} = {v}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_evaluation_reads_kefus_own_event_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.jsonl");
    let mut lines = Vec::new();
    for (n, line) in HAND_MADE.lines().enumerate() {
        let mut parts = line.split(' ');
        let user = parts.next().unwrap();
        for (k, item) in parts.enumerate() {
            let at = t0() + Duration::minutes((n * 10 + k) as i64);
            lines.push(
                serde_json::json!({
                    "id": format!("{user}-{k}"), "kind": "view", "user": user,
                    "product": format!("p{item}"), "at": at,
                })
                .to_string(),
            );
        }
    }
    std::fs::write(&path, lines.join("\n")).unwrap();
    let data = read_interactions(&path, LogFormat::Events).unwrap();
    assert_eq!(
        (data.users.len(), data.items.len(), data.interactions()),
        (4, 5, 12)
    );
    let report = evaluate(
        &data,
        &EvalOptions {
            tune: false,
            ..EvalOptions::default()
        },
    );
    assert!((report.full["popularity"].ndcg - 0.625).abs() < 1e-12);

    // A broken line is reported with its number.
    std::fs::write(
        &path,
        format!(
            "{}\n{{\"id\":\"x\",\"kind\":\"fly\",\"user\":\"u\"}}\n",
            lines[0]
        ),
    )
    .unwrap();
    let err = read_interactions(&path, LogFormat::Events)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(":2:") && err.contains("unknown event kind"),
        "{err}"
    );
}
