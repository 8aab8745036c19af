//! The shopper's Chinese words narrow the list, as `narrow.rs` does for English words.
//! Chinese has no spaces, so the request is first cut into the shop's own words: every
//! CJK word its locale texts use (category and attribute names and synonyms, the CJK runs
//! of product names and their endings, where a Chinese compound names the thing:
//! 骑行头盔 → 头盔), longest first ("黑色跑鞋" → 黑色 + 跑鞋; chatter such as 想买个 is no
//! word of the shop and is skipped). Each word labels the products whose name holds it,
//! or else (a word no name uses) the products whose category or yes-attributes are called
//! so; the products labelled by the most words stay.

use std::collections::HashSet;

use crate::knowledge::{fold_width, is_cjk, AttrValue, Graph};

/// Words shorter than this (in characters) are no word of the shop's: one character
/// would cut almost anything.
const MIN_CHARS: usize = 2;

pub(crate) struct CjkLabels {
    /// Each product's names in the locales, joined.
    names: Vec<String>,
    /// Each product's category path and yes-attribute names and synonyms, joined.
    labels: Vec<String>,
    vocabulary: HashSet<String>,
    longest: usize,
}

fn cjk_runs(text: &str) -> Vec<Vec<char>> {
    let mut out = Vec::new();
    let mut run = Vec::new();
    for c in text.chars().map(fold_width) {
        if is_cjk(c) {
            run.push(c);
        } else if !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

impl CjkLabels {
    /// `None` when the shop has no texts in a CJK script.
    pub fn build(graph: &Graph) -> Option<Self> {
        let locales: Vec<&crate::knowledge::LocaleTexts> =
            graph.locales().filter_map(|l| graph.locale(l)).collect();
        let mut vocabulary: HashSet<String> = HashSet::new();
        let mut add = |text: &str, endings: bool| {
            for run in cjk_runs(text) {
                if endings {
                    for start in 0..run.len().saturating_sub(MIN_CHARS - 1) {
                        vocabulary.insert(run[start..].iter().collect());
                    }
                } else if run.len() >= MIN_CHARS {
                    vocabulary.insert(run.iter().collect());
                }
            }
        };
        let mut names = Vec::with_capacity(graph.products().len());
        let mut labels = Vec::with_capacity(graph.products().len());
        for p in graph.products() {
            let mut name = String::new();
            let mut label = String::new();
            for t in &locales {
                if let Some(x) = t.product(p.id.as_str()) {
                    add(&x.name, true);
                    name.push_str(&x.name);
                    name.push('|');
                }
                for c in graph.category_ancestors(&p.category) {
                    if let Some(n) = t.category(&c.id) {
                        for w in std::iter::once(&n.name).chain(&n.synonyms) {
                            add(w, false);
                            label.push_str(w);
                            label.push('|');
                        }
                    }
                }
                for f in graph.facts(p.id.as_str()) {
                    if f.value == AttrValue::Bool(true) {
                        if let Some(n) = t.attribute(&f.attribute) {
                            for w in std::iter::once(&n.name).chain(&n.synonyms) {
                                add(w, false);
                                label.push_str(w);
                                label.push('|');
                            }
                        }
                    }
                }
            }
            names.push(name.to_lowercase());
            labels.push(label.to_lowercase());
        }
        if vocabulary.is_empty() {
            return None;
        }
        let longest = vocabulary
            .iter()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        Some(Self {
            names,
            labels,
            vocabulary,
            longest,
        })
    }

    /// The shop's words in `text`, longest match first, left to right.
    pub fn words(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for run in cjk_runs(text) {
            let mut i = 0;
            while i < run.len() {
                let found = (MIN_CHARS..=self.longest.min(run.len() - i))
                    .rev()
                    .map(|n| run[i..i + n].iter().collect::<String>())
                    .find(|w| self.vocabulary.contains(w));
                match found {
                    Some(w) => {
                        i += w.chars().count();
                        if !out.contains(&w) {
                            out.push(w);
                        }
                    }
                    None => i += 1,
                }
            }
        }
        out
    }

    /// The admitted products (ascending positions) the request's Chinese words narrow
    /// them to, or `None` when they narrow nothing.
    pub fn narrow(&self, text: &str, admitted: &[u32]) -> Option<Vec<u32>> {
        let words = self.words(text);
        if words.is_empty() || admitted.is_empty() {
            return None;
        }
        let mut cover = vec![0u16; admitted.len()];
        for w in &words {
            let in_names: Vec<usize> = (0..admitted.len())
                .filter(|&k| self.names[admitted[k] as usize].contains(w.as_str()))
                .collect();
            let hits = if in_names.is_empty() {
                (0..admitted.len())
                    .filter(|&k| self.labels[admitted[k] as usize].contains(w.as_str()))
                    .collect()
            } else {
                in_names
            };
            if hits.len() == admitted.len() {
                continue; // every admitted product says it: it narrows nothing
            }
            for k in hits {
                cover[k] += 1;
            }
        }
        let best = cover.iter().copied().max().unwrap_or(0);
        if best == 0 {
            return None;
        }
        Some(
            admitted
                .iter()
                .zip(&cover)
                .filter(|(_, &c)| c == best)
                .map(|(&p, _)| p)
                .collect(),
        )
    }
}
