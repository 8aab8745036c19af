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
                let q0: Vec<char> = q.chars().take(2).collect();
                for &id in self.by_len.get(&len).map(Vec::as_slice).unwrap_or(&[]) {
                    let w = &self.words[id as usize];
                    // A typo rarely hits both of the first two letters: skip those early.
                    let mut wc = w.chars();
                    if wc.next() != Some(q0[0]) && wc.next() != q0.get(1).copied() {
                        continue;
                    }
                    let d = strsim::damerau_levenshtein(q, w);
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

        // Documents matching every matched word come first; they are found by intersecting
        // sorted postings, which stays cheap however common each word is.
        let lists: Vec<std::borrow::Cow<[u32]>> = terms.iter().map(|t| self.union(&t.0)).collect();
        let mut all = lists[0].to_vec();
        for l in &lists[1..] {
            all = intersect(&all, l);
            if all.is_empty() {
                break;
            }
        }
        let score = |doc: u32| -> f32 {
            terms
                .iter()
                .map(|(exp, weight, _)| {
                    exp.iter()
                        .filter(|(id, _)| self.postings[*id as usize].binary_search(&doc).is_ok())
                        .map(|(_, m)| *m)
                        .fold(0.0f32, f32::max)
                        * weight
                })
                .sum::<f32>()
                / total_weight
        };
        let mut out: Vec<(u32, f32)> = if terms.iter().all(|t| t.0.len() == 1) {
            // Each word matched one name token: every document matching all of them
            // scores the same, so the first ones will do.
            let s = terms.iter().map(|t| t.0[0].1 * t.1).sum::<f32>() / total_weight;
            all.iter().take(limit).map(|&d| (d, s)).collect()
        } else {
            all.iter().map(|&d| (d, score(d))).collect()
        };
        top(&mut out, limit);
        if out.len() < limit && terms.len() > 1 {
            // Too few match every word: rank documents matching some of them.
            // Candidates come from the rarest words, which weigh the most.
            let mut scores: HashMap<u32, f32> = HashMap::new();
            for (i, list) in lists.iter().enumerate() {
                if i > 0 && list.len() > 5_000 {
                    break;
                }
                for &d in list.iter().take(20_000) {
                    scores.entry(d).or_insert(0.0);
                }
            }
            let mut more: Vec<(u32, f32)> = scores
                .into_keys()
                .filter(|d| all.binary_search(d).is_err())
                .map(|d| (d, score(d)))
                .collect();
            top(&mut more, limit - out.len());
            out.extend(more);
        }
        out.retain(|(_, s)| *s >= 0.34);
        out
    }

    /// The sorted union of the postings of some tokens.
    fn union(&self, exp: &[(u32, f32)]) -> std::borrow::Cow<'_, [u32]> {
        if let [(id, _)] = exp {
            return std::borrow::Cow::Borrowed(&self.postings[*id as usize]);
        }
        let mut v: Vec<u32> = exp
            .iter()
            .flat_map(|(id, _)| self.postings[*id as usize].iter().copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        std::borrow::Cow::Owned(v)
    }
}

/// Sorted intersection: a linear merge for lists of similar length, binary search through
/// the longer one when it is much longer.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(small.len());
    if large.len() / small.len().max(1) < 16 {
        let (mut i, mut j) = (0, 0);
        while i < small.len() && j < large.len() {
            match small[i].cmp(&large[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    out.push(small[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
        return out;
    }
    let mut rest = large;
    for &x in small {
        match rest.binary_search(&x) {
            Ok(i) => {
                out.push(x);
                rest = &rest[i + 1..];
            }
            Err(i) => rest = &rest[i..],
        }
        if rest.is_empty() {
            break;
        }
    }
    out
}

/// Keeps the `k` best (highest score, then lowest index), in order.
fn top(v: &mut Vec<(u32, f32)>, k: usize) {
    let cmp = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if v.len() > k && k > 0 {
        v.select_nth_unstable_by(k - 1, cmp);
        v.truncate(k);
    } else if k == 0 {
        v.clear();
    }
    v.sort_by(cmp);
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
