//! The shop's synonyms (`synonyms.yaml` in the knowledge directory: groups of words for
//! one kind of product) as the search uses them. Shoppers and catalogues name a type
//! differently ("t-shirt" and "Tee", "rucksack" and "Backpack", "hooded sweatshirt" and
//! "Hoodie"), and the encoder does not tie such words together reliably; the shop's
//! list does.
//!
//! A request's words are matched against every word or phrase of the groups (by stem,
//! longest phrase first). The product type then also stands for the same words with the
//! phrase said another way ([`Thesaurus::variants`]: "kids t-shirt" → "kids tee"), and the
//! lexical ranking also looks up the group's other words, weighted below the shopper's
//! own ([`Thesaurus::expansions`]).

use std::collections::{HashMap, HashSet};

use super::index::Word;
use crate::knowledge::SynonymGroup;

/// At most this many other ways of saying a request (a group's other words).
const MAX_VARIANTS: usize = 16;

/// One word or phrase of a group: as written, and its stems.
#[derive(Debug, Clone)]
struct Member {
    text: String,
    stems: Vec<String>,
}

/// A phrase of a group found in a request: where, how long, which group and member.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Found {
    start: usize,
    len: usize,
    group: usize,
    member: usize,
}

/// A request said in other words: the whole text, and the synonym put in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Variant {
    pub text: String,
    pub synonym: String,
}

#[derive(Debug, Default)]
pub(crate) struct Thesaurus {
    groups: Vec<Vec<Member>>,
    /// First stem of a member → (group, member).
    by_first: HashMap<String, Vec<(usize, usize)>>,
}

impl Thesaurus {
    /// The groups, each word stemmed by `stems` (the index's analyser).
    pub fn build(groups: &[SynonymGroup], stems: impl Fn(&str) -> Vec<String>) -> Self {
        let mut t = Thesaurus::default();
        for group in groups {
            let members: Vec<Member> = group
                .iter()
                .map(|w| Member {
                    text: w.clone(),
                    stems: stems(w),
                })
                .filter(|m| !m.stems.is_empty())
                .collect();
            if members.len() < 2 {
                continue;
            }
            let g = t.groups.len();
            for (m, member) in members.iter().enumerate() {
                t.by_first
                    .entry(member.stems[0].clone())
                    .or_default()
                    .push((g, m));
            }
            t.groups.push(members);
        }
        t
    }

    /// The phrases of groups in `words`, longest first where they overlap, in order.
    fn find(&self, words: &[Word]) -> Vec<Found> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < words.len() {
            let best = self
                .by_first
                .get(&words[at].stem)
                .into_iter()
                .flatten()
                .filter(|&&(g, m)| {
                    let stems = &self.groups[g][m].stems;
                    at + stems.len() <= words.len()
                        && stems.iter().zip(&words[at..]).all(|(s, w)| *s == w.stem)
                })
                .max_by_key(|&&(g, m)| (self.groups[g][m].stems.len(), std::cmp::Reverse(m)));
            match best {
                Some(&(group, member)) => {
                    let len = self.groups[group][member].stems.len();
                    found.push(Found {
                        start: at,
                        len,
                        group,
                        member,
                    });
                    at += len;
                }
                None => at += 1,
            }
        }
        found
    }

    /// Whether each of `words` is part of a group's phrase.
    pub fn in_phrases(&self, words: &[Word]) -> Vec<bool> {
        let mut covered = vec![false; words.len()];
        for f in self.find(words) {
            covered[f.start..f.start + f.len].fill(true);
        }
        covered
    }

    /// The request said with one of its group phrases in another word of the group
    /// ("kids t-shirt" → "kids tee", "kids tshirt", "kids tee shirt"), at most
    /// `MAX_VARIANTS`, each with the synonym put in; the longest phrase found is the one
    /// replaced.
    pub fn variants(&self, words: &[Word]) -> Vec<Variant> {
        let Some(f) = self
            .find(words)
            .into_iter()
            .max_by_key(|f| (f.len, std::cmp::Reverse(f.start)))
        else {
            return Vec::new();
        };
        let before: Vec<&str> = words[..f.start].iter().map(|w| w.typed.as_str()).collect();
        let after: Vec<&str> = words[f.start + f.len..]
            .iter()
            .map(|w| w.typed.as_str())
            .collect();
        self.groups[f.group]
            .iter()
            .enumerate()
            .filter(|&(m, _)| m != f.member)
            .map(|(_, other)| {
                let mut parts = before.clone();
                parts.push(&other.text);
                parts.extend(&after);
                Variant {
                    text: parts.join(" "),
                    synonym: other.text.clone(),
                }
            })
            .take(MAX_VARIANTS)
            .collect()
    }

    /// For a lone word that is no word of a group but ends phrases of groups ("shirt" of
    /// "t-shirt", "polo shirt", "dress shirt"; "jacket" of "rain jacket", "fleece jacket"),
    /// every word of those groups: the kinds the word is the broader name of.
    pub fn narrower(&self, words: &[Word]) -> Vec<String> {
        let [word] = words else {
            return Vec::new();
        };
        let is_member = |m: &Member| m.stems.len() == 1 && m.stems[0] == word.stem;
        if self.groups.iter().flatten().any(is_member) {
            return Vec::new();
        }
        self.groups
            .iter()
            .filter(|g| {
                g.iter()
                    .any(|m| m.stems.len() > 1 && m.stems.last() == Some(&word.stem))
            })
            .flatten()
            .map(|m| m.text.clone())
            .collect()
    }

    /// The phrase of the request's `text` that holds the asked `type` and is a word of a
    /// group, when longer than the type: "hooded sweatshirt" for the type "sweatshirt".
    pub fn widen(&self, asked: &[Word], text: &[Word]) -> Option<String> {
        if asked.is_empty() {
            return None;
        }
        self.find(text)
            .into_iter()
            .filter(|f| f.len > asked.len())
            .find(|f| {
                text[f.start..f.start + f.len]
                    .windows(asked.len())
                    .any(|w| w.iter().zip(asked).all(|(a, b)| a.stem == b.stem))
            })
            .map(|f| {
                text[f.start..f.start + f.len]
                    .iter()
                    .map(|w| w.typed.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
    }

    /// Whether the list has no group.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The last stem of every word of the groups that name no colour of `colours` (lower
    /// case words): the words that say what a thing is ("case" of "phone case").
    pub fn kind_heads(&self, colours: &HashSet<String>) -> HashSet<String> {
        self.groups
            .iter()
            .filter(|g| !g.iter().any(|m| colours.contains(&m.text)))
            .flat_map(|g| g.iter().filter_map(|m| m.stems.last().cloned()))
            .collect()
    }

    /// The other words of the group that has `text` as a word ("gray" for "grey").
    pub fn others(&self, text: &str) -> Vec<&str> {
        let text = text.trim().to_lowercase();
        self.groups
            .iter()
            .find(|g| g.iter().any(|m| m.text == text))
            .map(|g| {
                g.iter()
                    .filter(|m| m.text != text)
                    .map(|m| m.text.as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// For every group phrase in `words`, the stems of its group's other words (each a
    /// phrase to look up whole), for the lexical ranking.
    pub fn expansions(&self, words: &[Word]) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::new();
        for f in self.find(words) {
            for (m, other) in self.groups[f.group].iter().enumerate() {
                if m != f.member && !out.contains(&other.stems) {
                    out.push(other.stems.clone());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for the index's analyser: lower case, split on what is not a letter or
    /// digit, a plural -s dropped.
    fn stems(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let w = w.to_lowercase();
                w.strip_suffix('s').map(str::to_string).unwrap_or(w)
            })
            .collect()
    }

    fn words(text: &str) -> Vec<Word> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| Word {
                typed: w.to_lowercase(),
                stem: stems(w).remove(0),
            })
            .collect()
    }

    fn texts(variants: Vec<Variant>) -> Vec<String> {
        variants.into_iter().map(|v| v.text).collect()
    }

    fn thesaurus() -> Thesaurus {
        let groups: Vec<SynonymGroup> = vec![
            vec!["t-shirt".into(), "tee".into(), "tshirt".into()],
            vec!["hoodie".into(), "hooded sweatshirt".into()],
            vec!["backpack".into(), "rucksack".into()],
        ];
        Thesaurus::build(&groups, stems)
    }

    #[test]
    fn a_broader_word_stands_for_the_kinds_it_ends_the_names_of() {
        let t = thesaurus();
        assert_eq!(
            t.narrower(&words("shirt")),
            vec!["t-shirt", "tee", "tshirt"],
            "\"t-shirt\" ends with shirt"
        );
        assert_eq!(
            t.narrower(&words("sweatshirts")),
            vec!["hoodie", "hooded sweatshirt"]
        );
        assert!(t.narrower(&words("tee")).is_empty(), "a word of a group");
        assert!(t.narrower(&words("pack")).is_empty(), "whole words only");
        assert!(
            t.narrower(&words("red shirt")).is_empty(),
            "a lone word only"
        );
    }

    #[test]
    fn a_type_word_is_said_in_the_groups_other_words() {
        let t = thesaurus();
        assert_eq!(
            texts(t.variants(&words("kids t-shirt"))),
            vec!["kids tee", "kids tshirt"]
        );
        assert_eq!(
            t.variants(&words("Rucksacks")),
            vec![Variant {
                text: "backpack".into(),
                synonym: "backpack".into()
            }]
        );
        assert_eq!(
            texts(t.variants(&words("black tees"))),
            vec!["black t-shirt", "black tshirt"]
        );
        assert!(t.variants(&words("water bottle")).is_empty());
    }

    #[test]
    fn the_longest_phrase_wins() {
        let t = thesaurus();
        // "sweatshirt" alone is in no group; "hooded sweatshirt" is.
        assert_eq!(
            texts(t.variants(&words("grey hooded sweatshirt"))),
            vec!["grey hoodie"]
        );
        assert!(t.variants(&words("grey sweatshirt")).is_empty());
    }

    #[test]
    fn expansions_are_the_other_words_of_every_group_found() {
        let t = thesaurus();
        let e = t.expansions(&words("hooded sweatshirt and a rucksack"));
        assert_eq!(
            e,
            vec![vec!["hoodie".to_string()], vec!["backpack".to_string()]]
        );
        let e = t.expansions(&words("tee"));
        assert_eq!(
            e,
            vec![
                vec!["t".to_string(), "shirt".to_string()],
                vec!["tshirt".to_string()]
            ]
        );
        assert!(t.expansions(&words("mug")).is_empty());
    }

    #[test]
    fn a_clipped_type_widens_to_the_groups_phrase() {
        let t = thesaurus();
        let text = words("a grey hooded sweatshirt please");
        assert_eq!(
            t.widen(&words("sweatshirt"), &text).as_deref(),
            Some("hooded sweatshirt")
        );
        assert_eq!(
            t.widen(&words("hoodie"), &text),
            None,
            "not a part of the phrase"
        );
        assert_eq!(
            t.widen(&words("sweatshirt"), &words("grey sweatshirt")),
            None
        );
        assert_eq!(
            t.widen(&words("hooded sweatshirt"), &text),
            None,
            "already whole"
        );
    }

    #[test]
    fn a_word_has_the_other_words_of_its_group() {
        let t = thesaurus();
        assert_eq!(t.others("Rucksack"), vec!["backpack"]);
        assert_eq!(t.others("tee"), vec!["t-shirt", "tshirt"]);
        assert!(t.others("mug").is_empty());
    }

    #[test]
    fn an_empty_list_expands_nothing() {
        let t = Thesaurus::build(&[], stems);
        assert!(t.groups.is_empty());
        assert!(t.variants(&words("t-shirt")).is_empty());
        assert!(t.expansions(&words("t-shirt")).is_empty());
    }
}
