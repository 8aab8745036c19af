//! Everything an action may read or change during one turn.

use std::sync::Arc;

use crate::knowledge::{AttrValue, Fact, Graph, Product};
use crate::types::{Embed, Parse, ProductCard, ProductId, QuickReply, SlotKind};

use super::nlg::{format_price, Templates, Vars};
use super::slots::{chinese_ordinals_in, parse_ordinal, parse_pick, Ordinal, Pick};
use super::tracker::Tracker;

/// A product of the last list picked by comparison, and the stated number that picked
/// it (for "the lightest").
pub struct Picked {
    pub pick: Pick,
    pub product: Product,
    pub fact: Option<Fact>,
}

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
    /// The turn is a button press (a payload naming an intent), not typed words.
    pub pressed: bool,
    /// Time spent in product search and ranking this turn (a stage of its own).
    pub search_time: std::cell::Cell<std::time::Duration>,
}

impl Ctx<'_> {
    pub fn t(&self, key: &str, vars: Vars<'_>) -> String {
        self.templates.render(&self.locale, key, vars, self.pick)
    }

    pub fn price(&self, amount: f64, currency: &str) -> String {
        format_price(amount, currency, &self.locale)
    }

    /// This message's first value of a kind.
    pub fn slot(&self, kind: SlotKind) -> Option<&str> {
        self.parse.slot(kind).map(|s| s.value.as_str())
    }

    /// This message's values of a kind, in the order they were said.
    pub fn slots(&self, kind: SlotKind) -> Vec<&str> {
        self.parse
            .slots
            .iter()
            .filter(|s| s.is(kind))
            .map(|s| s.value.as_str())
            .collect()
    }

    /// A value a button's payload carries under its own key ("product_id", "more"): keys
    /// no model tags, so only a pressed button (or its replay) has them.
    pub fn button(&self, key: &str) -> Option<&str> {
        self.parse.slot(key).map(|s| s.value.as_str())
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

    /// A product's name in the reply's language (the shop's own where not translated).
    pub fn name(&self, p: &Product) -> String {
        self.graph.product_name(p, &self.locale).to_string()
    }

    pub fn card(&self, p: &Product, reason: Option<String>) -> ProductCard {
        let category = self
            .graph
            .category(&p.category)
            .map(|c| self.graph.category_name(c, &self.locale).to_string())
            .unwrap_or_else(|| p.category.clone());
        ProductCard {
            id: p.id.clone(),
            name: self.name(p),
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
        for name in self.slots(SlotKind::Product) {
            if let Some((p, score)) = self.graph.search_name(name, 1).into_iter().next() {
                if score >= 0.35 {
                    push(p, &mut out);
                }
            }
        }
        if out.is_empty() {
            // "is the tessellate starter brick box ok for a 3 yo?": the model tagged the
            // name's words as a brand and a type, but the whole name is there.
            if let Some(p) = self.product_named_in_text() {
                push(p, &mut out);
            }
        }
        let mut ordinals: Vec<Ordinal> = self
            .slots(SlotKind::Ordinal)
            .into_iter()
            .filter_map(parse_ordinal)
            .collect();
        if ordinals.is_empty() {
            ordinals = chinese_ordinals_in(&self.parse.text);
        }
        for o in ordinals {
            if let Some(ix) = o.index(self.tracker.last_products.len()) {
                if let Some(p) = self.graph.product(self.tracker.last_products[ix].as_str()) {
                    push(p, &mut out);
                }
            }
        }
        if out.is_empty() {
            if let Some(picked) = self.picked_from_last_list() {
                push(&picked.product, &mut out);
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

    /// A product whose whole name (of two words or more, in the catalogue's language or
    /// the reply's) the message holds; the longest name wins. Candidates come from the
    /// name index, so the cost does not grow with the catalogue or the message.
    fn product_named_in_text(&self) -> Option<&Product> {
        fn words(s: &str) -> String {
            let w: Vec<String> = s
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            format!(" {} ", w.join(" "))
        }
        let text = words(&self.parse.text);
        // The name index scores a whole sentence poorly against a short name, so it is
        // also asked with the words the model tagged (in the name they are a brand, a type
        // or a colour): two searches a message, whatever its length.
        let tagged: Vec<&str> = self
            .parse
            .slots
            .iter()
            .filter(|s| {
                !matches!(
                    s.kind(),
                    Some(
                        SlotKind::Quantity
                            | SlotKind::PriceMin
                            | SlotKind::PriceMax
                            | SlotKind::Ordinal
                    )
                )
            })
            .map(|s| s.value.as_str())
            .collect();
        let mut candidates: Vec<&Product> = Vec::new();
        for query in [tagged.join(" "), self.parse.text.clone()] {
            for (p, _) in self.graph.search_name(&query, 8) {
                if !candidates.iter().any(|c| c.id == p.id) {
                    candidates.push(p);
                }
            }
        }
        candidates
            .into_iter()
            .filter_map(|p| {
                [p.name.clone(), self.name(p)]
                    .iter()
                    .map(|n| words(n))
                    .filter(|n| n.split_whitespace().count() >= 2 && text.contains(n.as_str()))
                    .map(|n| n.len())
                    .max()
                    .map(|len| (p, len))
            })
            .max_by_key(|(_, len)| *len)
            .map(|(p, _)| p)
    }

    /// The products of the last list shown, in its order (those the catalogue still has).
    pub fn shown_products(&self) -> Vec<&Product> {
        self.tracker
            .last_products
            .iter()
            .filter_map(|id| self.graph.product(id.as_str()))
            .collect()
    }

    /// "The cheaper one", "the best rated of them", "the lightest": a product of the last
    /// list picked by price, rating or a number the catalogue states.
    pub fn picked_from_last_list(&self) -> Option<Picked> {
        let pick = parse_pick(&self.parse.text)?;
        let shown = self.shown_products();
        if shown.len() < 2 {
            return None;
        }
        let picked = |product: &Product, fact: Option<Fact>| Picked {
            pick,
            product: product.clone(),
            fact,
        };
        let by = |key: fn(&Product) -> f64, most: bool| {
            extreme(shown.iter().copied(), |p| key(p), most).map(|p| picked(p, None))
        };
        match pick {
            Pick::Cheapest => by(|p| p.price, false),
            Pick::Dearest => by(|p| p.price, true),
            Pick::BestRated => by(|p| f64::from(p.rating.unwrap_or(0.0)), true),
            Pick::Extreme(sup) => {
                // The first of the superlative's attributes that two or more of the list
                // state; products that do not state it are not compared.
                let stated = sup
                    .attributes
                    .iter()
                    .map(|attr| {
                        shown
                            .iter()
                            .filter_map(|p| {
                                let fact = self.graph.fact(p.id.as_str(), attr)?;
                                match fact.value {
                                    AttrValue::Number(n) => Some((*p, fact, n)),
                                    _ => None,
                                }
                            })
                            .collect::<Vec<_>>()
                    })
                    .find(|stated| stated.len() >= 2)?;
                let best = extreme(stated.into_iter(), |s| s.2, sup.most);
                best.map(|(p, fact, _)| picked(p, Some(fact.clone())))
            }
        }
    }

    pub fn focus_on(&mut self, id: &ProductId) {
        self.tracker.focus = Some(id.clone());
    }
}

/// The item with the largest (`most`) or smallest key; the first of equals wins.
fn extreme<T>(items: impl Iterator<Item = T>, key: impl Fn(&T) -> f64, most: bool) -> Option<T> {
    items.reduce(|a, b| {
        let b_wins = if most {
            key(&b) > key(&a)
        } else {
            key(&b) < key(&a)
        };
        if b_wins {
            b
        } else {
            a
        }
    })
}
