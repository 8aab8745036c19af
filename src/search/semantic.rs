//! The semantic signal: the encoder's vector of every product (cached in sled by
//! [`super::vectors`]), kept in one flat array so scoring a request is a tight loop.
//!
//! Many admitted products (a large type of a large catalogue) are first scored with an
//! 8-bit copy of the vectors (a quarter of the memory to stream), and only the best of
//! those are scored again exactly: the ranking shown is the exact one.

use std::collections::HashMap;

use super::vectors::{dot, dots_i8, product_vectors};
use super::SearchError;
use crate::knowledge::Graph;
use crate::nlu::fast::simd::Isa;
use crate::store::Store;
use crate::types::{Embed, ProductId};

pub(crate) struct ProductVectors {
    dim: usize,
    /// Product i's vector is `data[i * dim..(i + 1) * dim]`.
    data: Vec<f32>,
    /// The same, 8-bit: each vector scaled so its largest component is ±127 ...
    quantized: Vec<i8>,
    /// ... and the factor back: component ≈ quantized × scale.
    scales: Vec<f32>,
    index: HashMap<ProductId, usize>,
}

/// The semantic ranking of a request: the best admitted products, best first, and the
/// lowest cosine of all admitted ones (the weighted fusion rescales from it).
#[derive(Debug, Clone, Default)]
pub(crate) struct SemanticRanking {
    pub top: Vec<(u32, f32)>,
    pub lowest: Option<f32>,
}

/// Candidates rescored exactly beyond the depth asked, for the 8-bit scores' error.
const RESCORE_MARGIN: usize = 64;

/// A vector as 8-bit integers and the scale back.
fn quantize(v: &[f32]) -> (Vec<i8>, f32) {
    let max = v.iter().fold(0f32, |m, x| m.max(x.abs()));
    if max == 0.0 {
        return (vec![0; v.len()], 0.0);
    }
    let k = 127.0 / max;
    let q = v.iter().map(|x| (x * k).round() as i8).collect();
    (q, max / 127.0)
}

impl ProductVectors {
    /// Every product's vector of `graph.product_text` (name, brand, category path,
    /// description), read from `store` where already computed.
    pub fn build(
        graph: &Graph,
        embed: &dyn Embed,
        store: Option<&Store>,
    ) -> Result<Self, SearchError> {
        let products = graph.products();
        let texts: Vec<(ProductId, String)> = products
            .iter()
            .map(|p| (p.id.clone(), graph.product_text(p)))
            .collect();
        let (vectors, computed) = product_vectors(&texts, embed, store)?;
        tracing::debug!(products = products.len(), computed, "search vectors ready");
        let index = products
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        Ok(Self::from_rows(embed.dim(), &vectors, index))
    }

    fn from_rows(dim: usize, rows: &[Vec<f32>], index: HashMap<ProductId, usize>) -> Self {
        let mut data = Vec::with_capacity(rows.len() * dim);
        let mut quantized = Vec::with_capacity(rows.len() * dim);
        let mut scales = Vec::with_capacity(rows.len());
        for v in rows {
            data.extend_from_slice(v);
            let (q, scale) = quantize(v);
            quantized.extend_from_slice(&q);
            scales.push(scale);
        }
        Self {
            dim,
            data,
            quantized,
            scales,
            index,
        }
    }

    pub fn get(&self, ix: usize) -> &[f32] {
        &self.data[ix * self.dim..(ix + 1) * self.dim]
    }

    pub fn of(&self, id: &ProductId) -> Option<&[f32]> {
        self.index.get(id).map(|&i| self.get(i))
    }

    /// Cosine similarity of `query` (unit length) to the admitted products: the best
    /// `depth` of them, best first.
    pub fn rank(&self, query: &[f32], admitted: &[u32], depth: usize) -> SemanticRanking {
        let best_first = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        let exact = |ix: &[u32]| -> Vec<(u32, f32)> {
            ix.iter()
                .map(|&i| (i, dot(query, self.get(i as usize))))
                .collect()
        };
        if admitted.len() <= depth + RESCORE_MARGIN || query.len() != self.dim {
            let mut top = exact(admitted);
            let lowest = top.iter().map(|x| x.1).reduce(f32::min);
            top.sort_by(best_first);
            top.truncate(depth);
            return SemanticRanking { top, lowest };
        }
        let (q, q_scale) = quantize(query);
        let mut dots = vec![0i32; admitted.len()];
        dots_i8(Isa::detect(), &q, &self.quantized, admitted, &mut dots);
        let mut rough: Vec<(u32, f32)> = admitted
            .iter()
            .zip(&dots)
            .map(|(&i, &d)| (i, d as f32 * q_scale * self.scales[i as usize]))
            .collect();
        let lowest = rough.iter().map(|x| x.1).reduce(f32::min);
        let keep = depth + RESCORE_MARGIN;
        rough.select_nth_unstable_by(keep - 1, best_first);
        let candidates: Vec<u32> = rough[..keep].iter().map(|x| x.0).collect();
        let mut top = exact(&candidates);
        top.sort_by(best_first);
        top.truncate(depth);
        SemanticRanking { top, lowest }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vectors(rows: &[Vec<f32>]) -> ProductVectors {
        let index = (0..rows.len())
            .map(|i| (ProductId::new(format!("p{i}")), i))
            .collect();
        ProductVectors::from_rows(rows[0].len(), rows, index)
    }

    #[test]
    fn ranks_admitted_products_by_cosine() {
        let v = vectors(&[vec![1.0, 0.0], vec![0.0, 1.0], vec![0.6, 0.8]]);
        let ranked = v.rank(&[0.0, 1.0], &[0, 2], 10);
        assert_eq!(
            ranked.top.iter().map(|r| r.0).collect::<Vec<_>>(),
            vec![2, 0]
        );
        assert!((ranked.top[0].1 - 0.8).abs() < 1e-6);
        assert_eq!(ranked.lowest, Some(0.0));
        assert_eq!(v.of(&ProductId::from("p1")), Some(&[0.0, 1.0][..]));
    }

    /// Unit vectors spread over 16 dimensions, deterministic.
    fn spread(n: usize) -> Vec<Vec<f32>> {
        (0..n)
            .map(|i| {
                let v: Vec<f32> = (0..16)
                    .map(|k| (((i * 7919 + k * 104_729) % 1000) as f32 / 500.0) - 1.0)
                    .collect();
                let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                v.into_iter().map(|x| x / norm).collect()
            })
            .collect()
    }

    #[test]
    fn the_8_bit_pass_over_many_products_keeps_the_exact_best() {
        let rows = spread(2000);
        let v = vectors(&rows);
        let query = rows[17].clone();
        let all: Vec<u32> = (0..rows.len() as u32).collect();
        let mut exact: Vec<(u32, f32)> = all
            .iter()
            .map(|&i| (i, dot(&query, &rows[i as usize])))
            .collect();
        exact.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let ranked = v.rank(&query, &all, 50);
        assert_eq!(ranked.top.len(), 50);
        assert_eq!(ranked.top[0].0, 17);
        assert_eq!(
            ranked.top,
            exact[..50].to_vec(),
            "exact scores, exact order"
        );
        let lowest = exact.last().unwrap().1;
        assert!((ranked.lowest.unwrap() - lowest).abs() < 0.02);
    }
}
