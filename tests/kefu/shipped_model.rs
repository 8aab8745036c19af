//! The gate on the shipped default model (models/kefu-nlu): it was trained on the NLU data
//! as it is now, and it reaches its accuracy bars on the test file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kefu::nlu::{artifact, data, default_device, evaluate, predict_all, ArtifactMeta, Vocabulary};

/// What the failure messages tell to run: afresh, or (sentences only added) continued.
const RETRAIN: &str = "run `bash scripts/train-shipped-nlu.sh` (or, when sentences were only added, `FROM=models/kefu-nlu bash scripts/train-shipped-nlu.sh`)";
/// Issue #4's bar for intent accuracy, which the shipped ensemble meets (95.1 %).
const INTENT_ACCURACY_BAR: f64 = 0.93;
/// Issue #4's bar for slot F1, which the shipped ensemble meets as `kefu serve` answers,
/// with the shop's vocabulary (88.29 %; the model alone 87.62 %, docs/nlu.md).
const SLOT_F1_BAR: f64 = 0.88;

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
        "the training files in knowledge/nlu are not the ones models/kefu-nlu was trained on: {RETRAIN}"
    );
    // meta.json's paths are relative to the repository root, where cargo runs tests
    std::env::set_current_dir(root()).unwrap();
    assert_eq!(
        kefu::nlu::training_data_is_current(&model).unwrap(),
        Some(true),
        "knowledge/nlu changed since models/kefu-nlu was trained: {RETRAIN}"
    );
}

/// The intents and slot types a shipped model's labels.json lists.
fn model_labels(dir: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let labels: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join(dir).join("labels.json")).unwrap(),
    )
    .unwrap();
    let set = |key: &str| serde_json::from_value::<BTreeSet<String>>(labels[key].clone()).unwrap();
    (set("intents"), set("slots"))
}

#[test]
fn the_shipped_models_know_the_intents_and_slot_kinds_the_dialogue_acts_on() {
    use kefu::types::{Intent, SlotKind};
    let all_intents: BTreeSet<String> = Intent::ALL.iter().map(|i| i.to_string()).collect();
    let all_slots: BTreeSet<String> = SlotKind::ALL.iter().map(|k| k.to_string()).collect();
    let (intents, slots) = model_labels("models/kefu-nlu");
    assert_eq!(
        intents, all_intents,
        "English: every intent, the cart's included"
    );
    assert_eq!(slots, all_slots);
    let (zh_intents, zh_slots) = model_labels("models/kefu-nlu-zh");
    assert_eq!(
        zh_intents, all_intents,
        "Chinese: the same, the cart's included"
    );
    assert_eq!(zh_slots, all_slots);
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
    // meta.json records the model's own scores; the bars hold what `kefu serve` answers,
    // the model with the shop's vocabulary (knowledge/nlu/vocabulary.tsv)
    let alone = predict_all(&model, &examples).unwrap();
    let vocabulary =
        Vocabulary::read(&root().join("knowledge/nlu/vocabulary.tsv"), &model.labels).unwrap();
    let mut served = alone.clone();
    let renamed: usize = served
        .iter_mut()
        .map(|p| vocabulary.relabel(&model.labels, p))
        .sum();
    let alone = evaluate(&examples, &alone);
    let report = evaluate(&examples, &served);
    assert!(
        report.slot_f1 >= alone.slot_f1,
        "the vocabulary ({renamed} slots renamed) lowered slot F1 from {:.2}% to {:.2}%",
        alone.slot_f1 * 100.0,
        report.slot_f1 * 100.0
    );
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
    assert!((recorded.intent_accuracy - alone.intent_accuracy).abs() < 0.005);
    assert!((recorded.slot_f1 - alone.slot_f1).abs() < 0.005);
}

/// A few messages in the layout of Bitext's customer-support CSV (written here, not taken
/// from it), a quoted response running over two lines as in the real file.
const BITEXT_LIKE_CSV: &str = "\
flags,instruction,category,intent,entity_type,entity_value,start_offset,end_offset,tags,response
B,where is my order 88213 pls,ORDER,track_order,order_id,88213,18,23,BQ,\"It is on its way,
see {{Order Tracking}}.\"
B,do u ship to Lisbon,DELIVERY,delivery_options,delivery_city,Lisbon,13,19,Q,We do.
B,i want to talk to a real person,CONTACT,contact_human_agent,,,,,B,Sure.
B,how do i make an account,ACCOUNT,create_account,,,,,B,Like this.
B,sing me a song,FUN,sing_a_song,,,,,B,No.
";

#[test]
fn kefu_eval_bitext_scores_the_mapped_messages_and_names_a_missing_column() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bitext.csv");
    std::fs::write(&csv, BITEXT_LIKE_CSV).unwrap();
    let json = dir.path().join("report.json");
    let model = root().join("models/kefu-nlu");
    let base = root().join("models/base/all-MiniLM-L6-v2");
    let run = |csv: &Path| {
        super::foundation::kefu()
            .current_dir(root())
            .args(["eval", "bitext", "--csv"])
            .arg(csv)
            .arg("--model")
            .arg(&model)
            .arg("--base")
            .arg(&base)
            .arg("--json")
            .arg(&json)
            .output()
            .unwrap()
    };
    let out = run(&csv);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    // three messages with a kefu intent; the account one is described, the unknown one counted
    assert_eq!(report["accuracy"]["n"], 3);
    assert_eq!(report["unscored"][0]["bitext"], "create_account");
    assert_eq!(report["unknown_intents"], 1);
    let slot = |name: &str| {
        report["slots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["slot"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(slot("order_id")["gold"], 1);
    assert_eq!(slot("order_id")["correct"], 1, "the order id is found");
    assert_eq!(slot("location")["gold"], 1);
    let svg = std::fs::read_to_string(json.with_extension("svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("create_account (no kefu intent)"));

    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, "instruction,entity_type\nhello,\n").unwrap();
    std::fs::remove_file(&json).unwrap();
    let out = run(&broken);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no `intent` column"), "{err}");
    assert!(!json.exists(), "a refused file writes no report");
}

#[test]
fn kefu_eval_oos_holds_the_pick_to_both_shop_sets() {
    let dir = tempfile::tempdir().unwrap();
    let clinc = dir.path().join("clinc.json");
    // CLINC150's layout, with off-topic questions written here
    std::fs::write(
        &clinc,
        r#"{"oos_test": [["will it rain in oslo tomorrow", "oos"], ["who won the match last night", "oos"],
            ["what is the square root of 81", "oos"], ["book me a table for two at eight", "oos"]]}"#,
    )
    .unwrap();
    let shop = dir.path().join("shop.jsonl");
    std::fs::write(
        &shop,
        "{\"text\":\"where is my order 88213\",\"intent\":\"order_status\",\"slots\":[]}\n\
         {\"text\":\"show me running shoes\",\"intent\":\"search_product\",\"slots\":[]}\n",
    )
    .unwrap();
    let csv = dir.path().join("bitext.csv");
    std::fs::write(&csv, BITEXT_LIKE_CSV).unwrap();
    let json = dir.path().join("oos.json");
    let out = super::foundation::kefu()
        .current_dir(root())
        .args(["eval", "oos", "--clinc"])
        .arg(&clinc)
        .arg("--shop")
        .arg(&shop)
        .arg("--bitext")
        .arg(&csv)
        .arg("--json")
        .arg(&json)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Bitext refused"), "{stdout}");
    assert!(
        stdout.contains("of Bitext's"),
        "the shipped line names both sets: {stdout}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let ours = report["sweep"].as_array().unwrap();
    let theirs = report["bitext_sweep"].as_array().unwrap();
    assert_eq!((ours.len(), theirs.len()), (20, 20));
    let share = |p: &serde_json::Value| p["wrongly_refused"].as_f64().unwrap();
    // a threshold refuses more the higher it is, on both sets
    for k in 1..20 {
        assert!(share(&ours[k]) >= share(&ours[k - 1]));
        assert!(share(&theirs[k]) >= share(&theirs[k - 1]));
    }
    // the pick keeps within the budget on each set, whichever refuses more
    let picked = report["picked"]["threshold"].as_f64().unwrap();
    let at = |points: &[serde_json::Value]| {
        points
            .iter()
            .find(|p| (p["threshold"].as_f64().unwrap() - picked).abs() < 1e-6)
            .map(share)
            .unwrap()
    };
    assert!(at(ours) <= 0.03 + 1e-9 && at(theirs) <= 0.03 + 1e-9);
    assert!(
        (report["picked"]["wrongly_refused"].as_f64().unwrap() - at(ours).max(at(theirs))).abs()
            < 1e-9
    );
    assert!(std::fs::read_to_string(json.with_extension("svg"))
        .unwrap()
        .contains("Bitext"));
}

/// Floors under the shipped Chinese model (models/kefu-nlu-zh, an ensemble of two), today's
/// scores less a little: issue 32 asks for 95 % intent accuracy and 88 % slot F1 on Chinese
/// messages; the model meets the slot goal and not yet the intent one (93.8 % / 91.3 %,
/// docs/nlu.md "Languages"). The floors keep a retrained one from falling back unnoticed.
const ZH_INTENT_ACCURACY_FLOOR: f64 = 0.93;
const ZH_SLOT_F1_FLOOR: f64 = 0.90;

#[test]
fn the_shipped_chinese_model_is_current_and_holds_its_scores() {
    std::env::set_current_dir(root()).unwrap();
    let retrain = "run `bash scripts/train-shipped-nlu-zh.sh`";
    let model_dir = root().join("models/kefu-nlu-zh");
    assert_eq!(
        kefu::nlu::training_data_is_current(&model_dir).unwrap(),
        Some(true),
        "knowledge/nlu/zh changed since models/kefu-nlu-zh was trained: {retrain}"
    );
    let base = root().join("models/base/multilingual-e5-small");
    assert!(
        base.join("model.safetensors").exists(),
        "run `kefu model fetch --base multilingual-e5-small` (scripts/test.sh does)"
    );
    kefu::nlu::set_compute_threads(2);
    let (model, meta) = artifact::load(&model_dir, &base, &default_device(), 0.0, 3).unwrap();
    let examples = data::load(&root().join("knowledge/nlu/zh/test.jsonl"))
        .unwrap()
        .examples;
    assert!(examples.len() >= 500, "the Chinese test file shrank");
    let report = evaluate(&examples, &predict_all(&model, &examples).unwrap());
    assert!(
        report.intent_accuracy >= ZH_INTENT_ACCURACY_FLOOR && report.slot_f1 >= ZH_SLOT_F1_FLOOR,
        "intent {:.2}% / slot F1 {:.2}% under the floors: {retrain}",
        report.intent_accuracy * 100.0,
        report.slot_f1 * 100.0
    );
    let recorded = meta.test_metrics.expect("meta.json records test metrics");
    assert!((recorded.intent_accuracy - report.intent_accuracy).abs() < 0.005);
    assert!((recorded.slot_f1 - report.slot_f1).abs() < 0.005);
}
