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
    /// How the score was reached (each way has its own scale).
    pub by: FaqMatch,
}

/// How similar an FAQ entry must be to answer with it: by meaning (cosine of the
/// encoder's vectors)…
pub const FAQ_MIN_MEANING: f32 = 0.55;
/// …or by the characters shared with a locale's phrasing (Chinese), calibrated with
/// `kefu kg eval-faq` on `knowledge/eval/faq_zh.jsonl` (docs/knowledge.md)…
pub const FAQ_MIN_WORDS: f32 = 0.35;
/// …or by meaning with the multilingual encoder (multilingual-e5-small's cosines sit
/// high: unrelated questions reach 0.85), calibrated the same way.
pub const FAQ_MIN_MULTILINGUAL: f32 = 0.90;

impl FaqHit<'_> {
    /// Whether the hit is close enough to answer the question with.
    pub fn fits(&self) -> bool {
        match self.by {
            FaqMatch::Meaning => self.score >= FAQ_MIN_MEANING,
            FaqMatch::Words => self.score >= FAQ_MIN_WORDS,
            FaqMatch::Multilingual => self.score >= FAQ_MIN_MULTILINGUAL,
        }
    }
}

/// How an FAQ entry was matched to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaqMatch {
    /// Cosine of the encoder's vectors.
    Meaning,
    /// Cosine of the characters and character pairs shared (a locale's FAQ: faq_words).
    Words,
    /// Cosine of the multilingual encoder's vectors (a locale's FAQ: faq_multilingual).
    Multilingual,
}

pub(crate) struct Vectors {
    dim: usize,
    /// (faq index, phrasing index: 0 = question, 1.. = alternates, vector)
    rows: Vec<(usize, usize, Vec<f32>)>,
    /// The phrasing of each row.
    texts: Vec<String>,
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

pub(crate) fn phrasing(e: &FaqEntry, i: usize) -> &str {
    if i == 0 {
        &e.question
    } else {
        &e.alternates[i - 1]
    }
}

impl FaqIndex {
    /// Phrasing vectors for this FAQ, embedding only texts `previous` has not embedded
    /// already (a reload usually changes few FAQ entries, if any).
    pub(crate) fn vectors(
        &self,
        faq: &[FaqEntry],
        embed: &dyn Embed,
        previous: Option<&FaqIndex>,
    ) -> Result<Arc<Vectors>, KnowledgeError> {
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
        let prev: Option<Arc<Vectors>> = previous
            .and_then(|p| p.vectors.read().clone())
            .filter(|p| p.dim == embed.dim());
        let known: std::collections::HashMap<&str, &Vec<f32>> = prev
            .as_ref()
            .map(|p| {
                p.texts
                    .iter()
                    .map(String::as_str)
                    .zip(p.rows.iter().map(|r| &r.2))
                    .collect()
            })
            .unwrap_or_default();
        let texts: Vec<&str> = keys.iter().map(|&(i, j)| phrasing(&faq[i], j)).collect();
        let missing: Vec<&str> = {
            let mut m: Vec<&str> = texts
                .iter()
                .copied()
                .filter(|t| !known.contains_key(t))
                .collect();
            m.sort_unstable();
            m.dedup();
            m
        };
        let mut fresh: std::collections::HashMap<&str, Vec<f32>> = Default::default();
        for chunk in missing.chunks(64) {
            for (t, v) in chunk.iter().zip(embed.embed(chunk)?) {
                fresh.insert(t, v);
            }
        }
        let rows = keys
            .iter()
            .zip(&texts)
            .map(|(&(i, j), t)| {
                let v = fresh
                    .get(t)
                    .cloned()
                    .or_else(|| known.get(t).map(|v| (*v).clone()));
                (i, j, v.unwrap_or_default())
            })
            .collect();
        let v = Arc::new(Vectors {
            dim: embed.dim(),
            rows,
            texts: texts.iter().map(|t| t.to_string()).collect(),
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
        let vectors = self.vectors(faq, embed, None)?;
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
        Ok(hits(faq, best, k, FaqMatch::Meaning))
    }
}

/// The best `k` entries of a locale's FAQ from per-entry (score, phrasing) bests.
pub(super) fn hits(
    faq: &[FaqEntry],
    best: Vec<Option<(f32, usize)>>,
    k: usize,
    by: FaqMatch,
) -> Vec<FaqHit<'_>> {
    let mut hits: Vec<FaqHit> = best
        .into_iter()
        .enumerate()
        .filter_map(|(i, b)| {
            b.map(|(score, j)| FaqHit {
                entry: &faq[i],
                score,
                matched: phrasing(&faq[i], j),
                by,
            })
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    hits.truncate(k);
    hits
}
