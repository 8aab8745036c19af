//! Chinese (and Japanese, Korean) words for the lexical index, without a dictionary:
//! every character and every pair of neighbouring characters of a CJK run are terms when
//! indexing; a request is looked up by its pairs (a lone character by itself), as
//! Lucene's CJK analyser does. Latin words are left to the English fields. docs/search.md
//! says why pairs rather than a word segmenter (measured on Chinese queries).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::knowledge::{fold_width, is_cjk};

/// The CJK runs of a text (full-width forms folded), each as its characters.
fn runs(text: &str) -> Vec<(usize, Vec<(usize, char)>)> {
    let mut out: Vec<(usize, Vec<(usize, char)>)> = Vec::new();
    let mut current: Vec<(usize, char)> = Vec::new();
    for (at, c) in text.char_indices() {
        let c = fold_width(c);
        if is_cjk(c) {
            current.push((at, c));
        } else if !current.is_empty() {
            out.push((current[0].0, std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        out.push((current[0].0, current));
    }
    out
}

/// With the `jieba` feature and `CJK_TOKENIZER=jieba`: jieba's search-mode words
/// instead of character pairs (for measuring the two; docs/search.md).
#[cfg(feature = "jieba")]
fn jieba_words(text: &str) -> Option<Vec<(usize, String)>> {
    use std::sync::OnceLock;
    static JIEBA: OnceLock<Option<jieba_rs::Jieba>> = OnceLock::new();
    let jieba = JIEBA
        .get_or_init(|| {
            (std::env::var("CJK_TOKENIZER").as_deref() == Ok("jieba")).then(jieba_rs::Jieba::new)
        })
        .as_ref()?;
    let folded: String = text.chars().map(fold_width).collect();
    Some(
        jieba
            .cut_for_search(&folded, true)
            .into_iter()
            .filter(|t| t.word.chars().any(is_cjk))
            .map(|t| (t.byte_start, t.word.to_string()))
            .collect(),
    )
}

#[cfg(not(feature = "jieba"))]
fn jieba_words(_text: &str) -> Option<Vec<(usize, String)>> {
    None
}

/// The terms a request looks up: each pair of a run, or a run of one character itself.
pub(crate) fn query_terms(text: &str) -> Vec<String> {
    if let Some(words) = jieba_words(text) {
        return words.into_iter().map(|w| w.1).collect();
    }
    let mut out: Vec<String> = Vec::new();
    for (_, run) in runs(text) {
        if run.len() == 1 {
            out.push(run[0].1.to_string());
        }
        for pair in run.windows(2) {
            out.push(format!("{}{}", pair[0].1, pair[1].1));
        }
    }
    out.dedup();
    out
}

/// The indexing tokenizer: characters and pairs of CJK runs, nothing else.
#[derive(Clone, Default)]
pub(crate) struct CjkTokenizer;

pub(crate) struct CjkStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for CjkTokenizer {
    type TokenStream<'a> = CjkStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CjkStream {
        let mut tokens = Vec::new();
        if let Some(words) = jieba_words(text) {
            for (position, (at, word)) in words.into_iter().enumerate() {
                tokens.push(Token {
                    offset_from: at,
                    offset_to: at + word.len(),
                    position,
                    text: word,
                    position_length: 1,
                });
            }
            return CjkStream { tokens, next: 0 };
        }
        let mut position = 0;
        for (_, run) in runs(text) {
            for (i, &(at, c)) in run.iter().enumerate() {
                let end = at + c.len_utf8();
                tokens.push(Token {
                    offset_from: at,
                    offset_to: end,
                    position,
                    text: c.to_string(),
                    position_length: 1,
                });
                if let Some(&(next_at, next)) = run.get(i + 1) {
                    tokens.push(Token {
                        offset_from: at,
                        offset_to: next_at + next.len_utf8(),
                        position,
                        text: format!("{c}{next}"),
                        position_length: 2,
                    });
                }
                position += 1;
            }
            // Runs do not join into pairs across other words.
            position += 1;
        }
        CjkStream { tokens, next: 0 }
    }
}

impl TokenStream for CjkStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indexed(text: &str) -> Vec<String> {
        let mut t = CjkTokenizer;
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn runs_give_characters_and_pairs_latin_nothing() {
        assert_eq!(
            indexed("Sonora Buds 蓝牙耳机"),
            ["蓝", "蓝牙", "牙", "牙耳", "耳", "耳机", "机"]
        );
        assert_eq!(
            indexed("GPS手表，黑色"),
            ["手", "手表", "表", "黑", "黑色", "色"]
        );
        assert!(indexed("waterproof jacket").is_empty());
    }

    #[test]
    fn requests_look_up_pairs_or_a_lone_character() {
        assert_eq!(query_terms("蓝牙耳机"), ["蓝牙", "牙耳", "耳机"]);
        assert_eq!(query_terms("壶"), ["壶"]);
        assert_eq!(query_terms("ＧＰＳ 手表"), ["手表"]);
        assert!(query_terms("kettle").is_empty());
    }
}
