//! Keyboard mashes ("asdkjh qwpoeiru zxmcn") are refused before any intent is trusted.
//!
//! The signal is how the encoder's own word-piece vocabulary cuts a word: English words,
//! their typos and chat spellings, and product names come out in few pieces ("fjellrunner"
//! → fj·ell·runner, 3.7 letters a piece), while a mash falls apart into letters and pairs
//! ("qwpoeiru" → q·w·po·ei·ru, 1.6). A message is nonsense when most of its letters are in
//! such fragmented words, and either there are enough of them to be sure, or the model is
//! itself unsure what the message wants. Both numbers were picked on generated mashes
//! against the shop's test messages and Bitext's (`kefu eval oos --mashes`, docs/nlu.md
//! "Nonsense"), not on any one message.
//!
//! Only ASCII letters are judged: a script the vocabulary cuts into single characters
//! (Chinese) is never called a mash by this rule.

use super::tokenize::Encoded;

/// A word is fragmented when it has at least this many letters ...
const MIN_WORD_LETTERS: usize = 4;
/// ... and fewer than this many letters per word piece.
const FRAGMENTED_LETTERS_PER_PIECE: f32 = 2.2;
/// Share of a message's letters in fragmented words above which it may be nonsense: most
/// of it, so one typo beside a real word ("cancel ordedr 3707955617") is not.
const MIN_FRAGMENTED_SHARE: f32 = 0.5;
/// Fragmented letters that make a message nonsense whatever the model thinks of it
/// ("heloo", "tmrw" and "ttyl" stay under it).
const SURE_FRAGMENTED_LETTERS: usize = 6;
/// Under this confidence a message with fewer fragmented letters is nonsense too.
const UNSURE_CONFIDENCE: f32 = 0.6;

/// How much of a message the vocabulary cut into fragments.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Fragmentation {
    /// ASCII letters in the message.
    pub letters: usize,
    /// Those of them in fragmented words.
    pub fragmented: usize,
}

impl Fragmentation {
    pub fn of(text: &str, encoded: &Encoded) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Fragmentation::default();
        for word in &encoded.words {
            let letters = chars
                .get(word.start..word.end.min(chars.len()))
                .unwrap_or_default()
                .iter()
                .filter(|c| c.is_ascii_alphabetic())
                .count();
            out.letters += letters;
            let pieces = word.end_token.saturating_sub(word.first_token).max(1);
            if letters >= MIN_WORD_LETTERS
                && (letters as f32) / (pieces as f32) < FRAGMENTED_LETTERS_PER_PIECE
            {
                out.fragmented += letters;
            }
        }
        out
    }

    pub fn share(&self) -> f32 {
        if self.letters == 0 {
            0.0
        } else {
            self.fragmented as f32 / self.letters as f32
        }
    }

    /// Whether a message cut like this, whose top intent has `confidence`, is nonsense.
    pub fn is_nonsense(&self, confidence: f32) -> bool {
        self.fragmented > 0
            && self.share() > MIN_FRAGMENTED_SHARE
            && (self.fragmented >= SURE_FRAGMENTED_LETTERS || confidence < UNSURE_CONFIDENCE)
    }
}

/// Keyboard mashes as shoppers make them, for measuring the check (never for training):
/// random letters, slides along a keyboard row (either way), and hammering on one or two
/// rows, one to four words. The same seed gives the same mashes.
pub fn keyboard_mashes(count: usize, seed: u64) -> Vec<String> {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let mut rng = SplitMix(seed);
    (0..count)
        .map(|_| {
            let style = rng.below(4);
            let words = 1 + rng.below(4);
            (0..words)
                .map(|_| {
                    let len = 3 + rng.below(8);
                    let row = ROWS[rng.below(3)].as_bytes();
                    let word: String = match style {
                        0 => (0..len)
                            .map(|_| (b'a' + rng.below(26) as u8) as char)
                            .collect(),
                        1 => {
                            let start = rng.below(row.len() - 2);
                            let slide = &row[start..(start + len).min(row.len())];
                            let mut w: Vec<u8> = slide.to_vec();
                            if rng.below(2) == 0 {
                                w.reverse();
                            }
                            String::from_utf8(w).unwrap_or_default()
                        }
                        2 => (0..len)
                            .map(|_| row[rng.below(row.len())] as char)
                            .collect(),
                        _ => {
                            let two = [ROWS[rng.below(2)].as_bytes(), ROWS[1].as_bytes()];
                            (0..len)
                                .map(|_| {
                                    let r = two[rng.below(2)];
                                    r[rng.below(r.len())] as char
                                })
                                .collect()
                        }
                    };
                    word
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A small seeded generator, so the measured set is the same on every machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlu::tokenize::Word;

    /// An encoding with the given pieces per whitespace word.
    fn encoded(text: &str, pieces: &[usize]) -> Encoded {
        let mut words = Vec::new();
        let mut token = 1;
        let mut at = 0;
        for (w, &n) in text.split(' ').zip(pieces) {
            let len = w.chars().count();
            words.push(Word {
                start: at,
                end: at + len,
                first_token: token,
                end_token: token + n,
            });
            token += n;
            at += len + 1;
        }
        Encoded {
            ids: vec![0; token + 1],
            words,
            token_word: Vec::new(),
        }
    }

    #[test]
    fn a_mash_cut_into_letters_is_nonsense_however_sure_the_model_is() {
        let f = Fragmentation::of("asdkjh qwpoeiru", &encoded("asdkjh qwpoeiru", &[5, 5]));
        assert_eq!((f.letters, f.fragmented), (14, 14));
        assert!(f.is_nonsense(0.99));
    }

    #[test]
    fn words_in_few_pieces_are_not() {
        let text = "fjellrunner trail shoes";
        let f = Fragmentation::of(text, &encoded(text, &[3, 1, 1]));
        assert_eq!(f.fragmented, 0);
        assert!(!f.is_nonsense(0.1));
    }

    #[test]
    fn a_short_chat_spelling_needs_the_model_unsure_too() {
        // "heloo": 5 letters in 3 pieces, fragmented, but under the sure count
        let f = Fragmentation::of("heloo", &encoded("heloo", &[3]));
        assert_eq!(f.fragmented, 5);
        assert!(!f.is_nonsense(0.95));
        assert!(f.is_nonsense(0.3));
    }

    #[test]
    fn mashes_are_seeded_and_varied() {
        let a = keyboard_mashes(50, 7);
        assert_eq!(a, keyboard_mashes(50, 7));
        assert_ne!(a, keyboard_mashes(50, 8));
        assert!(a
            .iter()
            .all(|m| !m.is_empty() && m.chars().all(|c| c.is_ascii_lowercase() || c == ' ')));
        let distinct: std::collections::BTreeSet<_> = a.iter().collect();
        assert!(distinct.len() > 45);
    }
}
