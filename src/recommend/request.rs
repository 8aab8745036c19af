//! What a ranking is asked for, and the hard constraints and sort wish read from it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::reason::Reason;
use crate::types::{ProductId, SearchRequest};

/// A request for products: what the shopper is looking for (read once, by the dialogue),
/// the product the shopper is on ("accessories for it"); `search.exclude` holds what was
/// already shown ("more").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecommendRequest {
    #[serde(default)]
    pub search: SearchRequest,
    #[serde(default)]
    pub current_product: Option<ProductId>,
    /// Products that go with `current_product` ("accessories for it", "what goes with it").
    #[serde(default)]
    pub accessories: bool,
    /// How many to return; the configured list size when absent.
    #[serde(default)]
    pub limit: Option<usize>,
    /// The instant profiles are decayed to; now when absent (tests pin it).
    #[serde(default)]
    pub now: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub product: ProductId,
    pub score: f32,
    /// Why this product ("similar to the trail shoes you viewed"), as facts the
    /// dialogue words through the shop's templates.
    pub reason: Reason,
}

pub use crate::types::SortWish;

/// The hard constraints of a request, as written by the shopper (resolution against the
/// catalogue happens in the engine).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Wanted {
    pub categories: Vec<String>,
    pub brands: Vec<String>,
    pub not_brands: Vec<String>,
    pub colours: Vec<String>,
    pub sizes: Vec<String>,
    pub materials: Vec<String>,
    /// Features asked for ("waterproof", "with gps"); yes/no ones become a constraint.
    pub features: Vec<String>,
    pub price_min: Option<f64>,
    pub price_max: Option<f64>,
    pub sort: Option<SortWish>,
    /// "accessories for it", "what goes with it".
    pub accessories: bool,
}

impl Wanted {
    pub fn from_request(req: &RecommendRequest) -> Wanted {
        let s = &req.search;
        let lower = |v: &Vec<String>| -> Vec<String> {
            v.iter()
                .map(|x| x.trim().to_lowercase())
                .filter(|x| !x.is_empty())
                .collect()
        };
        Wanted {
            categories: s
                .product_type
                .iter()
                .map(|t| t.trim().to_lowercase())
                .collect(),
            brands: lower(&s.brands),
            not_brands: lower(&s.not_brands),
            colours: lower(&s.colours),
            sizes: lower(&s.sizes),
            materials: lower(&s.materials),
            features: lower(&s.features),
            price_min: s.price_min,
            price_max: s.price_max,
            sort: s.sort,
            accessories: req.accessories,
        }
    }
}
