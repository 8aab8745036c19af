//! Facts stated only in descriptions ("waterproof to 50 m", "up to 30 hours of battery",
//! "100% merino wool") become has-attribute facts with a normalised value and unit.
//!
//! Rules are hand-written patterns: descriptions are the shop's own prose, and a wrong fact
//! in an answer costs more than a missing one, so each rule is narrow.

use regex::Regex;
use std::sync::OnceLock;

use super::schema::{AttrValue, Fact, FactSource};

struct Rule {
    attribute: &'static str,
    unit: Option<&'static str>,
    re: Regex,
    /// Turns the captures into the value in `unit`.
    value: fn(&regex::Captures) -> Option<AttrValue>,
}

fn num(c: &regex::Captures, i: usize) -> Option<f64> {
    c.get(i)?.as_str().replace(',', ".").parse().ok()
}

fn lower(c: &regex::Captures, i: usize) -> String {
    c.get(i)
        .map(|m| m.as_str().to_lowercase())
        .unwrap_or_default()
}

/// Capture 1 a number, capture 2 its unit ("ml", "l", "litre"…), in millilitres.
fn millilitres(c: &regex::Captures) -> Option<AttrValue> {
    let n = num(c, 1)?;
    Some(AttrValue::Number(if lower(c, 2) == "ml" {
        n
    } else {
        n * 1000.0
    }))
}

const MATERIALS: &str = "natural rubber|carbon steel|memory foam|polycarbonate|silicone|suede|cork|sisal|organic cotton|recycled polyester|merino wool|cashmere|cotton|wool|linen|silk|polyester|nylon|recycled nylon|elastane|bamboo|full-grain leather|leather|down|stainless steel|aluminium|aluminum|titanium|cast iron|borosilicate glass|ceramic|beech wood|oak";

fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let r = |p: &str| Regex::new(p).expect("extraction pattern compiles");
        vec![
            Rule {
                attribute: "water_resistance_m",
                unit: Some("m"),
                re: r(r"(?i)\b(?:waterproof|water[- ]resistant)\s+(?:to|up to|down to)\s+(\d+)\s*(?:m|metres|meters)\b"),
                value: |c| num(c, 1).map(AttrValue::Number),
            },
            Rule {
                attribute: "water_resistance_m",
                unit: Some("m"),
                re: r(r"(?i)\b(\d+)\s*ATM\b"),
                value: |c| num(c, 1).map(|n| AttrValue::Number(n * 10.0)),
            },
            Rule {
                attribute: "ip_rating",
                unit: None,
                re: r(r"\b(IP[X0-9][0-9])\b"),
                value: |c| Some(AttrValue::Text(c[1].to_string())),
            },
            Rule {
                attribute: "battery_life_h",
                unit: Some("h"),
                re: r(r"(?i)\b(\d+(?:\.\d+)?)[\s-]*(hours?|hrs?|days?)\s+(?:of\s+)?(?:battery|playback|playtime|listening|runtime|run time)\b"),
                value: |c| {
                    let n = num(c, 1)?;
                    Some(AttrValue::Number(if lower(c, 2).starts_with('d') { n * 24.0 } else { n }))
                },
            },
            Rule {
                attribute: "battery_life_h",
                unit: Some("h"),
                re: r(r"(?i)\bbattery(?:\s+life)?\s+(?:of\s+|lasts\s+|runs\s+)?(?:up\s+to\s+|about\s+|around\s+)?(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|days?)\b"),
                value: |c| {
                    let n = num(c, 1)?;
                    Some(AttrValue::Number(if lower(c, 2).starts_with('d') { n * 24.0 } else { n }))
                },
            },
            Rule {
                attribute: "material",
                unit: None,
                re: r(&format!(r"(?i)\b(?:100|[5-9]\d)\s*%\s*({MATERIALS})\b")),
                value: |c| Some(AttrValue::Text(lower(c, 1))),
            },
            Rule {
                attribute: "material",
                unit: None,
                re: r(&format!(r"(?i)\b(?:made (?:of|from)|crafted from|cut from)\s+(?:solid\s+)?({MATERIALS})\b")),
                value: |c| Some(AttrValue::Text(lower(c, 1))),
            },
            Rule {
                attribute: "material",
                unit: None,
                re: r(&format!(r"(?i)\b(?:an?|the)\s+({MATERIALS})\s+(?:upper|outer|shell|body)\b")),
                value: |c| Some(AttrValue::Text(lower(c, 1))),
            },
            Rule {
                attribute: "weight_g",
                unit: Some("g"),
                re: r(r"(?i)\b(?:weighs|weighing|weight of)\s+(?:just\s+|only\s+|about\s+)?(\d+(?:[.,]\d+)?)\s*(kg|g|grams)\b"),
                value: |c| {
                    let n = num(c, 1)?;
                    Some(AttrValue::Number(if lower(c, 2) == "kg" { n * 1000.0 } else { n }))
                },
            },
            Rule {
                attribute: "capacity_ml",
                unit: Some("ml"),
                re: r(r"(?i)\b(\d+(?:[.,]\d+)?)[\s-]*(ml|l|litres?|liters?)\b(?:\s+(?:capacity|jug|tank|bottle|bowl|kettle|reservoir|pot|flask|water tank|basket))"),
                value: millilitres,
            },
            // A volume standing alone at the end of a clause ("in a silicone sleeve,
            // 600 ml."): what the product holds, for drinkware, bottles, tubes and jars.
            Rule {
                attribute: "capacity_ml",
                unit: Some("ml"),
                re: r(r"(?i)\b(\d+(?:[.,]\d+)?)[\s-]*(ml|l|litres?|liters?)\s*(?:[.;)]|,\s|$)"),
                value: millilitres,
            },
            Rule {
                attribute: "storage_gb",
                unit: Some("GB"),
                re: r(r"\b(\d+)\s*(GB|TB)\s+(?:of\s+)?(?:storage|SSD|NVMe SSD|internal storage|flash storage)\b"),
                value: |c| {
                    let n = num(c, 1)?;
                    Some(AttrValue::Number(if &c[2] == "TB" { n * 1000.0 } else { n }))
                },
            },
            Rule {
                attribute: "ram_gb",
                unit: Some("GB"),
                re: r(r"\b(\d+)\s*GB\s+(?:of\s+)?(?:RAM|memory|unified memory|LPDDR5X?|DDR[45])\b"),
                value: |c| num(c, 1).map(AttrValue::Number),
            },
            Rule {
                attribute: "screen_in",
                unit: Some("in"),
                re: r(r#"(?i)\b(\d+(?:\.\d+)?)(?:-inch|\s+inch|"|″)"#),
                value: |c| num(c, 1).map(AttrValue::Number),
            },
            Rule {
                attribute: "gps",
                unit: None,
                re: r(r"(?i)\b(built-in|with|onboard|integrated|dual-band|multi-band)\s+GPS\b"),
                value: |_| Some(AttrValue::Bool(true)),
            },
            Rule {
                attribute: "gps",
                unit: None,
                re: r(r"(?i)\b(?:no|without)\s+(?:built-in\s+)?GPS\b"),
                value: |_| Some(AttrValue::Bool(false)),
            },
            Rule {
                attribute: "noise_cancelling",
                unit: None,
                re: r(r"(?i)\bactive noise[- ]cancell?(?:ing|ation)\b"),
                value: |_| Some(AttrValue::Bool(true)),
            },
            Rule {
                attribute: "bluetooth_version",
                unit: None,
                re: r(r"(?i)\bBluetooth\s+(\d\.\d)\b"),
                value: |c| num(c, 1).map(AttrValue::Number),
            },
            Rule {
                attribute: "power_w",
                unit: Some("W"),
                re: r(r"\b(\d+(?:\.\d+)?)\s?W\b"),
                value: |c| num(c, 1).map(AttrValue::Number),
            },
            Rule {
                attribute: "pages",
                unit: None,
                re: r(r"(?i)\b(\d+)\s+pages\b"),
                value: |c| num(c, 1).map(AttrValue::Number),
            },
            Rule {
                attribute: "warranty_years",
                unit: Some("years"),
                re: r(r"(?i)\b(\d+)[\s-]*year\s+(?:manufacturer'?s?\s+)?warranty\b"),
                value: |c| num(c, 1).map(AttrValue::Number),
            },
            Rule {
                attribute: "spf",
                unit: None,
                re: r(r"\bSPF\s*(\d+)\b"),
                value: |c| num(c, 1).map(AttrValue::Number),
            },
            // "ages 3-6", "ages 3 to 6": both ends (before the open-ended rule, which
            // would not match a range anyway).
            Rule {
                attribute: "min_age",
                unit: Some("years"),
                re: r(r"(?i)\b(?:for\s+)?ages\s+(\d+)\s*(?:-|–|to)\s*\d+\b"),
                value: |c| num(c, 1).map(AttrValue::Number),
            },
            Rule {
                attribute: "max_age",
                unit: Some("years"),
                re: r(r"(?i)\b(?:for\s+)?ages\s+\d+\s*(?:-|–|to)\s*(\d+)\b"),
                value: |c| num(c, 1).map(AttrValue::Number),
            },
            Rule {
                attribute: "min_age",
                unit: Some("years"),
                re: r(r"(?i)\b(?:for\s+)?ages\s+(\d+)\s*(?:\+|and up|and over)"),
                value: |c| num(c, 1).map(AttrValue::Number),
            },
        ]
    })
}

/// Every fact the description states, first statement of each attribute wins.
pub fn extract_facts(description: &str) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    for rule in rules() {
        if out.iter().any(|f| f.attribute == rule.attribute) {
            continue;
        }
        if let Some(c) = rule.re.captures(description) {
            if let Some(value) = (rule.value)(&c) {
                out.push(Fact {
                    attribute: rule.attribute.to_string(),
                    value,
                    unit: rule.unit.map(str::to_string),
                    source: FactSource::Description {
                        quote: sentence_around(description, c.get(0).expect("match").start()),
                    },
                });
            }
        }
    }
    out
}

/// The sentence that contains byte offset `at`: what a reply quotes as evidence.
fn sentence_around(text: &str, at: usize) -> String {
    // A sentence ends at ". " (not at the dot of "1.3-inch").
    let start = text[..at]
        .rfind(". ")
        .or_else(|| text[..at].rfind("; "))
        .map(|i| i + 2)
        .unwrap_or(0);
    let end = text[at..]
        .find(". ")
        .map(|i| at + i + 1)
        .unwrap_or(text.len());
    text[start..end].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(facts: &[Fact], a: &str) -> Option<AttrValue> {
        facts
            .iter()
            .find(|f| f.attribute == a)
            .map(|f| f.value.clone())
    }

    #[test]
    fn normalises_units() {
        let f =
            extract_facts("Water-resistant to 50 m. Up to 7 days of battery life. Weighs 1.2 kg.");
        assert_eq!(get(&f, "water_resistance_m"), Some(AttrValue::Number(50.0)));
        assert_eq!(get(&f, "battery_life_h"), Some(AttrValue::Number(168.0)));
        assert_eq!(get(&f, "weight_g"), Some(AttrValue::Number(1200.0)));
        let f = extract_facts("A 1.7-litre kettle in 100% stainless steel, rated 5 ATM.");
        assert_eq!(get(&f, "capacity_ml"), Some(AttrValue::Number(1700.0)));
        assert_eq!(
            get(&f, "material"),
            Some(AttrValue::Text("stainless steel".into()))
        );
        assert_eq!(get(&f, "water_resistance_m"), Some(AttrValue::Number(50.0)));
    }

    #[test]
    fn a_volume_standing_alone_is_a_capacity() {
        let f = extract_facts("Borosilicate glass in a silicone sleeve, 600 ml.");
        assert_eq!(get(&f, "capacity_ml"), Some(AttrValue::Number(600.0)));
        let f = extract_facts("Six-cup stovetop moka pot made of aluminium, 300 ml; for gas hobs.");
        assert_eq!(get(&f, "capacity_ml"), Some(AttrValue::Number(300.0)));
        let f = extract_facts("A roomy 1.5 l");
        assert_eq!(get(&f, "capacity_ml"), Some(AttrValue::Number(1500.0)));
        assert_eq!(
            get(
                &extract_facts("Add 200 ml of water to the mix and stir"),
                "capacity_ml"
            ),
            None
        );
        assert_eq!(
            get(
                &extract_facts("Ripstop kite with a 1.2 m wingspan."),
                "capacity_ml"
            ),
            None
        );
    }

    #[test]
    fn ages_open_ended_and_ranges() {
        let f = extract_facts("Chunky pieces; for ages 3 and up.");
        assert_eq!(get(&f, "min_age"), Some(AttrValue::Number(3.0)));
        assert_eq!(get(&f, "max_age"), None);
        let f = extract_facts("A first board game for ages 4-7, about ten minutes a round.");
        assert_eq!(get(&f, "min_age"), Some(AttrValue::Number(4.0)));
        assert_eq!(get(&f, "max_age"), Some(AttrValue::Number(7.0)));
        let f = extract_facts("Made for ages 6 to 10.");
        assert_eq!(get(&f, "max_age"), Some(AttrValue::Number(10.0)));
        assert_eq!(get(&f, "min_age"), Some(AttrValue::Number(6.0)));
        assert!(extract_facts("Lasts for ages.").is_empty());
    }

    #[test]
    fn negation_and_quote() {
        let f = extract_facts(
            "Slim band. It has no GPS, so pair it with your phone. 10 days of battery.",
        );
        assert_eq!(get(&f, "gps"), Some(AttrValue::Bool(false)));
        let q = f.iter().find(|f| f.attribute == "gps").unwrap();
        assert_eq!(
            q.source,
            FactSource::Description {
                quote: "It has no GPS, so pair it with your phone.".into()
            }
        );
    }
}

/// How well [`extract_facts`] finds the facts a person marked in descriptions.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ExtractionScore {
    pub products: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    /// Each miss or wrong fact: `product: attribute = value (expected …)`.
    pub mistakes: Vec<String>,
}

/// One line of the label file: the facts a description states, by attribute id.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    product: String,
    facts: std::collections::BTreeMap<String, AttrValue>,
}

/// Scores extraction on labelled products (JSON lines `{"product": id, "facts": {…}}`).
pub fn score_extraction(
    products: &[super::schema::Product],
    labels_jsonl: &str,
) -> Result<ExtractionScore, String> {
    let by_id: std::collections::HashMap<&str, &super::schema::Product> =
        products.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut s = ExtractionScore::default();
    for (n, line) in labels_jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let label: Label =
            serde_json::from_str(line).map_err(|e| format!("labels line {}: {e}", n + 1))?;
        let p = by_id
            .get(label.product.as_str())
            .ok_or_else(|| format!("labels line {}: unknown product {:?}", n + 1, label.product))?;
        s.products += 1;
        let got = extract_facts(&p.description);
        for f in &got {
            match label.facts.get(&f.attribute) {
                Some(v) if v.key() == f.value.key() => s.true_positives += 1,
                Some(v) => {
                    s.false_positives += 1;
                    s.mistakes.push(format!(
                        "{}: {} = {} (expected {v})",
                        p.id, f.attribute, f.value
                    ));
                }
                None => {
                    s.false_positives += 1;
                    s.mistakes.push(format!(
                        "{}: {} = {} (not stated)",
                        p.id, f.attribute, f.value
                    ));
                }
            }
        }
        for (a, v) in &label.facts {
            if !got
                .iter()
                .any(|f| &f.attribute == a && f.value.key() == v.key())
            {
                s.false_negatives += 1;
                if got.iter().all(|f| &f.attribute != a) {
                    s.mistakes.push(format!("{}: {a} = {v} missed", p.id));
                }
            }
        }
    }
    let tp = s.true_positives as f64;
    s.precision = if tp + s.false_positives as f64 > 0.0 {
        tp / (tp + s.false_positives as f64)
    } else {
        0.0
    };
    s.recall = if tp + s.false_negatives as f64 > 0.0 {
        tp / (tp + s.false_negatives as f64)
    } else {
        0.0
    };
    Ok(s)
}
