//! Fuzzy product-name matching for mentions like "galaxy watch", "sonny headphones".
//!
//! An inverted index from name tokens to products. A query token matches a name token
//! exactly, as a prefix (3+ letters), or within a small edit distance; tokens are weighted
//! by rarity so "watch" counts less than "galaxy".

use std::collections::{BTreeMap, HashMap};

/// Lowercase alphanumeric runs; a run mixing letters and digits ("watch6", "wh1000xm5")
/// also yields its letter and digit parts.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = word.to_lowercase();
        let mut parts: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut cur_digit = None;
        for ch in w.chars() {
            let d = ch.is_ascii_digit();
            if cur_digit.is_some_and(|x| x != d) {
                parts.push(std::mem::take(&mut cur));
            }
            cur.push(ch);
            cur_digit = Some(d);
        }
        if !cur.is_empty() {
            parts.push(cur);
        }
        if parts.len() > 1 {
            out.extend(parts.into_iter().filter(|p| p.chars().count() >= 2));
        }
        out.push(w);
    }
    out
}

/// A query token's expansions (name token, match quality), its weight, and its total postings.
type Term = (Vec<(u32, f32)>, f32, usize);

#[derive(Debug, Default)]
pub(crate) struct NameIndex {
    vocab: BTreeMap<String, u32>,
    /// Sorted product indexes per token id.
    postings: Vec<Vec<u32>>,
    /// Token ids by character length, for the fuzzy pass.
    by_len: HashMap<usize, Vec<u32>>,
    words: Vec<String>,
    n_docs: usize,
}

impl NameIndex {
    pub(crate) fn build<'a>(docs: impl Iterator<Item = String> + 'a) -> Self {
        let mut idx = NameIndex::default();
        let mut map: HashMap<String, u32> = HashMap::new();
        for (i, text) in docs.enumerate() {
            idx.n_docs += 1;
            for t in tokens(&text) {
                let id = *map.entry(t.clone()).or_insert_with(|| {
                    idx.words.push(t.clone());
                    idx.postings.push(Vec::new());
                    (idx.words.len() - 1) as u32
                });
                let list = &mut idx.postings[id as usize];
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        for (w, id) in map {
            idx.by_len.entry(w.chars().count()).or_default().push(id);
            idx.vocab.insert(w, id);
        }
        idx
    }

    fn idf(&self, token: u32) -> f32 {
        let df = self.postings[token as usize].len().max(1) as f32;
        (1.0 + self.n_docs as f32 / df).ln()
    }

    /// Name tokens a query token may stand for, with how well each matches (0..1].
    fn expand(&self, q: &str) -> Vec<(u32, f32)> {
        let mut out = Vec::new();
        if let Some(&id) = self.vocab.get(q) {
            out.push((id, 1.0));
        }
        let qlen = q.chars().count();
        if qlen >= 3 {
            for (w, &id) in self
                .vocab
                .range(q.to_string()..)
                .skip(usize::from(!out.is_empty()))
                .take(20)
            {
                if !w.starts_with(q) {
                    break;
                }
                out.push((id, 0.8));
            }
        }
        if out.is_empty() && qlen >= 4 {
            let max_edits = if qlen <= 5 { 1 } else { 2 };
            for len in qlen.saturating_sub(max_edits)..=qlen + max_edits {
                for &id in self.by_len.get(&len).map(Vec::as_slice).unwrap_or(&[]) {
                    let d = strsim::damerau_levenshtein(q, &self.words[id as usize]);
                    if d <= max_edits {
                        out.push((id, 0.9 - 0.15 * d as f32));
                    }
                }
            }
        }
        out
    }

    /// Products whose names match the query, best first, with a score in (0, 1].
    pub(crate) fn search(&self, query: &str, limit: usize) -> Vec<(u32, f32)> {
        let q_tokens: Vec<String> = {
            let mut t: Vec<String> = query
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            t.dedup();
            t
        };
        if q_tokens.is_empty() {
            return Vec::new();
        }
        // Per query token: its expansions and a weight = rarity of its best expansion.
        let mut terms: Vec<Term> = Vec::new();
        let mut total_weight = 0.0;
        for q in &q_tokens {
            let exp = self.expand(q);
            // A token found nowhere still counts against the score (it was asked for).
            let weight = exp
                .iter()
                .map(|(id, _)| self.idf(*id))
                .fold(0.0f32, f32::max)
                .max(if exp.is_empty() {
                    (1.0 + self.n_docs as f32).ln() * 0.5
                } else {
                    0.0
                });
            total_weight += weight;
            let df: usize = exp
                .iter()
                .map(|(id, _)| self.postings[*id as usize].len())
                .sum();
            if !exp.is_empty() {
                terms.push((exp, weight, df));
            }
        }
        if terms.is_empty() {
            return Vec::new();
        }
        terms.sort_by_key(|t| t.2);
        let mut scores: HashMap<u32, f32> = HashMap::new();
        const BIG: usize = 20_000;
        for (i, (exp, weight, df)) in terms.iter().enumerate() {
            let score_only_existing = i > 0 && *df > BIG && !scores.is_empty();
            if score_only_existing {
                for (doc, s) in scores.iter_mut() {
                    let best = exp
                        .iter()
                        .filter(|(id, _)| self.postings[*id as usize].binary_search(doc).is_ok())
                        .map(|(_, m)| *m)
                        .fold(0.0f32, f32::max);
                    *s += best * weight;
                }
                continue;
            }
            let mut best: HashMap<u32, f32> = HashMap::new();
            for (id, m) in exp {
                for &doc in &self.postings[*id as usize] {
                    let e = best.entry(doc).or_insert(0.0);
                    *e = e.max(*m);
                }
            }
            for (doc, m) in best {
                *scores.entry(doc).or_insert(0.0) += m * weight;
            }
        }
        let mut out: Vec<(u32, f32)> = scores
            .into_iter()
            .map(|(d, s)| (d, s / total_weight))
            .filter(|(_, s)| *s >= 0.34)
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(limit);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_model_numbers() {
        let t = tokens("Galaxy Watch6 Classic");
        assert!(t.contains(&"watch".to_string()) && t.contains(&"watch6".to_string()));
    }

    #[test]
    fn typo_and_prefix() {
        let idx = NameIndex::build(
            [
                "Samsung Galaxy Watch6",
                "Sony WH-1000XM5 headphones",
                "Garmin Forerunner 265",
            ]
            .into_iter()
            .map(String::from),
        );
        assert_eq!(idx.search("galaxy watch", 3)[0].0, 0);
        assert_eq!(idx.search("sonny headphnes", 3)[0].0, 1);
        assert_eq!(idx.search("forerun", 3)[0].0, 2);
        assert!(idx.search("toaster", 3).is_empty());
    }
}
