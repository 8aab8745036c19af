//! The checks of what the conversation holds after a turn: slots, focus, cart.

use super::checks::{fail, Failure, FailureKind, TurnView};
use super::format::Step;

pub(super) fn check_tracker(step: &Step, t: &TurnView<'_>) -> Vec<Failure> {
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
            let named = t
                .graph
                .product(line.product.as_str())
                .is_some_and(|p| super::checks::names(t.graph, p, &text));
            if !named {
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
