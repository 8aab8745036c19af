//! The rows of a side-by-side comparison ("price: €169.00 | €89.00"), worded in the
//! reply's locale: the row labels and yes/no from the shop's templates (`compare_*`,
//! `value_*`), attribute names from the shop's texts in that language.

use std::collections::{BTreeMap, BTreeSet};

use crate::knowledge::{AttrValue, Product};

use super::ctx::Ctx;

/// Price, rating where they differ, then every attribute the two state differently, in
/// the order of the attributes' ids.
pub(super) fn rows(ctx: &Ctx<'_>, a: &Product, b: &Product) -> Vec<String> {
    let row = |label: String, x: String, y: String| {
        ctx.t("compare_row", &[("label", label), ("a", x), ("b", y)])
    };
    let mut rows = vec![row(
        ctx.t("compare_price", &[]),
        ctx.price(a.price, &a.currency),
        ctx.price(b.price, &b.currency),
    )];
    if a.rating != b.rating {
        let rating = |p: &Product| p.rating.map_or("–".into(), |r| format!("{r:.1}"));
        rows.push(row(ctx.t("compare_rating", &[]), rating(a), rating(b)));
    }
    let (fa, fb) = (facts(ctx, a), facts(ctx, b));
    let ids: BTreeSet<&String> = fa.keys().chain(fb.keys()).collect();
    for id in ids {
        let (va, vb) = (fa.get(id), fb.get(id));
        if va != vb {
            let shown = |v: Option<&String>| v.map_or("–".to_string(), String::clone);
            rows.push(row(label(ctx, id), shown(va), shown(vb)));
        }
    }
    rows
}

/// A product's stated values by attribute id, with their units.
fn facts(ctx: &Ctx<'_>, p: &Product) -> BTreeMap<String, String> {
    ctx.graph
        .facts(p.id.as_str())
        .iter()
        .map(|f| {
            let unit = f
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            let value = value_words(ctx, &f.value);
            (f.attribute.clone(), format!("{value}{unit}"))
        })
        .collect()
}

/// An attribute's row label: its name in the reply's language where the shop has texts
/// in it, else the id as words ("drop mm"), as kefu has always written it.
fn label(ctx: &Ctx<'_>, id: &str) -> String {
    ctx.graph
        .locale(&ctx.locale)
        .and_then(|texts| texts.attribute(id))
        .map_or_else(|| id.replace('_', " "), |a| a.name.clone())
}

/// A value in words: yes and no in the reply's language, numbers and texts as stated.
pub(super) fn value_words(ctx: &Ctx<'_>, value: &AttrValue) -> String {
    match value {
        AttrValue::Bool(true) => ctx.t("value_yes", &[]),
        AttrValue::Bool(false) => ctx.t("value_no", &[]),
        other => other.to_string(),
    }
}
