//! The shop pages kefu serves itself: `/products/{id}` rendered from the live graph (text
//! escaped, 404 for an unknown id), and the category picture a product without an image
//! gets, on the page, in `/api/products` and on reply cards.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use kefu::config::Config;
use kefu::knowledge::LiveGraph;
use kefu::store::Store;
use kefu::{app, AppState};
use std::path::Path;
use std::sync::Arc;
use tower::ServiceExt;

/// A product name with every character HTML gives a meaning to.
const TRICKY: &str = r#"<script>alert("x")</script> Tom & Jerry's"#;

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A two-product shop: `m1` (named [`TRICKY`], no image, sizes) in a sub-category whose
/// parent has a picture, and `m2` with an image of its own.
fn shop() -> (tempfile::TempDir, tempfile::TempDir) {
    let kg = tempfile::tempdir().unwrap();
    let d = kg.path();
    let name = serde_json::to_string(TRICKY).unwrap();
    write(
        d,
        "products.jsonl",
        &format!(
            r#"{{"id":"m1","name":{name},"brand":"acme","category":"mugs","price":12.5,"currency":"EUR","variants":[{{"sku":"m1-s","size":"S","stock":4}},{{"sku":"m1-l","size":"L","stock":0}}],"attributes":{{"capacity_ml":350}},"description":"A mug <b>for</b> tea & coffee.","added":"2026-01-01"}}
{{"id":"m2","name":"Plain Mug","brand":"acme","category":"mugs","price":9.0,"currency":"EUR","stock":3,"description":"Just a mug.","image":"/pictures/m2.png","added":"2026-01-01"}}
"#
        ),
    );
    write(
        d,
        "categories.yaml",
        "- id: kitchen\n  name: Kitchen\n- id: mugs\n  name: Mugs\n  parent: kitchen\n",
    );
    write(d, "brands.yaml", "- id: acme\n  name: Acme & Sons\n");
    write(
        d,
        "attributes.yaml",
        "- id: capacity_ml\n  name: capacity\n  type: number\n  unit: ml\n",
    );
    write(d, "relations.csv", "kind,from,to\n");
    write(d, "faq.yaml", "- id: delivery\n  question: How long does delivery take?\n  answer: Two days.\n  policy: shipping\n");
    for kind in ["shipping", "returns", "warranty", "payment", "privacy"] {
        write(
            d,
            &format!("policies/{kind}.md"),
            &format!("---\nkind: {kind}\ntitle: {kind}\nsummary: The {kind} policy.\n---\nText.\n"),
        );
    }
    let web = tempfile::tempdir().unwrap();
    write(web.path(), "images/kitchen.svg", "<svg/>");
    (kg, web)
}

async fn get(router: &axum::Router, uri: &str) -> (u16, String, String) {
    let resp = router
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let kind = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, kind, String::from_utf8(bytes.to_vec()).unwrap())
}

fn router(kg: &Path, web: &Path, data: &Path) -> axum::Router {
    let mut config = Config::default();
    config.server.web_dir = web.to_path_buf();
    let live = LiveGraph::open(kg, None).expect("the test shop loads");
    let state = AppState::new(Arc::new(config), Store::open(data).unwrap(), None)
        .unwrap()
        .with_knowledge(live);
    app(state)
}

#[tokio::test]
async fn a_product_page_shows_the_product_with_every_text_escaped() {
    let (kg, web) = shop();
    let data = tempfile::tempdir().unwrap();
    let router = router(kg.path(), web.path(), data.path());

    let (status, kind, page) = get(&router, "/products/m1").await;
    assert_eq!(status, 200, "{page}");
    assert!(kind.starts_with("text/html"), "{kind}");
    let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tom &amp; Jerry&#39;s";
    assert!(page.contains(&format!("<h1>{escaped}</h1>")), "{page}");
    assert!(
        page.contains(&format!("<title>{escaped}</title>")),
        "{page}"
    );
    assert!(
        !page.contains("<script>alert"),
        "raw markup from the catalogue: {page}"
    );
    assert!(page.contains("Acme &amp; Sons"), "the brand's name: {page}");
    assert!(page.contains("€12.50"), "the price, formatted: {page}");
    assert!(page.contains("A mug &lt;b&gt;for&lt;/b&gt; tea &amp; coffee."));
    assert!(page.contains("<dt>capacity</dt><dd>350 ml</dd>"), "{page}");
    assert!(
        page.contains("<td>S</td><td>–</td><td>4 in stock</td>"),
        "{page}"
    );
    assert!(
        page.contains("<td>L</td><td>–</td><td>out of stock</td>"),
        "{page}"
    );
    // Only what is in stock can be chosen; the form names the product for the cart.
    assert!(page.contains(r#"<select name="size"><option>S</option></select>"#));
    assert!(page.contains(r#"data-add-to-cart="m1""#));
    // No image of its own: the picture of the nearest category that has one.
    assert!(page.contains(r#"src="/images/kitchen.svg""#), "{page}");

    let (status, _, own) = get(&router, "/products/m2").await;
    assert_eq!(status, 200);
    assert!(
        own.contains(r#"src="/pictures/m2.png""#),
        "its own image wins"
    );
}

#[tokio::test]
async fn an_unknown_product_is_a_404_page_that_escapes_the_id() {
    let (kg, web) = shop();
    let data = tempfile::tempdir().unwrap();
    let router = router(kg.path(), web.path(), data.path());
    let (status, kind, page) = get(&router, "/products/%3Cimg%20src%3Dx%3E").await;
    assert_eq!(status, 404);
    assert!(kind.starts_with("text/html"), "{kind}");
    assert!(page.contains("No such product"), "{page}");
    assert!(page.contains("&lt;img src=x&gt;"), "{page}");
    assert!(!page.contains("<img src=x>"), "{page}");
}

#[tokio::test]
async fn the_catalogue_api_lists_the_fallback_picture_and_kefus_product_page() {
    let (kg, web) = shop();
    let data = tempfile::tempdir().unwrap();
    let router = router(kg.path(), web.path(), data.path());
    let (status, _, body) = get(&router, "/api/products").await;
    assert_eq!(status, 200);
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    let by_id = |id: &str| {
        list["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id("m1")["image"], "/images/kitchen.svg");
    assert_eq!(by_id("m1")["url"], "/products/m1");
    assert_eq!(by_id("m2")["image"], "/pictures/m2.png");

    // Without the picture on disk, nothing is made up.
    std::fs::remove_file(web.path().join("images/kitchen.svg")).unwrap();
    let (_, _, body) = get(&router, "/api/products/m1").await;
    let one: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(one.get("image").is_none(), "{one}");
}
