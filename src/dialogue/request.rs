//! The one reading of a shopper's words into a [`SearchRequest`]: this turn's slots are
//! folded into the search in force (a new product type starts a new topic; "not nike",
//! "anything but black" exclude), then the search in force is typed. Search and the
//! recommender rank for the request and never re-read the text.

use crate::lexicon::{audience, lower_words, zh};
use crate::lexicon::{
    excluded_at, is_currency_word, is_negation, is_occasion, is_price_cue, owned_at, parse_price,
    sort_wish, sort_words, word_excluded_at, EXCLUSIONS, FILLERS,
};
use crate::types::{Parse, SearchRequest, Slot, SlotKind};

use super::age::asked_age;
use super::prices::{convert_slot, read_zh, PriceNote, PriceRule};
use super::tracker::Tracker;

/// Slots that describe what to search for; they carry over between turns.
pub(super) const SEARCH_SLOTS: &[SlotKind] = &[
    SlotKind::ProductType,
    SlotKind::Brand,
    SlotKind::Color,
    SlotKind::Size,
    SlotKind::Material,
    SlotKind::PriceMin,
    SlotKind::PriceMax,
    SlotKind::Feature,
    SlotKind::Sort,
    SlotKind::Recipient,
];

/// Folds this turn's search slots into the tracker's search in force; prices are kept in
/// the shop's currency (`rule`), and each amount named in another currency is returned for
/// the reply to say how it was taken.
pub(super) fn fold(tracker: &mut Tracker, parse: &Parse, rule: &PriceRule) -> Vec<PriceNote> {
    let mut notes = Vec::new();
    // Chinese price cues are read from the words themselves (the NLU's spans hold the
    // amount, the cue beside it says which end): they decide every price of the turn.
    let zh_budget = read_zh(parse, rule);
    // The characters of a Chinese price and its cue (300元以内) hold nothing else: a size
    // or colour tagged inside them is a misreading.
    let price_words: Vec<(usize, usize)> =
        zh::prices(&parse.text).iter().map(|p| p.reach).collect();
    if let Some(pt) = asked_type(parse) {
        let changed = tracker
            .slots
            .get(&SlotKind::ProductType)
            .is_none_or(|old| !old.eq_ignore_ascii_case(&pt.value));
        if changed {
            tracker.reset_search();
        }
    }
    for s in &parse.slots {
        let Some(kind) = s.kind().filter(|k| SEARCH_SLOTS.contains(k)) else {
            continue;
        };
        if !kind.is_price() && price_words.iter().any(|&(a, b)| s.start < b && a < s.end) {
            continue;
        }
        // "a case for my phone": the phone is no type asked for; its words still rank.
        if kind == SlotKind::ProductType && !is_asked_type(parse, s) {
            continue;
        }
        if kind.is_price() {
            if zh_budget.is_none() {
                let (value, note) = convert_slot(&s.value, rule);
                notes.extend(note);
                tracker.slots.insert(kind, value);
            }
            continue;
        }
        let excluded = match kind {
            SlotKind::Brand if excluded_at(&parse.text, s.start) => {
                Some(&mut tracker.excluded_brands)
            }
            SlotKind::Color if excluded_at(&parse.text, s.start) => {
                Some(&mut tracker.excluded_colours)
            }
            _ => None,
        };
        if let Some(list) = excluded {
            if !list.iter().any(|v| v.eq_ignore_ascii_case(&s.value)) {
                list.push(s.value.clone());
            }
            if tracker
                .slots
                .get(&kind)
                .is_some_and(|v| v.eq_ignore_ascii_case(&s.value))
            {
                tracker.slots.remove(&kind);
            }
            continue;
        }
        if kind == SlotKind::Color {
            tracker
                .excluded_colours
                .retain(|c| !c.eq_ignore_ascii_case(&s.value));
        }
        tracker.slots.insert(kind, s.value.clone());
    }
    for w in excluded_words(parse) {
        if !tracker.excluded_words.contains(&w) {
            tracker.excluded_words.push(w);
        }
    }
    if let Some((ends, zh_notes)) = zh_budget {
        // 两百块左右 sets both ends; a lone ceiling keeps a floor said before.
        for end in ends {
            tracker.slots.insert(end.slot, end.value);
        }
        notes.extend(zh_notes);
    }
    // "a laptop, not too expensive": a ranking wish in words the NLU tagged no sort in, or
    // tagged in part ("by price, lowest first" tagged "lowest first"); the slot keeps the
    // wish's own words, so the request reads it.
    let tagged = parse.slot(SlotKind::Sort).and_then(|s| sort_wish(&s.value));
    match tagged.or_else(|| sort_wish(&parse.text)) {
        Some(wish) => {
            tracker
                .slots
                .insert(SlotKind::Sort, sort_words(wish).into());
        }
        None if parse.slot(SlotKind::Sort).is_some() => {
            // A sort the shop can't do ("most popular first"): not a filter either.
            tracker.slots.remove(&SlotKind::Sort);
        }
        None => {}
    }
    // The words a search starts with are what it ranks by for as long as it lasts
    // ("a gift for my dad, he likes hiking", "youtube sweatshirt"), so a refinement
    // ("something under 100 euros", "in black") keeps them.
    let starts = parse.slot(SlotKind::ProductType).is_some()
        || matches!(parse.intent.as_str(), "search_product" | "recommend");
    if (starts || tracker.wish.is_none()) && parse.slot(SlotKind::Product).is_none() {
        let words = words_of(parse);
        if !words.is_empty() {
            tracker.wish = Some(words);
        }
    }
    notes
}

/// The product type this turn asks for: the first type the NLU tagged that is neither the
/// shopper's own thing nor an occasion ("a bag for my toothbrush", "stocking stuffers
/// under $5": neither is what is asked for, and the rest of the request says what is).
fn asked_type(parse: &Parse) -> Option<&Slot> {
    parse
        .slots
        .iter()
        .find(|s| s.kind() == Some(SlotKind::ProductType) && is_asked_type(parse, s))
}

/// Whether a product type span names what is asked for: not the shopper's own thing, not
/// an occasion ("a baby shower gift").
fn is_asked_type(parse: &Parse, s: &Slot) -> bool {
    !owned_at(&parse.text, s.start)
        && !is_occasion(&s.value)
        && !word_excluded_at(&parse.text, s.start)
}

/// The words this turn says no to that no brand or colour slot holds (those have their
/// own lists): "pocket" of "t-shirt without a pocket", "travel" of "kettle, not the
/// travel one". Chinese exclusions are read by `lexicon::zh`.
fn excluded_words(parse: &Parse) -> Vec<String> {
    let text = &parse.text;
    if zh::has_han(text) {
        return Vec::new();
    }
    let in_brand_or_colour = |at: usize| {
        parse.slots.iter().any(|s| {
            matches!(s.kind(), Some(SlotKind::Brand | SlotKind::Color))
                && s.start <= at
                && at < s.end
        })
    };
    word_spans(text)
        .into_iter()
        .filter(|(start, _, word)| {
            !word.is_empty() && !in_brand_or_colour(*start) && word_excluded_at(text, *start)
        })
        .map(|(_, _, word)| word)
        .collect()
}

/// Each whitespace-separated word as a character span (start, end) and the word itself,
/// lower case, without the punctuation around it (empty when it is all punctuation).
fn word_spans(text: &str) -> Vec<(usize, usize, String)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let w: String = text.chars().skip(s).take(i - s).collect();
                let bare = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                words.push((s, i, bare));
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// Slots whose words say how to filter or order a list, not what is looked for.
const NOT_RANKED: &[SlotKind] = &[
    SlotKind::PriceMin,
    SlotKind::PriceMax,
    SlotKind::Sort,
    SlotKind::Quantity,
    SlotKind::Ordinal,
    SlotKind::OrderId,
];

/// The message's words to rank by: without prices and their cue words, sort wishes,
/// quantities, and excluded values with the words that exclude them.
fn words_of(parse: &Parse) -> String {
    let text = &parse.text;
    if zh::has_han(text) {
        return zh_words_of(parse);
    }
    let words = word_spans(text);
    let mut cut = vec![false; words.len()];
    let inside = |(a, b): (usize, usize), w: &(usize, usize, String)| w.0 < b && a < w.1;
    for slot in &parse.slots {
        let span = (slot.start, slot.end);
        let kind = slot.kind();
        let price = kind.is_some_and(SlotKind::is_price);
        let excluded = matches!(kind, Some(SlotKind::Brand | SlotKind::Color))
            && excluded_at(text, slot.start);
        if !(kind.is_some_and(|k| NOT_RANKED.contains(&k)) || excluded) {
            continue;
        }
        let Some(first) = words.iter().position(|w| inside(span, w)) else {
            continue;
        };
        let last = words.iter().rposition(|w| inside(span, w)).unwrap_or(first);
        cut[first..=last].iter_mut().for_each(|c| *c = true);
        // The cues or negations before it ("under", "no more than", "but not").
        let mut from = first;
        loop {
            let phrase = |n: usize| -> String {
                let said: Vec<&str> = words[from - n..from].iter().map(|w| w.2.as_str()).collect();
                said.join(" ")
            };
            let cue = (1..=from.min(3)).rev().find(|&n| {
                let said = phrase(n);
                if price {
                    is_price_cue(&said)
                } else {
                    EXCLUSIONS.contains(&said.as_str()) || (n == 1 && is_negation(&said))
                }
            });
            match cue {
                Some(n) => from -= n,
                None => break,
            }
        }
        cut[from..first].iter_mut().for_each(|c| *c = true);
        // A currency word or cue after a price ("60 dollars", "50 max", "100 or more").
        if price {
            let mut end = last + 1;
            if words.get(end).is_some_and(|w| is_currency_word(&w.2)) {
                cut[end] = true;
                end += 1;
            }
            for n in (1..=2).rev() {
                if end + n <= words.len() {
                    let said: Vec<&str> =
                        words[end..end + n].iter().map(|w| w.2.as_str()).collect();
                    if is_price_cue(&said.join(" ")) {
                        cut[end..end + n].iter_mut().for_each(|c| *c = true);
                        break;
                    }
                }
            }
        }
    }
    // Other words said no to, with the negation before them ("without a pocket"): what
    // they name is filtered out (`excluded_words`), and ranking by them would list it.
    for i in 0..words.len() {
        if cut[i] || !word_excluded_at(text, words[i].0) {
            continue;
        }
        cut[i] = true;
        let mut j = i;
        while j > 0 && i - j < 3 && is_cue_or_filler(&words[j - 1].2) {
            j -= 1;
            cut[j] = true;
        }
    }
    words
        .iter()
        .zip(&cut)
        .filter(|(_, &c)| !c)
        .map(|(w, _)| text.chars().skip(w.0).take(w.1 - w.0).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// A negation, an exclusion or a filler before an excluded word (what
/// `lexicon::word_excluded_at` looked through).
fn is_cue_or_filler(word: &str) -> bool {
    is_negation(word) || EXCLUSIONS.contains(&word) || FILLERS.contains(&word)
}

/// [`words_of`] for Chinese, which has no spaces: the message without its prices and their
/// cue words, sort wishes and the other unranked slots.
fn zh_words_of(parse: &Parse) -> String {
    let chars: Vec<char> = parse.text.chars().collect();
    let mut cut = vec![false; chars.len()];
    let mut cut_range = |from: usize, to: usize| {
        cut[from.min(chars.len())..to.min(chars.len())]
            .iter_mut()
            .for_each(|c| *c = true);
    };
    for p in zh::prices(&parse.text) {
        cut_range(p.reach.0, p.reach.1);
    }
    for slot in &parse.slots {
        let kind = slot.kind();
        let excluded = matches!(kind, Some(SlotKind::Brand | SlotKind::Color))
            && excluded_at(&parse.text, slot.start);
        if kind.is_some_and(|k| NOT_RANKED.contains(&k)) || excluded {
            cut_range(slot.start, slot.end);
        }
    }
    let kept: String = chars
        .iter()
        .zip(&cut)
        .map(|(c, &gone)| if gone { ' ' } else { *c })
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// The slot values in force that say what the shopper is after.
pub(super) fn describing_words(tracker: &Tracker) -> Vec<String> {
    [
        SlotKind::Color,
        SlotKind::Material,
        SlotKind::ProductType,
        SlotKind::Feature,
    ]
    .iter()
    .filter_map(|k| tracker.slots.get(k).cloned())
    .collect()
}

/// The search in force, typed. `typed` is this turn's text, ranked by when nothing in
/// force describes the search.
pub(super) fn in_force(tracker: &Tracker, typed: &str) -> SearchRequest {
    let slots = &tracker.slots;
    let get = |k: SlotKind| {
        slots
            .get(&k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    // What is being looked for, in the shopper's words: the words the search started
    // with, and what refinements since have added ("in black").
    let mut text = tracker.wish.clone().unwrap_or_else(|| typed.to_string());
    let mut words = describing_words(tracker);
    words.extend(get(SlotKind::Recipient).map(|r| format!("for {r}")));
    for w in words {
        if !text.to_lowercase().contains(&w.to_lowercase()) {
            text = format!("{text} {w}").trim().to_string();
        }
    }
    // Who it is for, from all the search's words (a recipient said in a later turn too):
    // a child's age says it best ("for my two year old").
    let said = format!("{text} {}", get(SlotKind::ProductType).unwrap_or_default());
    let audience = asked_age(&said)
        .and_then(audience::of_age)
        .or_else(|| audience::audience(&said));
    // Never the asked kind's own words ("a hoodie, not a zip hoodie" wants hoodies).
    let asked_words = get(SlotKind::ProductType)
        .map(|t| lower_words(&t))
        .unwrap_or_default();
    SearchRequest {
        product_type: get(SlotKind::ProductType),
        text,
        brands: get(SlotKind::Brand).into_iter().collect(),
        not_brands: tracker.excluded_brands.clone(),
        colours: get(SlotKind::Color).into_iter().collect(),
        not_colours: tracker.excluded_colours.clone(),
        not_words: tracker
            .excluded_words
            .iter()
            .filter(|w| !asked_words.contains(w))
            .cloned()
            .collect(),
        sizes: get(SlotKind::Size).into_iter().collect(),
        materials: get(SlotKind::Material).into_iter().collect(),
        features: get(SlotKind::Feature).into_iter().collect(),
        price_min: get(SlotKind::PriceMin).and_then(|v| parse_price(&v)),
        price_max: get(SlotKind::PriceMax).and_then(|v| parse_price(&v)),
        sort: get(SlotKind::Sort).and_then(|v| sort_wish(&v)),
        audience,
        include_out_of_stock: false,
        exclude: Vec::new(),
    }
}

/// One message read on its own, as a first turn would read it (evaluation, tests, the
/// product search API).
pub fn search_request(parse: &Parse) -> SearchRequest {
    let mut tracker = Tracker::default();
    fold(&mut tracker, parse, &PriceRule::default());
    in_force(&tracker, &parse.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Sentiment, Slot, SortWish};

    fn parse(text: &str, slots: &[(&str, &str)]) -> Parse {
        Parse {
            text: text.into(),
            intent: "search_product".into(),
            confidence: 1.0,
            ranking: Vec::new(),
            slots: slots
                .iter()
                .map(|(slot, value)| Slot::first_in(text, slot, value).expect("value in text"))
                .collect(),
            sentiment: Sentiment::Neutral,
            sentiment_score: 0.0,
            language: String::new(),
        }
    }

    #[test]
    fn types_and_constraints() {
        let r = search_request(&parse(
            "black hoodie under $60",
            &[
                ("color", "black"),
                ("product_type", "hoodie"),
                ("price_max", "$60"),
            ],
        ));
        assert_eq!(r.product_type.as_deref(), Some("hoodie"));
        assert_eq!(r.colours, vec!["black"]);
        assert_eq!(r.price_max, Some(60.0));
        assert_eq!(r.price_min, None);
        assert_eq!(r.text, "black hoodie");
        let r = search_request(&parse(
            "youtube sweatshirt, no more than 60 dollars",
            &[("product_type", "sweatshirt"), ("price_max", "60")],
        ));
        assert_eq!(
            r.text, "youtube sweatshirt",
            "words the NLU slotted nothing in stay"
        );
        let r = search_request(&parse(
            "kids tees but not android, 20 or less",
            &[
                ("product_type", "tees"),
                ("brand", "android"),
                ("price_max", "20"),
            ],
        ));
        assert_eq!(r.text, "kids tees");
        assert_eq!(r.not_brands, vec!["android"]);
    }

    #[test]
    fn other_words_said_no_to() {
        let r = search_request(&parse(
            "t-shirt without a pocket",
            &[("product_type", "t-shirt")],
        ));
        assert_eq!(r.product_type.as_deref(), Some("t-shirt"));
        assert_eq!(r.not_words, vec!["pocket"]);
        assert_eq!(
            r.text, "t-shirt",
            "the excluded word and its negation rank nothing"
        );
        let r = search_request(&parse(
            "kettle, not the travel one",
            &[("product_type", "travel")],
        ));
        assert_eq!(
            r.product_type, None,
            "a type said no to is no type asked for"
        );
        assert_eq!(r.not_words, vec!["travel"]);
        let r = search_request(&parse(
            "a hoodie, not a zip hoodie",
            &[("product_type", "hoodie")],
        ));
        assert_eq!(r.not_words, vec!["zip"], "never the asked kind's own word");
        let r = search_request(&parse(
            "we don't own a tent, something light",
            &[("product_type", "tent")],
        ));
        assert_eq!(r.product_type.as_deref(), Some("tent"));
        assert!(!r.not_words.contains(&"tent".to_string()));
    }

    #[test]
    fn owned_things_and_occasions_are_no_types() {
        let r = search_request(&parse(
            "something to stick on my fridge",
            &[("product_type", "fridge")],
        ));
        assert_eq!(r.product_type, None);
        assert_eq!(r.text, "something to stick on my fridge");
        let r = search_request(&parse(
            "stocking stuffer under 5 dollars",
            &[
                ("product_type", "stocking stuffer"),
                ("price_max", "5 dollars"),
            ],
        ));
        assert_eq!(r.product_type, None);
        assert_eq!(r.price_max, Some(5.0));
    }

    #[test]
    fn excluded_brands_and_colours() {
        let r = search_request(&parse(
            "headphones but not sony, maybe bose, anything but white",
            &[
                ("product_type", "headphones"),
                ("brand", "sony"),
                ("brand", "bose"),
                ("color", "white"),
            ],
        ));
        assert_eq!(r.not_brands, vec!["sony"]);
        assert_eq!(r.brands, vec!["bose"]);
        assert_eq!(r.not_colours, vec!["white"]);
        assert!(r.colours.is_empty());
    }

    #[test]
    fn sort_wish_from_slot_or_words() {
        let r = search_request(&parse(
            "cheapest jacket",
            &[("sort", "cheapest"), ("product_type", "jacket")],
        ));
        assert_eq!(r.sort, Some(SortWish::Cheapest));
        let r = search_request(&parse(
            "show me the top rated kettles",
            &[("product_type", "kettles")],
        ));
        assert_eq!(r.sort, Some(SortWish::BestRated));
        let r = search_request(&parse("laptops by rating", &[("sort", "by rating")]));
        assert_eq!(r.sort, Some(SortWish::BestRated));
    }

    #[test]
    fn who_it_is_for_from_words_or_a_childs_age() {
        use crate::types::Audience;
        let r = search_request(&parse("mens t shirt", &[("product_type", "t shirt")]));
        assert_eq!(r.audience, Some(Audience::Men));
        let r = search_request(&parse(
            "can you show me t-shirts for my two year old",
            &[("product_type", "t-shirts")],
        ));
        assert_eq!(r.audience, Some(Audience::Toddlers));
        let r = search_request(&parse("a hoodie for my 8 year old son", &[]));
        assert_eq!(r.audience, Some(Audience::Kids));
        let r = search_request(&parse("a jacket for my 40 year old husband", &[]));
        assert_eq!(
            r.audience,
            Some(Audience::Men),
            "an adult's age is no child's"
        );
        let r = search_request(&parse("black hoodie", &[("product_type", "hoodie")]));
        assert_eq!(r.audience, None);
    }

    #[test]
    fn words_without_slots_are_the_wish() {
        let text = "something to drink my coffee from";
        let r = search_request(&parse(text, &[]));
        assert_eq!(r.text, text);
        assert_eq!(r.product_type, None);
    }

    #[test]
    fn chinese_prices_and_words() {
        let r = search_request(&parse(
            "亲，300元以内的耳机",
            &[("price_min", "300元"), ("product_type", "耳机")],
        ));
        assert_eq!(
            r.price_max,
            Some(300.0),
            "the cue 以内 decides, not the tag"
        );
        assert_eq!(r.price_min, None);
        assert_eq!(r.product_type.as_deref(), Some("耳机"));
        assert_eq!(r.text, "亲， 的耳机");
        let r = search_request(&parse(
            "show me jackets, 200元以内",
            &[
                ("product_type", "jackets"),
                ("price_max", "200元"),
                ("size", "以内"),
            ],
        ));
        assert!(r.sizes.is_empty(), "以内 is the price's cue, no size");
        assert_eq!(r.price_max, Some(200.0));
        let r = search_request(&parse("两百块左右的空气炸锅", &[]));
        assert_eq!((r.price_min, r.price_max), (Some(160.0), Some(240.0)));
        let r = search_request(&parse("有没有八百以下的", &[("price_max", "八百")]));
        assert_eq!(r.price_max, Some(800.0));
        let r = search_request(&parse("最便宜的耳机，不要索尼", &[("brand", "索尼")]));
        assert_eq!(r.sort, Some(SortWish::Cheapest));
        assert_eq!(r.not_brands, vec!["索尼"]);
    }

    #[test]
    fn a_new_type_starts_afresh_and_a_refinement_keeps_the_type() {
        let mut t = Tracker::default();
        fold(
            &mut t,
            &parse(
                "nike running shoes",
                &[("brand", "nike"), ("product_type", "running shoes")],
            ),
            &PriceRule::default(),
        );
        fold(
            &mut t,
            &parse(
                "not nike, in black",
                &[("brand", "nike"), ("color", "black")],
            ),
            &PriceRule::default(),
        );
        let r = in_force(&t, "not nike, in black");
        assert_eq!(r.product_type.as_deref(), Some("running shoes"));
        assert!(r.brands.is_empty());
        assert_eq!(r.not_brands, vec!["nike"]);
        assert_eq!(r.colours, vec!["black"]);
        fold(
            &mut t,
            &parse("now show me tents", &[("product_type", "tents")]),
            &PriceRule::default(),
        );
        let r = in_force(&t, "now show me tents");
        assert_eq!(r.product_type.as_deref(), Some("tents"));
        assert!(r.not_brands.is_empty() && r.colours.is_empty());
    }
}
