//! Slots the shop's own knowledge can fill when the NLU missed them: brand names and
//! variant colours the catalogue knows, and category names longer than the span the NLU
//! tagged ("running shoes" where it saw "shoes"). Like a lookup table in other NLU stacks,
//! this keeps invented or new brand names working without retraining.

use super::orders::email_spans;
use crate::knowledge::Graph;
use crate::types::{Parse, Slot, SlotKind};

const SHOPPING_INTENTS: &[&str] = &[
    "search_product",
    "refine_search",
    "recommend",
    "product_info",
    "compare_products",
    "check_price",
    "check_stock",
    "add_to_cart",
];

/// Adds the slots the graph can vouch for to `parse`, leaving the NLU's own slots alone,
/// except those inside an email address: "someone@example.com" holds no order id "com".
pub fn complete(parse: &mut Parse, graph: &Graph) {
    let emails = email_spans(&parse.text);
    parse
        .slots
        .retain(|s| !emails.iter().any(|&(a, b)| s.start < b && a < s.end));
    // A brand on its own is neither a model name nor a kind of product ("not sonora"),
    // no feature or material (an unfamiliar name read as an attribute), and while
    // shopping it is no place either, whatever the map says.
    // A "colour" the catalogue sells nothing in but knows as a brand is the brand.
    let shopping = SHOPPING_INTENTS.contains(&parse.intent.as_str());
    let colours = graph.colour_words();
    for s in parse.slots.iter_mut() {
        let relabel = match s.kind() {
            Some(SlotKind::Product | SlotKind::ProductType) => {
                graph.category(s.value.trim()).is_none()
            }
            Some(SlotKind::Location) => shopping,
            Some(SlotKind::Feature | SlotKind::Material) => true,
            Some(SlotKind::Color) => !colours.contains(&s.value.trim().to_lowercase()),
            _ => false,
        };
        if relabel && graph.brand(s.value.trim()).is_some() {
            s.slot = SlotKind::Brand.as_str().into();
        }
    }
    let text = parse.text.clone();
    let lower = text.to_lowercase();
    let words = word_spans(&lower);

    // Longer category phrases first, so "running shoes" wins over "shoes".
    for n in (1..=3).rev() {
        for w in words.windows(n) {
            let (start, end) = (w[0].0, w[n - 1].1);
            if overlaps_other(parse, start, end, "product_type") {
                continue;
            }
            let phrase: String = lower.chars().skip(start).take(end - start).collect();
            let Some(category) = graph.category(&phrase) else {
                continue;
            };
            let _ = category;
            // Extend a shorter product_type span inside this phrase, or add one.
            parse
                .slots
                .retain(|s| !(s.is(SlotKind::ProductType) && s.start >= start && s.end <= end));
            if parse.slots.iter().any(|s| s.is(SlotKind::ProductType)) {
                continue;
            }
            parse
                .slots
                .push(slot(SlotKind::ProductType, &text, start, end));
        }
    }

    for &(start, end) in &words {
        if overlaps_any(parse, start, end) {
            continue;
        }
        let word: String = lower.chars().skip(start).take(end - start).collect();
        if word.len() < 3 {
            continue;
        }
        if graph.brand(&word).is_some() {
            parse.slots.push(slot(SlotKind::Brand, &text, start, end));
        } else if colours.contains(&word) {
            parse.slots.push(slot(SlotKind::Color, &text, start, end));
        }
    }
    drop_what_describes_another_kind(parse, graph, &words, &lower);
    parse.slots.sort_by_key(|s| s.start);
}

/// "I drink a lot of green tea, so I'd love a kettle": a colour or material right before
/// another kind of product the shop knows ("tea") describes that one, not the kind wanted
/// ("kettle"), so it is no filter on the search. Long messages that tell a story around the
/// need are where this happens.
fn drop_what_describes_another_kind(
    parse: &mut Parse,
    graph: &Graph,
    words: &[(usize, usize)],
    lower: &str,
) {
    let Some(wanted) = parse
        .slots
        .iter()
        .find(|s| s.is(SlotKind::ProductType))
        .cloned()
    else {
        return;
    };
    let wanted_category = graph.category(wanted.value.trim()).map(|c| c.id.clone());
    let chars: Vec<char> = lower.chars().collect();
    let describes_another = |s: &Slot| {
        if !matches!(s.kind(), Some(SlotKind::Color | SlotKind::Material)) {
            return false;
        }
        let Some(next) = words.iter().position(|&(start, _)| start >= s.end) else {
            return false;
        };
        let (start, _) = words[next];
        // right after it, nothing but spaces between
        if chars[s.end..start].iter().any(|c| !c.is_whitespace())
            || start >= wanted.start && start < wanted.end
        {
            return false;
        }
        (1..=2).any(|n| {
            let Some(span) = words.get(next..next + n) else {
                return false;
            };
            let phrase: String = chars[span[0].0..span[n - 1].1].iter().collect();
            graph
                .category(&phrase)
                .is_some_and(|c| Some(&c.id) != wanted_category.as_ref())
        })
    };
    parse.slots.retain(|s| !describes_another(s));
}

fn slot(kind: SlotKind, text: &str, start: usize, end: usize) -> Slot {
    Slot {
        slot: kind.as_str().to_string(),
        value: text.chars().skip(start).take(end - start).collect(),
        start,
        end,
    }
}

fn overlaps_any(parse: &Parse, start: usize, end: usize) -> bool {
    parse.slots.iter().any(|s| s.start < end && start < s.end)
}

/// Overlaps a slot other than `except` (which may be widened).
fn overlaps_other(parse: &Parse, start: usize, end: usize, except: &str) -> bool {
    parse
        .slots
        .iter()
        .any(|s| s.slot != except && s.start < end && start < s.end)
}

/// Words as character spans.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().enumerate() {
        let inside = c.is_alphanumeric() || c == '-' || c == '\'';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.chars().count()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::word_spans;

    #[test]
    fn words_are_character_spans() {
        assert_eq!(word_spans("héllo, wörld"), vec![(0, 5), (7, 12)]);
        assert_eq!(word_spans("t-shirts!"), vec![(0, 8)]);
    }
}
