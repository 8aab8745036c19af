//! What a ranking is asked for, and the hard constraints and sort wish read from it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::types::{ProductId, Slot};

/// A request for products: what the NLU understood, the words typed, the product the
/// shopper is on ("accessories for it") and what was already shown ("more").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecommendRequest {
    #[serde(default)]
    pub slots: Vec<Slot>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub current_product: Option<ProductId>,
    #[serde(default)]
    pub shown: Vec<ProductId>,
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
    /// One line on why this product ("similar to the trail shoes you viewed").
    pub reason: String,
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

/// Words right before a brand that turn it into "anything but this brand".
const NEGATIONS: &[&str] = &[
    "not ",
    "no ",
    "except ",
    "but ",
    "other than ",
    "besides ",
    "without ",
    "apart from ",
    "instead of ",
    "non-",
    "non ",
];

impl Wanted {
    pub fn from_request(req: &RecommendRequest) -> Wanted {
        let mut w = Wanted::default();
        let lower_text = req.text.to_lowercase();
        for s in &req.slots {
            let value = s.value.trim().to_lowercase();
            if value.is_empty() {
                continue;
            }
            match s.slot.as_str() {
                "product_type" | "category" => w.categories.push(value),
                "brand" if negated(&req.text, s.start) => w.not_brands.push(value),
                "brand" => w.brands.push(value),
                "not_brand" | "exclude_brand" => w.not_brands.push(value),
                "color" | "colour" => w.colours.push(value),
                "size" => w.sizes.push(value),
                "material" => w.materials.push(value),
                "feature" if !negated(&req.text, s.start) => w.features.push(value),
                "price_min" => w.price_min = parse_price(&value).or(w.price_min),
                "price_max" => w.price_max = parse_price(&value).or(w.price_max),
                "sort" => w.sort = sort_wish(&value).or(w.sort),
                _ => {}
            }
        }
        if w.sort.is_none() {
            w.sort = sort_wish(&lower_text);
        }
        w.accessories = [
            "accessor",
            "goes with",
            "go with",
            "for it",
            "for this",
            "add-on",
        ]
        .iter()
        .any(|k| lower_text.contains(k));
        w
    }
}

/// Whether the slot starting at character `start` is preceded by a negation.
fn negated(text: &str, start: usize) -> bool {
    let before: String = text.chars().take(start).collect::<String>().to_lowercase();
    let tail: String = before
        .chars()
        .rev()
        .take(16)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    NEGATIONS.iter().any(|n| tail.ends_with(n))
}

/// "$80", "300 euros", "50 bucks", "1.5k", "a grand" → the amount.
pub(crate) fn parse_price(s: &str) -> Option<f64> {
    let s = s.to_lowercase();
    let number = s.find(|c: char| c.is_ascii_digit()).map(|start| {
        let digits: String = s[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        let rest = &s[start + digits.len()..];
        let value: Option<f64> = digits.replace(',', "").trim_end_matches('.').parse().ok();
        let thousands = rest.starts_with('k') && !rest[1..].starts_with(char::is_alphabetic);
        value.map(|v| if thousands { v * 1000.0 } else { v })
    });
    match number {
        Some(n) if s.contains("grand") => n.map(|v| v * 1000.0),
        Some(n) => n,
        None if s.contains("grand") => Some(1000.0),
        None => None,
    }
}

impl SortWish {
    /// The words a sort slot holds for this wish.
    pub fn as_words(self) -> &'static str {
        match self {
            SortWish::Cheapest => "cheapest",
            SortWish::BestRated => "best rated",
            SortWish::Newest => "newest",
        }
    }

    /// The ranking wish a shopper's text states ("not too expensive", "sort by rating"),
    /// for when the NLU tagged no sort.
    pub fn in_text(text: &str) -> Option<SortWish> {
        sort_wish(text)
    }
}

fn sort_wish(s: &str) -> Option<SortWish> {
    let s = s.to_lowercase();
    if [
        "cheapest",
        "cheaper",
        "cheap",
        "lowest price",
        "least expensive",
        "inexpensive",
        "not too expensive",
        "not expensive",
        "affordable",
        "budget",
        "price low",
        "low price",
        "by price",
    ]
    .iter()
    .any(|k| s.contains(k))
    {
        Some(SortWish::Cheapest)
    } else if [
        "best rated",
        "top rated",
        "highest rated",
        "best reviewed",
        "best-rated",
        "top-rated",
        "rating",
        "rated",
        "reviews",
    ]
    .iter()
    .any(|k| s.contains(k))
    {
        Some(SortWish::BestRated)
    } else if ["newest", "latest", "new arrival", "most recent", "just in"]
        .iter()
        .any(|k| s.contains(k))
    {
        Some(SortWish::Newest)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(text: &str, slot: &str, value: &str) -> Slot {
        Slot::first_in(text, slot, value).expect("value in text")
    }

    #[test]
    fn prices_in_the_shapes_shoppers_write() {
        assert_eq!(parse_price("$80"), Some(80.0));
        assert_eq!(parse_price("300 euros"), Some(300.0));
        assert_eq!(parse_price("1,200"), Some(1200.0));
        assert_eq!(parse_price("1.5k"), Some(1500.0));
        assert_eq!(parse_price("a grand"), Some(1000.0));
        assert_eq!(parse_price("cheap"), None);
    }

    #[test]
    fn a_negated_brand_is_excluded_not_wanted() {
        let text = "headphones but not sony, maybe bose";
        let req = RecommendRequest {
            text: text.into(),
            slots: vec![slot(text, "brand", "sony"), slot(text, "brand", "bose")],
            ..Default::default()
        };
        let w = Wanted::from_request(&req);
        assert_eq!(w.not_brands, vec!["sony"]);
        assert_eq!(w.brands, vec!["bose"]);
    }

    #[test]
    fn sort_wishes_from_slot_or_text() {
        let req = RecommendRequest {
            text: "show me the top rated kettles".into(),
            ..Default::default()
        };
        assert_eq!(Wanted::from_request(&req).sort, Some(SortWish::BestRated));
        let text = "cheapest jacket";
        let req = RecommendRequest {
            text: text.into(),
            slots: vec![slot(text, "sort", "cheapest")],
            ..Default::default()
        };
        assert_eq!(Wanted::from_request(&req).sort, Some(SortWish::Cheapest));
        // The sort slot as shoppers word it, in refinements whose text is not the search's.
        for (value, wish) in [
            ("by rating", SortWish::BestRated),
            ("highest rating", SortWish::BestRated),
            ("best reviews", SortWish::BestRated),
            ("not too expensive", SortWish::Cheapest),
            ("affordable", SortWish::Cheapest),
            ("newest", SortWish::Newest),
        ] {
            let text = format!("laptops {value}");
            let req = RecommendRequest {
                slots: vec![slot(&text, "sort", value)],
                text,
                ..Default::default()
            };
            assert_eq!(Wanted::from_request(&req).sort, Some(wish), "{value}");
        }
    }
}
