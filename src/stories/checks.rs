//! What a step asserts, checked against one turn: each failed check is a [`Failure`] of a
//! [`FailureKind`], so a run can say what goes wrong most.

use serde::Serialize;

use super::format::{ProductCheck, Step};
use crate::dialogue::Tracker;
use crate::knowledge::{Graph, PolicyKind, Verdict};
use crate::types::Reply;

/// What kind of thing a failed check found wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The NLU's intent is not the one expected.
    WrongIntent,
    /// The dialogue took another action than expected (or one it must not take).
    WrongAction,
    /// A keyboard mash or nonsense was not answered with a fallback.
    NotFallback,
    /// It asked the shopper something where it should have answered.
    AskedInsteadOfAnswering,
    /// A required detail was missing and it did not ask for it.
    DidNotAsk,
    /// The reply lacks a word or fact it must hold.
    MissingText,
    /// The reply says something it must not.
    UnwantedText,
    /// The reply does not state the shop's policy.
    MissingPolicyFact,
    /// The answer does not name the product(s) it is about.
    AnswerNotAboutShown,
    /// Too few or too many products shown.
    ProductCount,
    /// A product of another type (or category) than the one asked is listed.
    WrongProductType,
    /// A listed product breaks a constraint (brand, price, colour, size, feature).
    ProductConstraint,
    /// The list is not in the order asked (cheapest first, given ids).
    ProductOrder,
    /// The list ignores what the shopper said they like, repeats what was shown, or
    /// lacks reasons.
    ProductRelevance,
    QuickReplies,
    Handoff,
    Slots,
    Focus,
    Cart,
    /// It answered when a person had the conversation, or stayed silent when it should not.
    Silence,
    /// No reply, the turn failed, or the step could not be played (no such button).
    NoReply,
}

impl FailureKind {
    /// The name reports use (as in the JSON report).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// One failed check of one step.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub kind: FailureKind,
    pub message: String,
}

fn fail(kind: FailureKind, message: String) -> Failure {
    Failure { kind, message }
}

/// What the step checks need besides the reply.
pub struct TurnView<'a> {
    pub graph: &'a Graph,
    pub reply: &'a Reply,
    pub tracker: &'a Tracker,
    /// The action the dialogue took.
    pub action: &'a str,
    /// The ids of the last list shown before this turn.
    pub previous: &'a [String],
    /// The focus before this turn.
    pub focus_before: Option<&'a str>,
}

/// Actions that are a fallback (a first one, or the offer of a person after a second).
const FALLBACK_ACTIONS: [&str; 2] = ["fallback", "offer_handoff"];

pub fn check_step(step: &Step, t: &TurnView<'_>) -> Vec<Failure> {
    use FailureKind::*;
    let mut errs = Vec::new();
    let reply = t.reply;
    let intent = reply.intent.clone().unwrap_or_default();
    if let Some(want) = &step.intent {
        if &intent != want {
            errs.push(fail(
                WrongIntent,
                format!(
                    "intent {intent:?} (conf {:?}), expected {want:?}",
                    reply.confidence
                ),
            ));
        }
    }
    if !step.intent_any.is_empty() && !step.intent_any.contains(&intent) {
        errs.push(fail(
            WrongIntent,
            format!("intent {intent:?}, expected one of {:?}", step.intent_any),
        ));
    }
    let action = t.action;
    if let Some(want) = &step.action {
        if action != want {
            errs.push(fail(
                WrongAction,
                format!("action {action:?}, expected {want:?}"),
            ));
        }
    }
    if !step.action_any.is_empty() && !step.action_any.iter().any(|a| a == action) {
        errs.push(fail(
            WrongAction,
            format!("action {action:?}, expected one of {:?}", step.action_any),
        ));
    }
    if step.action_not.iter().any(|a| a == action) {
        errs.push(fail(
            WrongAction,
            format!("action {action:?} must not be taken here"),
        ));
    }
    if let Some(want) = step.fallback {
        let is = FALLBACK_ACTIONS.contains(&action);
        if is != want {
            let kind = if want { NotFallback } else { WrongAction };
            errs.push(fail(
                kind,
                format!("fallback {is} (action {action:?}, intent {intent:?}), expected {want}"),
            ));
        }
    }
    let text = reply.text.to_lowercase();
    let asked = reply.text.contains('?') && !reply.quick_replies.is_empty();
    match step.asks {
        Some(true) if !asked => errs.push(fail(
            DidNotAsk,
            format!(
                "expected a question with quick replies, got {:?}",
                reply.text
            ),
        )),
        Some(false) if reply.text.trim_end().ends_with('?') || action.starts_with("ask_") => errs
            .push(fail(
                AskedInsteadOfAnswering,
                format!("asked ({action:?}) instead of answering: {:?}", reply.text),
            )),
        _ => {}
    }
    for w in &step.reply_contains {
        if !text.contains(&w.to_lowercase()) {
            errs.push(fail(
                MissingText,
                format!("reply {:?} lacks {w:?}", reply.text),
            ));
        }
    }
    if !step.reply_contains_any.is_empty()
        && !step
            .reply_contains_any
            .iter()
            .any(|w| text.contains(&w.to_lowercase()))
    {
        errs.push(fail(
            MissingText,
            format!(
                "reply {:?} has none of {:?}",
                reply.text, step.reply_contains_any
            ),
        ));
    }
    for w in &step.reply_not_contains {
        if text.contains(&w.to_lowercase()) {
            errs.push(fail(
                UnwantedText,
                format!("reply {:?} contains {w:?}", reply.text),
            ));
        }
    }
    if let Some(kind) = &step.states_policy {
        errs.extend(check_policy(t.graph, kind, &reply.text));
    }
    if step.handoff.is_some_and(|h| h != reply.handoff) {
        errs.push(fail(
            Handoff,
            format!("handoff {} expected {:?}", reply.handoff, step.handoff),
        ));
    }
    if step
        .quick_replies_min
        .is_some_and(|m| reply.quick_replies.len() < m)
    {
        errs.push(fail(
            QuickReplies,
            format!(
                "{} quick replies, expected at least {:?}",
                reply.quick_replies.len(),
                step.quick_replies_min
            ),
        ));
    }
    if let Some(c) = &step.products {
        errs.extend(check_products(t.graph, c, reply, t.previous));
    }
    if step.names_each_shown {
        for id in t.previous {
            if let Some(p) = t.graph.product(id) {
                if !text.contains(&p.name.to_lowercase()) {
                    errs.push(fail(
                        AnswerNotAboutShown,
                        format!("reply {:?} does not name {} (shown)", reply.text, p.name),
                    ));
                }
            }
        }
        if t.previous.is_empty() {
            errs.push(fail(AnswerNotAboutShown, "no list was shown before".into()));
        }
    }
    if step.names_focus {
        match t.focus_before.and_then(|f| t.graph.product(f)) {
            Some(p) if text.contains(&p.name.to_lowercase()) => {}
            Some(p) => errs.push(fail(
                AnswerNotAboutShown,
                format!("reply {:?} does not name {} (in focus)", reply.text, p.name),
            )),
            None => errs.push(fail(AnswerNotAboutShown, "no product was in focus".into())),
        }
    }
    errs.extend(check_tracker(step, t));
    errs
}

fn check_tracker(step: &Step, t: &TurnView<'_>) -> Vec<Failure> {
    use FailureKind::*;
    let mut errs = Vec::new();
    let tracker = t.tracker;
    for (slot, want) in &step.slots {
        match tracker.slots.get(slot) {
            Some(v) if v.to_lowercase().contains(&want.to_lowercase()) => {}
            other => errs.push(fail(
                Slots,
                format!("slot {slot} = {other:?}, expected {want:?}"),
            )),
        }
    }
    for slot in &step.slots_absent {
        if let Some(v) = tracker.slots.get(slot) {
            errs.push(fail(Slots, format!("slot {slot} still {v:?}")));
        }
    }
    if let Some(f) = &step.focus {
        if tracker.focus.as_ref().map(|x| x.as_str()) != Some(f.as_str()) {
            errs.push(fail(
                Focus,
                format!("focus {:?}, expected {f}", tracker.focus),
            ));
        }
    }
    if step.focus_cheapest_shown {
        let cheapest = t
            .previous
            .iter()
            .filter_map(|id| t.graph.product(id))
            .min_by(|a, b| a.price.total_cmp(&b.price))
            .map(|p| p.id.clone());
        if cheapest.is_none() || tracker.focus != cheapest {
            errs.push(fail(
                Focus,
                format!(
                    "focus {:?}, expected the cheapest shown, {cheapest:?}",
                    tracker.focus
                ),
            ));
        }
    }
    if let Some(attr) = &step.focus_least_shown {
        let least = t
            .previous
            .iter()
            .filter_map(|id| t.graph.number(id, attr).map(|n| (id.clone(), n)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, _)| id);
        let focus = tracker.focus.as_ref().map(|f| f.0.clone());
        if least.is_none() || focus != least {
            errs.push(fail(
                Focus,
                format!("focus {focus:?}, expected the least {attr} shown, {least:?}"),
            ));
        }
    }
    if step.cart_size.is_some_and(|n| tracker.cart.len() != n) {
        errs.push(fail(
            Cart,
            format!(
                "cart has {} lines, expected {:?}",
                tracker.cart.len(),
                step.cart_size
            ),
        ));
    }
    if let Some(n) = step.cart_items {
        let items: u32 = tracker.cart.iter().map(|l| l.quantity).sum();
        if items != n {
            errs.push(fail(
                Cart,
                format!("cart holds {items} items, expected {n}"),
            ));
        }
    }
    if step.names_cart {
        let text = t.reply.text.to_lowercase();
        for line in &tracker.cart {
            let name = t
                .graph
                .product(line.product.as_str())
                .map(|p| p.name.to_lowercase());
            if !name.as_ref().is_some_and(|n| text.contains(n.as_str())) {
                errs.push(fail(
                    Cart,
                    format!(
                        "reply {:?} does not name {} (in the cart)",
                        t.reply.text, line.product
                    ),
                ));
            }
        }
        if tracker.cart.is_empty() {
            errs.push(fail(Cart, "the cart is empty".into()));
        }
    }
    errs
}

/// The reply states one of the numbers the shop's policy of this kind sets (as a whole
/// word: "30" in "30 days", not in "300").
fn check_policy(g: &Graph, kind: &str, text: &str) -> Vec<Failure> {
    let Some(policy_kind) = PolicyKind::ALL.into_iter().find(|k| k.as_str() == kind) else {
        return vec![fail(
            FailureKind::MissingPolicyFact,
            format!("no policy kind {kind:?}"),
        )];
    };
    let Some(policy) = g.policy(policy_kind) else {
        return vec![fail(
            FailureKind::MissingPolicyFact,
            format!("the catalogue has no {kind} policy"),
        )];
    };
    let numbers: Vec<String> = policy
        .terms
        .values()
        .filter(|v| **v > 0.0)
        .map(|v| {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.2}")
            }
        })
        .collect();
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map(|w| w.trim_end_matches(['.', ',']))
        .collect();
    let stated = numbers
        .iter()
        .any(|n| words.iter().any(|w| w == n || w.replace(',', ".") == *n));
    if stated {
        Vec::new()
    } else {
        vec![fail(
            FailureKind::MissingPolicyFact,
            format!("reply {text:?} states none of the {kind} policy's terms {numbers:?}"),
        )]
    }
}

fn check_products(g: &Graph, c: &ProductCheck, reply: &Reply, previous: &[String]) -> Vec<Failure> {
    use FailureKind::*;
    let mut errs = Vec::new();
    let n = reply.products.len();
    if let Some(m) = c.min.filter(|m| n < *m) {
        errs.push(fail(
            ProductCount,
            format!("expected at least {m} products, got {n}"),
        ));
    }
    if let Some(m) = c.max.filter(|m| n > *m) {
        errs.push(fail(
            ProductCount,
            format!("expected at most {m} products, got {n}"),
        ));
    }
    if !c.ids.is_empty() {
        let got: Vec<&str> = reply.products.iter().map(|p| p.id.as_str()).collect();
        if got != c.ids.iter().map(String::as_str).collect::<Vec<_>>() {
            errs.push(fail(
                ProductOrder,
                format!("expected products {:?}, got {got:?}", c.ids),
            ));
        }
    }
    let mut last_price = f64::MIN;
    for card in &reply.products {
        let Some(p) = g.product(card.id.as_str()) else {
            errs.push(fail(
                ProductConstraint,
                format!("card {} names no product", card.id),
            ));
            continue;
        };
        let ancestors = g.category_ancestors(&p.category);
        if let Some(cat) = &c.category {
            if !ancestors.iter().any(|a| &a.id == cat) {
                errs.push(fail(
                    WrongProductType,
                    format!("{} is in {}, not under {cat}", p.id, p.category),
                ));
            }
        }
        if !c.type_mentions.is_empty() {
            let mut text = p.name.to_lowercase();
            for a in &ancestors {
                text.push(' ');
                text.push_str(&a.name.to_lowercase());
            }
            if !c
                .type_mentions
                .iter()
                .any(|w| text.contains(&w.to_lowercase()))
            {
                errs.push(fail(
                    WrongProductType,
                    format!(
                        "{} ({}) is none of {:?}",
                        p.name, p.category, c.type_mentions
                    ),
                ));
            }
        }
        if c.brand
            .as_ref()
            .is_some_and(|b| !p.brand.eq_ignore_ascii_case(b))
        {
            errs.push(fail(
                ProductConstraint,
                format!("{} is by {}, not {:?}", p.id, p.brand, c.brand),
            ));
        }
        if c.not_brand
            .as_ref()
            .is_some_and(|b| p.brand.eq_ignore_ascii_case(b))
        {
            errs.push(fail(
                ProductConstraint,
                format!("{} is by the excluded brand {}", p.id, p.brand),
            ));
        }
        if c.price_max.is_some_and(|m| p.price > m) {
            errs.push(fail(
                ProductConstraint,
                format!("{} costs {} > {:?}", p.id, p.price, c.price_max),
            ));
        }
        if c.price_min.is_some_and(|m| p.price < m) {
            errs.push(fail(
                ProductConstraint,
                format!("{} costs {} < {:?}", p.id, p.price, c.price_min),
            ));
        }
        if let Some(col) = &c.colour {
            if p.variants_in_stock(None, Some(col)).next().is_none() {
                errs.push(fail(
                    ProductConstraint,
                    format!("{} has no {col} variant in stock", p.id),
                ));
            }
        }
        if let Some(size) = &c.size {
            if p.variants_in_stock(Some(size), None).next().is_none() {
                errs.push(fail(
                    ProductConstraint,
                    format!("{} has no size {size} in stock", p.id),
                ));
            }
        }
        if let Some(f) = &c.feature {
            let yes = g
                .attribute_answer(p.id.as_str(), f)
                .is_some_and(|a| a.verdict == Verdict::Yes);
            if !yes {
                errs.push(fail(
                    ProductConstraint,
                    format!("{} does not have {f}", p.id),
                ));
            }
        }
        if c.cheapest_first && p.price < last_price {
            errs.push(fail(
                ProductOrder,
                format!("{} breaks cheapest-first order", p.id),
            ));
        }
        last_price = p.price;
        if c.not_ids_of_previous && previous.contains(&p.id.0) {
            errs.push(fail(
                ProductRelevance,
                format!("{} was already shown", p.id),
            ));
        }
        if c.every_has_reason && card.reason.as_deref().is_none_or(str::is_empty) {
            errs.push(fail(ProductRelevance, format!("{} has no reason", p.id)));
        }
    }
    for card in &reply.products {
        let name = card.name.to_lowercase();
        if !c.all_mention.is_empty() && !c.all_mention.iter().any(|w| name.contains(w.as_str())) {
            errs.push(fail(
                WrongProductType,
                format!("{} names none of {:?}", card.name, c.all_mention),
            ));
        }
    }
    if !c.most_mention.is_empty() {
        let mentioning = reply
            .products
            .iter()
            .filter_map(|card| g.product(card.id.as_str()))
            .filter(|p| {
                let text = format!("{} {} {}", p.name, p.description, p.category).to_lowercase();
                c.most_mention
                    .iter()
                    .any(|w| text.contains(&w.to_lowercase()))
            })
            .count();
        if mentioning * 2 <= n {
            let names: Vec<&str> = reply.products.iter().map(|p| p.name.as_str()).collect();
            errs.push(fail(
                ProductRelevance,
                format!(
                    "only {mentioning} of {n} products mention any of {:?}: {names:?}",
                    c.most_mention
                ),
            ));
        }
    }
    errs
}
