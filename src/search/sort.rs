//! The shopper's sort wish, applied to what relevance found (never instead of it).

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::SearchHit;
use crate::knowledge::Graph;
use crate::knowledge::Product;
use crate::types::SortWish;

/// When a product entered the catalogue: the one place the newest-first sort reads it.
fn added(p: &Product) -> Option<NaiveDate> {
    p.added
}

/// Reorders `hits` by the wish, stably (equal ones keep their relevance order).
pub(crate) fn apply(hits: &mut [SearchHit], wish: SortWish, graph: &Graph) {
    let product = |h: &SearchHit| graph.product(h.product.as_str());
    hits.sort_by(|a, b| {
        let (Some(a), Some(b)) = (product(a), product(b)) else {
            return Ordering::Equal;
        };
        match wish {
            SortWish::Cheapest => a.price.total_cmp(&b.price),
            SortWish::BestRated => b
                .rating
                .unwrap_or(0.0)
                .total_cmp(&a.rating.unwrap_or(0.0))
                .then(b.review_count.cmp(&a.review_count)),
            // Undated products last.
            SortWish::Newest => added(b).cmp(&added(a)),
        }
    });
}
