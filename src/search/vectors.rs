//! Product vectors from the NLU's encoder, cached in sled by product id and a hash of the
//! text they were computed from, so a restart (or an unchanged product after a catalogue
//! edit) costs no forward pass.

use indicatif::{ProgressBar, ProgressStyle};
use sha2::{Digest, Sha256};

use super::SearchError;
use crate::store::Store;
use crate::types::{Embed, ProductId};

/// The sled tree the vectors are cached in (its name predates the search module; keeping
/// it keeps every cache already written).
const TREE: &str = "recommend.product_vectors";
const BATCH: usize = 64;

fn cache_key(id: &ProductId, text: &str, dim: usize) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(dim.to_le_bytes());
    h.update(text.as_bytes());
    let digest = hex::encode(&h.finalize()[..12]);
    let mut key = id.as_str().as_bytes().to_vec();
    key.push(0);
    key.extend_from_slice(digest.as_bytes());
    key
}

/// Vectors for `items` (id, text), in order; computes and stores only the missing ones.
/// Returns the vectors and how many had to be computed.
pub(crate) fn product_vectors(
    items: &[(ProductId, String)],
    embedder: &dyn Embed,
    store: Option<&Store>,
) -> Result<(Vec<Vec<f32>>, usize), SearchError> {
    let dim = embedder.dim();
    let tree = store.map(|s| s.tree::<Vec<f32>>(TREE)).transpose()?;
    let mut out: Vec<Option<Vec<f32>>> = Vec::with_capacity(items.len());
    let mut missing = Vec::new();
    for (i, (id, text)) in items.iter().enumerate() {
        let cached = match &tree {
            Some(t) => t.get(cache_key(id, text, dim))?.filter(|v| v.len() == dim),
            None => None,
        };
        if cached.is_none() {
            missing.push(i);
        }
        out.push(cached);
    }
    let bar = if missing.len() > BATCH {
        let bar = ProgressBar::new(missing.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("product vectors [{bar:30}] {pos}/{len} eta {eta}")
                .expect("static template"),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    for chunk in missing.chunks(BATCH) {
        let texts: Vec<&str> = chunk.iter().map(|&i| items[i].1.as_str()).collect();
        let vectors = embedder.embed(&texts)?;
        for (&i, v) in chunk.iter().zip(vectors) {
            if let Some(t) = &tree {
                t.insert(cache_key(&items[i].0, &items[i].1, dim), &v)?;
            }
            out[i] = Some(v);
        }
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    if let Some(t) = &tree {
        if !missing.is_empty() {
            t.flush()?;
        }
    }
    Ok((
        out.into_iter().map(|v| v.expect("filled")).collect(),
        missing.len(),
    ))
}

/// The dot product, in eight independent lanes so the compiler vectorises it (a plain
/// `zip().sum()` is one serial chain of float adds).
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut lanes = [0f32; 8];
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (x, y) in (&mut ca).zip(&mut cb) {
        for k in 0..8 {
            lanes[k] += x[k] * y[k];
        }
    }
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    lanes.iter().sum::<f32>() + tail
}
