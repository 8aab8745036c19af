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

pub fn parse_quantity(text: &str) -> Option<u32> {
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
    pub attributes: &'static [&'static str],
    pub most: bool,
}

const fn sup(words: &'static str, attributes: &'static [&'static str], most: bool) -> Superlative {
    Superlative {
        words,
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
    sup("biggest", &["volume_l", "capacity_ml", "screen_in"], true),
    sup("largest", &["volume_l", "capacity_ml", "screen_in"], true),
    sup("smallest", &["volume_l", "capacity_ml", "screen_in"], false),
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
                .map(Pick::Extreme)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_and_quantities() {
        assert_eq!(parse_ordinal("second"), Some(Ordinal::Nth(2)));
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
        assert_eq!(parse_pick("show me something less expensive"), None);
    }
}
