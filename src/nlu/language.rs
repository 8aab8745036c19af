//! Which language a shopper's message is in, and so which model reads it.
//!
//! The script decides where it can: a message of Han characters is Chinese, one of Latin
//! words is the shop's Latin-script language. A Chinese sentence often carries a brand or
//! model name in Latin letters ("有没有New Balance的老爹鞋", "iPhone 15 Pro有货吗"), and an
//! English one may name a thing in Chinese; a Han character says about as much as a short
//! word, so Han characters count [`HAN_WEIGHT`] letters each against the Latin ones. Where both
//! scripts are written, both models read the message and the surer parse is taken ([`pick`]):
//! the script picks the reply language, the models agree on what was meant.

pub use crate::lexicon::zh::is_han;
use crate::types::Parse;

/// The language code of Chinese messages (the key of `[nlu.languages.zh]` and of
/// `knowledge/responses/zh.yaml`).
pub const CHINESE: &str = "zh";
/// The code given to Latin-script messages: the default model's language.
pub const LATIN: &str = "en";

/// Latin letters one Han character weighs against when a message has both.
const HAN_WEIGHT: usize = 5;
/// Latin letters a message without Han needs before its language is sure: "ok", "42",
/// "Nike" or an order number alone say nothing about the shopper's language.
const SURE_LATIN_LETTERS: usize = 6;

/// What the script of a message says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Script {
    /// Han characters.
    pub han: usize,
    /// ASCII letters.
    pub latin: usize,
}

impl Script {
    pub fn of(text: &str) -> Self {
        let mut s = Script { han: 0, latin: 0 };
        for c in text.chars() {
            if is_han(c) {
                s.han += 1;
            } else if c.is_ascii_alphabetic() {
                s.latin += 1;
            }
        }
        s
    }

    /// The language the shopper wrote in, when the script says: Chinese when the Han
    /// characters outweigh the Latin letters, Latin-script when there are enough letters
    /// and no more than a few Han characters, none for digits, emoji or a lone word.
    pub fn language(&self) -> Option<&'static str> {
        if self.han > 0 && self.han * HAN_WEIGHT >= self.latin {
            Some(CHINESE)
        } else if self.latin >= SURE_LATIN_LETTERS {
            Some(LATIN)
        } else {
            None
        }
    }
}

/// The models to ask for a message, given the languages that have one besides the default
/// (which reads everything else; `None` below). A Chinese message is the Chinese model's
/// alone: it learnt the Latin brand and model names inside Chinese sentences, which the
/// default model would read with no idea of the words around them. A Latin-script message
/// with a few Han characters in it is read by both, and [`pick`] takes the surer reading.
pub fn route<'a>(text: &str, languages: &[&'a str]) -> Vec<Option<&'a str>> {
    let script = Script::of(text);
    let chinese = languages.iter().find(|&&k| k == CHINESE).copied();
    match (script.language(), chinese) {
        (Some(CHINESE), Some(zh)) => vec![Some(zh)],
        (_, Some(zh)) if script.han > 0 => vec![None, Some(zh)],
        _ => vec![None],
    }
}

/// The surer of several readings of one message: the higher confidence in its best intent
/// (a fallback counts as unsure), the first on a tie.
pub fn pick(parses: Vec<Parse>) -> Parse {
    let sure = |p: &Parse| {
        if p.intent == crate::types::NLU_FALLBACK {
            0.0
        } else {
            p.confidence
        }
    };
    parses
        .into_iter()
        .reduce(|best, p| if sure(&p) > sure(&best) { p } else { best })
        .expect("at least one reading")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_decides_where_it_can() {
        let lang = |t: &str| Script::of(t).language();
        assert_eq!(lang("亲，在吗？"), Some(CHINESE));
        assert_eq!(lang("有没有New Balance的老爹鞋"), Some(CHINESE));
        assert_eq!(lang("iPhone 15 Pro有货吗"), Some(CHINESE));
        assert_eq!(lang("這款有現貨嗎"), Some(CHINESE));
        assert_eq!(lang("do you have a waterproof jacket"), Some(LATIN));
        assert_eq!(
            lang("Do you have a 羽绒服 in black, size medium please?"),
            Some(LATIN)
        );
        for unsure in ["42", "ok", "Nike", "ORD-2024-0091", "👍", "?"] {
            assert_eq!(lang(unsure), None, "{unsure}");
        }
    }

    #[test]
    fn chinese_goes_to_its_model_and_latin_with_han_to_both() {
        let zh = [CHINESE];
        assert_eq!(route("有42码吗", &zh), vec![Some(CHINESE)]);
        assert_eq!(route("有没有Nike的跑鞋", &zh), vec![Some(CHINESE)]);
        assert_eq!(route("show me tents", &zh), vec![None]);
        assert_eq!(
            route("Do you have a 羽绒服 in black, size medium please?", &zh),
            vec![None, Some(CHINESE)]
        );
        // Without a Chinese model, everything goes to the default.
        assert_eq!(route("有42码吗", &[]), vec![None]);
    }

    fn parse(intent: &str, confidence: f32) -> Parse {
        Parse {
            text: String::new(),
            intent: intent.into(),
            confidence,
            ranking: vec![],
            slots: vec![],
            sentiment: crate::types::Sentiment::Neutral,
            sentiment_score: 0.0,
            language: String::new(),
        }
    }

    #[test]
    fn the_surer_reading_wins_and_a_fallback_is_unsure() {
        let got = pick(vec![parse("search_product", 0.6), parse("greet", 0.9)]);
        assert_eq!(got.intent, "greet");
        let got = pick(vec![
            parse(crate::types::NLU_FALLBACK, 0.95),
            parse("greet", 0.5),
        ]);
        assert_eq!(got.intent, "greet");
        let got = pick(vec![parse("a", 0.7), parse("b", 0.7)]);
        assert_eq!(got.intent, "a");
    }
}
