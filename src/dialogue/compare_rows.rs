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
/// in it, else the shop's name for it ("capacity" for `capacity_ml`), else the id as
/// words without its unit for a fact the shop defines no attribute for.
pub(super) fn label(ctx: &Ctx<'_>, id: &str) -> String {
    ctx.graph
        .locale(&ctx.locale)
        .and_then(|texts| texts.attribute(id))
        .map(|a| a.name.clone())
        .or_else(|| ctx.graph.attribute_name(id).map(str::to_string))
        .unwrap_or_else(|| id_as_words(id))
}

/// Units an attribute id may end in (`capacity_ml`, `battery_life_h`): a label leaves
/// them out, the value carries its unit.
const UNIT_SUFFIXES: &[&str] = &[
    "ml", "l", "g", "kg", "h", "mm", "cm", "m", "in", "gb", "tb", "w", "years",
];

/// "capacity" for `capacity_ml`, "battery life" for `battery_life_h`, "ip rating" as it is.
fn id_as_words(id: &str) -> String {
    let mut words: Vec<&str> = id.split('_').filter(|w| !w.is_empty()).collect();
    if words.len() > 1 && UNIT_SUFFIXES.contains(&words[words.len() - 1]) {
        words.pop();
    }
    words.join(" ")
}

/// A value in words: yes and no in the reply's language, numbers and texts as stated.
pub(super) fn value_words(ctx: &Ctx<'_>, value: &AttrValue) -> String {
    match value {
        AttrValue::Bool(true) => ctx.t("value_yes", &[]),
        AttrValue::Bool(false) => ctx.t("value_no", &[]),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::id_as_words;

    #[test]
    fn an_id_reads_as_words_without_its_unit() {
        assert_eq!(id_as_words("capacity_ml"), "capacity");
        assert_eq!(id_as_words("battery_life_h"), "battery life");
        assert_eq!(id_as_words("ip_rating"), "ip rating");
        assert_eq!(id_as_words("ml"), "ml");
    }
}
