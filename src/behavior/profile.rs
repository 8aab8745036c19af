//! A shopper's profile: what they lean towards (categories, brands, attribute values, a
//! price band), what they looked at lately and what they bought. Every affinity decays
//! exponentially with the configured half-life, so last week counts more than last year.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{Action, Event, ProductFacts};
use crate::types::ProductId;

/// The weighted sums in a profile are all "as of" one instant; moving them to a later
/// instant multiplies them by `0.5^(elapsed / half_life)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub as_of: DateTime<Utc>,
    /// Category id → affinity (every category on the product's path gets the weight).
    pub categories: BTreeMap<String, f64>,
    pub brands: BTreeMap<String, f64>,
    /// `"name=value"` → affinity.
    pub attributes: BTreeMap<String, f64>,
    pub price: PriceBand,
    /// Newest first, at most `recent_views` long, no duplicates.
    pub recent_views: Vec<(ProductId, DateTime<Utc>)>,
    pub purchases: BTreeMap<ProductId, Purchased>,
    /// Events that went into this profile.
    pub events: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Purchased {
    pub last: DateTime<Utc>,
    pub quantity: u32,
    /// Consumables (shampoo, coffee) may be recommended again; a kettle may not.
    pub consumable: bool,
}

/// Decayed, weighted moments of log(price), so the band is geometric (a $20 and a $200
/// shopper differ as much as a $200 and a $2000 one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PriceBand {
    pub weight: f64,
    pub sum_log: f64,
    pub sum_log2: f64,
}

impl PriceBand {
    /// (low, high): one standard deviation around the weighted geometric mean, or `None`
    /// before any priced product was seen.
    pub fn range(&self) -> Option<(f64, f64)> {
        if self.weight <= 1e-9 {
            return None;
        }
        let mean = self.sum_log / self.weight;
        let var = (self.sum_log2 / self.weight - mean * mean).max(0.0);
        // A floor on the spread: one product seen is a point, not a band.
        let sd = var.sqrt().max(0.25);
        Some(((mean - sd).exp(), (mean + sd).exp()))
    }

    /// 1 inside the band, falling off smoothly outside it (in log-price standard deviations).
    pub fn fit(&self, price: f64) -> f64 {
        if self.weight <= 1e-9 || price <= 0.0 {
            return 0.0;
        }
        let mean = self.sum_log / self.weight;
        let var = (self.sum_log2 / self.weight - mean * mean).max(0.0);
        let sd = var.sqrt().max(0.25);
        let z = (price.ln() - mean) / sd;
        (-0.5 * z * z).exp()
    }

    fn scale(&mut self, f: f64) {
        self.weight *= f;
        self.sum_log *= f;
        self.sum_log2 *= f;
    }
}

/// How much one event of each kind moves the profile.
pub(crate) fn weight(action: &Action) -> f64 {
    match action {
        Action::View { .. } => 1.0,
        Action::Click { .. } => 1.5,
        Action::AddToCart { .. } => 2.0,
        Action::RemoveFromCart { .. } => -1.0,
        Action::Purchase { .. } => 4.0,
        // 5 stars pulls towards, 1 star pushes away.
        Action::Rating { rating, .. } => f64::from(*rating) - 3.0,
        Action::Review { .. } => 0.5,
        Action::Thumb { .. } => 0.0,
    }
}

fn decay(half_life_secs: f64, from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    let secs = (to - from).num_milliseconds() as f64 / 1000.0;
    0.5f64.powf(secs / half_life_secs)
}

impl Profile {
    pub fn new(as_of: DateTime<Utc>) -> Self {
        Self {
            as_of,
            categories: BTreeMap::new(),
            brands: BTreeMap::new(),
            attributes: BTreeMap::new(),
            price: PriceBand::default(),
            recent_views: Vec::new(),
            purchases: BTreeMap::new(),
            events: 0,
        }
    }

    /// This profile seen from `now`: every affinity decayed to that instant.
    pub fn decayed_to(&self, now: DateTime<Utc>, half_life_secs: f64) -> Profile {
        let mut p = self.clone();
        if now > p.as_of {
            p.scale(decay(half_life_secs, p.as_of, now));
            p.as_of = now;
        }
        p
    }

    fn scale(&mut self, f: f64) {
        for map in [&mut self.categories, &mut self.brands, &mut self.attributes] {
            map.values_mut().for_each(|v| *v *= f);
        }
        self.price.scale(f);
    }

    /// Folds one event in. Events may arrive out of time order: an older one is added
    /// already decayed to `as_of`, so the result does not depend on arrival order.
    pub fn apply(
        &mut self,
        event: &Event,
        facts: Option<&ProductFacts>,
        half_life_secs: f64,
        recent_views: usize,
    ) {
        self.events = self.events.saturating_add(1);
        let f = if event.at >= self.as_of {
            self.scale(decay(half_life_secs, self.as_of, event.at));
            self.as_of = event.at;
            1.0
        } else {
            decay(half_life_secs, event.at, self.as_of)
        };
        let (Some(product), Some(facts)) = (event.action.product(), facts) else {
            return;
        };
        let w = weight(&event.action) * f;
        if w != 0.0 {
            for c in &facts.categories {
                *self.categories.entry(c.clone()).or_default() += w;
            }
            if let Some(b) = &facts.brand {
                *self.brands.entry(b.clone()).or_default() += w;
            }
            for (name, value) in &facts.attributes {
                *self
                    .attributes
                    .entry(format!("{name}={value}"))
                    .or_default() += w;
            }
            // The price band learns from interest, not from dislike.
            if let Some(price) = facts.price.filter(|p| *p > 0.0 && w > 0.0) {
                let l = price.ln();
                self.price.weight += w;
                self.price.sum_log += w * l;
                self.price.sum_log2 += w * l * l;
            }
        }
        match &event.action {
            Action::View { .. } | Action::Click { .. } => {
                self.recent_views.retain(|(p, _)| p != product);
                let pos = self
                    .recent_views
                    .iter()
                    .position(|(_, t)| *t < event.at)
                    .unwrap_or(self.recent_views.len());
                self.recent_views.insert(pos, (product.clone(), event.at));
                self.recent_views.truncate(recent_views);
            }
            Action::Purchase { quantity, .. } => {
                let entry = self
                    .purchases
                    .entry(product.clone())
                    .or_insert_with(|| Purchased {
                        last: event.at,
                        quantity: 0,
                        consumable: facts.consumable,
                    });
                entry.quantity = entry.quantity.saturating_add(*quantity);
                entry.last = entry.last.max(event.at);
            }
            _ => {}
        }
    }

    /// Adds another profile (an anonymous session's, at log-in) into this one.
    pub fn merge(&mut self, other: &Profile, half_life_secs: f64, recent_views: usize) {
        let now = self.as_of.max(other.as_of);
        let mine = self.decayed_to(now, half_life_secs);
        let theirs = other.decayed_to(now, half_life_secs);
        *self = mine;
        for (dst, src) in [
            (&mut self.categories, &theirs.categories),
            (&mut self.brands, &theirs.brands),
            (&mut self.attributes, &theirs.attributes),
        ] {
            for (k, v) in src {
                *dst.entry(k.clone()).or_default() += v;
            }
        }
        self.price.weight += theirs.price.weight;
        self.price.sum_log += theirs.price.sum_log;
        self.price.sum_log2 += theirs.price.sum_log2;
        for (p, t) in &theirs.recent_views {
            if let Some(existing) = self.recent_views.iter_mut().find(|(q, _)| q == p) {
                existing.1 = existing.1.max(*t);
            } else {
                self.recent_views.push((p.clone(), *t));
            }
        }
        self.recent_views
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        self.recent_views.truncate(recent_views);
        for (p, bought) in &theirs.purchases {
            self.purchases
                .entry(p.clone())
                .and_modify(|mine| {
                    mine.quantity = mine.quantity.saturating_add(bought.quantity);
                    mine.last = mine.last.max(bought.last);
                })
                .or_insert_with(|| bought.clone());
        }
        self.events = self.events.saturating_add(theirs.events);
    }

    /// Whether `product` was bought and is not the kind of thing one buys again.
    pub fn owns(&self, product: &ProductId) -> bool {
        self.purchases.get(product).is_some_and(|p| !p.consumable)
    }

    /// The affinity normalised by the strongest one of its kind, in [-1, 1].
    pub fn relative(map: &BTreeMap<String, f64>, key: &str) -> f64 {
        let max = map.values().fold(0.0f64, |m, v| m.max(v.abs()));
        if max <= 1e-12 {
            return 0.0;
        }
        map.get(key).copied().unwrap_or(0.0) / max
    }
}
