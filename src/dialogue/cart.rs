//! The cart: putting products in it from the conversation, and the view a client shows.

use crate::knowledge::Graph;
use crate::types::{CartLineView, CartView, SlotKind};

use super::ctx::Ctx;
use super::outcome::{intent_payload, plain_quick, Outcome};
use super::product::{names_size, need_product, slot_word, variant_words};
use super::slots::parse_quantity;
use super::tracker::CartLine;
use super::tracker::Pending;
use crate::knowledge::Product;

/// The cart as it stands, its products named in `locale` (the catalogue's name where the
/// shop has none in it). A line whose product left the catalogue is left out (it can't be
/// priced or bought).
pub fn view(cart: &[CartLine], graph: &Graph, locale: &str) -> CartView {
    let mut out = CartView::default();
    for line in cart {
        let Some(p) = graph.product(line.product.as_str()) else {
            continue;
        };
        let variant = line
            .sku
            .as_deref()
            .and_then(|sku| p.variants.iter().find(|v| v.sku == sku));
        if out.lines.is_empty() {
            out.currency = p.currency.clone();
        }
        if p.currency == out.currency {
            out.total += p.price * f64::from(line.quantity);
        }
        out.count += line.quantity;
        out.lines.push(CartLineView {
            product: p.id.clone(),
            name: graph.product_name(p, locale).to_string(),
            sku: line.sku.clone(),
            size: variant.and_then(|v| v.size.clone()),
            colour: variant.and_then(|v| v.colour.clone()),
            quantity: line.quantity,
            price: p.price,
            currency: p.currency.clone(),
        });
    }
    // Cents, not float dust: 3 × 19.99 is 59.97.
    out.total = (out.total * 100.0).round() / 100.0;
    out
}

pub fn add_to_cart(ctx: &mut Ctx<'_>) -> Outcome {
    // A shop page's or a card's button names the product by id (`product_id`); words
    // name it by name, ordinal or "it".
    let by_id = match ctx.button("product_id") {
        Some(id) => match ctx.graph.product(id) {
            Some(p) => Some(p.clone()),
            None => return need_product(ctx, "add_to_cart"),
        },
        None => None,
    };
    let Some(p) = by_id.or_else(|| ctx.referenced_products().into_iter().next()) else {
        return need_product(ctx, "add_to_cart");
    };
    ctx.focus_on(&p.id);
    if !p.in_stock() {
        return Outcome::say(
            "add_to_cart",
            ctx.t("cart_out_of_stock", &[("name", ctx.name(&p))]),
        );
    }
    let quantity = ctx
        .slot(SlotKind::Quantity)
        .and_then(parse_quantity)
        .unwrap_or(1)
        .max(1);
    let mut sku = None;
    if !p.variants.is_empty() {
        let (size, colour) = variant_wish(ctx, &p);
        let fits: Vec<_> = p
            .variants_in_stock(size.as_deref(), colour.as_deref())
            .collect();
        let sizes = distinct(fits.iter().map(|v| v.size.clone()));
        let colours = distinct(fits.iter().map(|v| v.colour.clone()));
        if fits.is_empty() {
            // In stock, but not in the size or colour asked for: say what there is.
            let available: Vec<String> = p
                .variants_in_stock(None, None)
                .map(|v| variant_words(ctx, v.size.as_deref(), v.colour.as_deref()))
                .collect();
            let text = ctx.t(
                "stock_variant_no",
                &[
                    ("name", ctx.name(&p)),
                    (
                        "variant",
                        variant_words(ctx, size.as_deref(), colour.as_deref()),
                    ),
                    ("available", available.join("; ")),
                ],
            );
            return Outcome::say("add_to_cart", text);
        }
        if sizes.len() <= 1 && colours.len() <= 1 {
            sku = Some(fits[0].sku.clone());
        } else {
            // Ask for what still tells the variants apart, offering what is in stock; the
            // buttons carry the other half of the choice when it is made.
            let (slot, options, other) = if sizes.len() > 1 {
                (
                    SlotKind::Size,
                    sizes,
                    colour.as_deref().map(|c| ("color", c)),
                )
            } else {
                (
                    SlotKind::Color,
                    colours,
                    size.as_deref().map(|s| ("size", s)),
                )
            };
            ctx.tracker.pending = Some(Pending::AskSlot {
                slot,
                then: "add_to_cart".into(),
            });
            let count = quantity.to_string();
            let quick = options
                .iter()
                .map(|o| {
                    let mut slots = vec![(slot.as_str(), o.as_str())];
                    slots.extend(other);
                    if quantity > 1 {
                        slots.push(("quantity", count.as_str()));
                    }
                    plain_quick(o, intent_payload("add_to_cart", &slots))
                })
                .collect();
            let text = ctx.t(
                "cart_ask_variant",
                &[
                    ("slot", slot_word(ctx, slot)),
                    ("name", ctx.name(&p)),
                    ("options", options.join(", ")),
                ],
            );
            return Outcome::say("ask_variant", text).with_quick_replies(quick);
        }
    }
    // Say which variant went in: the size may have come from the search ("44"), not
    // from this message.
    let name = match sku
        .as_deref()
        .and_then(|sku| p.variants.iter().find(|v| v.sku == sku))
        .map(|v| {
            let named = |c: &&str| p.name.to_lowercase().contains(&c.to_lowercase());
            variant_words(
                ctx,
                v.size.as_deref(),
                v.colour.as_deref().filter(|c| !named(c)),
            )
        }) {
        Some(variant) if !variant.is_empty() => format!("{} ({variant})", ctx.name(&p)),
        _ => ctx.name(&p),
    };
    // The same product and variant again is one line with more of it.
    match ctx
        .tracker
        .cart
        .iter_mut()
        .find(|l| l.product == p.id && l.sku == sku)
    {
        Some(line) => line.quantity = line.quantity.saturating_add(quantity),
        None => ctx.tracker.cart.push(CartLine {
            product: p.id.clone(),
            sku,
            quantity,
        }),
    }
    ctx.tracker.failures = 0;
    let text = ctx.t(
        "cart_added",
        &[("count", quantity.to_string()), ("name", name)],
    );
    let card = ctx.card(&p, None);
    Outcome::say("add_to_cart", text).with_products(vec![card])
}

/// The values in first-seen order, once each.
fn distinct(values: impl Iterator<Item = Option<String>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values.flatten() {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// The size and colour the shopper wants of `p`: what this message says, else what they
/// searched with ("boots in 44", then "add the cheaper one") when `p` has it in stock.
fn variant_wish(ctx: &Ctx<'_>, p: &Product) -> (Option<String>, Option<String>) {
    let mut size = ctx
        .slot(SlotKind::Size)
        .filter(|s| !names_size(p, s))
        .map(str::to_string);
    let mut colour = ctx.slot(SlotKind::Color).map(str::to_string);
    let searched = |kind: SlotKind| ctx.tracker.slots.get(&kind).cloned();
    if colour.is_none() {
        colour = searched(SlotKind::Color).filter(|c| {
            p.variants_in_stock(size.as_deref(), Some(c))
                .next()
                .is_some()
        });
    }
    if size.is_none() {
        size = searched(SlotKind::Size).filter(|s| {
            p.variants_in_stock(Some(s), colour.as_deref())
                .next()
                .is_some()
        });
    }
    (size, colour)
}
