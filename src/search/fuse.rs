//! Fusing the lexical and the semantic ranking into one.
//!
//! Two ways, both measured by `kefu eval search` (docs/search.md has the numbers):
//! - reciprocal rank fusion: Σ 1 / (k + rank) over the rankings a product is in;
//! - a weighted score: the lexical score over the best one's, and the cosine rescaled
//!   to [0, 1] over the admitted products, averaged with a weight.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How the two rankings are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fusion {
    /// Reciprocal rank fusion (k = 60).
    Rrf,
    /// Normalised scores, weighted.
    #[default]
    Weighted,
}

const RRF_K: f32 = 60.0;
/// The lexical share of the weighted score.
const LEXICAL_WEIGHT: f32 = 0.5;
/// The best cosine below which the embeddings are not trusted at all, and from which
/// they are trusted fully (all-MiniLM-L6-v2: a product name against its own type word
/// scores about 0.5–0.8; against a misspelling of it about 0.2–0.4).
const TRUST_FROM: f32 = 0.3;
const TRUST_FULL: f32 = 0.5;

/// A product's place (1-based) and raw score in one signal's ranking.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub rank: usize,
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fused {
    pub ix: u32,
    pub score: f32,
    pub lexical: Option<Signal>,
    pub semantic: Option<Signal>,
}

/// One ranking as it is (`lexical` or `semantic` alone), with its signal recorded.
pub(crate) fn single(ranked: &[(u32, f32)], lexical: bool) -> Vec<Fused> {
    ranked
        .iter()
        .enumerate()
        .map(|(r, &(ix, score))| {
            let s = Some(Signal { rank: r + 1, score });
            Fused {
                ix,
                score,
                lexical: if lexical { s } else { None },
                semantic: if lexical { None } else { s },
            }
        })
        .collect()
}

/// Both rankings (each best first) fused; ties keep the lexical order, then the semantic.
/// `semantic_lowest` is the lowest cosine of every product the semantic signal scored
/// (when `semantic` holds only the best of them); `None`: the lowest in `semantic`.
pub(crate) fn fuse(
    lexical: &[(u32, f32)],
    semantic: &[(u32, f32)],
    semantic_lowest: Option<f32>,
    how: Fusion,
) -> Vec<Fused> {
    let mut by_ix: HashMap<u32, Fused> = HashMap::new();
    let mut order: Vec<u32> = Vec::new();
    for (list, is_lexical) in [(lexical, true), (semantic, false)] {
        for (r, &(ix, score)) in list.iter().enumerate() {
            let e = by_ix.entry(ix).or_insert_with(|| {
                order.push(ix);
                Fused {
                    ix,
                    score: 0.0,
                    lexical: None,
                    semantic: None,
                }
            });
            let s = Some(Signal { rank: r + 1, score });
            if is_lexical {
                e.lexical = s;
            } else {
                e.semantic = s;
            }
        }
    }
    let lex_max = lexical.iter().map(|x| x.1).fold(0.0f32, f32::max);
    let sem_max = semantic.iter().map(|x| x.1).fold(f32::MIN, f32::max);
    let sem_min =
        semantic_lowest.unwrap_or_else(|| semantic.iter().map(|x| x.1).fold(f32::MAX, f32::min));
    // The embeddings count as far as the encoder is sure of its best match: a misspelt
    // or unfamiliar word ("botle") gets low cosines everywhere, and rescaling those to
    // [0, 1] would let noise outvote the words' own match.
    let sem_trust = ((sem_max - TRUST_FROM) / (TRUST_FULL - TRUST_FROM)).clamp(0.0, 1.0);
    let mut out: Vec<Fused> = order
        .into_iter()
        .filter_map(|ix| by_ix.remove(&ix))
        .map(|mut f| {
            f.score = match how {
                Fusion::Rrf => [f.lexical, f.semantic]
                    .iter()
                    .flatten()
                    .map(|s| 1.0 / (RRF_K + s.rank as f32))
                    .sum(),
                Fusion::Weighted => {
                    let lex = f.lexical.map_or(0.0, |s| {
                        if lex_max > 0.0 {
                            s.score / lex_max
                        } else {
                            0.0
                        }
                    });
                    let sem = f.semantic.map_or(0.0, |s| {
                        if sem_max > sem_min {
                            (s.score - sem_min) / (sem_max - sem_min)
                        } else {
                            1.0
                        }
                    });
                    LEXICAL_WEIGHT * lex + (1.0 - LEXICAL_WEIGHT) * sem_trust * sem
                }
            };
            f
        })
        .collect();
    // Stable: equal scores keep first-seen order (lexical, then semantic).
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rrf_prefers_products_both_signals_rank_high() {
        let lexical = [(1, 9.0), (2, 8.0)];
        let semantic = [(3, 0.9), (2, 0.8), (4, 0.5), (1, 0.1)];
        let fused = fuse(&lexical, &semantic, None, Fusion::Rrf);
        // 2: 1/62 + 1/62; 1: 1/61 + 1/64; 3: 1/61; 4: 1/63.
        assert_eq!(
            fused.iter().map(|f| f.ix).collect::<Vec<_>>(),
            vec![2, 1, 3, 4]
        );
        assert_eq!(fused[0].lexical.map(|s| s.rank), Some(2));
        assert_eq!(fused[0].semantic.map(|s| s.rank), Some(2));
        assert!(fused[2].lexical.is_none());
    }

    #[test]
    fn weighted_scores_normalise_each_signal() {
        let lexical = [(1, 10.0), (2, 5.0)];
        let semantic = [(2, 0.9), (1, 0.5), (3, 0.1)];
        let fused = fuse(&lexical, &semantic, None, Fusion::Weighted);
        // 1: 0.5·1 + 0.5·0.5 = 0.75; 2: 0.5·0.5 + 0.5·1 = 0.75; 3: 0.
        assert_eq!(fused[2].ix, 3);
        assert!((fused[0].score - 0.75).abs() < 1e-6);
        assert!(fused[2].score.abs() < 1e-6);
    }
}
