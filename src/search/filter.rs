//! The hard constraints of a request, resolved against the catalogue: price range, brand
//! and not-brand, colour and not-colour, size (EU ↔ UK shoe sizes, as the knowledge
//! module matches them), material, yes/no features, stock and the products not to list.
//! Constraints filter; they are never query words.

use std::collections::HashSet;

use super::thesaurus::Thesaurus;
use crate::knowledge::{
    colour_matches, is_size_number, size_in_name, size_matches, squashed, AttrType, Graph, Product,
    Verdict,
};
use crate::lexicon::excluded_at;
use crate::types::{ProductId, SearchRequest};

#[derive(Debug, Clone, Default)]
pub(crate) struct Constraints {
    brands: Vec<String>,
    not_brands: Vec<String>,
    colours: Vec<String>,
    not_colours: Vec<String>,
    sizes: Vec<String>,
    materials: Vec<String>,
    /// Yes/no attributes that must be yes ("waterproof"). Features with a number or a
    /// text stay wishes for relevance.
    features: Vec<String>,
    price_min: Option<f64>,
    price_max: Option<f64>,
    in_stock: bool,
    exclude: HashSet<ProductId>,
}

fn lower(values: &[String]) -> Vec<String> {
    values
        .iter()
        .map(|v| v.trim().to_lowercase())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The values the catalogue states, so a constraint naming none of them (a misread
/// "toddler" as a brand, a colour no product comes in) ranks as words instead of
/// filtering everything out.
#[derive(Debug, Default)]
pub(crate) struct Stated {
    colours: HashSet<String>,
    /// Every variant size, lower case.
    sizes: HashSet<String>,
    /// Every product name as [`size_in_name`] reads it, one per line: whether some name
    /// states a size is one substring search, not a pass over the catalogue per request.
    squashed_names: String,
    materials: Vec<String>,
    /// Brands a shopper may call by the first word of the name (see `short_names`):
    /// (brand id, lower case; that word, lower case).
    short_brands: Vec<(String, String)>,
}

impl Stated {
    pub fn of(graph: &Graph) -> Stated {
        let mut s = Stated::default();
        let mut materials = HashSet::new();
        for p in graph.products() {
            let colours = p
                .variants
                .iter()
                .filter_map(|v| v.colour.clone())
                .chain(colour_attributes(p));
            for c in colours {
                s.colours.extend(words(&c));
            }
            s.sizes.extend(
                p.variants
                    .iter()
                    .filter_map(|v| v.size.as_deref())
                    .map(str::to_lowercase),
            );
            for f in graph.facts(p.id.as_str()) {
                if f.attribute == "material" {
                    materials.insert(f.value.key());
                }
            }
            if let Some(m) = p.attributes.get("material") {
                materials.insert(m.key());
            }
        }
        s.materials = materials.into_iter().collect();
        s.short_brands = short_names(graph);
        s.squashed_names = graph
            .products()
            .iter()
            .map(|p| squashed(&p.name))
            .collect::<Vec<_>>()
            .join("\n");
        s
    }

    /// The brand (id, lower case) a shopper names by the first word of its name.
    fn brand_by_short_name(&self, said: &str) -> Option<&str> {
        let said = said.trim().to_lowercase();
        self.short_brands
            .iter()
            .find(|(_, short)| *short == said)
            .map(|(id, _)| id.as_str())
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// What a value read as a brand is to the shop.
pub(crate) enum BrandSaid {
    /// One of its brands (the id, lower case).
    Brand(String),
    /// A word its names use, maybe misspelt ("toddler", "espreso"): a word to rank by.
    Word(String),
    /// Nothing it mentions ("acme"): a constraint nothing meets, so that no other brand
    /// is shown as if it were the one asked for.
    Unknown(String),
}

/// What `said` (lower case) names: a brand by id or name, by the first word of its name,
/// as the products' brand; else a word of the names (with one typo forgiven).
pub(crate) fn brand_said(
    graph: &Graph,
    stated: &Stated,
    said: &str,
    named_with_a_typo: &dyn Fn(&str) -> bool,
) -> BrandSaid {
    if let Some(b) = graph.brand(said) {
        return BrandSaid::Brand(b.id.to_lowercase());
    }
    if let Some(id) = stated.brand_by_short_name(said) {
        return BrandSaid::Brand(id.to_string());
    }
    if graph
        .products()
        .iter()
        .any(|p| p.brand.eq_ignore_ascii_case(said))
    {
        return BrandSaid::Brand(said.to_string());
    }
    let in_names = graph
        .products()
        .iter()
        .any(|p| colour_matches(&p.name, said))
        || (said.chars().count() >= 5 && named_with_a_typo(said));
    if in_names {
        BrandSaid::Word(said.to_string())
    } else {
        BrandSaid::Unknown(said.to_string())
    }
}

impl Constraints {
    /// The request's constraints, and the values no product states, as words to rank by.
    /// `named_with_a_typo`: whether product names hold the word with one typo forgiven.
    pub fn resolve(
        graph: &Graph,
        req: &SearchRequest,
        stated: &Stated,
        synonyms: &Thesaurus,
        named_with_a_typo: &dyn Fn(&str) -> bool,
    ) -> (Constraints, Vec<String>) {
        let mut wishes = Vec::new();
        let brands_of = |values: &[String], wishes: &mut Vec<String>| -> Vec<String> {
            lower(values)
                .into_iter()
                .filter_map(|v| match brand_said(graph, stated, &v, named_with_a_typo) {
                    BrandSaid::Brand(id) | BrandSaid::Unknown(id) => Some(id),
                    BrandSaid::Word(w) => {
                        wishes.push(w);
                        None
                    }
                })
                .collect()
        };
        let mut brands = brands_of(&req.brands, &mut wishes);
        // An unknown brand not to show excludes nothing.
        let mut not_brands = brands_of(&req.not_brands, &mut Vec::new());
        // A brand of the shop's excluded in words the reader did not tag as a brand
        // ("hoodie not google": the reader knows no shop's brands, the search does).
        let text = req.text.to_lowercase();
        let by_name = graph
            .brands()
            .iter()
            .map(|b| (b.id.to_lowercase(), &b.name));
        let by_short = stated.short_brands.iter().map(|(id, s)| (id.clone(), s));
        for (id, name) in by_name.chain(by_short) {
            if !not_brands.contains(&id) && excluded_in(&req.text, &text, name) {
                brands.retain(|x| x != &id);
                not_brands.push(id);
            }
        }
        // A colour no product states may be stated in another spelling ("grey", "gray").
        let is_stated = |c: &str| words(c).iter().all(|w| stated.colours.contains(w));
        let spelled = |c: String| -> String {
            if is_stated(&c) {
                return c;
            }
            synonyms
                .others(&c)
                .into_iter()
                .find(|o| is_stated(o))
                .map_or(c, str::to_string)
        };
        let (colours, unknown): (Vec<String>, Vec<String>) = lower(&req.colours)
            .into_iter()
            .map(spelled)
            .partition(|c| is_stated(c));
        wishes.extend(unknown);
        let (materials, unknown): (Vec<String>, Vec<String>) = lower(&req.materials)
            .into_iter()
            .partition(|m| stated.materials.iter().any(|s| s.contains(m.as_str())));
        wishes.extend(unknown);
        // A size no product comes in, in words no name states and no number ("5k" of "a 5k
        // run shirt"), is a misreading a filter would answer with nothing: a word to rank by.
        let known_size = |v: &String| {
            is_size_number(v)
                || stated.sizes.iter().any(|have| size_matches(have, v))
                || Some(squashed(v))
                    .filter(|v| !v.is_empty())
                    .is_some_and(|v| stated.squashed_names.contains(&v))
        };
        let (sizes, unknown): (Vec<String>, Vec<String>) =
            lower(&req.sizes).into_iter().partition(known_size);
        wishes.extend(unknown);
        let bool_attribute = |id: &String| {
            graph
                .catalog()
                .attributes
                .iter()
                .any(|a| &a.id == id && a.kind == AttrType::Bool)
        };
        let constraints = Constraints {
            brands,
            not_brands,
            colours,
            not_colours: lower(&req.not_colours).into_iter().map(spelled).collect(),
            sizes,
            materials,
            features: req
                .features
                .iter()
                .filter_map(|f| graph.resolve_attribute(f))
                .filter(bool_attribute)
                .collect(),
            price_min: req.price_min.filter(|p| p.is_finite()),
            price_max: req.price_max.filter(|p| p.is_finite()),
            in_stock: !req.include_out_of_stock,
            exclude: req.exclude.iter().cloned().collect(),
        };
        (constraints, wishes)
    }

    /// `Some(in stock wanted)` when stock is all these constraints ask about (most
    /// requests): the search then answers from its own per-product table instead of
    /// reading every product of a large type.
    pub fn stock_only(&self) -> Option<bool> {
        let only = self.brands.is_empty()
            && self.not_brands.is_empty()
            && self.colours.is_empty()
            && self.not_colours.is_empty()
            && self.sizes.is_empty()
            && self.materials.is_empty()
            && self.features.is_empty()
            && self.price_min.is_none()
            && self.price_max.is_none()
            && self.exclude.is_empty();
        only.then_some(self.in_stock)
    }

    pub fn admits(&self, graph: &Graph, p: &Product) -> bool {
        if self.in_stock && !p.in_stock() {
            return false;
        }
        if self.exclude.contains(&p.id) {
            return false;
        }
        // Lowercased only when a brand is asked about: this runs on every product of a
        // type, and most requests name no brand.
        if !self.brands.is_empty() || !self.not_brands.is_empty() {
            let brand = p.brand.to_lowercase();
            if !self.brands.is_empty() && !self.brands.contains(&brand) {
                return false;
            }
            if self.not_brands.contains(&brand) {
                return false;
            }
        }
        if self.price_min.is_some_and(|m| p.price < m)
            || self.price_max.is_some_and(|m| p.price > m)
        {
            return false;
        }
        self.fits_size_and_colour(graph, p)
            && self.avoids_colours(p)
            && self.has_features(graph, p)
            && self.has_material(graph, p)
    }

    /// Size and colour must be in stock on one variant; a product without variants has
    /// its colour as an attribute, and its size in its name (or a capacity).
    fn fits_size_and_colour(&self, graph: &Graph, p: &Product) -> bool {
        if self.sizes.is_empty() && self.colours.is_empty() {
            return true;
        }
        let colours: Vec<Option<&str>> = if self.colours.is_empty() {
            vec![None]
        } else {
            self.colours.iter().map(|c| Some(c.as_str())).collect()
        };
        // A wished size on a product sold in sizes checks size and colour together.
        let sized = !self.sizes.is_empty() && p.variants.iter().any(|v| v.size.is_some());
        if sized {
            return self.sizes.iter().any(|s| {
                colours
                    .iter()
                    .any(|&c| p.variants_in_stock(Some(s), c).next().is_some())
            });
        }
        if !self.sizes.is_empty() && !self.sizes.iter().any(|s| unsized_fits(graph, p, s)) {
            return false;
        }
        if self.colours.is_empty() {
            return true;
        }
        // Feeds often name a colour in the product's name ("Tee Black") and give the
        // variants fancier ones ("Onyx"): the name counts too.
        self.colours.iter().any(|c| {
            p.variants_in_stock(None, Some(c)).next().is_some()
                || colour_attribute(p, c)
                || colour_matches(&p.name, c)
        })
    }

    /// Not-colours: the product must come in (and have in stock) some other colour.
    fn avoids_colours(&self, p: &Product) -> bool {
        if self.not_colours.is_empty() {
            return true;
        }
        let unwanted = |colour: &str| self.not_colours.iter().any(|n| colour_matches(colour, n));
        if p.variants.iter().any(|v| v.colour.is_some()) {
            return p
                .variants
                .iter()
                .any(|v| v.stock > 0 && v.colour.as_deref().is_some_and(|c| !unwanted(c)));
        }
        !self.not_colours.iter().any(|n| colour_attribute(p, n))
    }

    fn has_features(&self, graph: &Graph, p: &Product) -> bool {
        self.features.iter().all(|f| {
            graph
                .fact(p.id.as_str(), f)
                .is_some_and(|fact| Verdict::of(&fact.value) == Verdict::Yes)
        })
    }

    fn has_material(&self, graph: &Graph, p: &Product) -> bool {
        if self.materials.is_empty() {
            return true;
        }
        let stated: Vec<String> = graph
            .facts(p.id.as_str())
            .iter()
            .filter(|f| f.attribute == "material")
            .map(|f| f.value.key())
            .chain(p.attributes.get("material").map(|v| v.key()))
            .collect();
        self.materials
            .iter()
            .any(|m| stated.iter().any(|s| s.contains(m.as_str())))
    }
}

/// Brands whose name's first word is a name of its own: 4 letters or more, the name has
/// more words, and no other brand's name starts with it ("cascadia" for "Cascadia
/// Gear"). (brand id, that word), both lower case.
fn short_names(graph: &Graph) -> Vec<(String, String)> {
    let mut firsts: std::collections::HashMap<String, usize> = Default::default();
    for b in graph.brands() {
        if let Some(f) = b.name.split_whitespace().next() {
            *firsts.entry(f.to_lowercase()).or_default() += 1;
        }
    }
    graph
        .brands()
        .iter()
        .filter_map(|b| {
            let first = b.name.split_whitespace().next()?.to_lowercase();
            let alone = b.name.split_whitespace().count() > 1
                && first.chars().filter(|c| c.is_alphabetic()).count() >= 4
                && firsts.get(&first) == Some(&1);
            alone.then(|| (b.id.to_lowercase(), first))
        })
        .collect()
}

/// Whether `name` occurs in `text` (`lower`: the text lower-cased) as whole words right
/// after words that exclude it ("not google", "anything but youtube", "tees that aren't
/// google").
fn excluded_in(text: &str, lower: &str, name: &str) -> bool {
    let name = name.trim().to_lowercase();
    if name.is_empty() || !lower.contains(&name) {
        return false;
    }
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    lower.match_indices(&name).any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + name.len()..].chars().next();
        !is_word(before) && !is_word(after) && excluded_at(text, lower[..at].chars().count())
    })
}

fn colour_attributes(p: &Product) -> impl Iterator<Item = String> + '_ {
    ["colour", "color"]
        .into_iter()
        .filter_map(|k| p.attributes.get(k).map(|v| v.to_string()))
}

fn colour_attribute(p: &Product, colour: &str) -> bool {
    ["colour", "color"].iter().any(|k| {
        p.attributes
            .get(*k)
            .is_some_and(|v| colour_matches(&v.key(), colour))
    })
}

/// A size wish on a product not sold in sizes: a capacity ("sleeps 2") or the size in its
/// name ("42 mm").
fn unsized_fits(graph: &Graph, p: &Product, size: &str) -> bool {
    let sleeps = graph.number(p.id.as_str(), "sleeps");
    let people: Option<f64> = size
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| !w.is_empty())
        .and_then(|w| w.parse().ok());
    match (sleeps, people) {
        (Some(sleeps), Some(n)) => sleeps >= n && sleeps <= n + 2.0,
        _ => size_in_name(&p.name, size),
    }
}

#[cfg(test)]
mod tests {
    use super::excluded_in;

    #[test]
    fn a_name_after_words_that_exclude_it() {
        let excluded = |text: &str, name: &str| excluded_in(text, &text.to_lowercase(), name);
        assert!(excluded("hoodie not google", "Google"));
        assert!(excluded("sweatshirt, not youtube", "YouTube"));
        assert!(excluded("tees that aren't google", "Google"));
        assert!(excluded("anything but #IamRemarkable", "#IamRemarkable"));
        assert!(!excluded("google hoodie", "Google"));
        assert!(
            !excluded("not a hoodie, google ones", "Google"),
            "the clause ended"
        );
        assert!(!excluded("no googles here", "Google"), "whole words only");
    }
}
