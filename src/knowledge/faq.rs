//! FAQ lookup by meaning: questions (and their alternates) and the shopper's text are
//! embedded by the shared encoder and compared by cosine similarity.

use parking_lot::RwLock;
use std::sync::Arc;

use super::schema::FaqEntry;
use super::KnowledgeError;
use crate::types::Embed;

/// One FAQ found for a query.
#[derive(Debug, Clone, PartialEq)]
pub struct FaqHit<'a> {
    pub entry: &'a FaqEntry,
    /// Cosine similarity of the query and the best-matching phrasing, in [-1, 1].
    pub score: f32,
    /// The phrasing (question or alternate) that matched best.
    pub matched: &'a str,
}

struct Vectors {
    dim: usize,
    /// (faq index, phrasing index: 0 = question, 1.. = alternates, vector)
    rows: Vec<(usize, usize, Vec<f32>)>,
}

/// Phrasing vectors, computed on first lookup and kept with the graph they belong to.
#[derive(Default)]
pub(crate) struct FaqIndex {
    vectors: RwLock<Option<Arc<Vectors>>>,
}

impl std::fmt::Debug for FaqIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FaqIndex")
    }
}

fn phrasing(e: &FaqEntry, i: usize) -> &str {
    if i == 0 {
        &e.question
    } else {
        &e.alternates[i - 1]
    }
}

impl FaqIndex {
    fn vectors(&self, faq: &[FaqEntry], embed: &dyn Embed) -> Result<Arc<Vectors>, KnowledgeError> {
        if let Some(v) = self.vectors.read().as_ref() {
            if v.dim == embed.dim() {
                return Ok(v.clone());
            }
        }
        let mut keys = Vec::new();
        for (i, e) in faq.iter().enumerate() {
            for j in 0..=e.alternates.len() {
                keys.push((i, j));
            }
        }
        let texts: Vec<&str> = keys.iter().map(|&(i, j)| phrasing(&faq[i], j)).collect();
        let mut rows = Vec::with_capacity(keys.len());
        for (chunk_keys, chunk) in keys.chunks(64).zip(texts.chunks(64)) {
            let vecs = embed.embed(chunk)?;
            for (&(i, j), v) in chunk_keys.iter().zip(vecs) {
                rows.push((i, j, v));
            }
        }
        let v = Arc::new(Vectors {
            dim: embed.dim(),
            rows,
        });
        *self.vectors.write() = Some(v.clone());
        Ok(v)
    }

    pub(crate) fn lookup<'a>(
        &self,
        faq: &'a [FaqEntry],
        query: &str,
        embed: &dyn Embed,
        k: usize,
    ) -> Result<Vec<FaqHit<'a>>, KnowledgeError> {
        if faq.is_empty() || query.trim().is_empty() {
            return Ok(Vec::new());
        }
        let vectors = self.vectors(faq, embed)?;
        let q = embed
            .embed(&[query])?
            .pop()
            .ok_or_else(|| crate::types::EmbedError("the encoder returned no vector".into()))?;
        let mut best: Vec<Option<(f32, usize)>> = vec![None; faq.len()];
        for (i, j, v) in &vectors.rows {
            let s: f32 = v.iter().zip(&q).map(|(a, b)| a * b).sum();
            if best[*i].is_none_or(|(b, _)| s > b) {
                best[*i] = Some((s, *j));
            }
        }
        let mut hits: Vec<FaqHit> = best
            .into_iter()
            .enumerate()
            .filter_map(|(i, b)| {
                b.map(|(score, j)| FaqHit {
                    entry: &faq[i],
                    score,
                    matched: phrasing(&faq[i], j),
                })
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(k);
        Ok(hits)
    }
}
