//! Everything an action may read or change during one turn.

use std::sync::Arc;

use crate::knowledge::{AttrValue, Graph, Product};
use crate::types::{Embed, Parse, ProductCard, ProductId, QuickReply};

use super::nlg::{format_price, Templates, Vars};
use super::slots::{parse_ordinal, parse_pick, Ordinal, Pick};
use super::tracker::Tracker;

pub struct Ctx<'a> {
    pub graph: Arc<Graph>,
    pub templates: &'a Templates,
    pub embed: &'a dyn Embed,
    pub locale: String,
    /// Picks a template variant; stable for a given session and turn.
    pub pick: u64,
    pub tracker: &'a mut Tracker,
    pub parse: &'a Parse,
    pub list_size: usize,
    pub order_changes: &'a super::orders::OrderChanges,
    pub recommender: &'a crate::recommend::Recommender,
    /// The shopper's behaviour profile, when they have one.
    pub profile: Option<&'a crate::behavior::Profile>,
    /// Ask for a rating when the shopper says goodbye (`dialogue.csat`).
    pub csat: bool,
}

impl Ctx<'_> {
    pub fn t(&self, key: &str, vars: Vars<'_>) -> String {
        self.templates.render(&self.locale, key, vars, self.pick)
    }

    pub fn price(&self, amount: f64, currency: &str) -> String {
        format_price(amount, currency, &self.locale)
    }

    pub fn slot(&self, name: &str) -> Option<&str> {
        self.parse.slot(name).map(|s| s.value.as_str())
    }

    pub fn slots(&self, name: &str) -> Vec<&str> {
        self.parse
            .slots
            .iter()
            .filter(|s| s.slot == name)
            .map(|s| s.value.as_str())
            .collect()
    }

    pub fn quick(&self, label_key: &str, payload: String) -> QuickReply {
        QuickReply {
            title: self.t(label_key, &[]),
            payload,
        }
    }

    pub fn brand_name(&self, p: &Product) -> String {
        self.graph
            .brand(&p.brand)
            .map(|b| b.name.clone())
            .unwrap_or_else(|| p.brand.clone())
    }

    pub fn card(&self, p: &Product, reason: Option<String>) -> ProductCard {
        let category = self
            .graph
            .category(&p.category)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| p.category.clone());
        ProductCard {
            id: p.id.clone(),
            name: p.name.clone(),
            brand: self.brand_name(p),
            category,
            price: p.price,
            currency: p.currency.clone(),
            image: p.image.clone(),
            url: p.url.clone(),
            rating: p.rating,
            reason,
        }
    }

    /// The products the shopper is pointing at: named ones, ordinals into the last list,
    /// or the product in focus ("it", "that one"). Named products win.
    pub fn referenced_products(&self) -> Vec<Product> {
        let mut out: Vec<Product> = Vec::new();
        let push = |p: &Product, out: &mut Vec<Product>| {
            if !out.iter().any(|x| x.id == p.id) {
                out.push(p.clone());
            }
        };
        for name in self.slots("product") {
            if let Some((p, score)) = self.graph.search_name(name, 1).into_iter().next() {
                if score >= 0.35 {
                    push(p, &mut out);
                }
            }
        }
        for o in self.slots("ordinal") {
            if let Some(ix) =
                parse_ordinal(o).and_then(|o: Ordinal| o.index(self.tracker.last_products.len()))
            {
                if let Some(p) = self.graph.product(self.tracker.last_products[ix].as_str()) {
                    push(p, &mut out);
                }
            }
        }
        if out.is_empty() {
            if let Some((_, p)) = self.picked_from_last_list() {
                push(&p, &mut out);
            }
        }
        if out.is_empty() {
            if let Some(p) = self
                .tracker
                .focus
                .as_ref()
                .and_then(|id| self.graph.product(id.as_str()))
            {
                push(p, &mut out);
            } else if self.tracker.last_products.len() == 1 {
                if let Some(p) = self.graph.product(self.tracker.last_products[0].as_str()) {
                    push(p, &mut out);
                }
            }
        }
        out
    }

    /// "The cheaper one", "the best rated of them", "the lightest": a product of the last
    /// list picked by price, rating or a number the catalogue states.
    pub fn picked_from_last_list(&self) -> Option<(Pick, Product)> {
        let pick = parse_pick(&self.parse.text)?;
        let shown: Vec<&Product> = self
            .tracker
            .last_products
            .iter()
            .filter_map(|id| self.graph.product(id.as_str()))
            .collect();
        if shown.len() < 2 {
            return None;
        }
        let best = match pick {
            Pick::Cheapest => shown.iter().min_by(|a, b| a.price.total_cmp(&b.price)),
            Pick::Dearest => shown.iter().max_by(|a, b| a.price.total_cmp(&b.price)),
            Pick::BestRated => shown.iter().max_by(|a, b| {
                let r = |p: &Product| p.rating.unwrap_or(0.0);
                r(a).total_cmp(&r(b))
            }),
            Pick::Extreme(sup) => {
                // The first of the superlative's attributes that two or more of the list
                // state; products that do not state it are not compared.
                let stated = sup
                    .attributes
                    .iter()
                    .map(|attr| {
                        shown
                            .iter()
                            .filter_map(|p| self.number_of(p, attr).map(|n| (*p, n)))
                            .collect::<Vec<(&Product, f64)>>()
                    })
                    .find(|stated| stated.len() >= 2)?;
                let pick = stated.into_iter().reduce(|a, b| {
                    let b_wins = if sup.most { b.1 > a.1 } else { b.1 < a.1 };
                    if b_wins {
                        b
                    } else {
                        a
                    }
                });
                return pick.map(|(p, _)| (Pick::Extreme(sup), p.clone()));
            }
        };
        best.map(|p| (pick, (*p).clone()))
    }

    /// A number the catalogue states about a product (`weight_g`: 560).
    pub fn number_of(&self, p: &Product, attribute: &str) -> Option<f64> {
        self.graph
            .facts(p.id.as_str())
            .iter()
            .find(|f| f.attribute == attribute)
            .and_then(|f| match f.value {
                AttrValue::Number(n) => Some(n),
                _ => None,
            })
    }

    pub fn focus_on(&mut self, id: &ProductId) {
        self.tracker.focus = Some(id.clone());
    }
}
