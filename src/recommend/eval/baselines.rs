//! The baselines every evaluation reports next to kefu's ranker.

use std::collections::HashMap;

use super::Scorer;

/// Most interacted-with items first.
pub(crate) struct Popularity {
    counts: Vec<f32>,
}

impl Popularity {
    pub(crate) fn fit(train: &[&[u32]], n_items: usize) -> Self {
        let mut counts = vec![0f32; n_items];
        for seq in train {
            for &i in *seq {
                counts[i as usize] += 1.0;
            }
        }
        Self { counts }
    }
}

impl Scorer for Popularity {
    fn accumulate(&self, _: &[u32], _: &mut [f32], _: &mut Vec<u32>) {}
    fn prior(&self, item: u32) -> f32 {
        self.counts[item as usize]
    }
}

/// Classic item-based collaborative filtering: cosine similarity of items over the users
/// who had them (order ignored), a history scores a candidate by the summed similarity
/// of its items; popularity only breaks ties.
pub(crate) struct ItemKnn {
    neighbors: Vec<Vec<(u32, f32)>>,
    tie_break: Vec<f32>,
}

impl ItemKnn {
    pub(crate) fn fit(train: &[&[u32]], n_items: usize) -> Self {
        let mut counts = vec![0f32; n_items];
        let mut co: Vec<HashMap<u32, f32>> = vec![HashMap::new(); n_items];
        for seq in train {
            let mut items: Vec<u32> = seq.to_vec();
            items.sort_unstable();
            items.dedup();
            for (x, &a) in items.iter().enumerate() {
                counts[a as usize] += 1.0;
                for &b in &items[x + 1..] {
                    *co[a as usize].entry(b).or_default() += 1.0;
                    *co[b as usize].entry(a).or_default() += 1.0;
                }
            }
        }
        let neighbors = co
            .into_iter()
            .enumerate()
            .map(|(a, m)| {
                let mut v: Vec<(u32, f32)> = m
                    .into_iter()
                    .map(|(b, c)| (b, c / (counts[a] * counts[b as usize]).sqrt()))
                    .collect();
                v.sort_unstable_by_key(|x| x.0);
                v
            })
            .collect();
        let max = counts.iter().copied().fold(1.0, f32::max);
        let tie_break = counts.iter().map(|c| 1e-6 * c / max).collect();
        Self {
            neighbors,
            tie_break,
        }
    }
}

impl Scorer for ItemKnn {
    fn accumulate(&self, history: &[u32], scores: &mut [f32], touched: &mut Vec<u32>) {
        for &h in history {
            for &(c, s) in &self.neighbors[h as usize] {
                let slot = &mut scores[c as usize];
                if *slot == 0.0 {
                    touched.push(c);
                }
                *slot += s;
            }
        }
    }
    fn prior(&self, item: u32) -> f32 {
        self.tie_break[item as usize]
    }
}
