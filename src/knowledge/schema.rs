//! The records of the knowledge files, exactly as shop staff write them. Every field is
//! documented with an example in docs/knowledge.md.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

use super::sizes::size_matches;
use crate::types::ProductId;

/// One product: a line of `products.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub id: ProductId,
    pub name: String,
    /// A brand id from `brands.yaml`.
    pub brand: String,
    /// A category id from `categories.yaml` (the most specific one).
    pub category: String,
    pub price: f64,
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
    /// Sellable versions (size / colour) with their stock. A product without variants is
    /// sold as one item with `stock`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    /// Stock of a product without variants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock: Option<u32>,
    /// Structured facts, keyed by an attribute id from `attributes.yaml`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, AttrValue>,
    /// Shop prose; empty when the shop wrote none (imported feeds often have none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<f32>,
    #[serde(default)]
    pub review_count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the product entered the catalogue (for "what's new"); `None` when the shop
    /// does not say (such products sort last under "newest").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<NaiveDate>,
    /// Bought again and again (groceries, pet food, refills): worth re-recommending.
    #[serde(default)]
    pub consumable: bool,
}

impl Product {
    /// Units in stock over all variants.
    pub fn total_stock(&self) -> u32 {
        if self.variants.is_empty() {
            self.stock.unwrap_or(0)
        } else {
            self.variants.iter().map(|v| v.stock).sum()
        }
    }

    pub fn in_stock(&self) -> bool {
        self.total_stock() > 0
    }

    /// Variants in stock matching a size and/or colour (case-insensitive); `None` matches any.
    pub fn variants_in_stock<'a>(
        &'a self,
        size: Option<&'a str>,
        colour: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Variant> + 'a {
        self.variants.iter().filter(move |v| {
            v.stock > 0
                && size.is_none_or(|s| v.size.as_deref().is_some_and(|x| size_matches(x, s)))
                && colour.is_none_or(|c| v.colour.as_deref().is_some_and(|x| colour_matches(x, c)))
        })
    }
}

/// Whether a variant's colour is the one asked for: the same name, or one of its words
/// ("black" is in "Black/White", "blue" in "Midnight Blue").
pub fn colour_matches(have: &str, want: &str) -> bool {
    let have = have.to_lowercase();
    let want = want.trim().to_lowercase();
    if have == want {
        return true;
    }
    let words: Vec<&str> = have
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let want_words: Vec<&str> = want.split_whitespace().collect();
    !want_words.is_empty()
        && words
            .windows(want_words.len())
            .any(|w| w == want_words.as_slice())
}

/// A sellable version of a product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub sku: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    pub stock: u32,
}

/// An attribute value: a yes/no, a number (in the attribute's unit) or a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AttrValue {
    Bool(bool),
    Number(f64),
    Text(String),
}

impl AttrValue {
    /// A canonical key for indexing: `true`, `50`, `merino wool`.
    pub fn key(&self) -> String {
        match self {
            AttrValue::Bool(b) => b.to_string(),
            AttrValue::Number(n) => format_number(*n),
            AttrValue::Text(t) => t.trim().to_lowercase(),
        }
    }
}

impl fmt::Display for AttrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttrValue::Bool(true) => f.write_str("yes"),
            AttrValue::Bool(false) => f.write_str("no"),
            AttrValue::Number(n) => f.write_str(&format_number(*n)),
            AttrValue::Text(t) => f.write_str(t),
        }
    }
}

pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A node of the category tree: an entry of `categories.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: String,
    /// The parent category id; absent for a top-level category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Other words shoppers use for it ("earbuds" for in-ear headphones).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
}

/// An entry of `brands.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// What kind of value an attribute holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttrType {
    Bool,
    Number,
    Text,
}

/// An attribute products may state: an entry of `attributes.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeDef {
    pub id: String,
    /// How a reply names it ("battery life").
    pub name: String,
    #[serde(rename = "type")]
    pub kind: AttrType,
    /// The unit every number of this attribute is in (`m`, `h`, `g`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Words shoppers use for it ("waterproof", "battery").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
}

/// How two products relate. Written in `relations.csv` as the kebab-case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    /// `from` is an accessory of `to` (a case of a phone).
    AccessoryOf,
    /// `from` works with `to` (a strap with a watch); symmetric.
    CompatibleWith,
    /// `from` can replace `to`; symmetric.
    SubstituteFor,
    /// Shoppers often buy the two together; symmetric.
    BoughtTogether,
}

impl RelationKind {
    pub const ALL: [RelationKind; 4] = [
        RelationKind::AccessoryOf,
        RelationKind::CompatibleWith,
        RelationKind::SubstituteFor,
        RelationKind::BoughtTogether,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::AccessoryOf => "accessory-of",
            RelationKind::CompatibleWith => "compatible-with",
            RelationKind::SubstituteFor => "substitute-for",
            RelationKind::BoughtTogether => "bought-together",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// One line of `relations.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Relation {
    pub kind: RelationKind,
    pub from: ProductId,
    pub to: ProductId,
}

/// A question shoppers ask and the shop's answer: an entry of `faq.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqEntry {
    pub id: String,
    pub question: String,
    pub answer: String,
    /// Other ways of asking the same thing; they are matched too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternates: Vec<String>,
    /// The policy this answer summarises, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyKind>,
}

/// The shop policies kefu knows how to explain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyKind {
    Shipping,
    Returns,
    Warranty,
    Payment,
    Privacy,
}

impl PolicyKind {
    pub const ALL: [PolicyKind; 5] = [
        PolicyKind::Shipping,
        PolicyKind::Returns,
        PolicyKind::Warranty,
        PolicyKind::Payment,
        PolicyKind::Privacy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PolicyKind::Shipping => "shipping",
            PolicyKind::Returns => "returns",
            PolicyKind::Warranty => "warranty",
            PolicyKind::Payment => "payment",
            PolicyKind::Privacy => "privacy",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// A policy: `policies/<kind>.md`, YAML front matter + a Markdown body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub kind: PolicyKind,
    pub title: String,
    /// One or two sentences a reply can quote.
    pub summary: String,
    /// The numbers a dialogue needs (`return_window_days`, `free_shipping_over`, …).
    #[serde(default)]
    pub terms: BTreeMap<String, f64>,
    /// Where the shop delivers (shipping policy): country names, or `EU` for every member
    /// state. Empty: not stated, and kefu does not say yes or no to a country.
    #[serde(default)]
    pub destinations: Vec<String>,
    /// The full text, Markdown.
    pub body: String,
}

/// Where an order is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrderStatus {
    Placed,
    Paid,
    Shipped,
    Delivered,
    Cancelled,
    Returned,
    Refunded,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Placed => "placed",
            OrderStatus::Paid => "paid",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Returned => "returned",
            OrderStatus::Refunded => "refunded",
        }
    }
}

/// One line of `orders.jsonl` (the demo order book).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    pub id: String,
    pub user_id: String,
    pub email: String,
    pub status: OrderStatus,
    pub items: Vec<OrderItem>,
    pub total: f64,
    pub currency: String,
    pub placed_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<Tracking>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refunded_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderItem {
    pub product: ProductId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    pub quantity: u32,
    pub unit_price: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tracking {
    pub carrier: String,
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Where a fact about a product comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum FactSource {
    /// The product's `attributes` field.
    Attributes,
    /// Found in the description at import; `quote` is the words that state it.
    Description { quote: String },
}

/// A has-attribute edge: the product has `attribute` = `value` (in the attribute's unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub attribute: String,
    pub value: AttrValue,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub source: FactSource,
}
