//! What a ranking is asked for, and what it gives back.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::reason::Reason;
use crate::search::TypeMatch;
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

/// A ranked list, and how the request's product type was found in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    pub items: Vec<Recommendation>,
    pub type_match: TypeMatch,
}
