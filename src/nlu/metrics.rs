//! Evaluation: intent accuracy and macro-F1, entity-level slot precision/recall/F1 (exact span
//! and label, as conlleval/seqeval count), sentence accuracy, sentiment accuracy, per-label
//! tables and the most frequent confusions.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::data::Example;
use crate::types::Parse;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelRow {
    pub label: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Gold occurrences.
    pub support: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Confusion {
    pub gold: String,
    pub predicted: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    pub examples: usize,
    pub intent_accuracy: f64,
    pub intent_macro_f1: f64,
    pub slot_precision: f64,
    pub slot_recall: f64,
    pub slot_f1: f64,
    pub sentence_accuracy: f64,
    /// Over the rows that carry a sentiment; null when none do.
    pub sentiment_accuracy: Option<f64>,
    pub per_intent: Vec<LabelRow>,
    pub per_slot: Vec<LabelRow>,
    /// Gold → predicted intent pairs that differ, most frequent first.
    pub confusions: Vec<Confusion>,
    /// Intent confusion matrix: `matrix[gold][predicted]` over `labels`.
    pub matrix_labels: Vec<String>,
    pub matrix: Vec<Vec<usize>>,
}

/// The headline numbers a training run records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub intent_accuracy: f64,
    pub slot_f1: f64,
    pub sentence_accuracy: f64,
}

impl EvalReport {
    pub fn summary(&self) -> Summary {
        Summary {
            intent_accuracy: self.intent_accuracy,
            slot_f1: self.slot_f1,
            sentence_accuracy: self.sentence_accuracy,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn row(&self, label: &str) -> LabelRow {
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        LabelRow {
            label: label.to_string(),
            precision: p,
            recall: r,
            f1: f1(p, r),
            support: self.tp + self.fn_,
        }
    }
}

/// The predicted intent used for scoring: the top of the ranking (the threshold's
/// `nlu_fallback` is a serving decision, not a classification).
fn predicted_intent(p: &Parse) -> &str {
    p.ranking
        .first()
        .map(|r| r.0.as_str())
        .unwrap_or(p.intent.as_str())
}

/// Scores predictions against gold examples (same order, same length).
pub fn evaluate(gold: &[Example], pred: &[Parse]) -> EvalReport {
    assert_eq!(gold.len(), pred.len(), "one prediction per example");
    let n = gold.len();
    let mut intent_counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut slot_counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut pairs: HashMap<(String, String), usize> = HashMap::new();
    let (mut intent_ok, mut sentence_ok, mut sent_ok, mut sent_n) = (0, 0, 0, 0);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (g, p) in gold.iter().zip(pred) {
        let pi = predicted_intent(p);
        let intent_right = pi == g.intent;
        *pairs.entry((g.intent.clone(), pi.to_string())).or_default() += 1;
        if intent_right {
            intent_ok += 1;
            intent_counts.entry(g.intent.clone()).or_default().tp += 1;
        } else {
            intent_counts.entry(g.intent.clone()).or_default().fn_ += 1;
            intent_counts.entry(pi.to_string()).or_default().fp += 1;
        }
        let gs: BTreeSet<(&str, usize, usize)> = g
            .slots
            .iter()
            .map(|s| (s.slot.as_str(), s.start, s.end))
            .collect();
        let ps: BTreeSet<(&str, usize, usize)> = p
            .slots
            .iter()
            .map(|s| (s.slot.as_str(), s.start, s.end))
            .collect();
        for s in &gs {
            let c = slot_counts.entry(s.0.to_string()).or_default();
            if ps.contains(s) {
                tp += 1;
                c.tp += 1;
            } else {
                fn_ += 1;
                c.fn_ += 1;
            }
        }
        for s in ps.difference(&gs) {
            fp += 1;
            slot_counts.entry(s.0.to_string()).or_default().fp += 1;
        }
        if intent_right && gs == ps {
            sentence_ok += 1;
        }
        if let Some(s) = g.sentiment {
            sent_n += 1;
            if p.sentiment == s {
                sent_ok += 1;
            }
        }
    }
    let per_intent: Vec<LabelRow> = intent_counts.iter().map(|(l, c)| c.row(l)).collect();
    let per_slot: Vec<LabelRow> = slot_counts.iter().map(|(l, c)| c.row(l)).collect();
    let intent_macro_f1 = if per_intent.is_empty() {
        0.0
    } else {
        per_intent.iter().map(|r| r.f1).sum::<f64>() / per_intent.len() as f64
    };
    let slot_precision = ratio(tp, tp + fp);
    let slot_recall = ratio(tp, tp + fn_);
    let mut confusions: Vec<Confusion> = pairs
        .iter()
        .filter(|((g, p), _)| g != p)
        .map(|((g, p), &count)| Confusion {
            gold: g.clone(),
            predicted: p.clone(),
            count,
        })
        .collect();
    confusions.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.gold.cmp(&b.gold))
            .then_with(|| a.predicted.cmp(&b.predicted))
    });
    let matrix_labels: Vec<String> = intent_counts.keys().cloned().collect();
    let index: HashMap<&str, usize> = matrix_labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    let mut matrix = vec![vec![0usize; matrix_labels.len()]; matrix_labels.len()];
    for ((g, p), count) in &pairs {
        matrix[index[g.as_str()]][index[p.as_str()]] += count;
    }
    EvalReport {
        examples: n,
        intent_accuracy: ratio(intent_ok, n),
        intent_macro_f1,
        slot_precision,
        slot_recall,
        slot_f1: f1(slot_precision, slot_recall),
        sentence_accuracy: ratio(sentence_ok, n),
        sentiment_accuracy: (sent_n > 0).then(|| ratio(sent_ok, sent_n)),
        per_intent,
        per_slot,
        confusions,
        matrix_labels,
        matrix,
    }
}
