//! Shopping actions: search, refine, recommend, product questions, compare, price, stock,
//! cart.

use crate::knowledge::{compare_sizes, size_in_name, PolicyKind, Product, Verdict};
use crate::recommend::RecommendRequest;
use crate::types::ProductId;

use super::ctx::{Ctx, Picked};
use super::outcome::{intent_payload, plain_quick, Outcome};
use super::request;
use super::slots::{parse_quantity, Pick};
use super::tracker::{CartLine, Pending};

/// Folds this turn's search slots into the search in force.
fn merge_search_slots(ctx: &mut Ctx<'_>) {
    request::fold(ctx.tracker, ctx.parse);
}

fn what(ctx: &Ctx<'_>) -> String {
    let s = &ctx.tracker.slots;
    let mut parts = Vec::new();
    for k in ["color", "material", "brand"] {
        if let Some(v) = s.get(k) {
            parts.push(v.clone());
        }
    }
    parts.push(
        s.get("product_type")
            .cloned()
            .unwrap_or_else(|| "products".into()),
    );
    parts.join(" ")
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

fn ranked(ctx: &Ctx<'_>, req: &RecommendRequest) -> Vec<(Product, String)> {
    match ctx.recommender.recommend(req, ctx.profile) {
        Ok(list) => list
            .into_iter()
            .filter_map(|r| {
                ctx.graph.product(r.product.as_str()).map(|p| {
                    let reason = ctx.templates.reason(&ctx.locale, &r.reason, ctx.pick);
                    (p.clone(), reason)
                })
            })
            .collect(),
        Err(e) => {
            tracing::warn!("recommender: {e}");
            Vec::new()
        }
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
                    .get("recipient")
                    .cloned()
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
        slot: "product_type".into(),
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
    ["product_type", "brand", "feature", "material", "recipient"]
        .iter()
        .any(|k| ctx.tracker.slots.contains_key(*k))
}

pub fn search(ctx: &mut Ctx<'_>) -> Outcome {
    merge_search_slots(ctx);
    if let Some(name) = ctx.slot("product") {
        // A named model: show it (and close matches) rather than a category list.
        let hits: Vec<(Product, String)> = ctx
            .graph
            .search_name(name, ctx.list_size)
            .into_iter()
            .filter(|(_, s)| *s >= 0.35)
            .map(|(p, _)| (p.clone(), String::new()))
            .collect();
        if !hits.is_empty() {
            return show_list(ctx, "search_product", "search_results", hits);
        }
    }
    if !describes_something(ctx) {
        return ask_product_type(ctx, "search_product");
    }
    let found = ranked(ctx, &request(ctx, false));
    if found.is_empty() {
        return nothing_found(ctx, "search_product");
    }
    show_list(ctx, "search_product", "search_results", found)
}

pub fn refine(ctx: &mut Ctx<'_>) -> Outcome {
    if ctx.tracker.slots.is_empty() && ctx.tracker.last_products.is_empty() {
        if ctx.parse.slots.iter().any(|s| s.slot == "product_type") {
            return search(ctx);
        }
        if super::talk::is_shipping_follow_up(ctx) {
            return super::talk::policy(ctx, "shipping_info", PolicyKind::Shipping);
        }
        return Outcome::say("refine_search", ctx.t("nothing_to_refine", &[]));
    }
    let text = ctx.parse.text.to_lowercase();
    let more = ctx.slot("more").is_some()
        || ["more", "other", "others", "else", "next", "another"]
            .iter()
            .any(|w| text.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w));
    let cheaper = ctx.slot("sort") == Some("cheaper")
        || text.contains("cheaper")
        || text.contains("less expensive")
        || text.contains("lower price");
    let before = SearchState::of(ctx.tracker);
    merge_search_slots(ctx);
    ctx.tracker.slots.remove("more");
    if cheaper && ctx.parse.slot("price_max").is_none() {
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
                .insert("price_max".into(), format!("{:.2}", median - 0.01));
        }
        ctx.tracker.slots.insert("sort".into(), "cheapest".into());
    }
    let found = ranked(ctx, &request(ctx, more));
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
    slots: std::collections::BTreeMap<String, String>,
    excluded_brands: Vec<String>,
    excluded_colours: Vec<String>,
    shown: Vec<ProductId>,
    wish: Option<String>,
}

impl SearchState {
    fn of(t: &super::tracker::Tracker) -> Self {
        SearchState {
            slots: t.slots.clone(),
            excluded_brands: t.excluded_brands.clone(),
            excluded_colours: t.excluded_colours.clone(),
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
    let size = ctx.parse.slot("size").map(|s| s.value.clone());
    let t = &mut *ctx.tracker;
    (
        t.slots,
        t.excluded_brands,
        t.excluded_colours,
        t.shown,
        t.wish,
    ) = (
        before.slots,
        before.excluded_brands,
        before.excluded_colours,
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
    let colour = ctx.tracker.slots.get("color").map(String::as_str);
    let mut sizes: Vec<String> = Vec::new();
    for (p, _) in ranked(ctx, &req) {
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
    merge_search_slots(ctx);
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
    if found.is_empty() {
        return nothing_found(ctx, "recommend");
    }
    let key = if ctx.tracker.slots.contains_key("recipient") {
        "recommend_for"
    } else {
        "recommend_results"
    };
    show_list(ctx, "recommend", key, found)
}

/// "Which is the cheapest?", "the best rated one?": the product of the last list the
/// words pick, with what picks it.
pub fn pick_from_list(ctx: &mut Ctx<'_>) -> Option<Outcome> {
    let Picked {
        pick,
        product: p,
        fact,
    } = ctx.picked_from_last_list()?;
    ctx.focus_on(&p.id);
    ctx.tracker.failures = 0;
    let (key, superlative) = match pick {
        Pick::Cheapest => ("pick_cheapest", ""),
        Pick::Dearest => ("pick_dearest", ""),
        Pick::BestRated => ("pick_best_rated", ""),
        Pick::Extreme(sup) => ("pick_extreme", sup.words),
    };
    let value = fact
        .map(|f| {
            let unit = f.unit.map(|u| format!(" {u}")).unwrap_or_default();
            format!("{}{unit}", f.value)
        })
        .unwrap_or_default();
    let text = ctx.t(
        key,
        &[
            ("superlative", superlative.to_string()),
            ("value", value),
            ("name", p.name.clone()),
            ("price", ctx.price(p.price, &p.currency)),
            (
                "rating",
                p.rating.map(|r| format!("{r:.1}")).unwrap_or_default(),
            ),
            ("reviews", p.review_count.to_string()),
        ],
    );
    let card = ctx.card(&p, None);
    Some(Outcome::say("pick_from_list", text).with_products(vec![card]))
}

fn need_product(ctx: &mut Ctx<'_>, action: &'static str) -> Outcome {
    ctx.tracker.failures += 1;
    if let Some(name) = ctx.slot("product") {
        let text = ctx.t("product_not_found", &[("name", name.to_string())]);
        return Outcome::say(action, text);
    }
    Outcome::say(action, ctx.t("which_product", &[]))
}

pub fn product_info(ctx: &mut Ctx<'_>) -> Outcome {
    let Some(p) = ctx.referenced_products().into_iter().next() else {
        return need_product(ctx, "product_info");
    };
    ctx.focus_on(&p.id);
    ctx.tracker.failures = 0;
    let card = ctx.card(&p, None);
    let feature = ctx
        .slot("feature")
        .map(str::to_string)
        .or_else(|| attribute_in_text(ctx, &p))
        .or_else(|| open_question(ctx));
    let Some(feature) = feature else {
        let text = ctx.t(
            "product_describe",
            &[
                ("name", p.name.clone()),
                ("brand", ctx.brand_name(&p)),
                ("price", ctx.price(p.price, &p.currency)),
                ("description", p.description.clone()),
            ],
        );
        return Outcome::say("product_info", text).with_products(vec![card]);
    };
    let answer = ctx.graph.attribute_answer(p.id.as_str(), &feature);
    let text = match answer {
        Some(a) if a.verdict != Verdict::Unknown => {
            let fact = a.evidence.clone().unwrap_or_default();
            let key = if a.verdict == Verdict::Yes {
                "attr_yes"
            } else {
                "attr_no"
            };
            let value = a
                .value
                .as_ref()
                .map(|v| {
                    format!(
                        "{v}{}",
                        a.unit
                            .as_deref()
                            .map(|u| format!(" {u}"))
                            .unwrap_or_default()
                    )
                })
                .unwrap_or_default();
            format!(
                "{} ({})",
                ctx.t(
                    key,
                    &[
                        ("name", p.name.clone()),
                        ("fact", format!("has {feature}: {value}"))
                    ]
                ),
                fact
            )
        }
        _ => ctx.t(
            "attr_unknown",
            &[("name", p.name.clone()), ("attribute", feature)],
        ),
    };
    Outcome::say("product_info", text).with_products(vec![card])
}

pub fn compare(ctx: &mut Ctx<'_>) -> Outcome {
    let mut products = ctx.referenced_products();
    if products.len() < 2 {
        // "compare them": the first two of the last list.
        let graph = ctx.graph.clone();
        for id in ctx.tracker.last_products.iter().take(2) {
            if let Some(p) = graph.product(id.as_str()) {
                if !products.iter().any(|x| x.id == p.id) {
                    products.push(p.clone());
                }
            }
        }
    }
    if products.len() < 2 {
        return Outcome::say("compare_products", ctx.t("compare_need_two", &[]));
    }
    let (a, b) = (&products[0], &products[1]);
    let facts = |p: &Product| -> std::collections::BTreeMap<String, String> {
        ctx.graph
            .facts(p.id.as_str())
            .iter()
            .map(|f| {
                let unit = f
                    .unit
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default();
                (f.attribute.replace('_', " "), format!("{}{unit}", f.value))
            })
            .collect()
    };
    let (fa, fb) = (facts(a), facts(b));
    let mut rows = vec![format!(
        "price: {} | {}",
        ctx.price(a.price, &a.currency),
        ctx.price(b.price, &b.currency)
    )];
    if a.rating != b.rating {
        rows.push(format!(
            "rating: {} | {}",
            a.rating.map_or("–".into(), |r| format!("{r:.1}")),
            b.rating.map_or("–".into(), |r| format!("{r:.1}"))
        ));
    }
    let keys: std::collections::BTreeSet<&String> = fa.keys().chain(fb.keys()).collect();
    for k in keys {
        let (va, vb) = (fa.get(k), fb.get(k));
        if va != vb {
            rows.push(format!(
                "{k}: {} | {}",
                va.map_or("–", |s| s.as_str()),
                vb.map_or("–", |s| s.as_str())
            ));
        }
    }
    let intro = ctx.t(
        "compare_intro",
        &[("a", a.name.clone()), ("b", b.name.clone())],
    );
    let cards = vec![ctx.card(a, None), ctx.card(b, None)];
    ctx.tracker.show(&[a.id.clone(), b.id.clone()]);
    ctx.tracker.failures = 0;
    Outcome::say("compare_products", format!("{intro}\n{}", rows.join("\n"))).with_products(cards)
}

pub fn check_price(ctx: &mut Ctx<'_>) -> Outcome {
    let Some(p) = ctx.referenced_products().into_iter().next() else {
        return need_product(ctx, "check_price");
    };
    ctx.focus_on(&p.id);
    ctx.tracker.failures = 0;
    let text = ctx.t(
        "price_is",
        &[
            ("name", p.name.clone()),
            ("price", ctx.price(p.price, &p.currency)),
        ],
    );
    let card = ctx.card(&p, None);
    Outcome::say("check_price", text).with_products(vec![card])
}

fn variant_words(size: Option<&str>, colour: Option<&str>) -> String {
    match (size, colour) {
        (Some(s), Some(c)) => format!("{c}, size {s}"),
        (Some(s), None) => format!("size {s}"),
        (None, Some(c)) => c.to_string(),
        (None, None) => String::new(),
    }
}

pub fn check_stock(ctx: &mut Ctx<'_>) -> Outcome {
    let Some(p) = ctx.referenced_products().into_iter().next() else {
        // "do you have hiking boots in size uk 8" asks about a category, not one product:
        // the answer is what is in stock in it, which is the search (the recommender lists
        // only products with a matching variant in stock).
        let asks_category = ctx.parse.slot("product").is_none()
            && (ctx.parse.slot("product_type").is_some() || ctx.parse.slot("brand").is_some());
        if asks_category {
            return search(ctx);
        }
        return need_product(ctx, "check_stock");
    };
    ctx.focus_on(&p.id);
    ctx.tracker.failures = 0;
    let card = ctx.card(&p, None);
    let colour = ctx.slot("color");
    // "the trailhawk 2 42 mm … in 42mm": a size the product's name already states.
    let size = ctx.slot("size").filter(|s| !names_size(&p, s));
    if size.is_none() && colour.is_none() {
        let key = if p.in_stock() {
            "stock_yes"
        } else {
            "stock_no"
        };
        let text = ctx.t(key, &[("name", p.name.clone())]);
        return Outcome::say("check_stock", text).with_products(vec![card]);
    }
    let variant = variant_words(size, colour);
    let text = if p.variants_in_stock(size, colour).next().is_some() {
        ctx.t(
            "stock_variant_yes",
            &[("name", p.name.clone()), ("variant", variant)],
        )
    } else {
        let available: Vec<String> = p
            .variants_in_stock(None, None)
            .map(|v| variant_words(v.size.as_deref(), v.colour.as_deref()))
            .collect();
        if available.is_empty() {
            ctx.t(
                "stock_variant_none",
                &[("name", p.name.clone()), ("variant", variant)],
            )
        } else {
            ctx.t(
                "stock_variant_no",
                &[
                    ("name", p.name.clone()),
                    ("variant", variant),
                    ("available", available.join("; ")),
                ],
            )
        }
    };
    Outcome::say("check_stock", text).with_products(vec![card])
}

pub fn add_to_cart(ctx: &mut Ctx<'_>) -> Outcome {
    // A shop page's or a card's button names the product by id (`product_id`); words
    // name it by name, ordinal or "it".
    let by_id = match ctx.slot("product_id") {
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
            ctx.t("cart_out_of_stock", &[("name", p.name.clone())]),
        );
    }
    let quantity = ctx
        .slot("quantity")
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
                .map(|v| variant_words(v.size.as_deref(), v.colour.as_deref()))
                .collect();
            let text = ctx.t(
                "stock_variant_no",
                &[
                    ("name", p.name.clone()),
                    ("variant", variant_words(size.as_deref(), colour.as_deref())),
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
                ("size", sizes, colour.as_deref().map(|c| ("color", c)))
            } else {
                ("color", colours, size.as_deref().map(|s| ("size", s)))
            };
            ctx.tracker.pending = Some(Pending::AskSlot {
                slot: slot.into(),
                then: "add_to_cart".into(),
            });
            let count = quantity.to_string();
            let quick = options
                .iter()
                .map(|o| {
                    let mut slots = vec![(slot, o.as_str())];
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
                    (
                        "slot",
                        if slot == "color" {
                            "colour".into()
                        } else {
                            slot.to_string()
                        },
                    ),
                    ("name", p.name.clone()),
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
            variant_words(v.size.as_deref(), v.colour.as_deref().filter(|c| !named(c)))
        }) {
        Some(variant) if !variant.is_empty() => format!("{} ({variant})", p.name),
        _ => p.name.clone(),
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

/// Whether a product without sized variants carries the size in its name ("42mm" of
/// "Kestrel Trailhawk 2 42 mm").
fn names_size(p: &Product, size: &str) -> bool {
    p.variants.iter().all(|v| v.size.is_none()) && size_in_name(&p.name, size)
}

/// The size and colour the shopper wants of `p`: what this message says, else what they
/// searched with ("boots in 44", then "add the cheaper one") when `p` has it in stock.
fn variant_wish(ctx: &Ctx<'_>, p: &Product) -> (Option<String>, Option<String>) {
    let mut size = ctx
        .slot("size")
        .filter(|s| !names_size(p, s))
        .map(str::to_string);
    let mut colour = ctx.slot("color").map(str::to_string);
    let searched = |slot: &str| ctx.tracker.slots.get(slot).cloned();
    if colour.is_none() {
        colour = searched("color").filter(|c| {
            p.variants_in_stock(size.as_deref(), Some(c))
                .next()
                .is_some()
        });
    }
    if size.is_none() {
        size = searched("size").filter(|s| {
            p.variants_in_stock(Some(s), colour.as_deref())
                .next()
                .is_some()
        });
    }
    (size, colour)
}

/// An attribute the shop knows, named in the words of the question ("does it have nfc"),
/// for when the NLU tagged no feature.
fn attribute_in_text(ctx: &Ctx<'_>, p: &Product) -> Option<String> {
    let name = p.name.to_lowercase();
    let words: Vec<String> = ctx
        .parse
        .text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty() && !name.contains(w))
        .map(str::to_string)
        .collect();
    for n in (1..=3).rev() {
        for gram in words.windows(n) {
            let phrase = gram.join(" ");
            if ctx.graph.resolve_attribute(&phrase).is_some() {
                return Some(phrase);
            }
        }
    }
    None
}

/// Words that only ask for a description ("tell me about X", "what is X").
const DESCRIBE_WORDS: &[&str] = &[
    "tell",
    "me",
    "about",
    "more",
    "info",
    "information",
    "details",
    "detail",
    "the",
    "a",
    "an",
    "what",
    "whats",
    "what's",
    "is",
    "are",
    "show",
    "describe",
    "it",
    "this",
    "that",
    "one",
    "can",
    "you",
    "please",
    "pls",
    "specs",
    "spec",
    "on",
    "of",
    "for",
    "i",
    "want",
    "to",
    "know",
    "how",
    "about",
    "product",
    "like",
    "its",
    "give",
    "some",
    "any",
    "do",
    "does",
    "have",
];

/// The rest of a specific question the graph has no attribute for ("good for swimming"),
/// so the answer can say it doesn't know instead of describing the product.
fn open_question(ctx: &Ctx<'_>) -> Option<String> {
    let mut text = ctx.parse.text.to_lowercase();
    for s in &ctx.parse.slots {
        text = text.replace(&s.value.to_lowercase(), " ");
    }
    let rest: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty() && !DESCRIBE_WORDS.contains(w))
        .collect();
    (!rest.is_empty() && ctx.parse.slot("product").is_some()).then(|| rest.join(" "))
}
