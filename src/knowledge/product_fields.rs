//! A `products.jsonl` line serde could not read, checked field by field: serde stops at
//! the first bad field, so without this a line missing three fields took three runs of
//! `kefu kg check` to fix.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;

use super::error::Problem;
use super::schema::{AttrValue, Variant};

/// Whether a field's value reads as its type; `Err` is serde's sentence.
type Reads = fn(&Value) -> Result<(), String>;

fn reads<T: DeserializeOwned>(v: &Value) -> Result<(), String> {
    T::deserialize(v).map(|_| ()).map_err(|e| e.to_string())
}

/// Every field of [`super::schema::Product`]: name, required, how its value must read.
const FIELDS: &[(&str, bool, Reads)] = &[
    ("id", true, reads::<String>),
    ("name", true, reads::<String>),
    ("brand", true, reads::<String>),
    ("category", true, reads::<String>),
    ("price", true, reads::<f64>),
    ("currency", true, reads::<String>),
    ("variants", false, reads::<Vec<Variant>>),
    ("stock", false, reads::<Option<u32>>),
    ("attributes", false, reads::<BTreeMap<String, AttrValue>>),
    ("description", false, reads::<String>),
    ("rating", false, reads::<Option<f32>>),
    ("review_count", false, reads::<u32>),
    ("image", false, reads::<Option<String>>),
    ("url", false, reads::<Option<String>>),
    ("added", false, reads::<Option<NaiveDate>>),
    ("consumable", false, reads::<bool>),
];

/// Every problem of a product line that is valid JSON but not a valid product: each
/// missing required field, each unknown field and each value of the wrong type. `None`
/// when the line is not JSON at all (the caller reports that) or, oddly, has no problem.
pub(crate) fn explain(file: &str, line: usize, text: &str) -> Option<Vec<Problem>> {
    let value: Value = serde_json::from_str(text).ok()?;
    let Value::Object(map) = &value else {
        return Some(vec![Problem::error(
            file,
            line,
            format!(
                "a product is a JSON object {{\"id\": …}}, found {}",
                kind(&value)
            ),
        )]);
    };
    let column = |field: &str| {
        text.find(&format!("\"{field}\""))
            .map(|b| text[..b].chars().count() + 1)
            .unwrap_or(0)
    };
    let mut problems = Vec::new();
    for &(field, required, reads) in FIELDS {
        match map.get(field) {
            None if required => problems
                .push(Problem::error(file, line, format!("missing field `{field}`")).field(field)),
            None => {}
            Some(v) => {
                if let Err(e) = reads(v) {
                    problems.push(
                        Problem::error(file, line, format!("field `{field}`: {e}"))
                            .at(column(field))
                            .field(field),
                    );
                }
            }
        }
    }
    for key in map.keys() {
        if !FIELDS.iter().any(|(f, _, _)| f == key) {
            let known: Vec<&str> = FIELDS.iter().map(|f| f.0).collect();
            problems.push(
                Problem::error(
                    file,
                    line,
                    format!("unknown field `{key}`; the fields are {}", known.join(", ")),
                )
                .at(column(key))
                .field(key.clone()),
            );
        }
    }
    (!problems.is_empty()).then_some(problems)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::schema::Product;
    use crate::types::ProductId;

    #[test]
    fn the_field_list_is_the_products_fields() {
        let p = Product {
            id: ProductId::new("p1"),
            name: "n".into(),
            brand: "b".into(),
            category: "c".into(),
            price: 1.0,
            currency: "EUR".into(),
            variants: vec![Variant {
                sku: "s".into(),
                size: None,
                colour: None,
                stock: 1,
            }],
            stock: Some(1),
            attributes: [("k".to_string(), AttrValue::Bool(true))].into(),
            description: "d".into(),
            rating: Some(4.0),
            review_count: 3,
            image: Some("i".into()),
            url: Some("u".into()),
            added: NaiveDate::from_ymd_opt(2026, 1, 1),
            consumable: true,
        };
        let Value::Object(map) = serde_json::to_value(&p).unwrap() else {
            panic!("a product serialises to an object")
        };
        let mut ours: Vec<&str> = FIELDS.iter().map(|f| f.0).collect();
        let mut theirs: Vec<&str> = map.keys().map(String::as_str).collect();
        ours.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
        let line = serde_json::to_string(&p).unwrap();
        assert!(explain("products.jsonl", 1, &line).is_none());
    }

    #[test]
    fn every_bad_field_of_a_line_is_reported() {
        let line = r#"{"id":"p1","price":"cheap","colour":"red","added":"yesterday"}"#;
        let problems = explain("products.jsonl", 7, line).unwrap();
        let fields: Vec<&str> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
        for f in [
            "name", "brand", "category", "currency", "price", "added", "colour",
        ] {
            assert!(fields.contains(&f), "{f} missing from {problems:#?}");
        }
        assert!(problems.iter().all(|p| p.line == 7 && p.is_error()));
        let price = problems
            .iter()
            .find(|p| p.field.as_deref() == Some("price"));
        assert_eq!(price.unwrap().column, 12);
    }
}
