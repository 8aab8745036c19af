//! What a step asserts, checked against one turn: each failed check is a [`Failure`] of a
//! [`FailureKind`], so a run can say what goes wrong most.

use serde::Serialize;

use super::format::Step;
use crate::dialogue::Tracker;
use crate::knowledge::{Graph, PolicyKind};
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
    /// The reply is not in the language asked (`reply_language`).
    WrongLanguage,
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

pub(super) fn fail(kind: FailureKind, message: String) -> Failure {
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

/// Whether `text` is written in `language`: Chinese has Han characters and more of them than
/// Latin words (a product or brand name in Latin letters may stand in a Chinese reply);
/// English has Latin words and no Han character.
fn written_in(text: &str, language: super::Language) -> bool {
    let han = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let latin_words = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1)
        .count();
    match language {
        super::Language::Zh => han > 0 && han >= latin_words,
        super::Language::En => han == 0 && latin_words > 0,
    }
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
    // A question mark, half- or full-width (？ in Chinese).
    let asked = reply.text.contains(['?', '？']) && !reply.quick_replies.is_empty();
    match step.asks {
        Some(true) if !asked => errs.push(fail(
            DidNotAsk,
            format!(
                "expected a question with quick replies, got {:?}",
                reply.text
            ),
        )),
        Some(false)
            if reply.text.trim_end().ends_with(['?', '？']) || action.starts_with("ask_") =>
        {
            errs.push(fail(
                AskedInsteadOfAnswering,
                format!("asked ({action:?}) instead of answering: {:?}", reply.text),
            ))
        }
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
    if let Some(language) = step.reply_language {
        if !written_in(&reply.text, language) {
            errs.push(fail(
                WrongLanguage,
                format!("reply {:?} is not in {language:?}", reply.text),
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
        errs.extend(super::product_checks::check_products(
            t.graph, c, reply, t.previous,
        ));
    }
    if step.names_each_shown {
        for id in t.previous {
            if let Some(p) = t.graph.product(id) {
                if !names(t.graph, p, &text) {
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
            Some(p) if names(t.graph, p, &text) => {}
            Some(p) => errs.push(fail(
                AnswerNotAboutShown,
                format!("reply {:?} does not name {} (in focus)", reply.text, p.name),
            )),
            None => errs.push(fail(AnswerNotAboutShown, "no product was in focus".into())),
        }
    }
    errs.extend(super::tracker_checks::check_tracker(step, t));
    errs
}

/// Whether the (lowercased) reply names `p`: by the catalogue's name or by its name in one
/// of the shop's languages (a Chinese reply says the product's Chinese name).
pub(super) fn names(g: &Graph, p: &crate::knowledge::Product, text: &str) -> bool {
    text.contains(&p.name.to_lowercase())
        || g.locales()
            .any(|l| text.contains(&g.product_name(p, l).to_lowercase()))
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

#[cfg(test)]
mod tests {
    use super::written_in;
    use crate::stories::Language;

    #[test]
    fn the_language_of_a_reply() {
        assert!(written_in("为您找到 3 款跑步鞋。", Language::Zh));
        assert!(written_in("Meridian Nova 12 的价格是€799。", Language::Zh));
        assert!(!written_in("Here are 3 running shoes.", Language::Zh));
        assert!(!written_in(
            "Sorry 抱歉, I could not find anything for you",
            Language::Zh
        ));
        assert!(written_in("Here are 3 running shoes.", Language::En));
        assert!(!written_in("为您找到 3 款跑步鞋。", Language::En));
    }
}
