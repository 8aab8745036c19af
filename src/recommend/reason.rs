//! Why a product is on a list, as facts in the catalogue's words (names, category names,
//! attribute names, amounts). The dialogue renders them through the shop's response
//! templates (`reason_*` keys), so the wording is the shop's and no reason ever quotes the
//! shopper's message back.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::types::SortWish;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Listed by a sort wish: one of the cheapest, best rated or newest in its category.
    Sorted {
        wish: SortWish,
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
        product: String,
    },
    /// Shoppers who looked at `product` went on to this one.
    OthersChose {
        product: String,
    },
    /// Like a product the shopper viewed.
    SimilarToViewed {
        product: String,
    },
    /// From a brand, in a category, the shopper's profile favours.
    YouLike {
        brand: String,
        category: String,
    },
    /// Meets what was asked, said as the catalogue says it ("under €100", "waterproof").
    Fits {
        fits: Vec<Fit>,
        category: String,
    },
    Rated {
        rating: f32,
        reviews: u32,
    },
    Popular {
        category: String,
    },
    InCategory {
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
    /// A yes/no attribute's name ("Waterproof").
    Feature(String),
    Material(String),
    Size(String),
}
