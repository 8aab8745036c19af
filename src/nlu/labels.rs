//! Label maps: intents, and BIO tags over word pieces for the slots.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::data::Example;
use super::tokenize::{char_slice, Encoded};
use crate::types::Slot;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    /// Intent names; the index is the intent head's output.
    pub intents: Vec<String>,
    /// Slot names; slot k has tags B = 1 + 2k and I = 2 + 2k, tag 0 is O.
    pub slots: Vec<String>,
    /// For each intent, the slots its training examples carry; the slot decoder proposes no
    /// other with that intent. Empty in models trained before it existed: then any slot
    /// goes with any intent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub slots_by_intent: BTreeMap<String, Vec<String>>,
}

pub(crate) const TAG_O: u32 = 0;

impl Labels {
    pub fn from_examples(examples: &[Example]) -> Self {
        let mut intents: Vec<String> = examples.iter().map(|e| e.intent.clone()).collect();
        intents.sort();
        intents.dedup();
        let mut slots: Vec<String> = examples
            .iter()
            .flat_map(|e| e.slots.iter().map(|s| s.slot.clone()))
            .collect();
        slots.sort();
        slots.dedup();
        let mut slots_by_intent: BTreeMap<String, Vec<String>> =
            intents.iter().map(|i| (i.clone(), Vec::new())).collect();
        for e in examples {
            let seen = slots_by_intent.entry(e.intent.clone()).or_default();
            seen.extend(e.slots.iter().map(|s| s.slot.clone()));
        }
        for seen in slots_by_intent.values_mut() {
            seen.sort();
            seen.dedup();
        }
        Self {
            intents,
            slots,
            slots_by_intent,
        }
    }

    /// `allowed[tag]` for a text whose top intent is `intent`: O always, B-/I- of the slots
    /// that intent was trained with (every slot for an intent the map does not know).
    pub(crate) fn allowed_tags(&self, intent: &str) -> Vec<bool> {
        let mut allowed = vec![true; self.n_tags()];
        for (k, slot) in self.slots.iter().enumerate() {
            let ok = self.allows(intent, slot);
            allowed[1 + 2 * k] = ok;
            allowed[2 + 2 * k] = ok;
        }
        allowed
    }

    /// Whether `slot` goes with `intent`: the intent's training examples carry it, or the
    /// map does not know the intent.
    pub(crate) fn allows(&self, intent: &str, slot: &str) -> bool {
        self.slots_by_intent
            .get(intent)
            .is_none_or(|seen| seen.iter().any(|s| s == slot))
    }

    pub fn n_tags(&self) -> usize {
        1 + 2 * self.slots.len()
    }

    /// Tag names, in head order: O, B-slot, I-slot, …
    pub fn tag_names(&self) -> Vec<String> {
        let mut t = vec!["O".to_string()];
        for s in &self.slots {
            t.push(format!("B-{s}"));
            t.push(format!("I-{s}"));
        }
        t
    }

    pub fn intent_index(&self, name: &str) -> Option<usize> {
        self.intents.binary_search_by(|x| x.as_str().cmp(name)).ok()
    }

    fn slot_index(&self, name: &str) -> Option<usize> {
        self.slots.binary_search_by(|x| x.as_str().cmp(name)).ok()
    }

    /// The BIO tag of every token: a word overlapping a slot span is B (first such word) or
    /// I; the word's first piece carries that tag, its other pieces I. Slots this label
    /// map does not know stay O.
    pub(crate) fn token_tags(&self, enc: &Encoded, slots: &[Slot]) -> Vec<u32> {
        let mut word_tag = vec![TAG_O; enc.words.len()];
        for s in slots {
            let Some(k) = self.slot_index(&s.slot) else {
                continue;
            };
            let mut first = true;
            for (w, word) in enc.words.iter().enumerate() {
                if word.start < s.end && s.start < word.end {
                    word_tag[w] = if first {
                        1 + 2 * k as u32
                    } else {
                        2 + 2 * k as u32
                    };
                    first = false;
                }
            }
        }
        enc.token_word
            .iter()
            .enumerate()
            .map(|(t, w)| match w {
                None => TAG_O,
                Some(w) => {
                    let tag = word_tag[*w];
                    if tag == TAG_O || enc.words[*w].first_token == t {
                        tag
                    } else {
                        inside(tag)
                    }
                }
            })
            .collect()
    }

    /// Spans of the original text from one tag per word (the tag of its first piece).
    /// An I- tag that does not continue a span of the same slot starts one (as seqeval does).
    pub(crate) fn decode_spans(&self, text: &str, enc: &Encoded, word_tags: &[u32]) -> Vec<Slot> {
        let mut spans: Vec<(usize, usize, usize)> = Vec::new(); // (slot, start, end)
        let mut open = false;
        for (word, &tag) in enc.words.iter().zip(word_tags) {
            if tag == TAG_O {
                open = false;
                continue;
            }
            let k = ((tag - 1) / 2) as usize;
            let is_begin = tag % 2 == 1;
            match spans.last_mut() {
                Some(last) if open && !is_begin && last.0 == k => last.2 = word.end,
                _ => {
                    spans.push((k, word.start, word.end));
                    open = true;
                }
            }
        }
        spans
            .into_iter()
            .map(|(k, start, end)| Slot {
                slot: self.slots[k].clone(),
                value: char_slice(text, start, end),
                start,
                end,
            })
            .collect()
    }
}

/// The inside tag of the same slot (B- → I-; I- and O stay).
pub(crate) fn inside(tag: u32) -> u32 {
    if tag % 2 == 1 {
        tag + 1
    } else {
        tag
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlu::TextTokenizer;

    fn slot(text: &str, name: &str, value: &str) -> Slot {
        Slot::first_in(text, name, value).expect("value in text")
    }

    /// Gold spans → BIO tags on word pieces → decoded spans give the gold spans back,
    /// on text with accents, emoji, CJK, multi-piece words and repeated spaces.
    #[test]
    fn bio_tags_round_trip_to_character_spans() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("models/base/all-MiniLM-L6-v2/tokenizer.json");
        let tok = TextTokenizer::from_file(&path, 0).unwrap();
        let labels = Labels {
            intents: vec!["x".into()],
            slots: vec!["brand".into(), "colour".into(), "item".into()],
            ..Labels::default()
        };
        let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
            (
                "show me  crème brûlée  socks",
                vec![("colour", "crème brûlée"), ("item", "socks")],
            ),
            (
                "😀 red   Nike Airmax please",
                vec![("colour", "red"), ("brand", "Nike Airmax")],
            ),
            ("我想买红色的鞋", vec![("colour", "红色"), ("item", "鞋")]),
            (
                "unbelievablyexpensive jacket",
                vec![("item", "unbelievablyexpensive jacket")],
            ),
        ];
        for (text, spans) in cases {
            let gold: Vec<Slot> = spans.iter().map(|(n, v)| slot(text, n, v)).collect();
            let enc = tok.encode(text).unwrap();
            let tags = labels.token_tags(&enc, &gold);
            assert_eq!(tags.len(), enc.ids.len());
            let word_tags: Vec<u32> = enc.words.iter().map(|w| tags[w.first_token]).collect();
            let mut got = labels.decode_spans(text, &enc, &word_tags);
            got.sort_by_key(|s| s.start);
            let mut want = gold.clone();
            want.sort_by_key(|s| s.start);
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn each_intent_allows_only_the_slots_its_examples_carry() {
        let example = |intent: &str, slots: &[&str]| Example {
            text: String::new(),
            intent: intent.into(),
            slots: slots
                .iter()
                .map(|s| Slot {
                    slot: (*s).into(),
                    value: String::new(),
                    start: 0,
                    end: 0,
                })
                .collect(),
            sentiment: None,
            source: String::new(),
        };
        let labels = Labels::from_examples(&[
            example("greet", &[]),
            example("search", &["brand", "color"]),
            example("search", &["brand"]),
            example("ship", &["location"]),
        ]);
        assert_eq!(labels.slots, ["brand", "color", "location"]);
        let allowed = |intent: &str| labels.allowed_tags(intent);
        // O, B/I-brand, B/I-color, B/I-location
        assert_eq!(
            allowed("greet"),
            [true, false, false, false, false, false, false]
        );
        assert_eq!(
            allowed("search"),
            [true, true, true, true, true, false, false]
        );
        assert_eq!(
            allowed("ship"),
            [true, false, false, false, false, true, true]
        );
        // A model saved before the map existed allows everything.
        let old = Labels {
            slots_by_intent: Default::default(),
            ..labels.clone()
        };
        assert!(old.allowed_tags("greet").iter().all(|&a| a));
        let json = serde_json::to_string(&old).unwrap();
        assert!(!json.contains("slots_by_intent"));
        assert_eq!(serde_json::from_str::<Labels>(&json).unwrap(), old);
    }

    #[test]
    fn a_stray_inside_tag_starts_a_span_and_b_splits_adjacent_ones() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("models/base/all-MiniLM-L6-v2/tokenizer.json");
        let tok = TextTokenizer::from_file(&path, 0).unwrap();
        let labels = Labels {
            intents: vec![],
            slots: vec!["a".into()],
            ..Labels::default()
        };
        let text = "one two three four";
        let enc = tok.encode(text).unwrap();
        // I-a, I-a, B-a, O  →  "one two", "three"
        let spans = labels.decode_spans(text, &enc, &[2, 2, 1, 0]);
        let values: Vec<&str> = spans.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(values, ["one two", "three"]);
        assert_eq!((spans[1].start, spans[1].end), (8, 13));
    }
}
