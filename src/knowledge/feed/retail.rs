//! Google Cloud Retail products: one JSON object per line (the Retail API's import
//! format). Numbers may be written as strings (`"price": "16"`), as Google's own samples do.

use chrono::DateTime;
use serde_json::{Map, Value};

use super::html::plain_text;
use super::row::{self, Availability, FeedRow, ReadRows, SeenIds};
use crate::knowledge::schema::AttrValue;

pub(crate) fn read(
    file: &str,
    text: &str,
    currency: Option<&str>,
    progress: &mut dyn FnMut(usize),
) -> ReadRows {
    let mut out = ReadRows::default();
    let mut seen = SeenIds::default();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        out.lines = n;
        if n.is_multiple_of(10_000) {
            progress(n);
        }
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                out.skip(file, n, format!("not valid JSON: {e}"));
                continue;
            }
        };
        let Value::Object(obj) = value else {
            out.skip(file, n, "not a JSON object");
            continue;
        };
        match row(&obj, n, currency, &mut out.warnings, file) {
            Ok(r) => match seen.first(&r.id, n) {
                Ok(()) => out.rows.push(r),
                Err(first) => out.skip(
                    file,
                    n,
                    format!("duplicate id {:?} (first on line {first})", r.id),
                ),
            },
            Err(reason) => out.skip(file, n, reason),
        }
    }
    out
}

fn text<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn texts<'a>(obj: &'a Map<String, Value>, key: &str) -> Vec<&'a str> {
    obj.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn row(
    obj: &Map<String, Value>,
    line: usize,
    default_currency: Option<&str>,
    warnings: &mut Vec<super::RowNote>,
    file: &str,
) -> Result<FeedRow, String> {
    let id = text(obj, "id").ok_or("no id")?;
    let title = text(obj, "title").map(plain_text).filter(|t| !t.is_empty());
    let title = title.ok_or_else(|| format!("product {id:?} has no title"))?;
    let empty = Map::new();
    let price_info = obj
        .get("priceInfo")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let raw_price = price_info
        .get("price")
        .ok_or("no price (priceInfo.price)")?;
    let written = match raw_price {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let amount = row::lenient_number(raw_price)
        .ok_or_else(|| format!("price {written:?} is not a number"))?;
    let price = row::positive_cents(amount, &written)?;
    let currency = match text(price_info, "currencyCode").or(default_currency) {
        Some(c) => row::currency(c)?,
        None => return Err("no currency (priceInfo.currencyCode); pass --currency".into()),
    };
    let availability = Availability::parse(text(obj, "availability").unwrap_or(""))?;
    let quantity = obj
        .get("availableQuantity")
        .and_then(row::lenient_number)
        .map(|q| q as i64);

    let colour_info = obj.get("colorInfo").and_then(Value::as_object);
    let colour = colour_info.and_then(|c| {
        row::joined(texts(c, "colors"), "/").or_else(|| row::joined(texts(c, "colorFamilies"), "/"))
    });
    let mut attributes = Vec::new();
    if let Some(m) = row::joined(texts(obj, "materials"), ", ") {
        attributes.push(("material".to_string(), AttrValue::Text(m)));
    }
    if let Some(audience) = obj.get("audience").and_then(Value::as_object) {
        for (key, attr) in [("genders", "gender"), ("ageGroups", "age_group")] {
            if let Some(v) = row::joined(texts(audience, key), ", ") {
                attributes.push((attr.to_string(), AttrValue::Text(v)));
            }
        }
    }
    for a in obj
        .get("attributes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        match custom_attribute(a) {
            Some(kv) => attributes.push(kv),
            None => warnings.push(super::RowNote {
                file: file.to_string(),
                line,
                message: format!("attribute {a} has no key or no text/numbers; left out"),
            }),
        }
    }
    if let Some(a) = availability.and_then(Availability::as_attribute) {
        attributes.push((row::AVAILABILITY.into(), AttrValue::Text(a.into())));
    }
    let rating = obj.get("rating").and_then(Value::as_object);
    Ok(FeedRow {
        line,
        id: id.to_string(),
        group: text(obj, "primaryProductId").map(str::to_string),
        title,
        description: text(obj, "description").map(plain_text).unwrap_or_default(),
        brand: texts(obj, "brands")
            .into_iter()
            .map(str::trim)
            .find(|b| !b.is_empty())
            .map(str::to_string),
        category: texts(obj, "categories")
            .into_iter()
            .map(row::category_path)
            .find(|p| !p.is_empty())
            .unwrap_or_default(),
        price,
        currency,
        stock: row::stock(availability, quantity),
        sizes: texts(obj, "sizes")
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        colour,
        attributes,
        image: obj
            .get("images")
            .and_then(Value::as_array)
            .and_then(|a| a.iter().find_map(|i| i.get("uri")?.as_str()))
            .map(str::to_string),
        url: text(obj, "uri").map(str::to_string),
        rating: rating
            .and_then(|r| r.get("averageRating"))
            .and_then(row::lenient_number)
            .map(|r| r as f32)
            .filter(|r| (0.0..=5.0).contains(r)),
        review_count: rating
            .and_then(|r| r.get("ratingCount"))
            .and_then(row::lenient_number)
            .map(|c| c.max(0.0) as u32)
            .unwrap_or(0),
        // publishTime is when the retailer first published the product: its "added".
        added: text(obj, "publishTime")
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.date_naive()),
    })
}

/// `{"key": "material", "value": {"text": ["Cotton", "Polyester"]}}` → material =
/// "Cotton, Polyester"; one number stays a number.
fn custom_attribute(a: &Value) -> Option<(String, AttrValue)> {
    let key = super::slug::attribute_id(a.get("key")?.as_str()?);
    if key.is_empty() {
        return None;
    }
    let value = a.get("value")?;
    if let Some(t) = value
        .get("text")
        .and_then(Value::as_array)
        .and_then(|t| row::joined(t.iter().filter_map(Value::as_str), ", "))
    {
        return Some((key, AttrValue::Text(t)));
    }
    let numbers: Vec<f64> = value
        .get("numbers")
        .and_then(Value::as_array)?
        .iter()
        .filter_map(row::lenient_number)
        .collect();
    match numbers.as_slice() {
        [] => None,
        [n] => Some((key, AttrValue::Number(*n))),
        many => Some((
            key,
            AttrValue::Text(
                many.iter()
                    .map(|n| crate::knowledge::schema::format_number(*n))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        )),
    }
}
