//! Product attributes the catalogue accepts: when attributes.yaml exists every attribute a
//! product states must be declared there with its type. Attributes the feed brings that
//! are not declared yet are declared (their type from their values); a value that does
//! not fit a declared type is converted when it can be and left out when not.

use std::collections::{BTreeMap, HashMap};

use crate::knowledge::schema::{AttrType, AttrValue, AttributeDef, Product};

/// The declarations to add, and a sentence per attribute whose values were left out.
pub(crate) fn settle(
    products: &mut [Product],
    declared: &[AttributeDef],
) -> (Vec<AttributeDef>, Vec<String>) {
    let declared: HashMap<&str, AttrType> =
        declared.iter().map(|d| (d.id.as_str(), d.kind)).collect();
    let mut new: BTreeMap<String, AttrType> = BTreeMap::new();
    for p in products.iter() {
        for (k, v) in &p.attributes {
            if declared.contains_key(k.as_str()) {
                continue;
            }
            let kind = kind_of(v);
            new.entry(k.clone())
                .and_modify(|have| {
                    if *have != kind {
                        *have = AttrType::Text;
                    }
                })
                .or_insert(kind);
        }
    }
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    for p in products.iter_mut() {
        p.attributes.retain(|k, v| {
            let want = declared
                .get(k.as_str())
                .copied()
                .or_else(|| new.get(k).copied())
                .expect("every attribute is declared or new");
            match convert(v, want) {
                Some(c) => {
                    *v = c;
                    true
                }
                None => {
                    *dropped.entry(k.clone()).or_default() += 1;
                    false
                }
            }
        });
    }
    let notes = dropped
        .into_iter()
        .map(|(k, n)| {
            let want = match declared[k.as_str()] {
                AttrType::Bool => "true or false",
                AttrType::Number => "a number",
                AttrType::Text => "a text",
            };
            format!("attribute {k:?} is declared as {want} in attributes.yaml; {n} product(s) gave something else, left out")
        })
        .collect();
    let defs = new
        .into_iter()
        .map(|(id, kind)| AttributeDef {
            name: id.replace('_', " "),
            id,
            kind,
            unit: None,
            synonyms: Vec::new(),
        })
        .collect();
    (defs, notes)
}

fn kind_of(v: &AttrValue) -> AttrType {
    match v {
        AttrValue::Bool(_) => AttrType::Bool,
        AttrValue::Number(_) => AttrType::Number,
        AttrValue::Text(_) => AttrType::Text,
    }
}

fn convert(v: &AttrValue, want: AttrType) -> Option<AttrValue> {
    match (want, v) {
        (AttrType::Text, AttrValue::Text(_))
        | (AttrType::Number, AttrValue::Number(_))
        | (AttrType::Bool, AttrValue::Bool(_)) => Some(v.clone()),
        (AttrType::Text, other) => Some(AttrValue::Text(other.to_string())),
        (AttrType::Number, AttrValue::Text(t)) => t.trim().parse().ok().map(AttrValue::Number),
        (AttrType::Bool, AttrValue::Text(t)) => match t.trim().to_lowercase().as_str() {
            "true" | "yes" => Some(AttrValue::Bool(true)),
            "false" | "no" => Some(AttrValue::Bool(false)),
            _ => None,
        },
        _ => None,
    }
}
