//! Prices as Chinese shoppers write them: amounts in digits or Chinese numerals (三百,
//! 两百五, 三千五, 1千, 1.5万), currency units (元, 块, ¥, 人民币, 美元 …) and the cue words
//! that make an amount a ceiling (以内, 以下, 不超过, 封顶, 最多), a floor (以上, 起, 至少),
//! both ends (100到300之间, 100-300元) or a price to come near (左右, 上下, 大概).
//!
//! Chinese has no spaces, so cues are read on characters right next to the amount, and an
//! amount counts as a price only with a currency unit or a cue beside it: 42码, 两件, 三天,
//! 5000毫安 are no prices. [`prices`] reads a whole message; [`amount`] reads one span the NLU
//! tagged ([300元], [两百块], [¥299], [八百]).

/// Which end of a budget an amount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// 以内, 以下, 不超过, 封顶, 最多, 预算 …
    Max,
    /// 以上, 起, 至少, 不低于 …
    Min,
    /// 左右, 上下, 大概, 差不多: near the amount, either way ([`AROUND_BAND`]).
    Around,
}

/// How far from an amount "左右" reaches, as a share of it, either way: 两百块左右 is
/// 160 to 240. A shopper who names a price level means neither a tenth of it nor double.
pub const AROUND_BAND: f64 = 0.2;

/// One price read from Chinese words.
#[derive(Debug, Clone, PartialEq)]
pub struct ZhPrice {
    pub amount: f64,
    /// The currency the words name (ISO 4217), when they name one: 元, 块, ¥ → CNY.
    pub currency: Option<&'static str>,
    /// `None`: a price with a unit and no cue ("300元的耳机").
    pub bound: Option<Bound>,
    /// Character offsets of the amount with its unit, as the NLU's spans count them.
    pub start: usize,
    pub end: usize,
    /// The characters the price takes with its cue words (预算不超过[300元]以内), which
    /// are no words to rank products by.
    pub reach: (usize, usize),
}

/// Units after an amount and the currency each names; the longest is tried first.
const UNITS_AFTER: &[(&str, &str)] = &[
    ("块人民币", "CNY"),
    ("元人民币", "CNY"),
    ("人民币", "CNY"),
    ("块钱", "CNY"),
    ("元钱", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("欧元", "EUR"),
    ("英镑", "GBP"),
    ("日元", "JPY"),
    ("港币", "HKD"),
    ("港元", "HKD"),
    ("元", "CNY"),
    ("块", "CNY"),
    ("圆", "CNY"),
    ("rmb", "CNY"),
    ("cny", "CNY"),
];

/// Signs and words before an amount.
const UNITS_BEFORE: &[(&str, &str)] = &[
    ("人民币", "CNY"),
    ("rmb", "CNY"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
];

/// Cues right after an amount (and its unit).
const CUES_AFTER: &[(&str, Bound)] = &[
    ("及以下", Bound::Max),
    ("或以下", Bound::Max),
    ("以下", Bound::Max),
    ("以内", Bound::Max),
    ("之内", Bound::Max),
    ("以里", Bound::Max),
    ("封顶", Bound::Max),
    ("为上限", Bound::Max),
    ("内", Bound::Max),
    ("及以上", Bound::Min),
    ("或以上", Bound::Min),
    ("以上", Bound::Min),
    ("起步", Bound::Min),
    ("起", Bound::Min),
    ("往上", Bound::Min),
    ("左右", Bound::Around),
    ("上下", Bound::Around),
];

/// Cues right before an amount (after them a ¥ may come). A negation before a cue turns
/// it ([`NEGATIONS`]): 不超过, 不要超过 → Max.
const CUES_BEFORE: &[(&str, Bound)] = &[
    ("超过", Bound::Min),
    ("高于", Bound::Min),
    ("大于", Bound::Min),
    ("多于", Bound::Min),
    ("至少", Bound::Min),
    ("最少", Bound::Min),
    ("最低", Bound::Min),
    ("起码", Bound::Min),
    ("低于", Bound::Max),
    ("少于", Bound::Max),
    ("小于", Bound::Max),
    ("不到", Bound::Max),
    ("最多", Bound::Max),
    ("顶多", Bound::Max),
    ("最高", Bound::Max),
    ("封顶", Bound::Max),
    ("控制", Bound::Max),
    ("预算是", Bound::Max),
    ("预算在", Bound::Max),
    ("预算", Bound::Max),
    ("大概", Bound::Around),
    ("大约", Bound::Around),
    ("差不多", Bound::Around),
];

/// Words before a cue (or before an amount whose cue comes after it) that turn it:
/// 不要300以上的 is a ceiling, 不低于 a floor.
pub const NEGATIONS: &[&str] = &["不要", "不想要", "不用", "不考虑", "不能", "别", "不"];

/// What may join the two amounts of a range.
const RANGE_JOINS: &[&str] = &["到", "至", "-", "~", "～", "—", "－", "–"];

/// Words before a range that say it is a price (价位在100到200): with them, or a unit, or
/// 之间 after it, "3到5" is a price range and not days or pieces.
const PRICE_WORDS: &[&str] = &["预算", "价格", "价位", "价钱", "售价", "价"];

/// What may follow a bare amount after a cue before it (不超过300的): anything else
/// (最多两件, 至少三天) makes it a count, not a price.
fn ends_a_price(rest: &[char]) -> bool {
    match rest.first() {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || c.is_ascii_punctuation()
                || "，。？！、；：,.?!的吧呢啊呀哈哦就左上以之内起".contains(*c)
        }
    }
}

fn digit_of(c: char) -> Option<u32> {
    match c {
        '零' | '〇' => Some(0),
        '一' | '壹' => Some(1),
        '二' | '两' | '贰' | '俩' => Some(2),
        '三' | '叁' => Some(3),
        '四' | '肆' => Some(4),
        '五' | '伍' => Some(5),
        '六' | '陆' => Some(6),
        '七' | '柒' => Some(7),
        '八' | '捌' => Some(8),
        '九' | '玖' => Some(9),
        _ => None,
    }
}

fn unit_of(c: char) -> Option<f64> {
    match c {
        '十' | '拾' => Some(10.0),
        '百' | '佰' => Some(100.0),
        '千' | '仟' | 'k' | 'K' => Some(1000.0),
        '万' | '萬' | 'w' | 'W' => Some(10_000.0),
        _ => None,
    }
}

/// A number at the start of `chars`: Arabic digits (1,200 or 1.5), Chinese numerals, or a
/// mix (1千, 3千5); its value and how many characters it takes. 三千五 is 3,500 and 两百五
/// is 250 (a digit right after a unit is a tenth of it); 三千零五 is 3,005.
pub fn number_at(chars: &[char]) -> Option<(f64, usize)> {
    let mut i = 0;
    let mut total = 0.0; // whole 万 groups
    let mut section = 0.0; // below 万
    let mut pending: Option<f64> = None; // a digit (or Arabic number) not yet given a unit
    let mut last_unit: Option<f64> = None;
    let mut zero = false;
    let mut any = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            if pending.is_some() {
                break;
            }
            let mut j = i;
            let mut text = String::new();
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || (chars[j] == '.' && chars.get(j + 1).is_some_and(char::is_ascii_digit))
                    || (chars[j] == ',' && chars.get(j + 1).is_some_and(char::is_ascii_digit)))
            {
                if chars[j] != ',' {
                    text.push(chars[j]);
                }
                j += 1;
            }
            pending = Some(text.parse().ok()?);
            any = true;
            i = j;
            continue;
        }
        if let Some(d) = digit_of(c) {
            if pending.is_some() {
                break;
            }
            if d == 0 {
                zero = true;
            } else {
                pending = Some(f64::from(d));
            }
            any = true;
            i += 1;
            continue;
        }
        if let Some(unit) = unit_of(c) {
            // k/w only right after a number written in digits or numerals ("1.5k", "2w").
            if c.is_ascii_alphabetic() && pending.is_none() {
                break;
            }
            if c.is_ascii_alphabetic() && chars.get(i + 1).is_some_and(char::is_ascii_alphabetic) {
                break;
            }
            if unit >= 10_000.0 {
                section += pending.take().unwrap_or(0.0);
                if section == 0.0 && !any {
                    break;
                }
                total += section * unit;
                section = 0.0;
            } else {
                // 十五: a 十 with nothing before it is one ten.
                let n = pending.take().unwrap_or(if any { 0.0 } else { 1.0 });
                section += n * unit;
            }
            last_unit = Some(unit);
            zero = false;
            any = true;
            i += 1;
            continue;
        }
        break;
    }
    if !any {
        return None;
    }
    if let Some(n) = pending {
        match last_unit {
            // 三千五, 两百五, 一万五: a lone digit after a unit is a tenth of it.
            Some(unit) if !zero && n < 10.0 && n.fract() == 0.0 => section += n * unit / 10.0,
            _ => section += n,
        }
    }
    let value = total + section;
    // A lone 零 or a unit with nothing counted (just "万") is no number.
    (value > 0.0).then_some((value, i))
}

fn starts_with_ci(chars: &[char], word: &str) -> bool {
    let mut k = 0;
    for w in word.chars() {
        match chars.get(k) {
            Some(c) if c.to_lowercase().eq(w.to_lowercase()) => k += 1,
            _ => return false,
        }
    }
    true
}

fn ends_with(chars: &[char], word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    chars.len() >= w.len()
        && chars[chars.len() - w.len()..]
            .iter()
            .zip(&w)
            .all(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
}

/// A currency unit at the start of `chars`: its currency and length.
fn unit_after(chars: &[char]) -> Option<(&'static str, usize)> {
    let skip = chars.iter().take_while(|c| **c == ' ').count();
    UNITS_AFTER
        .iter()
        .find(|(w, _)| starts_with_ci(&chars[skip..], w))
        .map(|(w, cur)| (*cur, skip + w.chars().count()))
}

/// A currency sign or word right before the end of `chars`: its currency and length.
fn unit_before(chars: &[char]) -> Option<(&'static str, usize)> {
    let spaces = chars.iter().rev().take_while(|c| **c == ' ').count();
    let body = &chars[..chars.len() - spaces];
    UNITS_BEFORE
        .iter()
        .find(|(w, _)| ends_with(body, w))
        .map(|(w, cur)| (*cur, spaces + w.chars().count()))
}

/// An amount with its unit as one span holds it: "300元", "两百块", "¥299", "八百", "1千",
/// "RMB 500". `None` when the span holds no amount.
pub fn amount(span: &str) -> Option<(f64, Option<&'static str>)> {
    let chars: Vec<char> = span.trim().chars().collect();
    let start = (0..chars.len()).find(|&i| number_at(&chars[i..]).is_some())?;
    let (value, len) = number_at(&chars[start..])?;
    let before = unit_before(&chars[..start]).map(|(c, _)| c);
    let after = unit_after(&chars[start + len..]).map(|(c, _)| c);
    Some((value, after.or(before)))
}

/// Whether `text` holds Chinese writing (a Han character).
pub fn has_han(text: &str) -> bool {
    text.chars().any(is_han)
}

/// CJK unified ideographs (and their extension A and compatibility forms): the characters
/// that make a message Chinese (`nlu::language` routes by them too).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Chinese numerals also appear in words that are no amounts (一下, 一点, 一起, 十分); an
/// amount in numerals counts only when a unit or a cue is right beside it, which the
/// reading below requires anyway.
struct Found {
    value: f64,
    currency: Option<&'static str>,
    /// The amount with its unit, in characters.
    start: usize,
    end: usize,
}

/// Every amount in `chars` with the unit on either side of it.
fn amounts(chars: &[char]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Inside a Latin word or model number ("iPhone 15", "x200") is no amount.
        let glued = i > 0 && (chars[i - 1].is_ascii_alphanumeric());
        match number_at(&chars[i..]) {
            Some((value, len)) if !glued => {
                let (cur_after, after_len) = unit_after(&chars[i + len..]).unzip();
                let (cur_before, before_len) = unit_before(&chars[..i]).unzip();
                // 一起, 一下, 二手: one numeral alone and no unit is a word, not an amount.
                if len == 1 && digit_of(chars[i]).is_some() && cur_after.or(cur_before).is_none() {
                    i += 1;
                    continue;
                }
                let start = i - before_len.unwrap_or(0);
                let end = i + len + after_len.unwrap_or(0);
                out.push(Found {
                    value,
                    currency: cur_after.or(cur_before),
                    start,
                    end,
                });
                i += len;
            }
            _ => i += 1,
        }
    }
    out
}

/// The cue of `list` that `chars` ends with (the longest), and its length.
fn cue_ending(chars: &[char], list: &[(&str, Bound)]) -> Option<(Bound, usize)> {
    list.iter()
        .filter(|(w, _)| ends_with(chars, w))
        .max_by_key(|(w, _)| w.chars().count())
        .map(|(w, b)| (*b, w.chars().count()))
}

fn cue_starting(chars: &[char], list: &[(&str, Bound)]) -> Option<(Bound, usize)> {
    list.iter()
        .filter(|(w, _)| starts_with_ci(chars, w))
        .max_by_key(|(w, _)| w.chars().count())
        .map(|(w, b)| (*b, w.chars().count()))
}

/// A negation right before a cue or an amount (不要三百块以上, 别超过两百). Only right
/// before: in 不要黑色两百以内 the 不要 is about the colour.
fn negated(before: &[char]) -> bool {
    let tail = &before[before.len().saturating_sub(4)..];
    NEGATIONS.iter().any(|n| ends_with(tail, n))
}

/// Words after a cue that refuse what it names: 三百以下的不要 wants nothing under 300.
/// Only refusals: 不 alone starts 不错 and 不贵, which refuse nothing.
const REFUSALS_AFTER: &[&str] = &["不要", "不想要", "别", "不考虑", "不看", "pass"];

/// A refusal right after a cue (its 的 skipped): 以下的不要, 以上的别推荐.
fn refused_after(rest: &[char]) -> bool {
    let rest = match rest.first() {
        Some('的') => &rest[1..],
        _ => rest,
    };
    REFUSALS_AFTER.iter().any(|r| starts_with_ci(rest, r))
}

fn turned(bound: Bound, negated: bool) -> Bound {
    match (bound, negated) {
        (Bound::Max, true) => Bound::Min,
        (Bound::Min, true) => Bound::Max,
        (b, _) => b,
    }
}

/// Every price the Chinese words of `text` state, in order. English words are left to the
/// English cues (`super::BEFORE_CEILING` …): a message without Han characters gives none.
pub fn prices(text: &str) -> Vec<ZhPrice> {
    if !has_han(text) {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let found = amounts(&chars);
    let mut out = Vec::new();
    let mut k = 0;
    while k < found.len() {
        let a = &found[k];
        // A range: A 到 B (之间), with a unit, 之间 or a price word to say it is money.
        if let Some(b) = found.get(k + 1) {
            let join: String = chars[a.end..b.start].iter().collect();
            if RANGE_JOINS.contains(&join.trim()) {
                let after = &chars[b.end..];
                let between = starts_with_ci(after, "之间") || starts_with_ci(after, "之内");
                let worded = PRICE_WORDS
                    .iter()
                    .any(|w| ends_with(trim_end(&chars[..a.start], "在是为"), w));
                let currency = b.currency.or(a.currency);
                if currency.is_some() || between || worded {
                    let reach_end = b.end + if between { 2 } else { 0 };
                    out.push(ZhPrice {
                        amount: a.value,
                        currency,
                        bound: Some(Bound::Min),
                        start: a.start,
                        end: a.end,
                        reach: (a.start, reach_end),
                    });
                    out.push(ZhPrice {
                        amount: b.value,
                        currency,
                        bound: Some(Bound::Max),
                        start: b.start,
                        end: b.end,
                        reach: (a.start, reach_end),
                    });
                    k += 2;
                    continue;
                }
            }
        }
        let before = &chars[..a.start];
        let after = &chars[a.end..];
        let (bound, reach) = if let Some((bound, len)) = cue_starting(after, CUES_AFTER) {
            // 42码以上 never gets here: 码 stands between the number and 以上.
            let turn = negated(before) || refused_after(&after[len..]);
            (Some(turned(bound, turn)), (a.start, a.end + len))
        } else if let Some((bound, len)) = cue_ending(trim_end(before, "在是"), CUES_BEFORE) {
            let cue_start = trim_end(before, "在是").len() - len;
            // 最多两件, 至少三天: a count, not a price, unless a unit says money.
            if a.currency.is_none() && !ends_a_price(after) {
                k += 1;
                continue;
            }
            (
                Some(turned(bound, negated(&before[..cue_start]))),
                (cue_start, a.end),
            )
        } else if a.currency.is_some() {
            (None, (a.start, a.end))
        } else {
            k += 1;
            continue;
        };
        out.push(ZhPrice {
            amount: a.value,
            currency: a.currency,
            bound,
            start: a.start,
            end: a.end,
            reach,
        });
        k += 1;
    }
    out
}

/// `chars` without any of `particles` at its end (预算在 → 预算).
fn trim_end<'c>(chars: &'c [char], particles: &str) -> &'c [char] {
    let n = chars
        .iter()
        .rev()
        .take_while(|c| particles.contains(**c) || **c == ' ')
        .count();
    &chars[..chars.len() - n]
}

/// Words that exclude the value a few characters after them: 不要耐克, 除了黑色, 不喜欢红的.
pub const EXCLUSIONS: &[&str] = &[
    "不要",
    "不想要",
    "除了",
    "不考虑",
    "不喜欢",
    "排除",
    "不是",
    "不含",
    "不带",
    "别",
];

/// Whether the Chinese words just before a value (`before`, the text up to it) exclude it.
/// The clause ends at punctuation: 不要黑色，蓝色可以 wants blue.
pub fn excludes_before(before: &str) -> bool {
    let clause = before
        .rsplit(['，', '。', '；', '！', '？', ',', ';', '.', '!', '?'])
        .next()
        .unwrap_or(before);
    let chars: Vec<char> = clause.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(5)..].iter().collect();
    // 别的 is "other" (有别的颜色吗), not "don't"; 是不是, 要不要 ask, they don't refuse.
    let asks = |e: &str, i: usize| {
        (e == "别" && tail[i..].starts_with("别的"))
            || (e == "不是" && tail[..i].ends_with('是'))
            || (e == "不要" && tail[..i].ends_with('要'))
    };
    EXCLUSIONS
        .iter()
        .any(|e| tail.match_indices(e).any(|(i, _)| !asks(e, i)))
}

/// Words that ask for cheaper ones than those shown (有便宜一点的吗).
pub const CHEAPER: &[&str] = &["便宜点", "便宜一点", "便宜些", "更便宜", "再便宜", "太贵了"];

/// Words that ask for more of the same (还有别的吗, 换一批).
pub const MORE: &[&str] = &[
    "还有别的",
    "还有其他",
    "换一批",
    "更多",
    "再来几",
    "再看看别的",
    "别的款",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<f64> {
        let chars: Vec<char> = s.chars().collect();
        number_at(&chars).map(|(v, _)| v)
    }

    #[test]
    fn chinese_numerals() {
        for (text, value) in [
            ("一百", 100.0),
            ("两百", 200.0),
            ("三千五", 3500.0),
            ("两百五", 250.0),
            ("一万五", 15000.0),
            ("三千零五", 3005.0),
            ("一千二百", 1200.0),
            ("十五", 15.0),
            ("二十", 20.0),
            ("五十八", 58.0),
            ("八百", 800.0),
            ("1千", 1000.0),
            ("3千5", 3500.0),
            ("1.5万", 15000.0),
            ("1,200", 1200.0),
            ("299", 299.0),
            ("2k", 2000.0),
            ("壹佰", 100.0),
        ] {
            assert_eq!(n(text), Some(value), "{text}");
        }
        for text in ["零", "万", "码", "abc"] {
            assert_eq!(n(text), None, "{text}");
        }
    }

    #[test]
    fn spans_as_the_nlu_tags_them() {
        assert_eq!(amount("300元"), Some((300.0, Some("CNY"))));
        assert_eq!(amount("两百块"), Some((200.0, Some("CNY"))));
        assert_eq!(amount("¥299"), Some((299.0, Some("CNY"))));
        assert_eq!(amount("￥1,299"), Some((1299.0, Some("CNY"))));
        assert_eq!(amount("八百块钱"), Some((800.0, Some("CNY"))));
        assert_eq!(amount("八百"), Some((800.0, None)));
        assert_eq!(amount("50欧元"), Some((50.0, Some("EUR"))));
        assert_eq!(amount("100美元"), Some((100.0, Some("USD"))));
        assert_eq!(amount("RMB 500"), Some((500.0, Some("CNY"))));
        assert_eq!(amount("便宜的"), None);
    }

    /// (text, [(amount, bound)]) with the currency checked apart.
    fn read(text: &str) -> Vec<(f64, Option<Bound>)> {
        prices(text).iter().map(|p| (p.amount, p.bound)).collect()
    }

    #[test]
    fn ceilings() {
        for (text, amount) in [
            ("300元以内的耳机", 300.0),
            ("有没有两百块以下的T恤", 200.0),
            ("预算不超过500", 500.0),
            ("不超过三百块的运动鞋", 300.0),
            ("手机壳，50元封顶", 50.0),
            ("最多八百块", 800.0),
            ("预算一千", 1000.0),
            ("预算在1千以内", 1000.0),
            ("三千五以内的笔记本", 3500.0),
            ("低于¥299的", 299.0),
            ("不要超过200", 200.0),
            ("别超过两百块", 200.0),
            ("不要三百块以上的", 300.0),
            ("不要黑色，两百以内", 200.0),
            ("不要黑色两百以内的", 200.0),
            ("价格控制在五百", 500.0),
            // 不错 refuses nothing.
            ("两百以内的不错", 200.0),
        ] {
            assert_eq!(read(text), vec![(amount, Some(Bound::Max))], "{text}");
        }
    }

    #[test]
    fn floors() {
        for (text, amount) in [
            ("500元以上的耳机", 500.0),
            ("两百起的包", 200.0),
            ("至少一千块", 1000.0),
            ("不低于300元的", 300.0),
            ("99元起", 99.0),
            ("不要两百以下的", 200.0),
            // A refusal after the cue turns it as one before does.
            ("三百以下的不要", 300.0),
            ("一百块以内的别推荐了", 100.0),
        ] {
            assert_eq!(read(text), vec![(amount, Some(Bound::Min))], "{text}");
        }
    }

    #[test]
    fn ranges_and_around() {
        assert_eq!(
            read("100到300元之间的耳机"),
            vec![(100.0, Some(Bound::Min)), (300.0, Some(Bound::Max))]
        );
        assert_eq!(
            read("一百到三百之间"),
            vec![(100.0, Some(Bound::Min)), (300.0, Some(Bound::Max))]
        );
        assert_eq!(
            read("200-400元的背包"),
            vec![(200.0, Some(Bound::Min)), (400.0, Some(Bound::Max))]
        );
        assert_eq!(
            read("价位在500至800"),
            vec![(500.0, Some(Bound::Min)), (800.0, Some(Bound::Max))]
        );
        assert_eq!(
            read("两百块左右的空气炸锅"),
            vec![(200.0, Some(Bound::Around))]
        );
        assert_eq!(read("大概300的"), vec![(300.0, Some(Bound::Around))]);
        assert_eq!(read("有没有300元的耳机"), vec![(300.0, None)]);
    }

    #[test]
    fn counts_sizes_and_models_are_no_prices() {
        for text in [
            "有42码的吗",
            "我要两件",
            "最多两件",
            "至少三天能到吗",
            "3到5天到货",
            "5000毫安以上的充电宝",
            "iPhone 15有货吗",
            "第二个多少钱",
            "一下",
            "hoodie under 50",
        ] {
            assert_eq!(read(text), vec![], "{text}");
        }
    }

    #[test]
    fn exclusions() {
        assert!(excludes_before("不要"));
        assert!(excludes_before("耳机，除了"));
        assert!(excludes_before("我不喜欢"));
        assert!(!excludes_before("不要黑色，要"));
        assert!(!excludes_before("有别的"));
        assert!(!excludes_before("有没有"));
        assert!(!excludes_before("是不是"));
        assert!(!excludes_before("要不要"));
    }

    #[test]
    fn currencies_and_spans() {
        let p = &prices("亲，¥299以内的耳机")[0];
        assert_eq!((p.currency, p.start, p.end), (Some("CNY"), 2, 6));
        let p = &prices("两百块以内")[0];
        assert_eq!((p.currency, p.start, p.end), (Some("CNY"), 0, 3));
        assert_eq!(prices("两百以内")[0].currency, None);
        assert_eq!(prices("50欧元以内的")[0].currency, Some("EUR"));
    }
}
