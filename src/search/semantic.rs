//! The semantic signal: the encoder's vector of every product (cached in sled by
//! [`super::vectors`]), kept in one flat array so scoring a request is a tight loop.

use std::collections::HashMap;

use super::vectors::{dot, product_vectors};
use super::SearchError;
use crate::knowledge::Graph;
use crate::store::Store;
use crate::types::{Embed, ProductId};

pub(crate) struct ProductVectors {
    dim: usize,
    /// Product i's vector is `data[i * dim..(i + 1) * dim]`.
    data: Vec<f32>,
    index: HashMap<ProductId, usize>,
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
        let dim = embed.dim();
        let mut data = Vec::with_capacity(vectors.len() * dim);
        for v in &vectors {
            data.extend_from_slice(v);
        }
        let index = products
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        Ok(Self { dim, data, index })
    }

    /// Each product's position in the catalogue (and in these vectors).
    pub fn positions(&self) -> &HashMap<ProductId, usize> {
        &self.index
    }

    pub fn get(&self, ix: usize) -> &[f32] {
        &self.data[ix * self.dim..(ix + 1) * self.dim]
    }

    pub fn of(&self, id: &ProductId) -> Option<&[f32]> {
        self.index.get(id).map(|&i| self.get(i))
    }

    /// Cosine similarity of `query` (unit length) to each admitted product, best first.
    pub fn rank(&self, query: &[f32], admitted: &[u32]) -> Vec<(u32, f32)> {
        let mut scored: Vec<(u32, f32)> = admitted
            .iter()
            .map(|&i| (i, dot(query, self.get(i as usize))))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vectors(rows: &[[f32; 2]]) -> ProductVectors {
        ProductVectors {
            dim: 2,
            data: rows.iter().flatten().copied().collect(),
            index: (0..rows.len())
                .map(|i| (ProductId::new(format!("p{i}")), i))
                .collect(),
        }
    }

    #[test]
    fn ranks_admitted_products_by_cosine() {
        let v = vectors(&[[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]]);
        let ranked = v.rank(&[0.0, 1.0], &[0, 2]);
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), vec![2, 0]);
        assert!((ranked[0].1 - 0.8).abs() < 1e-6);
        assert_eq!(v.of(&ProductId::from("p1")), Some(&[0.0, 1.0][..]));
    }
}
