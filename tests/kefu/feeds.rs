//! `kefu kg import-feed`: each feed format (our own small fixtures in
//! tests/fixtures/feeds/) through the real binary into a knowledge directory, which is
//! then loaded with the real loader and checked with the real `kefu kg check`.

use super::foundation::kefu;
use kefu::knowledge::{Graph, KnowledgeBase, Product, Severity, FALLBACK_BRAND, NOMINAL_STOCK};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
}

/// The demo shop: where FAQ, policies, responses and attributes come from.
fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn import(format: &str, feed: &Path, out: &Path, extra: &[&str]) -> Run {
    let o = kefu()
        .args(["kg", "import-feed", "--format", format])
        .arg(feed)
        .arg("--out")
        .arg(out)
        .arg("--knowledge-dir")
        .arg(demo_dir())
        .args(extra)
        .output()
        .unwrap();
    Run {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// The written directory through the real loader, and `kefu kg check` passing on it.
fn load(out: &Path) -> Arc<Graph> {
    let check = kefu()
        .args(["kg", "check", "--knowledge-dir"])
        .arg(out)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "kg check fails:\n{}",
        String::from_utf8_lossy(&check.stdout)
    );
    KnowledgeBase::load(out, None).unwrap().0
}

fn product<'g>(g: &'g Graph, id: &str) -> &'g Product {
    g.product(id)
        .unwrap_or_else(|| panic!("no product {id:?}; have {:?}", ids(g)))
}

fn ids(g: &Graph) -> Vec<&str> {
    g.products().iter().map(|p| p.id.as_str()).collect()
}

/// (size, colour, stock) of each variant.
fn variants(p: &Product) -> Vec<(Option<&str>, Option<&str>, u32)> {
    p.variants
        .iter()
        .map(|v| (v.size.as_deref(), v.colour.as_deref(), v.stock))
        .collect()
}

fn parent<'g>(g: &'g Graph, category: &str) -> Option<&'g str> {
    g.categories()
        .iter()
        .find(|c| c.id == category)
        .unwrap_or_else(|| panic!("no category {category:?}"))
        .parent
        .as_deref()
}

fn reported(run: &Run, file: &str, line: usize, reason: &str) -> bool {
    let at = format!("{file}:{line}: ");
    run.stderr
        .lines()
        .any(|l| l.contains(&at) && l.contains(reason))
}

#[test]
fn retail_jsonl_groups_variants_builds_the_tree_and_reports_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop");
    let feed = fixture("retail.jsonl");
    let run = import("google-retail", &feed, &out, &[]);
    assert_eq!(
        run.code,
        Some(3),
        "some rows skipped: exit 3\n{}",
        run.stderr
    );
    for (line, reason) in [
        (6, "not valid JSON"),
        (7, "has no title"),
        (8, "is not a number"),
        (9, "duplicate id \"mug-1\" (first on line 4)"),
        (10, "no id"),
    ] {
        assert!(
            reported(&run, "retail.jsonl", line, reason),
            "line {line}: {reason:?} not in\n{}",
            run.stderr
        );
    }
    assert!(run.stdout.contains("5 row(s) skipped"), "{}", run.stdout);

    let g = load(&out);
    assert_eq!(ids(&g), ["tee-1", "mug-1", "hoodie-1", "sticker-1"]);
    // The primary and its two variant rows: one product, a variant per row.
    let tee = product(&g, "tee-1");
    assert_eq!(tee.name, "Harbour Crew Tee");
    assert_eq!(
        variants(tee),
        [(Some("S"), Some("Navy"), 4), (Some("M"), Some("Navy"), 0)],
        "out of stock wins over a stated quantity"
    );
    assert_eq!(tee.price, 18.5, "the lowest variant price");
    assert_eq!(
        tee.description,
        "A heavyweight cotton tee & a relaxed fit. Ribbed collar Made to last"
    );
    assert_eq!(tee.category, "apparel-shirts-tops");
    assert_eq!(parent(&g, "apparel-shirts-tops"), Some("apparel"));
    assert_eq!(parent(&g, "apparel"), None);
    let cat = g
        .categories()
        .iter()
        .find(|c| c.id == "apparel-shirts-tops")
        .unwrap();
    assert_eq!(cat.name, "Shirts & Tops", "the shop's words");
    assert_eq!(tee.brand, "northwind-supply");
    assert_eq!(
        g.brand("northwind-supply").unwrap().name,
        "Northwind Supply"
    );
    // In stock without a quantity: the nominal stock; attributes kept, typed.
    let mug = product(&g, "mug-1");
    assert_eq!(
        (mug.stock, mug.price, mug.currency.as_str()),
        (Some(NOMINAL_STOCK), 12.5, "USD")
    );
    assert_eq!(mug.attributes["material"].to_string(), "Stoneware");
    assert_eq!(g.number("mug-1", "capacity_ml"), Some(350.0));
    assert_eq!(
        mug.added.map(|d| d.to_string()).as_deref(),
        Some("2026-10-02")
    );
    assert_eq!(mug.description, "", "no description, and no error for it");
    // The one dated product is the newest; the undated ones come after it.
    let newest: Vec<&str> = g.newest(4).iter().map(|p| p.id.as_str()).collect();
    assert_eq!(newest[0], "mug-1");
    assert!(g.newest(4)[1..].iter().all(|p| p.added.is_none()));
    assert_eq!(parent(&g, "home-kitchen-mugs"), Some("home-kitchen"));
    assert_eq!(parent(&g, "home-kitchen"), Some("home"));
    // A product listing three sizes with one quantity: a variant per size.
    let hoodie = product(&g, "hoodie-1");
    assert_eq!(
        variants(hoodie),
        [
            (Some("S"), Some("Heather Grey"), 4),
            (Some("M"), Some("Heather Grey"), 4),
            (Some("L"), Some("Heather Grey"), 4)
        ]
    );
    assert_eq!(hoodie.attributes["gender"].to_string(), "unisex");
    // No brand: imported under the fallback brand, with a warning; preorder: no stock.
    let sticker = product(&g, "sticker-1");
    assert_eq!(g.brand(&sticker.brand).unwrap().name, FALLBACK_BRAND);
    assert_eq!(sticker.stock, Some(0));
    assert_eq!(sticker.attributes["availability"].to_string(), "preorder");
    assert!(
        reported(&run, "retail.jsonl", 11, "has no brand"),
        "{}",
        run.stderr
    );
    // "In stock in M?" is a question the graph can answer.
    let in_m: Vec<&str> = g
        .in_stock_variant(Some("M"), None)
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(in_m, ["hoodie-1"]);
    // What a knowledge dir also holds came from the demo shop.
    assert!(g.policies().len() == 5 && !g.faq().is_empty());
    assert!(out.join("responses/en.yaml").is_file());
    assert!(!out.join("orders.jsonl").exists() && !out.join("relations.csv").exists());
}

#[test]
fn merchant_tsv_groups_by_item_group_id_and_takes_the_sale_price() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop");
    let run = import("google-merchant", &fixture("merchant.tsv"), &out, &[]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    for (line, reason) in [
        (6, "has no title"),
        (7, "\"n/a\" is not a number"),
        (8, "duplicate id \"SH-1-S\" (first on line 2)"),
        (9, "unknown availability \"maybe\""),
    ] {
        assert!(
            reported(&run, "merchant.tsv", line, reason),
            "line {line}: {reason:?} not in\n{}",
            run.stderr
        );
    }
    let g = load(&out);
    assert_eq!(ids(&g), ["G-SHIRT", "BOOT-1"]);
    let tee = product(&g, "G-SHIRT");
    assert_eq!(
        tee.name, "Trail Tee",
        "the words the variants' titles share"
    );
    assert_eq!(
        variants(tee),
        [
            (Some("S"), Some("Red"), NOMINAL_STOCK),
            (Some("M"), Some("Red"), 0),
            (Some("L"), Some("Blue"), 0)
        ]
    );
    let skus: Vec<&str> = tee.variants.iter().map(|v| v.sku.as_str()).collect();
    assert_eq!(skus, ["SH-1-S", "SH-1-M", "SH-1-L-BLUE"]);
    assert_eq!(tee.price, 19.99, "the sale price, lower than the price");
    assert_eq!(
        tee.description,
        "Breathable & quick-drying. Cut for running."
    );
    assert_eq!(tee.category, "apparel-tops-t-shirts");
    assert_eq!(parent(&g, "apparel-tops-t-shirts"), Some("apparel-tops"));
    assert_eq!(parent(&g, "apparel-tops"), Some("apparel"));
    for (attr, value) in [
        ("gender", "female"),
        ("age_group", "adult"),
        ("material", "cotton"),
    ] {
        assert_eq!(tee.attributes[attr].to_string(), value);
    }
    assert_eq!(tee.url.as_deref(), Some("https://shop.example/trail-tee"));
    // No product_type: Google's category path, written out, makes the tree.
    let boot = product(&g, "BOOT-1");
    assert_eq!(boot.name, "\"Ridge\" Hiking Boot", "TSV has no quoting");
    assert_eq!(boot.category, "apparel-accessories-shoes-boots");
    let path: Vec<&str> = g
        .category_ancestors(&boot.category)
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(path, ["Boots", "Shoes", "Apparel & Accessories"]);
    assert_eq!(variants(boot), [(None, Some("Brown"), NOMINAL_STOCK)]);
}

#[test]
fn merchant_csv_is_told_from_tsv_by_its_header_and_keeps_quoted_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop");
    let run = import("google-merchant", &fixture("merchant.csv"), &out, &[]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    // The first record spans lines 2-3 (a quoted description), so the rows after it
    // are reported on their own lines.
    assert!(reported(&run, "merchant.csv", 6, "no id"), "{}", run.stderr);
    assert!(
        reported(&run, "merchant.csv", 7, "no price"),
        "{}",
        run.stderr
    );
    let g = load(&out);
    assert_eq!(ids(&g), ["JK-1", "LAMP-1"]);
    let jacket = product(&g, "JK-1");
    assert_eq!(jacket.name, "Fjord Rain Jacket");
    assert_eq!((jacket.price, jacket.currency.as_str()), (99.0, "EUR"));
    assert_eq!(
        variants(jacket),
        [
            (Some("M"), Some("Forest Green"), NOMINAL_STOCK),
            (Some("L"), Some("Forest Green"), 0)
        ]
    );
    assert_eq!(jacket.description, "Fully taped seams, hood & two pockets.");
    let lamp = product(&g, "LAMP-1");
    assert_eq!(lamp.description, "Warm light, 3 levels – USB-C.");
    assert_eq!(g.brand(&lamp.brand).unwrap().name, "Lumen, Ltd.");
    assert_eq!(lamp.brand, "lumen-ltd");
    assert_eq!(parent(&g, &lamp.category), Some("home"));
}

#[test]
fn shopify_csv_joins_a_handles_rows_into_one_product() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop");
    let feed = fixture("shopify.csv");
    // No currency in a Shopify export: without --currency nothing is written.
    let run = import("shopify-csv", &feed, &out, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("--currency"), "{}", run.stderr);
    assert!(!out.exists(), "a fatal error writes nothing");

    let run = import("shopify-csv", &feed, &out, &["--currency", "eur"]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert!(
        reported(&run, "shopify.csv", 9, "no Title"),
        "{}",
        run.stderr
    );
    assert!(
        reported(&run, "shopify.csv", 10, "was skipped on line 9"),
        "{}",
        run.stderr
    );
    assert!(
        reported(&run, "shopify.csv", 12, "price \"free\" is not a number"),
        "{}",
        run.stderr
    );
    let g = load(&out);
    assert_eq!(ids(&g), ["merino-crew", "canvas-tote", "wool-socks"]);
    let crew = product(&g, "merino-crew");
    assert_eq!(crew.name, "Merino Crew Sweater");
    assert_eq!(
        variants(crew),
        [
            (Some("S"), Some("Grey"), 3),
            (Some("M"), Some("Grey"), 0),
            (Some("L"), Some("Navy"), 5)
        ],
        "the image-only row is no variant"
    );
    assert_eq!((crew.price, crew.currency.as_str()), (85.0, "EUR"));
    assert_eq!(
        crew.description,
        "Soft merino wool, knitted in Portugal. Warm Itch\u{2011}free"
    );
    assert_eq!(crew.brand, "fjord-fell");
    assert_eq!(crew.category, "knitwear-sweaters");
    assert_eq!(parent(&g, "knitwear-sweaters"), Some("knitwear"));
    assert_eq!(
        crew.image.as_deref(),
        Some("https://shop.example/img/mc-1.jpg")
    );
    // "Default Title": one item, no variants; no tracked quantity: the nominal stock.
    let tote = product(&g, "canvas-tote");
    assert!(tote.variants.is_empty());
    assert_eq!(tote.stock, Some(NOMINAL_STOCK));
    assert_eq!(tote.description, "Heavy canvas & leather handles.");
    let socks = product(&g, "wool-socks");
    assert_eq!(variants(socks), [(Some("38-41"), None, 12)]);
    assert_eq!(parent(&g, "knitwear-socks"), Some("knitwear"));
}

#[test]
fn a_clean_feed_exits_0_and_reimporting_keeps_the_directorys_own_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop");
    let feed = dir.path().join("clean.jsonl");
    std::fs::write(
        &feed,
        concat!(
            r#"{"id": "a1", "title": "Alpha", "brands": ["Acme"], "categories": ["Tools"], "priceInfo": {"price": 5, "currencyCode": "EUR"}, "availability": "IN_STOCK", "availableQuantity": 2}"#,
            "\n",
            r#"{"id": "a2", "title": "Beta", "brands": ["Acme"], "categories": ["Tools > Saws"], "priceInfo": {"price": 7, "currencyCode": "EUR"}}"#,
            "\n"
        ),
    )
    .unwrap();
    let run = import("google-retail", &feed, &out, &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("2 products"), "{}", run.stdout);
    // The shop edits its FAQ and relates the two; a re-import replaces only the catalogue.
    let faq = "- id: hours\n  question: When are you open?\n  answer: Always.\n";
    std::fs::write(out.join("faq.yaml"), faq).unwrap();
    std::fs::write(
        out.join("relations.csv"),
        "kind,from,to\nbought-together,a1,a2\n",
    )
    .unwrap();
    let run = import("google-retail", &feed, &out, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(out.join("faq.yaml")).unwrap(), faq);
    let g = load(&out);
    assert_eq!(g.faq().len(), 1);
    assert_eq!(g.bought_together("a1").len(), 1);
    assert_eq!(
        product(&g, "a2").stock,
        Some(NOMINAL_STOCK),
        "availability unstated"
    );
    // A feed whose products no longer match the shop's relations writes nothing.
    std::fs::write(
        out.join("relations.csv"),
        "kind,from,to\nbought-together,a1,gone\n",
    )
    .unwrap();
    let before = std::fs::read_to_string(out.join("products.jsonl")).unwrap();
    let run = import("google-retail", &feed, &out, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("relations.csv"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(out.join("products.jsonl")).unwrap(),
        before
    );
    // An unreadable feed is fatal too.
    let run = import(
        "google-retail",
        &dir.path().join("missing.jsonl"),
        &out,
        &[],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("cannot read the feed"),
        "{}",
        run.stderr
    );
}

#[test]
fn kg_check_reports_every_bad_field_of_a_line_and_only_warns_on_no_description_or_date() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop");
    let run = import("google-retail", &fixture("retail.jsonl"), &out, &[]);
    assert_eq!(run.code, Some(3));
    let products = out.join("products.jsonl");
    let mut text = std::fs::read_to_string(&products).unwrap();
    let undated = r#"{"id":"plain","name":"Plain","brand":"kiln-co","category":"home","price":3.0,"currency":"USD","stock":1}"#;
    text.push_str(undated);
    text.push('\n');
    std::fs::write(&products, &text).unwrap();
    let problems = KnowledgeBase::check(&out).unwrap();
    assert!(
        !problems.iter().any(|p| p.is_error()),
        "no description and no `added` are no errors: {problems:#?}"
    );
    assert!(problems.iter().any(|p| p.severity == Severity::Warning
        && p.field.as_deref() == Some("added")
        && p.message.contains("no `added` date")));
    // One line, four problems: each is reported.
    let bad_line = text.lines().count() + 1;
    text.push_str(
        r#"{"id":"bad","price":"cheap","currency":"USD","colour":"red","added":"someday"}"#,
    );
    text.push('\n');
    std::fs::write(&products, &text).unwrap();
    let check = kefu()
        .args(["kg", "check", "--knowledge-dir"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&check.stdout);
    let at = format!("products.jsonl:{bad_line}");
    for what in [
        "missing field `name`",
        "missing field `brand`",
        "missing field `category`",
        "field `price`",
        "field `added`",
        "unknown field `colour`",
    ] {
        assert!(
            stdout.lines().any(|l| l.contains(&at) && l.contains(what)),
            "{what:?} on line {bad_line} not in\n{stdout}"
        );
    }
}
