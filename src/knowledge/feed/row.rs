//! What every feed format is read into: one usable row, or a note on a row that could not
//! be used. The readers do the format's parsing; grouping and writing see only this.

use chrono::NaiveDate;
use std::collections::HashMap;
use std::fmt;

use crate::knowledge::schema::AttrValue;

/// Units given to a variant the feed says is in stock without saying how many: enough for
/// "in stock" questions and searches to answer yes, and no promise of more.
pub const NOMINAL_STOCK: u32 = 1;

/// The attribute that says an item is on preorder or backorder.
pub(crate) const AVAILABILITY: &str = "availability";

/// A row of the feed, read: one sellable item (a variant, or a product without variants).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FeedRow {
    /// 1-based line where the row starts in the feed file.
    pub line: usize,
    /// The feed's id of this item: the variant's SKU when it belongs to a group.
    pub id: String,
    /// The product it is a variant of (item_group_id, Handle, primaryProductId).
    pub group: Option<String>,
    pub title: String,
    /// Plain text (HTML already stripped); empty when the feed has none.
    pub description: String,
    pub brand: Option<String>,
    /// The category path, top first ("Apparel > Shirts" → ["Apparel", "Shirts"]).
    pub category: Vec<String>,
    /// What a shopper pays now (a lower sale price already applied), rounded to cents.
    pub price: f64,
    /// ISO 4217, upper case.
    pub currency: String,
    /// Units in stock, after the stock rule ([`stock`]).
    pub stock: u32,
    /// Sizes it is sold in: one for a variant; a Retail product may list several.
    pub sizes: Vec<String>,
    pub colour: Option<String>,
    /// Facts for `attributes` (material, gender, age group, the feed's own attributes).
    pub attributes: Vec<(String, AttrValue)>,
    pub image: Option<String>,
    pub url: Option<String>,
    pub rating: Option<f32>,
    pub review_count: u32,
    pub added: Option<NaiveDate>,
}

/// A row left out (or a liberty taken with one), as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowNote {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RowNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// What a reader got out of a feed file.
#[derive(Debug, Default)]
pub(crate) struct ReadRows {
    pub rows: Vec<FeedRow>,
    /// Rows that could not be used, with why.
    pub skipped: Vec<RowNote>,
    /// Rows used with a liberty taken (an ignored sale price, an unknown value).
    pub warnings: Vec<RowNote>,
    /// Lines read, blank ones included.
    pub lines: usize,
}

impl ReadRows {
    pub fn skip(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.skipped.push(RowNote {
            file: file.to_string(),
            line,
            message: message.into(),
        });
    }

    pub fn warn(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.warnings.push(RowNote {
            file: file.to_string(),
            line,
            message: message.into(),
        });
    }
}

/// Remembers ids already read, for "duplicate id" skips.
#[derive(Default)]
pub(crate) struct SeenIds(HashMap<String, usize>);

impl SeenIds {
    /// `Err(first line)` when `id` was already read.
    pub fn first(&mut self, id: &str, line: usize) -> Result<(), usize> {
        match self.0.get(id) {
            Some(first) => Err(*first),
            None => {
                self.0.insert(id.to_string(), line);
                Ok(())
            }
        }
    }
}

/// Whether an item can be bought now, as feeds say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Availability {
    InStock,
    OutOfStock,
    Preorder,
    Backorder,
}

impl Availability {
    /// `in_stock`, `in stock`, `IN_STOCK`, `out-of-stock` …; `Ok(None)` for an empty or
    /// unspecified value.
    pub fn parse(raw: &str) -> Result<Option<Self>, String> {
        let norm: String = raw
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        Ok(Some(match norm.as_str() {
            "" | "availability_unspecified" => return Ok(None),
            "in_stock" | "instock" => Availability::InStock,
            "out_of_stock" | "outofstock" => Availability::OutOfStock,
            "preorder" | "pre_order" => Availability::Preorder,
            "backorder" | "back_order" => Availability::Backorder,
            _ => {
                return Err(format!(
                    "unknown availability {raw:?} (expected in_stock, out_of_stock, preorder or backorder)"
                ))
            }
        }))
    }

    /// The attribute value kept for items that cannot ship now but can be ordered.
    pub fn as_attribute(self) -> Option<&'static str> {
        match self {
            Availability::Preorder => Some("preorder"),
            Availability::Backorder => Some("backorder"),
            _ => None,
        }
    }
}

/// The stock rule: the feed's quantity when it gives one (0 when it also says the item
/// is out of stock, on preorder or backorder); without a quantity, [`NOMINAL_STOCK`] when
/// it is in stock or its availability is not stated, else 0.
pub(crate) fn stock(availability: Option<Availability>, quantity: Option<i64>) -> u32 {
    let sellable = matches!(availability, None | Some(Availability::InStock));
    match (sellable, quantity) {
        (false, _) => 0,
        (true, Some(q)) => q.clamp(0, u32::MAX as i64) as u32,
        (true, None) => NOMINAL_STOCK,
    }
}

/// A price as feeds write it: `15.00 USD`, `USD 15.00`, `1,299.00 EUR`, `15,00 EUR`,
/// `15`. Gives the amount rounded to cents and the currency when one is written.
pub(crate) fn price(raw: &str) -> Result<(f64, Option<String>), String> {
    let mut currency = None;
    let mut number = String::new();
    for token in raw.split_whitespace() {
        if token.len() == 3 && token.chars().all(|c| c.is_ascii_alphabetic()) {
            currency = Some(token.to_ascii_uppercase());
        } else {
            number.push_str(token);
        }
    }
    if number.is_empty() {
        return Err(if raw.trim().is_empty() {
            "no price".to_string()
        } else {
            format!("price {raw:?} has no amount")
        });
    }
    let amount = amount(&number).ok_or_else(|| format!("price {raw:?} is not a number"))?;
    Ok((positive_cents(amount, raw)?, currency))
}

/// `1,299.00` → 1299.0, `15,00` → 15.0, `1.299,00` → 1299.0.
fn amount(s: &str) -> Option<f64> {
    let s = s.trim_start_matches(['$', '€', '£', '¥']);
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    let plain = match (last_dot, last_comma) {
        (Some(d), Some(c)) if c > d => s.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => s.replace(',', ""),
        // A lone comma with two decimals after it is a decimal comma; else thousands.
        (None, Some(c)) if s.len() - c == 3 && s.matches(',').count() == 1 => s.replace(',', "."),
        (None, Some(_)) => s.replace(',', ""),
        _ => s.to_string(),
    };
    plain.parse::<f64>().ok()
}

/// A number from a feed that writes numbers as numbers or as strings (`"16"`, `16`).
pub(crate) fn lenient_number(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => amount(s.trim()),
        _ => None,
    }
}

/// The amount, rounded to cents, when it is a price the catalogue accepts.
pub(crate) fn positive_cents(amount: f64, raw: &str) -> Result<f64, String> {
    let cents = (amount * 100.0).round() / 100.0;
    if !cents.is_finite() || cents <= 0.0 {
        return Err(format!("price {:?} is not a positive amount", raw.trim()));
    }
    if cents > 10_000_000.0 {
        return Err(format!("price {:?} is above 10,000,000", raw.trim()));
    }
    Ok(cents)
}

/// An ISO 4217 code as the catalogue wants it (upper case), or why not.
pub(crate) fn currency(raw: &str) -> Result<String, String> {
    let c = raw.trim().to_ascii_uppercase();
    if c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase()) {
        Ok(c)
    } else {
        Err(format!(
            "currency {raw:?} is not a three-letter code such as USD"
        ))
    }
}

/// A category path as feeds write it: `Apparel > Men > Shirts` (also `/`-free, as is).
pub(crate) fn category_path(raw: &str) -> Vec<String> {
    raw.split('>')
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Several values (materials, colours) as one text: `Polyester, Membrane`.
pub(crate) fn joined<'a>(values: impl IntoIterator<Item = &'a str>, sep: &str) -> Option<String> {
    let v: Vec<&str> = values
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (!v.is_empty()).then(|| v.join(sep))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_in_the_ways_feeds_write_them() {
        assert_eq!(price("15.00 USD").unwrap(), (15.0, Some("USD".into())));
        assert_eq!(price("usd 15.5").unwrap(), (15.5, Some("USD".into())));
        assert_eq!(price("1,299.00 EUR").unwrap().0, 1299.0);
        assert_eq!(price("1.299,00 EUR").unwrap().0, 1299.0);
        assert_eq!(price("15,00 EUR").unwrap().0, 15.0);
        assert_eq!(price("19.999").unwrap().0, 20.0);
        assert_eq!(price("12").unwrap(), (12.0, None));
        assert!(price("").unwrap_err().contains("no price"));
        assert!(price("USD").unwrap_err().contains("no amount"));
        assert!(price("abc USDX").unwrap_err().contains("not a number"));
        assert!(price("0.00 USD").unwrap_err().contains("positive"));
        assert!(price("-3 USD").unwrap_err().contains("positive"));
    }

    #[test]
    fn the_stock_rule() {
        use Availability::*;
        assert_eq!(stock(Some(InStock), Some(7)), 7);
        assert_eq!(stock(Some(InStock), None), NOMINAL_STOCK);
        assert_eq!(stock(None, None), NOMINAL_STOCK);
        assert_eq!(stock(Some(OutOfStock), Some(50)), 0);
        assert_eq!(stock(Some(Preorder), None), 0);
        assert_eq!(stock(None, Some(-2)), 0);
        assert_eq!(Availability::parse("in stock").unwrap(), Some(InStock));
        assert_eq!(
            Availability::parse("OUT_OF_STOCK").unwrap(),
            Some(OutOfStock)
        );
        assert_eq!(Availability::parse("").unwrap(), None);
        assert!(Availability::parse("maybe").is_err());
    }

    #[test]
    fn category_paths_and_currencies() {
        assert_eq!(
            category_path(" Apparel >  Men's  > Shirts & Tops "),
            ["Apparel", "Men's", "Shirts & Tops"]
        );
        assert!(category_path(" > ").is_empty());
        assert_eq!(currency("eur").unwrap(), "EUR");
        assert!(currency("euro").is_err());
    }
}
