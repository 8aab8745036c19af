//! Ensembles: trained models packed into one artifact that averages them, on a seeded tiny
//! BERT (the shipped ensemble is held to its bars in shipped_model.rs).

use candle_core::Device;
use kefu::nlu::{
    artifact, ensemble, BaseModel, Engine, Labels, Nlu, NluConfig, NluError, NluModel, TrainParams,
    Trainer,
};
use std::path::{Path, PathBuf};

use super::nlu::{synthetic, tiny_base, tiny_params};

fn save(trainer: &Trainer, base: &BaseModel, dir: &Path, data_sha256: &str) {
    let info = artifact::SaveInfo {
        base,
        data_sha256: data_sha256.to_string(),
        data_files: vec!["train.jsonl".into()],
        train_examples: 24,
        dev_examples: 0,
        history: vec![],
        dev_metrics: None,
        test_metrics: None,
        train_seconds: 1.0,
        started_from: None,
    };
    artifact::save(trainer, dir, info).unwrap();
}

fn trained(base: &BaseModel, seed: u64) -> Trainer {
    let train = synthetic();
    let labels = Labels::from_examples(&train);
    let params = TrainParams {
        seed,
        ..tiny_params(6)
    };
    let mut trainer = Trainer::new(base, &Device::Cpu, labels, params).unwrap();
    trainer.fit(&train, &train, false).unwrap();
    trainer
}

fn load(dir: &Path, base: &BaseModel) -> NluModel {
    let (mut model, _) = artifact::load(dir, &base.dir, &Device::Cpu, 0.0, 3).unwrap();
    model.set_engine(Engine::Fast, 2).unwrap();
    model
}

fn log_softmax(xs: &[f32]) -> Vec<f32> {
    let max = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let log_z = xs.iter().map(|x| (x - max).exp()).sum::<f32>().ln() + max;
    xs.iter().map(|x| x - log_z).collect()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_ensemble_averages_its_members_and_refuses_what_cannot_be_averaged() {
    let (tmp, base) = tiny_base();
    let dir = |name: &str| -> PathBuf { tmp.path().join(name) };
    let hash = "a".repeat(64);
    save(&trained(&base, 1), &base, &dir("one"), &hash);
    save(&trained(&base, 2), &base, &dir("two"), &hash);

    let meta = ensemble::combine(&[dir("one"), dir("two")], &dir("both")).unwrap();
    assert_eq!(meta.ensemble.len(), 1);
    assert_eq!(meta.ensemble[0].meta.seed, 2);
    assert_eq!(meta.ensemble[0].adapter, "adapter.2.safetensors");
    assert_eq!(
        files_in(&dir("both")),
        [
            "adapter.2.safetensors",
            "adapter.safetensors",
            "labels.json",
            "meta.json"
        ]
    );
    assert_eq!(artifact::ArtifactMeta::read(&dir("both")).unwrap(), meta);

    let (one, two, both) = (
        load(&dir("one"), &base),
        load(&dir("two"), &base),
        load(&dir("both"), &base),
    );
    assert_eq!((one.members(), both.members()), (1, 2));
    let examples = synthetic();
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let (a, b, avg) = (
        one.scores(&texts).unwrap(),
        two.scores(&texts).unwrap(),
        both.scores(&texts).unwrap(),
    );
    let mut differ = 0f32;
    for ((a, b), avg) in a.iter().zip(&b).zip(&avg) {
        for ((x, y), m) in a.intent.iter().zip(&b.intent).zip(&avg.intent) {
            assert!(
                (m - (x + y) / 2.0).abs() < 1e-5,
                "intent {m} is not the mean of {x} and {y}"
            );
            differ = differ.max((x - y).abs());
        }
        for ((x, y), m) in a.sentiment.iter().zip(&b.sentiment).zip(&avg.sentiment) {
            assert!((m - (x + y) / 2.0).abs() < 1e-5);
        }
        for ((x, y), m) in a
            .slot_logits
            .iter()
            .zip(&b.slot_logits)
            .zip(&avg.slot_logits)
        {
            for ((x, y), m) in log_softmax(x).iter().zip(log_softmax(y)).zip(m) {
                assert!(
                    (m - (x + y) / 2.0).abs() < 1e-4,
                    "slot log-probability {m} is not the mean of {x} and {y}"
                );
            }
        }
    }
    assert!(
        differ > 1e-3,
        "the two seeds trained the same model, so averaging proved nothing"
    );
    // The ensemble parses through the same decoding as a single model.
    let parses = both.parse_batch(&texts).unwrap();
    assert_eq!(parses.len(), texts.len());
    assert!(parses
        .iter()
        .all(|p| both.labels.intents.contains(&p.intent)));

    // nlu.members = 1: the server runs the first member alone, and parses as that model does
    let mut first = load(&dir("both"), &base);
    assert_eq!(first.keep_members(0), 2, "0 keeps every member");
    assert_eq!(
        first.keep_members(5),
        2,
        "more than there are keeps every member"
    );
    let config = NluConfig {
        members: 1,
        threshold: 0.0,
        engine: Engine::Fast,
        cache_size: 0,
        ..NluConfig::default()
    };
    let served = Nlu::start(first, &config);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    for text in &texts {
        let (got, alone) = (
            runtime.block_on(served.parse(text)).unwrap(),
            one.parse(text).unwrap(),
        );
        assert_eq!(got.intent, alone.intent, "{text}");
        assert_eq!(got.slots, alone.slots, "{text}");
        for ((a, p), (b, q)) in got.ranking.iter().zip(&alone.ranking) {
            assert_eq!(a, b);
            assert!((p - q).abs() < 1e-6, "{text}: {p} against {q}");
        }
    }
    let ensemble_top = both.parse(texts[0]).unwrap().ranking[0].1;
    let first_top = one.parse(texts[0]).unwrap().ranking[0].1;
    assert!(
        (ensemble_top - first_top).abs() > 1e-6,
        "the ensemble and its first member agree exactly, so the check above proved nothing"
    );

    // Refused, and nothing written: too few members, the same model twice, an ensemble as
    // a member, other data, other labels, a corrupt member, a folder that holds files.
    let refused = |members: &[&str], out: &str| -> NluError {
        let members: Vec<PathBuf> = members.iter().map(|m| dir(m)).collect();
        ensemble::combine(&members, &dir(out)).expect_err("must be refused")
    };
    assert!(refused(&["one"], "x")
        .to_string()
        .contains("two members or more"));
    assert!(!dir("x").exists());
    std::fs::create_dir_all(dir("copy")).unwrap();
    for f in files_in(&dir("one")) {
        std::fs::copy(dir("one").join(&f), dir("copy").join(&f)).unwrap();
    }
    assert!(refused(&["one", "copy"], "x")
        .to_string()
        .contains("same model"));
    assert!(refused(&["both", "one"], "x")
        .to_string()
        .contains("ensemble already"));
    save(
        &trained(&base, 3),
        &base,
        &dir("other-data"),
        &"b".repeat(64),
    );
    assert!(refused(&["one", "other-data"], "x")
        .to_string()
        .contains("other data"));
    let few: Vec<_> = synthetic()
        .into_iter()
        .filter(|e| e.intent != "complain")
        .collect();
    let untrained = Trainer::new(
        &base,
        &Device::Cpu,
        Labels::from_examples(&few),
        tiny_params(1),
    )
    .unwrap();
    save(&untrained, &base, &dir("other-labels"), &hash);
    assert!(refused(&["one", "other-labels"], "x")
        .to_string()
        .contains("other intents or slot types"));
    let adapter = dir("copy").join(artifact::ADAPTER_FILE);
    let bytes = std::fs::read(&adapter).unwrap();
    std::fs::write(&adapter, &bytes[..bytes.len() / 2]).unwrap();
    assert!(refused(&["two", "copy"], "x")
        .to_string()
        .contains("corrupt or truncated"));
    assert!(
        !dir("x").exists(),
        "a refused ensemble left a folder behind"
    );
    assert!(
        !files_in(tmp.path()).iter().any(|f| f.starts_with('.')),
        "staging left behind"
    );
    assert!(refused(&["one", "two"], "both")
        .to_string()
        .contains("already holds files"));
    assert_eq!(artifact::ArtifactMeta::read(&dir("both")).unwrap(), meta);

    // nlu.members = 1 builds the first member only
    let (first_only, _) =
        artifact::load_members(&dir("both"), &base.dir, &Device::Cpu, 0.0, 3, 1).unwrap();
    assert_eq!(first_only.members(), 1);

    // A member's adapter damaged inside the ensemble is caught at load, by name, also when
    // only the first member is to run.
    let member = dir("both").join("adapter.2.safetensors");
    let bytes = std::fs::read(&member).unwrap();
    std::fs::write(&member, &bytes[..bytes.len() - 10]).unwrap();
    let err = artifact::load(&dir("both"), &base.dir, &Device::Cpu, 0.0, 3)
        .err()
        .expect("must fail");
    assert!(
        err.to_string()
            .contains("adapter.2.safetensors is corrupt or truncated"),
        "{err}"
    );
    let err = artifact::load_members(&dir("both"), &base.dir, &Device::Cpu, 0.0, 3, 1)
        .err()
        .expect("must fail");
    assert!(err.to_string().contains("adapter.2.safetensors"), "{err}");
}

/// The kefu binary run in `dir`, with no config file but what `dir` holds.
pub(super) fn kefu_in(dir: &Path) -> std::process::Command {
    let mut cmd = super::foundation::kefu();
    cmd.current_dir(dir).env_remove("KEFU_CONFIG");
    cmd
}

#[test]
fn kefu_train_members_trains_each_seed_and_ships_one_scored_ensemble() {
    let (tmp, base) = tiny_base();
    let lines: String = synthetic()
        .iter()
        .map(|e| {
            serde_json::json!({"text": e.text, "intent": e.intent, "slots": e.slots}).to_string()
                + "\n"
        })
        .collect();
    std::fs::write(tmp.path().join("train.jsonl"), &lines).unwrap();
    let out = kefu_in(tmp.path())
        .args(["train", "--data", "train.jsonl", "--test", "train.jsonl"])
        .args([
            "--epochs",
            "2",
            "--seed",
            "5",
            "--members",
            "3",
            "--out",
            "ens",
        ])
        .arg("--base")
        .arg(&base.dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("an ensemble of 3 members"), "{stdout}");

    let dir = tmp.path().join("ens");
    let meta = artifact::ArtifactMeta::read(&dir).unwrap();
    assert_eq!(meta.seed, 5);
    let seeds: Vec<u64> = meta.ensemble.iter().map(|m| m.meta.seed).collect();
    assert_eq!(seeds, [6, 7]);
    let shas: std::collections::HashSet<_> = std::iter::once(&meta.adapter_sha256)
        .chain(meta.ensemble.iter().map(|m| &m.meta.adapter_sha256))
        .collect();
    assert_eq!(shas.len(), 3, "three seeds, three different members");
    // The recorded test metrics are the ensemble's own.
    // (loaded as the command scores it: on the default engine)
    let (model, _) = artifact::load(&dir, &base.dir, &Device::Cpu, 0.0, 3).unwrap();
    assert_eq!(model.members(), 3);
    let examples = synthetic();
    let scores = kefu::nlu::evaluate(
        &examples,
        &kefu::nlu::predict_all(&model, &examples).unwrap(),
    );
    let recorded = meta
        .test_metrics
        .expect("the ensemble's test metrics are recorded");
    assert!((recorded.intent_accuracy - scores.intent_accuracy).abs() < 1e-9);
    assert!((recorded.slot_f1 - scores.slot_f1).abs() < 1e-9);
    // Only the artifact is left: no member folders, no staging.
    assert_eq!(
        files_in(tmp.path())
            .iter()
            .filter(|f| f.starts_with("ens"))
            .collect::<Vec<_>>(),
        ["ens"]
    );

    // `kefu ensemble` refuses an ensemble as a member with its reason and hint, and writes
    // nothing.
    let out = kefu_in(tmp.path())
        .args(["ensemble", "--out", "again", "ens", "ens"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("ens is an ensemble already"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert!(!tmp.path().join("again").exists());
}

/// Every tensor of two adapter files, by name; equal when the weights are.
fn adapter_tensors(path: &Path) -> Vec<(String, Vec<f32>)> {
    let mut tensors: Vec<(String, Vec<f32>)> = candle_core::safetensors::load(path, &Device::Cpu)
        .unwrap()
        .into_iter()
        .map(|(n, t)| (n, t.flatten_all().unwrap().to_vec1::<f32>().unwrap()))
        .collect();
    tensors.sort_by(|a, b| a.0.cmp(&b.0));
    tensors
}

#[test]
fn kefu_train_from_continues_each_member_from_its_own_weights() {
    let (tmp, base) = tiny_base();
    let jsonl = |examples: &[kefu::nlu::Example]| -> String {
        examples
            .iter()
            .map(|e| {
                serde_json::json!({"text": e.text, "intent": e.intent, "slots": e.slots})
                    .to_string()
                    + "\n"
            })
            .collect()
    };
    std::fs::write(tmp.path().join("train.jsonl"), jsonl(&synthetic())).unwrap();
    // `args`: the flags after the data, space-separated
    let train = |args: &str| {
        let out = kefu_in(tmp.path())
            .args(["train", "--data", "train.jsonl", "--test", "train.jsonl"])
            .args(args.split_whitespace())
            .arg("--base")
            .arg(&base.dir)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, stdout, stderr) = train("--epochs 2 --seed 5 --members 2 --out ens");
    assert!(ok, "{stdout}\n{stderr}");
    let source = artifact::ArtifactMeta::read(&tmp.path().join("ens")).unwrap();
    // a two-member artifact's adapter files, first member first
    let adapters = |dir: &str, meta: &artifact::ArtifactMeta| {
        [artifact::ADAPTER_FILE, meta.ensemble[0].adapter.as_str()]
            .map(|file| tmp.path().join(dir).join(file))
    };
    let source_adapters = adapters("ens", &source);

    // At learning rate 0 a continued model is its source, member by member: the weights
    // were loaded, not drawn afresh. It stays a two-member ensemble with the same seeds.
    let (ok, stdout, stderr) = train("--from ens --epochs 1 --learning-rate 0 --out same");
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stdout.contains("an ensemble of 2 members"), "{stdout}");
    assert!(stderr.contains("continuing from"), "{stderr}");
    let same = artifact::ArtifactMeta::read(&tmp.path().join("same")).unwrap();
    assert_eq!(same.seed, 5);
    assert_eq!(same.ensemble[0].meta.seed, 6);
    assert_eq!(same.params.epochs, 1);
    let from = same
        .started_from
        .as_ref()
        .expect("records where it started");
    assert_eq!(from.adapter_sha256, source.adapter_sha256);
    assert_eq!(from.data_sha256, source.data_sha256);
    assert_eq!(from.epochs, source.history.len());
    assert_eq!(
        same.ensemble[0]
            .meta
            .started_from
            .as_ref()
            .unwrap()
            .adapter_sha256,
        source.ensemble[0].meta.adapter_sha256
    );
    for (a, b) in source_adapters.iter().zip(&adapters("same", &same)) {
        assert_eq!(adapter_tensors(a), adapter_tensors(b));
    }

    // One member alone, at the default continuing rate: a single model that moved away
    // from member 2 and says it started there.
    let (ok, stdout, stderr) = train("--from ens --from-member 2 --epochs 1 --out second");
    assert!(ok, "{stdout}\n{stderr}");
    let second = artifact::ArtifactMeta::read(&tmp.path().join("second")).unwrap();
    assert!(second.ensemble.is_empty());
    assert_eq!(second.seed, 6);
    assert_eq!(
        second.params.learning_rate,
        kefu::nlu::warm_start::LEARNING_RATE
    );
    assert_eq!(
        second.started_from.unwrap().adapter_sha256,
        source.ensemble[0].meta.adapter_sha256
    );
    assert_ne!(
        adapter_tensors(&tmp.path().join("second").join(artifact::ADAPTER_FILE)),
        adapter_tensors(&source_adapters[1])
    );

    // Data with an intent the model never had ("haggle", sorted first): the model goes on
    // with a fresh intent head row for it and its trained rows for the others. At learning
    // rate 0 those rows are the source member's, bit for bit.
    let mut more = synthetic();
    more.push(kefu::nlu::Example {
        intent: "haggle".into(),
        text: "would you take less for it".into(),
        slots: vec![],
        ..more[0].clone()
    });
    std::fs::write(tmp.path().join("more.jsonl"), jsonl(&more)).unwrap();
    let continue_on = |data: &str, out: &str| {
        kefu_in(tmp.path())
            .args(["train", "--data", data, "--from", "ens", "--epochs", "1"])
            .args(["--learning-rate", "0", "--out", out])
            .arg("--base")
            .arg(&base.dir)
            .output()
            .unwrap()
    };
    let out = continue_on("more.jsonl", "grown");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let intents = |dir: &str| -> Vec<String> {
        let labels: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(tmp.path().join(dir).join("labels.json")).unwrap(),
        )
        .unwrap();
        serde_json::from_value(labels["intents"].clone()).unwrap()
    };
    let (was_intents, now_intents) = (intents("ens"), intents("grown"));
    let mut expected = was_intents.clone();
    expected.push("haggle".into());
    expected.sort();
    assert_eq!(now_intents, expected);
    let grown = artifact::ArtifactMeta::read(&tmp.path().join("grown")).unwrap();
    for (a, b) in source_adapters.iter().zip(&adapters("grown", &grown)) {
        let (a, b) = (adapter_tensors(a), adapter_tensors(b));
        for ((name, was), (_, now)) in a.iter().zip(&b) {
            if !(name.ends_with("head.intent.weight") || name.ends_with("head.intent.bias")) {
                assert_eq!(was, now, "{name}");
                continue;
            }
            let row = was.len() / was_intents.len();
            assert_eq!(now.len(), now_intents.len() * row, "{name}: one row more");
            for (i, intent) in now_intents.iter().enumerate() {
                let Some(j) = was_intents.iter().position(|w| w == intent) else {
                    continue;
                };
                assert_eq!(
                    &now[i * row..(i + 1) * row],
                    &was[j * row..(j + 1) * row],
                    "{name}: {intent} keeps its trained row"
                );
            }
        }
    }

    // Refused, with nothing written: data with a slot type the model has no tags for, a
    // member it does not have, and flags that would change a member's recipe.
    let mut other_slot = synthetic();
    for e in &mut other_slot {
        for s in &mut e.slots {
            s.slot = "hue".into();
        }
    }
    std::fs::write(tmp.path().join("hue.jsonl"), jsonl(&other_slot)).unwrap();
    let out = continue_on("hue.jsonl", "new");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("slot types new in the data: hue"),
        "{stderr}"
    );
    assert!(stderr.contains("hint:"), "{stderr}");
    let (ok, _, stderr) = train("--from ens --from-member 3 --out new");
    assert!(!ok);
    assert!(stderr.contains("has members 1 to 2"), "{stderr}");
    let (ok, _, stderr) = train("--from ens --lora-rank 4 --out new");
    assert!(!ok);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
    assert!(!tmp.path().join("new").exists());
}

/// `kefu merge`: an ensemble's members become one model whose adapter updates are their
/// mean. Merging an ensemble of one model twice must give that model back exactly (a wrong
/// scale or a misplaced block would not); two different members give one model of twice the
/// rank that loads, parses and continues like any other.
#[test]
fn merging_an_ensemble_gives_one_model_with_the_mean_of_its_members_updates() {
    use kefu::nlu::{merge, warm_start};
    let (tmp, base) = tiny_base();
    let dir = |name: &str| -> PathBuf { tmp.path().join(name) };
    let hash = "a".repeat(64);
    save(&trained(&base, 1), &base, &dir("one"), &hash);
    save(&trained(&base, 2), &base, &dir("two"), &hash);

    // The same member twice: `kefu ensemble` refuses that, so it is packed by hand.
    let twice = dir("twice");
    std::fs::create_dir_all(&twice).unwrap();
    for (from, to) in [
        ("adapter.safetensors", "adapter.safetensors"),
        ("adapter.safetensors", "adapter.2.safetensors"),
        ("labels.json", "labels.json"),
    ] {
        std::fs::copy(dir("one").join(from), twice.join(to)).unwrap();
    }
    let mut meta = artifact::ArtifactMeta::read(&dir("one")).unwrap();
    meta.ensemble.push(artifact::EnsembleMember {
        adapter: "adapter.2.safetensors".into(),
        meta: Box::new(meta.clone()),
    });
    meta.write(&twice).unwrap();
    let merged = merge::merge(&twice, &base, &dir("twice-merged")).unwrap();
    assert_eq!(merged.params.lora.rank, 2 * tiny_params(1).lora.rank);
    assert!(merged.ensemble.is_empty());
    assert_eq!(merged.merged_from.as_ref().unwrap().members, 2);
    let examples = synthetic();
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let (one, again) = (load(&dir("one"), &base), load(&dir("twice-merged"), &base));
    assert_eq!(again.members(), 1);
    for (a, b) in one
        .scores(&texts)
        .unwrap()
        .iter()
        .zip(&again.scores(&texts).unwrap())
    {
        for (x, y) in a.intent.iter().zip(&b.intent) {
            assert!((x - y).abs() < 1e-4, "intent {x} became {y}");
        }
        for (x, y) in a
            .slot_logits
            .iter()
            .flatten()
            .zip(b.slot_logits.iter().flatten())
        {
            assert!((x - y).abs() < 1e-3, "slot logit {x} became {y}");
        }
    }

    // Two different members: one model of twice the rank, which a training run can continue.
    ensemble::combine(&[dir("one"), dir("two")], &dir("both")).unwrap();
    merge::merge(&dir("both"), &base, &dir("merged")).unwrap();
    let model = load(&dir("merged"), &base);
    assert_eq!(model.parse_batch(&texts).unwrap().len(), texts.len());
    let starts = warm_start::members(&dir("merged"), &base).unwrap();
    assert_eq!(starts.len(), 1);
    assert_eq!(starts[0].params.lora.rank, 2 * tiny_params(1).lora.rank);

    // A single model, or a folder already in use, is refused and nothing is written.
    let err = merge::merge(&dir("one"), &base, &dir("nothing")).unwrap_err();
    assert!(err.to_string().contains("one model already"), "{err}");
    assert!(!dir("nothing").exists());
    let err = merge::merge(&dir("both"), &base, &dir("merged")).unwrap_err();
    assert!(err.to_string().contains("already holds files"), "{err}");
    // A damaged member is refused before anything is written.
    let broken = dir("broken");
    std::fs::create_dir_all(&broken).unwrap();
    for f in files_in(&dir("both")) {
        std::fs::copy(dir("both").join(&f), broken.join(&f)).unwrap();
    }
    std::fs::write(broken.join("adapter.2.safetensors"), b"not a tensor file").unwrap();
    let err = merge::merge(&broken, &base, &dir("broken-merged")).unwrap_err();
    assert!(err.to_string().contains("corrupt"), "{err}");
    assert!(!dir("broken-merged").exists() && !dir(".broken-merged.partial").exists());
}
