//! FAQ lookup by the characters a question shares with the shop's phrasings, for a
//! locale's FAQ. Chinese is written without spaces and the English encoder has no
//! Chinese vocabulary, so a Chinese question is matched by its characters and character
//! pairs (CJK runs), and its other words (`PayPal`, `GPS`) whole, weighted by how rare
//! each is among the phrasings (IDF), by cosine. Measured in docs/knowledge.md.

use std::collections::HashMap;

use super::schema::FaqEntry;

/// Particles and openers that carry no question ("亲，请问…吗？").
const PARTICLES: &[char] = &[
    '的', '吗', '呢', '了', '吧', '啊', '呀', '哦', '嘛', '么', '亲', '请', '问', '下', '一', '我',
    '你', '您',
];
/// The weight of a question's feature no phrasing has (it still counts in the question's
/// length, as a common word would: chatter should not sink a match, nor be free).
const UNSEEN_WEIGHT: f32 = 1.0;

/// Whether a character is written in a script without spaces between words (Han, kana,
/// Hangul): such text is split into characters and pairs.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // Han extension A
        | 0x4E00..=0x9FFF    // Han
        | 0xAC00..=0xD7AF    // Hangul
        | 0xF900..=0xFAFF    // Han compatibility
        | 0x20000..=0x2FA1F) // Han extensions B–F
}

/// Full-width ASCII (`ＧＰＳ`, `？`) as plain ASCII, lower case.
pub fn fold_width(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    c.to_lowercase().next().unwrap_or(c)
}

/// The features of a text with their weights: CJK characters (less particles) and
/// character pairs, and other words whole.
fn features(text: &str) -> HashMap<String, f32> {
    let mut out: HashMap<String, f32> = HashMap::new();
    let chars: Vec<char> = text.chars().map(fold_width).collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_cjk(c) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            let run = &chars[start..i];
            for (j, &ch) in run.iter().enumerate() {
                if !PARTICLES.contains(&ch) {
                    out.entry(ch.to_string()).or_insert(1.0);
                }
                if let Some(&next) = run.get(j + 1) {
                    out.insert(format!("{ch}{next}"), 1.0);
                }
            }
        } else if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() && chars[i].is_alphanumeric() && !is_cjk(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            out.insert(word, 1.0);
        } else {
            i += 1;
        }
    }
    out
}

/// The phrasings of one locale's FAQ as weighted feature vectors.
#[derive(Debug, Default)]
pub(crate) struct FaqWords {
    /// (faq index, phrasing index: 0 = question, 1.. = alternates, features, norm)
    rows: Vec<(usize, usize, HashMap<String, f32>, f32)>,
    idf: HashMap<String, f32>,
}

impl FaqWords {
    pub fn build(faq: &[FaqEntry]) -> Self {
        let mut rows = Vec::new();
        for (i, e) in faq.iter().enumerate() {
            for (j, text) in std::iter::once(&e.question)
                .chain(&e.alternates)
                .enumerate()
            {
                rows.push((i, j, features(text), 0.0));
            }
        }
        let mut df: HashMap<String, f32> = HashMap::new();
        for (_, _, f, _) in &rows {
            for k in f.keys() {
                *df.entry(k.clone()).or_default() += 1.0;
            }
        }
        let n = rows.len() as f32;
        let idf: HashMap<String, f32> = df
            .into_iter()
            .map(|(k, d)| (k, (1.0 + n / d).ln()))
            .collect();
        for (_, _, f, norm) in &mut rows {
            for (k, w) in f.iter_mut() {
                *w *= idf.get(k).copied().unwrap_or(0.0);
            }
            *norm = f.values().map(|w| w * w).sum::<f32>().sqrt();
        }
        Self { rows, idf }
    }

    /// Per FAQ entry the best (score, phrasing index), by cosine of the IDF-weighted
    /// features; features no phrasing has count in the question's length at
    /// [`UNSEEN_WEIGHT`]. (Characters and pairs weigh the same: on the calibration set,
    /// half-weight characters or rarest-weight unseen features found fewer.)
    pub fn best(&self, query: &str, entries: usize) -> Vec<Option<(f32, usize)>> {
        let mut best: Vec<Option<(f32, usize)>> = vec![None; entries];
        let q: HashMap<String, f32> = features(query)
            .into_iter()
            .map(|(k, w)| {
                let idf = self.idf.get(&k).copied().unwrap_or(UNSEEN_WEIGHT);
                (k, w * idf)
            })
            .collect();
        let q_norm = q.values().map(|w| w * w).sum::<f32>().sqrt();
        if q_norm == 0.0 {
            return best;
        }
        for (i, j, f, norm) in &self.rows {
            if *norm == 0.0 {
                continue;
            }
            let dot: f32 = q.iter().filter_map(|(k, w)| f.get(k).map(|x| x * w)).sum();
            let s = dot / (q_norm * norm);
            if s > 0.0 && best[*i].is_none_or(|(b, _)| s > b) {
                best[*i] = Some((s, *j));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, q: &str, alts: &[&str]) -> FaqEntry {
        FaqEntry {
            id: id.into(),
            question: q.into(),
            answer: "a".into(),
            alternates: alts.iter().map(|s| s.to_string()).collect(),
            policy: None,
        }
    }

    #[test]
    fn characters_and_pairs_of_cjk_words_whole_otherwise() {
        let f = features("支持ＰａｙＰａｌ吗？");
        assert!(f.contains_key("paypal"));
        assert!(f.contains_key("支持"));
        assert!(f.contains_key("支"));
        assert!(!f.contains_key("吗"), "particles are no feature");
        assert!(!f.contains_key("持p"), "no pair across scripts");
    }

    #[test]
    fn the_question_sharing_the_rare_pairs_wins() {
        let faq = vec![
            entry("cost", "运费多少？", &["包邮吗"]),
            entry("time", "多久能到？", &["几天能收到货"]),
        ];
        let w = FaqWords::build(&faq);
        let best = w.best("亲，请问运费是多少呀", 2);
        let cost = best[0].unwrap().0;
        assert!(cost > best[1].map_or(0.0, |b| b.0), "{best:?}");
        assert!(w.best("hello", 2).iter().all(Option::is_none));
    }
}
