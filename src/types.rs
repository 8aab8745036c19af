//! The shared vocabulary of kefu. Depends on nothing else in the crate, so every module
//! (and every test) can speak it.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }
    };
}

string_id!(
    /// One chat session (a browser tab, a socket, a REST caller's conversation).
    SessionId
);
string_id!(
    /// A shopper known to the shop (after log-in) or an anonymous visitor id.
    UserId
);
string_id!(
    /// A product id as written in the shop's catalogue files.
    ProductId
);

/// The intent name given to a parse whose confidence is below the configured threshold.
pub const NLU_FALLBACK: &str = "nlu_fallback";

/// The intents the dialogue acts on. A parse carries its intent as the model's label (a
/// retrained model may know others, and the NLU layer knows no actions); the dialogue reads
/// it into this type once ([`Intent::parse`]) and matches on it, and button payloads and
/// metrics labels are limited to these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Intent {
    Greet,
    Goodbye,
    Thanks,
    Chitchat,
    OutOfScope,
    Affirm,
    Deny,
    SearchProduct,
    RefineSearch,
    Recommend,
    ProductInfo,
    CompareProducts,
    CheckPrice,
    CheckStock,
    AddToCart,
    ViewCart,
    RemoveFromCart,
    UpdateCart,
    EmptyCart,
    OrderStatus,
    CancelOrder,
    ReturnItem,
    RefundStatus,
    ShippingInfo,
    PaymentInfo,
    WarrantyInfo,
    Complaint,
    HumanAgent,
}

impl Intent {
    /// Every intent, in the order kefu lists them.
    pub const ALL: [Intent; 28] = [
        Intent::Greet,
        Intent::Goodbye,
        Intent::Thanks,
        Intent::Chitchat,
        Intent::OutOfScope,
        Intent::Affirm,
        Intent::Deny,
        Intent::SearchProduct,
        Intent::RefineSearch,
        Intent::Recommend,
        Intent::ProductInfo,
        Intent::CompareProducts,
        Intent::CheckPrice,
        Intent::CheckStock,
        Intent::AddToCart,
        Intent::ViewCart,
        Intent::RemoveFromCart,
        Intent::UpdateCart,
        Intent::EmptyCart,
        Intent::OrderStatus,
        Intent::CancelOrder,
        Intent::ReturnItem,
        Intent::RefundStatus,
        Intent::ShippingInfo,
        Intent::PaymentInfo,
        Intent::WarrantyInfo,
        Intent::Complaint,
        Intent::HumanAgent,
    ];

    /// The label the NLU data, button payloads and metrics use.
    pub const fn as_str(self) -> &'static str {
        match self {
            Intent::Greet => "greet",
            Intent::Goodbye => "goodbye",
            Intent::Thanks => "thanks",
            Intent::Chitchat => "chitchat",
            Intent::OutOfScope => "out_of_scope",
            Intent::Affirm => "affirm",
            Intent::Deny => "deny",
            Intent::SearchProduct => "search_product",
            Intent::RefineSearch => "refine_search",
            Intent::Recommend => "recommend",
            Intent::ProductInfo => "product_info",
            Intent::CompareProducts => "compare_products",
            Intent::CheckPrice => "check_price",
            Intent::CheckStock => "check_stock",
            Intent::AddToCart => "add_to_cart",
            Intent::ViewCart => "view_cart",
            Intent::RemoveFromCart => "remove_from_cart",
            Intent::UpdateCart => "update_cart",
            Intent::EmptyCart => "empty_cart",
            Intent::OrderStatus => "order_status",
            Intent::CancelOrder => "cancel_order",
            Intent::ReturnItem => "return_item",
            Intent::RefundStatus => "refund_status",
            Intent::ShippingInfo => "shipping_info",
            Intent::PaymentInfo => "payment_info",
            Intent::WarrantyInfo => "warranty_info",
            Intent::Complaint => "complaint",
            Intent::HumanAgent => "human_agent",
        }
    }

    /// One of the cart's own intents (seeing, taking out, re-counting, emptying).
    pub fn is_cart(self) -> bool {
        matches!(
            self,
            Intent::ViewCart | Intent::RemoveFromCart | Intent::UpdateCart | Intent::EmptyCart
        )
    }

    /// The intent a label names; `None` for a label kefu has no action for.
    pub fn parse(label: &str) -> Option<Intent> {
        Intent::ALL.into_iter().find(|i| i.as_str() == label)
    }
}

impl fmt::Display for Intent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// [`Intent::ALL`]'s labels, for a `contains` check on a label.
pub const INTENT_LABELS: [&str; 28] = {
    let mut labels = [""; 28];
    let mut i = 0;
    while i < 28 {
        labels[i] = Intent::ALL[i].as_str();
        i += 1;
    }
    labels
};

/// The kinds of slot the shop's NLU data tags (knowledge/nlu/README.md) and the dialogue
/// keeps in force. A parse carries its slots under the model's label (a model trained on
/// other data may tag others, and buttons add their own keys); the dialogue reads them by
/// this type, and the tracker keeps the search in force under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotKind {
    ProductType,
    Brand,
    Color,
    Size,
    Material,
    PriceMin,
    PriceMax,
    /// A specific named model ("sony wh-1000xm5").
    Product,
    /// An attribute asked about or wanted ("waterproof", "battery life").
    Feature,
    OrderId,
    Quantity,
    Ordinal,
    /// A shipping destination.
    Location,
    /// A ranking wish ("cheapest", "best rated").
    Sort,
    /// Who the product is for ("my mum", "a 6 year old").
    Recipient,
}

impl SlotKind {
    pub const ALL: [SlotKind; 15] = [
        SlotKind::ProductType,
        SlotKind::Brand,
        SlotKind::Color,
        SlotKind::Size,
        SlotKind::Material,
        SlotKind::PriceMin,
        SlotKind::PriceMax,
        SlotKind::Product,
        SlotKind::Feature,
        SlotKind::OrderId,
        SlotKind::Quantity,
        SlotKind::Ordinal,
        SlotKind::Location,
        SlotKind::Sort,
        SlotKind::Recipient,
    ];

    /// The label the NLU data and the model use.
    pub const fn as_str(self) -> &'static str {
        match self {
            SlotKind::ProductType => "product_type",
            SlotKind::Brand => "brand",
            SlotKind::Color => "color",
            SlotKind::Size => "size",
            SlotKind::Material => "material",
            SlotKind::PriceMin => "price_min",
            SlotKind::PriceMax => "price_max",
            SlotKind::Product => "product",
            SlotKind::Feature => "feature",
            SlotKind::OrderId => "order_id",
            SlotKind::Quantity => "quantity",
            SlotKind::Ordinal => "ordinal",
            SlotKind::Location => "location",
            SlotKind::Sort => "sort",
            SlotKind::Recipient => "recipient",
        }
    }

    /// The kind a label names; `None` for a label the dialogue does not read.
    pub fn parse(label: &str) -> Option<SlotKind> {
        SlotKind::ALL.into_iter().find(|k| k.as_str() == label)
    }

    /// A price bound.
    pub fn is_price(self) -> bool {
        matches!(self, SlotKind::PriceMin | SlotKind::PriceMax)
    }
}

impl AsRef<str> for SlotKind {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for SlotKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One slot value found in the shopper's text: a span of the original string.
/// `start`/`end` are character (Unicode scalar) offsets, `end` exclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    pub slot: String,
    pub value: String,
    pub start: usize,
    pub end: usize,
}

impl Slot {
    /// Its kind, when the dialogue reads its label.
    pub fn kind(&self) -> Option<SlotKind> {
        SlotKind::parse(&self.slot)
    }

    pub fn is(&self, kind: SlotKind) -> bool {
        self.slot == kind.as_str()
    }

    /// The `slot` span over the first occurrence of `value` in `text`, in character offsets
    /// (for building annotated examples and requests by hand); None when `value` is absent.
    pub fn first_in(text: &str, slot: &str, value: &str) -> Option<Slot> {
        let start = text[..text.find(value)?].chars().count();
        Some(Slot {
            slot: slot.into(),
            value: value.into(),
            start,
            end: start + value.chars().count(),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Sentiment {
    Negative,
    #[default]
    Neutral,
    Positive,
}

impl Sentiment {
    pub const ALL: [Sentiment; 3] = [Sentiment::Negative, Sentiment::Neutral, Sentiment::Positive];

    pub fn as_str(self) -> &'static str {
        match self {
            Sentiment::Negative => "negative",
            Sentiment::Neutral => "neutral",
            Sentiment::Positive => "positive",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What the NLU understood of one message: the one type the rest of kefu sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parse {
    pub text: String,
    /// The winning intent, or [`NLU_FALLBACK`] when `confidence` is under the threshold.
    pub intent: String,
    pub confidence: f32,
    /// Intents by probability, best first (the top few).
    pub ranking: Vec<(String, f32)>,
    pub slots: Vec<Slot>,
    pub sentiment: Sentiment,
    /// Signed strength: p(positive) - p(negative), in [-1, 1].
    pub sentiment_score: f32,
    /// The language the message was written in ("en", "zh"; nlu/language.rs), when its
    /// script says; empty when it does not ("42", "ok") or no router read it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub language: String,
}

impl Parse {
    /// The first slot of a kind ([`SlotKind`]) or of any other label.
    pub fn slot(&self, name: impl AsRef<str>) -> Option<&Slot> {
        let name = name.as_ref();
        self.slots.iter().find(|s| s.slot == name)
    }
}

/// Who a shopper is buying for, when they say (`lexicon::audience` reads it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Men,
    Women,
    /// Any child ("kids", "my son"): the shop's kids', youth, toddler and baby lines.
    Kids,
    /// About one to four years old.
    Toddlers,
    /// Under a year or so, and "baby" things ("baby shower").
    Babies,
}

/// How a shopper wants a list ordered, when they say so ("cheapest first", "best rated").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortWish {
    Cheapest,
    BestRated,
    Newest,
}

/// What a shopper is looking for, read once from their words and the slots in force
/// (`dialogue` reads it; `search` and `recommend` rank for it and never re-read the text).
/// Every value is in the shopper's words; search resolves them against the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// The kind of product asked for ("running shoes", "mug", "water bottle").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_type: Option<String>,
    /// What to rank by: the need as said, with prices, sort words and negated values
    /// left out ("something to drink coffee from", "a gift for a hiker", "google mug").
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub brands: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_brands: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub colours: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_colours: Vec<String>,
    /// Other words the shopper said no to ("t-shirt without a pocket", "kettle, not the
    /// travel one"): products whose names say them are not listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_words: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sizes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<String>,
    /// Features asked for ("waterproof", "with gps"): a yes/no attribute becomes a filter,
    /// the rest weigh in relevance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortWish>,
    /// Who it is for: products marked for someone else are not listed ("mens t shirt"
    /// leaves out the women's and the kids' tees), and for a child only what is marked so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
    /// Also list products that are out of stock (a shopper's search lists only what can
    /// be bought now).
    #[serde(default)]
    pub include_out_of_stock: bool,
    /// Products not to list (already shown, the one in view).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<ProductId>,
}

impl SearchRequest {
    /// A request that ranks by these words alone, with no constraint.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// Whether anything at all is asked (a type, words, or a constraint).
    pub fn is_empty(&self) -> bool {
        self.product_type.is_none()
            && self.text.trim().is_empty()
            && self.brands.is_empty()
            && self.not_brands.is_empty()
            && self.colours.is_empty()
            && self.not_colours.is_empty()
            && self.not_words.is_empty()
            && self.sizes.is_empty()
            && self.materials.is_empty()
            && self.features.is_empty()
            && self.price_min.is_none()
            && self.price_max.is_none()
            && self.sort.is_none()
            && self.audience.is_none()
    }
}

/// A product as a reply shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: ProductId,
    pub name: String,
    pub brand: String,
    pub category: String,
    pub price: f64,
    pub currency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<f32>,
    /// Why this product is shown ("bought together with …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A button under a reply; `payload` is sent back as an `action` when pressed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuickReply {
    pub title: String,
    pub payload: String,
}

/// One answer of the assistant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub products: Vec<ProductCard>,
    #[serde(default)]
    pub quick_replies: Vec<QuickReply>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default)]
    pub handoff: bool,
    /// The shopper's cart after this turn, sent only when the turn changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cart: Option<CartView>,
}

/// A session's cart as a client shows it: one line per product and variant, priced from
/// the catalogue as it is now.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CartView {
    pub lines: Vec<CartLineView>,
    /// Items in the cart: the sum of the lines' quantities.
    pub count: u32,
    /// The sum of `price × quantity` over the lines in `currency`.
    pub total: f64,
    /// The currency of the first line (empty for an empty cart); lines in another
    /// currency are listed but not added to `total`.
    pub currency: String,
}

/// One line of a [`CartView`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartLineView {
    pub product: ProductId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    pub quantity: u32,
    /// The unit price.
    pub price: f64,
    pub currency: String,
}

/// Text → unit-length vectors, for semantic matching (FAQ lookup, product relevance).
/// The NLU's encoder implements it; modules that only need vectors depend on this trait,
/// not on the NLU.
pub trait Embed: Send + Sync {
    /// The length of every vector this embedder returns.
    fn dim(&self) -> usize;
    /// One L2-normalised vector per input text, in order.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError>;
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("embedding failed: {0}")]
pub struct EmbedError(pub String);

#[cfg(test)]
mod intent_tests {
    use super::*;

    #[test]
    fn every_intent_reads_back_from_its_label() {
        for i in Intent::ALL {
            assert_eq!(Intent::parse(i.as_str()), Some(i));
        }
        assert_eq!(Intent::parse("nlu_fallback"), None);
        assert_eq!(Intent::parse("book_flight"), None);
    }
}
