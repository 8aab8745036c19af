//! `GET /products/{id}`: a product's page for a shop that has none of its own (the demo
//! shop's cards link here), rendered on the server from the live graph. Every catalogue
//! text goes through [`escape`]; the page's script (web/shop.js) reads the product id from
//! a data attribute and adds to the cart through the chat widget's API.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use std::fmt::Write;

use crate::dialogue::format_price;
use crate::knowledge::{Graph, Product};

use super::http::AppState;

/// The page's locale: prices and words are written for it.
const LOCALE: &str = "en";

/// `GET /products/{id}`
pub async fn page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(live) = &state.knowledge else {
        let body = message_page("Catalogue unavailable", "This server serves no catalogue.");
        return (StatusCode::SERVICE_UNAVAILABLE, Html(body)).into_response();
    };
    let graph = live.graph();
    match graph.product(&id) {
        Some(p) => Html(product_page(&graph, p, &state.config.server.web_dir)).into_response(),
        None => {
            let body = message_page(
                "No such product",
                &format!("There is no product “{id}” in this shop."),
            );
            (StatusCode::NOT_FOUND, Html(body)).into_response()
        }
    }
}

/// Text made safe for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page around `main`: the shop's header with the cart, the page script and the
/// chat widget.
fn layout(title: &str, main: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="{LOCALE}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <link rel="stylesheet" href="/shop.css">
</head>
<body>
  <header class="shop-header">
    <a class="home" href="/">← All products</a>
    <span class="cart" id="cart" aria-live="polite">Cart: 0 items</span>
  </header>
{main}
  <script src="/shop.js"></script>
  <script src="/kefu-widget.js" data-locale="{LOCALE}" data-identity-url="/api/demo/identity"></script>
</body>
</html>
"#,
        title = escape(title)
    )
}

fn message_page(title: &str, message: &str) -> String {
    let main = format!(
        "  <main class=\"product-page missing\">\n    <h1>{}</h1>\n    <p>{}</p>\n    <p><a href=\"/\">See all products</a></p>\n  </main>",
        escape(title),
        escape(message)
    );
    layout(title, &main)
}

fn product_page(g: &Graph, p: &Product, web_dir: &std::path::Path) -> String {
    let brand = g
        .brand(&p.brand)
        .map_or(p.brand.as_str(), |b| b.name.as_str());
    let category = g
        .category(&p.category)
        .map_or(p.category.as_str(), |c| c.name.as_str());
    let mut m = String::new();
    let _ = writeln!(
        m,
        "  <main class=\"product-page\" data-product-id=\"{}\">",
        escape(p.id.as_str())
    );
    match super::product_links::image(web_dir, g, p) {
        Some(src) => {
            let _ = writeln!(
                m,
                "    <img class=\"picture\" src=\"{}\" alt=\"{}\">",
                escape(&src),
                escape(&p.name)
            );
        }
        None => m.push_str("    <div class=\"picture noimg\" aria-hidden=\"true\"></div>\n"),
    }
    m.push_str("    <section class=\"info\">\n");
    let _ = writeln!(
        m,
        "      <p class=\"category\">{}</p>\n      <h1>{}</h1>\n      <p class=\"brand\">{}</p>\n      <p class=\"price\">{}</p>",
        escape(category),
        escape(&p.name),
        escape(brand),
        escape(&format_price(p.price, &p.currency, LOCALE))
    );
    if let Some(r) = p.rating {
        let _ = writeln!(
            m,
            "      <p class=\"rating\">Rated {r:.1} out of 5 ({} reviews)</p>",
            p.review_count
        );
    }
    m.push_str(&buy_form(p));
    let _ = writeln!(
        m,
        "      <p class=\"description\">{}</p>",
        escape(&p.description)
    );
    m.push_str(&stock_table(p));
    m.push_str(&details(g, p));
    m.push_str("    </section>\n  </main>");
    layout(&p.name, &m)
}

/// Size, colour and quantity choices over what is in stock, and the Add button.
fn buy_form(p: &Product) -> String {
    let mut f = format!(
        "      <form class=\"buy\" data-add-to-cart=\"{}\">\n",
        escape(p.id.as_str())
    );
    let in_stock: Vec<_> = p.variants_in_stock(None, None).collect();
    let choice = |name: &str, label: &str, values: Vec<&str>| -> String {
        let mut distinct: Vec<&str> = Vec::new();
        for v in values {
            if !distinct.contains(&v) {
                distinct.push(v);
            }
        }
        if distinct.is_empty() {
            return String::new();
        }
        let options: String = distinct
            .iter()
            .map(|v| format!("<option>{}</option>", escape(v)))
            .collect();
        format!("        <label>{label} <select name=\"{name}\">{options}</select></label>\n")
    };
    f.push_str(&choice(
        "size",
        "Size",
        in_stock.iter().filter_map(|v| v.size.as_deref()).collect(),
    ));
    f.push_str(&choice(
        "colour",
        "Colour",
        in_stock
            .iter()
            .filter_map(|v| v.colour.as_deref())
            .collect(),
    ));
    let disabled = if p.in_stock() { "" } else { " disabled" };
    let _ = write!(
        f,
        "        <label>Quantity <input name=\"quantity\" type=\"number\" min=\"1\" max=\"99\" value=\"1\"></label>\n\
         \x20       <button type=\"submit\"{disabled}>Add to cart</button>\n\
         \x20       <p class=\"added\" role=\"status\"></p>\n      </form>\n"
    );
    f
}

/// Every variant with its stock, or the product's own stock.
fn stock_table(p: &Product) -> String {
    let units = |n: u32| {
        if n == 0 {
            "out of stock".to_string()
        } else {
            format!("{n} in stock")
        }
    };
    if p.variants.is_empty() {
        return format!("      <p class=\"stock\">{}</p>\n", units(p.total_stock()));
    }
    let mut t = String::from(
        "      <h2>Stock</h2>\n      <table class=\"stock\">\n        <thead><tr><th>Size</th><th>Colour</th><th>Stock</th></tr></thead>\n        <tbody>\n",
    );
    for v in &p.variants {
        let _ = writeln!(
            t,
            "          <tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(v.size.as_deref().unwrap_or("–")),
            escape(v.colour.as_deref().unwrap_or("–")),
            units(v.stock)
        );
    }
    t.push_str("        </tbody>\n      </table>\n");
    t
}

/// The product's stated attributes, named as attributes.yaml names them.
fn details(g: &Graph, p: &Product) -> String {
    if p.attributes.is_empty() {
        return String::new();
    }
    let defs = &g.catalog().attributes;
    let mut d = String::from("      <h2>Details</h2>\n      <dl class=\"attributes\">\n");
    for (id, value) in &p.attributes {
        let def = defs.iter().find(|a| &a.id == id);
        let name = def.map_or(id.replace('_', " "), |a| a.name.clone());
        let value = match value {
            crate::knowledge::AttrValue::Bool(true) => "yes".to_string(),
            crate::knowledge::AttrValue::Bool(false) => "no".to_string(),
            other => match def.and_then(|a| a.unit.as_deref()) {
                Some(unit) => format!("{other} {unit}"),
                None => other.to_string(),
            },
        };
        let _ = writeln!(
            d,
            "        <dt>{}</dt><dd>{}</dd>",
            escape(&name),
            escape(&value)
        );
    }
    d.push_str("      </dl>\n");
    d
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
    }
}
