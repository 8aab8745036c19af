//! Label maps: intents, and BIO tags over word pieces for the slots.

use serde::{Deserialize, Serialize};

use super::data::Example;
use super::tokenize::{char_slice, Encoded};
use crate::types::Slot;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    /// Intent names; the index is the intent head's output.
    pub intents: Vec<String>,
    /// Slot names; slot k has tags B = 1 + 2k and I = 2 + 2k, tag 0 is O.
    pub slots: Vec<String>,
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
        Self { intents, slots }
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
    /// A B- tag right after a word of the same slot, with nothing but spaces between,
    /// continues that span: the annotation conventions never put two spans of one slot side
    /// by side ("merino wool" is one material, "SO-100234" one order id; `check.py` holds
    /// the data to it), so a B- there is the model hesitating over where the span began.
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
                Some(last)
                    if open
                        && last.0 == k
                        && (!is_begin
                            || char_slice(text, last.2, word.start).trim().is_empty()) =>
                {
                    last.2 = word.end
                }
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

fn inside(tag: u32) -> u32 {
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
        let start = text[..text.find(value).unwrap()].chars().count();
        Slot {
            slot: name.into(),
            value: value.into(),
            start,
            end: start + value.chars().count(),
        }
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
    fn a_stray_inside_tag_starts_a_span_and_b_after_the_same_slot_continues_it() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("models/base/all-MiniLM-L6-v2/tokenizer.json");
        let tok = TextTokenizer::from_file(&path, 0).unwrap();
        let labels = Labels {
            intents: vec![],
            slots: vec!["a".into()],
        };
        let text = "one two three four, five";
        let enc = tok.encode(text).unwrap();
        // words: one two three four , five
        // O, I-a, O, I-a, O, B-a  →  a stray I- starts a span: "two", "four", "five"
        let spans = labels.decode_spans(text, &enc, &[0, 2, 0, 2, 0, 1]);
        let values: Vec<&str> = spans.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(values, ["two", "four", "five"]);
        assert_eq!((spans[1].start, spans[1].end), (14, 18));
        // I-a, I-a, B-a, O, O, B-a  →  B- after "two" continues the span; after the comma
        // (and an O word) it starts a new one
        let spans = labels.decode_spans(text, &enc, &[2, 2, 1, 0, 0, 1]);
        let values: Vec<&str> = spans.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(values, ["one two three", "five"]);
        // B-a, B-a, O, B-a, B-a(","), B-a: only spaces or nothing may sit between merged
        // words; "four" "," "five" are glued by the comma itself, which is a word
        let spans = labels.decode_spans(text, &enc, &[1, 1, 0, 1, 1, 1]);
        let values: Vec<&str> = spans.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(values, ["one two", "four, five"]);
    }
}
