//! Who the products are for, as a filter: a request for men lists no product marked for
//! women or children only; one for a child lists only what is marked for children, and of
//! those the ones for the child's age where the shop marks ages (`lexicon::audience` has
//! the words on both sides). A shop that marks nothing is searched as if nothing was said.

use super::fuse::Fused;
use crate::knowledge::Graph;
use crate::lexicon::audience::{Audience, Marks};

/// Each product's marks, by catalogue position: from its name and its gender and
/// age-group facts (a feed's `gender`, `age_group`).
pub(crate) fn marks(graph: &Graph) -> Vec<Marks> {
    graph
        .products()
        .iter()
        .map(|p| {
            let facts: Vec<String> = graph
                .facts(p.id.as_str())
                .iter()
                .filter(|f| matches!(f.attribute.as_str(), "gender" | "age_group"))
                .map(|f| f.value.key())
                .chain(
                    ["gender", "age_group"]
                        .iter()
                        .filter_map(|k| p.attributes.get(*k).map(|v| v.key())),
                )
                .collect();
            Marks::of(std::iter::once(p.name.as_str()).chain(facts.iter().map(String::as_str)))
        })
        .collect()
}

/// Keeps the admitted products that are for `audience`.
pub(crate) fn keep(audience: Audience, marks: &[Marks], admitted: &mut Vec<u32>) {
    let mark = |i: &u32| marks.get(*i as usize).copied().unwrap_or_default();
    // A shop that marks none of them as a child's says nothing about who they are for
    // (a daughter's running shoes from a shop of adult sizes).
    let child = matches!(
        audience,
        Audience::Kids | Audience::Toddlers | Audience::Babies
    );
    if child && !admitted.iter().any(|i| mark(i).names(Audience::Kids)) {
        return;
    }
    admitted.retain(|i| !mark(i).for_others(audience));
    // The child's age where the shop marks it: a toddler's tees where it has them, else
    // any child's; for a baby, the baby's and the toddler's (the sizes overlap).
    let narrower: &[Audience] = match audience {
        Audience::Babies => &[Audience::Babies, Audience::Toddlers],
        Audience::Toddlers => &[Audience::Toddlers],
        _ => &[],
    };
    if narrower
        .iter()
        .any(|&a| admitted.iter().any(|i| mark(i).names(a)))
    {
        admitted.retain(|i| narrower.iter().any(|&a| mark(i).names(a)));
    }
}

/// The ranking with what the shop marks as for the audience itself before what it
/// leaves unmarked (a "Women's" tee before a unisex one, for "women's t-shirt").
pub(crate) fn marked_first(audience: Audience, marks: &[Marks], ranked: Vec<Fused>) -> Vec<Fused> {
    let (mut marked, unmarked): (Vec<Fused>, Vec<Fused>) = ranked
        .into_iter()
        .partition(|f| marks.get(f.ix as usize).is_some_and(|m| m.names(audience)));
    marked.extend(unmarked);
    marked
}
