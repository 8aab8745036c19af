//! The search constraints in force, from the tracker's slots, applied to the catalogue.

use std::collections::BTreeMap;

use crate::knowledge::{Graph, Product};

use super::slots::parse_price;

/// Hard constraints a product must meet to be shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// Category ids (the match and its sub-categories).
    pub categories: Vec<String>,
    /// Words of a product type no category matched; products must mention them.
    pub words: Vec<String>,
    pub brand: Option<String>,
    pub excluded_brands: Vec<String>,
    pub colour: Option<String>,
    pub size: Option<String>,
    pub material: Option<String>,
    pub feature: Option<String>,
    pub price_min: Option<f64>,
    pub price_max: Option<f64>,
    pub sort: Option<Sort>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Cheapest,
    Priciest,
    BestRated,
    Newest,
    Popular,
}

impl Sort {
    pub fn parse(text: &str) -> Option<Sort> {
        let t = text.to_lowercase();
        if t.contains("cheap")
            || t.contains("lowest")
            || t.contains("affordable")
            || t.contains("budget")
        {
            Some(Sort::Cheapest)
        } else if t.contains("expensive")
            || t.contains("premium")
            || t.contains("high end")
            || t.contains("priciest")
        {
            Some(Sort::Priciest)
        } else if t.contains("rated")
            || t.contains("best")
            || t.contains("top")
            || t.contains("review")
        {
            Some(Sort::BestRated)
        } else if t.contains("new") || t.contains("latest") || t.contains("recent") {
            Some(Sort::Newest)
        } else if t.contains("popular") || t.contains("selling") || t.contains("trending") {
            Some(Sort::Popular)
        } else {
            None
        }
    }
}

fn stem(w: &str) -> String {
    let w = w.to_lowercase();
    for suffix in ["ies", "es", "s"] {
        if w.len() > 4 && w.ends_with(suffix) {
            let base = &w[..w.len() - suffix.len()];
            return if suffix == "ies" {
                format!("{base}y")
            } else {
                base.to_string()
            };
        }
    }
    w
}

/// Category ids a product-type phrase names: exact (id, name, synonym), then singular
/// forms, then categories whose name shares the phrase's head word ("trail running shoes"
/// → shoes).
pub fn categories_for(graph: &Graph, product_type: &str) -> Vec<String> {
    let pt = product_type.trim().to_lowercase();
    if let Some(c) = graph.category(&pt) {
        return vec![c.id.clone()];
    }
    let singular: Vec<String> = pt.split_whitespace().map(stem).collect();
    let joined = singular.join(" ");
    if let Some(c) = graph.category(&joined) {
        return vec![c.id.clone()];
    }
    let head = singular.last().cloned().unwrap_or_default();
    let mut hits: Vec<String> = graph
        .categories()
        .iter()
        .filter(|c| {
            let names = std::iter::once(&c.name).chain(c.synonyms.iter());
            names.into_iter().any(|n| {
                let n: Vec<String> = n.split_whitespace().map(stem).collect();
                n.join(" ") == joined || (n.last() == Some(&head) && n.len() <= singular.len())
            })
        })
        .map(|c| c.id.clone())
        .collect();
    hits.sort();
    hits.dedup();
    hits
}

impl Constraints {
    pub fn from_slots(
        graph: &Graph,
        slots: &BTreeMap<String, String>,
        excluded: &[String],
    ) -> Self {
        let mut c = Constraints::default();
        if let Some(pt) = slots.get("product_type") {
            c.categories = categories_for(graph, pt);
            if c.categories.is_empty() {
                c.words = pt.split_whitespace().map(stem).collect();
            }
        }
        c.brand = slots.get("brand").map(|b| {
            graph
                .brand(b)
                .map(|x| x.id.clone())
                .unwrap_or_else(|| b.to_lowercase())
        });
        c.excluded_brands = excluded
            .iter()
            .map(|b| {
                graph
                    .brand(b)
                    .map(|x| x.id.clone())
                    .unwrap_or_else(|| b.to_lowercase())
            })
            .collect();
        c.colour = slots.get("color").map(|s| s.to_lowercase());
        c.size = slots.get("size").map(|s| s.to_lowercase());
        c.material = slots.get("material").map(|s| s.to_lowercase());
        c.feature = slots.get("feature").cloned();
        c.price_min = slots.get("price_min").and_then(|p| parse_price(p));
        c.price_max = slots.get("price_max").and_then(|p| parse_price(p));
        c.sort = slots.get("sort").and_then(|s| Sort::parse(s));
        c
    }

    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
            && self.words.is_empty()
            && self.brand.is_none()
            && self.feature.is_none()
            && self.material.is_none()
    }

    pub fn admits(&self, graph: &Graph, p: &Product) -> bool {
        if !self.categories.is_empty() {
            let ancestors = graph.category_ancestors(&p.category);
            if !ancestors.iter().any(|a| self.categories.contains(&a.id)) {
                return false;
            }
        }
        if !self.words.is_empty() {
            let text = format!("{} {} {}", p.name, p.category, p.description).to_lowercase();
            if !self.words.iter().all(|w| text.contains(w.as_str())) {
                return false;
            }
        }
        if let Some(b) = &self.brand {
            if !p.brand.eq_ignore_ascii_case(b) {
                return false;
            }
        }
        if self
            .excluded_brands
            .iter()
            .any(|b| p.brand.eq_ignore_ascii_case(b))
        {
            return false;
        }
        if let Some(min) = self.price_min {
            if p.price < min {
                return false;
            }
        }
        if let Some(max) = self.price_max {
            if p.price > max {
                return false;
            }
        }
        if !p.in_stock() {
            return false;
        }
        if self.colour.is_some() || self.size.is_some() {
            let has_variant = p
                .variants_in_stock(self.size.as_deref(), self.colour.as_deref())
                .next()
                .is_some();
            let colour_in_text = self.size.is_none()
                && self.colour.as_ref().is_some_and(|c| {
                    p.variants.is_empty()
                        && (p.name.to_lowercase().contains(c.as_str())
                            || p.attributes.values().any(|v| v.key().contains(c.as_str())))
                });
            if !has_variant && !colour_in_text {
                return false;
            }
        }
        if let Some(m) = &self.material {
            let in_facts = graph
                .facts(p.id.as_str())
                .iter()
                .any(|f| f.value.key().contains(m.as_str()));
            if !in_facts && !p.description.to_lowercase().contains(m.as_str()) {
                return false;
            }
        }
        if let Some(f) = &self.feature {
            match graph.attribute_answer(p.id.as_str(), f) {
                Some(a) if a.verdict == crate::knowledge::Verdict::Yes => {}
                Some(a) if a.attribute.is_none() => {
                    // A feature the shop has no attribute for: look for the words.
                    if !p.description.to_lowercase().contains(&f.to_lowercase()) {
                        return false;
                    }
                }
                _ => return false,
            }
        }
        true
    }

    /// Products meeting every constraint, in the order the sort wish (or quality) gives,
    /// with brands interleaved so one brand does not fill the list.
    pub fn apply<'g>(
        &self,
        graph: &'g Graph,
        skip: &[crate::types::ProductId],
    ) -> Vec<&'g Product> {
        let mut hits: Vec<&Product> = graph
            .products()
            .iter()
            .filter(|p| !skip.contains(&p.id) && self.admits(graph, p))
            .collect();
        let quality =
            |p: &Product| p.rating.unwrap_or(3.0) as f64 * (1.0 + p.review_count as f64).ln();
        match self.sort {
            Some(Sort::Cheapest) => {
                hits.sort_by(|a, b| a.price.total_cmp(&b.price).then(a.id.cmp(&b.id)))
            }
            Some(Sort::Priciest) => {
                hits.sort_by(|a, b| b.price.total_cmp(&a.price).then(a.id.cmp(&b.id)))
            }
            Some(Sort::BestRated) => hits.sort_by(|a, b| {
                b.rating
                    .unwrap_or(0.0)
                    .total_cmp(&a.rating.unwrap_or(0.0))
                    .then(b.review_count.cmp(&a.review_count))
                    .then(a.id.cmp(&b.id))
            }),
            Some(Sort::Newest) => hits.sort_by(|a, b| b.added.cmp(&a.added).then(a.id.cmp(&b.id))),
            Some(Sort::Popular) | None => {
                hits.sort_by(|a, b| quality(b).total_cmp(&quality(a)).then(a.id.cmp(&b.id)));
                if self.brand.is_none() {
                    hits = diversify_brands(hits);
                }
            }
        }
        hits
    }
}

/// Round-robin over brands in rank order, so the top of the list shows several brands.
fn diversify_brands(ranked: Vec<&Product>) -> Vec<&Product> {
    let mut by_brand: Vec<(String, std::collections::VecDeque<&Product>)> = Vec::new();
    for p in ranked {
        match by_brand.iter_mut().find(|(b, _)| *b == p.brand) {
            Some((_, q)) => q.push_back(p),
            None => by_brand.push((p.brand.clone(), std::collections::VecDeque::from([p]))),
        }
    }
    let mut out = Vec::new();
    loop {
        let mut any = false;
        for (_, q) in by_brand.iter_mut() {
            if let Some(p) = q.pop_front() {
                out.push(p);
                any = true;
            }
        }
        if !any {
            return out;
        }
    }
}
