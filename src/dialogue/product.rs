//! Questions about products: what one is, whether it has a feature, its price and stock,
//! two side by side, and which of a list the words pick.

use crate::knowledge::{size_in_name, Answer, AttrValue, Product, Verdict};
use crate::types::SlotKind;

use super::ctx::{Ctx, Picked};
use super::outcome::Outcome;
use super::slots::Pick;

/// "Which is the cheapest?", "the best rated one?": the product of the last list the
/// words pick, with what picks it.
pub fn pick_from_list(ctx: &mut Ctx<'_>) -> Option<Outcome> {
    let Some(Picked {
        pick,
        product: p,
        fact,
    }) = ctx.picked_from_last_list()
    else {
        // "Which one holds the most?" when fewer than two of the list state it: what each
        // one states, rather than a pick or another list.
        let Some(Pick::Extreme(sup)) = super::slots::parse_pick(&ctx.parse.text) else {
            return None;
        };
        return sup.attributes.iter().find_map(|a| each_shown(ctx, a, None));
    };
    ctx.focus_on(&p.id);
    ctx.tracker.failures = 0;
    let (key, superlative) = match pick {
        Pick::Cheapest => ("pick_cheapest", ""),
        Pick::Dearest => ("pick_dearest", ""),
        Pick::BestRated => ("pick_best_rated", ""),
        Pick::Extreme(sup) => ("pick_extreme", sup.said),
    };
    let value = fact
        .map(|f| {
            let unit = f.unit.map(|u| format!(" {u}")).unwrap_or_default();
            format!("{}{unit}", f.value)
        })
        .unwrap_or_default();
    let text = ctx.t(
        key,
        &[
            ("superlative", superlative.to_string()),
            ("value", value),
            ("name", ctx.name(&p)),
            ("price", ctx.price(p.price, &p.currency)),
            (
                "rating",
                p.rating.map(|r| format!("{r:.1}")).unwrap_or_default(),
            ),
            ("reviews", p.review_count.to_string()),
        ],
    );
    let card = ctx.card(&p, None);
    Some(Outcome::say("pick_from_list", text).with_products(vec![card]))
}

/// "will it fit three people?" of a tent that sleeps 2: a count said right before the
/// feature asked about is held against the number the product states for it, so the
/// answer is no, not "yes, it has a number".
fn against_count_asked(text: &str, feature: &str, mut a: Answer) -> Answer {
    let Some(AttrValue::Number(holds)) = a.value else {
        return a;
    };
    let lower = text.to_lowercase();
    let Some(at) = lower.find(&feature.to_lowercase()) else {
        return a;
    };
    let asked = lower[..at]
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .and_then(super::slots::number_word);
    if let Some(asked) = asked {
        a.verdict = if f64::from(asked) <= holds {
            Verdict::Yes
        } else {
            Verdict::No
        };
    }
    a
}

pub(super) fn need_product(ctx: &mut Ctx<'_>, action: &'static str) -> Outcome {
    ctx.tracker.failures += 1;
    if let Some(name) = ctx.slot(SlotKind::Product) {
        let text = ctx.t("product_not_found", &[("name", name.to_string())]);
        return Outcome::say(action, text);
    }
    Outcome::say(action, ctx.t("which_product", &[]))
}

pub fn product_info(ctx: &mut Ctx<'_>) -> Outcome {
    let Some(p) = ctx.referenced_products().into_iter().next() else {
        // "how long does the battery last?" with a list on screen: for each of them.
        if let Some(out) = answer_for_each_shown(ctx) {
            return out;
        }
        return need_product(ctx, "product_info");
    };
    ctx.focus_on(&p.id);
    ctx.tracker.failures = 0;
    let card = ctx.card(&p, None);
    if let Some(text) = super::age::answer(ctx, &p) {
        return Outcome::say("product_info", text).with_products(vec![card]);
    }
    let feature = ctx
        .slot(SlotKind::Feature)
        .map(str::to_string)
        .or_else(|| attribute_in_text(ctx, &p))
        .or_else(|| open_question(ctx));
    let Some(feature) = feature else {
        let text = ctx.t(
            "product_describe",
            &[
                ("name", ctx.name(&p)),
                ("brand", ctx.brand_name(&p)),
                ("price", ctx.price(p.price, &p.currency)),
                (
                    "description",
                    ctx.graph.product_description(&p, &ctx.locale).to_string(),
                ),
            ],
        );
        return Outcome::say("product_info", text).with_products(vec![card]);
    };
    let answer = ctx
        .graph
        .attribute_answer(p.id.as_str(), &feature)
        .map(|a| against_count_asked(&ctx.parse.text, &feature, a));
    let text = match answer {
        Some(a) if a.verdict != Verdict::Unknown => {
            let fact = evidence(ctx, &p, &a);
            let key = if a.verdict == Verdict::Yes {
                "attr_yes"
            } else {
                "attr_no"
            };
            let value = a
                .value
                .as_ref()
                .map(|v| with_unit(ctx, v, a.unit.as_deref()))
                .unwrap_or_default();
            let answer = ctx.t(
                key,
                &[
                    ("name", ctx.name(&p)),
                    (
                        "fact",
                        ctx.t("attr_fact", &[("feature", feature), ("value", value)]),
                    ),
                ],
            );
            ctx.t(
                "attr_with_evidence",
                &[("answer", answer), ("evidence", fact)],
            )
        }
        _ => ctx.t(
            "attr_unknown",
            &[("name", ctx.name(&p)), ("attribute", feature)],
        ),
    };
    Outcome::say("product_info", text).with_products(vec![card])
}

pub fn compare(ctx: &mut Ctx<'_>) -> Outcome {
    let mut products = ctx.referenced_products();
    // "which of these have noise cancelling?": the attribute asked, for each one shown,
    // rather than every difference between the first two.
    if products.is_empty() {
        if let Some(out) = answer_for_each_shown(ctx) {
            return out;
        }
    }
    if products.len() < 2 {
        // "compare them": the first two of the last list.
        let graph = ctx.graph.clone();
        for id in ctx.tracker.last_products.iter().take(2) {
            if let Some(p) = graph.product(id.as_str()) {
                if !products.iter().any(|x| x.id == p.id) {
                    products.push(p.clone());
                }
            }
        }
    }
    if products.len() < 2 {
        return Outcome::say("compare_products", ctx.t("compare_need_two", &[]));
    }
    let (a, b) = (&products[0], &products[1]);
    let rows = super::compare_rows::rows(ctx, a, b);
    let intro = ctx.t("compare_intro", &[("a", ctx.name(a)), ("b", ctx.name(b))]);
    let cards = vec![ctx.card(a, None), ctx.card(b, None)];
    ctx.tracker.show(&[a.id.clone(), b.id.clone()]);
    ctx.tracker.failures = 0;
    Outcome::say("compare_products", format!("{intro}\n{}", rows.join("\n"))).with_products(cards)
}

pub fn check_price(ctx: &mut Ctx<'_>) -> Outcome {
    let Some(p) = ctx.referenced_products().into_iter().next() else {
        return need_product(ctx, "check_price");
    };
    ctx.focus_on(&p.id);
    ctx.tracker.failures = 0;
    let text = ctx.t(
        "price_is",
        &[
            ("name", ctx.name(&p)),
            ("price", ctx.price(p.price, &p.currency)),
        ],
    );
    let card = ctx.card(&p, None);
    Outcome::say("check_price", text).with_products(vec![card])
}

/// A variant in the reply's language: "black, size 42".
pub(super) fn variant_words(ctx: &Ctx<'_>, size: Option<&str>, colour: Option<&str>) -> String {
    let size_words = |s: &str| ctx.t("variant_size", &[("size", s.to_string())]);
    match (size, colour) {
        (Some(s), Some(c)) => ctx.t(
            "variant_colour_size",
            &[("colour", c.to_string()), ("size", size_words(s))],
        ),
        (Some(s), None) => size_words(s),
        (None, Some(c)) => c.to_string(),
        (None, None) => String::new(),
    }
}

pub fn check_stock(ctx: &mut Ctx<'_>) -> Outcome {
    let Some(p) = ctx.referenced_products().into_iter().next() else {
        // "do you have hiking boots in size uk 8" asks about a category, not one product:
        // the answer is what is in stock in it, which is the search (the recommender lists
        // only products with a matching variant in stock).
        let asks_category = ctx.parse.slot(SlotKind::Product).is_none()
            && (ctx.parse.slot(SlotKind::ProductType).is_some()
                || ctx.parse.slot(SlotKind::Brand).is_some());
        if asks_category {
            return super::search::search(ctx);
        }
        return need_product(ctx, "check_stock");
    };
    ctx.focus_on(&p.id);
    ctx.tracker.failures = 0;
    let card = ctx.card(&p, None);
    let colour = ctx.slot(SlotKind::Color).filter(|c| is_a_wish(&p, c));
    // "the trailhawk 2 42 mm … in 42mm": a size the product's name already states.
    let size = ctx
        .slot(SlotKind::Size)
        .filter(|s| !names_size(&p, s) && is_a_wish(&p, s));
    if size.is_none() && colour.is_none() {
        // "in my size", "in my colour": the answer depends on a detail not given yet.
        if let Some(slot) = crate::lexicon::my_detail(&ctx.parse.text) {
            if let Some(out) = ask_variant_detail(ctx, &p, slot, "check_stock") {
                return out.with_products(vec![card]);
            }
        }
        // "several of them, do you have enough?": how many decides the answer.
        if let Some(out) = enough_for(ctx, &p) {
            return out.with_products(vec![card]);
        }
        let key = if p.in_stock() {
            "stock_yes"
        } else {
            "stock_no"
        };
        let text = ctx.t(key, &[("name", ctx.name(&p))]);
        return Outcome::say("check_stock", text).with_products(vec![card]);
    }
    let variant = variant_words(ctx, size, colour);
    let text = if p.variants_in_stock(size, colour).next().is_some() {
        ctx.t(
            "stock_variant_yes",
            &[("name", ctx.name(&p)), ("variant", variant)],
        )
    } else {
        let available: Vec<String> = p
            .variants_in_stock(None, None)
            .map(|v| variant_words(ctx, v.size.as_deref(), v.colour.as_deref()))
            .collect();
        if available.is_empty() {
            ctx.t(
                "stock_variant_none",
                &[("name", ctx.name(&p)), ("variant", variant)],
            )
        } else {
            ctx.t(
                "stock_variant_no",
                &[
                    ("name", ctx.name(&p)),
                    ("variant", variant),
                    ("available", available.join("; ")),
                ],
            )
        }
    };
    Outcome::say("check_stock", text).with_products(vec![card])
}

/// Whether the stock covers how many the shopper wants: asks how many when the words want
/// several without a number, and answers against the stock when a number is given. `None`
/// when the question is not about a quantity.
fn enough_for(ctx: &mut Ctx<'_>, p: &Product) -> Option<Outcome> {
    let stock = p.total_stock();
    let wanted = ctx
        .slot(SlotKind::Quantity)
        .and_then(super::slots::parse_quantity)
        .filter(|n| *n > 1);
    match wanted {
        Some(n) => {
            let key = if stock >= n {
                "stock_enough"
            } else {
                "stock_not_enough"
            };
            let text = ctx.t(
                key,
                &[
                    ("name", ctx.name(p)),
                    ("count", n.to_string()),
                    ("stock", stock.to_string()),
                ],
            );
            Some(Outcome::say("check_stock", text))
        }
        None if crate::lexicon::vague_quantity(&ctx.parse.text) && stock > 1 => {
            ctx.tracker.pending = Some(super::tracker::Pending::AskSlot {
                slot: SlotKind::Quantity,
                then: "check_stock".into(),
            });
            let quick = [2, 5, 10, 20]
                .into_iter()
                .filter(|n| *n <= stock)
                .map(|n| {
                    let count = n.to_string();
                    super::outcome::plain_quick(
                        &count,
                        super::outcome::intent_payload("check_stock", &[("quantity", &count)]),
                    )
                })
                .collect();
            let text = ctx.t("ask_how_many", &[("name", ctx.name(p))]);
            Some(Outcome::say("ask_quantity", text).with_quick_replies(quick))
        }
        None => None,
    }
}

/// Asks which size (or colour) the shopper means, with the ones in stock as buttons;
/// `None` when the product comes in one only.
pub(super) fn ask_variant_detail(
    ctx: &mut Ctx<'_>,
    p: &Product,
    slot: SlotKind,
    then: &'static str,
) -> Option<Outcome> {
    let mut options: Vec<String> = Vec::new();
    for v in p.variants_in_stock(None, None) {
        let value = if slot == SlotKind::Size {
            &v.size
        } else {
            &v.colour
        };
        if let Some(value) = value {
            if !options.contains(value) {
                options.push(value.clone());
            }
        }
    }
    if options.len() < 2 {
        return None;
    }
    if slot == SlotKind::Size {
        options.sort_by(|a, b| crate::knowledge::compare_sizes(a, b));
    }
    ctx.tracker.pending = Some(super::tracker::Pending::AskSlot {
        slot,
        then: then.into(),
    });
    let quick = options
        .iter()
        .take(12)
        .map(|o| {
            super::outcome::plain_quick(
                o,
                super::outcome::intent_payload(then, &[(slot.as_str(), o.as_str())]),
            )
        })
        .collect();
    let text = ctx.t(
        "ask_which_variant",
        &[
            ("slot", slot_word(ctx, slot)),
            ("name", ctx.name(p)),
            ("options", options.join(", ")),
        ],
    );
    Some(Outcome::say("ask_variant", text).with_quick_replies(quick))
}

/// A property asked about the list on screen ("how long does the battery last?", "which
/// of these have noise cancelling?"), answered for each product shown from its attributes
/// and description. `None` when no list is shown, the words name no attribute, or the
/// shop knows it for none of them (the caller asks which product, or compares).
fn answer_for_each_shown(ctx: &mut Ctx<'_>) -> Option<Outcome> {
    let graph = ctx.graph.clone();
    let shown = ctx.shown_products();
    if shown.len() < 2 {
        return None;
    }
    let feature = ctx
        .slot(SlotKind::Feature)
        .map(str::to_string)
        .filter(|f| graph.resolve_attribute(f).is_some())
        .or_else(|| shown.iter().find_map(|p| attribute_in_text(ctx, p)))?;
    let attribute = graph.resolve_attribute(&feature)?;
    each_shown(ctx, &attribute, Some(feature))
}

/// The value of `attribute` for each product shown (two or more), "not stated" where one
/// says nothing; `None` when none states it. `asked` is the shopper's word for it.
fn each_shown(ctx: &mut Ctx<'_>, attribute: &str, asked: Option<String>) -> Option<Outcome> {
    let graph = ctx.graph.clone();
    let shown = ctx.shown_products();
    if shown.len() < 2 {
        return None;
    }
    let attribute_name = graph
        .attribute_label(attribute, &ctx.locale)
        .map(str::to_string)
        .or(asked)
        .unwrap_or_else(|| super::compare_rows::label(ctx, attribute));
    let mut known = 0;
    let lines: Vec<String> = shown
        .iter()
        .map(|p| {
            let said = graph
                .attribute_answer(p.id.as_str(), attribute)
                .filter(|a| a.verdict != Verdict::Unknown)
                .and_then(|a| a.value.map(|v| (v, a.unit)));
            let value = match said {
                Some((value, unit)) => {
                    known += 1;
                    stated(ctx, &value, unit.as_deref())
                }
                None => ctx.t("each_not_stated", &[]),
            };
            format!("- {}: {value}", ctx.name(p))
        })
        .collect();
    if known == 0 {
        return None;
    }
    ctx.tracker.failures = 0;
    let text = ctx.t(
        "each_answer",
        &[("attribute", attribute_name), ("lines", lines.join("\n"))],
    );
    Some(Outcome::say("answer_each_shown", text))
}

/// A stated value in words: "yes", "30 hours", "merino wool" (`value_*` and `unit_*`
/// keys of the reply's locale).
fn stated(ctx: &Ctx<'_>, value: &crate::knowledge::AttrValue, unit: Option<&str>) -> String {
    match unit {
        Some(u) if !matches!(value, crate::knowledge::AttrValue::Bool(_)) => {
            format!("{value} {}", unit_words(ctx, u))
        }
        _ => super::compare_rows::value_words(ctx, value),
    }
}

/// Units as a reply says them: "30 hours", not "30 h"; a unit without words stays as the
/// catalogue writes it.
fn unit_words(ctx: &Ctx<'_>, unit: &str) -> String {
    let key = match unit {
        "h" | "hr" | "hrs" => "unit_hours",
        "min" => "unit_minutes",
        "d" => "unit_days",
        "y" | "yr" => "unit_years",
        other => return other.to_string(),
    };
    ctx.t(key, &[])
}

/// A stated value with its unit as the catalogue writes it: "yes", "6 mm".
fn with_unit(ctx: &Ctx<'_>, value: &crate::knowledge::AttrValue, unit: Option<&str>) -> String {
    let value = super::compare_rows::value_words(ctx, value);
    match unit {
        Some(u) => format!("{value} {u}"),
        None => value,
    }
}

/// Where an answer about a product comes from. In a language the shop has texts in, it
/// is said from the fact (the catalogue's quote is in its own language); else the quote
/// or the product data, as the catalogue has it.
fn evidence(ctx: &Ctx<'_>, p: &Product, a: &crate::knowledge::Answer) -> String {
    if ctx.graph.locale(&ctx.locale).is_none() {
        return a.evidence.clone().unwrap_or_default();
    }
    let attribute = a
        .attribute
        .as_deref()
        .and_then(|id| ctx.graph.attribute_label(id, &ctx.locale))
        .unwrap_or_default()
        .to_string();
    let value = a
        .value
        .as_ref()
        .map(|v| with_unit(ctx, v, a.unit.as_deref()))
        .unwrap_or_default();
    ctx.t(
        "attr_evidence",
        &[
            ("name", ctx.name(p)),
            ("attribute", attribute),
            ("value", value),
        ],
    )
}

/// "size" or "colour" in the reply's language, for "which size?".
pub(super) fn slot_word(ctx: &Ctx<'_>, slot: SlotKind) -> String {
    match slot {
        SlotKind::Size => ctx.t("slot_size", &[]),
        SlotKind::Color => ctx.t("slot_colour", &[]),
        other => other.as_str().replace('_', " "),
    }
}

/// Whether a size or colour the model read is the shopper's wish, not the product's own
/// name ("harbor cotton" of "Harbor Cotton Tee") or the word for the detail itself ("in my
/// colour" read as the colour "colour").
fn is_a_wish(p: &Product, value: &str) -> bool {
    const DETAIL_WORDS: &[&str] = &[
        "colour", "color", "colours", "colors", "size", "sizes", "shade",
    ];
    let value = value.trim().to_lowercase();
    let name = format!(" {} ", p.name.to_lowercase());
    !DETAIL_WORDS.contains(&value.as_str()) && !name.contains(&format!(" {value} "))
}

/// Whether a product without sized variants carries the size in its name ("42mm" of
/// "Kestrel Trailhawk 2 42 mm").
pub(super) fn names_size(p: &Product, size: &str) -> bool {
    p.variants.iter().all(|v| v.size.is_none()) && size_in_name(&p.name, size)
}

/// An attribute the shop knows, named in the words of the question ("does it have nfc"),
/// for when the NLU tagged no feature.
fn attribute_in_text(ctx: &Ctx<'_>, p: &Product) -> Option<String> {
    let name = p.name.to_lowercase();
    let words: Vec<String> = ctx
        .parse
        .text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty() && !name.contains(w))
        .map(str::to_string)
        .collect();
    for n in (1..=3).rev() {
        for gram in words.windows(n) {
            let phrase = gram.join(" ");
            if ctx.graph.resolve_attribute(&phrase).is_some() {
                return Some(phrase);
            }
        }
    }
    None
}

/// Words that only ask for a description ("tell me about X", "what is X").
const DESCRIBE_WORDS: &[&str] = &[
    "tell",
    "me",
    "about",
    "more",
    "info",
    "information",
    "details",
    "detail",
    "the",
    "a",
    "an",
    "what",
    "whats",
    "what's",
    "is",
    "are",
    "show",
    "describe",
    "it",
    "this",
    "that",
    "one",
    "can",
    "you",
    "please",
    "pls",
    "specs",
    "spec",
    "on",
    "of",
    "for",
    "i",
    "want",
    "to",
    "know",
    "how",
    "about",
    "product",
    "like",
    "its",
    "give",
    "some",
    "any",
    "do",
    "does",
    "have",
];

/// Words that only tie a removed slot value to the sentence ("… in navy", "… with the
/// blue one"): left alone they ask nothing.
const LINKING_WORDS: &[&str] = &["in", "with", "and", "or", "from", "at", "by", "my", "your"];

/// The rest of a specific question the graph has no attribute for ("good for swimming"),
/// so the answer can say it doesn't know instead of describing the product.
fn open_question(ctx: &Ctx<'_>) -> Option<String> {
    let mut text = ctx.parse.text.to_lowercase();
    for s in &ctx.parse.slots {
        text = text.replace(&s.value.to_lowercase(), " ");
    }
    let rest: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty() && !DESCRIBE_WORDS.contains(w) && !LINKING_WORDS.contains(w))
        .collect();
    (!rest.is_empty() && ctx.parse.slot(SlotKind::Product).is_some()).then(|| rest.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stated(n: f64) -> Answer {
        Answer {
            verdict: Verdict::Yes,
            attribute: Some("sleeps".into()),
            value: Some(AttrValue::Number(n)),
            unit: None,
            evidence: Some("sleeps = 2".into()),
        }
    }

    #[test]
    fn a_count_asked_is_held_against_the_number_stated() {
        let asked = |text: &str, n: f64| against_count_asked(text, "people", stated(n)).verdict;
        assert_eq!(asked("will it fit three people?", 2.0), Verdict::No);
        assert_eq!(asked("does it fit 2 people", 2.0), Verdict::Yes);
        assert_eq!(asked("room for four people?", 6.0), Verdict::Yes);
        // No count before the feature: the stated number answers as before.
        assert_eq!(asked("how many people does it fit", 2.0), Verdict::Yes);
    }
}
