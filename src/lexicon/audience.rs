//! Who a product is for: men, women, children of an age. Shoppers say it ("mens t shirt",
//! "a gift for my wife", "tees for my two year old"); catalogues say it in names
//! ("Women's", "Youth", "Toddler", "Unisex") or in a feed's gender and age-group fields. One
//! list of the words on each side, so the request reader and the search agree.

pub use crate::types::Audience;

const MEN: &[&str] = &[
    "men",
    "mens",
    "man",
    "male",
    "males",
    "guy",
    "guys",
    "gents",
    "gentlemen",
    "him",
    "husband",
    "boyfriend",
    "dad",
    "daddy",
    "father",
    "brother",
    "grandpa",
    "grandfather",
    "uncle",
    "男士",
    "男款",
    "男式",
    "男装",
];
const WOMEN: &[&str] = &[
    "women",
    "womens",
    "woman",
    "womans",
    "ladies",
    "lady",
    "female",
    "females",
    "her",
    "wife",
    "girlfriend",
    "mum",
    "mom",
    "mummy",
    "mommy",
    "mother",
    "sister",
    "grandma",
    "grandmother",
    "aunt",
    "女士",
    "女款",
    "女式",
    "女装",
];
// A son or a daughter may be grown up: only an age says so ("my 8 year old son").
const KIDS: &[&str] = &[
    "kids",
    "kid",
    "children",
    "child",
    "childrens",
    "youth",
    "boys",
    "girls",
    "boy",
    "girl",
    "junior",
    "juniors",
    "grandkids",
    "儿童",
    "小孩",
    "童装",
];
const TODDLERS: &[&str] = &["toddler", "toddlers", "幼儿"];
const BABIES: &[&str] = &[
    "baby", "babies", "infant", "infants", "newborn", "newborns", "宝宝", "婴儿",
];

/// A product's marks: which audiences its name or its facts say it is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks(u8);

impl Marks {
    const MEN: u8 = 1;
    const WOMEN: u8 = 2;
    const UNISEX: u8 = 4;
    const KIDS: u8 = 8;
    const TODDLERS: u8 = 16;
    const BABIES: u8 = 32;
    const CHILD: u8 = Self::KIDS | Self::TODDLERS | Self::BABIES;

    /// The marks of a product's texts: its name, and its gender and age-group facts.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Marks {
        let mut m = 0;
        for text in texts {
            for w in words(text) {
                m |= match w.as_str() {
                    "men" | "mens" | "male" | "man" => Self::MEN,
                    "women" | "womens" | "ladies" | "lady" | "female" | "woman" => Self::WOMEN,
                    "unisex" => Self::UNISEX,
                    "kids" | "kid" | "youth" | "children" | "childrens" | "child" | "boys"
                    | "girls" | "junior" => Self::KIDS,
                    "toddler" | "toddlers" => Self::TODDLERS,
                    "infant" | "infants" | "baby" | "babies" | "newborn" | "onesie" => Self::BABIES,
                    _ => 0,
                };
            }
        }
        Marks(m)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Marked as for the audience itself ("Women's", "Toddler").
    pub fn names(self, a: Audience) -> bool {
        self.0 & Self::bit(a) != 0
    }

    /// Marked as for someone else only: a women's tee for "mens", any adult's for "kids".
    pub fn for_others(self, a: Audience) -> bool {
        match a {
            Audience::Men | Audience::Women => {
                let other = if a == Audience::Men {
                    Self::WOMEN
                } else {
                    Self::MEN
                };
                self.0 & Self::CHILD != 0
                    || (self.0 & other != 0 && self.0 & (Self::bit(a) | Self::UNISEX) == 0)
            }
            Audience::Kids | Audience::Toddlers | Audience::Babies => self.0 & Self::CHILD == 0,
        }
    }

    fn bit(a: Audience) -> u8 {
        match a {
            Audience::Men => Self::MEN,
            Audience::Women => Self::WOMEN,
            Audience::Kids => Self::CHILD,
            Audience::Toddlers => Self::TODDLERS,
            Audience::Babies => Self::BABIES,
        }
    }
}

/// Who the words are buying for, when they say: the youngest child named wins ("my son,
/// a toddler"), and men and women both named say neither.
pub fn audience(text: &str) -> Option<Audience> {
    let said = words(text);
    let has = |list: &[&str]| {
        said.iter().any(|w| list.contains(&w.as_str()))
            || list.iter().any(|l| !l.is_ascii() && text.contains(l))
    };
    if has(BABIES) {
        return Some(Audience::Babies);
    }
    if has(TODDLERS) {
        return Some(Audience::Toddlers);
    }
    if has(KIDS) {
        return Some(Audience::Kids);
    }
    match (has(MEN), has(WOMEN)) {
        (true, false) => Some(Audience::Men),
        (false, true) => Some(Audience::Women),
        _ => None,
    }
}

/// The audience of an age in years (`dialogue::age` reads it); `None` for a teenager or
/// an adult, who wear what adults wear.
pub fn of_age(years: u32) -> Option<Audience> {
    match years {
        0 => Some(Audience::Babies),
        1..=4 => Some(Audience::Toddlers),
        5..=12 => Some(Audience::Kids),
        _ => None,
    }
}

/// Whether a word (any case, with or without "'s") names an audience.
pub fn is_audience_word(word: &str) -> bool {
    let w = words(word).into_iter().next().unwrap_or_default();
    [MEN, WOMEN, KIDS, TODDLERS, BABIES]
        .iter()
        .any(|list| list.contains(&w.as_str()))
}

/// Lower-cased words, a possessive "'s" / "s'" dropped ("Women's" → "women").
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            let w = w.trim_matches(|c| c == '\'' || c == '’');
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w)
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shopper_says_who_it_is_for() {
        assert_eq!(audience("mens t shirt"), Some(Audience::Men));
        assert_eq!(audience("Men's jacket"), Some(Audience::Men));
        assert_eq!(audience("a gift for my wife"), Some(Audience::Women));
        assert_eq!(audience("ladies tee"), Some(Audience::Women));
        assert_eq!(audience("longsleeve tee for kids"), Some(Audience::Kids));
        assert_eq!(audience("hoodie for my little girl"), Some(Audience::Kids));
        assert_eq!(
            audience("hoodie for my daughter"),
            None,
            "she may be grown up"
        );
        assert_eq!(audience("baby shower gift"), Some(Audience::Babies));
        assert_eq!(audience("toddler hoodie"), Some(Audience::Toddlers));
        assert_eq!(audience("给宝宝买衣服"), Some(Audience::Babies));
        // Both, or nobody: no audience.
        assert_eq!(audience("socks for him and her"), None);
        assert_eq!(audience("a black hoodie"), None);
        assert_eq!(audience("mandarin tea"), None, "whole words only");
    }

    #[test]
    fn products_are_marked_by_their_names_and_facts() {
        let m = Marks::of(["Google Women's Tech Fleece Grey"]);
        assert!(m.names(Audience::Women));
        assert!(m.for_others(Audience::Men));
        assert!(!m.for_others(Audience::Women));
        let unisex = Marks::of(["Unisex Campus Tee"]);
        assert!(!unisex.for_others(Audience::Men) && !unisex.for_others(Audience::Women));
        assert!(
            unisex.for_others(Audience::Kids),
            "an adult's tee is no kids' tee"
        );
        let youth = Marks::of(["Youth Badge Tee Olive"]);
        assert!(youth.names(Audience::Kids) && youth.for_others(Audience::Men));
        assert!(!Marks::of(["Toddler Tee"]).for_others(Audience::Kids));
        assert!(Marks::of(["Toddler Tee"]).names(Audience::Toddlers));
        assert!(Marks::of(["Classic Tee", "female"]).names(Audience::Women));
        assert!(Marks::of(["Classic Tee"]).is_empty());
        assert!(
            is_audience_word("Women's") && is_audience_word("kids") && !is_audience_word("tee")
        );
    }

    #[test]
    fn an_age_is_an_audience() {
        assert_eq!(of_age(0), Some(Audience::Babies));
        assert_eq!(of_age(2), Some(Audience::Toddlers));
        assert_eq!(of_age(7), Some(Audience::Kids));
        assert_eq!(of_age(30), None);
    }
}
