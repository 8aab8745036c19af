//! Finding products: search, refine and recommend, each answering with a list, or with why
//! there is none.

use crate::knowledge::{compare_sizes, PolicyKind, Product};
use crate::recommend::RecommendRequest;
use crate::search::TypeMatch;
use crate::types::{ProductId, SlotKind};

use super::ctx::Ctx;
use super::outcome::{intent_payload, plain_quick, Outcome};
use super::prices::{PriceNote, PriceRule, Taken};
use super::reasons::whole_price;
use super::request;
use super::tracker::Pending;
use crate::lexicon::zh;

/// Folds this turn's search slots into the search in force; the amounts named in another
/// currency than the shop's, for the reply to say how they were taken.
fn merge_search_slots(ctx: &mut Ctx<'_>) -> Vec<PriceNote> {
    // Only Chinese words name a currency to convert (prices.rs); English turns skip the
    // look at the catalogue's currency.
    let rule = if zh::has_han(&ctx.parse.text) {
        PriceRule::of(&ctx.graph, &ctx.recommender.config().currency_rates)
    } else {
        PriceRule::default()
    };
    request::fold(ctx.tracker, ctx.parse, &rule)
}

/// The reply, after saying how each amount in another currency was taken ("300元 is
/// about €38 at the shop's rate").
fn with_price_notes(ctx: &Ctx<'_>, notes: &[PriceNote], mut out: Outcome) -> Outcome {
    let said: Vec<String> = notes
        .iter()
        .map(|n| {
            let price = whole_price(n.amount, &n.shop_currency, &ctx.locale);
            let asked = ("asked", n.asked.clone());
            match n.taken {
                Taken::Converted => ctx.t("price_converted", &[asked, ("price", price)]),
                Taken::Assumed => ctx.t(
                    "price_assumed",
                    &[
                        asked,
                        ("price", price),
                        ("currency", n.shop_currency.clone()),
                    ],
                ),
            }
        })
        .collect();
    if !said.is_empty() {
        out.text = format!("{} {}", said.join(" "), out.text);
    }
    out
}

fn what(ctx: &Ctx<'_>) -> String {
    let s = &ctx.tracker.slots;
    let mut parts = Vec::new();
    for k in [SlotKind::Color, SlotKind::Material, SlotKind::Brand] {
        if let Some(v) = s.get(&k) {
            parts.push(v.clone());
        }
    }
    parts.push(
        s.get(&SlotKind::ProductType)
            .cloned()
            .unwrap_or_else(|| ctx.t("what_products", &[])),
    );
    // The shopper's words joined as the reply's language writes them (黑色羊毛袜子).
    parts.join(&ctx.t("what_join", &[]))
}

/// The recommender's request for the search in force, and what was shown (for "more").
fn request(ctx: &Ctx<'_>, skip_shown: bool) -> RecommendRequest {
    let mut search = request::in_force(ctx.tracker, &ctx.parse.text);
    if skip_shown {
        search.exclude = ctx.tracker.shown.clone();
    }
    RecommendRequest {
        search,
        current_product: None,
        accessories: false,
        limit: Some(ctx.list_size),
        now: None,
    }
}

/// A ranked list with each product's reason in the shop's words, and how the asked
/// product type was found.
struct Found {
    items: Vec<(Product, String)>,
    type_match: TypeMatch,
}

fn ranked(ctx: &Ctx<'_>, req: &RecommendRequest) -> Found {
    let started = std::time::Instant::now();
    let ranking = crate::timing::Stage::Search
        .span()
        .in_scope(|| ctx.recommender.rank(req, ctx.profile));
    let took = started.elapsed();
    crate::timing::Stage::Search.record(took);
    ctx.search_time.set(ctx.search_time.get() + took);
    match ranking {
        Ok(ranking) => Found {
            items: ranking
                .items
                .into_iter()
                .filter_map(|r| {
                    ctx.graph.product(r.product.as_str()).map(|p| {
                        let reason =
                            ctx.templates
                                .reason(&ctx.locale, &r.reason, &ctx.graph, ctx.pick);
                        (p.clone(), reason)
                    })
                })
                .collect(),
            type_match: ranking.type_match,
        },
        Err(e) => {
            tracing::warn!("recommender: {e}");
            Found {
                items: Vec::new(),
                type_match: TypeMatch::NotAsked,
            }
        }
    }
}

/// The list for a search, or why there is none: nothing of the asked type (said so, with
/// the nearest types the shop has as buttons) or nothing under these constraints. A type
/// found under other words ("cups" → mugs) says which.
fn answer_search(ctx: &mut Ctx<'_>, action: &'static str, key: &str, found: Found) -> Outcome {
    match found.type_match {
        TypeMatch::NoneOfType { asked, nearest } => none_of_type(ctx, action, &asked, &nearest),
        _ if found.items.is_empty() => nothing_found(ctx, action),
        TypeMatch::Similar { asked, took, .. } if key == "search_results" => {
            let mut out = show_list(ctx, action, key, found.items);
            let note = ctx.t(
                "search_similar",
                &[
                    ("asked", asked),
                    ("took", or_list(ctx, &type_names(ctx, &took))),
                ],
            );
            out.text = format!("{note} {}", out.text);
            out
        }
        _ => show_list(ctx, action, key, found.items),
    }
}

/// "We don't sell surfboards": no product of another type is shown as if it matched.
fn none_of_type(
    ctx: &mut Ctx<'_>,
    action: &'static str,
    asked: &str,
    nearest: &[String],
) -> Outcome {
    ctx.tracker.failures += 1;
    let nearest: Vec<String> = nearest.iter().take(3).cloned().collect();
    let text = if nearest.is_empty() {
        ctx.t("search_none_of_type_alone", &[("asked", asked.to_string())])
    } else {
        ctx.t(
            "search_none_of_type",
            &[
                ("asked", asked.to_string()),
                ("nearest", or_list(ctx, &type_names(ctx, &nearest))),
            ],
        )
    };
    let quick = nearest
        .iter()
        .zip(type_names(ctx, &nearest))
        .map(|(t, title)| {
            plain_quick(
                &title,
                intent_payload("search_product", &[("product_type", t)]),
            )
        })
        .collect();
    let mut out = Outcome::say(action, text).with_quick_replies(quick);
    out.no_results = true;
    out
}

/// The search's type names (the catalogue's category names) in the reply's language.
fn type_names(ctx: &Ctx<'_>, names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| {
            ctx.graph.category(n).map_or_else(
                || n.clone(),
                |c| ctx.graph.category_name(c, &ctx.locale).to_string(),
            )
        })
        .collect()
}

/// "mugs, tumblers or bottles".
fn or_list(ctx: &Ctx<'_>, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => ctx.t(
            "list_or",
            &[
                ("items", rest.join(&ctx.t("list_join", &[]))),
                ("last", last.clone()),
            ],
        ),
    }
}

fn show_list(
    ctx: &mut Ctx<'_>,
    action: &'static str,
    key: &str,
    found: Vec<(Product, String)>,
) -> Outcome {
    let shown: Vec<(Product, String)> = found.into_iter().take(ctx.list_size).collect();
    let ids: Vec<ProductId> = shown.iter().map(|(p, _)| p.id.clone()).collect();
    let cards = shown
        .iter()
        .map(|(p, reason)| ctx.card(p, (!reason.is_empty()).then(|| reason.clone())))
        .collect();
    ctx.tracker.show(&ids);
    ctx.tracker.failures = 0;
    let count = ids.len().to_string();
    let text = ctx.t(
        key,
        &[
            ("count", count),
            ("what", what(ctx)),
            (
                "recipient",
                ctx.tracker
                    .slots
                    .get(&SlotKind::Recipient)
                    .map(|r| mid_sentence(r))
                    .unwrap_or_default(),
            ),
        ],
    );
    let quick = vec![
        ctx.quick(
            "label_cheaper",
            intent_payload("refine_search", &[("sort", "cheaper")]),
        ),
        ctx.quick(
            "label_show_more",
            intent_payload("refine_search", &[("more", "yes")]),
        ),
    ];
    Outcome::say(action, text)
        .with_products(cards)
        .with_quick_replies(quick)
}

/// An empty result. The last list stays what "the first one" points at: it is still on
/// the shopper's screen.
fn nothing_found(ctx: &mut Ctx<'_>, action: &'static str) -> Outcome {
    ctx.tracker.failures += 1;
    let text = ctx.t("search_none", &[("what", what(ctx))]);
    let mut out = Outcome::say(action, text);
    out.no_results = true;
    out
}

/// Asks for the product type, offering top-level categories as buttons.
fn ask_product_type(ctx: &mut Ctx<'_>, then: &str) -> Outcome {
    ctx.tracker.pending = Some(Pending::AskSlot {
        slot: SlotKind::ProductType,
        then: then.into(),
    });
    let mut tops: Vec<_> = ctx
        .graph
        .categories()
        .iter()
        .filter(|c| c.parent.is_none())
        .map(|c| c.name.clone())
        .collect();
    tops.sort();
    let quick = tops
        .iter()
        .take(8)
        .map(|name| plain_quick(name, intent_payload(then, &[("product_type", name)])))
        .collect();
    Outcome::say("ask_product_type", ctx.t("ask_product_type", &[])).with_quick_replies(quick)
}

fn describes_something(ctx: &Ctx<'_>) -> bool {
    [
        SlotKind::ProductType,
        SlotKind::Brand,
        SlotKind::Feature,
        SlotKind::Material,
        SlotKind::Recipient,
    ]
    .iter()
    .any(|k| ctx.tracker.slots.contains_key(k))
}

pub fn search(ctx: &mut Ctx<'_>) -> Outcome {
    let notes = merge_search_slots(ctx);
    let out = search_merged(ctx);
    with_price_notes(ctx, &notes, out)
}

fn search_merged(ctx: &mut Ctx<'_>) -> Outcome {
    if let Some(name) = ctx.slot(SlotKind::Product) {
        // A named model: show it (and close matches) rather than a category list.
        let hits: Vec<(Product, String)> = ctx
            .graph
            .search_name(name, ctx.list_size)
            .into_iter()
            .filter(|(_, s)| *s >= 0.35)
            .map(|(p, _)| (p.clone(), String::new()))
            .collect();
        // "is the harbor tee available in my colour?": the one named, and which colour.
        if let (Some(slot), Some((p, _))) =
            (crate::lexicon::my_detail(&ctx.parse.text), hits.first())
        {
            let p = p.clone();
            if let Some(out) = super::product::ask_variant_detail(ctx, &p, slot, "check_stock") {
                ctx.focus_on(&p.id);
                let card = ctx.card(&p, None);
                return out.with_products(vec![card]);
            }
        }
        if !hits.is_empty() {
            return show_list(ctx, "search_product", "search_results", hits);
        }
    }
    if !describes_something(ctx) {
        return ask_product_type(ctx, "search_product");
    }
    let found = ranked(ctx, &request(ctx, false));
    answer_search(ctx, "search_product", "search_results", found)
}

pub fn refine(ctx: &mut Ctx<'_>) -> Outcome {
    if ctx.tracker.slots.is_empty() && ctx.tracker.last_products.is_empty() {
        if ctx.parse.slots.iter().any(|s| s.is(SlotKind::ProductType)) {
            return search(ctx);
        }
        if super::talk::is_shipping_follow_up(ctx) {
            return super::talk::policy(ctx, "shipping_info", PolicyKind::Shipping);
        }
        return Outcome::say("refine_search", ctx.t("nothing_to_refine", &[]));
    }
    let text = ctx.parse.text.to_lowercase();
    let more = ctx.button("more").is_some()
        || ["more", "other", "others", "else", "next", "another"]
            .iter()
            .any(|w| text.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
        || zh::MORE.iter().any(|w| text.contains(w));
    let cheaper = ctx.slot(SlotKind::Sort) == Some("cheaper")
        || text.contains("cheaper")
        || text.contains("less expensive")
        || text.contains("lower price")
        || zh::CHEAPER.iter().any(|w| text.contains(w));
    let before = SearchState::of(ctx.tracker);
    let notes = merge_search_slots(ctx);
    let out = refine_merged(ctx, before, more, cheaper);
    with_price_notes(ctx, &notes, out)
}

fn refine_merged(ctx: &mut Ctx<'_>, before: SearchState, more: bool, cheaper: bool) -> Outcome {
    // A ceiling said with "cheaper" (便宜一点，两百以内) stands; the NLU may not tag it.
    let said_max = ctx.parse.slot(SlotKind::PriceMax).is_some()
        || zh::prices(&ctx.parse.text)
            .iter()
            .any(|p| p.bound != Some(zh::Bound::Min));
    if cheaper && !said_max {
        // "Cheaper" means under the middle of what was just shown.
        let graph = ctx.graph.clone();
        let mut prices: Vec<f64> = ctx
            .tracker
            .last_products
            .iter()
            .filter_map(|id| graph.product(id.as_str()))
            .map(|p| p.price)
            .collect();
        prices.sort_by(f64::total_cmp);
        if let Some(median) = prices.get(prices.len() / 2) {
            ctx.tracker
                .slots
                .insert(SlotKind::PriceMax, format!("{:.2}", median - 0.01));
        }
        ctx.tracker.slots.insert(SlotKind::Sort, "cheapest".into());
    }
    let found = ranked(ctx, &request(ctx, more));
    if let TypeMatch::NoneOfType { asked, nearest } = &found.type_match {
        let (asked, nearest) = (asked.clone(), nearest.clone());
        return none_of_type(ctx, "refine_search", &asked, &nearest);
    }
    let found = found.items;
    if found.is_empty() {
        if more {
            return Outcome::say("refine_search", ctx.t("no_more", &[]));
        }
        return refined_to_nothing(ctx, before);
    }
    let key = if more {
        "more_results"
    } else {
        "refine_results"
    };
    show_list(ctx, "refine_search", key, found)
}

/// The search as it stood before a refinement.
struct SearchState {
    slots: std::collections::BTreeMap<SlotKind, String>,
    excluded_brands: Vec<String>,
    excluded_colours: Vec<String>,
    excluded_words: Vec<String>,
    shown: Vec<ProductId>,
    wish: Option<String>,
}

impl SearchState {
    fn of(t: &super::tracker::Tracker) -> Self {
        SearchState {
            slots: t.slots.clone(),
            excluded_brands: t.excluded_brands.clone(),
            excluded_colours: t.excluded_colours.clone(),
            excluded_words: t.excluded_words.clone(),
            shown: t.shown.clone(),
            wish: t.wish.clone(),
        }
    }
}

/// A refinement that leaves nothing is taken back: the list on screen and the search
/// behind it stay as they were, so "the first one" or "in black then" still work. When a
/// size was the reason, the sizes on offer are named.
fn refined_to_nothing(ctx: &mut Ctx<'_>, before: SearchState) -> Outcome {
    ctx.tracker.failures += 1;
    let tried = what(ctx);
    let size = ctx.parse.slot(SlotKind::Size).map(|s| s.value.clone());
    let t = &mut *ctx.tracker;
    (
        t.slots,
        t.excluded_brands,
        t.excluded_colours,
        t.excluded_words,
        t.shown,
        t.wish,
    ) = (
        before.slots,
        before.excluded_brands,
        before.excluded_colours,
        before.excluded_words,
        before.shown,
        before.wish,
    );
    let on_offer = if size.is_some() {
        sizes_on_offer(ctx)
    } else {
        Vec::new()
    };
    let text = match (size, on_offer.len()) {
        (Some(size), 1..) => ctx.t(
            "refine_none_size",
            &[
                ("what", tried),
                ("size", size),
                ("sizes", size_range(&on_offer)),
            ],
        ),
        _ => ctx.t("refine_none", &[("what", tried)]),
    };
    let mut out = Outcome::say("refine_search", text);
    out.no_results = true;
    out
}

/// The sizes in stock for the search in force (in the colour asked for, if any), smallest
/// first.
fn sizes_on_offer(ctx: &Ctx<'_>) -> Vec<String> {
    let mut req = request(ctx, false);
    req.search.sizes.clear();
    req.limit = Some(SIZE_SURVEY);
    let colour = ctx.tracker.slots.get(&SlotKind::Color).map(String::as_str);
    let mut sizes: Vec<String> = Vec::new();
    for (p, _) in ranked(ctx, &req).items {
        for v in p.variants_in_stock(None, colour) {
            if let Some(s) = &v.size {
                if !sizes.contains(s) {
                    sizes.push(s.clone());
                }
            }
        }
    }
    sizes.sort_by(|a, b| compare_sizes(a, b));
    sizes
}

/// Products looked at to say which sizes a search offers.
const SIZE_SURVEY: usize = 60;

/// "UK 5, UK 6, UK 7" or, for a long run, "UK 5 – UK 11".
fn size_range(sizes: &[String]) -> String {
    match sizes {
        [first, .., last] if sizes.len() > 6 => format!("{first} – {last}"),
        _ => sizes.join(", "),
    }
}

pub fn recommend(ctx: &mut Ctx<'_>) -> Outcome {
    let notes = merge_search_slots(ctx);
    let out = recommend_merged(ctx);
    with_price_notes(ctx, &notes, out)
}

fn recommend_merged(ctx: &mut Ctx<'_>) -> Outcome {
    let mut req = request(ctx, false);
    if let Some(focus) = ctx.tracker.focus.clone() {
        let t = ctx.parse.text.to_lowercase();
        if [
            "accessor",
            "goes with",
            "go with",
            "for it",
            "for this",
            "match",
        ]
        .iter()
        .any(|k| t.contains(k))
        {
            req.current_product = Some(focus);
            req.accessories = true;
        }
    }
    let found = ranked(ctx, &req);
    let key = if ctx.tracker.slots.contains_key(&SlotKind::Recipient) {
        "recommend_for"
    } else {
        "recommend_results"
    };
    answer_search(ctx, "recommend", key, found)
}

/// A value quoted from the start of the shopper's sentence, set inside a reply: "My
/// colleague" is "my colleague" after "For". Only a possessive is lowered, never a name.
fn mid_sentence(value: &str) -> String {
    const POSSESSIVES: &[&str] = &["My", "Our", "His", "Her", "Their", "Your"];
    match value.split_once(' ') {
        Some((first, rest)) if POSSESSIVES.contains(&first) => {
            format!("{} {rest}", first.to_lowercase())
        }
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::mid_sentence;

    #[test]
    fn a_possessive_is_lowered_inside_a_reply_and_a_name_is_not() {
        assert_eq!(mid_sentence("My colleague"), "my colleague");
        assert_eq!(mid_sentence("Our manager"), "our manager");
        assert_eq!(mid_sentence("Anna"), "Anna");
        assert_eq!(mid_sentence("Mike Smith"), "Mike Smith");
    }
}
