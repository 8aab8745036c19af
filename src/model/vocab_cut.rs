//! Cutting a SentencePiece vocabulary to the scripts a shop's text is written in.
//!
//! A piece is kept when every character of it belongs to a kept script (Latin with its
//! Latin-1 letters, Han and the CJK punctuation, digits, symbols, emoji), and the special
//! pieces are always kept. Unigram segmentation only ever considers pieces that are
//! substrings of the (normalised) input, so a text written only in kept characters is
//! segmented into exactly the same pieces as with the full vocabulary: its embedding does
//! not change. A character of a dropped script has no piece left and becomes `<unk>`, the
//! same way for every text.

use serde_json::Value;

use super::ModelError;

/// Unicode ranges (inclusive) whose characters shop text in Chinese and English uses.
const KEPT_RANGES: &[(u32, u32)] = &[
    (0x0000, 0x007f),   // ASCII
    (0x00a0, 0x00ff),   // Latin-1 letters and signs (é, ü, ×, ¥, °)
    (0x2000, 0x206f),   // general punctuation (— … ‘ ’ “ ”)
    (0x20a0, 0x20cf),   // currency signs
    (0x2100, 0x21ff),   // letterlike symbols, number forms, arrows
    (0x2460, 0x24ff),   // circled numbers
    (0x2581, 0x2581),   // SentencePiece's word-start marker
    (0x2600, 0x27bf),   // symbols and dingbats
    (0x2e80, 0x2fdf),   // CJK radicals
    (0x3000, 0x303f),   // CJK symbols and punctuation (、。「」)
    (0x3100, 0x312f),   // bopomofo
    (0x3200, 0x33ff),   // enclosed CJK, CJK compatibility units (㎝ ㎏)
    (0x3400, 0x4dbf),   // CJK extension A
    (0x4e00, 0x9fff),   // CJK unified ideographs
    (0xf900, 0xfaff),   // CJK compatibility ideographs
    (0xfe00, 0xfe4f),   // variation selectors, CJK compatibility forms
    (0xff00, 0xffef),   // half- and full-width forms
    (0x1f000, 0x1faff), // emoji and pictographs
];

/// Pieces kept whatever they are made of.
const SPECIAL: &[&str] = &["<s>", "<pad>", "</s>", "<unk>", "<mask>"];

fn kept_char(c: char) -> bool {
    let c = c as u32;
    KEPT_RANGES.iter().any(|&(a, b)| (a..=b).contains(&c))
}

/// Which vocabulary the converted encoder keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VocabChoice {
    /// Every piece (all of XLM-R's ~100 languages).
    Full,
    /// Pieces written in Chinese and Latin characters, digits and symbols.
    ZhEn,
}

impl VocabChoice {
    /// Old ids kept, ascending (so the special pieces keep their ids 0..3).
    pub fn kept_ids(self, pieces: &[(String, f32)]) -> Vec<u32> {
        pieces
            .iter()
            .enumerate()
            .filter(|(_, (p, _))| {
                self == VocabChoice::Full
                    || SPECIAL.contains(&p.as_str())
                    || p.chars().all(kept_char)
            })
            .map(|(i, _)| i as u32)
            .collect()
    }
}

/// The Unigram `tokenizer.json` with only the `kept` pieces (old ids, ascending), renumbered
/// 0..kept.len(); the special tokens' ids in `added_tokens` and the post-processor follow.
pub fn cut_tokenizer(mut tok: Value, kept: &[u32]) -> Result<Value, ModelError> {
    let bad = |why: &str| ModelError::Package(format!("tokenizer.json: {why}"));
    let vocab = tok
        .pointer_mut("/model/vocab")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| bad("no Unigram model.vocab"))?;
    let old = std::mem::take(vocab);
    let mut new_id = vec![None; old.len()];
    for (new, &id) in kept.iter().enumerate() {
        let piece = old
            .get(id as usize)
            .ok_or_else(|| bad("a kept id is outside the vocabulary"))?;
        vocab.push(piece.clone());
        new_id[id as usize] = Some(new as u64);
    }
    let remap = |v: &mut Value, what: &str| -> Result<(), ModelError> {
        let id = v
            .as_u64()
            .ok_or_else(|| bad(&format!("{what} is not an id")))?;
        let to = new_id
            .get(id as usize)
            .copied()
            .flatten()
            .ok_or_else(|| bad(&format!("{what} {id} names a dropped piece")))?;
        *v = Value::from(to);
        Ok(())
    };
    if let Some(unk) = tok.pointer_mut("/model/unk_id") {
        if !unk.is_null() {
            remap(unk, "model.unk_id")?;
        }
    }
    if let Some(added) = tok.get_mut("added_tokens").and_then(Value::as_array_mut) {
        for t in added {
            if let Some(id) = t.get_mut("id") {
                remap(id, "an added token's id")?;
            }
        }
    }
    if let Some(special) = tok
        .pointer_mut("/post_processor/special_tokens")
        .and_then(Value::as_object_mut)
    {
        for t in special.values_mut() {
            if let Some(ids) = t.get_mut("ids").and_then(Value::as_array_mut) {
                for id in ids {
                    remap(id, "a post-processor special token's id")?;
                }
            }
        }
    }
    Ok(tok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_chinese_latin_and_specials_drops_other_scripts() {
        let pieces: Vec<(String, f32)> = [
            "<s>",
            "<pad>",
            "</s>",
            "<unk>",
            "▁鞋",
            "▁size",
            "▁café",
            "▁да",
            "码",
            "▁Straße",
            "<mask>",
        ]
        .iter()
        .map(|p| (p.to_string(), 0.0))
        .collect();
        let kept = VocabChoice::ZhEn.kept_ids(&pieces);
        assert_eq!(kept, vec![0, 1, 2, 3, 4, 5, 6, 8, 9, 10]);
        assert_eq!(VocabChoice::Full.kept_ids(&pieces).len(), pieces.len());
    }

    #[test]
    fn cut_renumbers_specials_and_refuses_a_dropped_one() {
        let tok = serde_json::json!({
            "added_tokens": [{"id": 0, "content": "<s>"}, {"id": 5, "content": "<mask>"}],
            "post_processor": {"special_tokens": {"<s>": {"ids": [0]}, "</s>": {"ids": [2]}}},
            "model": {"type": "Unigram", "unk_id": 3,
                      "vocab": [["<s>",0.0],["<pad>",0.0],["</s>",0.0],["<unk>",0.0],["▁да",-1.0],["<mask>",0.0]]}
        });
        let cut = cut_tokenizer(tok.clone(), &[0, 1, 2, 3, 5]).unwrap();
        assert_eq!(cut["model"]["vocab"].as_array().unwrap().len(), 5);
        assert_eq!(cut["added_tokens"][1]["id"], 4);
        assert_eq!(cut["post_processor"]["special_tokens"]["</s>"]["ids"][0], 2);
        let err = cut_tokenizer(tok, &[0, 1, 2, 4, 5])
            .unwrap_err()
            .to_string();
        assert!(err.contains("unk_id 3 names a dropped piece"), "{err}");
    }
}
