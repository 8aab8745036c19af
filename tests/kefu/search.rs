//! Product search on a small catalogue with coarse categories (tests/fixtures/coarse_shop:
//! what a product is lives only in its name), loaded by the real knowledge loader, with
//! the real encoder (all-MiniLM-L6-v2) and the real sled store.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use kefu::knowledge::{Graph, KnowledgeBase};
use kefu::search::{ProductSearch, SearchMode, SearchResults, TypeMatch};
use kefu::store::Store;
use kefu::types::{Audience, Embed, ProductId, SearchRequest, SortWish};

struct Fixture {
    encoder: Arc<dyn Embed>,
    /// Holds the product-vector cache, so only the first build pays for the forward passes.
    store: Store,
    search: ProductSearch,
}

fn shop_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coarse_shop")
}

fn load(dir: &Path) -> Arc<Graph> {
    KnowledgeBase::load(dir, None).unwrap().0
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let encoder = crate::support::encoder();
        let store = Store::open(tempfile::tempdir().unwrap().keep()).unwrap();
        let search =
            ProductSearch::build(load(&shop_dir()), encoder.clone(), Some(&store), None).unwrap();
        Fixture {
            encoder,
            store,
            search,
        }
    })
}

fn typed(product_type: &str) -> SearchRequest {
    SearchRequest {
        product_type: Some(product_type.into()),
        text: product_type.into(),
        ..SearchRequest::default()
    }
}

fn run(req: &SearchRequest) -> SearchResults {
    fixture().search.search(req, 10, SearchMode::Fused).unwrap()
}

fn ids(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.product.as_str()).collect()
}

/// The listed ids, for tests where the order does not matter.
fn id_set(r: &SearchResults) -> HashSet<&str> {
    ids(r).into_iter().collect()
}

fn names(r: &SearchResults) -> Vec<String> {
    let graph = fixture().search.graph();
    r.hits
        .iter()
        .map(|h| graph.product(h.product.as_str()).unwrap().name.clone())
        .collect()
}

#[test]
fn a_type_named_only_in_product_names_is_found_and_nothing_else_listed() {
    let r = run(&typed("water bottles"));
    assert!(
        matches!(r.type_match, TypeMatch::Found { .. }),
        "{:?}",
        r.type_match
    );
    let got = id_set(&r);
    assert_eq!(got, HashSet::from(["cs-03", "cs-04"]), "{:?}", names(&r));

    let r = run(&typed("hoodie"));
    assert_eq!(r.hits.len(), 3, "{:?}", names(&r));
    assert!(
        names(&r).iter().all(|n| n.contains("Hoodie")),
        "{:?}",
        names(&r)
    );
}

#[test]
fn a_coarse_category_is_a_type_too() {
    let r = run(&typed("bags"));
    let got = id_set(&r);
    assert_eq!(got, HashSet::from(["cs-15", "cs-16", "cs-17", "cs-18"]));
    // A synonym of the category.
    let r = run(&typed("stationery"));
    assert!(
        ids(&r).contains(&"cs-19") && ids(&r).contains(&"cs-20"),
        "{:?}",
        names(&r)
    );
}

/// A typed request with more words than the type.
fn typed_with(product_type: &str, text: &str) -> SearchRequest {
    SearchRequest {
        product_type: Some(product_type.into()),
        text: text.into(),
        ..SearchRequest::default()
    }
}

#[test]
fn the_shoppers_other_words_narrow_the_list_to_what_the_shop_calls_so() {
    // Three hoodies; the shop calls one of them fleece, one Summit's.
    let r = run(&typed_with("hoodie", "fleece hoodie"));
    assert_eq!(ids(&r), vec!["cs-14"], "{:?}", names(&r));
    let r = run(&typed_with("hoodie", "summit hoodie"));
    assert_eq!(
        ids(&r),
        vec!["cs-08"],
        "the brand is a label too: {:?}",
        names(&r)
    );
    // A word the shop uses for none of them narrows nothing.
    let r = run(&typed_with("hoodie", "cosy hoodie"));
    assert_eq!(r.hits.len(), 3, "{:?}", names(&r));
    // Without a type, every word must be the shop's, carried by the same products.
    let r = run(&SearchRequest::text("harbor mug"));
    assert_eq!(ids(&r), vec!["cs-01"], "{:?}", names(&r));
    assert_eq!(r.hits[0].also, vec![ProductId::from("cs-02")]);
    let r = run(&SearchRequest::text("warm harbor hoodie"));
    assert!(
        names(&r)
            .iter()
            .any(|n| n.contains("Hoodie") && !n.starts_with("Harbor")),
        "'warm' is no word of the shop: the words rank, nothing narrows: {:?}",
        names(&r)
    );
}

#[test]
fn a_category_named_by_the_head_word_gives_only_what_the_other_words_label() {
    // "Bags" is broader than a duffel bag: the duffel, not every bag.
    let r = run(&typed("duffel bag"));
    assert_eq!(ids(&r), vec!["cs-17"], "{:?}", names(&r));
    // "canvas" labels a tote in Bags and a cap elsewhere: only the tote is a canvas bag.
    let r = run(&typed("canvas bag"));
    assert_eq!(ids(&r), vec!["cs-16"], "{:?}", names(&r));
    // A word the shop labels nothing with narrows nothing: the category's products that
    // are called a bag.
    let r = run(&typed("paper bag"));
    assert_eq!(ids(&r), vec!["cs-17"], "{:?}", names(&r));
}

#[test]
fn a_typo_in_the_type_or_the_words_is_forgiven() {
    let r = run(&typed("hoddie"));
    assert!(!r.hits.is_empty());
    assert!(
        names(&r).iter().all(|n| n.contains("Hoodie")),
        "{:?}",
        names(&r)
    );

    let r = run(&SearchRequest::text("bakpack"));
    assert_eq!(ids(&r)[0], "cs-15", "{:?}", names(&r));
}

#[test]
fn other_words_find_the_product_by_meaning() {
    let r = run(&SearchRequest::text("something to drink coffee from"));
    let graph = fixture().search.graph();
    let top = graph.product(r.hits[0].product.as_str()).unwrap();
    assert_eq!(top.category, "drinkware", "{:?}", names(&r));
    // The lexical signal alone has no word of it in a name; the semantic one ranks it.
    assert!(r.hits[0].semantic.is_some());
}

#[test]
fn constraints_filter_and_are_never_query_words() {
    let mut req = typed("hoodie");
    req.price_max = Some(50.0);
    assert_eq!(ids(&run(&req)), vec!["cs-07"]);

    let mut req = typed("hoodie");
    req.brands = vec!["Northway".into()];
    assert_eq!(ids(&run(&req)), vec!["cs-14"]);

    let mut req = typed("tee");
    req.not_brands = vec!["harbor".into()];
    assert_eq!(ids(&run(&req)), vec!["cs-10"]);

    let mut req = typed("tee");
    req.colours = vec!["black".into()];
    assert_eq!(ids(&run(&req)), vec!["cs-09"]);

    let mut req = typed("hoodie");
    req.not_colours = vec!["red".into(), "navy".into()];
    assert_eq!(ids(&run(&req)), vec!["cs-07"]);

    let mut req = typed("jacket");
    req.features = vec!["waterproof".into()];
    assert_eq!(ids(&run(&req)), vec!["cs-12"]);

    let mut req = typed("bottle");
    req.materials = vec!["glass".into()];
    assert_eq!(ids(&run(&req)), vec!["cs-04"]);
}

#[test]
fn only_what_is_in_stock_unless_asked() {
    let r = run(&typed("camp mug"));
    assert!(!ids(&r).contains(&"cs-06"), "{:?}", names(&r));
    let mut req = typed("camp mug");
    req.include_out_of_stock = true;
    assert_eq!(ids(&run(&req))[0], "cs-06");

    let mut req = typed("tee");
    req.exclude = vec![ProductId::from("cs-09")];
    assert_eq!(ids(&run(&req)), vec!["cs-10"]);
}

#[test]
fn listings_of_one_item_collapse_into_one_hit() {
    let r = run(&typed("mug"));
    assert_eq!(r.hits.len(), 1, "{:?}", names(&r));
    let hit = &r.hits[0];
    let all: HashSet<&str> = std::iter::once(hit.product.as_str())
        .chain(hit.also.iter().map(|p| p.as_str()))
        .collect();
    assert_eq!(all, HashSet::from(["cs-01", "cs-02"]));
}

#[test]
fn a_type_the_shop_does_not_sell_lists_nothing_and_names_the_nearest() {
    let r = run(&typed("surfboard"));
    assert!(r.hits.is_empty(), "{:?}", names(&r));
    let TypeMatch::NoneOfType { asked, nearest } = &r.type_match else {
        panic!("expected NoneOfType, got {:?}", r.type_match);
    };
    assert_eq!(asked, "surfboard");
    assert!(!nearest.is_empty());
    // The nearest are the shop's own names for kinds of product.
    let graph = fixture().search.graph();
    for n in nearest {
        let n = n.to_lowercase();
        assert!(
            graph
                .categories()
                .iter()
                .any(|c| c.name.to_lowercase() == n)
                || graph
                    .products()
                    .iter()
                    .any(|p| p.name.to_lowercase().contains(&n)),
            "{n} is not one of the shop's types"
        );
    }
}

#[test]
fn the_sort_wish_reorders_what_relevance_found() {
    let mut req = typed("hoodie");
    req.sort = Some(SortWish::Cheapest);
    assert_eq!(ids(&run(&req)), vec!["cs-07", "cs-14", "cs-08"]);
    // Equal ratings: the one with more reviews first.
    let mut req = typed("bags");
    req.sort = Some(SortWish::BestRated);
    let r = run(&req);
    assert_eq!(r.hits.len(), 4);
    assert_eq!(ids(&r)[0], "cs-15");
}

#[test]
fn an_empty_request_finds_nothing_without_an_error() {
    for req in [
        SearchRequest::text(""),
        SearchRequest::text("   "),
        typed(" "),
    ] {
        for mode in SearchMode::ALL {
            let r = fixture().search.search(&req, 10, mode).unwrap();
            assert!(r.hits.is_empty());
            assert_eq!(r.type_match, TypeMatch::NotAsked);
        }
    }
}

#[test]
fn the_name_box_baseline_ignores_types_and_constraints() {
    let mut req = typed("mug");
    req.text = "camp mug".into();
    let r = fixture()
        .search
        .search(&req, 10, SearchMode::NameBm25)
        .unwrap();
    // The out-of-stock camp mug is listed first: a plain box knows no stock.
    assert_eq!(ids(&r)[0], "cs-06");
}

#[test]
fn the_index_lives_on_disk_by_catalogue_and_is_rebuilt_when_it_changes() {
    let f = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let root = ProductSearch::index_dir(tmp.path());
    let graph = load(&shop_dir());
    let a = ProductSearch::build(
        graph.clone(),
        f.encoder.clone(),
        Some(&f.store),
        Some(&root),
    )
    .unwrap();
    let dirs = |root: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let first = dirs(&root);
    assert_eq!(first.len(), 1);
    assert_eq!(
        ids(&a.search(&typed("pen"), 5, SearchMode::Fused).unwrap())[0],
        "cs-19"
    );
    drop(a);
    // Reopened, not rebuilt: the same folder serves the same answers.
    let b = ProductSearch::build(graph, f.encoder.clone(), Some(&f.store), Some(&root)).unwrap();
    assert_eq!(dirs(&root), first);
    assert_eq!(
        ids(&b.search(&typed("pen"), 5, SearchMode::Fused).unwrap())[0],
        "cs-19"
    );
    drop(b);

    // A changed catalogue gets a new index; the old one is removed.
    let shop = tmp.path().join("shop");
    std::fs::create_dir_all(&shop).unwrap();
    for name in [
        "categories.yaml",
        "brands.yaml",
        "attributes.yaml",
        "products.jsonl",
    ] {
        std::fs::copy(shop_dir().join(name), shop.join(name)).unwrap();
    }
    let mut products = std::fs::read_to_string(shop.join("products.jsonl")).unwrap();
    products = products.replace("Harbor Ballpoint Pen", "Harbor Fountain Pen");
    std::fs::write(shop.join("products.jsonl"), products).unwrap();
    let c =
        ProductSearch::build(load(&shop), f.encoder.clone(), Some(&f.store), Some(&root)).unwrap();
    let second = dirs(&root);
    assert_eq!(second.len(), 1);
    assert_ne!(second, first);
    let r = c
        .search(&SearchRequest::text("fountain pen"), 5, SearchMode::Lexical)
        .unwrap();
    assert_eq!(ids(&r)[0], "cs-19");
}

#[test]
fn the_recommender_reads_product_vectors_from_search() {
    let s = &fixture().search;
    let mug = s.vector(&ProductId::from("cs-01")).unwrap();
    let tumbler = s.vector(&ProductId::from("cs-05")).unwrap();
    let pen = s.vector(&ProductId::from("cs-19")).unwrap();
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    assert!(dot(mug, tumbler) > dot(mug, pen));
    assert!(s.vector(&ProductId::from("nope")).is_none());
}

/// The coarse shop with a synonyms.yaml of the test's own (or none), searched with the
/// fixture's encoder and store.
fn shop_with_synonyms(synonyms: Option<&str>) -> (tempfile::TempDir, ProductSearch) {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(shop_dir()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
    }
    if let Some(text) = synonyms {
        std::fs::write(dir.path().join("synonyms.yaml"), text).unwrap();
    }
    let f = fixture();
    let search =
        ProductSearch::build(load(dir.path()), f.encoder.clone(), Some(&f.store), None).unwrap();
    (dir, search)
}

const SHOP_SYNONYMS: &str = "\
# The test's own groups.
- [t-shirt, tee, tshirt]
- [backpack, rucksack]
- [hoodie, hooded sweatshirt]
- [grey, gray]
";

fn named(search: &ProductSearch, r: &SearchResults) -> Vec<String> {
    r.hits
        .iter()
        .map(|h| {
            search
                .graph()
                .product(h.product.as_str())
                .unwrap()
                .name
                .clone()
        })
        .collect()
}

/// Up to ten fused hits from another shop's search than the fixture's.
fn fused(search: &ProductSearch, req: &SearchRequest) -> SearchResults {
    search.search(req, 10, SearchMode::Fused).unwrap()
}

#[test]
fn a_shoppers_word_finds_products_the_shop_names_with_a_synonym() {
    let (_without_dir, without) = shop_with_synonyms(None);
    let (_dir, with) = shop_with_synonyms(Some(SHOP_SYNONYMS));

    // The shop calls them "Tee": without its synonyms, "t-shirt" finds no tee.
    let r = fused(&without, &typed("t-shirt"));
    assert!(
        !named(&without, &r).iter().any(|n| n.ends_with("Tee")),
        "{:?} {:?}",
        named(&without, &r),
        r.type_match
    );
    let r = fused(&with, &typed("t-shirts"));
    let got = id_set(&r);
    assert_eq!(
        got,
        HashSet::from(["cs-09", "cs-10"]),
        "{:?}",
        named(&with, &r)
    );
    assert!(
        matches!(&r.type_match, TypeMatch::Found { took, .. } if took.iter().any(|t| t == "tee")),
        "{:?}",
        r.type_match
    );
    // The shopper's other words still narrow what the synonym found.
    let r = fused(&with, &typed_with("t-shirt", "summit t-shirt"));
    assert_eq!(ids(&r), vec!["cs-10"], "{:?}", named(&with, &r));

    // Words alone, no type read: the synonym ranks the backpack first.
    let r = fused(&with, &SearchRequest::text("rucksack"));
    assert_eq!(ids(&r).first(), Some(&"cs-15"), "{:?}", named(&with, &r));
    let r = fused(&with, &typed("rucksack"));
    assert_eq!(ids(&r), vec!["cs-15"], "{:?}", named(&with, &r));

    // A type read clipped ("sweatshirt" of "hooded sweatshirt") is the synonym's phrase.
    let r = fused(&with, &typed_with("sweatshirt", "a hooded sweatshirt"));
    let got = id_set(&r);
    assert_eq!(
        got,
        HashSet::from(["cs-07", "cs-08", "cs-14"]),
        "{:?}",
        named(&with, &r)
    );

    // A colour in another spelling than the shop's filters ("gray" for "Grey").
    let mut req = typed("hoodie");
    req.colours = vec!["gray".into()];
    assert_eq!(ids(&fused(&with, &req)), vec!["cs-07"]);
    assert_ne!(
        ids(&fused(&without, &req)),
        vec!["cs-07"],
        "unknown colour: words only"
    );
}

#[test]
fn a_bad_synonyms_file_is_reported_at_its_line_and_nothing_loads() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(shop_dir()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
    }
    std::fs::write(
        dir.path().join("synonyms.yaml"),
        "- [tee, t-shirt]\n- [rucksack]\n",
    )
    .unwrap();
    let err = KnowledgeBase::load(dir.path(), None).unwrap_err();
    let problems = err.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.is_error() && p.file == "synonyms.yaml" && p.line == 2),
        "{problems:?}"
    );
}

#[test]
fn a_word_only_a_modifier_in_names_is_not_the_type() {
    // The shop's one name with "laptop" is the "Northway Laptop Backpack": no laptop.
    // (The encoder may still find a neighbour in meaning, the notebook.)
    let r = run(&typed("laptop"));
    assert!(
        !names(&r).iter().any(|n| n.contains("Backpack")),
        "{:?}",
        names(&r)
    );
    let r = run(&typed("computer mouse"));
    assert!(r.hits.is_empty(), "{:?}", names(&r));
    assert!(
        matches!(r.type_match, TypeMatch::NoneOfType { .. }),
        "{:?}",
        r.type_match
    );
    // Unless the shopper names what the product is too.
    let r = run(&typed_with("laptop", "a backpack that fits my laptop"));
    assert!(
        names(&r).iter().any(|n| n.contains("Laptop Backpack")),
        "{:?}",
        names(&r)
    );
}

#[test]
fn a_department_near_in_meaning_is_offered_not_searched() {
    let r = run(&typed("sweatpants"));
    assert!(r.hits.is_empty(), "{:?}", names(&r));
    let TypeMatch::NoneOfType { nearest, .. } = &r.type_match else {
        panic!("expected NoneOfType, got {:?}", r.type_match);
    };
    assert!(nearest.iter().any(|n| n == "Apparel"), "{nearest:?}");
}

/// The coarse shop with more categories, products, synonyms and brands of the test's own,
/// searched with the fixture's encoder and store.
fn shop_with(
    categories: &str,
    products: &str,
    synonyms: &str,
    brands: &str,
) -> (tempfile::TempDir, ProductSearch) {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(shop_dir()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
    }
    let append = |file: &str, text: &str| {
        let path = dir.path().join(file);
        let mut all = std::fs::read_to_string(&path).unwrap_or_default();
        all.push_str(text);
        std::fs::write(path, all).unwrap();
    };
    append("categories.yaml", categories);
    append("products.jsonl", products);
    append("synonyms.yaml", synonyms);
    append("brands.yaml", brands);
    let f = fixture();
    let search =
        ProductSearch::build(load(dir.path()), f.encoder.clone(), Some(&f.store), None).unwrap();
    (dir, search)
}

#[test]
fn a_list_holds_the_asked_kind_not_what_only_mentions_it() {
    let categories = "\
- id: kitchen
  name: \"Kitchen\"
- id: coffee-makers
  name: \"Coffee makers\"
  parent: kitchen
  synonyms: [\"grinders\"]
";
    let product = |id: &str, name: &str, category: &str| {
        format!(
            "{{\"id\": \"{id}\", \"name\": \"{name}\", \"brand\": \"harbor\", \"category\": \"{category}\", \
             \"price\": 20.0, \"currency\": \"USD\", \"stock\": 5, \"rating\": 4.0, \"review_count\": 3}}\n"
        )
    };
    let products = [
        product("k-01", "Harbor Burr Grinder", "coffee-makers"),
        product("k-02", "Harbor Espresso Machine", "coffee-makers"),
        product("k-03", "Harbor Drip 10-Cup", "coffee-makers"),
        product("k-04", "Harbor Moka Pot", "coffee-makers"),
        product("k-05", "Summit Map Pin Tee", "apparel"),
    ]
    .concat();
    let synonyms = "- [espresso machine, espresso maker]\n- [moka pot, stovetop espresso maker]\n- [t-shirt, tee]\n";
    let (_dir, search) = shop_with(categories, &products, synonyms, "");
    let ids_of = |req: &SearchRequest| -> Vec<String> {
        let r = search.search(req, 10, SearchMode::Fused).unwrap();
        r.hits.iter().map(|h| h.product.to_string()).collect()
    };

    // "Grinders" is the category's synonym, but an espresso machine, a moka pot and a
    // drip machine filed beside the grinder are no grinders.
    assert_eq!(ids_of(&typed("coffee grinder")), vec!["k-01"]);
    // The category the shopper names holds all it holds.
    let mut all = ids_of(&typed("coffee makers"));
    all.sort();
    assert_eq!(all, vec!["k-01", "k-02", "k-03", "k-04"]);
    // A tee named for a pin is a tee: "pin", asked as a type or alone, is the pin.
    assert_eq!(ids_of(&typed("pin")), vec!["cs-23"]);
    assert_eq!(ids_of(&SearchRequest::text("pins")), vec!["cs-23"]);
    assert!(ids_of(&typed("tee")).contains(&"k-05".to_string()));
}

#[test]
fn who_it_is_for_filters_by_what_the_shop_marks() {
    let product = |id: &str, name: &str| {
        format!(
            "{{\"id\": \"{id}\", \"name\": \"{name}\", \"brand\": \"harbor\", \"category\": \"apparel\", \
             \"price\": 20.0, \"currency\": \"USD\", \"stock\": 5, \"rating\": 4.0, \"review_count\": 3}}\n"
        )
    };
    let products = [
        product("a-01", "Harbor Women's Crew Tee"),
        product("a-02", "Harbor Men's Crew Tee"),
        product("a-03", "Harbor Unisex Crew Tee"),
        product("a-04", "Harbor Toddler Crew Tee"),
        product("a-05", "Harbor Youth Crew Tee"),
        product("a-06", "Harbor Ladies Pocket Tee"),
    ]
    .concat();
    let (_dir, search) = shop_with("", &products, "- [t-shirt, tee]\n", "");
    let listed = |audience: Option<Audience>, t: &str| -> Vec<String> {
        let mut req = typed(t);
        req.audience = audience;
        let r = search.search(&req, 10, SearchMode::Fused).unwrap();
        r.hits.iter().map(|h| h.product.to_string()).collect()
    };
    let without = listed(None, "tee");
    assert!(without.len() >= 8, "every tee: {without:?}");

    // For men: no women's, toddler's or youth tee; the men's and unisex ones (and the
    // shop's tees that say nobody).
    let men = listed(Some(Audience::Men), "tee");
    for gone in ["a-01", "a-04", "a-05", "a-06"] {
        assert!(!men.contains(&gone.to_string()), "{gone} in {men:?}");
    }
    assert!(men.contains(&"a-02".to_string()) && men.contains(&"a-03".to_string()));
    // For women, what the shop marks as women's comes first, in either of its words.
    let women = listed(Some(Audience::Women), "tee");
    let mut first_two = women[..2].to_vec();
    first_two.sort();
    assert_eq!(first_two, vec!["a-01", "a-06"], "{women:?}");
    assert!(!women.contains(&"a-02".to_string()));
    // For a child: only the children's lines; for a toddler, the toddler's.
    let mut kids = listed(Some(Audience::Kids), "tee");
    kids.sort();
    assert_eq!(kids, vec!["a-04", "a-05"]);
    assert_eq!(listed(Some(Audience::Toddlers), "tee"), vec!["a-04"]);
    // A kind the shop marks for no child is listed whole: it says nothing of who it is for.
    let hoodies = listed(Some(Audience::Kids), "hoodie");
    assert_eq!(hoodies, listed(None, "hoodie"));
    assert!(!hoodies.is_empty());
}

#[test]
fn spacing_slips_are_mended_in_the_shops_words() {
    // Two words the shop writes as one.
    let r = run(&typed("back pack"));
    assert_eq!(ids(&r), vec!["cs-15"], "{:?}", names(&r));
    let r = run(&SearchRequest::text("note book"));
    assert_eq!(ids(&r).first(), Some(&"cs-20"), "{:?}", names(&r));
    // One word the shop writes as two, both on one product.
    let r = run(&SearchRequest::text("waterbottle"));
    let got = id_set(&r);
    assert_eq!(got, HashSet::from(["cs-03", "cs-04"]), "{:?}", names(&r));
    // Words the shop writes apart stay apart.
    let r = run(&typed("water bottle"));
    assert_eq!(r.hits.len(), 2, "{:?}", names(&r));
}

#[test]
fn a_brand_excluded_by_the_first_word_of_its_name_or_in_untagged_words() {
    let products =
        "{\"id\": \"b-01\", \"name\": \"Cascade Trail Hoodie\", \"brand\": \"cascade-gear\", \
        \"category\": \"apparel\", \"price\": 50.0, \"currency\": \"USD\", \"stock\": 5}\n";
    let brands = "- id: cascade-gear\n  name: \"Cascade Gear\"\n";
    let (_dir, search) = shop_with("", products, "", brands);
    let listed = |req: &SearchRequest| -> Vec<String> {
        let r = search.search(req, 10, SearchMode::Fused).unwrap();
        r.hits.iter().map(|h| h.product.to_string()).collect()
    };
    let all = listed(&typed("hoodie"));
    assert!(all.contains(&"b-01".to_string()), "{all:?}");
    // Tagged as a brand, by the first word of its name.
    let mut req = typed("hoodie");
    req.not_brands = vec!["cascade".into()];
    let without = listed(&req);
    assert!(!without.contains(&"b-01".to_string()), "{without:?}");
    assert_eq!(without.len(), all.len() - 1);
    // Said but not tagged: the search reads the shop's brand names after an exclusion.
    let without = listed(&typed_with("hoodie", "hoodie, but not cascade"));
    assert!(!without.contains(&"b-01".to_string()), "{without:?}");
    let with = listed(&typed_with("hoodie", "cascade hoodie"));
    assert_eq!(with, vec!["b-01"]);
}

#[test]
fn a_misspelt_word_read_as_a_brand_ranks_as_a_word() {
    // "enamle" is no brand: the NLU's misreading of "enamel" must not empty the list.
    let mut req = typed_with("pin", "enamle pin");
    req.brands = vec!["enamle".into()];
    let r = run(&req);
    assert_eq!(ids(&r), vec!["cs-23"], "{:?}", names(&r));
    // A brand the shop never mentions still lists nothing.
    req.brands = vec!["acmeware".into()];
    assert!(run(&req).hits.is_empty());
    // Alone, with no type, it is read as what is wanted: the type resolution says
    // whether the shop sells anything of the kind.
    let alone = SearchRequest {
        brands: vec!["acmeware".into()],
        text: "acmeware".into(),
        ..SearchRequest::default()
    };
    let r = run(&alone);
    match &r.type_match {
        TypeMatch::NoneOfType { asked, nearest } => {
            assert_eq!(asked, "acmeware");
            assert!(!nearest.is_empty());
        }
        TypeMatch::Similar { asked, .. } => assert_eq!(asked, "acmeware"),
        other => panic!("read as a brand filter: {other:?}"),
    }
}

#[test]
fn words_said_no_to_filter_out_what_names_them() {
    let mut req = typed("hoodie");
    let before = run(&req);
    let all = id_set(&before);
    assert!(all.contains("cs-08"), "{all:?}");
    req.not_words = vec!["zip".into()];
    let r = run(&req);
    let got = id_set(&r);
    assert_eq!(got, HashSet::from(["cs-07", "cs-14"]), "{:?}", names(&r));
}

#[test]
fn a_broader_word_finds_the_kinds_whose_names_it_ends() {
    let (_without_dir, without) = shop_with_synonyms(None);
    let (_dir, with) = shop_with_synonyms(Some(SHOP_SYNONYMS));
    // No product is called a shirt; the shop's list says a t-shirt is a tee.
    let r = fused(&with, &typed("shirt"));
    let got = id_set(&r);
    assert_eq!(
        got,
        HashSet::from(["cs-09", "cs-10"]),
        "{:?}",
        named(&with, &r)
    );
    let r = fused(&without, &typed("shirt"));
    assert!(
        !ids(&r).iter().all(|id| ["cs-09", "cs-10"].contains(id)) || r.hits.is_empty(),
        "without the list nothing says a tee is a shirt: {:?}",
        named(&without, &r)
    );
}

#[test]
fn without_a_type_a_hit_far_below_the_best_is_no_answer() {
    // Four words, so no short request read as one kind: every Summit product shares a word.
    let r = run(&SearchRequest::text("summit enamel pin badge"));
    assert_eq!(ids(&r).first(), Some(&"cs-23"), "{:?}", names(&r));
    let best = r.hits[0].score;
    assert!(
        r.hits.iter().all(|h| h.score >= 0.5 * best),
        "{:?}",
        r.hits.iter().map(|h| h.score).collect::<Vec<_>>()
    );
    assert!(
        !ids(&r).contains(&"cs-03") && !ids(&r).contains(&"cs-05"),
        "the Summit bottle and tumbler share one word: {:?}",
        names(&r)
    );
}

#[test]
fn a_size_no_product_comes_in_and_no_name_says_ranks_as_a_word() {
    let mut req = typed_with("tee", "a 5k race tee");
    req.sizes = vec!["5k".into()];
    let r = run(&req);
    let got = id_set(&r);
    assert_eq!(got, HashSet::from(["cs-09", "cs-10"]), "{:?}", names(&r));
    // A number stays a size: none of the tees comes in a 47.
    req.sizes = vec!["47".into()];
    assert!(run(&req).hits.is_empty());
}
