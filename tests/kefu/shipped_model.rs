//! The gate on the shipped default model (models/kefu-nlu): it was trained on the NLU data
//! as it is now, and it reaches its accuracy bars on the test file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kefu::nlu::{artifact, data, default_device, evaluate, predict_all, ArtifactMeta};

const RETRAIN: &str = "bash scripts/train-shipped-nlu.sh";
/// Issue #4's bar for intent accuracy, which the shipped ensemble meets (95.5 %).
const INTENT_ACCURACY_BAR: f64 = 0.93;
/// A regression floor under the shipped ensemble's 86.25 %. Issue #4 asks for 88 %, which
/// it does not reach (docs/nlu.md, "The shipped model"); the issue stays open until a
/// model does, and then this becomes 0.88.
const SLOT_F1_BAR: f64 = 0.86;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Training files in knowledge/nlu as meta.json names them (relative to the repository).
fn training_files_on_disk(nlu_dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(nlu_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name != "test.jsonl"
                && [".jsonl", ".yml", ".yaml"]
                    .iter()
                    .any(|ext| name.ends_with(ext))
        })
        .map(|name| format!("knowledge/nlu/{name}"))
        .collect()
}

#[test]
fn the_shipped_model_was_trained_on_the_current_nlu_data() {
    let model = root().join("models/kefu-nlu");
    let meta = ArtifactMeta::read(&model).unwrap();
    let recorded: BTreeSet<String> = meta.data_files.iter().cloned().collect();
    assert_eq!(
        training_files_on_disk(&root().join("knowledge/nlu")),
        recorded,
        "the training files in knowledge/nlu are not the ones models/kefu-nlu was trained on: run `{RETRAIN}`"
    );
    // meta.json's paths are relative to the repository root, where cargo runs tests
    std::env::set_current_dir(root()).unwrap();
    assert_eq!(
        kefu::nlu::training_data_is_current(&model).unwrap(),
        Some(true),
        "knowledge/nlu changed since models/kefu-nlu was trained: run `{RETRAIN}`"
    );
}

#[test]
fn the_shipped_model_reaches_its_bars_on_the_test_file() {
    kefu::nlu::set_compute_threads(2);
    let model_dir = root().join("models/kefu-nlu");
    let base = root().join("models/base/all-MiniLM-L6-v2");
    let (model, meta) = artifact::load(&model_dir, &base, &default_device(), 0.0, 3).unwrap();
    let examples = data::load(&root().join("knowledge/nlu/test.jsonl"))
        .unwrap()
        .examples;
    assert!(examples.len() >= 350, "the test file shrank");
    let report = evaluate(&examples, &predict_all(&model, &examples).unwrap());
    assert!(
        report.intent_accuracy >= INTENT_ACCURACY_BAR,
        "intent accuracy {:.2}% is under the {:.0}% bar",
        report.intent_accuracy * 100.0,
        INTENT_ACCURACY_BAR * 100.0
    );
    assert!(
        report.slot_f1 >= SLOT_F1_BAR,
        "slot F1 {:.2}% is under the {:.0}% bar",
        report.slot_f1 * 100.0,
        SLOT_F1_BAR * 100.0
    );
    // meta.json's recorded test metrics are the ones the model really gets
    let recorded = meta.test_metrics.expect("meta.json records test metrics");
    assert!((recorded.intent_accuracy - report.intent_accuracy).abs() < 0.005);
    assert!((recorded.slot_f1 - report.slot_f1).abs() < 0.005);
}
