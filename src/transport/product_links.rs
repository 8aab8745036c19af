//! A product's picture and page when the catalogue names none: the picture of its
//! category (`<web_dir>/images/<category id>.svg`, or the nearest parent category's) when
//! that file exists, and kefu's own product page (`/products/{id}`).

use std::path::Path;

use crate::knowledge::{Graph, Product};
use crate::types::ProductCard;

/// Parent categories looked through for a picture (the tree is validated acyclic; this
/// only bounds the walk).
const MAX_DEPTH: usize = 16;

/// The product's own image, else its category's picture, else none.
pub(crate) fn image(web_dir: &Path, graph: &Graph, p: &Product) -> Option<String> {
    if p.image.is_some() {
        return p.image.clone();
    }
    category_picture(web_dir, graph, &p.category)
}

/// `/images/<id>.svg` of the category or its nearest ancestor that has one on disk.
pub(crate) fn category_picture(web_dir: &Path, graph: &Graph, category: &str) -> Option<String> {
    let mut next = Some(category.to_string());
    for _ in 0..MAX_DEPTH {
        let id = next?;
        if is_file_name(&id) && web_dir.join("images").join(format!("{id}.svg")).is_file() {
            return Some(format!("/images/{id}.svg"));
        }
        next = graph.category(&id).and_then(|c| c.parent.clone());
    }
    None
}

/// The product's own page, else kefu's.
pub(crate) fn page(p: &Product) -> String {
    p.url
        .clone()
        .unwrap_or_else(|| product_page_path(p.id.as_str()))
}

/// `/products/{id}` with the id percent-encoded as one path segment.
pub(crate) fn product_page_path(id: &str) -> String {
    let mut out = String::from("/products/");
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Fills a reply card's missing picture and link from the graph being served.
pub(crate) fn complete_card(web_dir: &Path, graph: &Graph, card: &mut ProductCard) {
    if card.image.is_some() && card.url.is_some() {
        return;
    }
    let Some(p) = graph.product(card.id.as_str()) else {
        return;
    };
    if card.image.is_none() {
        card.image = image(web_dir, graph, p);
    }
    if card.url.is_none() {
        card.url = Some(page(p));
    }
}

/// A category id usable as a file name (no path separators, no dots).
fn is_file_name(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_ids_are_one_path_segment() {
        assert_eq!(product_page_path("ph-001"), "/products/ph-001");
        assert_eq!(product_page_path("a/b c"), "/products/a%2Fb%20c");
        assert_eq!(product_page_path("é"), "/products/%C3%A9");
    }

    #[test]
    fn only_plain_category_ids_name_files() {
        assert!(is_file_name("running-shoes"));
        assert!(!is_file_name("../etc"));
        assert!(!is_file_name("a.b"));
        assert!(!is_file_name(""));
    }
}
