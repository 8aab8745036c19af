//! Product vectors from the NLU's encoder, cached in sled by product id and a hash of the
//! text they were computed from, so a restart (or an unchanged product after a catalogue
//! edit) costs no forward pass.

use indicatif::{ProgressBar, ProgressStyle};
use sha2::{Digest, Sha256};

use super::SearchError;
use crate::nlu::fast::simd::multiversion;
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

/// The dot product of two 8-bit vectors, in sixteen independent lanes (the compiler
/// turns them into packed multiply-adds). 384 × 127² fits an i32 many times over.
#[inline(always)]
fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut lanes = [0i32; 16];
    let mut ca = a.chunks_exact(16);
    let mut cb = b.chunks_exact(16);
    for (x, y) in (&mut ca).zip(&mut cb) {
        for k in 0..16 {
            lanes[k] += i32::from(x[k]) * i32::from(y[k]);
        }
    }
    let tail: i32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| i32::from(*x) * i32::from(*y))
        .sum();
    lanes.iter().sum::<i32>() + tail
}

multiversion! {
    /// `out[j]` = the 8-bit dot product of `query` with row `rows[j]` of `data` (rows of
    /// `query.len()`), compiled for the CPU's widest vectors.
    pub(crate) fn dots_i8(query: &[i8], data: &[i8], rows: &[u32], out: &mut [i32]) {
        let dim = query.len();
        for (o, &r) in out.iter_mut().zip(rows) {
            let r = r as usize;
            *o = dot_i8(query, &data[r * dim..(r + 1) * dim]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlu::fast::simd::Isa;

    #[test]
    fn the_8_bit_dot_product_is_exact_on_every_instruction_set() {
        let a: Vec<i8> = (0..37).map(|i| (i * 13 % 255 - 127) as i8).collect();
        let b: Vec<i8> = (0..37).map(|i| (i * 29 % 255 - 127) as i8).collect();
        let want: i32 = a
            .iter()
            .zip(&b)
            .map(|(x, y)| i32::from(*x) * i32::from(*y))
            .sum();
        let data: Vec<i8> = a.iter().chain(&b).copied().collect();
        let mut out = [0i32; 2];
        dots_i8(Isa::detect(), &b, &data, &[0, 1], &mut out);
        assert_eq!(out[0], want);
        assert_eq!(
            out[1],
            b.iter().map(|x| i32::from(*x) * i32::from(*x)).sum::<i32>()
        );
        dots_i8(Isa::Portable, &b, &data, &[0], &mut out[..1]);
        assert_eq!(out[0], want);
    }
}
