//! Amounts written in English words ("thirty", "twenty-five", "a hundred and fifty",
//! "two thousand"), for prices a shopper spells out ("under ten bucks").

const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Notes shoppers name by their value.
const NOTES: &[(&str, u64)] = &[("fiver", 5), ("tenner", 10)];
/// Other words of amounts a number word may stand beside ("two grand", "1.5k", "half a
/// dozen"), and a common misspelling.
const AMOUNT_WORDS: &[&str] = &[
    "hundred", "thousand", "million", "grand", "k", "half", "dozen", "fourty",
];

/// Whether a word (lower case) says a number or an amount: "five", "twenty", "hundred",
/// "grand", "tenner".
pub fn is_number_word(word: &str) -> bool {
    (word != "zero" && small(word).is_some()) || AMOUNT_WORDS.contains(&word)
}

fn small(word: &str) -> Option<u64> {
    if let Some(n) = UNITS.iter().position(|u| *u == word) {
        return Some(n as u64);
    }
    if let Some((_, n)) = NOTES.iter().find(|(w, _)| *w == word) {
        return Some(*n);
    }
    TENS.iter()
        .position(|t| !t.is_empty() && *t == word)
        .map(|n| n as u64 * 10)
}

/// The first amount written in words in `text`: "under thirty dollars" → 30, "twenty-five"
/// → 25, "a hundred and fifty" → 150, "two thousand" → 2000. "a" counts only before
/// "hundred" or "thousand" ("a gift" holds no number).
pub fn amount_in_words(text: &str) -> Option<f64> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let scale = |w: &str| match w {
        "hundred" => Some(100),
        "thousand" => Some(1000),
        _ => None,
    };
    let start = words.iter().enumerate().position(|(i, w)| {
        small(w).is_some()
            || (matches!(*w, "a" | "one") && words.get(i + 1).is_some_and(|n| scale(n).is_some()))
    })?;
    let (mut total, mut current) = (0u64, 0u64);
    let mut read_any = false;
    for (i, w) in words[start..].iter().enumerate() {
        if let Some(n) = small(w) {
            current += n;
        } else if *w == "a" && i == 0 {
            current += 1;
        } else if let Some(s) = scale(w) {
            current = current.max(1) * s;
            if s == 1000 {
                total += current;
                current = 0;
            }
        } else if *w == "and" && read_any {
            continue;
        } else {
            break;
        }
        read_any = true;
    }
    read_any.then_some((total + current) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words() {
        for w in [
            "five", "twenty", "fourty", "hundred", "grand", "k", "tenner", "dozen",
        ] {
            assert!(is_number_word(w), "{w}");
        }
        for w in ["zero", "a", "tee", "ten-ish"] {
            assert!(!is_number_word(w), "{w}");
        }
    }

    #[test]
    fn amounts_in_words() {
        assert_eq!(amount_in_words("under thirty dollars"), Some(30.0));
        assert_eq!(amount_in_words("ten bucks"), Some(10.0));
        assert_eq!(amount_in_words("twenty-five"), Some(25.0));
        assert_eq!(amount_in_words("twenty five quid"), Some(25.0));
        assert_eq!(amount_in_words("a hundred and fifty euros"), Some(150.0));
        assert_eq!(amount_in_words("two thousand"), Some(2000.0));
        assert_eq!(amount_in_words("one hundred"), Some(100.0));
        assert_eq!(amount_in_words("under a tenner"), Some(10.0));
        assert_eq!(amount_in_words("a gift"), None);
        assert_eq!(amount_in_words("cheap stuff"), None);
    }
}
