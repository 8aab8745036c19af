//! Offline evaluation on an interaction log, leave-one-out: each user's last item is the
//! test target, the second-last the validation target, the rest is training. Reports
//! HR@10 and NDCG@10 against 99 sampled negatives (seeded) and against the full catalogue,
//! for kefu's behavioural ranker and for popularity and item-kNN baselines in one run.
//! kefu's knobs are tuned on the validation targets only; the test targets are scored
//! once, with the chosen knobs.

mod baselines;
mod data;
mod metrics;

pub use data::{read_interactions, Interactions, LogFormat};
pub use metrics::{hit_and_ndcg, Metrics};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

use super::item_model::{ItemModel, ItemModelParams};
use baselines::{ItemKnn, Popularity};
use metrics::MetricSum;

pub const K: usize = 10;

#[derive(Debug, Clone)]
pub struct EvalOptions {
    pub negatives: usize,
    pub seed: u64,
    /// Tune kefu's knobs on the validation targets (else use `params` as given).
    pub tune: bool,
    pub params: ItemModelParams,
    pub progress: bool,
}

impl Default for EvalOptions {
    fn default() -> Self {
        Self {
            negatives: 99,
            seed: 42,
            tune: true,
            params: ItemModelParams::default(),
            progress: false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub sampled: BTreeMap<String, Metrics>,
    pub full: BTreeMap<String, Metrics>,
    /// The same metrics on the validation targets (sampled), which chose kefu's knobs.
    pub validation: BTreeMap<String, Metrics>,
    pub kefu_params: ItemModelParams,
    pub users: usize,
    pub evaluated_users: usize,
    pub items: usize,
    pub interactions: usize,
    pub negatives: usize,
    pub seed: u64,
    pub seconds: f64,
}

/// Something that scores every item for a history: evidence added into `scores` (sparse,
/// reset by the caller through `touched`) plus a per-item prior.
pub(crate) trait Scorer: Sync {
    fn accumulate(&self, history: &[u32], scores: &mut [f32], touched: &mut Vec<u32>);
    fn prior(&self, item: u32) -> f32;
}

impl Scorer for ItemModel {
    fn accumulate(&self, history: &[u32], scores: &mut [f32], touched: &mut Vec<u32>) {
        ItemModel::accumulate(self, history, scores, touched)
    }
    fn prior(&self, item: u32) -> f32 {
        ItemModel::prior(self, item)
    }
}

/// One user's case in one phase: the history shown, the target, the sampled negatives.
struct Case {
    user: usize,
    cut: usize,
    negatives: Vec<u32>,
}

/// Deterministic, portable randomness for the negatives (same seed → same file → same
/// numbers, on any machine and any version of `rand`).
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D1_049B_B133_111E);
    z ^ (z >> 31)
}

fn cases(data: &Interactions, from_end: usize, opts: &EvalOptions, phase: u64) -> Vec<Case> {
    let n_items = data.items.len() as u64;
    data.sequences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.len() >= 3)
        .map(|(u, seq)| {
            let seen: HashSet<u32> = seq.iter().copied().collect();
            let mut state =
                opts.seed ^ (phase << 56) ^ (u as u64).wrapping_mul(0x2545_F491_4F6C_DD1D);
            let mut negatives = Vec::with_capacity(opts.negatives);
            let mut chosen = HashSet::new();
            let available = n_items as usize - seen.len();
            while negatives.len() < opts.negatives.min(available) {
                let c = (splitmix(&mut state) % n_items) as u32;
                if !seen.contains(&c) && chosen.insert(c) {
                    negatives.push(c);
                }
            }
            Case {
                user: u,
                cut: seq.len() - from_end,
                negatives,
            }
        })
        .collect()
}

/// Training sequences for a phase: every user's sequence without its last `from_end`
/// items (users too short to be evaluated train with everything).
fn training(data: &Interactions, from_end: usize) -> Vec<&[u32]> {
    data.sequences
        .iter()
        .map(|s| {
            if s.len() >= 3 {
                &s[..s.len() - from_end]
            } else {
                &s[..]
            }
        })
        .collect()
}

/// Scores `cases` with `scorer`; `full` also ranks against every item not in the history.
fn score_cases(
    data: &Interactions,
    cases: &[Case],
    scorer: &dyn Scorer,
    full: bool,
    bar: &ProgressBar,
) -> (Metrics, Option<Metrics>) {
    let n_items = data.items.len();
    let (sampled, full_sum) = cases
        .par_iter()
        .map_init(
            || (vec![0f32; n_items], Vec::new(), Vec::<bool>::new()),
            |(scores, touched, in_history), case| {
                let seq = &data.sequences[case.user];
                let history = &seq[..case.cut];
                let target = seq[case.cut];
                scorer.accumulate(history, scores, touched);
                let value = |c: u32| scores[c as usize] + scorer.prior(c);
                let t = value(target);
                // Ties count against the target: a ranker gains nothing from saying nothing.
                let rank = case.negatives.iter().filter(|&&c| value(c) >= t).count();
                let sampled = hit_and_ndcg(rank, K);
                let full = full.then(|| {
                    if in_history.is_empty() {
                        in_history.resize(n_items, false);
                    }
                    for &h in history {
                        in_history[h as usize] = true;
                    }
                    let rank = (0..n_items as u32)
                        .filter(|&c| c != target && !in_history[c as usize] && value(c) >= t)
                        .count();
                    for &h in history {
                        in_history[h as usize] = false;
                    }
                    hit_and_ndcg(rank, K)
                });
                for &c in touched.iter() {
                    scores[c as usize] = 0.0;
                }
                touched.clear();
                bar.inc(1);
                (sampled, full)
            },
        )
        .fold(
            || (MetricSum::default(), MetricSum::default()),
            |(mut s, mut f), (hit, full)| {
                s.add(hit);
                if let Some(h) = full {
                    f.add(h);
                }
                (s, f)
            },
        )
        .reduce(
            || (MetricSum::default(), MetricSum::default()),
            |(a, b), (c, d)| (a.merge(c), b.merge(d)),
        );
    (sampled.mean(), full.then(|| full_sum.mean()))
}

fn bar(show: bool, len: u64, what: &str) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{msg:28} [{bar:30}] {pos}/{len} {elapsed_precise} eta {eta}")
            .expect("static template")
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}

/// The knob values the validation search tries, one knob at a time.
fn grid() -> Vec<(&'static str, Vec<f32>)> {
    vec![
        ("window", vec![3.0, 8.0, 20.0, 50.0]),
        ("decay", vec![0.5, 0.8, 0.9, 0.95, 1.0]),
        ("backward", vec![0.0, 0.25, 0.5, 1.0]),
        ("alpha", vec![0.0, 0.25, 0.5, 0.75]),
        ("recency", vec![0.2, 0.4, 0.6, 0.8, 0.95]),
        ("history", vec![3.0, 10.0, 50.0]),
        ("popularity", vec![0.001, 0.01, 0.05, 0.2, 1.0]),
        ("pop_exponent", vec![0.1, 0.25, 0.5, 1.0]),
        ("hop2", vec![0.0, 0.3, 1.0, 3.0]),
    ]
}

fn set(p: &mut ItemModelParams, knob: &str, v: f32) {
    match knob {
        "window" => p.window = v as usize,
        "decay" => p.decay = v,
        "backward" => p.backward = v,
        "alpha" => p.alpha = v,
        "recency" => p.recency = v,
        "history" => p.history = v as usize,
        "popularity" => p.popularity = v,
        "pop_exponent" => p.pop_exponent = v,
        "hop2" => p.hop2 = v,
        _ => unreachable!("knob {knob}"),
    }
}

/// Coordinate ascent on validation NDCG@10 (sampled): two sweeps over the knobs.
fn tune(
    data: &Interactions,
    cases: &[Case],
    start: ItemModelParams,
    show: bool,
) -> ItemModelParams {
    let train = training(data, 2);
    let grid = grid();
    let steps: usize = grid.iter().map(|(_, v)| v.len()).sum::<usize>() * 2;
    let progress = bar(show, steps as u64, "tuning on validation");
    let quiet = ProgressBar::hidden();
    let mut model = ItemModel::fit(&train, data.items.len(), start);
    let mut best = start;
    let mut best_ndcg = score_cases(data, cases, &model, false, &quiet).0.ndcg;
    for _sweep in 0..2 {
        for (knob, values) in &grid {
            for &v in values {
                let mut p = best;
                set(&mut p, knob, v);
                if p != best {
                    model = if (p.window, p.decay) != (model.params().window, model.params().decay)
                    {
                        ItemModel::fit(&train, data.items.len(), p)
                    } else {
                        model.with_scoring(p)
                    };
                    let ndcg = score_cases(data, cases, &model, false, &quiet).0.ndcg;
                    if ndcg > best_ndcg + 1e-6 {
                        best_ndcg = ndcg;
                        best = p;
                    }
                }
                progress.inc(1);
            }
            // Leave the model at the best knobs before the next one is searched.
            model = if (best.window, best.decay) != (model.params().window, model.params().decay) {
                ItemModel::fit(&train, data.items.len(), best)
            } else {
                model.with_scoring(best)
            };
        }
    }
    progress.finish_and_clear();
    best
}

pub fn evaluate(data: &Interactions, opts: &EvalOptions) -> EvalReport {
    let started = std::time::Instant::now();
    let n_items = data.items.len();
    let valid_cases = cases(data, 2, opts, 1);
    let test_cases = cases(data, 1, opts, 2);

    let params = if opts.tune && !valid_cases.is_empty() {
        tune(data, &valid_cases, opts.params, opts.progress)
    } else {
        opts.params
    };

    let mut validation = BTreeMap::new();
    let mut sampled = BTreeMap::new();
    let mut full = BTreeMap::new();
    let quiet = ProgressBar::hidden();
    for (phase, from_end, cases) in [("validation", 2, &valid_cases), ("test", 1, &test_cases)] {
        let train = training(data, from_end);
        let scorers: Vec<(&str, Box<dyn Scorer>)> = vec![
            ("kefu", Box::new(ItemModel::fit(&train, n_items, params))),
            ("popularity", Box::new(Popularity::fit(&train, n_items))),
            ("item_knn", Box::new(ItemKnn::fit(&train, n_items))),
        ];
        for (name, scorer) in &scorers {
            if phase == "validation" {
                let (s, _) = score_cases(data, cases, scorer.as_ref(), false, &quiet);
                validation.insert(name.to_string(), s);
            } else {
                let progress = bar(opts.progress, cases.len() as u64, &format!("test: {name}"));
                let (s, f) = score_cases(data, cases, scorer.as_ref(), true, &progress);
                progress.finish_and_clear();
                sampled.insert(name.to_string(), s);
                full.insert(name.to_string(), f.expect("full ranking requested"));
            }
        }
    }
    EvalReport {
        sampled,
        full,
        validation,
        kefu_params: params,
        users: data.users.len(),
        evaluated_users: test_cases.len(),
        items: n_items,
        interactions: data.interactions(),
        negatives: opts.negatives,
        seed: opts.seed,
        seconds: started.elapsed().as_secs_f64(),
    }
}
