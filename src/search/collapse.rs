//! One hit per item: stores list the same item under several ids (one per colour or
//! size, or a relisting). Products with the same brand and the same name, compared
//! without case and punctuation, are one hit, shown as its best-ranked product with the
//! others as `also`.

use std::collections::HashMap;

use super::fuse::Fused;
use super::SearchHit;
use crate::knowledge::Product;

/// The key two listings of one item share: brand and name, lowercased, words only.
pub fn same_item_key(p: &Product) -> String {
    let words: Vec<String> = p
        .name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("{}\u{1f}{}", p.brand.to_lowercase(), words.join(" "))
}

/// Ranked products → ranked hits, each item once, in the order of its best listing.
pub(crate) fn collapse(ranked: Vec<Fused>, products: &[Product]) -> Vec<SearchHit> {
    let mut hits: Vec<SearchHit> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for f in ranked {
        let p = &products[f.ix as usize];
        match by_key.get(&same_item_key(p)) {
            Some(&h) => hits[h].also.push(p.id.clone()),
            None => {
                by_key.insert(same_item_key(p), hits.len());
                hits.push(SearchHit {
                    product: p.id.clone(),
                    score: f.score,
                    lexical: f.lexical,
                    semantic: f.semantic,
                    also: Vec::new(),
                });
            }
        }
    }
    hits
}
