//! The tokenizer, configured for kefu: no fixed-length padding (the checkpoint's
//! tokenizer.json pads every input to 128 tokens; batches are padded to their longest
//! instead), truncation at `max_len`, and word pieces mapped back to whole words with
//! character offsets of the original text.

use candle_core::{Device, Tensor};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokenizers::{Tokenizer, TruncationParams};

use super::NluError;

/// The longest input the encoder sees, in tokens (special tokens included).
pub const MAX_TOKENS: usize = 128;

/// One word of the input: a run of word pieces the tokenizer's pre-tokenizer kept together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Character (Unicode scalar) offsets in the original text, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Index of its first word piece in the token sequence.
    pub first_token: usize,
    /// Index one past its last word piece.
    pub end_token: usize,
}

/// One text, tokenized.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub ids: Vec<u32>,
    pub words: Vec<Word>,
    /// For each token, the index of the word it belongs to (None for [CLS]/[SEP]).
    pub token_word: Vec<Option<usize>>,
}

/// Cheap to clone: a large vocabulary's tokenizer (multilingual-e5's 117k pieces) is tens
/// of MB, held once by the NLU model and the sentence encoder of one base.
#[derive(Clone)]
pub struct TextTokenizer {
    inner: Arc<Tokenizer>,
    pad_id: u32,
    /// The tokenizer.json it was read from, to tell two tokenizers of one base.
    source: PathBuf,
}

impl TextTokenizer {
    pub fn from_file(path: &Path, pad_id: u32) -> Result<Self, NluError> {
        let mut inner = Tokenizer::from_file(path).map_err(|e| NluError::Tokenizer {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        inner.with_padding(None);
        inner
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..Default::default()
            }))
            .map_err(|e| NluError::Tokenizer {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
        Ok(Self {
            inner: Arc::new(inner),
            pad_id,
            source: path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
        })
    }

    /// Whether `other` was read from the same file with the same padding id.
    pub(crate) fn same_as(&self, other: &TextTokenizer) -> bool {
        self.source == other.source && self.pad_id == other.pad_id
    }

    pub fn encode(&self, text: &str) -> Result<Encoded, NluError> {
        let enc = self
            .inner
            .encode(text, true)
            .map_err(|e| NluError::Tokenize(e.to_string()))?;
        let chars = CharIndex::new(text);
        let mut words: Vec<Word> = Vec::new();
        let mut word_of_id: Vec<(u32, usize)> = Vec::new();
        let mut token_word = Vec::with_capacity(enc.len());
        let mut prev_cjk = false;
        let pieces = enc.get_tokens();
        for (t, (wid, &(bs, be))) in enc.get_word_ids().iter().zip(enc.get_offsets()).enumerate() {
            let Some(wid) = *wid else {
                token_word.push(None);
                continue;
            };
            // A SentencePiece tokenizer writes a lone "▁" before a word whose first piece
            // has no "▁" form (most Chinese pieces); it stands for the space, not a letter,
            // so it belongs to no word and takes no tag.
            if pieces[t] == METASPACE {
                token_word.push(None);
                continue;
            }
            let (s, e) = (chars.start(bs), chars.end(be));
            // Chinese has no spaces, so a whitespace pre-tokenizer (SentencePiece's) sees a
            // whole sentence as one word. There every piece is a word of its own, which is
            // as fine as the annotation can go: a span starts and ends between pieces.
            let cjk = text[bs.min(text.len())..be.min(text.len())]
                .chars()
                .any(is_cjk);
            let split_cjk = cjk || prev_cjk;
            prev_cjk = cjk;
            match word_of_id.last() {
                Some(&(last, w)) if last == wid && !split_cjk => {
                    let word = &mut words[w];
                    word.start = word.start.min(s);
                    word.end = word.end.max(e);
                    word.end_token = t + 1;
                    token_word.push(Some(w));
                }
                _ => {
                    word_of_id.push((wid, words.len()));
                    token_word.push(Some(words.len()));
                    words.push(Word {
                        start: s,
                        end: e,
                        first_token: t,
                        end_token: t + 1,
                    });
                }
            }
        }
        Ok(Encoded {
            ids: enc.get_ids().to_vec(),
            words,
            token_word,
        })
    }

    /// Ids of the vocabulary's plain lowercase words of three letters or more (no word-piece
    /// continuations, no special or unused tokens), in id order: the words name noise
    /// draws from.
    pub fn plain_word_ids(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = self
            .inner
            .get_vocab(false)
            .into_iter()
            .filter(|(tok, _)| tok.len() >= 3 && tok.bytes().all(|b| b.is_ascii_lowercase()))
            .map(|(_, id)| id)
            .collect();
        ids.sort_unstable();
        ids
    }

    pub fn encode_all(&self, texts: &[&str]) -> Result<Vec<Encoded>, NluError> {
        texts.iter().map(|t| self.encode(t)).collect()
    }

    /// Token ids and attention mask `(batch, longest)`, padded to the longest in the batch.
    pub fn batch(&self, encs: &[&Encoded], device: &Device) -> Result<(Tensor, Tensor), NluError> {
        let longest = encs.iter().map(|e| e.ids.len()).max().unwrap_or(1).max(1);
        let mut ids = Vec::with_capacity(encs.len() * longest);
        let mut mask = Vec::with_capacity(encs.len() * longest);
        for e in encs {
            ids.extend_from_slice(&e.ids);
            mask.extend(std::iter::repeat_n(1u32, e.ids.len()));
            let pad = longest - e.ids.len();
            ids.extend(std::iter::repeat_n(self.pad_id, pad));
            mask.extend(std::iter::repeat_n(0u32, pad));
        }
        let shape = (encs.len(), longest);
        Ok((
            Tensor::from_vec(ids, shape, device)?,
            Tensor::from_vec(mask, shape, device)?,
        ))
    }
}

/// SentencePiece's word-boundary mark.
const METASPACE: &str = "\u{2581}";

/// Han characters and the CJK punctuation written between them (，。、).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2e80..=0x2fdf | 0x3000..=0x303f | 0x3400..=0x4dbf | 0x4e00..=0x9fff
        | 0xf900..=0xfaff | 0xff00..=0xffef)
}

/// Converts the tokenizer's byte offsets into character offsets of the same string.
pub(crate) struct CharIndex {
    /// Byte position where each character starts.
    starts: Vec<usize>,
}

impl CharIndex {
    pub(crate) fn new(text: &str) -> Self {
        Self {
            starts: text.char_indices().map(|(b, _)| b).collect(),
        }
    }

    /// The character holding byte `b` (a start offset).
    pub(crate) fn start(&self, b: usize) -> usize {
        self.starts.partition_point(|&s| s <= b).saturating_sub(1)
    }

    /// The number of characters starting before byte `b` (an exclusive end offset).
    pub(crate) fn end(&self, b: usize) -> usize {
        self.starts.partition_point(|&s| s < b)
    }
}

/// The substring between character offsets `start..end`.
pub fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_maps_byte_offsets_of_multibyte_text() {
        let text = "é😀a";
        let ix = CharIndex::new(text);
        assert_eq!(ix.start(0), 0);
        assert_eq!(ix.start(2), 1);
        assert_eq!(ix.start(6), 2);
        assert_eq!(ix.end(2), 1);
        assert_eq!(ix.end(6), 2);
        assert_eq!(ix.end(7), 3);
        // An offset inside a character rounds outwards.
        assert_eq!(ix.start(1), 0);
        assert_eq!(ix.end(3), 2);
        assert_eq!(char_slice(text, 1, 3), "😀a");
    }
}
