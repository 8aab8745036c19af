//! The shop-language word lists every layer reads a shopper's words with: negations,
//! exclusions, currencies, price cues, sort wishes, prices as written, and the cues that
//! tell a question about how something works from a request to do it. One list of each, so the
//! NLU's decoding rules, the dialogue's reading of a request and the recommender agree on
//! what "not", "$" or "cheapest" mean. Depends on nothing, like `types`.

use crate::types::{SlotKind, SortWish};

pub mod audience;
mod numbers;

pub use numbers::is_number_word;
pub mod zh;
pub mod zh_ask;
pub mod zh_cart;

/// Words that deny what follows: they turn a price cue around ("nothing over 60") and
/// exclude a value ("not nike"). A word ending in "n't" is one too ([`is_negation`]).
pub const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "never",
    "dont",
    "wont",
    "isnt",
    "arent",
    "without",
    "exclude",
    "excluding",
    "hide",
    "remove",
    "out",
    "skip",
    "except",
    "non",
];

/// Words and phrases that exclude the value after them without denying a price cue:
/// "shoes but under 50" keeps its ceiling, "anything but samsung" excludes a brand.
pub const EXCLUSIONS: &[&str] = &[
    "but",
    "besides",
    "avoid",
    "hate",
    "other than",
    "anything but",
    "no more",
    "dont want",
    "rather not",
    "instead of",
    "apart from",
    "filter out",
    "leave out",
    "rule out",
    "take out",
    "take away",
    "rid of",
    "drop",
    "ditch",
];

/// Currency signs a price may carry on either side.
pub const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₹'];

/// Currency words a price may carry after it ("80 dollars", "50 bucks").
pub const CURRENCY_WORDS: &[&str] = &[
    "dollar", "dollars", "buck", "bucks", "euro", "euros", "eur", "usd", "gbp", "pound", "pounds",
    "quid", "yen", "cents",
];

/// Words before an amount that make it a ceiling ("under 50"); the longest wins.
pub const BEFORE_CEILING: &[&str] = &[
    "around",
    "under",
    "below",
    "less than",
    "max",
    "maximum",
    "up to",
    "upto",
    "at most",
    "within",
    "cheaper than",
    "lower than",
    "lower",
    "beneath",
    "sub",
    "limit",
    "budget",
    "capped at",
    "cap",
    "cap it at",
    "ceiling",
    "tops",
    "top",
    "no more than",
    "not more than",
    "<",
];
/// Words before an amount that make it a floor ("at least 50").
pub const BEFORE_FLOOR: &[&str] = &[
    "over",
    "above",
    "more than",
    "at least",
    "min",
    "minimum",
    "from",
    "starting at",
    "starting from",
    "upwards of",
    "north of",
    "pricier than",
    "higher than",
    "past",
    "floor",
    "beyond",
    "exceeding",
    ">",
];
/// Words after an amount that make it a ceiling ("50 max").
pub const AFTER_CEILING: &[&str] = &[
    "max",
    "maximum",
    "tops",
    "top",
    "or less",
    "or under",
    "or below",
    "at most",
    "limit",
    "ceiling",
    "the most",
    "or cheaper",
    "and under",
    "and below",
];
/// Words after an amount that make it a floor ("50 or more").
pub const AFTER_FLOOR: &[&str] = &[
    "or more",
    "and up",
    "and above",
    "or above",
    "plus",
    "+",
    "minimum",
    "min",
    "upwards",
    "at least",
    "or higher",
    "and over",
    "or over",
];
/// What may stand between two amounts for them to be one range.
pub const RANGE_JOINS: &[&str] = &[
    "and",
    "to",
    "-",
    "–",
    "&",
    "and up to",
    "up to",
    "till",
    "until",
];

/// Whether `words` (lower-case, in order) are a price cue on either side of an amount.
pub fn is_price_cue(words: &str) -> bool {
    [
        BEFORE_CEILING,
        BEFORE_FLOOR,
        AFTER_CEILING,
        AFTER_FLOOR,
        RANGE_JOINS,
    ]
    .iter()
    .any(|list| list.contains(&words))
}

/// Sort wishes as shoppers word them, most specific first within each wish.
const SORT_WORDS: &[(SortWish, &[&str])] = &[
    (
        SortWish::Cheapest,
        &[
            "cheapest",
            "cheaper",
            "cheap",
            "lowest price",
            "least expensive",
            "inexpensive",
            "not too expensive",
            "not expensive",
            "affordable",
            "budget",
            "price low",
            "low price",
            "by price",
            "lowest first",
            "low to high",
            "lowest to highest",
            "price ascending",
            "最便宜",
            "价格最低",
            "价格从低到高",
            "从低到高",
            "便宜的",
            "不要太贵",
            "别太贵",
            "实惠",
        ],
    ),
    (
        SortWish::BestRated,
        &[
            "best rated",
            "top rated",
            "highest rated",
            "best reviewed",
            "best-rated",
            "top-rated",
            "rating",
            "rated",
            "reviews",
            "评分最高",
            "评价最好",
            "口碑最好",
            "好评最多",
            "好评",
            "评分",
        ],
    ),
    (
        SortWish::Newest,
        &[
            "newest",
            "latest",
            "new arrival",
            "most recent",
            "just in",
            "最新",
            "新款",
            "新品",
            "刚上架",
        ],
    ),
];

/// The message's words, lower-cased, split at everything that is not a letter or a digit.
pub fn lower_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A word's letters and digits only, lower-cased: "Don't" → "dont".
fn bare(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A listed negation or any "…n't".
fn denies(word: &str) -> bool {
    let lower = word.to_lowercase();
    NEGATIONS.contains(&bare(word).as_str()) || lower.ends_with("n't") || lower.ends_with("n’t")
}

/// Whether one word turns a price cue around: a negation, or "nothing" and its one-typo
/// spellings ("noting", "nothin", "ntohing": as a verb "noting" never comes before a cue
/// in a shop message).
pub fn is_negation(word: &str) -> bool {
    denies(word) || strsim::osa_distance(&bare(word), "nothing") <= 1
}

/// The last clause of `before`: what follows its last comma, semicolon or full stop.
fn clause_end(before: &str) -> &str {
    before
        .rfind([',', ';', '.', '!', '?'])
        .map_or(before, |i| &before[i + 1..])
}

/// Whether the words just before character `start` of `text` exclude the value there
/// ("anything but samsung", "phones, not apple", "ones that aren't sonora").
pub fn excluded_at(text: &str, start: usize) -> bool {
    let before: String = text.chars().take(start).collect();
    if zh::has_han(&before) && zh::excludes_before(&before) {
        return true;
    }
    // A negation reaches to the end of its clause: "not sony, maybe bose" wants bose.
    let clause = clause_end(&before);
    let words: Vec<&str> = clause
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    let window = &words[words.len().saturating_sub(3)..];
    let bare_window: Vec<String> = window.iter().map(|w| bare(w)).collect();
    let joined = format!(" {} ", bare_window.join(" "));
    // "out" alone is no exclusion ("check out nike"); "filter out", "leave out" are.
    window.iter().any(|w| denies(w) && bare(w) != "out")
        || EXCLUSIONS.iter().any(|e| {
            let e: String = e.split(' ').map(bare).collect::<Vec<_>>().join(" ");
            joined.contains(&format!(" {e} "))
        })
}

/// Words just before a thing that make it the shopper's own ("a case for my phone",
/// "something to stick on my fridge"): what they already have, not what they ask for.
pub const POSSESSIVES: &[&str] = &["my", "our", "his", "her", "their"];

/// Words too general to exclude anything by ("not the travel one", "not too big").
pub const FILLERS: &[&str] = &[
    "a",
    "an",
    "the",
    "one",
    "ones",
    "any",
    "anything",
    "some",
    "something",
    "kind",
    "sort",
    "type",
    "thing",
    "things",
    "too",
    "very",
    "really",
    "so",
    "that",
    "this",
    "those",
    "these",
    "it",
    "them",
    "with",
    "for",
    "of",
    "in",
    "on",
    "at",
    "to",
    "i",
    "me",
    "my",
    "you",
    "we",
    "is",
    "are",
    "be",
    "want",
    "need",
    "like",
    "please",
    "thanks",
    "sure",
    "just",
    "more",
    "less",
    "much",
    "many",
    "all",
];

/// Whether the word at character `start` of `text` is excluded by the words before it in
/// its clause ("t-shirt without a pocket", "kettle, not the travel one", "socks that
/// aren't striped", "i don't want a hoodie"): a negation or exclusion right before it, or
/// before at most two fillers. A verb between them turns the negation elsewhere ("we
/// don't own a tent" wants one), and hyphenated words are whole words ("a no-pull harness"
/// excludes nothing). Fillers, numbers and one- or two-letter words are never excluded.
pub fn word_excluded_at(text: &str, start: usize) -> bool {
    let word: String = text
        .chars()
        .skip(start)
        .take_while(|c| !c.is_whitespace())
        .collect();
    let word = bare(&word);
    if word.chars().count() < 3 || word.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if FILLERS.contains(&word.as_str()) || denies(&word) || EXCLUSIONS.contains(&word.as_str()) {
        return false;
    }
    let before: String = text.chars().take(start).collect();
    let clause = clause_end(&before);
    let tokens: Vec<&str> = clause.split_whitespace().collect();
    let bare_tokens: Vec<String> = tokens.iter().map(|w| bare(w)).collect();
    let mut end = tokens.len();
    while end > 0 && tokens.len() - end < 2 && FILLERS.contains(&bare_tokens[end - 1].as_str()) {
        end -= 1;
    }
    let Some(cue) = end.checked_sub(1).map(|i| tokens[i]) else {
        return false;
    };
    let whole = cue
        .chars()
        .all(|c| c.is_alphanumeric() || c == '\'' || c == '’');
    (whole && denies(cue) && bare(cue) != "out")
        || EXCLUSIONS.iter().any(|e| {
            let e: Vec<String> = e.split(' ').map(bare).collect();
            end >= e.len() && bare_tokens[end - e.len()..end] == e[..]
        })
}

/// Occasions a shopper buys for, which NLU models read as a kind of product ("a baby
/// shower gift", "stocking stuffers under 5 dollars"): no kind the shop sells, so the rest
/// of the request (price, who it is for, the words) says what to show.
pub const OCCASIONS: &[&str] = &[
    "gift",
    "present",
    "stocking stuffer",
    "stocking filler",
    "secret santa",
    "baby shower",
    "birthday",
    "christmas",
    "xmas",
    "housewarming",
    "house warming",
    "anniversary",
    "wedding",
    "graduation",
    "retirement",
    "leaving",
    "souvenir",
];

/// Whether a value read as a product type names an occasion, not a kind of product:
/// "gift", "stocking stuffers", "baby shower gift", "birthday present ideas" (but "gift
/// card" and "gift set" are products).
pub fn is_occasion(value: &str) -> bool {
    let mut words = lower_words(value);
    while words.last().is_some_and(|w| {
        ["idea", "ideas", "gift", "gifts", "present", "presents"].contains(&w.as_str())
            && words.len() > 1
    }) {
        words.pop();
    }
    let said = words.join(" ");
    let singular = said.strip_suffix('s').unwrap_or(&said);
    OCCASIONS.iter().any(|o| *o == said || *o == singular)
}

/// Whether the words just before character `start` of `text` make the thing there the
/// shopper's own ("my old phone"): a possessive right before it or one word before. (What
/// someone likes is no such thing: "a present for my sister, she's into yoga" asks for
/// yoga things.)
pub fn owned_at(text: &str, start: usize) -> bool {
    let before: String = text.chars().take(start).collect();
    let clause = clause_end(&before);
    let words: Vec<String> = clause
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(bare)
        .collect();
    let n = words.len();
    let is_possessive = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| POSSESSIVES.contains(&w.as_str()))
    };
    // "get her a scarf": "her" is whom it is for when an article stands between.
    let article = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| ["a", "an", "the", "some", "any"].contains(&w.as_str()))
    };
    (n >= 1 && is_possessive(n - 1)) || (n >= 2 && is_possessive(n - 2) && !article(n - 1))
}

pub fn is_currency_sign(c: char) -> bool {
    CURRENCY_SIGNS.contains(&c)
}

pub fn is_currency_word(word: &str) -> bool {
    CURRENCY_WORDS.contains(&word.to_lowercase().as_str())
}

/// An amount as shoppers write it: "$80", "300 euros", "1,200", "1.5k", "a grand",
/// "thirty dollars".
pub fn parse_price(text: &str) -> Option<f64> {
    // "300元", "两百块", "三千五", "1千": Chinese numerals and units.
    if zh::has_han(text) {
        return zh::amount(text).map(|(value, _)| value);
    }
    let s = text.to_lowercase();
    let grand = s.contains("grand");
    let Some(start) = s.find(|c: char| c.is_ascii_digit()) else {
        // "thirty dollars", "a hundred and fifty".
        return match numbers::amount_in_words(&s) {
            Some(v) if grand => Some(v * 1000.0),
            Some(v) => Some(v),
            None => grand.then_some(1000.0),
        };
    };
    let digits: String = s[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let rest = &s[start + digits.len()..];
    let value: f64 = digits.replace(',', "").trim_end_matches('.').parse().ok()?;
    let thousands = rest.starts_with('k') && !rest[1..].starts_with(char::is_alphabetic);
    Some(if thousands || grand {
        value * 1000.0
    } else {
        value
    })
}

/// The sort wish some words state ("not too expensive", "sort by rating"), if any.
pub fn sort_wish(text: &str) -> Option<SortWish> {
    let s = text.to_lowercase();
    SORT_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| s.contains(w)))
        .map(|(wish, _)| *wish)
}

/// The words a sort slot holds for a wish.
pub fn sort_words(wish: SortWish) -> &'static str {
    match wish {
        SortWish::Cheapest => "cheapest",
        SortWish::BestRated => "best rated",
        SortWish::Newest => "newest",
    }
}

/// Words that ask how something works here ("how do returns work", "what's your refund
/// policy", "can I return sale items", "how long do refunds take") rather than ask for it
/// to be done. Matched as whole words at the start of a phrase.
pub const HOW_IT_WORKS_CUES: &[&str] = &[
    "policy",
    "policies",
    "how do",
    "how does",
    "how long",
    "how many days",
    "how much time",
    "how soon",
    "how quickly",
    "what is your",
    "what's your",
    "whats your",
    "what are your",
    "what's the",
    "what is the",
    "can i",
    "can you",
    "could i",
    "do you",
    "do i",
    "is it possible",
    "are returns",
    "are refunds",
    "is there",
    "what if",
    "what happens",
    "who pays",
    "when can i",
    "when do i",
    "until when",
    "rules",
    "conditions",
];

/// Words that ask for the action itself ("I want to return these boots", "please cancel
/// it", "start a return"): they win over a question cue.
pub const ACTION_REQUEST_CUES: &[&str] = &[
    "i want to",
    "i wanna",
    "i'd like to",
    "id like to",
    "i would like to",
    "i need to",
    "please",
    "pls",
    "plz",
    "start a",
    "start the",
    "help me",
    "let me",
    "go ahead",
];

/// Whether `text` asks how something works rather than asking for it to be done (in
/// English or Chinese, `zh_ask`).
pub fn asks_how_it_works(text: &str) -> bool {
    (has_cue(text, HOW_IT_WORKS_CUES) && !has_cue(text, ACTION_REQUEST_CUES))
        || zh_ask::asks_how_it_works(text)
}

/// Words that name the shopper's cart. A bare "bag" is a product type in many shops, so
/// only "my bag" and "shopping bag" count.
pub const CART_WORDS: &[&str] = &[
    "cart",
    "carts",
    "basket",
    "trolley",
    "my bag",
    "shopping bag",
    "checkout",
];

/// Words that ask to put something in the cart.
pub const ADD_CUES: &[&str] = &["add", "put", "throw in", "i'll take", "ill take", "buy"];

/// Words that ask to take something out of the cart.
pub const REMOVE_CUES: &[&str] = &[
    "remove",
    "take out",
    "take it out",
    "take that out",
    "take this out",
    "take them out",
    "take those out",
    "take off",
    "delete",
    "drop",
    "get rid of",
    "don't want",
    "dont want",
    "no longer want",
    "changed my mind about",
];

/// Words that ask to empty the whole cart ("how much is everything in my cart" does not).
pub const EMPTY_CUES: &[&str] = &[
    "empty",
    "clear",
    "remove everything",
    "remove all",
    "delete everything",
    "delete all",
    "take everything out",
    "get rid of everything",
    "start over",
    "reset",
];

/// Words that ask to change how many of something.
pub const RECOUNT_CUES: &[&str] = &[
    "make it",
    "make that",
    "change",
    "set",
    "only want",
    "just want",
    "only need",
    "quantity",
    "instead of",
    "update",
];

fn has_cue(text: &str, cues: &[&str]) -> bool {
    let words = word_string(text);
    cues.iter().any(|c| words.contains(&format!(" {c} ")))
}

/// Whether `text` names the shopper's cart (in English or Chinese, `zh_cart`).
pub fn names_cart(text: &str) -> bool {
    has_cue(text, CART_WORDS) || zh_cart::has_cue(text, zh_cart::CART_WORDS)
}

pub fn asks_to_add(text: &str) -> bool {
    has_cue(text, ADD_CUES) || zh_cart::has_cue(text, zh_cart::ADD_CUES)
}

pub fn asks_to_remove(text: &str) -> bool {
    has_cue(text, REMOVE_CUES) || zh_cart::has_cue(text, zh_cart::REMOVE_CUES)
}

pub fn asks_to_empty(text: &str) -> bool {
    has_cue(text, EMPTY_CUES) || zh_cart::has_cue(text, zh_cart::EMPTY_CUES)
}

pub fn asks_to_recount(text: &str) -> bool {
    has_cue(text, RECOUNT_CUES) || zh_cart::has_cue(text, zh_cart::RECOUNT_CUES)
}

/// Words that ask for a person to take over ("can I talk to someone", "a real agent",
/// "转人工"). A story that only mentions people ("our manager is leaving the team") has
/// none of them.
const PERSON_CUES: &[&str] = &[
    "human",
    "person",
    "people",
    "agent",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "staff",
    "representative",
    "rep",
    "operator",
    "assistant",
    "customer service",
    "customer support",
    "support",
    "talk to",
    "speak to",
    "speak with",
    "talk with",
    "call me",
    "phone me",
    "live chat",
];

/// Whether `text` asks, in any words kefu knows, for a person rather than the bot.
pub fn asks_for_a_person(text: &str) -> bool {
    has_cue(text, PERSON_CUES) || text.contains("人工") || text.contains("客服")
}

/// "in my size", "my colour": a detail the shopper has in mind but has not said. The slot
/// it stands for.
pub fn my_detail(text: &str) -> Option<SlotKind> {
    if has_cue(
        text,
        &["my size", "my shoe size", "my sizes", "fits me", "fit me"],
    ) {
        Some(SlotKind::Size)
    } else if has_cue(
        text,
        &[
            "my colour",
            "my color",
            "my favourite colour",
            "my favorite color",
        ],
    ) {
        Some(SlotKind::Color)
    } else {
        None
    }
}

/// Words that want more than one without saying how many ("several", "a few for the
/// team"): a stock answer then needs the number.
pub fn vague_quantity(text: &str) -> bool {
    // "how many do you have?" asks for the number rather than leaving it out.
    has_cue(text, VAGUE_QUANTITIES) && !has_cue(text, &["how many", "how much"])
}

const VAGUE_QUANTITIES: &[&str] = &[
    "several", "a few", "a couple", "a bunch", "a lot of", "lots of", "many", "bulk", "enough",
];

/// The text's words, lower case, apostrophes kept, each between single spaces.
fn word_string(text: &str) -> String {
    let mut out = String::from(" ");
    for w in text
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
    {
        out.push_str(&w.replace('’', "'"));
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check` at the character offset of `value`'s first occurrence in `text`.
    fn at_value(check: fn(&str, usize) -> bool, text: &str, value: &str) -> bool {
        let start = text.find(value).expect("value in text");
        check(text, text[..start].chars().count())
    }

    #[test]
    fn words_excluded_by_the_words_before_them() {
        let at = |text: &str, value: &str| at_value(word_excluded_at, text, value);
        assert!(at("t-shirt without a pocket", "pocket"));
        assert!(at("kettle, not the travel one", "travel"));
        assert!(at("socks that aren't striped", "striped"));
        assert!(at("hoodie but not zip", "zip"));
        assert!(!at("kettle, not the travel one", "one"), "a filler");
        assert!(
            !at("a no-pull harness", "harness"),
            "a hyphenated word is whole"
        );
        assert!(!at("not a hoodie, a jacket", "jacket"), "the clause ended");
        assert!(!at("nothing over 60 please", "60"), "a number");
        assert!(!at("zip hoodie in navy", "navy"));
        assert!(at("i don't want a hoodie", "hoodie"));
        assert!(!at("we don't own a tent", "tent"), "a verb between");
        assert!(at("anything other than a tote", "tote"));
    }

    #[test]
    fn occasions_are_no_kinds() {
        for v in [
            "gift",
            "gifts",
            "stocking stuffers",
            "baby shower gift",
            "birthday present ideas",
            "Secret Santa",
        ] {
            assert!(is_occasion(v), "{v}");
        }
        for v in [
            "gift card",
            "gift set",
            "hoodie",
            "wedding dress",
            "shower gel",
        ] {
            assert!(!is_occasion(v), "{v}");
        }
    }

    #[test]
    fn owned_things() {
        let at = |text: &str, value: &str| at_value(owned_at, text, value);
        assert!(at("something to stick on my fridge", "fridge"));
        assert!(at("a bag for my toothbrush", "toothbrush"));
        assert!(at("a cover for my old phone", "phone"));
        assert!(
            !at("a present for my sister, she's into yoga", "yoga"),
            "a liking"
        );
        assert!(!at("get her a scarf", "scarf"), "whom it is for");
        assert!(!at("a hoodie for my son", "hoodie"));
        assert!(!at("i'd like a hoodie", "hoodie"));
        assert!(!at("my, that hoodie is nice", "hoodie"), "a clause ended");
    }

    #[test]
    fn prices_in_the_shapes_shoppers_write() {
        assert_eq!(parse_price("$80"), Some(80.0));
        assert_eq!(parse_price("300 euros"), Some(300.0));
        assert_eq!(parse_price("1,200"), Some(1200.0));
        assert_eq!(parse_price("1.5k"), Some(1500.0));
        assert_eq!(parse_price("2 grand"), Some(2000.0));
        assert_eq!(parse_price("a grand"), Some(1000.0));
        assert_eq!(parse_price("two grand"), Some(2000.0));
        assert_eq!(parse_price("thirty dollars"), Some(30.0));
        assert_eq!(parse_price("ten bucks"), Some(10.0));
        assert_eq!(parse_price("cheap"), None);
        assert_eq!(parse_price("300元"), Some(300.0));
        assert_eq!(parse_price("两百块"), Some(200.0));
        assert_eq!(parse_price("¥299"), Some(299.0));
        assert_eq!(parse_price("三千五"), Some(3500.0));
        assert_eq!(parse_price("1千"), Some(1000.0));
        assert_eq!(parse_price("八百块"), Some(800.0));
    }

    #[test]
    fn exclusion_looks_just_before_the_value() {
        assert!(excluded_at("anything but samsung please", 13));
        assert!(excluded_at("show me phones, not apple", 20));
        assert!(excluded_at("ones that aren't sonora", 16));
        assert!(excluded_at("ones that aren’t sonora", 16));
        assert!(excluded_at("something other than nike", 21));
        assert!(!excluded_at("samsung phones without a case", 0));
        assert!(!excluded_at("i love nike", 7));
        // "nothing" denies a price cue, but "nothing like nike" is no exclusion of nike.
        assert!(!excluded_at("i want nothing fancy, nike is fine", 22));
        assert!(!excluded_at("check out nike shoes", 10));
        // Taking values out of a list on screen.
        assert!(excluded_at("take out the summit ones", 13));
        assert!(excluded_at("can you drop the black ones", 17));
        assert!(excluded_at("get rid of the red ones", 15));
        assert!(excluded_at("filter out nike please", 11));
        assert!(!excluded_at("not sony, maybe bose", 16));
        assert!(excluded_at("耳机不要索尼的", 4));
        assert!(excluded_at("除了黑色都行", 2));
        assert!(!excluded_at("有没有黑色的", 3));
    }

    #[test]
    fn negation_words_and_their_typos() {
        for w in [
            "not", "Don't", "isn't", "nothing", "nothin", "ntohing", "without",
        ] {
            assert!(is_negation(w), "{w}");
        }
        for w in ["but", "note", "nice", "under"] {
            assert!(!is_negation(w), "{w}");
        }
    }

    #[test]
    fn sort_wishes_as_worded() {
        for (text, wish) in [
            ("by rating", SortWish::BestRated),
            ("highest rating", SortWish::BestRated),
            ("best reviews", SortWish::BestRated),
            ("not too expensive", SortWish::Cheapest),
            ("affordable", SortWish::Cheapest),
            ("newest", SortWish::Newest),
        ] {
            assert_eq!(sort_wish(&format!("laptops {text}")), Some(wish), "{text}");
        }
        assert_eq!(sort_wish("a red scarf"), None);
        assert_eq!(sort_wish("最便宜的耳机"), Some(SortWish::Cheapest));
        assert_eq!(sort_wish("价格从低到高排"), Some(SortWish::Cheapest));
        assert_eq!(sort_wish("评分最高的"), Some(SortWish::BestRated));
        assert_eq!(sort_wish("有最新款吗"), Some(SortWish::Newest));
    }

    #[test]
    fn currencies() {
        assert!(is_currency_sign('€'));
        assert!(is_currency_word("Dollars"));
        assert!(!is_currency_word("dolls"));
    }

    #[test]
    fn a_question_about_how_it_works_is_not_a_request() {
        for q in [
            "how do returns work here?",
            "what's your refund policy",
            "Can I return sale items?",
            "how long do refunds take",
            "is it possible to cancel after it ships",
        ] {
            assert!(asks_how_it_works(q), "{q}");
        }
        for r in [
            "I want to return my boots",
            "please cancel my order",
            "return order 1234",
            "refund",
            "can i please start a return",
        ] {
            assert!(!asks_how_it_works(r), "{r}");
        }
    }

    #[test]
    fn chinese_questions_about_the_rules_are_told_from_requests() {
        for q in [
            "衣服买了不合适可以退吗？",
            "你们的退货政策是什么？",
            "收到货以后几天内能退换？",
            "退款要多久到账",
            "能不能退货",
        ] {
            assert!(asks_how_it_works(q), "{q}");
        }
        for r in [
            "我要退货",
            "可以帮我退货吗",
            "麻烦取消一下订单",
            "我想退掉这个",
        ] {
            assert!(!asks_how_it_works(r), "{r}");
        }
    }

    #[test]
    fn chinese_cart_messages_are_told_apart() {
        assert!(names_cart("我的购物车里有什么"));
        assert!(!asks_to_add("我的购物车里有什么"));
        assert!(names_cart("把第一个加入购物车") && asks_to_add("把第一个加入购物车"));
        assert!(names_cart("清空购物车") && asks_to_empty("清空购物车"));
        assert!(asks_to_remove("把耳机从购物车里删掉"));
        assert!(asks_to_recount("跑鞋改成两双"));
        assert!(!names_cart("有没有两百以内的跑鞋"));
        // Latin letters in a Chinese cue list say nothing about an English message.
        assert!(!asks_to_add("show me the cart"));
    }

    #[test]
    fn cart_words_are_told_from_a_bag_for_sale() {
        assert!(names_cart("what's in my basket?"));
        assert!(names_cart("show my bag"));
        assert!(!names_cart("show me bags under 50"));
        assert!(asks_to_remove("take out the mug"));
        assert!(asks_to_empty("empty my cart"));
        assert!(!asks_to_empty(
            "how much is everything in my cart together?"
        ));
        assert!(asks_to_remove("hmm no, take it out again"));
        assert!(asks_to_recount("make it 3"));
        assert!(asks_to_add("add it to my cart") && !asks_to_remove("add it to my cart"));
    }

    #[test]
    fn a_quantity_left_out_is_told_from_one_asked_for() {
        assert!(vague_quantity(
            "i need several of the roll-on, do you have enough?"
        ));
        assert!(!vague_quantity("how many do you have in stock?"));
        assert!(!vague_quantity("do you have it in stock"));
        assert!(asks_for_a_person("can I talk to a real person please"));
        assert!(asks_for_a_person("get me an agent"));
        assert!(asks_for_a_person("转人工"));
        assert!(!asks_for_a_person(
            "our manager is leaving the team, we want to get her a board game"
        ));
        assert_eq!(
            my_detail("is it available in my colour?"),
            Some(SlotKind::Color)
        );
        assert_eq!(my_detail("do you have it in my size"), Some(SlotKind::Size));
        assert_eq!(my_detail("do you have it in red"), None);
    }
}
