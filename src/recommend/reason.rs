//! Why a product is on a list, as facts about the catalogue: products, categories and
//! attributes by id (the dialogue names them in the shopper's language, from the shop's
//! texts in that language where it has them), brands and colours as the catalogue names
//! them, amounts. The dialogue renders them through the shop's response templates
//! (`reason_*` keys), so the wording is the shop's and no reason ever quotes the shopper's
//! message back.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::types::{ProductId, SortWish};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Listed by a sort wish: one of the cheapest, best rated or newest in its category.
    Sorted {
        wish: SortWish,
        /// A category id.
        category: String,
        /// The budget the list keeps to, if any.
        price_max: Option<f64>,
        currency: String,
        rating: Option<f32>,
        reviews: u32,
        added: Option<NaiveDate>,
    },
    /// Related in the graph to the product the shopper is on.
    Companion {
        relation: Companion,
        product: ProductId,
    },
    /// Shoppers who looked at `product` went on to this one.
    OthersChose {
        product: ProductId,
    },
    /// Like a product the shopper viewed.
    SimilarToViewed {
        product: ProductId,
    },
    /// From a brand, in a category, the shopper's profile favours.
    YouLike {
        brand: String,
        /// A category id.
        category: String,
    },
    /// Meets what was asked, said as the catalogue says it ("under €100", "waterproof").
    Fits {
        fits: Vec<Fit>,
        /// A category id.
        category: String,
    },
    Rated {
        rating: f32,
        reviews: u32,
    },
    Popular {
        /// A category id.
        category: String,
    },
    InCategory {
        /// A category id.
        category: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Companion {
    AccessoryFor,
    WorksWith,
    BoughtTogether,
}

/// One asked-for constraint the product meets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Fit {
    Under {
        amount: f64,
        currency: String,
    },
    Over {
        amount: f64,
        currency: String,
    },
    Brand(String),
    /// The product's own colour name ("Midnight Blue" for "blue").
    Colour(String),
    /// A yes/no attribute's id (`waterproof`).
    Feature(String),
    Material(String),
    Size(String),
}
