//! The validated catalogue in sled, keyed by the content hash of the files it came from,
//! so a restart with unchanged files skips parsing, validation and extraction.

use serde::{Deserialize, Serialize};

use super::schema::{Fact, Product};
use super::validate::Catalog;
use super::KnowledgeError;
use crate::store::Store;

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
    /// Everything but the products and their facts.
    Header(Catalog),
    Products(Vec<(Product, Vec<Fact>)>),
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
    catalog.products.reserve(m.products);
    catalog.facts.reserve(m.products);
    for i in 0..m.chunks {
        match parts.get(chunk_key(i))? {
            Some(Part::Products(list)) => {
                for (p, f) in list {
                    catalog.products.push(p);
                    catalog.facts.push(f);
                }
            }
            _ => {
                return Err(KnowledgeError::Snapshot(format!(
                    "product chunk {i} is missing"
                )))
            }
        }
    }
    if catalog.products.len() != m.products {
        return Err(KnowledgeError::Snapshot(format!(
            "expected {} products, found {}",
            m.products,
            catalog.products.len()
        )));
    }
    Ok(Some(catalog))
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
    parts.insert("h", &Part::Header(header))?;
    let mut chunks = 0;
    for (i, (ps, fs)) in catalog
        .products
        .chunks(CHUNK)
        .zip(catalog.facts.chunks(CHUNK))
        .enumerate()
    {
        let list = ps.iter().cloned().zip(fs.iter().cloned()).collect();
        parts.insert(chunk_key(i), &Part::Products(list))?;
        chunks += 1;
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
