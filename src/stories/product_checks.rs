//! The checks of a step's `products:` on the reply's cards.

use super::checks::{fail, Failure, FailureKind};
use super::format::ProductCheck;
use crate::knowledge::{Graph, Verdict};
use crate::types::Reply;

pub(super) fn check_products(
    g: &Graph,
    c: &ProductCheck,
    reply: &Reply,
    previous: &[String],
) -> Vec<Failure> {
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
