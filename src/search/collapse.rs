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

/// Each product's item: products with the same [`same_item_key`] share a number (worked
/// out once per catalogue, so collapsing a list hashes no strings).
pub(crate) fn items(products: &[Product]) -> Vec<u32> {
    let mut by_key: HashMap<String, u32> = HashMap::new();
    products
        .iter()
        .map(|p| {
            let next = by_key.len() as u32;
            *by_key.entry(same_item_key(p)).or_insert(next)
        })
        .collect()
}

/// Ranked products → ranked hits, each item once, in the order of its best listing: at
/// most `max_hits` of them (later listings of those still join their `also`). `item_of`
/// is [`items`] of `products`.
pub(crate) fn collapse(
    ranked: Vec<Fused>,
    products: &[Product],
    item_of: &[u32],
    max_hits: usize,
) -> Vec<SearchHit> {
    let mut hits: Vec<SearchHit> = Vec::new();
    let mut by_item: HashMap<u32, usize> = HashMap::new();
    for f in ranked {
        let p = &products[f.ix as usize];
        let item = item_of[f.ix as usize];
        match by_item.get(&item) {
            Some(&h) => hits[h].also.push(p.id.clone()),
            None if hits.len() >= max_hits => {}
            None => {
                by_item.insert(item, hits.len());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ProductId;

    fn product(id: &str, name: &str) -> Product {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "brand": "b", "category": "c", "price": 1.0,
            "currency": "USD", "stock": 1
        }))
        .unwrap()
    }

    fn ranked(ixs: &[u32]) -> Vec<Fused> {
        ixs.iter()
            .map(|&ix| Fused {
                ix,
                score: 1.0,
                lexical: None,
                semantic: None,
            })
            .collect()
    }

    #[test]
    fn listings_of_one_item_join_the_first_even_past_the_hits_asked_for() {
        let products = vec![
            product("a1", "Blue Mug"),
            product("b", "Red Cup"),
            product("c", "Green Jug"),
            product("a2", "blue  mug!"),
        ];
        let item_of = items(&products);
        assert_eq!(item_of[0], item_of[3]);
        let hits = collapse(ranked(&[0, 1, 2, 3]), &products, &item_of, 2);
        let ids: Vec<&str> = hits.iter().map(|h| h.product.as_str()).collect();
        assert_eq!(ids, vec!["a1", "b"]);
        assert_eq!(hits[0].also, vec![ProductId::from("a2")]);
    }
}
