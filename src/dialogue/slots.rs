//! From slot text to values: prices, ordinals, quantities, and whether a value was negated
//! ("anything but samsung").

/// Number words shoppers type for quantities.
const SMALL_NUMBERS: &[(&str, u32)] = &[
    ("one", 1),
    ("a", 1),
    ("an", 1),
    ("a pair of", 2),
    ("two", 2),
    ("couple", 2),
    ("a couple", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("a dozen", 12),
    ("dozen", 12),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("a hundred", 100),
    ("one hundred", 100),
    ("two hundred", 200),
    ("three hundred", 300),
    ("five hundred", 500),
    ("a thousand", 1000),
    ("one thousand", 1000),
    ("a grand", 1000),
    ("grand", 1000),
];

/// Which item of a list an ordinal means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ordinal {
    /// 1-based position.
    Nth(usize),
    Last,
}

impl Ordinal {
    /// The 0-based index into a list of `len` items, if it is there.
    pub fn index(self, len: usize) -> Option<usize> {
        match self {
            Ordinal::Nth(n) if n >= 1 && n <= len => Some(n - 1),
            Ordinal::Last if len > 0 => Some(len - 1),
            _ => None,
        }
    }
}

const ORDINAL_WORDS: &[(&str, usize)] = &[
    ("first", 1),
    ("1st", 1),
    ("second", 2),
    ("2nd", 2),
    ("third", 3),
    ("3rd", 3),
    ("fourth", 4),
    ("4th", 4),
    ("fifth", 5),
    ("5th", 5),
    ("sixth", 6),
    ("6th", 6),
    ("seventh", 7),
    ("7th", 7),
    ("eighth", 8),
    ("8th", 8),
    ("ninth", 9),
    ("9th", 9),
    ("tenth", 10),
    ("10th", 10),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
];

pub fn parse_ordinal(text: &str) -> Option<Ordinal> {
    if let Some(ordinal) = chinese_ordinal(text.trim()) {
        return Some(ordinal);
    }
    let t = text.trim().trim_start_matches('#').to_lowercase();
    let t = t
        .trim_start_matches("number ")
        .trim_start_matches("no. ")
        .trim_start_matches("the ")
        .trim();
    if matches!(t, "last" | "last one" | "bottom" | "final") {
        return Some(Ordinal::Last);
    }
    if let Ok(n) = t.parse::<usize>() {
        return Some(Ordinal::Nth(n));
    }
    ORDINAL_WORDS
        .iter()
        .find(|(w, _)| t == *w || t.starts_with(&format!("{w} ")))
        .map(|(_, n)| Ordinal::Nth(*n))
}

/// The positions a Chinese message points at in a list, in order: 第一个和第三个 →
/// 1st, 3rd; 最后一个 → last. For a message whose parse has no ordinal slot (the Chinese
/// NLU tags few of them).
pub fn chinese_ordinals_in(text: &str) -> Vec<Ordinal> {
    if !crate::lexicon::zh::has_han(text) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        let rest = &text[i..];
        let found = match c {
            '第' => chinese_ordinal(rest),
            '最' if rest.starts_with("最后一") || rest.starts_with("最后那") => {
                Some(Ordinal::Last)
            }
            _ => None,
        };
        out.extend(found);
    }
    out
}

/// Measure words that make a Chinese numeral a count: 两双, 3件, 一个.
const MEASURE_WORDS: &[char] = &[
    '个', '件', '双', '只', '台', '本', '套', '盒', '瓶', '支', '条', '副', '顶', '把', '张', '包',
    '份', '款', '组', '对', '部',
];

/// The first count in a Chinese message: a numeral with a measure word after it (改成两双,
/// 要3件), not a position (第二个), not a word (一下, 一起), not people (两个人用的帐篷).
/// 块 is money here (三百块), never a count.
fn chinese_quantity(text: &str) -> Option<u32> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).find_map(|i| {
        if i > 0 && chars[i - 1] == '第' {
            return None;
        }
        let (n, len) = crate::lexicon::zh::number_at(&chars[i..])?;
        let counted = chars
            .get(i + len)
            .is_some_and(|c| MEASURE_WORDS.contains(c))
            && chars.get(i + len + 1) != Some(&'人');
        (counted && n >= 1.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)).then_some(n as u32)
    })
}

/// 第二个, 第3款, 第一双; 最后一个, 最后那款. The measure word after the number and the
/// 那/这 before it say nothing about the position.
fn chinese_ordinal(text: &str) -> Option<Ordinal> {
    let t = text.trim_start_matches(['那', '这']);
    if t.starts_with("最后") {
        return Some(Ordinal::Last);
    }
    let chars: Vec<char> = t.strip_prefix('第')?.chars().collect();
    let (n, _) = crate::lexicon::zh::number_at(&chars)?;
    (n >= 1.0 && n.fract() == 0.0).then_some(Ordinal::Nth(n as usize))
}

pub fn parse_quantity(text: &str) -> Option<u32> {
    if crate::lexicon::zh::has_han(text) {
        return chinese_quantity(text);
    }
    let t = text.trim().to_lowercase();
    if let Some(n) = t
        .split_whitespace()
        .find_map(|w| w.trim_start_matches('x').parse::<u32>().ok())
    {
        return Some(n);
    }
    // The longest phrase that fits: "a pair of" before "a".
    SMALL_NUMBERS
        .iter()
        .filter(|(w, _)| t == *w || t.starts_with(&format!("{w} ")))
        .max_by_key(|(w, _)| w.len())
        .map(|(_, n)| *n)
}

/// One word as a number: digits, or a number word ("five", "twelve").
pub fn number_word(word: &str) -> Option<u32> {
    word.parse().ok().or_else(|| {
        SMALL_NUMBERS
            .iter()
            .find(|(w, _)| *w == word && !w.contains(' '))
            .map(|(_, n)| *n)
    })
}

/// A product picked out of the last list by comparison: "the cheaper one", "the best
/// rated of them".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Cheapest,
    Dearest,
    BestRated,
    /// The most or least of a number the catalogue states ("the lightest": least
    /// `weight_g`); the first attribute of the list that the products have is used.
    Extreme(&'static Superlative),
}

/// A superlative about a stated number: the words, the attributes it reads, which end.
#[derive(Debug, PartialEq, Eq)]
pub struct Superlative {
    pub words: &'static str,
    /// How a reply names the pick ("lightest" for "lighter", "largest capacity" for
    /// "holds more").
    pub said: &'static str,
    pub attributes: &'static [&'static str],
    pub most: bool,
}

const fn sup(words: &'static str, attributes: &'static [&'static str], most: bool) -> Superlative {
    said_as(words, words, attributes, most)
}

const fn said_as(
    words: &'static str,
    said: &'static str,
    attributes: &'static [&'static str],
    most: bool,
) -> Superlative {
    Superlative {
        words,
        said,
        attributes,
        most,
    }
}

const SUPERLATIVES: &[Superlative] = &[
    sup("lightest", &["weight_g"], false),
    sup("heaviest", &["weight_g"], true),
    sup("longest battery life", &["battery_life_h"], true),
    sup("longest battery", &["battery_life_h"], true),
    sup("best battery life", &["battery_life_h"], true),
    sup("best battery", &["battery_life_h"], true),
    sup("biggest screen", &["screen_in"], true),
    sup("largest screen", &["screen_in"], true),
    sup("smallest screen", &["screen_in"], false),
    sup("most storage", &["storage_gb"], true),
    sup("most ram", &["ram_gb"], true),
    sup("most memory", &["ram_gb"], true),
    sup("most powerful", &["power_w"], true),
    sup(
        "most waterproof",
        &["waterproof_mm", "water_resistance_m"],
        true,
    ),
    sup("thickest", &["thickness_mm"], true),
    sup("thinnest", &["thickness_mm"], false),
    // Comparatives ("which one is lighter?") pick the same way between the products shown.
    said_as("lighter", "lightest", &["weight_g"], false),
    said_as("heavier", "heaviest", &["weight_g"], true),
    said_as("thinner", "thinnest", &["thickness_mm"], false),
    said_as("thicker", "thickest", &["thickness_mm"], true),
    said_as("more powerful", "most powerful", &["power_w"], true),
    said_as("bigger screen", "biggest screen", &["screen_in"], true),
    said_as("larger screen", "largest screen", &["screen_in"], true),
    said_as("smaller screen", "smallest screen", &["screen_in"], false),
    said_as("more storage", "most storage", &["storage_gb"], true),
    said_as(
        "longer battery life",
        "longest battery life",
        &["battery_life_h"],
        true,
    ),
    said_as(
        "longer battery",
        "longest battery life",
        &["battery_life_h"],
        true,
    ),
    said_as(
        "better battery",
        "longest battery life",
        &["battery_life_h"],
        true,
    ),
    sup("biggest capacity", &["capacity_ml", "volume_l"], true),
    sup("largest capacity", &["capacity_ml", "volume_l"], true),
    said_as(
        "bigger capacity",
        "largest capacity",
        &["capacity_ml", "volume_l"],
        true,
    ),
    said_as(
        "larger capacity",
        "largest capacity",
        &["capacity_ml", "volume_l"],
        true,
    ),
    said_as(
        "more capacity",
        "largest capacity",
        &["capacity_ml", "volume_l"],
        true,
    ),
    sup("smallest capacity", &["capacity_ml", "volume_l"], false),
    said_as(
        "smaller capacity",
        "smallest capacity",
        &["capacity_ml", "volume_l"],
        false,
    ),
    sup("biggest", &["volume_l", "capacity_ml", "screen_in"], true),
    sup("largest", &["volume_l", "capacity_ml", "screen_in"], true),
    sup("smallest", &["volume_l", "capacity_ml", "screen_in"], false),
];

/// What a product does, said with a verb ("which of them holds more water?", "which one
/// weighs less"): matched anywhere in the message, not only after "the" or "is".
const VERB_SUPERLATIVES: &[Superlative] = &[
    said_as(
        "holds the most",
        "largest capacity",
        &["capacity_ml", "volume_l"],
        true,
    ),
    said_as(
        "holds most",
        "largest capacity",
        &["capacity_ml", "volume_l"],
        true,
    ),
    said_as(
        "holds more",
        "largest capacity",
        &["capacity_ml", "volume_l"],
        true,
    ),
    said_as(
        "holds the least",
        "smallest capacity",
        &["capacity_ml", "volume_l"],
        false,
    ),
    said_as(
        "holds less",
        "smallest capacity",
        &["capacity_ml", "volume_l"],
        false,
    ),
    said_as("weighs the least", "lightest", &["weight_g"], false),
    said_as("weighs least", "lightest", &["weight_g"], false),
    said_as("weighs less", "lightest", &["weight_g"], false),
    said_as("weighs the most", "heaviest", &["weight_g"], true),
    said_as("weighs more", "heaviest", &["weight_g"], true),
    said_as(
        "lasts the longest",
        "longest battery life",
        &["battery_life_h"],
        true,
    ),
    said_as(
        "lasts longest",
        "longest battery life",
        &["battery_life_h"],
        true,
    ),
    said_as(
        "lasts longer",
        "longest battery life",
        &["battery_life_h"],
        true,
    ),
];

const PICKS: &[(&str, Pick)] = &[
    ("cheaper", Pick::Cheapest),
    ("cheapest", Pick::Cheapest),
    ("less expensive", Pick::Cheapest),
    ("least expensive", Pick::Cheapest),
    ("lower priced", Pick::Cheapest),
    ("more expensive", Pick::Dearest),
    ("most expensive", Pick::Dearest),
    ("pricier", Pick::Dearest),
    ("priciest", Pick::Dearest),
    ("dearer", Pick::Dearest),
    ("better rated", Pick::BestRated),
    ("best rated", Pick::BestRated),
    ("higher rated", Pick::BestRated),
    ("highest rated", Pick::BestRated),
    ("top rated", Pick::BestRated),
];

/// The comparison a text picks a product by, if it points at one ("the cheaper one",
/// "the more expensive of the two"); comparisons that do not point ("something cheaper")
/// are a search, not a pick.
pub fn parse_pick(text: &str) -> Option<Pick> {
    let t = text.to_lowercase().replace('-', " ");
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = format!(" {} ", words.join(" "));
    let points = |cue: &str| {
        [
            format!(" the {cue} one "),
            format!(" the {cue} "),
            format!(" {cue} one "),
            format!(" {cue} of "),
            format!(" is {cue} "),
        ]
        .iter()
        .any(|p| joined.contains(p.as_str()))
    };
    PICKS
        .iter()
        .find_map(|(cue, pick)| points(cue).then_some(*pick))
        .or_else(|| {
            SUPERLATIVES
                .iter()
                .find(|s| points(s.words) || joined.contains(&format!(" has the {} ", s.words)))
                .or_else(|| {
                    VERB_SUPERLATIVES
                        .iter()
                        .find(|s| joined.contains(&format!(" {} ", s.words)))
                })
                .map(Pick::Extreme)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_ordinals_are_positions() {
        assert_eq!(parse_ordinal("第二个"), Some(Ordinal::Nth(2)));
        assert_eq!(parse_ordinal("第3款"), Some(Ordinal::Nth(3)));
        assert_eq!(parse_ordinal("第十"), Some(Ordinal::Nth(10)));
        assert_eq!(parse_ordinal("最后一个"), Some(Ordinal::Last));
        assert_eq!(parse_ordinal("那第一双"), Some(Ordinal::Nth(1)));
        assert_eq!(parse_ordinal("第"), None);
        assert_eq!(parse_ordinal("second"), Some(Ordinal::Nth(2)));
        assert_eq!(
            chinese_ordinals_in("对比一下第一个和第3个"),
            vec![Ordinal::Nth(1), Ordinal::Nth(3)]
        );
        assert_eq!(chinese_ordinals_in("最后一个防水吗"), vec![Ordinal::Last]);
        assert_eq!(chinese_ordinals_in("最便宜的是哪个"), vec![]);
        assert_eq!(chinese_ordinals_in("the first one"), vec![]);
    }

    #[test]
    fn chinese_counts_need_a_measure_word() {
        assert_eq!(parse_quantity("改成两双"), Some(2));
        assert_eq!(parse_quantity("要3件"), Some(3));
        assert_eq!(parse_quantity("第二个改成一个"), Some(1));
        assert_eq!(parse_quantity("数量改一下"), None);
        assert_eq!(parse_quantity("第二个"), None);
        assert_eq!(parse_quantity("两个人用的帐篷"), None);
        assert_eq!(parse_quantity("三百块以内"), None);
    }

    #[test]
    fn ordinals_and_quantities() {
        assert_eq!(parse_ordinal("second"), Some(Ordinal::Nth(2)));
        assert_eq!(
            chinese_ordinals_in("对比一下第一个和第3个"),
            vec![Ordinal::Nth(1), Ordinal::Nth(3)]
        );
        assert_eq!(chinese_ordinals_in("最后一个防水吗"), vec![Ordinal::Last]);
        assert_eq!(chinese_ordinals_in("最便宜的是哪个"), vec![]);
        assert_eq!(chinese_ordinals_in("the first one"), vec![]);
        assert_eq!(parse_ordinal("3rd"), Some(Ordinal::Nth(3)));
        assert_eq!(parse_ordinal("#2"), Some(Ordinal::Nth(2)));
        assert_eq!(parse_ordinal("last"), Some(Ordinal::Last));
        assert_eq!(parse_ordinal("number 4"), Some(Ordinal::Nth(4)));
        assert_eq!(Ordinal::Last.index(3), Some(2));
        assert_eq!(Ordinal::Nth(4).index(3), None);
        assert_eq!(parse_quantity("2"), Some(2));
        assert_eq!(parse_quantity("three"), Some(3));
        assert_eq!(parse_quantity("a pair of"), Some(2));
    }

    #[test]
    fn picks_point_at_one_product_by_comparison() {
        assert_eq!(parse_pick("ok add the cheaper one"), Some(Pick::Cheapest));
        assert_eq!(
            parse_pick("the more expensive of the two pls"),
            Some(Pick::Dearest)
        );
        assert_eq!(
            parse_pick("is the best-rated one waterproof?"),
            Some(Pick::BestRated)
        );
        assert_eq!(parse_pick("i'll take the cheapest"), Some(Pick::Cheapest));
        assert_eq!(parse_pick("anything cheaper?"), None);
        let extreme = |text: &str| match parse_pick(text) {
            Some(Pick::Extreme(s)) => Some((s.attributes[0], s.most)),
            _ => None,
        };
        assert_eq!(
            extreme("which one is the lightest"),
            Some(("weight_g", false))
        );
        assert_eq!(
            extreme("which has the longest battery life?"),
            Some(("battery_life_h", true))
        );
        assert_eq!(extreme("which is lightest"), Some(("weight_g", false)));
        assert_eq!(extreme("show me light jackets"), None);
        // Comparatives and verbs pick the same way.
        assert_eq!(extreme("which one is lighter?"), Some(("weight_g", false)));
        assert_eq!(
            extreme("which of them holds more water?"),
            Some(("capacity_ml", true))
        );
        assert_eq!(
            extreme("which one holds the most?"),
            Some(("capacity_ml", true))
        );
        assert_eq!(extreme("which weighs less"), Some(("weight_g", false)));
        assert_eq!(
            extreme("which has the longer battery life"),
            Some(("battery_life_h", true))
        );
        assert_eq!(extreme("does it hold more than a litre"), None);
        assert_eq!(extreme("i want something lighter in colour"), None);
        assert_eq!(parse_pick("show me something less expensive"), None);
    }
}
