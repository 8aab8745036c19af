//! Slot decoding: the most likely *valid* BIO sequence over the words of a text, instead of
//! the likeliest tag of each word on its own.
//!
//! Taking each word's argmax turns an inside tag of another slot into a new span of its own
//! (B-brand, I-product reads as two spans where one was meant) and cuts names at
//! punctuation ("magna-" | "tiles"). A Viterbi pass over the words keeps to these rules:
//! - an I- tag only continues a span of its own slot, so the best *valid* reading wins;
//! - words the tokenizer split apart but the text writes as one ("magna-tiles", "$200",
//!   "4.5"), and compound numbers ("forty five"), take one span or none ([`glued`]);
//! - a span never starts right beside a span of its own slot: no two values of one slot
//!   stand side by side in the annotation, so "tote" + "bag" is one product type or none;
//! - a punctuation mark standing apart ("theragun prime - bluetooth", "Q9R-88L - any
//!   news", "…, red") belongs to no span ([`separators`]): no annotated span of the data
//!   holds one, so a name never runs across it;
//! - slots the training data never pairs with the predicted intent are not proposed (no
//!   "location" in a greeting, no price in a shipping question); the allow-list is learned
//!   at training time and stored with the labels.
//!
//! A word's score is the log-probability of its tag on its first piece plus that of the
//! matching inside tag on its other pieces, which is how training labels the pieces.

use super::labels::{inside, TAG_O};
use super::tokenize::Encoded;
use crate::lexicon::{is_currency_sign, is_currency_word};

/// The best tag of every word of `enc`, given the slot logits of every token and which tags
/// may be used at all (`allowed[tag]`; O is always allowed).
pub(crate) fn best_word_tags(
    text: &str,
    enc: &Encoded,
    token_logits: &[Vec<f32>],
    allowed: &[bool],
) -> Vec<u32> {
    let n_words = enc.words.len();
    let Some(n_tags) = token_logits.first().map(Vec::len) else {
        return vec![TAG_O; n_words];
    };
    if n_words == 0 {
        return Vec::new();
    }
    let log_p: Vec<Vec<f32>> = token_logits.iter().map(|l| log_softmax(l)).collect();
    let separator = separators(text, enc);
    let emission: Vec<Vec<f32>> = enc
        .words
        .iter()
        .zip(&separator)
        .map(|(w, &separator)| {
            (0..n_tags)
                .map(|tag| {
                    let may_tag = !separator && allowed.get(tag).copied().unwrap_or(false);
                    if tag != TAG_O as usize && !may_tag {
                        return f32::NEG_INFINITY;
                    }
                    let inner = inside(tag as u32) as usize;
                    let rest: f32 = (w.first_token + 1..w.end_token.min(log_p.len()))
                        .map(|t| log_p[t][inner])
                        .sum();
                    log_p.get(w.first_token).map_or(0.0, |p| p[tag]) + rest
                })
                .collect()
        })
        .collect();
    let glue = glued(text, enc);

    // score[w][tag]: best total of a valid sequence for words ..=w that ends in tag.
    let mut score = vec![vec![f32::NEG_INFINITY; n_tags]; n_words];
    let mut back = vec![vec![0usize; n_tags]; n_words];
    for tag in 0..n_tags {
        if is_begin_or_o(tag as u32) {
            score[0][tag] = emission[0][tag];
        }
    }
    for w in 1..n_words {
        for tag in 0..n_tags {
            if emission[w][tag] == f32::NEG_INFINITY {
                continue;
            }
            let mut best = (f32::NEG_INFINITY, 0usize);
            for (prev, &s) in score[w - 1].iter().enumerate() {
                if s > best.0 && may_follow(prev as u32, tag as u32, glue[w]) {
                    best = (s, prev);
                }
            }
            score[w][tag] = best.0 + emission[w][tag];
            back[w][tag] = best.1;
        }
    }
    let last = &score[n_words - 1];
    let mut tag = (0..n_tags).fold(0, |b, t| if last[t] > last[b] { t } else { b });
    if last[tag] == f32::NEG_INFINITY {
        return vec![TAG_O; n_words];
    }
    let mut tags = vec![TAG_O; n_words];
    for w in (0..n_words).rev() {
        tags[w] = tag as u32;
        tag = back[w][tag];
    }
    tags
}

/// Whether `next` may follow `prev`; `glued` says the two words are one written token.
/// A span never starts right after a span of its own slot: the annotation has no two
/// neighbouring values of one slot ("tote bag" is one product type, not "tote" + "bag"),
/// so the best reading either runs the span on or ends it.
fn may_follow(prev: u32, next: u32, glued: bool) -> bool {
    let continues = !is_begin_or_o(next) && prev != TAG_O && slot_of(prev) == slot_of(next);
    if glued {
        return (prev == TAG_O && next == TAG_O) || continues;
    }
    let begins_anew = next != TAG_O && is_begin_or_o(next);
    if begins_anew && prev != TAG_O && slot_of(prev) == slot_of(next) {
        return false;
    }
    is_begin_or_o(next) || continues
}

fn is_begin_or_o(tag: u32) -> bool {
    tag == TAG_O || tag % 2 == 1
}

fn slot_of(tag: u32) -> Option<usize> {
    (tag != TAG_O).then(|| ((tag - 1) / 2) as usize)
}

/// `glued[w]`: word `w` is written against word `w - 1` as one token of the text, so the
/// two belong to the same span: a hyphen, slash, ampersand or plus between letters or digits
/// ("magna-tiles", "1/2", "h&m"), a currency sign before a number ("$200"), a decimal point
/// ("4.5"); or the two are one number written in words ("forty five"). Apostrophes are left
/// to the model: "levi's" is one name, "mum's" is not.
pub(crate) fn glued(text: &str, enc: &Encoded) -> Vec<bool> {
    let word = word_texts(text, enc);
    let touching = |w: usize| w > 0 && enc.words[w - 1].end == enc.words[w].start;
    let alnum = |s: &str| s.chars().next().is_some_and(char::is_alphanumeric);
    let digit = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
    let mut glue = vec![false; word.len()];
    for w in 1..word.len() {
        let (prev, cur) = (word[w - 1].as_str(), word[w].as_str());
        if touching(w) && is_currency(prev) && digit(cur) {
            glue[w] = true;
        }
        // A joiner between two touching alphanumeric words glues both sides.
        if w + 1 < word.len()
            && touching(w)
            && touching(w + 1)
            && alnum(prev)
            && alnum(&word[w + 1])
        {
            // "80-120" and "80 dollars-120 dollars" are ranges of two amounts; a number
            // already joined to a word before it ("ord-2024-0091") runs on.
            let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
            let range = cur == "-"
                && (all_digits(prev) || is_currency_word(prev))
                && all_digits(&word[w + 1])
                && !(w >= 2 && glue[w - 1] && matches!(word[w - 2].as_str(), "-" | "/"));
            let joins = (matches!(cur, "-" | "/" | "&" | "+") && !range)
                || (cur == "." && digit(prev) && digit(&word[w + 1]));
            if joins {
                glue[w] = true;
                glue[w + 1] = true;
            }
        }
        if is_tens(prev) && is_unit(cur) && !touching(w) {
            glue[w] = true;
        }
    }
    glue
}

/// `separators[w]`: word `w` is punctuation that separates rather than joins: a dash, colon
/// or full stop with space on both sides, or a comma, bracket, question or exclamation mark
/// that does not sit inside a number ("$2,000").
pub(crate) fn separators(text: &str, enc: &Encoded) -> Vec<bool> {
    let word = word_texts(text, enc);
    let n = word.len();
    let touches_prev = |w: usize| w > 0 && enc.words[w - 1].end == enc.words[w].start;
    let touches_next = |w: usize| w + 1 < n && enc.words[w].end == enc.words[w + 1].start;
    let alnum = |s: &str| s.chars().next().is_some_and(char::is_alphanumeric);
    (0..n)
        .map(|w| {
            let s = word[w].as_str();
            if s.is_empty() || s.chars().any(char::is_alphanumeric) {
                return false;
            }
            let inside_a_token =
                touches_prev(w) && touches_next(w) && alnum(&word[w - 1]) && alnum(&word[w + 1]);
            let breaks = s
                .chars()
                .all(|c| ",;!?()[]{}|，。；！？、（）【】「」".contains(c));
            let spaced =
                s.chars().all(|c| "-–—:.".contains(c)) && !touches_prev(w) && !touches_next(w);
            (breaks && !inside_a_token) || spaced
        })
        .collect()
}

fn word_texts(text: &str, enc: &Encoded) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    enc.words
        .iter()
        .map(|w| {
            chars[w.start.min(chars.len())..w.end.min(chars.len())]
                .iter()
                .collect()
        })
        .collect()
}

fn is_tens(s: &str) -> bool {
    matches!(
        s.to_lowercase().as_str(),
        "twenty"
            | "thirty"
            | "forty"
            | "fourty"
            | "fifty"
            | "sixty"
            | "seventy"
            | "eighty"
            | "ninety"
    )
}

fn is_unit(s: &str) -> bool {
    matches!(
        s.to_lowercase().as_str(),
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
    )
}

fn is_currency(s: &str) -> bool {
    let mut cs = s.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_currency_sign(c))
}

fn log_softmax(xs: &[f32]) -> Vec<f32> {
    let max = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f32 = xs.iter().map(|x| (x - max).exp()).sum();
    let log_z = max + sum.ln();
    xs.iter().map(|x| x - log_z).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlu::TextTokenizer;

    const O: usize = 0;
    const B_A: usize = 1;
    const I_A: usize = 2;
    const B_B: usize = 3;
    const I_B: usize = 4;

    fn encode(text: &str) -> Encoded {
        static TOKENIZER: std::sync::OnceLock<TextTokenizer> = std::sync::OnceLock::new();
        let tokenizer = TOKENIZER.get_or_init(|| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("models/base/all-MiniLM-L6-v2/tokenizer.json");
            TextTokenizer::from_file(&path, 0).unwrap()
        });
        tokenizer.encode(text).unwrap()
    }

    /// Token logits where every piece of word `w` scores `scores[w]` (tag, logit) and O 0.
    fn logits(enc: &Encoded, scores: &[&[(usize, f32)]]) -> Vec<Vec<f32>> {
        enc.token_word
            .iter()
            .map(|w| {
                let mut l = vec![0.0; 5];
                if let Some(w) = w {
                    for &(tag, v) in scores[*w] {
                        l[tag] = v;
                    }
                } else {
                    l[O] = 5.0;
                }
                l
            })
            .collect()
    }

    #[test]
    fn an_inside_tag_of_another_slot_gives_way_to_the_best_valid_reading() {
        let text = "one two three";
        let enc = encode(text);
        assert_eq!(enc.words.len(), 3);
        // argmax per word: B-a, I-b, O — two spans of two slots; the valid best is B-a I-a.
        let l = logits(
            &enc,
            &[&[(B_A, 3.0)], &[(I_B, 3.0), (I_A, 2.5)], &[(O, 3.0)]],
        );
        let tags = best_word_tags(text, &enc, &l, &[true; 5]);
        assert_eq!(tags, [B_A as u32, I_A as u32, O as u32]);
    }

    #[test]
    fn words_written_as_one_share_a_span() {
        let text = "one-two three";
        let enc = encode(text);
        assert_eq!(enc.words.len(), 4, "one - two three");
        // "two" alone would start a span of b, but it is glued to "one-".
        let l = logits(
            &enc,
            &[
                &[(B_A, 3.0)],
                &[(I_A, 3.0)],
                &[(B_B, 3.0), (I_A, 2.0)],
                &[(O, 3.0)],
            ],
        );
        let tags = best_word_tags(text, &enc, &l, &[true; 5]);
        assert_eq!(tags, [B_A as u32, I_A as u32, I_A as u32, O as u32]);
        // …and a glued word is not tagged on its own either: all or nothing.
        let l = logits(
            &enc,
            &[&[(O, 3.0)], &[(O, 3.0)], &[(B_B, 4.0)], &[(O, 3.0)]],
        );
        let tags = best_word_tags(text, &enc, &l, &[true; 5]);
        assert!(
            tags[..3].iter().all(|&t| t == tags[0] || t == I_B as u32),
            "{tags:?}"
        );
        assert_ne!(tags[2], B_B as u32);
    }

    #[test]
    fn tags_that_are_not_allowed_are_never_chosen() {
        let text = "one two";
        let enc = encode(text);
        let l = logits(&enc, &[&[(B_A, 9.0), (B_B, 1.0)], &[(I_A, 9.0)]]);
        let allowed = [true, false, false, true, true];
        let tags = best_word_tags(text, &enc, &l, &allowed);
        assert!(
            !tags.contains(&(B_A as u32)) && !tags.contains(&(I_A as u32)),
            "{tags:?}"
        );
        assert_eq!(
            best_word_tags(text, &enc, &l, &[true, false, false, false, false]),
            [0, 0]
        );
    }

    #[test]
    fn glue_is_currency_before_a_number_joiners_and_decimals_not_apostrophes_or_commas() {
        let glue_of = |text: &str| -> Vec<(String, bool)> {
            let enc = encode(text);
            let chars: Vec<char> = text.chars().collect();
            let g = glued(text, &enc);
            enc.words
                .iter()
                .zip(g)
                .map(|(w, g)| (chars[w.start..w.end].iter().collect(), g))
                .collect()
        };
        let glued_words = |text: &str| -> Vec<String> {
            glue_of(text)
                .into_iter()
                .filter(|(_, g)| *g)
                .map(|(w, _)| w)
                .collect()
        };
        assert_eq!(glued_words("under $200 please"), ["200"]);
        assert_eq!(glued_words("the magna-tiles set"), ["-", "tiles"]);
        assert_eq!(glued_words("rated 4.5 or more"), [".", "5"]);
        assert!(glued_words("my mum's bag, red").is_empty());
        assert!(glued_words("red - blue").is_empty());
        assert_eq!(glued_words("forty five party bags"), ["five"]);
        assert!(glued_words("air fryers 80-120 euros").is_empty());
        assert!(glued_words("bread makers 200 dollar-540 dollar").is_empty());
        assert_eq!(glued_words("ord-2024-0091"), ["-", "2024", "-", "0091"]);
        assert!(glued_words("five forty").is_empty());
    }

    fn separator_words(text: &str) -> Vec<String> {
        let enc = encode(text);
        let chars: Vec<char> = text.chars().collect();
        enc.words
            .iter()
            .zip(separators(text, &enc))
            .filter(|(_, s)| *s)
            .map(|(w, _)| chars[w.start..w.end].iter().collect())
            .collect()
    }

    #[test]
    fn punctuation_standing_apart_separates_and_punctuation_inside_a_token_does_not() {
        assert_eq!(
            separator_words("theragun prime - bluetooth or no?"),
            ["-", "?"]
        );
        assert_eq!(separator_words("claim Q9R-88L - any news"), ["-"]);
        assert_eq!(
            separator_words("red, blue (or green)!"),
            [",", "(", ")", "!"]
        );
        assert_eq!(
            separator_words("$2,000 for the magna-tiles, dr. martens 4.5"),
            [","]
        );
        assert!(separator_words("bang & olufsen or levi's").is_empty());
    }

    #[test]
    fn a_span_never_starts_right_beside_one_of_its_own_slot() {
        let text = "tote bag";
        let enc = encode(text);
        let l = logits(&enc, &[&[(B_A, 5.0)], &[(B_A, 5.0), (I_A, 3.0)]]);
        let tags = best_word_tags(text, &enc, &l, &[true; 5]);
        assert_eq!(tags, [B_A as u32, I_A as u32]);
    }

    #[test]
    fn a_separator_is_never_tagged_even_when_the_model_would_run_a_name_across_it() {
        let text = "one two - three";
        let enc = encode(text);
        assert_eq!(enc.words.len(), 4);
        let l = logits(
            &enc,
            &[
                &[(B_A, 5.0)],
                &[(I_A, 5.0)],
                &[(I_A, 5.0)],
                &[(I_A, 5.0), (B_B, 4.0)],
            ],
        );
        let tags = best_word_tags(text, &enc, &l, &[true; 5]);
        assert_eq!(tags, [B_A as u32, I_A as u32, O as u32, B_B as u32]);
    }

    /// The rules agree with the annotation: across the train and test files no annotated
    /// span holds a separator, glued words never sit in different spans, and no two spans of
    /// one slot stand side by side.
    #[test]
    fn every_annotated_span_of_the_shop_data_respects_glue_and_separators() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/nlu");
        let mut broken = Vec::new();
        for file in ["train.jsonl", "test.jsonl"] {
            for ex in crate::nlu::data::load(&root.join(file)).unwrap().examples {
                let enc = encode(&ex.text);
                let span_of = |w: &crate::nlu::tokenize::Word| {
                    ex.slots
                        .iter()
                        .position(|s| s.start <= w.start && w.end <= s.end)
                };
                let glue = glued(&ex.text, &enc);
                let sep = separators(&ex.text, &enc);
                for (i, w) in enc.words.iter().enumerate() {
                    let in_span = span_of(w);
                    if sep[i] && in_span.is_some() {
                        broken.push(format!("{file}: separator inside a span: {}", ex.text));
                    }
                    if glue[i] && in_span != span_of(&enc.words[i - 1]) {
                        broken.push(format!("{file}: glued words split: {}", ex.text));
                    }
                    let before = (i > 0).then(|| span_of(&enc.words[i - 1])).flatten();
                    if let (Some(a), Some(b)) = (before, in_span) {
                        if a != b && ex.slots[a].slot == ex.slots[b].slot {
                            broken.push(format!(
                                "{file}: two values of one slot side by side: {}",
                                ex.text
                            ));
                        }
                    }
                }
            }
        }
        assert!(broken.is_empty(), "{}", broken.join("\n"));
    }
}
