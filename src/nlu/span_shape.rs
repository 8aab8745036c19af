//! What a span of a slot may look like, checked after decoding: the model finds where a
//! value is, and a few slots have a written shape that it sometimes oversteps.
//!
//! - a price holds an amount: a digit or a number word ("$45", "a grand", "fifty quid");
//!   a lone "a" read as a floor in "show me a few more" is no price;
//! - a location is a place, so it has letters ("€60" in "is it free over €60" is none);
//! - an order id is no sum of money: not "$1499" nor the "1200" of "1200 dollars" (other
//!   people's refund messages, `kefu eval bitext`, showed the model taking amounts for ids);
//! - a recipient is the person, not their possessive: "my bestie's birthday" names
//!   "my bestie" (the annotation convention; "my cousin's son" keeps its inner "'s").
//! - no value is made of function words alone: an "a" read as a recipient in "for a big
//!   dog", or as a ranking wish in "show me a few more", names nothing. This is the shop
//!   annotation's convention for its own slot kinds (`SlotKind`); other data has its own
//!   (SNIPS tags the "my" of "add it to my playlist" as `playlist_owner`, 4.6 % of its test
//!   spans), so a slot of another name keeps such a value;
//! - two values of one slot never stand side by side ([`join_neighbours`]);
//! - a Chinese value holds no particle at its edges: word pieces of a SentencePiece
//!   vocabulary run across the annotation's word ends ("色的", "的手", "给我", "第一个"),
//!   and the convention leaves 的/了/吗, 给/帮/送 and an ordinal's classifier outside
//!   (knowledge/nlu/README.md, "Chinese").
//!
//! A unit test holds these rules to every span of the train and test files: none of them
//! drops or trims an annotated value.

use super::tokenize::char_slice;
use crate::lexicon::{is_currency_word, CURRENCY_SIGNS};
use crate::types::{Slot, SlotKind};

/// Drops or trims the spans of `slots` (found in `text`) that break their slot's shape.
pub(crate) fn tidy(text: &str, slots: &mut Vec<Slot>) {
    slots.retain(|s| {
        !(SlotKind::parse(&s.slot).is_some() && only_function_words(&s.value))
            && match s.slot.as_str() {
                "price_min" | "price_max" => holds_an_amount(&s.value),
                "location" => s.value.chars().any(char::is_alphabetic),
                "order_id" => !is_money(text, s),
                _ => true,
            }
    });
    for slot in slots.iter_mut().filter(|s| s.slot == "recipient") {
        trim_possessive(slot);
    }
    for slot in slots.iter_mut() {
        trim_chinese_particles(slot);
    }
    slots.retain(|s| !s.value.is_empty());
}

/// Particles that end a Chinese phrase (的 红色的), or a question or exclamation.
const TRAILING_PARTICLES: &[char] = &['的', '了', '吗', '呢', '吧', '啊', '呀', '么', '嘛'];
/// Words that lead into a value without being part of it: 的 between a modifier and its
/// noun, and the verbs of giving in front of a recipient (给我妈, 帮我爸, 送我女朋友).
const LEADING_PARTICLES: &[char] = &['的', '了', '给', '帮', '送', '是'];
/// Classifiers an ordinal may be written with (第二个, 第一款, 第三件): outside its span.
const ORDINAL_CLASSIFIERS: &[char] = &['个', '款', '件', '双', '条', '只', '张'];

/// "藏青色的" → "藏青色", "给我妈" → "我妈", "第一个" → "第一" (a value of Han characters
/// only; a Latin name keeps every letter).
fn trim_chinese_particles(slot: &mut Slot) {
    if !slot.value.chars().any(super::tokenize::is_cjk) {
        return;
    }
    let chars: Vec<char> = slot.value.chars().collect();
    let (mut a, mut b) = (0, chars.len());
    while a < b && LEADING_PARTICLES.contains(&chars[a]) {
        a += 1;
    }
    let ordinal = chars.get(a) == Some(&'第');
    while b > a
        && (TRAILING_PARTICLES.contains(&chars[b - 1])
            || (ordinal && b - a > 2 && ORDINAL_CLASSIFIERS.contains(&chars[b - 1])))
    {
        b -= 1;
    }
    if (a, b) != (0, chars.len()) {
        slot.start += a;
        slot.end = slot.start + (b - a);
        slot.value = chars[a..b].iter().collect();
    }
}

/// Joins spans of one slot that only whitespace separates into one: the annotation never
/// puts two values of one slot side by side ("tote bag" is one product type), so two
/// neighbours are one value cut in two. The decoder already keeps to this (decode.rs); a
/// slot renamed afterwards, by the shop's vocabulary, can meet a neighbour of its new slot.
/// `slots` are in text order, as decoding gives them.
pub(crate) fn join_neighbours(text: &str, slots: &mut Vec<Slot>) {
    let mut joined: Vec<Slot> = Vec::with_capacity(slots.len());
    for slot in slots.drain(..) {
        match joined.last_mut() {
            Some(last)
                if last.slot == slot.slot
                    && last.end <= slot.start
                    && char_slice(text, last.end, slot.start).trim().is_empty() =>
            {
                last.end = slot.end;
                last.value = char_slice(text, last.start, last.end);
            }
            _ => joined.push(slot),
        }
    }
    *slots = joined;
}

/// Articles, determiners, pronouns and prepositions: words that point at a thing or a
/// person but never name one. A pronoun after an article is a name ("the US").
fn only_function_words(value: &str) -> bool {
    const WORDS: &[&str] = &[
        "a", "an", "the", "some", "any", "my", "your", "our", "their", "his", "her", "its", "this",
        "that", "these", "those", "of", "for", "to", "in", "on", "at", "by", "with", "and", "or",
        "it", "me", "us", "them", "him",
    ];
    const ARTICLES: &[&str] = &["a", "an", "the"];
    const PRONOUNS: &[&str] = &["it", "me", "us", "them", "him"];
    let words: Vec<String> = value
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let named = words
        .windows(2)
        .any(|pair| ARTICLES.contains(&pair[0].as_str()) && PRONOUNS.contains(&pair[1].as_str()));
    !words.is_empty() && !named && words.iter().all(|w| WORDS.contains(&w.as_str()))
}

fn holds_an_amount(value: &str) -> bool {
    value.chars().any(|c| c.is_ascii_digit())
        || crate::lexicon::zh::amount(value).is_some()
        || value
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| crate::lexicon::is_number_word(&w.to_lowercase()))
}

/// A currency sign on the value, or a currency word right after it.
fn is_money(text: &str, slot: &Slot) -> bool {
    if slot.value.starts_with(CURRENCY_SIGNS) || slot.value.ends_with(CURRENCY_SIGNS) {
        return true;
    }
    let after: String = text.chars().skip(slot.end).take(12).collect();
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty());
    let spaced = after.starts_with(char::is_whitespace) || after.is_empty();
    spaced && next.is_some_and(is_currency_word)
}

/// "my bestie's" → "my bestie": the value is a slice of the text, so its prefix is too.
fn trim_possessive(slot: &mut Slot) {
    let kept = ["'s", "’s"]
        .iter()
        .find_map(|suffix| slot.value.strip_suffix(suffix))
        .map(str::trim_end);
    if let Some(kept) = kept.filter(|k| !k.is_empty()) {
        slot.end = slot.start + kept.chars().count();
        slot.value = kept.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(text: &str, name: &str, value: &str) -> Slot {
        Slot::first_in(text, name, value).expect("value in text")
    }

    /// The values of `spans` (slot, value) in `text` that `tidy` keeps.
    fn kept(text: &str, spans: &[(&str, &str)]) -> Vec<String> {
        let mut slots: Vec<Slot> = spans.iter().map(|(n, v)| slot(text, n, v)).collect();
        tidy(text, &mut slots);
        slots.into_iter().map(|s| s.value).collect()
    }

    #[test]
    fn prices_without_an_amount_and_places_without_letters_are_dropped() {
        let text = "show me a few more, max fifty quid, free over €60?";
        let spans = [
            ("price_min", "a"),
            ("price_max", "fifty quid"),
            ("location", "€60"),
        ];
        assert_eq!(kept(text, &spans), ["fifty quid"]);
    }

    #[test]
    fn function_words_alone_name_nothing_in_the_shops_slots_only() {
        let text = "add a song to my playlist for a big dog";
        let spans = [("recipient", "a"), ("playlist_owner", "my")];
        assert_eq!(kept(text, &spans), ["my"]);
    }

    #[test]
    fn an_order_id_that_is_a_sum_of_money_is_dropped() {
        let text = "waiting on a refund of $1499 for order 88213, or 1200 dollars, or 35€";
        let spans = ["$1499", "88213", "1200", "35€"].map(|v| ("order_id", v));
        assert_eq!(kept(text, &spans), ["88213"]);
        // a number run into a word is no amount ("1200dollars" is not split by the model)
        let text = "order 1200-dollarshop";
        assert_eq!(kept(text, &[("order_id", "1200")]), ["1200"]);
    }

    #[test]
    fn a_recipient_loses_a_trailing_possessive_only() {
        let text = "for my bestie’s birthday or my cousin's son";
        let mut slots = vec![
            slot(text, "recipient", "my bestie’s"),
            slot(text, "recipient", "my cousin's son"),
        ];
        tidy(text, &mut slots);
        assert_eq!(slots[0].value, "my bestie");
        assert_eq!((slots[0].start, slots[0].end), (4, 13));
        assert_eq!(slots[1].value, "my cousin's son");
    }

    #[test]
    fn neighbours_of_one_slot_join_and_others_stay_apart() {
        let text = "a tote  bag, red purse and wool scarf";
        let mut slots = vec![
            slot(text, "product_type", "tote"),
            slot(text, "product_type", "bag"),
            slot(text, "color", "red"),
            slot(text, "product_type", "purse"),
            slot(text, "material", "wool"),
            slot(text, "product_type", "scarf"),
        ];
        join_neighbours(text, &mut slots);
        let got: Vec<_> = slots
            .iter()
            .map(|s| (s.slot.as_str(), s.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("product_type", "tote  bag"),
                ("color", "red"),
                ("product_type", "purse"),
                ("material", "wool"),
                ("product_type", "scarf")
            ]
        );
    }

    #[test]
    fn a_value_of_function_words_alone_is_dropped() {
        let text = "what dog harness for a big dog, show me a few more";
        let spans = [
            ("recipient", "a"),
            ("product_type", "dog harness"),
            ("quantity", "a few"),
        ];
        assert_eq!(kept(text, &spans), ["dog harness", "a few"]);
        // A pronoun after an article is a name: shipping to the US, not to "us".
        let text = "can you ship it to us, or to the us";
        let spans = [("location", "us"), ("location", "the us")];
        assert_eq!(kept(text, &spans), ["the us"]);
    }

    #[test]
    fn chinese_values_lose_the_particles_at_their_edges() {
        let text = "给我妈买件藏青色的外套，第二个呢";
        let spans = [
            ("recipient", "给我妈"),
            ("color", "藏青色的"),
            ("ordinal", "第二个"),
        ];
        assert_eq!(kept(text, &spans), ["我妈", "藏青色", "第二"]);
        // The trimmed value still names its place in the text.
        let mut slots = vec![slot(text, "color", "藏青色的")];
        tidy(text, &mut slots);
        assert_eq!(char_slice(text, slots[0].start, slots[0].end), "藏青色");
        // A value in Latin letters, and a price in Chinese numerals, stay whole.
        assert_eq!(
            kept(
                "两百块以内的Nike",
                &[("price_max", "两百块"), ("brand", "Nike")]
            ),
            ["两百块", "Nike"]
        );
    }

    /// The rules agree with the annotation: no span of the shop's data is dropped or trimmed.
    #[test]
    fn every_annotated_span_of_the_shop_data_keeps_its_shape() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/nlu");
        let mut checked = 0;
        for file in [
            "train.jsonl",
            "test.jsonl",
            "zh/train.jsonl",
            "zh/test.jsonl",
        ] {
            let data = crate::nlu::data::load(&root.join(file)).unwrap();
            for ex in data.examples {
                let mut slots = ex.slots.clone();
                tidy(&ex.text, &mut slots);
                assert_eq!(slots, ex.slots, "{file}: {}", ex.text);
                checked += ex.slots.len();
            }
        }
        assert!(checked > 5000, "{checked} spans");
    }
}
