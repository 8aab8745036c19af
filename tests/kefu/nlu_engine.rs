//! The fast inference engine against the candle reference forward pass, on the real base
//! encoder and the shipped artifact (LoRA adapters merged, real heads).
//!
//! Tolerances (absolute): sentence embeddings 2e-5, intent and sentiment probabilities
//! 2e-4, slot-tag logits 2e-3; decoded parses (intent, slots, sentiment) equal. Observed
//! differences are about a hundred times smaller (2.6e-6 and 2.6e-5 over the 623 texts of
//! knowledge/nlu/test.jsonl); they come from summation order and the fast engine's
//! polynomial erf/exp.

use std::path::PathBuf;

use candle_core::Device;
use kefu::nlu::{artifact, Engine, SentenceEncoder};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn base_dir() -> PathBuf {
    let dir = root().join("models/base/all-MiniLM-L6-v2");
    assert!(
        dir.join("model.safetensors").is_file(),
        "the base encoder is not installed at {} (run `kefu model fetch`)",
        dir.display()
    );
    dir
}

/// Short and long, several scripts, an empty text, and one past the 128-token limit: in
/// one batch the reference pads all of them to the longest.
fn texts() -> Vec<String> {
    let mut t: Vec<String> = [
        "hi",
        "",
        "Do you have running shoes in size 42?",
        "where is my order #A-1234",
        "show me cheaper ones in black from nike please",
        "this jacket is great 😀👍",
        "我想买一双红色的运动鞋",
        "Café crème et crêpes à emporter",
        "Can I return a laptop I bought three weeks ago if the box was opened but everything is still inside?",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    t.push("the red wool scarf and the blue cotton socks ".repeat(20));
    t
}

fn max_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

#[test]
fn fast_embeddings_match_reference_and_do_not_depend_on_threads() {
    let texts = texts();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let reference =
        SentenceEncoder::load_with(&base_dir(), &Device::Cpu, Engine::Reference, 1).unwrap();
    let fast1 = SentenceEncoder::load_with(&base_dir(), &Device::Cpu, Engine::Fast, 1).unwrap();
    let fast2 = SentenceEncoder::load_with(&base_dir(), &Device::Cpu, Engine::Fast, 2).unwrap();
    let want = reference.embed(&refs).unwrap();
    let one = fast1.embed(&refs).unwrap();
    let two = fast2.embed(&refs).unwrap();
    for (i, text) in refs.iter().enumerate() {
        let d = max_diff(&one[i], &want[i]);
        assert!(
            d < 2e-5,
            "text {i} {text:?}: fast differs from reference by {d}"
        );
        // Splitting the work over threads changes no arithmetic.
        assert_eq!(one[i], two[i], "text {i}: 1 and 2 threads differ");
        // Alone or in a batch: no padding, so the same rows are computed.
        let alone = fast2.embed(&refs[i..=i]).unwrap();
        assert_eq!(alone[0], one[i], "text {i}: alone and batched differ");
    }
}

#[test]
fn fast_heads_match_reference_on_the_shipped_artifact() {
    let art = root().join("models/kefu-nlu");
    let (mut fast, _) = artifact::load(&art, &base_dir(), &Device::Cpu, 0.5, 3).unwrap();
    assert_eq!(
        fast.engine(),
        Engine::default(),
        "loading picks the default engine"
    );
    assert_ne!(Engine::default(), Engine::Reference);
    fast.set_engine(Engine::Fast, 2).unwrap();
    let (mut reference, _) = artifact::load(&art, &base_dir(), &Device::Cpu, 0.5, 3).unwrap();
    reference.set_engine(Engine::Reference, 1).unwrap();
    assert_eq!(reference.engine(), Engine::Reference);
    let texts = texts();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let want = reference.scores(&refs).unwrap();
    for batch in [&refs[..], &refs[2..5]] {
        let got = fast.scores(batch).unwrap();
        let offset = if batch.len() == refs.len() { 0 } else { 2 };
        for (i, g) in got.iter().enumerate() {
            let w = &want[i + offset];
            let text = batch[i];
            let d = max_diff(&g.intent, &w.intent);
            assert!(d < 2e-4, "{text:?}: intent probabilities differ by {d}");
            let d = max_diff(&g.sentiment, &w.sentiment);
            assert!(d < 2e-4, "{text:?}: sentiment probabilities differ by {d}");
            assert_eq!(
                g.slot_logits.len(),
                w.slot_logits.len(),
                "{text:?}: token count"
            );
            for (t, (gs, ws)) in g.slot_logits.iter().zip(&w.slot_logits).enumerate() {
                let d = max_diff(gs, ws);
                assert!(d < 2e-3, "{text:?} token {t}: slot logits differ by {d}");
            }
        }
    }
    let a = fast.parse_batch(&refs).unwrap();
    let b = reference.parse_batch(&refs).unwrap();
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.intent, y.intent, "{:?}", x.text);
        assert_eq!(x.slots, y.slots, "{:?}", x.text);
        assert_eq!(x.sentiment, y.sentiment, "{:?}", x.text);
        assert!((x.confidence - y.confidence).abs() < 2e-4, "{:?}", x.text);
    }
}

/// Every intent decision on the shipped test file is the reference's, except (allowed and
/// counted) where the reference's own top two are closer than the probability tolerance.
#[test]
fn fast_engine_decides_every_test_file_intent_as_the_reference_does() {
    let art = root().join("models/kefu-nlu");
    let (mut fast, _) = artifact::load(&art, &base_dir(), &Device::Cpu, 0.0, 3).unwrap();
    fast.set_engine(Engine::Fast, 2).unwrap();
    let (mut reference, _) = artifact::load(&art, &base_dir(), &Device::Cpu, 0.0, 3).unwrap();
    reference.set_engine(Engine::Reference, 1).unwrap();
    let examples = kefu::nlu::data::load(&root().join("knowledge/nlu/test.jsonl"))
        .unwrap()
        .examples;
    assert!(examples.len() > 100);
    let (mut near_ties, mut worst_p, mut worst_slot) = (0, 0.0f32, 0.0f32);
    for chunk in examples.chunks(64) {
        let texts: Vec<&str> = chunk.iter().map(|e| e.text.as_str()).collect();
        let got = fast.scores(&texts).unwrap();
        let want = reference.scores(&texts).unwrap();
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            worst_p = worst_p.max(max_diff(&g.intent, &w.intent));
            for (gs, ws) in g.slot_logits.iter().zip(&w.slot_logits) {
                worst_slot = worst_slot.max(max_diff(gs, ws));
            }
            let top = |p: &[f32]| (0..p.len()).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
            if top(&g.intent) != top(&w.intent) {
                let mut sorted = w.intent.clone();
                sorted.sort_by(|a, b| b.total_cmp(a));
                assert!(
                    sorted[0] - sorted[1] < 2e-4,
                    "{:?}: fast and reference pick different intents ({} vs {})",
                    texts[i],
                    g.intent[top(&g.intent)],
                    w.intent[top(&w.intent)]
                );
                near_ties += 1;
            }
        }
    }
    eprintln!(
        "{} examples: {near_ties} near-tie intent flips, largest probability difference \
         {worst_p:.1e}, largest slot-logit difference {worst_slot:.1e}",
        examples.len()
    );
    assert!(worst_p < 2e-4 && worst_slot < 2e-3);
}

/// bfloat16 weights (`nlu.engine = "fast-bf16"`, the default for parsing) move the numbers
/// more, not the decisions:
/// at most 1 % of the test file's intents may change, each only where the reference's top
/// two were within 0.1 of each other; embeddings stay within 0.01 (cosine > 0.9999).
#[test]
fn bf16_engine_keeps_intent_decisions_and_embeddings_close() {
    let art = root().join("models/kefu-nlu");
    let (mut bf16, _) = artifact::load(&art, &base_dir(), &Device::Cpu, 0.0, 3).unwrap();
    bf16.set_engine(Engine::FastBf16, 2).unwrap();
    assert_eq!(bf16.engine(), Engine::FastBf16);
    let (mut reference, _) = artifact::load(&art, &base_dir(), &Device::Cpu, 0.0, 3).unwrap();
    reference.set_engine(Engine::Reference, 1).unwrap();
    let examples = kefu::nlu::data::load(&root().join("knowledge/nlu/test.jsonl"))
        .unwrap()
        .examples;
    let (mut flips, mut worst_p) = (0usize, 0.0f32);
    for chunk in examples.chunks(64) {
        let texts: Vec<&str> = chunk.iter().map(|e| e.text.as_str()).collect();
        let got = bf16.scores(&texts).unwrap();
        let want = reference.scores(&texts).unwrap();
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            worst_p = worst_p.max(max_diff(&g.intent, &w.intent));
            let top = |p: &[f32]| (0..p.len()).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
            if top(&g.intent) != top(&w.intent) {
                let mut sorted = w.intent.clone();
                sorted.sort_by(|a, b| b.total_cmp(a));
                assert!(
                    sorted[0] - sorted[1] < 0.1,
                    "{:?}: a clear intent changed",
                    texts[i]
                );
                flips += 1;
            }
        }
    }
    eprintln!(
        "bf16: {flips} of {} intent decisions differ, largest probability difference {worst_p:.1e}",
        examples.len()
    );
    assert!(
        flips * 100 <= examples.len(),
        "{flips} intent decisions changed"
    );
    let texts = texts();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let want = SentenceEncoder::load_with(&base_dir(), &Device::Cpu, Engine::Reference, 1)
        .unwrap()
        .embed(&refs)
        .unwrap();
    let got = SentenceEncoder::load_with(&base_dir(), &Device::Cpu, Engine::FastBf16, 1)
        .unwrap()
        .embed(&refs)
        .unwrap();
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        let d = max_diff(g, w);
        let cos: f32 = g.iter().zip(w).map(|(x, y)| x * y).sum();
        assert!(
            d < 1e-2 && cos > 0.9999,
            "text {i}: bf16 embedding off by {d}, cosine {cos}"
        );
    }
}

/// A serving model drops its candle encoders once the fast engine is packed: its parses are
/// unchanged, and what needs the candle copy (the reference pass, repacking) says so
/// instead of running on nothing.
#[test]
fn a_released_model_parses_the_same_and_refuses_what_needs_candle() {
    let art = root().join("models/kefu-nlu");
    let (kept, _) = artifact::load(&art, &base_dir(), &Device::Cpu, 0.5, 3).unwrap();
    let (mut released, _) = artifact::load(&art, &base_dir(), &Device::Cpu, 0.5, 3).unwrap();
    assert_eq!(released.release_reference(), released.members());
    assert_eq!(released.release_reference(), 0, "nothing left to release");
    let texts = texts();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let a = kept.parse_batch(&refs).unwrap();
    let b = released.parse_batch(&refs).unwrap();
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.intent, y.intent, "{:?}", x.text);
        assert_eq!(x.slots, y.slots, "{:?}", x.text);
        assert_eq!(x.confidence, y.confidence, "{:?}", x.text);
    }
    let err = released.set_engine(Engine::Reference, 1).unwrap_err();
    assert!(err.to_string().contains("released"), "{err}");

    // A model on the reference engine has nothing packed, so nothing is released.
    let (mut reference, _) = artifact::load(&art, &base_dir(), &Device::Cpu, 0.5, 3).unwrap();
    reference.set_engine(Engine::Reference, 1).unwrap();
    assert_eq!(reference.release_reference(), 0);
    assert_eq!(reference.parse_batch(&refs[..3]).unwrap().len(), 3);
}
