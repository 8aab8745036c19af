//! NLU: the real base encoder against sentence-transformers, tokenizer alignment, training,
//! metrics, data formats and the serving handle.

use std::path::PathBuf;

use kefu::nlu::{SentenceEncoder, TextTokenizer};

fn base_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/base/all-MiniLM-L6-v2");
    assert!(
        dir.join("model.safetensors").is_file(),
        "the base encoder is not installed at {} (run `kefu model fetch`)",
        dir.display()
    );
    dir
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/nlu")
        .join(name)
}

#[derive(serde::Deserialize)]
struct Reference {
    sentences: Vec<String>,
    embeddings: Vec<Vec<f32>>,
}

#[test]
fn embeddings_match_sentence_transformers_within_1e_4() {
    kefu::nlu::set_compute_threads(2);
    let reference: Reference = serde_json::from_str(
        &std::fs::read_to_string(fixture("reference_embeddings.json")).unwrap(),
    )
    .unwrap();
    assert!(reference.sentences.len() >= 5);
    let encoder = SentenceEncoder::load(&base_dir()).unwrap();
    assert_eq!(encoder.dim(), 384);
    let texts: Vec<&str> = reference.sentences.iter().map(String::as_str).collect();
    // All at once (padded batch) and one by one must both match.
    let batched = encoder.embed(&texts).unwrap();
    for (i, (got, want)) in batched.iter().zip(&reference.embeddings).enumerate() {
        let single = &encoder.embed(&texts[i..=i]).unwrap()[0];
        for (j, ((g, s), w)) in got.iter().zip(single).zip(want).enumerate() {
            assert!(
                (g - w).abs() < 1e-4 && (s - w).abs() < 1e-4,
                "sentence {i} ({:?}) dim {j}: batched {g}, single {s}, reference {w}",
                texts[i]
            );
        }
        let norm: f32 = got.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4);
    }
    // Through the shared trait too.
    let as_embed: &dyn kefu::types::Embed = &encoder;
    assert_eq!(
        as_embed.embed(&texts[..1]).unwrap()[0].len(),
        as_embed.dim()
    );
}

#[test]
fn word_offsets_are_character_spans_of_the_original_text() {
    let tok = TextTokenizer::from_file(&base_dir().join("tokenizer.json"), 0).unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("Café  crème", &["Café", "crème"]),
        ("red   shoes 😀 now", &["red", "shoes", "😀", "now"]),
        ("我想买鞋", &["我", "想", "买", "鞋"]),
        ("size 42, please!", &["size", "42", ",", "please", "!"]),
        ("  naïve résumé", &["naïve", "résumé"]),
        ("unbelievably", &["unbelievably"]),
    ];
    for (text, want) in cases {
        let enc = tok.encode(text).unwrap();
        let got: Vec<String> = enc
            .words
            .iter()
            .map(|w| kefu::nlu::char_slice(text, w.start, w.end))
            .collect();
        assert_eq!(&got, want, "words of {text:?}");
        // No padding to 128: [CLS] + pieces + [SEP].
        assert!(enc.ids.len() < 20, "{text:?} has {} tokens", enc.ids.len());
    }
    // A word split into several pieces stays one word.
    let enc = tok.encode("unbelievably").unwrap();
    assert_eq!(enc.words.len(), 1);
    assert!(enc.words[0].end_token - enc.words[0].first_token >= 1);
    // Truncation at 128 tokens.
    let long = "shoes ".repeat(400);
    assert_eq!(tok.encode(&long).unwrap().ids.len(), kefu::nlu::MAX_TOKENS);
}

// ---------------------------------------------------------------------------------------
// A tiny BERT built in the test: the real tokenizer, random weights, small dimensions.

use candle_core::{Device, Tensor};
use kefu::nlu::{
    artifact, data, evaluate, BaseModel, Example, Labels, Nlu, NluConfig, NluError, TrainParams,
    Trainer,
};
use kefu::types::{Parse, Sentiment, Slot, NLU_FALLBACK};
use std::collections::HashMap;

const TINY_HIDDEN: usize = 32;

/// Writes a 2-layer BERT checkpoint folder with seeded random weights.
pub(super) fn tiny_bert(dir: &std::path::Path, seed: u64, extra: Option<&str>, skip: Option<&str>) {
    use rand::{Rng, SeedableRng};
    std::fs::create_dir_all(dir).unwrap();
    let (h, i, layers) = (TINY_HIDDEN, 64, 2);
    let vocab = 30522;
    let config = serde_json::json!({
        "vocab_size": vocab, "hidden_size": h, "num_hidden_layers": layers,
        "num_attention_heads": 4, "intermediate_size": i, "hidden_act": "gelu",
        "max_position_embeddings": 128, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
        "pad_token_id": 0, "model_type": "bert"
    });
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    std::fs::copy(
        base_dir().join("tokenizer.json"),
        dir.join("tokenizer.json"),
    )
    .unwrap();
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut t = HashMap::new();
    let mut rand_t = |dims: &[usize], scale: f32| {
        let n: usize = dims.iter().product();
        let v: Vec<f32> = (0..n).map(|_| rng.gen_range(-scale..scale)).collect();
        Tensor::from_vec(v, dims, &Device::Cpu).unwrap()
    };
    let ones = |n: usize| Tensor::ones(n, candle_core::DType::F32, &Device::Cpu).unwrap();
    let zeros = |n: usize| Tensor::zeros(n, candle_core::DType::F32, &Device::Cpu).unwrap();
    t.insert(
        "embeddings.word_embeddings.weight".to_string(),
        rand_t(&[vocab, h], 0.5),
    );
    t.insert(
        "embeddings.position_embeddings.weight".into(),
        rand_t(&[128, h], 0.1),
    );
    t.insert(
        "embeddings.token_type_embeddings.weight".into(),
        rand_t(&[2, h], 0.1),
    );
    t.insert("embeddings.LayerNorm.weight".into(), ones(h));
    t.insert("embeddings.LayerNorm.bias".into(), zeros(h));
    for l in 0..layers {
        let p = format!("encoder.layer.{l}");
        for (name, o, inp) in [
            ("attention.self.query", h, h),
            ("attention.self.key", h, h),
            ("attention.self.value", h, h),
            ("attention.output.dense", h, h),
            ("intermediate.dense", i, h),
            ("output.dense", h, i),
        ] {
            let s = 1.0 / (inp as f32).sqrt();
            t.insert(format!("{p}.{name}.weight"), rand_t(&[o, inp], s));
            t.insert(format!("{p}.{name}.bias"), rand_t(&[o], 0.02));
        }
        for n in ["attention.output.LayerNorm", "output.LayerNorm"] {
            t.insert(format!("{p}.{n}.weight"), ones(h));
            t.insert(format!("{p}.{n}.bias"), zeros(h));
        }
    }
    t.insert("pooler.dense.weight".into(), rand_t(&[h, h], 0.1));
    if let Some(extra) = extra {
        t.insert(extra.to_string(), zeros(4));
    }
    if let Some(skip) = skip {
        t.remove(skip);
    }
    candle_core::safetensors::save(&t, dir.join("model.safetensors")).unwrap();
}

fn ex(text: &str, intent: &str, slots: &[(&str, &str)], sentiment: Option<Sentiment>) -> Example {
    let slots = slots
        .iter()
        .map(|(slot, value)| Slot::first_in(text, slot, value).unwrap())
        .collect();
    Example {
        text: text.to_string(),
        intent: intent.to_string(),
        slots,
        sentiment,
        source: "test".into(),
    }
}

/// A small shop-like training set: intent by phrasing, colour slots by word, sentiment on some rows.
pub(super) fn synthetic() -> Vec<Example> {
    let colours = ["red", "blue", "black", "green", "grün", "白色"];
    let items = ["shoes", "jacket", "socks", "bag"];
    let mut out = Vec::new();
    for (k, c) in colours.iter().enumerate() {
        let item = items[k % items.len()];
        out.push(ex(
            &format!("show me {c} {item}"),
            "search",
            &[("colour", c)],
            None,
        ));
        out.push(ex(
            &format!("i want {c}  {item} please"),
            "search",
            &[("colour", c)],
            Some(Sentiment::Neutral),
        ));
        out.push(ex(
            &format!("where is my order {k}"),
            "order_status",
            &[],
            None,
        ));
        out.push(ex(
            &format!("track my parcel number {k}"),
            "order_status",
            &[],
            None,
        ));
        out.push(ex(
            &format!("thanks, the {item} are great 😀"),
            "thanks",
            &[],
            Some(Sentiment::Positive),
        ));
        out.push(ex(
            &format!("the {item} broke, terrible"),
            "complain",
            &[],
            Some(Sentiment::Negative),
        ));
    }
    out
}

/// A seeded tiny BERT, opened; the temp dir must outlive the model.
pub(super) fn tiny_base() -> (tempfile::TempDir, BaseModel) {
    let tmp = tempfile::tempdir().unwrap();
    let base_dir = tmp.path().join("base");
    tiny_bert(&base_dir, 2, None, None);
    let base = BaseModel::open(&base_dir).unwrap();
    (tmp, base)
}

pub(super) fn tiny_params(epochs: usize) -> TrainParams {
    TrainParams {
        epochs,
        batch_size: 8,
        learning_rate: 1e-2,
        patience: epochs,
        // Four adapted layers, as before the default became six: these tests are about the
        // trainer, not the shipped recipe.
        lora: kefu::nlu::LoraSpec {
            rank: 8,
            alpha: 16.0,
            layers: 4,
        },
        ..TrainParams::default()
    }
}

#[test]
fn tiny_bert_forward_pass_ignores_padding_and_gives_unit_vectors() {
    let tmp = tempfile::tempdir().unwrap();
    tiny_bert(tmp.path(), 1, None, None);
    let enc = SentenceEncoder::load_on(tmp.path(), &Device::Cpu).unwrap();
    assert_eq!(enc.dim(), TINY_HIDDEN);
    let texts = [
        "red shoes",
        "a much longer sentence about a winter jacket in size 42",
    ];
    let both = enc.embed(&texts).unwrap();
    let alone = enc.embed(&texts[..1]).unwrap();
    for (a, b) in both[0].iter().zip(&alone[0]) {
        assert!(
            (a - b).abs() < 1e-5,
            "padding changed the embedding: {a} vs {b}"
        );
    }
    for v in &both {
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5);
    }
    assert!(both[0] != both[1]);
}

#[test]
fn checkpoints_with_missing_or_unexpected_tensors_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("missing");
    tiny_bert(
        &missing,
        1,
        None,
        Some("encoder.layer.1.output.dense.weight"),
    );
    let err = SentenceEncoder::load_on(&missing, &Device::Cpu)
        .err()
        .expect("must fail");
    assert!(
        err.to_string()
            .contains("encoder.layer.1.output.dense.weight is missing"),
        "{err}"
    );
    let extra = tmp.path().join("extra");
    tiny_bert(
        &extra,
        1,
        Some("encoder.layer.0.attention.self.rotary.weight"),
        None,
    );
    let err = SentenceEncoder::load_on(&extra, &Device::Cpu)
        .err()
        .expect("must fail");
    assert!(err.to_string().contains("rotary"), "{err}");
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let err = SentenceEncoder::load_on(&empty, &Device::Cpu)
        .err()
        .expect("must fail");
    assert!(matches!(err, NluError::MissingFile { .. }), "{err}");
}

#[test]
fn name_noise_outside_zero_to_one_is_refused() {
    let (_tmp, base) = tiny_base();
    let labels = Labels::from_examples(&synthetic());
    for bad in [-0.1, 1.5] {
        let params = TrainParams {
            name_noise: bad,
            ..tiny_params(1)
        };
        let err = Trainer::new(&base, &Device::Cpu, labels.clone(), params)
            .err()
            .expect("refused");
        assert!(err.to_string().contains("name noise"), "{err}");
    }
}

#[test]
fn name_noise_changes_what_the_trainer_sees_and_only_when_asked() {
    let (_tmp, base) = tiny_base();
    // The shipped slot name: name noise varies colours (and products, brands, materials).
    let train: Vec<Example> = synthetic()
        .into_iter()
        .map(|mut e| {
            for s in &mut e.slots {
                s.slot = "color".into();
            }
            e
        })
        .collect();
    let labels = Labels::from_examples(&train);
    let weights_after = |name_noise: f64| {
        let params = TrainParams {
            name_noise,
            ..tiny_params(2)
        };
        let mut trainer = Trainer::new(&base, &Device::Cpu, labels.clone(), params).unwrap();
        let history = trainer.fit(&train, &train, false).unwrap();
        assert_eq!(history.len(), 2);
        trainer
            .trainable()
            .into_iter()
            .map(|(n, t)| (n, t.flatten_all().unwrap().to_vec1::<f32>().unwrap()))
            .collect::<Vec<_>>()
    };
    let plain = weights_after(0.0);
    assert_eq!(plain, weights_after(0.0), "training is deterministic");
    assert_ne!(
        plain,
        weights_after(1.0),
        "with name noise the examples' name words were swapped"
    );
}

#[test]
fn training_a_tiny_model_learns_and_moves_the_encoder_adapters() {
    let tmp = tempfile::tempdir().unwrap();
    let base_dir = tmp.path().join("base");
    tiny_bert(&base_dir, 2, None, None);
    let base = BaseModel::open(&base_dir).unwrap();
    let train = synthetic();
    let labels = Labels::from_examples(&train);
    let mut trainer = Trainer::new(&base, &Device::Cpu, labels, tiny_params(40)).unwrap();

    // Every adapter inside the encoder gets a gradient, not just the heads.
    let norms = trainer.gradient_norms(&train[..8]).unwrap();
    let lora: Vec<_> = norms
        .iter()
        .filter(|(n, _)| n.starts_with("lora."))
        .collect();
    assert_eq!(
        lora.len(),
        2 * 6 * 2,
        "A and B on six projections in both layers"
    );
    for (name, norm) in &norms {
        // LoRA A gets no gradient while B is still zero (its output is multiplied by B).
        if name.ends_with(".a") {
            continue;
        }
        assert!(*norm > 0.0, "{name} received no gradient");
    }
    let before: HashMap<String, Vec<f32>> = trainer
        .trainable()
        .into_iter()
        .map(|(n, t)| (n, t.flatten_all().unwrap().to_vec1().unwrap()))
        .collect();
    trainer.fit(&train, &train, false).unwrap();
    for (name, t) in trainer.trainable() {
        let after: Vec<f32> = t.flatten_all().unwrap().to_vec1().unwrap();
        let moved = after
            .iter()
            .zip(&before[&name])
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(moved > 1e-4, "{name} did not change (max change {moved})");
    }
    let parses = kefu::nlu::predict_all(&trainer.model, &train).unwrap();
    let report = evaluate(&train, &parses);
    assert!(
        report.intent_accuracy >= 0.95,
        "train intent accuracy {}",
        report.intent_accuracy
    );
    assert!(report.slot_f1 >= 0.9, "train slot F1 {}", report.slot_f1);
    // Slot spans are spans of the original text, also for accents, CJK and double spaces.
    let p = trainer.model.parse("i want grün  socks please").unwrap();
    if let Some(s) = p.slot("colour") {
        assert_eq!(s.value, kefu::nlu::char_slice(&p.text, s.start, s.end));
    }

    // Save, reload, same answers; a different base and a corrupt file are refused.
    let art = tmp.path().join("artifact");
    let data_file = tmp.path().join("train.jsonl");
    std::fs::write(&data_file, "{\"text\": \"hi\", \"intent\": \"greet\"}\n").unwrap();
    let info = artifact::SaveInfo {
        base: &base,
        data_sha256: data::data_sha256(&data_file).unwrap(),
        data_files: vec![data_file.display().to_string()],
        train_examples: train.len(),
        dev_examples: 0,
        history: vec![],
        dev_metrics: None,
        test_metrics: None,
        train_seconds: 0.0,
        started_from: None,
    };
    artifact::save(&trainer, &art, info).unwrap();
    let size: u64 = std::fs::read_dir(&art)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert!(size < 5_000_000);
    let (mut loaded, meta) = artifact::load(&art, &base_dir, &Device::Cpu, 0.0, 3).unwrap();
    // f32 weights, so the round trip reproduces the trained parses to 1e-4 (the default
    // bfloat16 engine is held to its own tolerances in nlu_engine.rs).
    loaded.set_engine(kefu::nlu::Engine::Fast, 2).unwrap();
    assert_eq!(meta.base_sha256, base.weights_sha256().unwrap());
    let texts: Vec<&str> = train.iter().map(|e| e.text.as_str()).collect();
    let again = loaded.parse_batch(&texts).unwrap();
    for (a, b) in again.iter().zip(&parses) {
        assert_eq!(a.ranking[0].0, b.ranking[0].0);
        assert_eq!(a.slots, b.slots);
        assert!((a.confidence - b.confidence).abs() < 1e-4);
    }
    // The data hash check: same bytes → current; an edit → not current.
    assert!(kefu::nlu::data_is_current(&art, &data_file).unwrap());
    assert_eq!(
        kefu::nlu::training_data_is_current(&art).unwrap(),
        Some(true)
    );
    std::fs::write(&data_file, "{\"text\": \"hello\", \"intent\": \"greet\"}\n").unwrap();
    assert!(!kefu::nlu::data_is_current(&art, &data_file).unwrap());
    assert_eq!(
        kefu::nlu::training_data_is_current(&art).unwrap(),
        Some(false)
    );
    let other = tmp.path().join("other-base");
    tiny_bert(&other, 3, None, None);
    let err = artifact::load(&art, &other, &Device::Cpu, 0.0, 3)
        .err()
        .expect("must fail");
    assert!(matches!(err, NluError::BaseMismatch { .. }), "{err}");
    assert!(err.to_string().contains("base"), "{err}");
    let adapter = art.join(artifact::ADAPTER_FILE);
    let bytes = std::fs::read(&adapter).unwrap();
    std::fs::write(&adapter, &bytes[..bytes.len() / 2]).unwrap();
    let err = artifact::load(&art, &base_dir, &Device::Cpu, 0.0, 3)
        .err()
        .expect("must fail");
    assert!(err.to_string().contains("corrupt or truncated"), "{err}");
    std::fs::write(art.join(artifact::META_FILE), "{\"format\": 1, \"base_").unwrap();
    let err = artifact::load(&art, &base_dir, &Device::Cpu, 0.0, 3)
        .err()
        .expect("must fail");
    assert!(
        err.to_string()
            .contains("meta.json is corrupt or truncated"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// Metrics against hand-computed cases.

fn parse(text: &str, intent: &str, slots: &[(&str, usize, usize)], sentiment: Sentiment) -> Parse {
    Parse {
        text: text.into(),
        intent: intent.into(),
        confidence: 0.9,
        ranking: vec![(intent.into(), 0.9)],
        slots: slots
            .iter()
            .map(|(s, a, b)| Slot {
                slot: s.to_string(),
                value: kefu::nlu::char_slice(text, *a, *b),
                start: *a,
                end: *b,
            })
            .collect(),
        sentiment,
        sentiment_score: 0.0,
        language: String::new(),
    }
}

#[test]
fn metrics_match_hand_computed_values() {
    let gold = vec![
        ex(
            "red shoes size 42",
            "search",
            &[("colour", "red"), ("size", "42")],
            Some(Sentiment::Neutral),
        ),
        ex("blue bag", "search", &[("colour", "blue")], None),
        ex("where is my order", "order", &[], Some(Sentiment::Negative)),
        ex("thanks a lot", "thanks", &[], Some(Sentiment::Positive)),
    ];
    let pred = vec![
        // intent right, one slot right, size span wrong (boundary) → sentence wrong
        parse(
            "red shoes size 42",
            "search",
            &[("colour", 0, 3), ("size", 10, 17)],
            Sentiment::Neutral,
        ),
        // all right
        parse(
            "blue bag",
            "search",
            &[("colour", 0, 4)],
            Sentiment::Neutral,
        ),
        // intent wrong, spurious slot
        parse(
            "where is my order",
            "search",
            &[("colour", 0, 5)],
            Sentiment::Neutral,
        ),
        // all right
        parse("thanks a lot", "thanks", &[], Sentiment::Positive),
    ];
    let r = evaluate(&gold, &pred);
    assert_eq!(r.intent_accuracy, 0.75);
    // gold spans 3, predicted 4, correct 2
    assert!((r.slot_precision - 0.5).abs() < 1e-12);
    assert!((r.slot_recall - 2.0 / 3.0).abs() < 1e-12);
    assert!((r.slot_f1 - 4.0 / 7.0).abs() < 1e-12);
    assert_eq!(r.sentence_accuracy, 0.5);
    assert_eq!(r.sentiment_accuracy, Some(2.0 / 3.0));
    // per intent: search P=2/3 R=1 F1=0.8; order P=0 R=0 F1=0; thanks F1=1 → macro 0.6
    assert!((r.intent_macro_f1 - 0.6).abs() < 1e-12);
    let search = r.per_intent.iter().find(|x| x.label == "search").unwrap();
    assert_eq!(search.support, 2);
    assert!((search.f1 - 0.8).abs() < 1e-12);
    assert_eq!(r.confusions.len(), 1);
    assert_eq!(
        (
            r.confusions[0].gold.as_str(),
            r.confusions[0].predicted.as_str()
        ),
        ("order", "search")
    );
    let colour = r.per_slot.iter().find(|x| x.label == "colour").unwrap();
    assert_eq!(colour.support, 2);
    assert!((colour.precision - 2.0 / 3.0).abs() < 1e-12);
    let svg = kefu::nlu::report::confusion_svg(&r);
    assert!(svg.starts_with("<svg") && svg.contains("order → search: 1"));
    // The JSON report carries the agreed top-level keys.
    let v = serde_json::to_value(&r).unwrap();
    for k in [
        "intent_accuracy",
        "intent_macro_f1",
        "slot_precision",
        "slot_recall",
        "slot_f1",
        "sentence_accuracy",
        "sentiment_accuracy",
    ] {
        assert!(v.get(k).is_some(), "{k}");
    }
}

// ---------------------------------------------------------------------------------------
// Data formats.

#[test]
fn malformed_rows_are_reported_with_file_and_line() {
    let err = data::load(&fixture("bad.jsonl")).expect_err("must fail");
    let NluError::Data(problems) = &err else {
        panic!("{err}")
    };
    let text = problems.join("\n");
    assert_eq!(problems.len(), 5, "{text}");
    assert!(
        text.contains("bad.jsonl:2: slot colour offsets 7..10 give \" re\", not its value \"red\""),
        "{text}"
    );
    assert!(text.contains("bad.jsonl:3: intent is empty"), "{text}");
    assert!(text.contains("bad.jsonl:4: not a valid row"), "{text}");
    assert!(
        text.contains("bad.jsonl:5: sentiment \"ecstatic\""),
        "{text}"
    );
    assert!(
        text.contains("bad.jsonl:8: slot size has offsets 5..9 outside the text"),
        "{text}"
    );
    assert!(
        !text.contains("bad.jsonl:1:") && !text.contains("bad.jsonl:7:"),
        "{text}"
    );

    let err = data::load(&fixture("bad_rasa.yml")).expect_err("must fail");
    let text = err.to_string();
    assert!(text.contains("bad_rasa.yml:5: unclosed `[`"), "{text}");
    assert!(
        text.contains("bad_rasa.yml:6: intent greet has no `examples: |` block"),
        "{text}"
    );
}

#[test]
fn rasa_yaml_loads_with_character_offsets() {
    let ds = data::load(&fixture("rasa.yml")).unwrap();
    assert_eq!(ds.examples.len(), 5);
    let e = &ds.examples[2];
    assert_eq!(e.text, "rote Schuhe für Café 😀");
    assert_eq!(e.intent, "search_product");
    assert_eq!(e.slots[1].slot, "brand");
    assert_eq!((e.slots[1].start, e.slots[1].end), (16, 20));
    assert_eq!(e.source, format!("{}:7", fixture("rasa.yml").display()));
    assert_eq!(ds.examples[4].slots[0].value, "A-1234");
    // The data hash is the hash of the file's bytes.
    assert_eq!(
        ds.sha256,
        kefu::nlu::sha256_file(&fixture("rasa.yml")).unwrap()
    );
    assert_eq!(ds.sha256, data::data_sha256(&fixture("rasa.yml")).unwrap());
}

// ---------------------------------------------------------------------------------------
// The real base end to end: train heads and top-layer adapters briefly, serve through `Nlu`.

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn nlu_handle_on_the_real_base_parses_concurrently_like_one_caller() {
    kefu::nlu::set_compute_threads(2);
    let base = BaseModel::open(&base_dir()).unwrap();
    let train = synthetic();
    let params = TrainParams {
        epochs: 12,
        batch_size: 12,
        learning_rate: 5e-3,
        patience: 12,
        lora: kefu::nlu::LoraSpec {
            rank: 4,
            alpha: 8.0,
            layers: 1,
        },
        ..TrainParams::default()
    };
    let mut trainer =
        Trainer::new(&base, &Device::Cpu, Labels::from_examples(&train), params).unwrap();
    trainer.fit(&train, &train, false).unwrap();
    let model = trainer.into_model();
    let cfg = NluConfig {
        threshold: 0.5,
        max_batch: 8,
        cache_size: 0,
        ..NluConfig::default()
    };
    let nlu = Nlu::start(model, &cfg);
    let texts = [
        "show me green shoes",
        "where is my order 5",
        "thanks, the bag is great 😀",
        "the jacket broke, terrible",
        "i want 白色  socks please",
        "track my parcel number 2",
    ];
    let alone: Vec<Parse> = {
        let mut v = Vec::new();
        for t in &texts {
            v.push(nlu.parse(t).await.unwrap());
        }
        v
    };
    assert_eq!(alone[0].intent, "search");
    assert_eq!(alone[1].intent, "order_status");
    assert_eq!(alone[3].sentiment, Sentiment::Negative);
    let green = alone[0].slot("colour").expect("colour slot");
    assert_eq!(
        (green.value.as_str(), green.start, green.end),
        ("green", 8, 13)
    );
    // 48 callers at once: batched by the worker, same answers.
    let mut tasks = Vec::new();
    for k in 0..48 {
        let nlu = nlu.clone();
        let t = texts[k % texts.len()];
        tasks.push(tokio::spawn(
            async move { (k, nlu.parse(t).await.unwrap()) },
        ));
    }
    for task in tasks {
        let (k, p) = task.await.unwrap();
        let a = &alone[k % texts.len()];
        assert_eq!(p.intent, a.intent);
        assert_eq!(p.slots, a.slots);
        assert_eq!(p.sentiment, a.sentiment);
        assert!((p.confidence - a.confidence).abs() < 1e-4);
    }
    let batch = nlu.parse_batch(&texts).await.unwrap();
    assert_eq!(
        batch.iter().map(|p| &p.intent).collect::<Vec<_>>(),
        alone.iter().map(|p| &p.intent).collect::<Vec<_>>()
    );
    // A confidence threshold above every probability gives the fallback, ranking kept.
    let strict = NluConfig {
        threshold: 1.0,
        cache_size: 0,
        ..NluConfig::default()
    };
    let strict_model = {
        let mut t = Trainer::new(
            &base,
            &Device::Cpu,
            Labels::from_examples(&train),
            TrainParams {
                epochs: 1,
                ..TrainParams::default()
            },
        )
        .unwrap();
        t.fit(&train[..6], &train[..6], false).unwrap();
        t.into_model()
    };
    let strict_nlu = Nlu::start(strict_model, &strict);
    let p = strict_nlu.parse("show me red shoes").await.unwrap();
    assert_eq!(p.intent, NLU_FALLBACK);
    assert_eq!(p.ranking.len(), 3);
    assert!(p.ranking[0].1 >= p.ranking[1].1);
}

#[tokio::test]
async fn a_full_queue_answers_overloaded_and_the_cache_answers_repeats() {
    let tmp = tempfile::tempdir().unwrap();
    tiny_bert(tmp.path(), 4, None, None);
    let base = BaseModel::open(tmp.path()).unwrap();
    let train = synthetic();
    let make = || {
        Trainer::new(
            &base,
            &Device::Cpu,
            Labels::from_examples(&train),
            tiny_params(1),
        )
        .unwrap()
        .into_model()
    };
    // Queue of one, big batches in flight: some callers must be told "overloaded".
    let cfg = NluConfig {
        queue_capacity: 1,
        max_batch: 1,
        cache_size: 0,
        ..NluConfig::default()
    };
    let nlu = Nlu::start(make(), &cfg);
    let long: Vec<String> = (0..64)
        .map(|i| format!("a long request about {i} red shoes and more words"))
        .collect();
    let refs: Vec<&str> = long.iter().map(String::as_str).collect();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let nlu = nlu.clone();
        let texts: Vec<String> = refs.iter().map(|s| s.to_string()).collect();
        tasks.push(tokio::spawn(async move {
            let r: Vec<&str> = texts.iter().map(String::as_str).collect();
            nlu.parse_batch(&r).await.map(|_| ())
        }));
    }
    let mut overloaded = 0;
    for t in tasks {
        if let Err(NluError::Overloaded(_)) = t.await.unwrap() {
            overloaded += 1;
        }
    }
    assert!(overloaded >= 1, "no caller was told the NLU is overloaded");
    // With a cache, a repeat is answered without the worker and gives the same parse.
    let cached = Nlu::start(
        make(),
        &NluConfig {
            cache_size: 16,
            ..NluConfig::default()
        },
    );
    let a = cached.parse("show me red shoes").await.unwrap();
    let b = cached.parse("show me red shoes").await.unwrap();
    assert_eq!(a, b);
}

/// The shipped artifact loads on the installed base and understands plain requests.
#[tokio::test]
async fn the_shipped_model_loads_and_parses_through_the_handle() {
    kefu::nlu::set_compute_threads(2);
    let cfg = NluConfig {
        model_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/kefu-nlu"),
        ..NluConfig::default()
    };
    let nlu = Nlu::load(&cfg, &base_dir()).unwrap();
    assert!(nlu.labels().intents.len() >= 10);
    let p = nlu.parse("where is my order 48213?").await.unwrap();
    assert_eq!(p.ranking[0].0, "order_status", "{p:?}");
    let id = p.slot("order_id").expect("order id slot");
    assert_eq!(id.value, kefu::nlu::char_slice(&p.text, id.start, id.end));
    assert!(id.value.contains("48213"), "{id:?}");
    let p = nlu
        .parse("thank you so much, that was really helpful!")
        .await
        .unwrap();
    assert_eq!(p.ranking[0].0, "thanks", "{p:?}");
    assert_eq!(p.sentiment, Sentiment::Positive);
    assert!(p.sentiment_score > 0.0);
}

/// The shop's vocabulary renames a slot the model gave a whole value, through the serving
/// handle, only when it lists that value under one slot; a broken file stops the load.
#[tokio::test]
async fn the_shops_vocabulary_renames_what_it_lists_under_one_slot() {
    kefu::nlu::set_compute_threads(2);
    let dir = tempfile::tempdir().unwrap();
    let vocabulary = dir.path().join("vocabulary.tsv");
    let cfg = NluConfig {
        model_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/kefu-nlu"),
        vocabulary: vocabulary.clone(),
        members: 1,
        cache_size: 0,
        ..NluConfig::default()
    };
    let text = "have you got the hoodie in charcoal or the mohair one";
    let alone = parse_fresh(&cfg, text).await;
    let span = alone
        .slots
        .iter()
        .find(|s| kefu::nlu::vocabulary::RELABELS.contains(&s.slot.as_str()))
        .unwrap_or_else(|| panic!("no colour, material, brand or product in {alone:?}"))
        .clone();
    let other = if span.slot == "color" {
        "material"
    } else {
        "color"
    };

    std::fs::write(
        &vocabulary,
        format!("# a shop's list\n{}\t{other}\n", span.value),
    )
    .unwrap();
    let renamed = parse_fresh(&cfg, text).await;
    let got = renamed
        .slots
        .iter()
        .find(|s| (s.start, s.end) == (span.start, span.end))
        .expect("the span stays where the model put it");
    assert_eq!(got.slot, other, "{renamed:?}");
    assert_eq!(renamed.slots.len(), alone.slots.len());

    // listed under both slots: the model decides
    std::fs::write(
        &vocabulary,
        format!("{0}\t{other}\n{0}\t{1}\n", span.value, span.slot),
    )
    .unwrap();
    let ambiguous = parse_fresh(&cfg, text).await;
    assert_eq!(ambiguous.slots, alone.slots);

    std::fs::write(&vocabulary, "wool material\nlinen\tfabric\n").unwrap();
    let err = Nlu::load(&cfg, &base_dir())
        .err()
        .expect("a broken vocabulary is refused");
    let msg = err.to_string();
    assert!(
        msg.contains("vocabulary.tsv:1: expected `value<TAB>slot`"),
        "{msg}"
    );
    assert!(
        msg.contains("vocabulary.tsv:2: unknown slot \"fabric\""),
        "{msg}"
    );
}

/// Loads the handle anew (so it reads the vocabulary file as it is now) and parses `text`.
async fn parse_fresh(cfg: &NluConfig, text: &str) -> Parse {
    Nlu::load(cfg, &base_dir())
        .unwrap()
        .parse(text)
        .await
        .unwrap()
}
