//! Which products are of the type a shopper asked for, in the catalogue's own words.
//!
//! A type is found (in this order, the first that finds anything wins):
//! 1. by its words: a category (id, name or synonym, singular or plural, or one whose
//!    name ends with the type's last word: "boots" → "Hiking boots"), and products whose
//!    name holds every word of the type, stemmed ("bottles" → "… Bottle"), or else its
//!    last word, the head of an English compound ("water bottle" → "… Bottle");
//! 2. the same with one typo forgiven per word ("hoddie");
//! 3. by meaning: the shop's type names (category names and the head nouns of product
//!    names) whose embedding is close enough to the asked type's ("coffee cup" → mug).
//!
//! When none finds anything the shop sells nothing of the kind: the search lists no
//! product of another type, and says which of its types are nearest in meaning.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use super::index::LexicalIndex;
use super::semantic::ProductVectors;
use super::thesaurus::Thesaurus;
use super::vectors::dot;
use super::SearchError;
use crate::knowledge::{is_cjk, Graph, Product};
use crate::types::Embed;

/// Where the asked type's similarity to the shop's type names draws the lines (cosine of
/// the encoder's vectors). docs/search.md has the sweep they were picked from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TypeThresholds {
    /// A type found by its words also takes in the type names at least this close
    /// ("t-shirt" takes in "tee").
    pub expand_from: f32,
    /// A type not found by its words becomes the type names at least this close
    /// ("coffee cup" → mug).
    pub similar_from: f32,
    /// Below this, nothing the shop sells is of the kind: no products, the nearest types
    /// named. Between this and `similar_from` the type is not a filter; the words rank.
    pub none_below: f32,
}

impl Default for TypeThresholds {
    fn default() -> Self {
        Self {
            expand_from: 0.75,
            similar_from: 0.6,
            // No band of unsure types: on both query sets it listed more wrong products
            // (for types the shop lacks) than right ones (docs/search.md).
            none_below: 0.6,
        }
    }
}
/// A stem's verdict, judged when first met: 0 not yet, 1 no, 2 yes.
type Verdict = std::cell::Cell<u8>;
/// No stem (an index into `TypeNames::stems`).
const NONE: u32 = u32::MAX;
/// How many nearest types a `NoneOfType` names.
const NEAREST: usize = 3;
/// Head nouns kept as type names, most frequent first (bounds the work on big catalogues).
const MAX_HEADS: usize = 2000;

/// How the asked product type was resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TypeMatch {
    /// No product type was asked.
    NotAsked,
    /// Products of the asked type: in these categories and/or named so.
    Found {
        asked: String,
        categories: Vec<String>,
        /// Type names taken in for being close in meaning.
        took: Vec<String>,
        products: usize,
    },
    /// Nothing is called that, but these types of the shop mean the same ("cup" → mug).
    Similar {
        asked: String,
        took: Vec<String>,
        products: usize,
    },
    /// Not sure: nothing is called that and no type is close enough to stand for it, so
    /// the words rank over everything; `nearest` are the closest types.
    Unsure { asked: String, nearest: Vec<String> },
    /// The shop sells nothing of the kind; `nearest` are its closest types, best first.
    NoneOfType { asked: String, nearest: Vec<String> },
}

/// The shop's names for kinds of product, with their vectors.
pub(crate) struct TypeNames {
    names: Vec<String>,
    dim: usize,
    vectors: Vec<f32>,
    /// Each category's id with the stems of its name, the last one its head (stemmed
    /// once here, not per request).
    category_stems: Vec<(String, Vec<String>)>,
    /// Each name's products' mean vector (unit length).
    centroids: Vec<f32>,
    /// Each product's kind by its name, stemmed: its name's head where that is a kind
    /// (`NONE` otherwise). An index into `stems`.
    product_kinds: Vec<u32>,
    /// Each product's kind by its category: the head of its category's name, for a
    /// category below a department that names one kind ("Atlas Trek 65" under "Backpacks"
    /// is a backpack); `NONE` otherwise. An index into `stems`.
    category_kinds: Vec<u32>,
    /// Each product's head noun, stemmed (by catalogue position): what it is by its name,
    /// an index into `stems` (`NONE`: its name has none).
    product_head_ix: Vec<u32>,
    /// The distinct stems of kinds and heads, each once (a request judges each once).
    stems: Vec<String>,
    /// Stems that say what a thing is: the last words of the synonym list's kinds and of
    /// the category names (a name's last word may be a colour or a model instead);
    /// `None` when the shop has no synonym list.
    kinds: Option<HashSet<String>>,
    /// Names of the top categories (no parent): departments, not kinds of product.
    departments: HashSet<String>,
}

impl TypeNames {
    pub fn build(
        graph: &Graph,
        index: &LexicalIndex,
        embed: &dyn Embed,
        products: &ProductVectors,
        thesaurus: &Thesaurus,
    ) -> Result<Self, SearchError> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut names = Vec::new();
        for c in graph.categories() {
            let key = index.stem(&c.name).unwrap_or_else(|| c.name.to_lowercase());
            if seen.insert(key) {
                names.push(c.name.clone());
            }
        }
        for head in head_nouns(graph) {
            if let Some(key) = index.stem(&head) {
                if seen.insert(key) {
                    names.push(head);
                }
            }
        }
        let category_stems: Vec<(String, Vec<String>)> = graph
            .categories()
            .iter()
            .map(|c| {
                let stems = index.words(&c.name).into_iter().map(|w| w.stem).collect();
                (c.id.clone(), stems)
            })
            .filter(|(_, stems): &(String, Vec<String>)| !stems.is_empty())
            .collect();
        let dim = embed.dim();
        let mut vectors = Vec::with_capacity(names.len() * dim);
        for chunk in names.chunks(64) {
            let texts: Vec<&str> = chunk.iter().map(String::as_str).collect();
            for v in embed.embed(&texts)? {
                vectors.extend_from_slice(&v);
            }
        }
        // Each name's products, in the mean: what the shop means by it in context.
        let not_heads = not_heads(graph);
        let mut by_head: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, p) in graph.products().iter().enumerate() {
            if let Some(h) = head_noun(p, &not_heads) {
                by_head.entry(h).or_default().push(i as u32);
            }
        }
        let mut centroids = vec![0f32; names.len() * dim];
        for (i, name) in names.iter().enumerate() {
            let mut of_name: Vec<u32> = graph
                .categories()
                .iter()
                .filter(|c| &c.name == name)
                .flat_map(|c| graph.product_positions_in_category(&c.id, true))
                .collect();
            if of_name.is_empty() {
                of_name = by_head.get(name).cloned().unwrap_or_default();
            }
            let c = &mut centroids[i * dim..(i + 1) * dim];
            for p in of_name {
                for (a, x) in c.iter_mut().zip(products.get(p as usize)) {
                    *a += x;
                }
            }
            let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                c.iter_mut().for_each(|x| *x /= norm);
            }
        }
        let product_heads = graph
            .products()
            .iter()
            .map(|p| name_head(&p.name, &not_heads).and_then(|h| index.stem(&h)))
            .collect::<Vec<Option<String>>>();
        // Without a synonym list every head noun counts as a kind.
        let kinds = (!thesaurus.is_empty()).then(|| {
            let mut kinds = thesaurus.kind_heads(graph.colour_words());
            kinds.extend(category_stems.iter().filter_map(|(_, s)| s.last().cloned()));
            kinds
        });
        let mut stems: Vec<String> = Vec::new();
        let mut stem_ix: HashMap<String, u32> = HashMap::new();
        let mut intern = |s: Option<String>| -> u32 {
            let Some(s) = s else { return NONE };
            *stem_ix.entry(s.clone()).or_insert_with(|| {
                stems.push(s);
                (stems.len() - 1) as u32
            })
        };
        let product_kinds = product_heads
            .iter()
            .map(|h| {
                h.clone()
                    .filter(|h| kinds.as_ref().is_none_or(|k| k.contains(h)))
            })
            .map(&mut intern)
            .collect();
        let category_kinds = category_kinds(graph, &category_stems)
            .into_iter()
            .map(&mut intern)
            .collect();
        let product_head_ix = product_heads.iter().cloned().map(&mut intern).collect();
        let departments = graph
            .categories()
            .iter()
            .filter(|c| c.parent.is_none())
            .map(|c| c.name.clone())
            .collect();
        Ok(Self {
            names,
            dim,
            vectors,
            category_stems,
            centroids,
            product_kinds,
            category_kinds,
            product_head_ix,
            stems,
            kinds,
            departments,
        })
    }

    /// A product's head noun, stemmed.
    fn head_of(&self, product: u32) -> Option<&str> {
        let ix = *self.product_head_ix.get(product as usize)?;
        self.stems.get(ix as usize).map(String::as_str)
    }

    /// Whether the type name is a top category's (a department of the shop).
    fn is_department(&self, name: &str) -> bool {
        self.departments.contains(name)
    }

    /// Type names by cosine similarity to their products' mean vector, best first.
    fn nearest_in_context(&self, query: &[f32]) -> Vec<(&str, f32)> {
        let mut out: Vec<(&str, f32)> = self
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let v = &self.centroids[i * self.dim..(i + 1) * self.dim];
                (n.as_str(), dot(query, v))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }

    /// Type names by cosine similarity to `query`, best first.
    fn nearest(&self, query: &[f32]) -> Vec<(&str, f32)> {
        let mut out: Vec<(&str, f32)> = self
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let v = &self.vectors[i * self.dim..(i + 1) * self.dim];
                (n.as_str(), dot(query, v))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }
}

/// The last word of each product name that is not a colour, a size, a number or a code
/// ("Google Men's Tee Black" → "tee"): English product names end with what the thing is.
/// Most frequent first.
fn head_nouns(graph: &Graph) -> Vec<String> {
    let not_heads = not_heads(graph);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in graph.products() {
        if let Some(h) = head_noun(p, &not_heads) {
            *counts.entry(h).or_default() += 1;
        }
    }
    let mut heads: Vec<(String, usize)> = counts.into_iter().collect();
    heads.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    heads.truncate(MAX_HEADS);
    heads.into_iter().map(|(h, _)| h).collect()
}

/// Words of options, colours and brands: never what a product is.
fn not_heads(graph: &Graph) -> HashSet<String> {
    let mut not_heads: HashSet<String> = HashSet::new();
    for p in graph.products() {
        for v in &p.variants {
            for option in [&v.size, &v.colour].into_iter().flatten() {
                not_heads.extend(words(option));
            }
        }
        for key in ["colour", "color"] {
            if let Some(c) = p.attributes.get(key) {
                not_heads.extend(words(&c.to_string()));
            }
        }
    }
    for b in graph.brands() {
        not_heads.extend(words(&b.name));
    }
    not_heads
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn head_noun(p: &Product, not_heads: &HashSet<String>) -> Option<String> {
    words(&p.name).into_iter().rev().find(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && !w.chars().any(|c| c.is_ascii_digit())
            && !not_heads.contains(w)
    })
}

/// The head noun of a product name, read as English names are written: what the thing
/// is comes last, before what it is for or comes with ("Laptop Organizer" is an
/// organizer, "Case for Nova 12" a case, "Long Sleeve Tee, Navy" a tee).
fn name_head(name: &str, not_heads: &HashSet<String>) -> Option<String> {
    let lower = name.to_lowercase();
    let mut ends: Vec<usize> = [" for ", " with ", ",", "(", " – ", " - ", " / "]
        .iter()
        .filter_map(|cut| lower.find(cut))
        .collect();
    ends.sort_unstable();
    ends.push(lower.len());
    // The first part that has a head ("Google, LLCognito Laptop Organizer": not "Google").
    ends.into_iter().find_map(|end| {
        words(&lower[..end]).into_iter().rev().find(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !w.chars().any(|c| c.is_ascii_digit())
                && !not_heads.contains(w)
                && !COLLECTIVES.contains(&w.as_str())
                && !SIZES.contains(&w.as_str())
        })
    })
}

/// Each product's kind by its category (see `TypeNames::category_kinds`).
fn category_kinds(graph: &Graph, category_stems: &[(String, Vec<String>)]) -> Vec<Option<String>> {
    // A category named for two kinds ("Keyboards & mice") tells neither.
    let one_kind = |name: &str| {
        let lower = name.to_lowercase();
        !lower.contains('&') && !lower.contains(',') && !lower.split(' ').any(|w| w == "and")
    };
    let below_department: HashMap<&str, &str> = graph
        .categories()
        .iter()
        .filter(|c| c.parent.is_some() && one_kind(&c.name))
        .filter_map(|c| {
            let (_, stems) = category_stems.iter().find(|(id, _)| id == &c.id)?;
            Some((c.id.as_str(), stems.last()?.as_str()))
        })
        .collect();
    graph
        .products()
        .iter()
        .map(|p| {
            below_department
                .get(p.category.as_str())
                .map(|h| h.to_string())
        })
        .collect()
}

/// Sizes a name may end with when the feed has no size option ("Dog Bed Medium").
const SIZES: &[&str] = &[
    "small", "medium", "large", "mini", "regular", "petite", "tall", "xxl", "xxxl",
];

/// Nouns of quantity: a "Magnet Set" is magnets, a "Sticker Pack" stickers, a "Brick
/// Box" bricks.
const COLLECTIVES: &[&str] = &[
    "set", "sets", "pack", "packs", "kit", "bundle", "pair", "pairs", "box", "boxes",
];

/// What the type resolution needs of the search: the catalogue, its index, and each
/// product's category path.
pub(crate) struct TypeResolver<'a> {
    pub thresholds: TypeThresholds,
    pub graph: &'a Graph,
    pub index: &'a LexicalIndex,
    pub names: &'a TypeNames,
    pub thesaurus: &'a Thesaurus,
    /// The stems of the shopper's words (the request's text).
    pub said: HashSet<String>,
}

/// What the words of a type found.
struct ByWords {
    categories: Vec<String>,
    products: OfType,
    /// Found as named: not only by the head word of a longer type (a category called
    /// so, or product names with that last word alone).
    exact: bool,
    /// Found called so: a category by that name or products named with every word.
    called_so: bool,
}

/// The products of a resolved type: positions in the catalogue, ascending, each once.
pub(crate) type OfType = Vec<u32>;

fn sorted(mut products: Vec<u32>) -> OfType {
    products.sort_unstable();
    products.dedup();
    products
}

impl TypeResolver<'_> {
    /// The match status and, unless nothing was asked, the products of the asked type.
    pub fn resolve(
        &self,
        asked: &str,
        embed: impl FnOnce(&str) -> Result<Vec<f32>, SearchError>,
    ) -> Result<(TypeMatch, Option<OfType>), SearchError> {
        let asked = asked.trim();
        if asked.is_empty() {
            return Ok((TypeMatch::NotAsked, None));
        }
        if asked.chars().any(is_cjk) {
            return Ok(self.resolve_in_locale(asked));
        }
        let t = self.thresholds;
        let query = embed(asked)?;
        let nearest = self.names.nearest(&query);
        tracing::debug!(asked, nearest = ?&nearest[..nearest.len().min(5)], "product type");
        if tracing::enabled!(tracing::Level::DEBUG) {
            let context = self.names.nearest_in_context(&query);
            tracing::debug!(asked, in_context = ?&context[..context.len().min(8)], "product type");
        }
        // A department found only by meaning ("sweatpants" ≈ "Apparel") is no kind of
        // product: searched, it would list its tees and hoodies as if they were the
        // asked kind; it stays among the nearest types offered instead.
        let close = |from: f32, kinds_only: bool| -> Result<(Vec<String>, OfType), SearchError> {
            let mut took = Vec::new();
            let mut products = Vec::new();
            for (name, _) in nearest.iter().take_while(|(_, s)| *s >= from) {
                if kinds_only && self.names.is_department(name) {
                    continue;
                }
                let of_name = self.by_words(name, false, false)?.products;
                if !of_name.is_empty() {
                    took.push(name.to_string());
                    products.extend(of_name);
                }
            }
            Ok((took, sorted(products)))
        };
        // A type whose every word the shop labels something with is no misspelling
        // ("bikes" beside a "Bike Computer" is not "bake").
        let all_known = self
            .index
            .words(asked)
            .iter()
            .map(|w| self.index.labelled(&w.stem).map(|l| !l.is_empty()))
            .collect::<Result<Vec<bool>, SearchError>>()?
            .into_iter()
            .all(|known| known);
        for typos in [false, true] {
            if typos && all_known {
                continue;
            }
            let (categories, mut products, synonyms) = self.by_words_or_synonyms(asked, typos)?;
            if !products.is_empty() {
                // Types close in meaning stand in for synonyms the shop did not write;
                // where its synonyms named the type, the encoder's neighbours only add
                // other kinds ("hooded sweatshirt" is no crewneck sweatshirt).
                let (took, of_close) = if synonyms.is_empty() {
                    close(t.expand_from, false)?
                } else {
                    (synonyms, OfType::new())
                };
                products.extend(of_close);
                let products = self.of_the_kind(asked, &took, sorted(products), typos);
                let m = TypeMatch::Found {
                    asked: asked.to_string(),
                    categories,
                    took,
                    products: products.len(),
                };
                return Ok((m, Some(products)));
            }
        }
        let (took, products) = close(t.similar_from, true)?;
        let products = self.of_the_kind(asked, &took, products, false);
        if !products.is_empty() {
            let m = TypeMatch::Similar {
                asked: asked.to_string(),
                took,
                products: products.len(),
            };
            return Ok((m, Some(products)));
        }
        let best = nearest
            .iter()
            .find(|(n, _)| !self.names.is_department(n))
            .map_or(0.0, |n| n.1);
        let asked = asked.to_string();
        let nearest: Vec<String> = nearest
            .iter()
            .take(NEAREST)
            .map(|(n, _)| n.to_string())
            .collect();
        if best >= t.none_below {
            return Ok((TypeMatch::Unsure { asked, nearest }, None));
        }
        Ok((
            TypeMatch::NoneOfType { asked, nearest },
            Some(OfType::new()),
        ))
    }

    /// A type asked in a language the shop has texts for (Chinese: no spaces, no stems,
    /// and the English encoder cannot judge it): a category whose name or synonym in a
    /// locale is the asked words, and products whose name in a locale holds them. When
    /// neither finds anything the type is no filter (`Unsure`): the words rank.
    fn resolve_in_locale(&self, asked: &str) -> (TypeMatch, Option<OfType>) {
        let mut categories = Vec::new();
        let mut products: Vec<u32> = Vec::new();
        if let Some(c) = self.graph.category(asked) {
            categories.push(c.id.clone());
            products.extend(self.graph.product_positions_in_category(&c.id, true));
        }
        let texts: Vec<&crate::knowledge::LocaleTexts> = self
            .graph
            .locales()
            .filter_map(|l| self.graph.locale(l))
            .collect();
        for (i, p) in self.graph.products().iter().enumerate() {
            if texts.iter().any(|t| {
                t.product(p.id.as_str())
                    .is_some_and(|x| x.name.contains(asked))
            }) {
                products.push(i as u32);
            }
        }
        if products.is_empty() {
            let m = TypeMatch::Unsure {
                asked: asked.to_string(),
                nearest: Vec::new(),
            };
            return (m, None);
        }
        let products = sorted(products);
        let m = TypeMatch::Found {
            asked: asked.to_string(),
            categories,
            took: Vec::new(),
            products: products.len(),
        };
        (m, Some(products))
    }

    /// Categories and products of the type by its words and by the same words with a
    /// phrase said in another word of its synonym group ("kids t-shirt" → "kids tee"),
    /// with the synonyms that found some. A synonym counts only where the shop calls
    /// something so (a category, or names with all its words: "tea light" is no "Light
    /// Jacket"); then the asked words' own finds by a longer type's head word alone are left
    /// out ("wash bag" is the dopp kits, not every bag). The shopper's other words may
    /// still be missing from the names ("warm jumper" → the pullovers), but what they
    /// find must be of the synonym's kind.
    fn by_words_or_synonyms(
        &self,
        asked: &str,
        typos: bool,
    ) -> Result<(Vec<String>, OfType, Vec<String>), SearchError> {
        let own = self.by_words(asked, typos, true)?;
        let variants = if typos {
            Vec::new()
        } else {
            self.thesaurus.variants(&self.index.words(asked))
        };
        let mut found: Vec<(Option<String>, ByWords)> = Vec::new();
        for v in variants {
            let of_synonym = self.by_words(&v.synonym, false, true)?;
            if !of_synonym.called_so {
                continue;
            }
            // Of the synonym's own kind only: "wireless in-ear headphones" may reach the
            // headphones by its last word, but in-ear headphones are the earbuds.
            let mut of_v = self.by_words(&v.text, false, true)?;
            of_v.products
                .retain(|p| of_synonym.products.binary_search(p).is_ok());
            if !of_v.products.is_empty() {
                found.push((Some(v.text), of_v));
            }
        }
        // A broader word than any of the shop's synonyms ("shirt", "jacket") stands for
        // the kinds it ends the names of ("t-shirt", "polo shirt"; "rain jacket").
        if !typos && found.is_empty() {
            for narrower in self.thesaurus.narrower(&self.index.words(asked)) {
                let of_narrower = self.by_words(&narrower, false, true)?;
                if of_narrower.called_so && !of_narrower.products.is_empty() {
                    found.push((Some(narrower), of_narrower));
                }
            }
        }
        if own.exact || found.is_empty() {
            found.insert(0, (None, own));
        }
        let mut categories = Vec::new();
        let mut products = Vec::new();
        let mut synonyms = Vec::new();
        for (v, f) in found {
            for c in f.categories {
                if !categories.contains(&c) {
                    categories.push(c);
                }
            }
            products.extend(f.products);
            synonyms.extend(v);
        }
        Ok((categories, sorted(products), synonyms))
    }

    /// Categories (ids) and products of the type named by `asked`'s words. `as_said`: the
    /// words are the shopper's (not one of the shop's own type names), so products named
    /// with them count only where the words say what the products are (`what_it_is`).
    fn by_words(&self, asked: &str, typos: bool, as_said: bool) -> Result<ByWords, SearchError> {
        let stems: Vec<String> = self
            .index
            .words(asked)
            .into_iter()
            .map(|w| w.stem)
            .collect();
        let Some(head) = stems.last().cloned() else {
            return Ok(ByWords {
                categories: Vec::new(),
                products: OfType::new(),
                exact: false,
                called_so: false,
            });
        };
        let (categories, called_so) = self.categories(asked, &head, typos);
        // A category named by the head word alone is broader than a type with more words
        // ("Bags" for "duffel bag"): of it, the products the shop labels with the other
        // words (in name, options or attributes) are the type, when there are any.
        let modifiers = &stems[..stems.len() - 1];
        let mut labelled_all: Option<Vec<u32>> = None;
        if !typos && !modifiers.is_empty() {
            for m in modifiers {
                let mut l = self.index.labelled(m)?;
                l.sort_unstable();
                labelled_all = Some(match labelled_all {
                    None => l,
                    Some(prev) => prev
                        .into_iter()
                        .filter(|p| l.binary_search(p).is_ok())
                        .collect(),
                });
            }
        }
        let labelled_all = labelled_all.filter(|l| !l.is_empty());
        // The graph's category index, not a scan of every product's path.
        let mut products: Vec<u32> = Vec::new();
        let mut exact = called_so;
        for c in &categories {
            let of_c = self.graph.product_positions_in_category(c, true);
            match &labelled_all {
                Some(l) if self.broader(c, &stems) => {
                    exact = true;
                    products.extend(of_c.into_iter().filter(|p| l.binary_search(p).is_ok()))
                }
                _ => {
                    exact |= !self.broader(c, &stems);
                    products.extend(of_c)
                }
            }
        }
        let check = |named: Vec<u32>| {
            if as_said {
                self.what_it_is(named, &head, typos)
            } else {
                named
            }
        };
        let mut named = check(self.index.named(&stems, typos)?);
        exact |= !named.is_empty();
        let called_so = called_so || !named.is_empty();
        // The head word alone ("food" of "dog food") stands for the type only when no
        // category is called so: beside the dog-food category it would add cat food.
        if named.is_empty() && stems.len() > 1 && categories.is_empty() {
            named = check(self.index.named(std::slice::from_ref(&head), typos)?);
        }
        products.extend(named);
        Ok(ByWords {
            categories,
            products: sorted(products),
            exact,
            called_so,
        })
    }

    /// Products named with the type's words are of the type only where the type's head
    /// word is what some of them are (their name's head noun), what they are cannot be
    /// told (a head that is no kind the synonym list or a category names: "Softshell
    /// Moss"), or the shopper named it too ("a backpack that fits my laptop"): a shop whose
    /// names say "laptop" only in "Laptop Organizer" and "Laptop Backpack" sells no
    /// laptops.
    fn what_it_is(&self, named: Vec<u32>, head: &str, typos: bool) -> Vec<u32> {
        let is_head = |p: &u32| match self.names.head_of(*p) {
            Some(h) if self.names.kinds.as_ref().is_none_or(|k| k.contains(h)) => {
                h == head || (typos && strsim::levenshtein(h, head) <= 1) || self.said.contains(h)
            }
            _ => true,
        };
        if named.iter().any(is_head) {
            named
        } else {
            Vec::new()
        }
    }

    /// Of the products found for a type, those that are of its kind, when some are: the
    /// found set may hold other kinds ("Maps Pin Tee" for "pin", the grinder's category
    /// holds espresso machines), and listed after the asked kind they would fill the list
    /// as if they were it. A product's kind is its name's head, or its category's (see
    /// `TypeNames::product_kinds`); one whose kind cannot be told stays. The asked kind
    /// is the type's head word, the heads of its synonyms and of the types taken in for
    /// it, and any word the shopper said.
    pub(crate) fn of_the_kind(
        &self,
        asked: &str,
        took: &[String],
        products: OfType,
        typos: bool,
    ) -> OfType {
        let words = self.index.words(asked);
        let Some(head) = words.last().map(|w| w.stem.clone()) else {
            return products;
        };
        // The asked kind's own words: its head, its synonyms' heads, and the kinds of
        // product taken in for it by meaning ("beanie" for "beanie hat").
        let mut own: HashSet<String> = HashSet::from([head.clone()]);
        let last_stem = |text: &str| self.index.words(text).pop().map(|w| w.stem);
        own.extend(
            self.thesaurus
                .variants(&words)
                .iter()
                .filter_map(|v| last_stem(&v.text)),
        );
        let (categories, kinds): (Vec<&String>, Vec<&String>) =
            took.iter().partition(|t| self.graph.category(t).is_some());
        own.extend(kinds.into_iter().filter_map(|t| last_stem(t)));
        // ... and what else may stand for it: the categories taken in for it (a category
        // holds more than one kind: "Yoga" for "yoga mat"), and any word the shopper said.
        let mut heads: HashSet<String> = own.clone();
        heads.extend(self.said.iter().cloned());
        heads.extend(categories.into_iter().filter_map(|t| last_stem(t)));
        // A closed compound is of its last word's kind ("smartwatch" is a watch).
        let of_own = |k: &str| {
            own.contains(k)
                || (head.len() >= 3 && k.ends_with(head.as_str()))
                || (typos && head.len() >= 5 && strsim::osa_distance(k, &head) <= 1)
        };
        let of_kind = |k: &str| of_own(k) || heads.contains(k);
        // Each distinct stem judged once, when first met (a type may hold most of a large
        // catalogue; its products share a few hundred kinds).
        let cells = || -> Vec<Verdict> {
            (0..self.names.stems.len())
                .map(|_| Default::default())
                .collect()
        };
        let (own_cache, any_cache) = (cells(), cells());
        let judged = |cache: &[Verdict], ix: u32, judge: &dyn Fn(&str) -> bool| {
            let cell = cache.get(ix as usize)?;
            if cell.get() == 0 {
                cell.set(if judge(&self.names.stems[ix as usize]) {
                    2
                } else {
                    1
                });
            }
            Some(cell.get() == 2)
        };
        let at = |v: &[u32], p: &u32| v.get(*p as usize).copied().unwrap_or(NONE);
        // Of the kind: its name's head says so (what the shopper called it settles it,
        // though the word is no kind the shop's lists know: "Burr Grinder" under Coffee
        // makers), or its category is named for it (a "Lumio Home 32" under Televisions).
        // Of another kind: its name or its category says another. `None`: cannot tell.
        let of_the = |p: &u32, strict: bool| -> Option<bool> {
            let cache: &[Verdict] = if strict { &own_cache } else { &any_cache };
            let judge: &dyn Fn(&str) -> bool = if strict { &of_own } else { &of_kind };
            let called = judged(cache, at(&self.names.product_head_ix, p), judge);
            let by_name = judged(cache, at(&self.names.product_kinds, p), judge);
            let by_category = judged(cache, at(&self.names.category_kinds, p), judge);
            if called == Some(true) || by_category == Some(true) {
                Some(true)
            } else if by_name.is_some() || by_category.is_some() {
                Some(false)
            } else {
                None
            }
        };
        // The asked kind's own words first ("yoga mat": the mats, not all the Yoga category
        // taken in for it); else what stands in for it ("ground coffee": nothing is called
        // coffee, the Coffee beans category stands in).
        let Some(strict) = [true, false]
            .into_iter()
            .find(|&strict| products.iter().any(|p| of_the(p, strict) == Some(true)))
        else {
            return products;
        };
        // The category the shopper named is the shop's own word for what they asked: all
        // it holds is of the kind.
        let named = self.named_category(asked).unwrap_or_default();
        products
            .into_iter()
            .filter(|p| named.binary_search(p).is_ok() || of_the(p, strict) != Some(false))
            .collect()
    }

    /// The products of the category the asked words name (by id or name, singular or
    /// plural), ascending.
    fn named_category(&self, asked: &str) -> Option<Vec<u32>> {
        // By its name or the name said in other words of the shop's synonym list
        // ("coffee machine" for "Coffee makers"), not by a category synonym: that ("hair
        // dryers" of Haircare) says where to look, not that all the category holds is one.
        let mut said: Vec<String> = vec![asked.to_lowercase()];
        said.extend(
            self.thesaurus
                .variants(&self.index.words(asked))
                .into_iter()
                .map(|v| v.text.to_lowercase()),
        );
        let forms: Vec<String> = said
            .iter()
            .flat_map(|s| {
                let singular = s.strip_suffix('s').unwrap_or(s).to_string();
                [s.clone(), singular, format!("{s}s")]
            })
            .collect();
        let c = forms
            .iter()
            .filter_map(|v| self.graph.category(v))
            .find(|c| {
                let name = c.name.to_lowercase();
                forms.iter().any(|v| *v == name || *v == c.id)
            })?;
        let mut of_c = self.graph.product_positions_in_category(&c.id, true);
        of_c.sort_unstable();
        Some(of_c)
    }

    /// Whether the category's name leaves out some of the asked words (it names a kind
    /// the asked type is one of).
    fn broader(&self, category: &str, stems: &[String]) -> bool {
        self.names
            .category_stems
            .iter()
            .find(|(id, _)| id == category)
            .is_some_and(|(_, own)| stems.iter().any(|s| !own.contains(s)))
    }

    /// Category ids for the asked words: by id, name or synonym (singular or plural: then
    /// `true`, the category is called so), or every category whose name ends with the
    /// asked head word.
    fn categories(&self, asked: &str, head: &str, typos: bool) -> (Vec<String>, bool) {
        let lower = asked.to_lowercase();
        let singular = lower.strip_suffix('s').unwrap_or(&lower).to_string();
        let plural = format!("{lower}s");
        if !typos {
            if let Some(c) = [&lower, &singular, &plural]
                .iter()
                .find_map(|v| self.graph.category(v))
            {
                return (vec![c.id.clone()], true);
            }
        }
        let ending = self
            .names
            .category_stems
            .iter()
            .filter(|(_, stems)| {
                let Some(stem) = stems.last() else {
                    return false;
                };
                if typos {
                    stem.chars().count() >= 4 && strsim::levenshtein(stem, head) == 1
                } else {
                    stem == head
                }
            })
            .map(|(id, _)| id.clone())
            .collect();
        (ending, false)
    }
}
