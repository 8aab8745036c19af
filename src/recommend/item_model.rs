//! The behavioural item-to-item model: what shoppers looked at or bought next, and what
//! they had together. Learned from interaction sequences (kefu's event log, or an offline
//! log), it answers "given this history, how much does each item fit next?".
//!
//! For every pair of items `a` before `b` in one sequence, at most `window` steps apart,
//! the pair adds `decay^(gap-1)` to the forward weight a→b and to the backward weight b←a.
//! The similarity of a candidate `c` to a history item `h` is
//! `(fwd(h,c) + backward * bwd(h,c)) / (n_h^(1-alpha) * n_c^alpha)`: alpha = 0 is the
//! conditional probability "after h, c", alpha = 0.5 a cosine. A history scores a
//! candidate by summing over its last `history` items, the most recent weighted 1, the one
//! before `recency`, then `recency²`, …, plus `popularity` times the candidate's share of
//! the most popular item's count (which also orders what the history says nothing about).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Knobs of the model; the defaults are what validation chose on public logs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ItemModelParams {
    pub window: usize,
    pub decay: f32,
    pub backward: f32,
    pub alpha: f32,
    pub history: usize,
    pub recency: f32,
    pub popularity: f32,
    /// The prior is `popularity * (n / n_max)^pop_exponent`.
    pub pop_exponent: f32,
    /// Weight of two-step evidence: items next to the history's best neighbours.
    pub hop2: f32,
}

impl Default for ItemModelParams {
    fn default() -> Self {
        Self {
            window: 8,
            decay: 0.6,
            backward: 0.5,
            alpha: 0.25,
            history: 20,
            recency: 0.6,
            popularity: 0.05,
            pop_exponent: 1.0,
            hop2: 0.0,
        }
    }
}

/// Items are dense `u32` ids `0..n_items`; callers map their own ids to them.
#[derive(Debug, Clone)]
pub struct ItemModel {
    params: ItemModelParams,
    counts: Vec<f32>,
    max_count: f32,
    /// `n^(1-alpha)` and `n^alpha` per item, for the current params.
    src_norm: Vec<f32>,
    cand_norm: Vec<f32>,
    priors: Vec<f32>,
    /// Per item, its neighbours with the forward and backward weights, by neighbour id.
    neighbors: Vec<Vec<(u32, f32, f32)>>,
}

impl ItemModel {
    pub fn fit(sequences: &[&[u32]], n_items: usize, params: ItemModelParams) -> Self {
        let mut acc: Vec<HashMap<u32, (f32, f32)>> = vec![HashMap::new(); n_items];
        let mut counts = vec![0f32; n_items];
        for seq in sequences {
            for (i, &a) in seq.iter().enumerate() {
                counts[a as usize] += 1.0;
                let end = (i + 1 + params.window).min(seq.len());
                let mut w = 1.0f32;
                for &b in &seq[i + 1..end] {
                    if a != b {
                        acc[a as usize].entry(b).or_default().0 += w;
                        acc[b as usize].entry(a).or_default().1 += w;
                    }
                    w *= params.decay;
                }
            }
        }
        let neighbors = acc
            .into_iter()
            .map(|m| {
                let mut v: Vec<(u32, f32, f32)> =
                    m.into_iter().map(|(b, (f, r))| (b, f, r)).collect();
                v.sort_unstable_by_key(|x| x.0);
                v
            })
            .collect();
        let max_count = counts.iter().copied().fold(1.0, f32::max);
        let mut model = Self {
            params,
            counts,
            max_count,
            src_norm: Vec::new(),
            cand_norm: Vec::new(),
            priors: Vec::new(),
            neighbors,
        };
        model.set_norms();
        model
    }

    fn set_norms(&mut self) {
        let a = self.params.alpha;
        self.src_norm = self
            .counts
            .iter()
            .map(|n| n.max(1.0).powf(1.0 - a))
            .collect();
        self.cand_norm = self.counts.iter().map(|n| n.max(1.0).powf(a)).collect();
        let (w, e, max) = (
            self.params.popularity,
            self.params.pop_exponent,
            self.max_count,
        );
        self.priors = self.counts.iter().map(|n| w * (n / max).powf(e)).collect();
    }

    pub fn params(&self) -> &ItemModelParams {
        &self.params
    }

    /// Re-weights without refitting: every knob but `window` and `decay` is applied at
    /// scoring time.
    pub fn with_scoring(mut self, p: ItemModelParams) -> Self {
        debug_assert_eq!((p.window, p.decay), (self.params.window, self.params.decay));
        self.params = p;
        self.set_norms();
        self
    }

    pub fn n_items(&self) -> usize {
        self.counts.len()
    }

    pub fn count(&self, item: u32) -> f32 {
        self.counts[item as usize]
    }

    /// The popularity part of every score.
    pub fn prior(&self, item: u32) -> f32 {
        self.priors[item as usize]
    }

    /// Adds the history's evidence for every item it points to into `scores` (dense, one
    /// slot per item), recording first-touched items in `touched`; callers reset both.
    pub fn accumulate(&self, history: &[u32], scores: &mut [f32], touched: &mut Vec<u32>) {
        self.accumulate_last(history, self.params.history, scores, touched);
        if self.params.hop2 > 0.0 {
            self.second_hop(history, scores, touched);
        }
    }

    /// Spreads the strongest first-step evidence one step further, so a history whose
    /// items have few direct neighbours still says something about more items.
    fn second_hop(&self, history: &[u32], scores: &mut [f32], touched: &mut Vec<u32>) {
        const SEEDS: usize = 10;
        let mut first: Vec<(u32, f32)> = touched.iter().map(|&c| (c, scores[c as usize])).collect();
        first.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        first.dedup_by_key(|x| x.0);
        first.retain(|(c, _)| !history.contains(c));
        first.truncate(SEEDS);
        let p = &self.params;
        for (n, s1) in first {
            let wn = p.hop2 * s1 / self.src_norm[n as usize];
            for &(c, f, b) in &self.neighbors[n as usize] {
                let s = wn * (f + p.backward * b) / self.cand_norm[c as usize];
                let slot = &mut scores[c as usize];
                if *slot == 0.0 {
                    touched.push(c);
                }
                *slot += s;
            }
        }
    }

    fn accumulate_last(
        &self,
        history: &[u32],
        last: usize,
        scores: &mut [f32],
        touched: &mut Vec<u32>,
    ) {
        let p = &self.params;
        let mut w = 1.0f32;
        for &h in history.iter().rev().take(last) {
            let wh = w / self.src_norm[h as usize];
            for &(c, f, b) in &self.neighbors[h as usize] {
                let s = wh * (f + p.backward * b) / self.cand_norm[c as usize];
                let slot = &mut scores[c as usize];
                if *slot == 0.0 {
                    touched.push(c);
                }
                *slot += s;
            }
            w *= p.recency;
        }
    }

    /// How much history item `h` alone says for candidate `c` (for explaining a score).
    pub fn pair_score(&self, h: u32, c: u32) -> f32 {
        let list = &self.neighbors[h as usize];
        match list.binary_search_by_key(&c, |x| x.0) {
            Ok(i) => {
                let (_, f, b) = list[i];
                (f + self.params.backward * b)
                    / (self.src_norm[h as usize] * self.cand_norm[c as usize])
            }
            Err(_) => 0.0,
        }
    }

    /// The strongest neighbours of one item (for "bought together with …" and "similar
    /// to …"), best first, ties by id.
    pub fn neighbors_of(&self, item: u32, k: usize) -> Vec<(u32, f32)> {
        let mut scores = vec![0f32; self.n_items()];
        let mut touched = Vec::new();
        self.accumulate_last(&[item], 1, &mut scores, &mut touched);
        touched.sort_unstable();
        touched.dedup();
        let mut out: Vec<(u32, f32)> = touched
            .into_iter()
            .map(|c| (c, scores[c as usize]))
            .filter(|(_, s)| *s > 0.0)
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(k);
        out
    }
}
