//! Conversation, policy questions, complaints, fallback and handoff.

use crate::knowledge::{country, country_in, delivers_to, means_eu, PolicyKind};
use crate::types::{Parse, SlotKind};

use super::ctx::Ctx;
use super::outcome::{intent_payload, Outcome};
use super::tracker::{Handoff, Pending};

/// Sentiment score at or below which a complaint goes straight to a person.
const ANGRY: f32 = -0.6;
/// Fallbacks or failed turns in a row after which kefu offers a person.
const MAX_FAILURES: u32 = 2;
/// What kefu offers to do when it has nothing better to suggest.
const MENU: [&str; 4] = [
    "search_product",
    "order_status",
    "shipping_info",
    "return_item",
];

pub fn small_talk(ctx: &mut Ctx<'_>, intent: &'static str) -> Outcome {
    if intent == "goodbye" || intent == "thanks" || intent == "greet" {
        ctx.tracker.failures = 0;
    }
    let mut out = Outcome::say(intent, ctx.t(intent, &[]));
    if intent == "greet" || intent == "out_of_scope" {
        out.quick_replies = MENU
            .iter()
            .map(|i| ctx.quick(&format!("label_{i}"), intent_payload(i, &[])))
            .collect();
    }
    out
}

/// Shipping, payment and warranty questions: the closest FAQ answer when one fits well,
/// else the policy's summary.
pub fn policy(ctx: &mut Ctx<'_>, intent: &'static str, kind: PolicyKind) -> Outcome {
    ctx.tracker.failures = 0;
    if kind == PolicyKind::Shipping {
        if let Some(out) = delivery_to_country(ctx, intent) {
            return out;
        }
    }
    let hits = ctx
        .graph
        .faq_lookup_in(&ctx.parse.text, ctx.embed, 1, &ctx.locale)
        .unwrap_or_default();
    if let Some(hit) = hits.into_iter().next() {
        if hit.fits() && hit.entry.policy.is_none_or(|p| p == kind) {
            let text = ctx.t("faq_answer", &[("answer", hit.entry.answer.clone())]);
            return Outcome::say(intent, text);
        }
    }
    match ctx.graph.policy_in(kind, &ctx.locale) {
        Some(p) => {
            let mut text = ctx.t("policy_answer", &[("summary", p.summary.clone())]);
            if let (PolicyKind::Shipping, Some(place)) = (kind, ctx.slot(SlotKind::Location)) {
                text.push(' ');
                text.push_str(&ctx.t("policy_place_note", &[("place", place.to_string())]));
            }
            Outcome::say(intent, text)
        }
        None => {
            ctx.tracker.failures += 1;
            Outcome::say(
                intent,
                ctx.t(
                    "attr_unknown",
                    &[
                        ("name", ctx.t("the_shop", &[])),
                        (
                            "attribute",
                            ctx.t(&format!("policy_kind_{}", kind.as_str()), &[]),
                        ),
                    ],
                ),
            )
        }
    }
}

/// "How do returns work here?": the policy's own terms (the window, the refund time), and
/// the FAQ answer too when one fits the question well.
pub fn policy_terms(ctx: &mut Ctx<'_>, intent: &'static str, kind: PolicyKind) -> Outcome {
    let Some(summary) = ctx
        .graph
        .policy_in(kind, &ctx.locale)
        .map(|p| p.summary.clone())
    else {
        return policy(ctx, intent, kind);
    };
    ctx.tracker.failures = 0;
    let mut text = ctx.t("policy_answer", &[("summary", summary.clone())]);
    let hits = ctx
        .graph
        .faq_lookup_in(&ctx.parse.text, ctx.embed, 1, &ctx.locale)
        .unwrap_or_default();
    if let Some(hit) = hits.into_iter().next() {
        let fits = hit.fits() && hit.entry.policy.is_none_or(|p| p == kind);
        if fits && hit.entry.answer != summary {
            text = format!(
                "{}
{text}",
                hit.entry.answer
            );
        }
    }
    Outcome::say(intent, text)
}

/// "Do you ship to Austria?", answered from the shipping policy's destinations: yes with
/// the terms, or no with where the shop does deliver. `None` when no country is named or
/// the policy does not list its destinations.
fn delivery_to_country(ctx: &mut Ctx<'_>, intent: &'static str) -> Option<Outcome> {
    let graph = ctx.graph.clone();
    let policy = graph.policy_in(PolicyKind::Shipping, &ctx.locale)?;
    if policy.destinations.is_empty() {
        return None;
    }
    let place = ctx
        .slot(SlotKind::Location)
        .and_then(country)
        .or_else(|| country_in(&ctx.parse.text))?;
    let text = if delivers_to(&policy.destinations, place) {
        ctx.t(
            "ship_to_yes",
            &[
                ("place", place.name.to_string()),
                ("summary", policy.summary.clone()),
            ],
        )
    } else {
        let everywhere = ctx.t("ship_everywhere_eu", &[]);
        let destinations: Vec<String> = policy
            .destinations
            .iter()
            .map(|d| match country(d) {
                Some(c) => c.name.to_string(),
                None if means_eu(d) => everywhere.clone(),
                None => d.clone(),
            })
            .collect();
        ctx.t(
            "ship_to_no",
            &[
                ("place", place.name.to_string()),
                ("destinations", destinations.join(", ")),
            ],
        )
    };
    Some(Outcome::say(intent, text))
}

/// A short follow-up to a shipping answer that names a country ("and australia?"), which
/// the NLU may read as a refinement.
pub fn is_shipping_follow_up(ctx: &Ctx<'_>) -> bool {
    ctx.tracker
        .turns
        .last()
        .is_some_and(|t| t.action == "shipping_info")
        && ctx.parse.text.split_whitespace().count() <= 6
        && country_in(&ctx.parse.text).is_some()
}

pub fn complaint(ctx: &mut Ctx<'_>) -> Outcome {
    if ctx.parse.sentiment_score <= ANGRY {
        return handoff(ctx, "handoff_complaint");
    }
    ctx.tracker.failures += 1;
    let mut out = Outcome::say("complaint", ctx.t("complaint_sorry", &[]));
    out.quick_replies = vec![ctx.quick("label_human_agent", intent_payload("human_agent", &[]))];
    out
}

pub fn handoff(ctx: &mut Ctx<'_>, action: &'static str) -> Outcome {
    ctx.tracker.handoff = Handoff::WithAgent;
    ctx.tracker.pending = None;
    ctx.tracker.fallbacks = 0;
    ctx.tracker.failures = 0;
    let mut out = Outcome::say(action, ctx.t("handoff", &[]));
    out.handoff = true;
    out
}

/// Not sure what the shopper meant: offer the two likeliest intents, and a person when
/// this keeps happening.
pub fn fallback(ctx: &mut Ctx<'_>, parse: &Parse) -> Outcome {
    ctx.tracker.fallbacks += 1;
    ctx.tracker.failures += 1;
    let mut out = if ctx.tracker.fallbacks >= MAX_FAILURES {
        offer_person(ctx)
    } else {
        let mut guesses: Vec<&str> = parse
            .ranking
            .iter()
            .map(|(i, _)| i.as_str())
            .filter(|i| *i != crate::types::NLU_FALLBACK)
            .take(2)
            .collect();
        if guesses.is_empty() {
            // Nothing to guess from (a keyboard mash): what kefu can do.
            guesses = MENU.to_vec();
        }
        let quick = guesses
            .iter()
            .map(|intent| ctx.quick(&format!("label_{intent}"), intent_payload(intent, &[])))
            .collect();
        Outcome::say("fallback", ctx.t("fallback", &[])).with_quick_replies(quick)
    };
    out.fallback = true;
    out
}

pub fn offer_person(ctx: &mut Ctx<'_>) -> Outcome {
    ctx.tracker.pending = Some(Pending::ConfirmHandoff);
    let quick = vec![
        ctx.quick("label_yes", intent_payload("affirm", &[])),
        ctx.quick("label_no", intent_payload("deny", &[])),
    ];
    Outcome::say("offer_handoff", ctx.t("handoff_offer", &[])).with_quick_replies(quick)
}

pub fn failures_exceeded(ctx: &Ctx<'_>) -> bool {
    ctx.tracker.failures > MAX_FAILURES
}
