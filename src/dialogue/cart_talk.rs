//! The cart in the conversation: showing it, taking a line out, changing a quantity,
//! emptying it.
//!
//! These are intents (`view_cart`, `remove_from_cart`, `update_cart`, `empty_cart`) that
//! both models read ("what have i picked so far", "scratch the sticker pack", 把杯子删掉)
//! and buttons name directly. The cart words of `lexicon` ([`intent_in`]) catch a message
//! about the cart that the model read as something else.

use crate::lexicon;
use crate::types::{Intent, ProductId, SlotKind};

use super::cart;
use super::ctx::Ctx;
use super::outcome::{intent_payload, plain_quick, Outcome};
use super::product::variant_words;
use super::slots::parse_quantity;
use super::tracker::CartLine;

pub const VIEW_CART: &str = Intent::ViewCart.as_str();
pub const REMOVE_FROM_CART: &str = Intent::RemoveFromCart.as_str();
pub const UPDATE_CART: &str = Intent::UpdateCart.as_str();
pub const EMPTY_CART: &str = Intent::EmptyCart.as_str();

/// The cart intent a typed message asks for, if it is about the cart: it names the cart
/// ("what's in my basket"), or it takes out or re-counts something that is in it ("remove
/// the mug", "make it 2 of those"). Adding stays `add_to_cart`'s.
pub fn intent_in(ctx: &Ctx<'_>) -> Option<&'static str> {
    // A cart intent the model read stands as it is ("three is too many, drop it to one" is
    // a new count, though "drop" is a word for taking out): the words are for messages the
    // model read otherwise (or a model trained without cart intents).
    let read_by_model = Intent::parse(&ctx.parse.intent).is_some_and(Intent::is_cart);
    if ctx.pressed || read_by_model {
        return None;
    }
    let text = &ctx.parse.text;
    let names_cart = lexicon::names_cart(text);
    if lexicon::asks_to_add(text) && !lexicon::asks_to_remove(text) {
        return None;
    }
    if names_cart && lexicon::asks_to_empty(text) {
        return Some(EMPTY_CART);
    }
    let in_cart = !ctx.tracker.cart.is_empty() && line_named(ctx).is_some();
    if lexicon::asks_to_remove(text) && (names_cart || in_cart) {
        return Some(REMOVE_FROM_CART);
    }
    if lexicon::asks_to_recount(text) && quantity(ctx).is_some() && (names_cart || in_cart) {
        return Some(UPDATE_CART);
    }
    // "actually I need 3 of the brick box" about a line already in the cart: a new count,
    // not three more (adding says so: "add", "put", "another").
    if in_cart && !lexicon::asks_to_add(text) && quantity(ctx).is_some() && !names_cart {
        return Some(UPDATE_CART);
    }
    names_cart.then_some(VIEW_CART)
}

/// The new count a message gives ("make it 3", "just one"): the number a change goes
/// "to" ("three is too many, drop it to one"), else the first count said ("i need 3 of
/// the brick box, one for each grandchild").
fn quantity(ctx: &Ctx<'_>) -> Option<u32> {
    count_after_to(&ctx.parse.text)
        .or_else(|| ctx.slot(SlotKind::Quantity).and_then(parse_quantity))
        .or_else(|| parse_quantity(&ctx.parse.text))
}

/// The number right after the last "to" of an English message ("down to 2", "to one").
fn count_after_to(text: &str) -> Option<u32> {
    lexicon::lower_words(text)
        .windows(2)
        .rev()
        .find(|pair| pair[0] == "to")
        .and_then(|pair| super::slots::number_word(&pair[1]))
}

/// The cart line the message points at: a product id from a button, a product the words
/// name or point to ("the mug", "it", "the second one"), or the only line there is.
fn line_named(ctx: &Ctx<'_>) -> Option<usize> {
    let only = ctx.tracker.cart.len() == 1 && ctx.button("product_id").is_none();
    line_pointed_at(ctx).or_else(|| only.then_some(0))
}

/// Whether the message points at a line of the cart (not just at the only one there is).
pub fn names_a_line(ctx: &Ctx<'_>) -> bool {
    line_pointed_at(ctx).is_some()
}

/// [`line_named`] without the only line: one the button, the reference or the words pick.
fn line_pointed_at(ctx: &Ctx<'_>) -> Option<usize> {
    let cart = &ctx.tracker.cart;
    if let Some(id) = ctx.button("product_id") {
        return cart.iter().position(|l| l.product.as_str() == id);
    }
    for p in ctx.referenced_products() {
        if let Some(i) = cart.iter().position(|l| l.product == p.id) {
            return Some(i);
        }
    }
    // Words of a line's product name ("the mug", "the nike ones"), from the parse's slots.
    let named: Vec<String> = ctx
        .parse
        .slots
        .iter()
        .filter(|s| s.slot != "quantity" && s.slot != "ordinal")
        .map(|s| s.value.to_lowercase())
        .collect();
    let matches: Vec<usize> = cart
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            ctx.graph.product(l.product.as_str()).is_some_and(|p| {
                // The catalogue's names and the reply language's ("跑步鞋").
                let hay = format!(
                    "{} {} {}",
                    p.name.to_lowercase(),
                    ctx.name(p).to_lowercase(),
                    ctx.graph
                        .category_ancestors(&p.category)
                        .iter()
                        .map(|c| {
                            let local = ctx.graph.category_name(c, &ctx.locale);
                            format!("{} {}", c.name, local).to_lowercase()
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                );
                named.iter().any(|w| hay.contains(w.trim_end_matches('s')))
            })
        })
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The cart's lines and total ("what's in my basket", "how much is my cart").
pub fn view(ctx: &mut Ctx<'_>) -> Outcome {
    ctx.tracker.failures = 0;
    let view = cart::view(&ctx.tracker.cart, &ctx.graph, &ctx.locale);
    if view.lines.is_empty() {
        return Outcome::say(VIEW_CART, ctx.t("cart_view_empty", &[]));
    }
    let lines: Vec<String> = view
        .lines
        .iter()
        .map(|l| {
            let variant = match variant_words(ctx, l.size.as_deref(), l.colour.as_deref()) {
                w if w.is_empty() => w,
                w => format!(" ({w})"),
            };
            format!(
                "{} × {}{variant} — {}",
                l.quantity,
                l.name,
                ctx.price(l.price * f64::from(l.quantity), &l.currency)
            )
        })
        .collect();
    let text = ctx.t(
        "cart_view",
        &[
            ("count", view.count.to_string()),
            ("lines", lines.join("\n")),
            ("total", ctx.price(view.total, &view.currency)),
        ],
    );
    let quick = vec![ctx.quick("label_empty_cart", intent_payload(EMPTY_CART, &[]))];
    Outcome::say(VIEW_CART, text).with_quick_replies(quick)
}

pub fn remove(ctx: &mut Ctx<'_>) -> Outcome {
    let Some(i) = line_named(ctx) else {
        return ask_which_line(ctx, REMOVE_FROM_CART);
    };
    let line = ctx.tracker.cart.remove(i);
    ctx.tracker.failures = 0;
    let text = ctx.t("cart_removed", &[("name", line_name(ctx, &line))]);
    Outcome::say(REMOVE_FROM_CART, with_cart_now(ctx, text))
}

pub fn update(ctx: &mut Ctx<'_>) -> Outcome {
    let Some(i) = line_named(ctx) else {
        return ask_which_line(ctx, UPDATE_CART);
    };
    let Some(quantity) = quantity(ctx) else {
        ctx.tracker.pending = Some(super::tracker::Pending::AskSlot {
            slot: SlotKind::Quantity,
            then: UPDATE_CART.into(),
        });
        let name = line_name(ctx, &ctx.tracker.cart[i].clone());
        return Outcome::say(
            "ask_quantity",
            ctx.t("cart_ask_quantity", &[("name", name)]),
        );
    };
    ctx.tracker.failures = 0;
    if quantity == 0 {
        let line = ctx.tracker.cart.remove(i);
        let text = ctx.t("cart_removed", &[("name", line_name(ctx, &line))]);
        return Outcome::say(REMOVE_FROM_CART, with_cart_now(ctx, text));
    }
    ctx.tracker.cart[i].quantity = quantity;
    let line = ctx.tracker.cart[i].clone();
    let text = ctx.t(
        "cart_quantity_set",
        &[
            ("count", quantity.to_string()),
            ("name", line_name(ctx, &line)),
        ],
    );
    // With one line the new count is the whole cart; say the rest only when there is more.
    let text = if ctx.tracker.cart.len() > 1 {
        with_cart_now(ctx, text)
    } else {
        text
    };
    Outcome::say(UPDATE_CART, text)
}

/// A change, then what the cart holds now (or that it is empty).
fn with_cart_now(ctx: &Ctx<'_>, done: String) -> String {
    let view = cart::view(&ctx.tracker.cart, &ctx.graph, &ctx.locale);
    if view.lines.is_empty() {
        return format!("{done} {}", ctx.t("cart_view_empty", &[]));
    }
    let lines: Vec<String> = view
        .lines
        .iter()
        .map(|l| format!("{} × {}", l.quantity, l.name))
        .collect();
    let now = ctx.t(
        "cart_now",
        &[
            ("lines", lines.join(", ")),
            ("total", ctx.price(view.total, &view.currency)),
        ],
    );
    format!("{done} {now}")
}

pub fn empty(ctx: &mut Ctx<'_>) -> Outcome {
    ctx.tracker.failures = 0;
    let key = if ctx.tracker.cart.is_empty() {
        "cart_view_empty"
    } else {
        "cart_emptied"
    };
    ctx.tracker.cart.clear();
    Outcome::say(EMPTY_CART, ctx.t(key, &[]))
}

/// "Which one?", with a button per line, or "your cart is empty".
fn ask_which_line(ctx: &mut Ctx<'_>, intent: &'static str) -> Outcome {
    if ctx.tracker.cart.is_empty() {
        return Outcome::say(intent, ctx.t("cart_view_empty", &[]));
    }
    let count = quantity(ctx).map(|q| q.to_string());
    let lines = ctx.tracker.cart.clone();
    let quick = lines
        .iter()
        .map(|l| {
            let mut slots = vec![("product_id", l.product.as_str())];
            if let Some(q) = &count {
                slots.push(("quantity", q.as_str()));
            }
            plain_quick(&line_name(ctx, l), intent_payload(intent, &slots))
        })
        .collect();
    Outcome::say("ask_cart_line", ctx.t("cart_which_line", &[])).with_quick_replies(quick)
}

fn line_name(ctx: &Ctx<'_>, line: &CartLine) -> String {
    let id: &ProductId = &line.product;
    ctx.graph
        .product(id.as_str())
        .map(|p| ctx.name(p))
        .unwrap_or_else(|| id.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::count_after_to;

    #[test]
    fn a_new_count_is_the_number_a_change_goes_to() {
        assert_eq!(count_after_to("three is too many, drop it to one"), Some(1));
        assert_eq!(count_after_to("bring the mugs down to 2"), Some(2));
        assert_eq!(count_after_to("i want to have 3"), None);
        assert_eq!(count_after_to("make it 3"), None);
    }
}
