//! The validated catalogue in sled, keyed by the content hash of the files it came from,
//! so a restart with unchanged files skips parsing, validation and extraction.
//!
//! Products travel in chunks of bincode (hex in the store's JSON values): decoding them is
//! several times faster than decoding JSON, which is the point of the snapshot. bincode
//! needs plain data, so products and facts are mirrored in flat `Flat*` structs here.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::schema::{AttrValue, Fact, FactSource, Product, Variant};
use super::validate::Catalog;
use super::KnowledgeError;
use crate::store::Store;
use crate::types::ProductId;

const META_TREE: &str = "kg_meta";
const PARTS_TREE: &str = "kg_snapshot";
const META_KEY: &str = "current";
const CHUNK: usize = 2_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Meta {
    hash: String,
    chunks: usize,
    products: usize,
}

#[derive(Serialize, Deserialize)]
enum Part {
    /// Everything but the products and their facts (boxed: it is much larger than a
    /// chunk's text; serde writes a box as its content).
    Header(Box<Catalog>),
    /// Hex of bincode of `Vec<FlatProduct>`.
    Products(String),
}

#[derive(Serialize, Deserialize)]
enum FlatValue {
    Bool(bool),
    Number(f64),
    Text(String),
}

impl From<&AttrValue> for FlatValue {
    fn from(v: &AttrValue) -> Self {
        match v {
            AttrValue::Bool(b) => FlatValue::Bool(*b),
            AttrValue::Number(n) => FlatValue::Number(*n),
            AttrValue::Text(t) => FlatValue::Text(t.clone()),
        }
    }
}

impl From<FlatValue> for AttrValue {
    fn from(v: FlatValue) -> Self {
        match v {
            FlatValue::Bool(b) => AttrValue::Bool(b),
            FlatValue::Number(n) => AttrValue::Number(n),
            FlatValue::Text(t) => AttrValue::Text(t),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct FlatVariant {
    sku: String,
    size: Option<String>,
    colour: Option<String>,
    stock: u32,
}

#[derive(Serialize, Deserialize)]
struct FlatFact {
    attribute: String,
    value: FlatValue,
    unit: Option<String>,
    /// `None`: from the attributes field; `Some`: the description's words.
    quote: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct FlatProduct {
    id: String,
    name: String,
    brand: String,
    category: String,
    price: f64,
    currency: String,
    variants: Vec<FlatVariant>,
    stock: Option<u32>,
    attributes: Vec<(String, FlatValue)>,
    description: String,
    rating: Option<f32>,
    review_count: u32,
    image: Option<String>,
    url: Option<String>,
    /// Days since 0001-01-01.
    added: Option<i32>,
    consumable: bool,
    facts: Vec<FlatFact>,
}

fn flatten(p: &Product, facts: &[Fact]) -> FlatProduct {
    use chrono::Datelike;
    FlatProduct {
        id: p.id.0.clone(),
        name: p.name.clone(),
        brand: p.brand.clone(),
        category: p.category.clone(),
        price: p.price,
        currency: p.currency.clone(),
        variants: p
            .variants
            .iter()
            .map(|v| FlatVariant {
                sku: v.sku.clone(),
                size: v.size.clone(),
                colour: v.colour.clone(),
                stock: v.stock,
            })
            .collect(),
        stock: p.stock,
        attributes: p
            .attributes
            .iter()
            .map(|(k, v)| (k.clone(), v.into()))
            .collect(),
        description: p.description.clone(),
        rating: p.rating,
        review_count: p.review_count,
        image: p.image.clone(),
        url: p.url.clone(),
        added: p.added.map(|d| d.num_days_from_ce()),
        consumable: p.consumable,
        facts: facts
            .iter()
            .map(|f| FlatFact {
                attribute: f.attribute.clone(),
                value: (&f.value).into(),
                unit: f.unit.clone(),
                quote: match &f.source {
                    FactSource::Attributes => None,
                    FactSource::Description { quote } => Some(quote.clone()),
                },
            })
            .collect(),
    }
}

fn unflatten(f: FlatProduct) -> Result<(Product, Vec<Fact>), KnowledgeError> {
    let added = f
        .added
        .map(|days| {
            chrono::NaiveDate::from_num_days_from_ce_opt(days)
                .ok_or_else(|| KnowledgeError::Snapshot(format!("bad date in product {}", f.id)))
        })
        .transpose()?;
    let product = Product {
        id: ProductId(f.id),
        name: f.name,
        brand: f.brand,
        category: f.category,
        price: f.price,
        currency: f.currency,
        variants: f
            .variants
            .into_iter()
            .map(|v| Variant {
                sku: v.sku,
                size: v.size,
                colour: v.colour,
                stock: v.stock,
            })
            .collect(),
        stock: f.stock,
        attributes: f
            .attributes
            .into_iter()
            .map(|(k, v)| (k, v.into()))
            .collect(),
        description: f.description,
        rating: f.rating,
        review_count: f.review_count,
        image: f.image,
        url: f.url,
        added,
        consumable: f.consumable,
    };
    let facts = f
        .facts
        .into_iter()
        .map(|x| Fact {
            attribute: x.attribute,
            value: x.value.into(),
            unit: x.unit,
            source: match x.quote {
                None => FactSource::Attributes,
                Some(quote) => FactSource::Description { quote },
            },
        })
        .collect();
    Ok((product, facts))
}

fn encode(products: &[Product], facts: &[Vec<Fact>]) -> Result<String, KnowledgeError> {
    let flat: Vec<FlatProduct> = products
        .iter()
        .zip(facts)
        .map(|(p, f)| flatten(p, f))
        .collect();
    let bytes = bincode::serialize(&flat).map_err(|e| KnowledgeError::Snapshot(e.to_string()))?;
    Ok(hex::encode(bytes))
}

fn decode(text: &str) -> Result<Vec<(Product, Vec<Fact>)>, KnowledgeError> {
    let bytes = hex::decode(text).map_err(|e| KnowledgeError::Snapshot(e.to_string()))?;
    let flat: Vec<FlatProduct> =
        bincode::deserialize(&bytes).map_err(|e| KnowledgeError::Snapshot(e.to_string()))?;
    flat.into_iter().map(unflatten).collect()
}

/// The catalogue stored for `hash`, if the store holds exactly that one.
pub(crate) fn read(store: &Store, hash: &str) -> Result<Option<Catalog>, KnowledgeError> {
    let meta = store.tree::<Meta>(META_TREE)?;
    let Some(m) = meta.get(META_KEY)? else {
        return Ok(None);
    };
    if m.hash != hash {
        return Ok(None);
    }
    let parts = store.tree::<Part>(PARTS_TREE)?;
    let Some(Part::Header(mut catalog)) = parts.get("h")? else {
        return Err(KnowledgeError::Snapshot(
            "the header part is missing".into(),
        ));
    };
    let mut chunks = Vec::with_capacity(m.chunks);
    for i in 0..m.chunks {
        match parts.get(chunk_key(i))? {
            Some(Part::Products(text)) => chunks.push(text),
            _ => {
                return Err(KnowledgeError::Snapshot(format!(
                    "product chunk {i} is missing"
                )))
            }
        }
    }
    let decoded: Vec<Vec<(Product, Vec<Fact>)>> = chunks
        .par_iter()
        .map(|t| decode(t))
        .collect::<Result<_, _>>()?;
    catalog.products.reserve(m.products);
    catalog.facts.reserve(m.products);
    for (p, f) in decoded.into_iter().flatten() {
        catalog.products.push(p);
        catalog.facts.push(f);
    }
    if catalog.products.len() != m.products {
        return Err(KnowledgeError::Snapshot(format!(
            "expected {} products, found {}",
            m.products,
            catalog.products.len()
        )));
    }
    Ok(Some(*catalog))
}

fn chunk_key(i: usize) -> String {
    format!("p{i:08}")
}

/// Replaces the stored catalogue. The meta record is written last, so a crash midway
/// leaves a snapshot that does not match any hash and is simply rebuilt.
pub(crate) fn write(store: &Store, hash: &str, catalog: &Catalog) -> Result<(), KnowledgeError> {
    let meta = store.tree::<Meta>(META_TREE)?;
    let parts = store.tree::<Part>(PARTS_TREE)?;
    meta.remove(META_KEY)?;
    parts.clear()?;
    let header = Catalog {
        products: Vec::new(),
        facts: Vec::new(),
        ..catalog.clone()
    };
    parts.insert("h", &Part::Header(Box::new(header)))?;
    let encoded: Vec<String> = catalog
        .products
        .par_chunks(CHUNK)
        .zip(catalog.facts.par_chunks(CHUNK))
        .map(|(ps, fs)| encode(ps, fs))
        .collect::<Result<_, _>>()?;
    let chunks = encoded.len();
    for (i, text) in encoded.into_iter().enumerate() {
        parts.insert(chunk_key(i), &Part::Products(text))?;
    }
    parts.flush()?;
    meta.insert(
        META_KEY,
        &Meta {
            hash: hash.to_string(),
            chunks,
            products: catalog.products.len(),
        },
    )?;
    meta.flush()?;
    Ok(())
}
