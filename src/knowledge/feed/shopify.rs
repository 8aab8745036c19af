//! Shopify's product CSV export: the first row of a `Handle` carries the product's
//! columns and its first variant; later rows of the handle carry only variant columns
//! (or only an extra image).

use std::collections::HashMap;

use super::html::plain_text;
use super::row::{self, FeedRow, ReadRows};
use super::table::{Record, Table};
use super::FeedError;

const REQUIRED: [&str; 3] = ["handle", "title", "variant price"];

fn column(name: &str) -> String {
    name.trim().to_lowercase()
}

/// What the first row of a handle says about the product.
struct Head {
    title: String,
    description: String,
    vendor: Option<String>,
    category: Vec<String>,
    option_names: [Option<String>; 3],
    /// Index in the rows read of the handle's first variant, for images on later rows.
    first_row: Option<usize>,
    variants: usize,
}

enum Seen {
    Read(Head),
    /// The handle's first row was skipped (on that line): so are its other rows.
    Skipped(usize),
}

pub(crate) fn read(
    file: &str,
    bytes: Vec<u8>,
    currency: Option<&str>,
    progress: &mut dyn FnMut(usize),
) -> Result<ReadRows, FeedError> {
    let currency = match currency.map(row::currency) {
        Some(Ok(c)) => c,
        Some(Err(e)) => return Err(FeedError::Currency(e)),
        None => {
            return Err(FeedError::Currency(
                "a Shopify export states no currency; pass --currency (e.g. --currency EUR)".into(),
            ))
        }
    };
    let mut table = Table::open(file, bytes, column)?;
    table.require(
        file,
        &REQUIRED,
        "a Shopify product export has Handle, Title and Variant Price",
    )?;
    let mut out = ReadRows::default();
    let mut handles: HashMap<String, Seen> = HashMap::new();
    table.each(file, &mut out, progress, |rec, out| {
        let Some(handle) = rec.get("handle").map(str::to_string) else {
            out.skip(file, rec.line, "no Handle");
            return;
        };
        if !handles.contains_key(&handle) {
            match head(&rec) {
                Ok(h) => {
                    handles.insert(handle.clone(), Seen::Read(h));
                }
                Err(reason) => {
                    out.skip(file, rec.line, format!("product {handle:?}: {reason}"));
                    handles.insert(handle, Seen::Skipped(rec.line));
                    return;
                }
            }
        }
        let head = match handles.get_mut(&handle).expect("inserted above") {
            Seen::Read(head) => head,
            Seen::Skipped(first) => {
                let first = *first;
                out.skip(
                    file,
                    rec.line,
                    format!("product {handle:?} was skipped on line {first}"),
                );
                return;
            }
        };
        let is_variant = ["variant price", "variant sku", "option1 value"]
            .iter()
            .any(|c| rec.get(c).is_some());
        if !is_variant {
            // An image row: the product's picture when it has none yet.
            if let (Some(src), Some(i)) = (rec.get("image src"), head.first_row) {
                out.rows[i].image.get_or_insert_with(|| src.to_string());
            }
            return;
        }
        match variant(&rec, &handle, head, &currency) {
            Ok(r) => {
                head.first_row.get_or_insert(out.rows.len());
                out.rows.push(r);
            }
            Err(reason) => out.skip(file, rec.line, reason),
        }
    });
    Ok(out)
}

fn head(rec: &Record<'_>) -> Result<Head, String> {
    let title = rec.get("title").map(plain_text).filter(|t| !t.is_empty());
    let title =
        title.ok_or("no Title (the first row of a handle carries the product's columns)")?;
    // The shop's own Type first; Shopify's standard category path when there is none.
    let category = rec
        .get("type")
        .map(row::category_path)
        .filter(|p| !p.is_empty())
        .or_else(|| rec.get("product category").map(row::category_path))
        .unwrap_or_default();
    Ok(Head {
        title,
        description: rec.get("body (html)").map(plain_text).unwrap_or_default(),
        vendor: rec.get("vendor").map(str::to_string),
        category,
        option_names: [1, 2, 3].map(|k| rec.get(&format!("option{k} name")).map(str::to_lowercase)),
        first_row: None,
        variants: 0,
    })
}

fn variant(
    rec: &Record<'_>,
    handle: &str,
    head: &mut Head,
    currency: &str,
) -> Result<FeedRow, String> {
    head.variants += 1;
    let raw = rec.get("variant price").ok_or("no Variant Price")?;
    let (price, _) = row::price(raw)?;
    let quantity = match rec.get("variant inventory qty") {
        Some(q) => Some(
            q.parse::<i64>()
                .map_err(|_| format!("Variant Inventory Qty {q:?} is not a whole number"))?,
        ),
        None => None,
    };
    let (mut size, mut colour) = (None, None);
    for k in 1..=3 {
        let name = rec
            .get(&format!("option{k} name"))
            .map(str::to_lowercase)
            .or_else(|| head.option_names[k - 1].clone());
        let Some(value) = rec.get(&format!("option{k} value")) else {
            continue;
        };
        match name.as_deref() {
            Some("size" | "sizes" | "größe" | "taille" | "talla") => {
                size = Some(value.to_string())
            }
            Some("color" | "colour" | "farbe" | "couleur") => colour = Some(value.to_string()),
            _ => {}
        }
    }
    let id = rec
        .get("variant sku")
        .map(str::to_string)
        .unwrap_or_else(|| format!("{handle}-{}", head.variants));
    Ok(FeedRow {
        line: rec.line,
        id,
        group: Some(handle.to_string()),
        title: head.title.clone(),
        description: head.description.clone(),
        brand: head.vendor.clone(),
        category: head.category.clone(),
        price,
        currency: currency.to_string(),
        stock: row::stock(None, quantity),
        sizes: size.into_iter().collect(),
        colour,
        attributes: Vec::new(),
        image: rec
            .get("variant image")
            .or(rec.get("image src"))
            .map(str::to_string),
        url: None,
        rating: None,
        review_count: 0,
        added: None,
    })
}
