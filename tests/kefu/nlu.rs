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
