//! "Is it ok for a 5 year old?": a child's age asked about a product, answered from the
//! ages the catalogue states for it (`min_age`, `max_age`: an attribute, or "for ages 7+" /
//! "ages 3-6" in the description, `knowledge::extract`).

use crate::knowledge::{AttrValue, FactSource, Product};

use super::ctx::Ctx;
use super::slots::number_word as number;

/// The age in years a message asks about: "a 5 year old", "my ten-year-old", "a 3 yo",
/// "8 y/o", "aged 6", "age 12", "18 months old" (0). `None` when it names no child's age.
pub fn asked_age(text: &str) -> Option<u32> {
    asked_age_zh(text).or_else(|| asked_age_en(text))
}

/// "5岁的孩子", "三岁半的宝宝" (3): a number right before 岁.
fn asked_age_zh(text: &str) -> Option<u32> {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|&c| c == '岁')?;
    (0..at)
        .filter_map(|i| {
            crate::lexicon::zh::number_at(&chars[i..at]).filter(|(_, len)| i + len == at)
        })
        .map(|(n, _)| n.max(0.0) as u32)
        .next()
}

fn asked_age_en(text: &str) -> Option<u32> {
    let lower = text.to_lowercase().replace("y/o", " yo ");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let next = |k: usize| words.get(i + k).copied().unwrap_or("");
        // "5yo", "3yr"
        let (digits, suffix) = w.split_at(w.find(|c: char| !c.is_ascii_digit()).unwrap_or(w.len()));
        if !digits.is_empty() && matches!(suffix, "yo" | "yr" | "yrs") {
            return digits.parse().ok();
        }
        let Some(n) = number(w) else {
            if matches!(*w, "age" | "aged" | "ages") {
                if let Some(n) = number(next(1)) {
                    return Some(n);
                }
            }
            continue;
        };
        match (next(1), next(2)) {
            ("year" | "years" | "yr" | "yrs", "old") | ("yo", _) => return Some(n),
            ("month" | "months", "old") => return Some(n / 12),
            _ => {}
        }
    }
    None
}

/// The stated ages of `p`: (min, max, the words that state them).
fn stated_ages(ctx: &Ctx<'_>, p: &Product) -> Option<(Option<u32>, Option<u32>, String)> {
    let stated = |attr: &str| {
        let fact = ctx.graph.fact(p.id.as_str(), attr)?;
        let AttrValue::Number(n) = fact.value else {
            return None;
        };
        let evidence = match &fact.source {
            FactSource::Description { quote } => quote.clone(),
            FactSource::Attributes => String::new(),
        };
        Some((n.max(0.0) as u32, evidence))
    };
    let min = stated("min_age");
    let max = stated("max_age");
    if min.is_none() && max.is_none() {
        return None;
    }
    let evidence = min
        .as_ref()
        .or(max.as_ref())
        .map(|(_, e)| e.clone())
        .unwrap_or_default();
    Some((min.map(|m| m.0), max.map(|m| m.0), evidence))
}

/// The answer to an age question about `p`, when the message asks one and the catalogue
/// states the product's ages; `None` otherwise (the caller answers as for any question).
pub fn answer(ctx: &Ctx<'_>, p: &Product) -> Option<String> {
    let age = asked_age(&ctx.parse.text)?;
    let (min, max, evidence) = stated_ages(ctx, p)?;
    let ages = match (min, max) {
        (Some(lo), Some(hi)) => ctx.t(
            "ages_range",
            &[("min", lo.to_string()), ("max", hi.to_string())],
        ),
        (Some(lo), None) => ctx.t("ages_from", &[("min", lo.to_string())]),
        (None, Some(hi)) => ctx.t("ages_up_to", &[("max", hi.to_string())]),
        (None, None) => return None,
    };
    let key = if min.is_some_and(|lo| age < lo) {
        "age_too_young"
    } else if max.is_some_and(|hi| age > hi) {
        "age_too_old"
    } else {
        "age_fits"
    };
    let answer = ctx.t(
        key,
        &[
            ("name", ctx.name(p)),
            ("ages", ages),
            ("age", age.to_string()),
        ],
    );
    // In a language the shop has texts in, the catalogue's own sentence would be the
    // wrong language: the stated ages already say it.
    if evidence.is_empty() || ctx.graph.locale(&ctx.locale).is_some() {
        return Some(answer);
    }
    Some(ctx.t(
        "attr_with_evidence",
        &[("answer", answer), ("evidence", evidence)],
    ))
}

#[cfg(test)]
mod tests {
    use super::asked_age;

    #[test]
    fn ages_in_the_ways_shoppers_write_them() {
        assert_eq!(asked_age("is it ok for a 5 year old?"), Some(5));
        assert_eq!(asked_age("suitable for a five-year-old"), Some(5));
        assert_eq!(asked_age("my ten-year-old loves puzzles"), Some(10));
        assert_eq!(asked_age("for a 3 yo"), Some(3));
        assert_eq!(asked_age("for a 3yo"), Some(3));
        assert_eq!(asked_age("my 8 y/o"), Some(8));
        assert_eq!(asked_age("kids aged 6"), Some(6));
        assert_eq!(asked_age("an 18 month old"), Some(1));
        assert_eq!(asked_age("a 12-years-old boy"), Some(12));
        assert_eq!(asked_age("a 2 year warranty"), None);
        assert_eq!(asked_age("does it hold 5 litres"), None);
        assert_eq!(asked_age("size 42"), None);
        assert_eq!(asked_age("5岁的孩子能玩吗"), Some(5));
        assert_eq!(asked_age("适合十岁的小朋友吗"), Some(10));
        assert_eq!(asked_age("42码"), None);
    }
}
