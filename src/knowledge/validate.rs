//! Meaning: cross-references and value rules over the parsed records. Every rule reports
//! with the file and line of the record at fault and keeps going.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

use super::error::Problem;
use super::extract::extract_facts;
use super::locale::LocaleTexts;
use super::locale_check;
use super::parse::{self, Parsed};
use super::schema::*;
use super::source::{self, SourceSet};
use super::synonyms::SynonymGroup;

/// The validated catalogue: every record plus the facts (has-attribute edges) per product.
/// This is what the graph is built from and what the sled snapshot holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Catalog {
    pub products: Vec<Product>,
    pub categories: Vec<Category>,
    pub brands: Vec<Brand>,
    pub attributes: Vec<AttributeDef>,
    pub relations: Vec<Relation>,
    pub faq: Vec<FaqEntry>,
    pub policies: Vec<Policy>,
    pub orders: Vec<Order>,
    /// `facts[i]` are the facts of `products[i]`: stated attributes, then extracted ones.
    pub facts: Vec<Vec<Fact>>,
    /// The shop's texts in other languages (`knowledge/<locale>/`), by locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub locales: BTreeMap<String, LocaleTexts>,
    /// Groups of words for one kind of product (`synonyms.yaml`), for the search.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<SynonymGroup>,
}

/// Parses and validates everything; `Ok` when there is no error (warnings ride along).
pub(crate) fn build_catalog(sources: &SourceSet) -> (Option<Catalog>, Vec<Problem>) {
    let mut problems = Vec::new();
    let parsed = parse::parse(sources, &mut problems);
    let mut lines = Lines::new(sources);
    check(&parsed, &mut lines, &mut problems);
    let locales = locale_check::read(sources, &parsed, &mut problems);
    problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    if problems.iter().any(Problem::is_error) {
        return (None, problems);
    }
    (Some(assemble(parsed, locales)), problems)
}

fn assemble(p: Parsed, locales: BTreeMap<String, LocaleTexts>) -> Catalog {
    let attributes: Vec<AttributeDef> = p.attributes.into_iter().map(|x| x.1).collect();
    let units: HashMap<&str, Option<String>> = attributes
        .iter()
        .map(|a| (a.id.as_str(), a.unit.clone()))
        .collect();
    let products: Vec<Product> = p
        .products
        .into_iter()
        .chain(p.csv_products)
        .map(|x| x.1)
        .collect();
    let facts = products
        .par_iter()
        .map(|prod| {
            let mut facts: Vec<Fact> = prod
                .attributes
                .iter()
                .map(|(k, v)| Fact {
                    attribute: k.clone(),
                    value: v.clone(),
                    unit: units.get(k.as_str()).cloned().flatten(),
                    source: FactSource::Attributes,
                })
                .collect();
            for f in extract_facts(&prod.description) {
                if !prod.attributes.contains_key(&f.attribute) {
                    facts.push(f);
                }
            }
            facts
        })
        .collect();
    let mut policies: Vec<Policy> = p.policies.into_iter().map(|x| x.1).collect();
    policies.sort_by_key(|p| p.kind);
    Catalog {
        products,
        categories: p.categories.into_iter().map(|x| x.1).collect(),
        brands: p.brands.into_iter().map(|x| x.1).collect(),
        attributes,
        relations: p.relations.into_iter().map(|x| x.1).collect(),
        faq: p.faq.into_iter().map(|x| x.1).collect(),
        policies,
        orders: p.orders.into_iter().map(|x| x.1).collect(),
        facts,
        locales,
        synonyms: p.synonyms.into_iter().map(|x| x.1).collect(),
    }
}

/// Finds the column of a field on a line, for messages that point at it.
struct Lines<'a> {
    sources: &'a SourceSet,
    cache: HashMap<&'static str, Vec<&'a str>>,
}

impl<'a> Lines<'a> {
    fn new(sources: &'a SourceSet) -> Self {
        Self {
            sources,
            cache: HashMap::new(),
        }
    }

    /// Where `key` is written in the record starting on `line`: the same line and the
    /// column of `"key"` for JSON lines; for a YAML entry, the line of `key:` within it.
    fn locate(&mut self, file: &'static str, line: usize, key: &str) -> (usize, usize) {
        let sources = self.sources;
        let lines = self
            .cache
            .entry(file)
            .or_insert_with(|| sources.get(file).unwrap_or("").lines().collect());
        let Some(first) = line.checked_sub(1) else {
            return (line, 0);
        };
        if file.ends_with(".csv") {
            // The field number, from the header.
            let col = lines
                .first()
                .and_then(|h| h.split(',').position(|c| c.trim() == key))
                .map(|i| i + 1)
                .unwrap_or(0);
            return (line, col);
        }
        let yaml = file.ends_with(".yaml");
        for (i, text) in lines.iter().enumerate().skip(first) {
            if i > first && (!yaml || text.starts_with("- ")) {
                break;
            }
            let pos = if yaml {
                text.find(&format!("{key}:"))
            } else {
                text.find(&format!("\"{key}\""))
            };
            if let Some(b) = pos {
                return (i + 1, text[..b].chars().count() + 1);
            }
        }
        (line, 0)
    }

    fn at(&mut self, file: &'static str, line: usize, key: &str, msg: String) -> Problem {
        let (line, col) = self.locate(file, line, key);
        Problem::error(file, line, msg).at(col).field(key)
    }
}

/// The closest known id, for "did you mean" hints.
pub(crate) fn closest<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> String {
    let best = known
        .map(|k| (strsim::normalized_damerau_levenshtein(word, k), k))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, k)) if score >= 0.5 => format!(" (did you mean {k:?}?)"),
        _ => String::new(),
    }
}

fn dup_check<'a>(
    file: &'static str,
    what: &str,
    ids: impl Iterator<Item = (usize, &'a str)>,
    lines: &mut Lines,
    problems: &mut Vec<Problem>,
) -> HashMap<&'a str, usize> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (line, id) in ids {
        if id.trim().is_empty() {
            problems.push(lines.at(file, line, "id", format!("{what} has an empty id")));
            continue;
        }
        if let Some(first) = seen.get(id) {
            problems.push(lines.at(
                file,
                line,
                "id",
                format!("duplicate {what} id {id:?}: it is already used on line {first}"),
            ));
        } else {
            seen.insert(id, line);
        }
    }
    seen
}

fn check(p: &Parsed, lines: &mut Lines, problems: &mut Vec<Problem>) {
    let cats = dup_check(
        source::CATEGORIES,
        "category",
        p.categories.iter().map(|(l, c)| (*l, c.id.as_str())),
        lines,
        problems,
    );
    let brands = dup_check(
        source::BRANDS,
        "brand",
        p.brands.iter().map(|(l, b)| (*l, b.id.as_str())),
        lines,
        problems,
    );
    let attrs: HashMap<&str, &AttributeDef> = {
        dup_check(
            source::ATTRIBUTES,
            "attribute",
            p.attributes.iter().map(|(l, a)| (*l, a.id.as_str())),
            lines,
            problems,
        );
        p.attributes
            .iter()
            .map(|(_, a)| (a.id.as_str(), a))
            .collect()
    };
    let mut products = dup_check(
        source::PRODUCTS,
        "product",
        p.products.iter().map(|(l, x)| (*l, x.id.as_str())),
        lines,
        problems,
    );
    for (line, x) in &p.csv_products {
        let id = x.id.as_str();
        if let Some(first) = products.get(id) {
            let place = if p
                .products
                .iter()
                .any(|(l, y)| *l == *first && y.id.as_str() == id)
            {
                format!("{} line {first}", source::PRODUCTS)
            } else {
                format!("line {first}")
            };
            problems.push(lines.at(
                source::PRODUCTS_CSV,
                *line,
                "id",
                format!("duplicate product id {id:?}: it is already used on {place}"),
            ));
        } else {
            products.insert(id, *line);
        }
    }
    dup_check(
        source::FAQ,
        "FAQ",
        p.faq.iter().map(|(l, f)| (*l, f.id.as_str())),
        lines,
        problems,
    );
    dup_check(
        source::ORDERS,
        "order",
        p.orders.iter().map(|(l, o)| (*l, o.id.as_str())),
        lines,
        problems,
    );

    check_categories(p, &cats, lines, problems);
    for (line, b) in &p.brands {
        if b.name.trim().is_empty() {
            problems.push(lines.at(
                source::BRANDS,
                *line,
                "name",
                format!("brand {:?} has an empty name", b.id),
            ));
        }
    }
    for (line, prod) in &p.products {
        check_product(
            source::PRODUCTS,
            *line,
            prod,
            &cats,
            &brands,
            &attrs,
            lines,
            problems,
        );
    }
    for (line, prod) in &p.csv_products {
        check_product(
            source::PRODUCTS_CSV,
            *line,
            prod,
            &cats,
            &brands,
            &attrs,
            lines,
            problems,
        );
    }
    for (file, list) in [
        (source::PRODUCTS, &p.products),
        (source::PRODUCTS_CSV, &p.csv_products),
    ] {
        undescribed_and_undated(file, list, problems);
    }
    check_relations(p, &products, problems);
    for (line, f) in &p.faq {
        if f.question.trim().is_empty() {
            problems.push(lines.at(
                source::FAQ,
                *line,
                "question",
                format!("FAQ {:?} has an empty question", f.id),
            ));
        }
        if f.answer.trim().is_empty() {
            problems.push(lines.at(
                source::FAQ,
                *line,
                "answer",
                format!("FAQ {:?} has an empty answer", f.id),
            ));
        }
    }
    let mut kinds: HashMap<PolicyKind, &str> = HashMap::new();
    for (file, pol) in &p.policies {
        for d in &pol.destinations {
            if !super::countries::means_eu(d) && super::countries::country(d).is_none() {
                problems.push(
                    Problem::warning(
                        file,
                        1,
                        format!(
                            "destination {d:?} is no country kefu knows; write a country's \
                             name or EU (shoppers asking about it get the general terms)"
                        ),
                    )
                    .field("destinations"),
                );
            }
        }
        if let Some(first) = kinds.insert(pol.kind, file) {
            problems.push(
                Problem::error(
                    file,
                    1,
                    format!(
                        "a {} policy is already written in {first}",
                        pol.kind.as_str()
                    ),
                )
                .field("kind"),
            );
        }
    }
    for k in PolicyKind::ALL {
        if !kinds.contains_key(&k) {
            problems.push(Problem::warning(
                &format!("policies/{}.md", k.as_str()),
                0,
                format!(
                    "there is no {} policy; questions about it will get no answer",
                    k.as_str()
                ),
            ));
        }
    }
    let product_map: HashMap<&str, &Product> = p
        .products
        .iter()
        .chain(&p.csv_products)
        .map(|(_, x)| (x.id.as_str(), x))
        .collect();
    for (line, o) in &p.orders {
        check_order(*line, o, &product_map, lines, problems);
    }
}

fn check_categories(
    p: &Parsed,
    cats: &HashMap<&str, usize>,
    lines: &mut Lines,
    problems: &mut Vec<Problem>,
) {
    let parent: HashMap<&str, &str> = p
        .categories
        .iter()
        .filter_map(|(_, c)| c.parent.as_deref().map(|par| (c.id.as_str(), par)))
        .collect();
    let mut reported: HashSet<&str> = HashSet::new();
    for (line, c) in &p.categories {
        if c.name.trim().is_empty() {
            problems.push(lines.at(
                source::CATEGORIES,
                *line,
                "name",
                format!("category {:?} has an empty name", c.id),
            ));
        }
        let Some(par) = c.parent.as_deref() else {
            continue;
        };
        if !cats.contains_key(par) {
            problems.push(lines.at(
                source::CATEGORIES,
                *line,
                "parent",
                format!(
                    "category {:?} names unknown parent category {par:?}{}",
                    c.id,
                    closest(par, cats.keys().copied())
                ),
            ));
            continue;
        }
        // Walk up; coming back to where we started is a cycle.
        let mut path = vec![c.id.as_str()];
        let mut cur = par;
        loop {
            let next = cur;
            if next == c.id {
                if path.iter().all(|x| !reported.contains(x)) {
                    reported.extend(path.iter().copied());
                    path.push(c.id.as_str());
                    problems.push(lines.at(
                        source::CATEGORIES,
                        *line,
                        "parent",
                        format!("cycle in the category tree: {}", path.join(" → ")),
                    ));
                }
                break;
            }
            if path.contains(&next) || path.len() > cats.len() {
                break; // a cycle above us; its own members report it
            }
            path.push(next);
            match parent.get(next) {
                Some(up) => cur = up,
                None => break,
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn check_product(
    f: &'static str,
    line: usize,
    prod: &Product,
    cats: &HashMap<&str, usize>,
    brands: &HashMap<&str, usize>,
    attrs: &HashMap<&str, &AttributeDef>,
    lines: &mut Lines,
    problems: &mut Vec<Problem>,
) {
    let id = prod.id.as_str();
    if id.contains(|c: char| c.is_whitespace() || c == ',' || c == '"') {
        problems.push(lines.at(
            f,
            line,
            "id",
            format!("product id {id:?} may not contain spaces, commas or quotes"),
        ));
    }
    if prod.name.trim().is_empty() {
        problems.push(lines.at(f, line, "name", format!("product {id:?} has an empty name")));
    }
    if !cats.contains_key(prod.category.as_str()) {
        problems.push(lines.at(
            f,
            line,
            "category",
            format!(
                "product {id:?} names unknown category {:?}{}",
                prod.category,
                closest(&prod.category, cats.keys().copied())
            ),
        ));
    }
    if !brands.contains_key(prod.brand.as_str()) {
        problems.push(lines.at(
            f,
            line,
            "brand",
            format!(
                "product {id:?} names unknown brand {:?}{}",
                prod.brand,
                closest(&prod.brand, brands.keys().copied())
            ),
        ));
    }
    if !prod.price.is_finite() || prod.price <= 0.0 || prod.price > 10_000_000.0 {
        problems.push(lines.at(
            f,
            line,
            "price",
            format!(
                "product {id:?} has a bad price {}: a price is a positive amount",
                prod.price
            ),
        ));
    } else if (prod.price * 100.0).round() / 100.0 != prod.price {
        problems.push(lines.at(
            f,
            line,
            "price",
            format!(
                "product {id:?} has a bad price {}: use at most two decimals",
                prod.price
            ),
        ));
    }
    if !is_currency(&prod.currency) {
        problems.push(lines.at(
            f,
            line,
            "currency",
            format!(
                "product {id:?} has currency {:?}; write a three-letter code such as EUR or USD",
                prod.currency
            ),
        ));
    }
    if let Some(r) = prod.rating {
        if !(0.0..=5.0).contains(&r) {
            problems.push(lines.at(
                f,
                line,
                "rating",
                format!("product {id:?} has rating {r}; ratings go from 0 to 5"),
            ));
        }
    }
    if !prod.variants.is_empty() && prod.stock.is_some() {
        problems.push(lines.at(
            f,
            line,
            "stock",
            format!(
                "product {id:?} gives both `stock` and `variants`; put the stock on each variant"
            ),
        ));
    }
    let mut skus = HashSet::new();
    for (i, v) in prod.variants.iter().enumerate() {
        if v.sku.trim().is_empty() || !skus.insert(v.sku.as_str()) {
            let mut p = lines.at(
                f,
                line,
                "sku",
                format!(
                    "product {id:?} has a duplicate or empty variant sku {:?}",
                    v.sku
                ),
            );
            p.field = Some(format!("variants[{i}].sku"));
            problems.push(p);
        }
    }
    if attrs.is_empty() {
        return;
    }
    for (k, v) in &prod.attributes {
        match attrs.get(k.as_str()) {
            None => problems.push(lines.at(
                f,
                line,
                k,
                format!(
                    "product {id:?} states unknown attribute {k:?}; declare it in attributes.yaml{}",
                    closest(k, attrs.keys().copied())
                ),
            )),
            Some(def) => {
                let ok = matches!(
                    (def.kind, v),
                    (AttrType::Bool, AttrValue::Bool(_))
                        | (AttrType::Number, AttrValue::Number(_))
                        | (AttrType::Text, AttrValue::Text(_))
                );
                if !ok {
                    let want = match def.kind {
                        AttrType::Bool => "true or false",
                        AttrType::Number => "a number",
                        AttrType::Text => "a text",
                    };
                    let mut p = lines.at(f, line, k, format!("product {id:?}: attribute {k:?} must be {want}, found {v}"));
                    p.field = Some(format!("attributes.{k}"));
                    problems.push(p);
                }
            }
        }
    }
}

/// `description` and `added` may be left out (feeds often have neither); one warning per
/// file says how many products go without, instead of one per product.
fn undescribed_and_undated(file: &str, list: &[(usize, Product)], problems: &mut Vec<Problem>) {
    let first = |missing: fn(&Product) -> bool| {
        let mut hits = list.iter().filter(|(_, x)| missing(x));
        hits.next().map(|(line, _)| (*line, 1 + hits.count()))
    };
    if let Some((line, n)) = first(|x| x.description.trim().is_empty()) {
        problems.push(
            Problem::warning(
                file,
                line,
                format!(
                    "{n} product(s) have no description (the first is on this line); \
                     search and answers know them by name, brand, category and attributes only"
                ),
            )
            .field("description"),
        );
    }
    if let Some((line, n)) = first(|x| x.added.is_none()) {
        problems.push(
            Problem::warning(
                file,
                line,
                format!(
                    "{n} product(s) have no `added` date (the first is on this line); \
                     they come last when a shopper asks for the newest"
                ),
            )
            .field("added"),
        );
    }
}

fn is_currency(c: &str) -> bool {
    c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase())
}

fn check_relations(p: &Parsed, products: &HashMap<&str, usize>, problems: &mut Vec<Problem>) {
    let f = source::RELATIONS;
    let mut seen: HashMap<(RelationKind, &str, &str), usize> = HashMap::new();
    for (line, r) in &p.relations {
        let mut ok = true;
        for (col, side, id) in [(2, "from", &r.from), (3, "to", &r.to)] {
            if !products.contains_key(id.as_str()) {
                ok = false;
                problems.push(
                    Problem::error(
                        f,
                        *line,
                        format!(
                            "dangling relation: {} {side} unknown product {:?}{}",
                            r.kind.as_str(),
                            id.as_str(),
                            closest(id.as_str(), products.keys().copied())
                        ),
                    )
                    .at(col)
                    .field(side),
                );
            }
        }
        if ok && r.from == r.to {
            problems.push(
                Problem::error(
                    f,
                    *line,
                    format!("product {:?} is related to itself", r.from.as_str()),
                )
                .field("to"),
            );
        }
        if let Some(first) = seen.insert((r.kind, r.from.as_str(), r.to.as_str()), *line) {
            problems.push(Problem::warning(
                f,
                *line,
                format!("this relation is already stated on line {first}"),
            ));
        }
    }
}

fn check_order(
    line: usize,
    o: &Order,
    products: &HashMap<&str, &Product>,
    lines: &mut Lines,
    problems: &mut Vec<Problem>,
) {
    let f = source::ORDERS;
    let id = &o.id;
    if !o.email.contains('@') || o.email.contains(' ') {
        problems.push(lines.at(
            f,
            line,
            "email",
            format!("order {id:?} has a bad email {:?}", o.email),
        ));
    }
    if o.items.is_empty() {
        problems.push(lines.at(f, line, "items", format!("order {id:?} has no items")));
    }
    if !is_currency(&o.currency) {
        problems.push(lines.at(
            f,
            line,
            "currency",
            format!(
                "order {id:?} has currency {:?}; write a three-letter code",
                o.currency
            ),
        ));
    }
    for item in &o.items {
        match products.get(item.product.as_str()) {
            None => problems.push(lines.at(
                f,
                line,
                "product",
                format!(
                    "order {id:?} contains unknown product {:?}",
                    item.product.as_str()
                ),
            )),
            Some(p) => {
                if let Some(sku) = &item.sku {
                    if !p.variants.iter().any(|v| &v.sku == sku) {
                        problems.push(lines.at(
                            f,
                            line,
                            "sku",
                            format!(
                                "order {id:?}: product {:?} has no variant {sku:?}",
                                p.id.as_str()
                            ),
                        ));
                    }
                }
            }
        }
        if item.quantity == 0 {
            problems.push(lines.at(
                f,
                line,
                "quantity",
                format!("order {id:?} has an item with quantity 0"),
            ));
        }
    }
    use OrderStatus::*;
    let need: &[(&str, bool)] = &[
        (
            "paid_at",
            matches!(o.status, Paid | Shipped | Delivered | Returned | Refunded)
                && o.paid_at.is_none(),
        ),
        (
            "shipped_at",
            matches!(o.status, Shipped | Delivered | Returned) && o.shipped_at.is_none(),
        ),
        (
            "tracking",
            matches!(o.status, Shipped | Delivered) && o.tracking.is_none(),
        ),
        (
            "delivered_at",
            matches!(o.status, Delivered | Returned) && o.delivered_at.is_none(),
        ),
        (
            "cancelled_at",
            o.status == Cancelled && o.cancelled_at.is_none(),
        ),
        (
            "returned_at",
            o.status == Returned && o.returned_at.is_none(),
        ),
        (
            "refunded_at",
            o.status == Refunded && o.refunded_at.is_none(),
        ),
    ];
    for (field, missing) in need {
        if *missing {
            problems.push(lines.at(
                f,
                line,
                "status",
                format!("order {id:?} is {} but has no `{field}`", o.status.as_str()),
            ));
        }
    }
    let steps = [
        ("placed_at", Some(o.placed_at)),
        ("paid_at", o.paid_at),
        ("shipped_at", o.shipped_at),
        ("delivered_at", o.delivered_at),
        ("returned_at", o.returned_at),
    ];
    let mut last: Option<(&str, chrono::DateTime<chrono::Utc>)> = None;
    for (name, t) in steps {
        let Some(t) = t else { continue };
        if let Some((prev, pt)) = last {
            if t < pt {
                problems.push(lines.at(
                    f,
                    line,
                    name,
                    format!("order {id:?}: `{name}` is before `{prev}`"),
                ));
            }
        }
        last = Some((name, t));
    }
}
