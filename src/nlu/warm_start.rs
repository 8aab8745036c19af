//! Continuing a trained model on edited data (`kefu train --from DIR`): each member starts
//! from its own adapter and head weights and keeps its recipe (seed, LoRA shape, batching,
//! dropout), so a few epochs teach what the edit added instead of twenty from nothing.
//!
//! The labels must stay what the model was trained on: a new intent or slot type has no
//! head row to start from, so that needs training afresh.

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

/// Refuses data whose intents or slot types differ from the model's, naming the difference.
pub(crate) fn check_labels(model: &Labels, data: &Labels) -> Result<(), NluError> {
    let diff = |what: &str, old: &[String], new: &[String]| {
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
        if !added.is_empty() {
            parts.push(format!("{what} new in the data: {}", added.join(", ")));
        }
        if !gone.is_empty() {
            parts.push(format!("{what} no longer in the data: {}", gone.join(", ")));
        }
        parts
    };
    let mut parts = diff("intents", &model.intents, &data.intents);
    parts.extend(diff("slot types", &model.slots, &data.slots));
    if parts.is_empty() && (model.intents != data.intents || model.slots != data.slots) {
        parts.push("the labels are in another order".into());
    }
    if parts.is_empty() {
        return Ok(());
    }
    Err(NluError::Invalid(format!(
        "cannot continue training: {} (hint: a model can only continue on the labels it \
         has heads for; train afresh without --from)",
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
    fn only_the_same_intents_and_slot_types_may_continue() {
        let model = labels(&["greet", "search"], &["brand", "color"]);
        assert!(check_labels(&model, &labels(&["greet", "search"], &["brand", "color"])).is_ok());
        let err = check_labels(&model, &labels(&["greet", "search", "thanks"], &["brand"]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("intents new in the data: thanks"), "{err}");
        assert!(
            err.contains("slot types no longer in the data: color"),
            "{err}"
        );
        assert!(err.contains("hint:"), "{err}");
        let err = check_labels(&model, &labels(&["search", "greet"], &["brand", "color"]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("another order"), "{err}");
    }
}
