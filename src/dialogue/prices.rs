//! Prices a shopper names, taken in the shop's currency (docs/languages.md, "Prices"):
//! an amount without a unit is in the shop's currency (the prices the shopper sees); one
//! in another currency (300元 in a shop that sells in euros) is converted at the rate the
//! shop configured (`recommend.currency_rates`), and the reply shows the converted amount;
//! with no rate for it, the amount is read in the shop's currency and the reply says so.
//!
//! Only the Chinese reading names currencies here (元, 块, ¥, 人民币, 美元 …): English
//! amounts keep their reading as written ("$60" in a euro shop is 60 of the shop's money,
//! as before).

use std::collections::BTreeMap;

use crate::knowledge::Graph;
use crate::lexicon::zh::{self, Bound, AROUND_BAND};
use crate::types::{Parse, SlotKind};

/// How the amounts of a turn are taken: the shop's currency and the configured rates.
#[derive(Debug, Clone, Default)]
pub struct PriceRule {
    /// The currency the catalogue sells in (ISO 4217); `None`: amounts are taken as
    /// written.
    pub shop_currency: Option<String>,
    /// One unit of each currency in the shop's currency.
    pub rates: BTreeMap<String, f64>,
}

impl PriceRule {
    /// The shop's currency is the one most of its products are priced in.
    pub fn of(graph: &Graph, rates: &BTreeMap<String, f64>) -> Self {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for p in graph.products() {
            *counts.entry(p.currency.as_str()).or_default() += 1;
        }
        let shop_currency = counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(c, _)| c.to_ascii_uppercase());
        PriceRule {
            shop_currency,
            rates: rates.clone(),
        }
    }
}

/// How an amount in another currency was taken, for the reply to say.
#[derive(Debug, Clone, PartialEq)]
pub enum Taken {
    /// Converted at the configured rate.
    Converted,
    /// No rate for the currency: read as the same number in the shop's currency.
    Assumed,
}

/// An amount of this turn named in another currency than the shop's.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceNote {
    /// The words as the shopper wrote them ("300元").
    pub asked: String,
    /// The amount in the shop's currency.
    pub amount: f64,
    pub shop_currency: String,
    pub taken: Taken,
}

/// One end of the budget a turn states, in the shop's currency.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetEnd {
    /// [`SlotKind::PriceMin`] or [`SlotKind::PriceMax`].
    pub slot: SlotKind,
    /// The amount as the price slot keeps it ("38.4").
    pub value: String,
}

/// The budget this turn's words state, when they are Chinese: every end, in the shop's
/// currency, and a note for each amount named in another currency. `None` for a message
/// without a Chinese price: the NLU's price slots stand (their Chinese amounts converted
/// by [`convert_slot`]).
pub fn read_zh(parse: &Parse, rule: &PriceRule) -> Option<(Vec<BudgetEnd>, Vec<PriceNote>)> {
    let found = zh::prices(&parse.text);
    if found.is_empty() {
        return None;
    }
    let chars: Vec<char> = parse.text.chars().collect();
    let mut ends = Vec::new();
    let mut notes = Vec::new();
    for p in &found {
        let asked: String = chars[p.start..p.end].iter().collect();
        let (amount, note) = convert(p.amount, p.currency, &asked, rule);
        notes.extend(note);
        // A price with a unit and no cue: the NLU's label for it, if it tagged it.
        let bound = p.bound.unwrap_or_else(|| {
            let tagged = parse.slots.iter().find(|s| {
                s.kind().is_some_and(SlotKind::is_price) && s.start < p.end && p.start < s.end
            });
            match tagged.and_then(|s| s.kind()) {
                Some(SlotKind::PriceMin) => Bound::Min,
                _ => Bound::Max,
            }
        });
        let mut end = |slot: SlotKind, amount: f64| {
            ends.retain(|e: &BudgetEnd| e.slot != slot);
            ends.push(BudgetEnd {
                slot,
                value: number(amount),
            });
        };
        match bound {
            Bound::Max => end(SlotKind::PriceMax, amount),
            Bound::Min => end(SlotKind::PriceMin, amount),
            Bound::Around => {
                end(SlotKind::PriceMin, amount * (1.0 - AROUND_BAND));
                end(SlotKind::PriceMax, amount * (1.0 + AROUND_BAND));
            }
        }
    }
    Some((ends, notes))
}

/// A price slot's value in the shop's currency: "两百块" → "200" in a yuan shop, "25.6" at
/// a rate of 0.128. English values are kept as written.
pub fn convert_slot(value: &str, rule: &PriceRule) -> (String, Option<PriceNote>) {
    if !zh::has_han(value) {
        return (value.to_string(), None);
    }
    match zh::amount(value) {
        Some((amount, currency)) => {
            let (amount, note) = convert(amount, currency, value, rule);
            (number(amount), note)
        }
        None => (value.to_string(), None),
    }
}

fn convert(
    amount: f64,
    currency: Option<&str>,
    asked: &str,
    rule: &PriceRule,
) -> (f64, Option<PriceNote>) {
    let (Some(named), Some(shop)) = (currency, rule.shop_currency.as_deref()) else {
        return (amount, None);
    };
    if named.eq_ignore_ascii_case(shop) {
        return (amount, None);
    }
    let (amount, taken) = match rule.rates.get(named) {
        Some(rate) => (amount * rate, Taken::Converted),
        None => (amount, Taken::Assumed),
    };
    let note = PriceNote {
        asked: asked.to_string(),
        amount,
        shop_currency: shop.to_string(),
        taken,
    };
    (amount, Some(note))
}

/// An amount as a price slot holds it: whole or to the cent.
fn number(amount: f64) -> String {
    let cents = (amount * 100.0).round() / 100.0;
    if cents.fract() == 0.0 {
        format!("{cents:.0}")
    } else {
        format!("{cents:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Sentiment, Slot};

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

    fn rule(shop: &str, rates: &[(&str, f64)]) -> PriceRule {
        PriceRule {
            shop_currency: Some(shop.into()),
            rates: rates.iter().map(|(c, r)| (c.to_string(), *r)).collect(),
        }
    }

    fn ends(text: &str, rule: &PriceRule) -> Vec<(&'static str, String)> {
        let (ends, _) = read_zh(&parse(text, &[]), rule).expect("a Chinese price");
        ends.into_iter()
            .map(|e| (e.slot.as_str(), e.value))
            .collect()
    }

    #[test]
    fn a_yuan_shop_takes_yuan_as_written() {
        let cny = rule("CNY", &[]);
        assert_eq!(ends("300元以内的耳机", &cny), [("price_max", "300".into())]);
        assert_eq!(ends("两百起", &cny), [("price_min", "200".into())]);
        assert_eq!(
            ends("100到300元之间", &cny),
            [("price_min", "100".into()), ("price_max", "300".into())]
        );
        assert_eq!(
            ends("两百块左右", &cny),
            [("price_min", "160".into()), ("price_max", "240".into())]
        );
        let (_, notes) = read_zh(&parse("300元以内", &[]), &cny).unwrap();
        assert!(notes.is_empty());
    }

    #[test]
    fn another_shop_converts_at_its_rate_and_says_so() {
        let eur = rule("EUR", &[("CNY", 0.125)]);
        let (ends, notes) = read_zh(&parse("300元以内的耳机", &[]), &eur).unwrap();
        assert_eq!(ends[0].value, "37.50");
        assert_eq!(notes[0].taken, Taken::Converted);
        assert_eq!(notes[0].asked, "300元");
        // No unit: the shop's own currency, nothing to say.
        let (ends, notes) = read_zh(&parse("两百以内", &[]), &eur).unwrap();
        assert_eq!(ends[0].value, "200");
        assert!(notes.is_empty());
    }

    #[test]
    fn without_a_rate_the_amount_is_assumed_and_said() {
        let eur = rule("EUR", &[]);
        let (ends, notes) = read_zh(&parse("¥299以内", &[]), &eur).unwrap();
        assert_eq!(ends[0].value, "299");
        assert_eq!(notes[0].taken, Taken::Assumed);
        assert_eq!(notes[0].shop_currency, "EUR");
    }

    #[test]
    fn slots_of_the_nlu_and_english_words() {
        let eur = rule("EUR", &[("CNY", 0.125)]);
        assert_eq!(convert_slot("两百块", &eur).0, "25");
        assert_eq!(convert_slot("八百", &eur).0, "800");
        assert_eq!(convert_slot("$60", &eur), ("$60".into(), None));
        assert!(read_zh(&parse("black hoodie under $60", &[]), &eur).is_none());
        // A unit without a cue takes the NLU's label.
        let p = parse("有没有300元的耳机", &[("price_min", "300元")]);
        let (ends, _) = read_zh(&p, &rule("CNY", &[])).unwrap();
        assert_eq!(ends[0].slot, SlotKind::PriceMin);
    }
}
