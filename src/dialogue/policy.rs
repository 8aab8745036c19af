//! What to do with a parse, given the conversation so far: answer a pending question,
//! fall back, or run the intent's action.

use chrono::{DateTime, Utc};

use crate::knowledge::PolicyKind;
use crate::types::{Intent, Parse, QuickReply, SlotKind, INTENT_LABELS, NLU_FALLBACK};

use super::ctx::Ctx;
use super::orders::{self, email_in};
use super::outcome::Outcome;
use super::tracker::Pending;
use super::{cart, cart_talk, product, search, talk, DialogueError};

pub fn act(ctx: &mut Ctx<'_>, parse: &Parse, now: DateTime<Utc>) -> Result<Outcome, DialogueError> {
    if let Some(pending) = ctx.tracker.pending.clone() {
        if let Some(out) = answer_pending(ctx, parse, pending, now)? {
            return Ok(out);
        }
    }
    if let Some(intent) = cart_talk::intent_in(ctx) {
        ctx.tracker.fallbacks = 0;
        return Ok(run_intent(ctx, intent, now));
    }
    if parse.intent == NLU_FALLBACK {
        // "which is the cheapest?" about the list on screen: the model is unsure of the
        // intent, but the words pick one product of the list.
        if let Some(out) = product::pick_from_list(ctx) {
            ctx.tracker.fallbacks = 0;
            return Ok(out);
        }
        return Ok(talk::fallback(ctx, parse));
    }
    ctx.tracker.fallbacks = 0;
    if asks_which_of_the_list(parse) {
        if let Some(out) = product::pick_from_list(ctx) {
            return Ok(out);
        }
    }
    let intent =
        shopping_story_read_as_handoff(parse).unwrap_or_else(|| refinement_said_as_no(ctx, parse));
    let intent = list_refinement_read_as_cart(ctx, intent);
    let intent = question_about_the_product_in_view(ctx, intent);
    let out = run_intent(ctx, intent, now);
    if talk::failures_exceeded(ctx) && ctx.tracker.pending.is_none() && !out.handoff {
        // Repeated failure: say what we can, then offer a person.
        let offer = talk::offer_person(ctx);
        let mut merged = out;
        merged.text = format!("{}\n{}", merged.text, offer.text);
        merged.quick_replies = offer.quick_replies;
        return Ok(merged);
    }
    Ok(out)
}

/// "can i swim with it?" about the watch in view, read by the model as off-topic or as
/// small talk: a question that points at the product in focus ("with it", "does it …") is
/// about that product.
fn question_about_the_product_in_view<'p>(ctx: &Ctx<'_>, intent: &'p str) -> &'p str {
    const PRONOUNS: &[&str] = &["it", "them", "this", "that", "these", "those"];
    const PREPOSITIONS: &[&str] = &["with", "for", "in", "on", "into", "about", "of", "from"];
    const QUESTION_VERBS: &[&str] = &["does", "do", "can", "will", "would", "could", "is", "are"];
    let off_topic = intent == Intent::OutOfScope.as_str() || intent == Intent::Chitchat.as_str();
    if !off_topic || ctx.pressed || ctx.tracker.focus.is_none() {
        return intent;
    }
    let words = crate::lexicon::lower_words(&ctx.parse.text);
    let asks_about_it = words.windows(2).enumerate().any(|(i, pair)| {
        let (before, word) = (pair[0].as_str(), pair[1].as_str());
        PRONOUNS.contains(&word)
            && (PREPOSITIONS.contains(&before) || (i == 0 && QUESTION_VERBS.contains(&before)))
    });
    if asks_about_it && ctx.parse.text.trim_end().ends_with('?') {
        Intent::ProductInfo.as_str()
    } else {
        intent
    }
}

/// "take out the northway ones" with a list of hoodies on screen and no northway line in
/// the cart takes them out of the list: the model's `remove_from_cart` stands only where
/// the message points at a line of the cart or names the cart.
fn list_refinement_read_as_cart<'p>(ctx: &Ctx<'_>, intent: &'p str) -> &'p str {
    if intent != Intent::RemoveFromCart.as_str()
        || ctx.tracker.last_products.is_empty()
        || cart_talk::names_a_line(ctx)
        || crate::lexicon::names_cart(&ctx.parse.text)
    {
        return intent;
    }
    let names_a_value = ctx.parse.slots.iter().any(|s| {
        matches!(
            s.kind(),
            Some(SlotKind::Brand | SlotKind::Color | SlotKind::Material | SlotKind::Size)
        )
    });
    if names_a_value {
        Intent::RefineSearch.as_str()
    } else {
        intent
    }
}

/// "not summit", "no, in black": a no that names what to search for, with no question
/// pending and a search in force, refines the search rather than declining. So does a
/// message that turns down a value of the search ("i don't want tidewater, had one and it
/// broke"), however the model read its mood.
fn refinement_said_as_no<'p>(ctx: &Ctx<'_>, parse: &'p Parse) -> &'p str {
    let searching = !ctx.tracker.slots.is_empty() || !ctx.tracker.last_products.is_empty();
    let wishes = || {
        parse.slots.iter().filter(|s| {
            s.kind()
                .is_some_and(|k| super::request::SEARCH_SLOTS.contains(&k))
        })
    };
    let turns_one_down = wishes().any(|s| crate::lexicon::excluded_at(&parse.text, s.start));
    let names_a_wish = wishes().next().is_some();
    let reads_as_a_no = parse.intent == "deny"
        || (turns_one_down && matches!(parse.intent.as_str(), "complaint" | "chitchat"));
    if searching && names_a_wish && reads_as_a_no {
        "refine_search"
    } else {
        &parse.intent
    }
}

/// "Our manager is leaving the team … maybe a board game, nothing over 40 euros": a
/// message that names something to buy and asks for no person is a shopping need, however
/// the model read its mood (a story of people leaving, teams and colleagues pulls it
/// towards a handoff). The need goes to the recommender when it names who it is for.
fn shopping_story_read_as_handoff(parse: &Parse) -> Option<&'static str> {
    let names_a_thing =
        parse.slot(SlotKind::ProductType).is_some() || parse.slot(SlotKind::Product).is_some();
    if parse.intent != "human_agent"
        || !names_a_thing
        || crate::lexicon::asks_for_a_person(&parse.text)
    {
        return None;
    }
    Some(if parse.slot(SlotKind::Recipient).is_some() {
        "recommend"
    } else {
        "search_product"
    })
}

/// "Which one is the cheapest?" asks about the list on screen, whatever the intent read
/// (recommend, refine, compare); "which is the cheapest laptop" names a new search.
fn asks_which_of_the_list(parse: &Parse) -> bool {
    let text = parse.text.trim_start().to_lowercase();
    text.starts_with("which")
        && parse.slot(SlotKind::ProductType).is_none()
        && parse.slot(SlotKind::Product).is_none()
}

/// `Some` when this turn answers the question kefu asked.
fn answer_pending(
    ctx: &mut Ctx<'_>,
    parse: &Parse,
    pending: Pending,
    now: DateTime<Utc>,
) -> Result<Option<Outcome>, DialogueError> {
    let intent = parse.intent.as_str();
    let out = match (&pending, intent) {
        (Pending::ConfirmHandoff, "affirm") => Some(talk::handoff(ctx, "handoff")),
        (Pending::ConfirmHandoff, "deny") => {
            ctx.tracker.pending = None;
            ctx.tracker.fallbacks = 0;
            ctx.tracker.failures = 0;
            Some(Outcome::say(
                "handoff_declined",
                ctx.t("handoff_declined", &[]),
            ))
        }
        (Pending::ConfirmCancel { .. } | Pending::ConfirmReturn { .. }, "affirm") => {
            ctx.tracker.pending = None;
            Some(
                orders::confirm(ctx, pending, now)
                    .map_err(|e| DialogueError::Internal(e.to_string()))?,
            )
        }
        (Pending::ConfirmCancel { .. } | Pending::ConfirmReturn { .. }, "deny") => {
            ctx.tracker.pending = None;
            Some(orders::decline(ctx, pending))
        }
        (Pending::AskEmail { then, .. }, _) if email_in(&parse.text).is_some() => {
            Some(run_intent(ctx, &then.clone(), now))
        }
        (Pending::AskOrderId { then }, _) if parse.slot(SlotKind::OrderId).is_some() => {
            ctx.tracker.pending = None;
            Some(run_intent(ctx, &then.clone(), now))
        }
        (Pending::AskSlot { slot, then }, _) if parse.slot(*slot).is_some() => {
            ctx.tracker.pending = None;
            Some(run_intent(ctx, &then.clone(), now))
        }
        (Pending::AskCsat, _) if csat_score(&parse.text).is_some() => {
            ctx.tracker.pending = None;
            let mut out = Outcome::say("csat", ctx.t("csat_thanks", &[]));
            out.csat = csat_score(&parse.text);
            Some(out)
        }
        _ => {
            // The shopper moved on; the question lapses.
            ctx.tracker.pending = None;
            None
        }
    };
    Ok(out)
}

/// Every intent [`run_intent`] acts on ([`Intent`]'s labels). Button payloads may name
/// only these, and metrics label turns only by these: anything else a client writes into
/// a payload would otherwise become a new label, without bound.
pub const INTENTS: [&str; Intent::ALL.len()] = INTENT_LABELS;

fn run_intent(ctx: &mut Ctx<'_>, label: &str, now: DateTime<Utc>) -> Outcome {
    let Some(intent) = Intent::parse(label) else {
        // An intent a retrained model knows but this build has no action for.
        tracing::warn!(intent = label, "no action for intent");
        return talk::fallback(ctx, ctx.parse);
    };
    match intent {
        Intent::Greet => talk::small_talk(ctx, "greet"),
        Intent::Goodbye => {
            let bye = talk::small_talk(ctx, "goodbye");
            ask_csat(ctx, bye)
        }
        Intent::Thanks => talk::small_talk(ctx, "thanks"),
        Intent::Chitchat => talk::small_talk(ctx, "chitchat"),
        Intent::OutOfScope => talk::small_talk(ctx, "out_of_scope"),
        Intent::Affirm => Outcome::say("affirm", ctx.t("nothing_pending", &[])),
        Intent::Deny => Outcome::say("deny", ctx.t("deny_ok", &[])),
        Intent::SearchProduct => search::search(ctx),
        Intent::RefineSearch => search::refine(ctx),
        Intent::Recommend => search::recommend(ctx),
        Intent::ProductInfo => product::product_info(ctx),
        Intent::CompareProducts => product::compare(ctx),
        Intent::CheckPrice => product::check_price(ctx),
        Intent::CheckStock => product::check_stock(ctx),
        Intent::AddToCart => cart::add_to_cart(ctx),
        Intent::ViewCart => cart_talk::view(ctx),
        Intent::RemoveFromCart => cart_talk::remove(ctx),
        Intent::UpdateCart => cart_talk::update(ctx),
        Intent::EmptyCart => cart_talk::empty(ctx),
        Intent::CancelOrder | Intent::ReturnItem | Intent::RefundStatus
            if !ctx.pressed && asks_how_it_works(ctx.parse) =>
        {
            how_it_works(ctx, intent)
        }
        Intent::OrderStatus => orders::status(ctx),
        Intent::CancelOrder => orders::cancel(ctx),
        Intent::ReturnItem => orders::return_item(ctx, now),
        Intent::RefundStatus => orders::refund(ctx),
        Intent::ShippingInfo => talk::policy(ctx, "shipping_info", PolicyKind::Shipping),
        Intent::PaymentInfo => talk::policy(ctx, "payment_info", PolicyKind::Payment),
        Intent::WarrantyInfo => talk::policy(ctx, "warranty_info", PolicyKind::Warranty),
        Intent::Complaint => talk::complaint(ctx),
        Intent::HumanAgent => talk::handoff(ctx, "handoff"),
    }
}

/// "How do returns work here?" asks about the policy, not for a return: a question with no
/// order number in it. The action is started only when the shopper asks for it.
fn asks_how_it_works(parse: &Parse) -> bool {
    parse.slot(SlotKind::OrderId).is_none() && crate::lexicon::asks_how_it_works(&parse.text)
}

/// The returns policy (or the FAQ answer that fits the question), with a button that
/// starts the action the question was about.
fn how_it_works(ctx: &mut Ctx<'_>, intent: Intent) -> Outcome {
    let intent = intent.as_str();
    let mut out = talk::policy_terms(ctx, intent, PolicyKind::Returns);
    out.quick_replies = vec![ctx.quick(
        &format!("label_{intent}"),
        super::outcome::intent_payload(intent, &[]),
    )];
    out
}

/// Adds the rating question to a goodbye, once a session, when `dialogue.csat` is on.
fn ask_csat(ctx: &mut Ctx<'_>, goodbye: Outcome) -> Outcome {
    if !ctx.csat || ctx.tracker.csat_asked {
        return goodbye;
    }
    ctx.tracker.csat_asked = true;
    ctx.tracker.pending = Some(Pending::AskCsat);
    let text = format!("{} {}", goodbye.text, ctx.t("csat_question", &[]));
    let stars = (1..=5)
        .map(|n| QuickReply {
            title: "★".repeat(n),
            payload: n.to_string(),
        })
        .collect();
    Outcome { text, ..goodbye }.with_quick_replies(stars)
}

/// A rating from 1 to 5: the bare digit, "4/5", "4 stars", or the stars themselves.
fn csat_score(text: &str) -> Option<u8> {
    let t = text.trim();
    let stars = t.chars().filter(|c| *c == '★' || *c == '⭐').count();
    if stars > 0
        && t.chars()
            .all(|c| c == '★' || c == '⭐' || c.is_whitespace())
    {
        return (stars <= 5).then_some(stars as u8);
    }
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = t[digits.len()..].trim().to_lowercase();
    let n: u8 = digits.parse().ok()?;
    let ok_rest = rest.is_empty()
        || rest == "/5"
        || rest == "out of 5"
        || rest.starts_with("star")
        || rest == "/ 5";
    ((1..=5).contains(&n) && ok_rest).then_some(n)
}

#[cfg(test)]
mod csat_tests {
    use super::csat_score;

    #[test]
    fn ratings_are_read_in_the_usual_shapes_and_nothing_else() {
        for (text, want) in [
            ("4", Some(4)),
            (" 5 ", Some(5)),
            ("3/5", Some(3)),
            ("2 stars", Some(2)),
            ("1 star", Some(1)),
            ("★★★", Some(3)),
            ("0", None),
            ("6", None),
            ("48213", None),
            ("4 more please", None),
            ("great", None),
            ("", None),
        ] {
            assert_eq!(csat_score(text), want, "{text:?}");
        }
    }
}
