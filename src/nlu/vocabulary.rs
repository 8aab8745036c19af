//! The shop's vocabulary: values the shop knows the slot of, checked after decoding.
//!
//! The model finds *where* a value is well (few of its test errors are spans it missed), but
//! it sometimes names the wrong slot for a word that is two things in English: "ivory" read
//! as a material, "corduroy" as a feature, "wide fit" as a feature. A shop knows its
//! colours, materials and brands, so `knowledge/nlu/vocabulary.tsv` lists them, one
//! `value<TAB>slot` a line; a value the file lists under exactly one slot takes that slot
//! when the model tags the whole value as one of the slots it confuses ([`RELABELS`]).
//! A value listed under two slots is left to the model: that is how a shop marks a word as
//! truly ambiguous ("gold" is a colour and a metal).
//!
//! The vocabulary never adds or moves a span and never overrides a slot the training data
//! does not pair with the parse's intent, so it can only rename what the model found; a
//! renamed value that lands beside a value of its new slot joins it, as decoding would
//! have ("tote" renamed a product type before "bag" makes "tote bag").
//! The shipped file is written by `tools/nlu_data/generate.py` from the values the training
//! data annotates, and nothing else: nothing in it comes from the test file.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Labels, NluError};
use crate::types::Parse;

/// The slots whose predictions a listed value may rename: the ones the model confuses with
/// each other on words that are names of things. Not product_type ("a fleece" is a jacket,
/// "fleece" a material) and none of the slots with a shape of their own (prices, ids…).
pub const RELABELS: [&str; 5] = ["color", "material", "brand", "product", "feature"];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    /// Lower-cased value → the slots it is listed under, sorted.
    slots_of: BTreeMap<String, Vec<String>>,
}

/// Slot types a well-formed file must name before it can be judged another model's.
const ANOTHER_MODELS_MIN_TYPES: usize = 3;

impl Vocabulary {
    /// Reads a `value<TAB>slot` file (`#` starts a comment line). Every problem is reported
    /// with its line; `labels` are the model's, so a slot it cannot tag is refused.
    pub fn read(path: &Path, labels: &Labels) -> Result<Self, NluError> {
        let text = std::fs::read_to_string(path).map_err(|e| NluError::io(path, e))?;
        Self::parse(&text, labels).map_err(|problems| {
            NluError::Data(
                problems
                    .into_iter()
                    .map(|p| format!("{}:{p}", path.display()))
                    .collect(),
            )
        })
    }

    /// [`Vocabulary::read`], or None when there is no file at `path` (a shop without one)
    /// or when the file is for another model: most of the slot types it names are not this
    /// model's (the shop's vocabulary beside a SNIPS model, which shares only `sort`), said
    /// in one line. A file naming mostly the model's slots is checked line by line, so a
    /// misspelt slot is still an error.
    pub(crate) fn read_if_present(path: &Path, labels: &Labels) -> Result<Option<Self>, NluError> {
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(path).map_err(|e| NluError::io(path, e))?;
        let (named, well_formed) = Self::slot_types_in(&text);
        let unknown: Vec<&String> = named
            .iter()
            .filter(|s| !labels.slots.iter().any(|l| l == *s))
            .collect();
        // A broken or small file is checked, so its mistakes are shown, not waved away.
        if well_formed && named.len() >= ANOTHER_MODELS_MIN_TYPES && unknown.len() * 2 > named.len()
        {
            tracing::warn!(
                "the vocabulary {} is for another model ({} of the {} slot types it names are not this model's): not applied",
                path.display(),
                unknown.len(),
                named.len()
            );
            return Ok(None);
        }
        Self::read(path, labels).map(Some)
    }

    /// The slot types a vocabulary file's lines name, and whether every line is
    /// `value<TAB>slot`.
    fn slot_types_in(text: &str) -> (std::collections::BTreeSet<String>, bool) {
        let lines: Vec<&str> = text
            .lines()
            .map(|l| l.trim_end_matches('\r'))
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .collect();
        let well_formed = lines.iter().all(|l| l.contains('\t'));
        let named = lines
            .iter()
            .filter_map(|l| l.split_once('\t').map(|(_, slot)| slot.trim().to_string()))
            .filter(|s| !s.is_empty())
            .collect();
        (named, well_formed)
    }

    fn parse(text: &str, labels: &Labels) -> Result<Self, Vec<String>> {
        let mut vocabulary = Self::default();
        let mut problems = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let Some((value, slot)) = line.split_once('\t') else {
                problems.push(format!(
                    "{}: expected `value<TAB>slot`, found {line:?} (hint: separate the two with one tab)",
                    i + 1
                ));
                continue;
            };
            let (value, slot) = (value.trim().to_lowercase(), slot.trim());
            if value.is_empty() {
                problems.push(format!("{}: the value is empty", i + 1));
            } else if !labels.slots.iter().any(|s| s == slot) {
                problems.push(format!(
                    "{}: unknown slot {slot:?} (the model's slots: {})",
                    i + 1,
                    labels.slots.join(", ")
                ));
            } else {
                let slots = vocabulary.slots_of.entry(value).or_default();
                if let Err(at) = slots.binary_search_by(|s| s.as_str().cmp(slot)) {
                    slots.insert(at, slot.to_string());
                }
            }
        }
        if problems.is_empty() {
            Ok(vocabulary)
        } else {
            Err(problems)
        }
    }

    /// How many values are listed.
    pub fn len(&self) -> usize {
        self.slots_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots_of.is_empty()
    }

    /// The one slot `value` is listed under, if it is listed under exactly one.
    pub fn slot_of(&self, value: &str) -> Option<&str> {
        match self.slots_of.get(&value.to_lowercase())?.as_slice() {
            [only] => Some(only),
            _ => None,
        }
    }

    /// Renames the slots of `parse` the vocabulary decides; returns how many it renamed.
    /// The intent that chose the allowed slots is the parse's top-ranked one (a refused
    /// parse still ranks what it would have been).
    pub fn relabel(&self, labels: &Labels, parse: &mut Parse) -> usize {
        let intent = parse
            .ranking
            .first()
            .map_or(parse.intent.as_str(), |(i, _)| i.as_str());
        let mut renamed = 0;
        for span in &mut parse.slots {
            if !RELABELS.contains(&span.slot.as_str()) {
                continue;
            }
            match self.slot_of(&span.value) {
                Some(slot) if slot != span.slot && labels.allows(intent, slot) => {
                    span.slot = slot.to_string();
                    renamed += 1;
                }
                _ => {}
            }
        }
        if renamed > 0 {
            super::span_shape::join_neighbours(&parse.text, &mut parse.slots);
        }
        renamed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Sentiment, Slot};

    fn labels() -> Labels {
        let slots = ["brand", "color", "material", "product_type", "size"];
        Labels {
            intents: vec!["search_product".into(), "greet".into()],
            slots: slots.iter().map(|s| s.to_string()).collect(),
            slots_by_intent: [
                (
                    "search_product".to_string(),
                    slots.iter().map(|s| s.to_string()).collect(),
                ),
                ("greet".to_string(), vec!["material".to_string()]),
            ]
            .into(),
        }
    }

    fn parse(intent: &str, text: &str, slots: &[(&str, &str)]) -> Parse {
        Parse {
            text: text.into(),
            intent: intent.into(),
            confidence: 0.9,
            ranking: vec![(intent.into(), 0.9)],
            slots: slots
                .iter()
                .map(|(slot, value)| Slot::first_in(text, slot, value).unwrap())
                .collect(),
            sentiment: Sentiment::Neutral,
            sentiment_score: 0.0,
            language: String::new(),
        }
    }

    const FILE: &str = "# colours and materials\nsand\tcolor\nMohair\tmaterial\n\ngold\tcolor\ngold\tmaterial\nfleece\tmaterial\n";

    #[test]
    fn a_value_listed_under_one_slot_renames_a_confused_prediction() {
        let v = Vocabulary::parse(FILE, &labels()).unwrap();
        let mut p = parse(
            "search_product",
            "mohair jumper in sand",
            &[("brand", "mohair"), ("material", "sand")],
        );
        assert_eq!(v.relabel(&labels(), &mut p), 2);
        let got: Vec<_> = p
            .slots
            .iter()
            .map(|s| (s.slot.as_str(), s.value.as_str()))
            .collect();
        assert_eq!(got, [("material", "mohair"), ("color", "sand")]);
        assert_eq!(
            (p.slots[1].start, p.slots[1].end),
            (17, 21),
            "spans do not move"
        );
    }

    #[test]
    fn ambiguous_values_other_slots_partial_spans_and_disallowed_slots_are_left_alone() {
        let v = Vocabulary::parse(FILE, &labels()).unwrap();
        assert_eq!(v.slot_of("gold"), None);
        assert_eq!(v.slot_of("SAND"), Some("color"));
        // gold is listed twice; "fleece" as a product type is not a slot it renames;
        // "sand hoodie" is not the whole listed value.
        let mut p = parse(
            "search_product",
            "a gold fleece and a sand hoodie",
            &[
                ("material", "gold"),
                ("product_type", "fleece"),
                ("material", "sand hoodie"),
            ],
        );
        assert_eq!(v.relabel(&labels(), &mut p), 0);
        // the greeting was never trained with a colour
        let mut p = parse("greet", "hi sand", &[("material", "sand")]);
        assert_eq!(v.relabel(&labels(), &mut p), 0);
        assert_eq!(p.slots[0].slot, "material");
    }

    #[test]
    fn a_broken_file_names_every_bad_line() {
        let err = Vocabulary::parse("sand color\nwool\tfabric\n\tcolor\nok\tcolor\n", &labels())
            .unwrap_err();
        assert_eq!(err.len(), 3, "{err:?}");
        assert!(
            err[0].starts_with("1: expected `value<TAB>slot`"),
            "{}",
            err[0]
        );
        assert!(
            err[1].starts_with("2: unknown slot \"fabric\""),
            "{}",
            err[1]
        );
        assert!(err[2].starts_with("3: the value is empty"), "{}", err[2]);
    }

    #[test]
    fn a_vocabulary_for_another_model_is_not_applied_but_a_misspelt_slot_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.tsv");
        std::fs::write(
            &other,
            "bohemian rhapsody\ttrack\nqueen\tartist\nnavy\tcolor\nparis\tcity\n",
        )
        .unwrap();
        assert!(Vocabulary::read_if_present(&other, &labels())
            .unwrap()
            .is_none());
        let ours = dir.path().join("ours.tsv");
        std::fs::write(&ours, "sonora\tbrand\nred\tcolr\n").unwrap();
        assert!(Vocabulary::read_if_present(&ours, &labels()).is_err());
        assert!(
            Vocabulary::read_if_present(&dir.path().join("none.tsv"), &labels())
                .unwrap()
                .is_none()
        );
    }
}
