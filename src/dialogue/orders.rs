//! Order actions against the shop's order book: status, cancel, return, refund. An order's
//! details are shown only to its owner (the session's signed-in user) or after its email
//! is given; changing an order (cancel, return) needs its owner, signed in.

use crate::types::SlotKind;
use chrono::{DateTime, Utc};

use serde::{Deserialize, Serialize};

use crate::knowledge::{Order, OrderStatus, PolicyKind};
use crate::store::{Store, StoreError, Tree};

use super::ctx::Ctx;
use super::outcome::{intent_payload, Outcome};
use super::tracker::Pending;

/// Days to return a delivered order when the returns policy states no window.
const DEFAULT_RETURN_DAYS: f64 = 30.0;

fn date(d: Option<DateTime<Utc>>, locale: &str) -> String {
    d.map(|d| super::nlg::format_date(d, locale))
        .unwrap_or_else(|| "—".into())
}

/// Order ids as shoppers write them: "#KF-1029", "no. 1029" → "KF-1029", "1029".
fn clean_id(raw: &str) -> String {
    raw.trim()
        .trim_start_matches('#')
        .trim_start_matches("no.")
        .trim()
        .to_string()
}

/// Changes made through the chat (cancellations, returns started), kept in sled on top of
/// the order book, which stays the shop's file.
#[derive(Clone)]
pub struct OrderChanges {
    tree: Tree<OrderChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderChange {
    pub status: OrderStatus,
    pub at: DateTime<Utc>,
    pub session: String,
}

impl OrderChanges {
    pub fn open(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            tree: store.tree("dialogue.order_changes")?,
        })
    }

    pub fn get(&self, order_id: &str) -> Option<OrderChange> {
        self.tree.get(order_id).ok().flatten()
    }

    pub fn record(&self, order_id: &str, change: &OrderChange) -> Result<(), StoreError> {
        self.tree.insert(order_id, change)?;
        Ok(())
    }
}

fn find_order(ctx: &Ctx<'_>, raw: &str) -> Option<Order> {
    let id = clean_id(raw);
    let mut order = ctx
        .graph
        .order(&id)
        .or_else(|| ctx.graph.order(&id.to_uppercase()))
        .cloned()?;
    if let Some(change) = ctx.order_changes.get(&order.id) {
        order.status = change.status;
        match change.status {
            OrderStatus::Cancelled => order.cancelled_at = Some(change.at),
            OrderStatus::Returned => order.returned_at = Some(change.at),
            _ => {}
        }
    }
    Some(order)
}

/// The email a shopper typed, if the text holds one.
pub fn email_in(text: &str) -> Option<String> {
    let &(start, end) = email_spans(text).first()?;
    Some(crate::nlu::char_slice(text, start, end).to_lowercase())
}

/// Email addresses in `text` as character ranges: a whitespace-separated word, stripped of
/// surrounding punctuation, with one "@", something before it and a dot after it (a
/// sentence's closing full stop is left out of the range).
pub(crate) fn email_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let part_of_address = |c: char| c.is_alphanumeric() || "@._-+".contains(c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let end_of_word = (i..chars.len())
            .find(|&j| chars[j].is_whitespace())
            .unwrap_or(chars.len());
        let (mut a, mut b) = (i, end_of_word);
        while a < b && !part_of_address(chars[a]) {
            a += 1;
        }
        while b > a && !part_of_address(chars[b - 1]) {
            b -= 1;
        }
        let word: String = chars[a..b].iter().collect();
        let mut parts = word.split('@');
        if let (Some(user), Some(domain), None) = (parts.next(), parts.next(), parts.next()) {
            if !user.is_empty() && domain.contains('.') {
                while b > a && chars[b - 1] == '.' {
                    b -= 1;
                }
                out.push((a, b));
            }
        }
        i = end_of_word;
    }
    out
}

/// The session's signed-in user is the order's.
fn owns(ctx: &Ctx<'_>, order: &Order) -> bool {
    ctx.tracker.user.as_deref() == Some(order.user_id.as_str())
}

fn may_see(ctx: &Ctx<'_>, order: &Order) -> bool {
    owns(ctx, order) || ctx.tracker.verified_orders.contains(&order.id)
}

/// The order this turn names (a slot, the order an email question was about, or the one
/// just shown), asking for the number when there is none. Not yet checked for who may see it.
fn named_order(ctx: &mut Ctx<'_>, then: &str) -> Result<Order, Outcome> {
    let raw = ctx
        .slot(SlotKind::OrderId)
        .map(str::to_string)
        .or_else(|| match &ctx.tracker.pending {
            Some(Pending::AskEmail { order_id, .. }) => Some(order_id.clone()),
            _ => None,
        })
        // "Cancel it" right after the order's status: the replies name the order, and
        // cancelling or returning asks to confirm it.
        .or_else(|| ctx.tracker.order_focus.clone());
    let Some(raw) = raw else {
        ctx.tracker.pending = Some(Pending::AskOrderId { then: then.into() });
        // A signed-in shopper picks from their own latest orders.
        let quick = match ctx.tracker.user.clone() {
            Some(user) => ctx
                .graph
                .orders_of(&user)
                .into_iter()
                .take(4)
                .map(|o| {
                    super::outcome::plain_quick(
                        &format!("{} ({})", o.id, date(Some(o.placed_at), &ctx.locale)),
                        intent_payload(then, &[("order_id", o.id.as_str())]),
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        return Err(
            Outcome::say("ask_order_id", ctx.t("order_ask_id", &[])).with_quick_replies(quick)
        );
    };
    let Some(order) = find_order(ctx, &raw) else {
        ctx.tracker.failures += 1;
        ctx.tracker.pending = None;
        let text = ctx.t("order_not_found", &[("order_id", clean_id(&raw))]);
        return Err(Outcome::say("order_not_found", text));
    };
    Ok(order)
}

/// Resolves the order this turn is about, asking for what is missing (its number, then —
/// for a shopper who does not own it — the email on it). `Ok` carries an order the
/// session may see.
fn order_for(ctx: &mut Ctx<'_>, then: &str) -> Result<Order, Outcome> {
    let order = named_order(ctx, then)?;
    if may_see(ctx, &order) {
        ctx.tracker.order_focus = Some(order.id.clone());
        return Ok(order);
    }
    match email_in(&ctx.parse.text) {
        Some(email) if !order.email.is_empty() && email.eq_ignore_ascii_case(&order.email) => {
            ctx.tracker.verified_orders.push(order.id.clone());
            ctx.tracker.order_focus = Some(order.id.clone());
            Ok(order)
        }
        Some(_) => {
            ctx.tracker.pending = None;
            ctx.tracker.failures += 1;
            Err(Outcome::say(
                "order_email_mismatch",
                ctx.t("order_email_mismatch", &[("order_id", order.id.clone())]),
            ))
        }
        None => {
            ctx.tracker.pending = Some(Pending::AskEmail {
                order_id: order.id.clone(),
                then: then.into(),
            });
            Err(Outcome::say(
                "ask_email",
                ctx.t("order_ask_email", &[("order_id", order.id.clone())]),
            ))
        }
    }
}

/// Resolves an order to cancel or return: only its owner, signed in by the shop, may. An
/// email proves who may *see* an order, not who may change it.
fn order_to_change(ctx: &mut Ctx<'_>, then: &str) -> Result<Order, Outcome> {
    if ctx.tracker.user.is_none() {
        ctx.tracker.pending = None;
        return Err(Outcome::say(
            "order_change_sign_in",
            ctx.t("order_change_sign_in", &[]),
        ));
    }
    let order = named_order(ctx, then)?;
    if !owns(ctx, &order) {
        ctx.tracker.pending = None;
        ctx.tracker.failures += 1;
        return Err(Outcome::say(
            "order_change_not_owner",
            ctx.t("order_change_not_owner", &[("order_id", order.id.clone())]),
        ));
    }
    ctx.tracker.order_focus = Some(order.id.clone());
    Ok(order)
}

pub fn status(ctx: &mut Ctx<'_>) -> Outcome {
    let order = match order_for(ctx, "order_status") {
        Ok(o) => o,
        Err(out) => return out,
    };
    ctx.tracker.pending = None;
    ctx.tracker.failures = 0;
    let (key, when) = match order.status {
        OrderStatus::Placed => ("order_status_placed", order.placed_at.into()),
        OrderStatus::Paid => ("order_status_paid", order.paid_at),
        OrderStatus::Shipped => ("order_status_shipped", order.shipped_at),
        OrderStatus::Delivered => ("order_status_delivered", order.delivered_at),
        OrderStatus::Cancelled => ("order_status_cancelled", order.cancelled_at),
        OrderStatus::Returned => ("order_status_returned", order.returned_at),
        OrderStatus::Refunded => ("order_status_refunded", order.refunded_at),
    };
    let (carrier, tracking) = order
        .tracking
        .as_ref()
        .map(|t| (t.carrier.clone(), t.number.clone()))
        .unwrap_or_default();
    let text = ctx.t(
        key,
        &[
            ("order_id", order.id.clone()),
            ("date", date(when, &ctx.locale)),
            ("carrier", carrier),
            ("tracking", tracking),
        ],
    );
    Outcome::say("order_status", text)
}

pub fn cancel(ctx: &mut Ctx<'_>) -> Outcome {
    let order = match order_to_change(ctx, "cancel_order") {
        Ok(o) => o,
        Err(out) => return out,
    };
    ctx.tracker.failures = 0;
    match order.status {
        OrderStatus::Placed | OrderStatus::Paid => {
            ctx.tracker.pending = Some(Pending::ConfirmCancel {
                order_id: order.id.clone(),
            });
            let text = ctx.t(
                "cancel_confirm",
                &[
                    ("order_id", order.id.clone()),
                    ("status", status_words(ctx, order.status)),
                ],
            );
            let quick = vec![
                ctx.quick("label_yes", intent_payload("affirm", &[])),
                ctx.quick("label_no", intent_payload("deny", &[])),
            ];
            Outcome::say("confirm_cancel", text).with_quick_replies(quick)
        }
        _ => {
            ctx.tracker.pending = None;
            let hint = if matches!(order.status, OrderStatus::Shipped | OrderStatus::Delivered) {
                ctx.t("cancel_hint_return", &[])
            } else {
                String::new()
            };
            let text = ctx.t(
                "cancel_not_allowed",
                &[
                    ("order_id", order.id.clone()),
                    ("status", status_words(ctx, order.status)),
                    ("hint", hint),
                ],
            );
            Outcome::say("cancel_not_allowed", text)
        }
    }
}

/// An order's status in the reply's language ("shipped", "已发货"): `order_state_*` keys.
fn status_words(ctx: &Ctx<'_>, status: OrderStatus) -> String {
    ctx.t(&format!("order_state_{}", status.as_str()), &[])
}

fn return_window(ctx: &Ctx<'_>) -> f64 {
    ctx.graph
        .policy(PolicyKind::Returns)
        .and_then(|p| {
            p.terms
                .get("return_window_days")
                .or_else(|| p.terms.get("window_days"))
                .copied()
        })
        .unwrap_or(DEFAULT_RETURN_DAYS)
}

pub fn return_item(ctx: &mut Ctx<'_>, now: DateTime<Utc>) -> Outcome {
    let order = match order_to_change(ctx, "return_item") {
        Ok(o) => o,
        Err(out) => return out,
    };
    ctx.tracker.failures = 0;
    ctx.tracker.pending = None;
    let days = return_window(ctx);
    let vars_base = [
        ("order_id", order.id.clone()),
        ("days", format!("{days}")),
        ("status", status_words(ctx, order.status)),
    ];
    match order.status {
        OrderStatus::Delivered => {
            let delivered = order.delivered_at.unwrap_or(order.placed_at);
            let age = (now - delivered).num_hours() as f64 / 24.0;
            let mut vars = vars_base.to_vec();
            vars.push(("date", date(Some(delivered), &ctx.locale)));
            if age <= days {
                ctx.tracker.pending = Some(Pending::ConfirmReturn {
                    order_id: order.id.clone(),
                });
                let quick = vec![
                    ctx.quick("label_yes", intent_payload("affirm", &[])),
                    ctx.quick("label_no", intent_payload("deny", &[])),
                ];
                Outcome::say("confirm_return", ctx.t("return_confirm", &vars))
                    .with_quick_replies(quick)
            } else {
                let warranty = ctx
                    .graph
                    .policy_in(PolicyKind::Warranty, &ctx.locale)
                    .map(|p| p.summary.clone())
                    .unwrap_or_default();
                vars.push(("warranty", warranty));
                Outcome::say(
                    "return_outside_window",
                    ctx.t("return_outside_window", &vars),
                )
            }
        }
        OrderStatus::Returned | OrderStatus::Refunded | OrderStatus::Cancelled => {
            Outcome::say("return_already", ctx.t("return_already", &vars_base))
        }
        _ => Outcome::say(
            "return_not_delivered",
            ctx.t("return_not_delivered", &vars_base),
        ),
    }
}

pub fn refund(ctx: &mut Ctx<'_>) -> Outcome {
    let order = match order_for(ctx, "refund_status") {
        Ok(o) => o,
        Err(out) => return out,
    };
    ctx.tracker.failures = 0;
    ctx.tracker.pending = None;
    let amount = ctx.price(order.total, &order.currency);
    let (key, when) = match order.status {
        OrderStatus::Refunded => ("refund_done", order.refunded_at),
        OrderStatus::Returned => ("refund_pending", order.returned_at),
        _ => ("refund_none", None),
    };
    let text = ctx.t(
        key,
        &[
            ("order_id", order.id.clone()),
            ("date", date(when, &ctx.locale)),
            ("amount", amount),
            ("status", status_words(ctx, order.status)),
        ],
    );
    Outcome::say("refund_status", text)
}

/// The shopper said yes to a pending cancel or return.
pub fn confirm(
    ctx: &mut Ctx<'_>,
    pending: Pending,
    now: DateTime<Utc>,
) -> Result<Outcome, StoreError> {
    let (order_id, status, action, key) = match pending {
        Pending::ConfirmCancel { order_id } => (
            order_id,
            OrderStatus::Cancelled,
            "cancel_order",
            "cancel_done",
        ),
        Pending::ConfirmReturn { order_id } => (
            order_id,
            OrderStatus::Returned,
            "return_item",
            "return_started",
        ),
        _ => return Ok(Outcome::say("affirm", ctx.t("nothing_pending", &[]))),
    };
    // The question was only asked of the owner; asked again so no stored state can skip it.
    if !find_order(ctx, &order_id).is_some_and(|o| owns(ctx, &o)) {
        return Ok(Outcome::say(
            "order_change_not_owner",
            ctx.t("order_change_not_owner", &[("order_id", order_id)]),
        ));
    }
    ctx.order_changes.record(
        &order_id,
        &OrderChange {
            status,
            at: now,
            session: ctx.tracker.session.clone(),
        },
    )?;
    Ok(Outcome::say(action, ctx.t(key, &[("order_id", order_id)])))
}

/// The shopper said no to a pending cancel or return.
pub fn decline(ctx: &mut Ctx<'_>, pending: Pending) -> Outcome {
    match pending {
        Pending::ConfirmCancel { order_id } => Outcome::say(
            "cancel_kept",
            ctx.t("cancel_kept", &[("order_id", order_id)]),
        ),
        Pending::ConfirmReturn { order_id } => Outcome::say(
            "return_kept",
            ctx.t("return_kept", &[("order_id", order_id)]),
        ),
        _ => Outcome::say("deny", ctx.t("deny_ok", &[])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_ids_are_found_in_text() {
        assert_eq!(
            email_in("it's Jo.Doe@Example.com."),
            Some("jo.doe@example.com".into())
        );
        assert_eq!(email_in("my mail is jo at example"), None);
        assert_eq!(clean_id("#KF-1029"), "KF-1029");
        assert_eq!(clean_id("no. 55"), "55");
    }

    #[test]
    fn email_addresses_are_character_spans() {
        assert_eq!(email_spans("mail é@x.io now"), vec![(5, 11)]);
        assert_eq!(email_spans("a@b no@dot @x.com two@@x.com"), vec![]);
        assert_eq!(email_spans("(me@Shop.com)"), vec![(1, 12)]);
    }
}
