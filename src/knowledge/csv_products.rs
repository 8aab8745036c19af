//! `products.csv`: the catalogue as shops export it from their systems. One product per
//! row; attributes as `key=value; key=value`, variants as `sku|size|colour|stock; …`.
//! For CSV problems the column is the field number.

use std::collections::BTreeMap;

use super::error::Problem;
use super::schema::{AttrValue, Product, Variant};
use super::source::PRODUCTS_CSV as FILE;
use crate::types::ProductId;

pub(crate) const COLUMNS: &[&str] = &[
    "id",
    "name",
    "brand",
    "category",
    "price",
    "currency",
    "stock",
    "description",
    "rating",
    "review_count",
    "image",
    "url",
    "added",
    "consumable",
    "attributes",
    "variants",
];
const REQUIRED: &[&str] = &["id", "name", "brand", "category", "price", "currency"];

pub(crate) fn parse(text: &str, problems: &mut Vec<Problem>) -> Vec<(usize, Product)> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => {
            problems.push(Problem::error(
                FILE,
                1,
                format!("unreadable CSV header: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut bad = false;
    for (i, h) in header.iter().enumerate() {
        if !COLUMNS.contains(&h.as_str()) {
            bad = true;
            problems.push(
                Problem::error(
                    FILE,
                    1,
                    format!(
                        "unknown column `{h}`; the columns are {}",
                        COLUMNS.join(", ")
                    ),
                )
                .at(i + 1)
                .field(h.clone()),
            );
        }
    }
    for r in REQUIRED {
        if !header.iter().any(|h| h == r) {
            bad = true;
            problems.push(Problem::error(FILE, 1, format!("missing column `{r}`")).field(*r));
        }
    }
    if bad {
        return Vec::new();
    }
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                problems.push(Problem::error(FILE, line, format!("unreadable CSV: {e}")));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        if rec.len() != header.len() {
            problems.push(Problem::error(
                FILE,
                line,
                format!(
                    "expected {} fields as in the header, found {}",
                    header.len(),
                    rec.len()
                ),
            ));
            continue;
        }
        let mut row = Row {
            line,
            header: &header,
            rec: &rec,
            problems: Vec::new(),
        };
        let product = row.product();
        if row.problems.is_empty() {
            out.push((line, product));
        }
        problems.append(&mut row.problems);
    }
    out
}

struct Row<'a> {
    line: usize,
    header: &'a [String],
    rec: &'a csv::StringRecord,
    problems: Vec<Problem>,
}

impl Row<'_> {
    fn get(&self, col: &str) -> Option<&str> {
        let i = self.header.iter().position(|h| h == col)?;
        Some(&self.rec[i]).filter(|s| !s.is_empty())
    }

    fn fail(&mut self, col: &str, message: String) {
        let at = self
            .header
            .iter()
            .position(|h| h == col)
            .map(|i| i + 1)
            .unwrap_or(0);
        self.problems
            .push(Problem::error(FILE, self.line, message).at(at).field(col));
    }

    fn text(&mut self, col: &str) -> String {
        match self.get(col) {
            Some(s) => s.to_string(),
            None => {
                if REQUIRED.contains(&col) {
                    self.fail(col, format!("missing field `{col}`"));
                }
                String::new()
            }
        }
    }

    fn parsed<T: std::str::FromStr>(&mut self, col: &str, what: &str) -> Option<T> {
        let raw = self.get(col)?.to_string();
        match raw.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                self.fail(col, format!("`{col}` must be {what}, found {raw:?}"));
                None
            }
        }
    }

    fn product(&mut self) -> Product {
        let added = self.get("added").map(str::to_string).and_then(|raw| {
            chrono::NaiveDate::parse_from_str(&raw, "%Y-%m-%d")
                .map_err(|_| {
                    self.fail(
                        "added",
                        format!("`added` must be a date YYYY-MM-DD, found {raw:?}"),
                    )
                })
                .ok()
        });
        let price = self.parsed::<f64>("price", "a number").unwrap_or(f64::NAN);
        if self.get("price").is_none() {
            self.fail("price", "missing field `price`".into());
        }
        let consumable = match self.get("consumable") {
            None => false,
            Some(s) => match s.to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => true,
                "false" | "no" | "0" => false,
                other => {
                    let other = other.to_string();
                    self.fail(
                        "consumable",
                        format!("`consumable` must be true or false, found {other:?}"),
                    );
                    false
                }
            },
        };
        Product {
            id: ProductId(self.text("id")),
            name: self.text("name"),
            brand: self.text("brand"),
            category: self.text("category"),
            price,
            currency: self.text("currency"),
            stock: self.parsed("stock", "a whole number"),
            description: self.text("description"),
            rating: self.parsed("rating", "a number"),
            review_count: self.parsed("review_count", "a whole number").unwrap_or(0),
            image: self.get("image").map(str::to_string),
            url: self.get("url").map(str::to_string),
            added,
            consumable,
            attributes: self.attributes(),
            variants: self.variants(),
        }
    }

    /// `gps=true; water_resistance_m=50; material=merino wool`
    fn attributes(&mut self) -> BTreeMap<String, AttrValue> {
        let mut out = BTreeMap::new();
        let Some(raw) = self.get("attributes").map(str::to_string) else {
            return out;
        };
        for part in raw.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((k, v)) = part.split_once('=') else {
                self.fail(
                    "attributes",
                    format!("attribute {part:?} must be written key=value"),
                );
                continue;
            };
            let v = v.trim();
            let value = match v {
                "true" | "yes" => AttrValue::Bool(true),
                "false" | "no" => AttrValue::Bool(false),
                _ => v
                    .parse()
                    .map(AttrValue::Number)
                    .unwrap_or_else(|_| AttrValue::Text(v.to_string())),
            };
            out.insert(k.trim().to_string(), value);
        }
        out
    }

    /// `ts1-s|S|Black|4; ts1-m|M|Black|0`
    fn variants(&mut self) -> Vec<Variant> {
        let mut out = Vec::new();
        let Some(raw) = self.get("variants").map(str::to_string) else {
            return out;
        };
        for part in raw.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let f: Vec<&str> = part.split('|').map(str::trim).collect();
            let stock = f.get(3).and_then(|s| s.parse().ok());
            match (f.len(), stock) {
                (4, Some(stock)) => out.push(Variant {
                    sku: f[0].to_string(),
                    size: Some(f[1]).filter(|s| !s.is_empty()).map(str::to_string),
                    colour: Some(f[2]).filter(|s| !s.is_empty()).map(str::to_string),
                    stock,
                }),
                _ => self.fail(
                    "variants",
                    format!("variant {part:?} must be written sku|size|colour|stock (size or colour may be empty)"),
                ),
            }
        }
        out
    }
}
