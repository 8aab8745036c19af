//! Google Merchant Center product feeds as TSV or CSV: one offer per row, variants tied
//! together by `item_group_id`.

use super::html::plain_text;
use super::row::{self, Availability, FeedRow, ReadRows, SeenIds};
use super::table::{Record, Table};
use super::FeedError;
use crate::knowledge::schema::AttrValue;

const REQUIRED: [&str; 3] = ["id", "title", "price"];

/// `Sale Price`, `g:sale_price`, `sale-price` → `sale_price`.
fn column(name: &str) -> String {
    let n = name.trim().to_lowercase();
    let n = n.strip_prefix("g:").unwrap_or(&n);
    n.chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

pub(crate) fn read(
    file: &str,
    bytes: Vec<u8>,
    currency: Option<&str>,
    progress: &mut dyn FnMut(usize),
) -> Result<ReadRows, FeedError> {
    let mut table = Table::open(file, bytes, column)?;
    table.require(
        file,
        &REQUIRED,
        "a Merchant Center feed needs id, title and price",
    )?;
    let mut out = ReadRows::default();
    let mut seen = SeenIds::default();
    table.each(file, &mut out, progress, |rec, out| {
        match offer(&rec, currency, file, out) {
            Ok(r) => match seen.first(&r.id, r.line) {
                Ok(()) => out.rows.push(r),
                Err(first) => out.skip(
                    file,
                    rec.line,
                    format!("duplicate id {:?} (first on line {first})", r.id),
                ),
            },
            Err(reason) => out.skip(file, rec.line, reason),
        }
    });
    Ok(out)
}

fn offer(
    rec: &Record<'_>,
    default_currency: Option<&str>,
    file: &str,
    out: &mut ReadRows,
) -> Result<FeedRow, String> {
    let id = rec.get("id").ok_or("no id")?;
    let title = rec.get("title").map(plain_text).filter(|t| !t.is_empty());
    let title = title.ok_or_else(|| format!("offer {id:?} has no title"))?;
    let (mut price, written) = row::price(rec.get("price").unwrap_or(""))?;
    let currency = match written.as_deref().or(default_currency) {
        Some(c) => row::currency(c)?,
        None => {
            return Err("no currency in the price (write \"15.00 USD\") and no --currency".into())
        }
    };
    if let Some(raw) = rec.get("sale_price") {
        match row::price(raw) {
            Ok((sale, c)) if c.as_deref().is_none_or(|c| c == currency) => {
                price = price.min(sale);
            }
            Ok(_) => out.warn(
                file,
                rec.line,
                format!("sale_price {raw:?} is in another currency than the price; ignored"),
            ),
            Err(e) => out.warn(file, rec.line, format!("sale_price ignored: {e}")),
        }
    }
    let availability = Availability::parse(rec.get("availability").unwrap_or(""))?;
    let quantity = match rec.get("quantity") {
        Some(q) => Some(
            q.parse::<i64>()
                .map_err(|_| format!("quantity {q:?} is not a whole number"))?,
        ),
        None => None,
    };
    // The shop's own words first; Google's taxonomy when it is written out as a path.
    let category = rec
        .get("product_type")
        .map(first_value)
        .map(row::category_path)
        .filter(|p| !p.is_empty())
        .or_else(|| {
            rec.get("google_product_category")
                .filter(|c| !c.chars().all(|x| x.is_ascii_digit()))
                .map(row::category_path)
        })
        .unwrap_or_default();
    let mut attributes = Vec::new();
    for (col, attr) in [
        ("material", "material"),
        ("gender", "gender"),
        ("age_group", "age_group"),
        ("pattern", "pattern"),
    ] {
        if let Some(v) = rec.get(col) {
            attributes.push((attr.to_string(), AttrValue::Text(v.to_string())));
        }
    }
    if let Some(a) = availability.and_then(Availability::as_attribute) {
        attributes.push((row::AVAILABILITY.into(), AttrValue::Text(a.into())));
    }
    Ok(FeedRow {
        line: rec.line,
        id: id.to_string(),
        group: rec.get("item_group_id").map(str::to_string),
        title,
        description: rec.get("description").map(plain_text).unwrap_or_default(),
        brand: rec.get("brand").map(str::to_string),
        category,
        price,
        currency,
        stock: row::stock(availability, quantity),
        sizes: rec
            .get("size")
            .map(|s| vec![s.to_string()])
            .unwrap_or_default(),
        colour: rec.get("color").or(rec.get("colour")).map(str::to_string),
        attributes,
        image: rec.get("image_link").map(str::to_string),
        url: rec.get("link").map(str::to_string),
        rating: None,
        review_count: 0,
        added: None,
    })
}

/// Merchant Center takes several product types in one cell, separated by commas; the
/// first is the product's.
fn first_value(cell: &str) -> &str {
    cell.split(',').next().unwrap_or(cell).trim()
}
