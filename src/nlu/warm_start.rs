//! Continuing a trained model on edited data (`kefu train --from DIR`): each member starts
//! from its own adapter and head weights and keeps its recipe (seed, LoRA shape, batching,
//! dropout), so a few epochs teach what the edit added instead of twenty from nothing.
//!
//! The slot types must stay what the model was trained on (every BIO tag row of the slot
//! head is tied to them). Intents may be added: the data's new intents get fresh rows of
//! the intent head, the others keep their trained rows ([`IntentRows`]), so a shop that adds
//! an intent (the cart's, December 7) continues its model instead of training afresh.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use super::artifact::{check_base, check_file, read_labels, ArtifactMeta, ADAPTER_FILE};
use super::base::BaseModel;
use super::labels::Labels;
use super::train::TrainParams;
use super::NluError;

/// Epochs and learning rate of a continued run unless told otherwise: a third of the
/// from-scratch rate, so the weights move towards the new sentences without forgetting.
pub const EPOCHS: usize = 4;
pub const LEARNING_RATE: f64 = 1e-3;

/// Recorded in meta.json: which weights a continued model started from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartedFrom {
    /// The starting member's adapter file hash and the data it had been trained on.
    pub adapter_sha256: String,
    pub data_sha256: String,
    /// Epochs it had run before (its own, plus those of any run it continued).
    pub epochs: usize,
}

/// One member to continue: its checked adapter file, its recipe and the model's labels.
#[derive(Debug, Clone)]
pub struct WarmStart {
    pub adapter: PathBuf,
    pub params: TrainParams,
    pub labels: Labels,
    pub from: StartedFrom,
}

/// The members of the model at `dir`, first member first, each with its file checked
/// against meta.json and its base against `base`.
pub fn members(dir: &Path, base: &BaseModel) -> Result<Vec<WarmStart>, NluError> {
    let meta = ArtifactMeta::read(dir)?;
    check_base(dir, &meta, base)?;
    let labels = read_labels(dir)?;
    let first = (ADAPTER_FILE, &meta);
    let rest = meta.ensemble.iter().map(|m| (m.adapter.as_str(), &*m.meta));
    std::iter::once(first)
        .chain(rest)
        .map(|(file, member)| {
            Ok(WarmStart {
                adapter: check_file(dir, file, &member.adapter_sha256)?,
                params: member.params.clone(),
                labels: labels.clone(),
                from: StartedFrom {
                    adapter_sha256: member.adapter_sha256.clone(),
                    data_sha256: member.data_sha256.clone(),
                    epochs: member.history.len()
                        + member.started_from.as_ref().map_or(0, |s| s.epochs),
                },
            })
        })
        .collect()
}

/// Where each of the data's intents finds its trained row of the intent head: `Some(row)`
/// of the model's, or `None` for an intent the model never had (a fresh row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IntentRows(pub Vec<Option<usize>>);

impl IntentRows {
    /// Whether the head is the model's as it was (same intents, same order).
    pub fn unchanged(&self) -> bool {
        self.0.iter().enumerate().all(|(i, r)| *r == Some(i))
    }

    /// The data's intent head rows: the model's trained row where the intent had one, the
    /// fresh row otherwise. `trained` is `(model intents, …)`, `fresh` `(data intents, …)`.
    pub fn merge(&self, trained: &[Vec<f32>], fresh: &[Vec<f32>]) -> Vec<Vec<f32>> {
        self.0
            .iter()
            .zip(fresh)
            .map(|(row, f)| row.map_or_else(|| f.clone(), |r| trained[r].clone()))
            .collect()
    }
}

/// Checks that a model can continue on data with `data`'s labels: the same slot types in
/// the same order, and every intent the model has still in the data (intents may be
/// added, not dropped). Names the difference otherwise.
pub(crate) fn check_labels(model: &Labels, data: &Labels) -> Result<IntentRows, NluError> {
    let diff = |what: &str, old: &[String], new: &[String], may_add: bool| {
        let added: Vec<&str> = new
            .iter()
            .filter(|n| !old.contains(n))
            .map(String::as_str)
            .collect();
        let gone: Vec<&str> = old
            .iter()
            .filter(|o| !new.contains(o))
            .map(String::as_str)
            .collect();
        let mut parts = Vec::new();
        if !added.is_empty() && !may_add {
            parts.push(format!("{what} new in the data: {}", added.join(", ")));
        }
        if !gone.is_empty() {
            parts.push(format!("{what} no longer in the data: {}", gone.join(", ")));
        }
        parts
    };
    let mut parts = diff("intents", &model.intents, &data.intents, true);
    parts.extend(diff("slot types", &model.slots, &data.slots, false));
    if parts.is_empty() && model.slots != data.slots {
        parts.push("the slot types are in another order".into());
    }
    if parts.is_empty() {
        let rows = data
            .intents
            .iter()
            .map(|i| model.intents.iter().position(|m| m == i))
            .collect();
        return Ok(IntentRows(rows));
    }
    Err(NluError::Invalid(format!(
        "cannot continue training: {} (hint: a model continues on the slot types it has \
         heads for and on all its intents, new intents allowed; train afresh without --from)",
        parts.join("; ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(intents: &[&str], slots: &[&str]) -> Labels {
        Labels {
            intents: intents.iter().map(|s| s.to_string()).collect(),
            slots: slots.iter().map(|s| s.to_string()).collect(),
            slots_by_intent: Default::default(),
        }
    }

    #[test]
    fn new_intents_may_be_added_but_slot_types_must_stay() {
        let model = labels(&["greet", "search"], &["brand", "color"]);
        let same = check_labels(&model, &labels(&["greet", "search"], &["brand", "color"]));
        assert!(same.unwrap().unchanged());
        // "buy" sorts between the two: it gets a fresh row, the others keep theirs.
        let grown = check_labels(
            &model,
            &labels(&["buy", "greet", "search"], &["brand", "color"]),
        )
        .unwrap();
        assert_eq!(grown, IntentRows(vec![None, Some(0), Some(1)]));
        assert!(!grown.unchanged());
        let merged = grown.merge(&[vec![1.0], vec![2.0]], &[vec![7.0], vec![8.0], vec![9.0]]);
        assert_eq!(merged, vec![vec![7.0], vec![1.0], vec![2.0]]);

        let err = check_labels(&model, &labels(&["greet", "search", "thanks"], &["brand"]))
            .unwrap_err()
            .to_string();
        assert!(
            !err.contains("thanks"),
            "an added intent is no error: {err}"
        );
        assert!(
            err.contains("slot types no longer in the data: color"),
            "{err}"
        );
        assert!(err.contains("hint:"), "{err}");
        let err = check_labels(&model, &labels(&["greet"], &["brand", "color"]))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("intents no longer in the data: search"),
            "{err}"
        );
        let err = check_labels(&model, &labels(&["greet", "search"], &["brand", "size"]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("slot types new in the data: size"), "{err}");
        let err = check_labels(&model, &labels(&["greet", "search"], &["color", "brand"]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("another order"), "{err}");
    }
}
