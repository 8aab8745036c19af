//! The knowledge graph in memory: a petgraph of products, categories, brands, attribute
//! values, FAQ entries and policies, plus the indexes the dialogue's questions need.
//! Built once from a [`Catalog`] and never mutated: a change builds a new one.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

use super::faq::{FaqHit, FaqIndex};
use super::faq_words::FaqWords;
use super::schema::*;
use super::search::NameIndex;
use super::validate::Catalog;
use super::KnowledgeError;
use crate::types::Embed;

/// A node of the graph; indexes point into the catalogue's vectors.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "node", rename_all = "snake_case")]
pub enum Node {
    Product(u32),
    Category(u32),
    Brand(u32),
    /// One attribute value, shared by every product that has it (`gps = true`).
    AttributeValue {
        attribute: String,
        value: String,
    },
    Faq(u32),
    Policy(u32),
}

/// An edge of the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edge {
    InCategory,
    /// Category → its parent.
    SubcategoryOf,
    MadeBy,
    /// Product → attribute value; the number is the fact's index in the product's facts.
    HasAttribute(u32),
    AccessoryOf,
    CompatibleWith,
    SubstituteFor,
    BoughtTogether,
    /// FAQ entry → the policy it summarises.
    Explains,
}

impl Edge {
    pub fn as_str(self) -> &'static str {
        match self {
            Edge::InCategory => "in-category",
            Edge::SubcategoryOf => "subcategory-of",
            Edge::MadeBy => "made-by",
            Edge::HasAttribute(_) => "has-attribute",
            Edge::AccessoryOf => "accessory-of",
            Edge::CompatibleWith => "compatible-with",
            Edge::SubstituteFor => "substitute-for",
            Edge::BoughtTogether => "bought-together",
            Edge::Explains => "explains",
        }
    }

    fn of(kind: RelationKind) -> Edge {
        match kind {
            RelationKind::AccessoryOf => Edge::AccessoryOf,
            RelationKind::CompatibleWith => Edge::CompatibleWith,
            RelationKind::SubstituteFor => Edge::SubstituteFor,
            RelationKind::BoughtTogether => Edge::BoughtTogether,
        }
    }
}

/// Counts of what the graph holds (`kefu kg stats`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Stats {
    pub products: usize,
    pub categories: usize,
    pub brands: usize,
    pub relations: usize,
    pub faq: usize,
    pub policies: usize,
    pub orders: usize,
    pub attributes: usize,
    pub variants: usize,
    /// has-attribute facts, of which `extracted_facts` were found in descriptions.
    pub facts: usize,
    pub extracted_facts: usize,
    pub nodes: usize,
    pub edges: usize,
}

/// The answer to "does X have Y?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Yes,
    No,
    Unknown,
}

impl Verdict {
    /// What a stated value says about having the attribute: `false`, 0 and "none" say no.
    pub fn of(value: &AttrValue) -> Verdict {
        match value {
            AttrValue::Bool(true) => Verdict::Yes,
            AttrValue::Bool(false) => Verdict::No,
            AttrValue::Number(n) if *n <= 0.0 => Verdict::No,
            AttrValue::Number(_) => Verdict::Yes,
            AttrValue::Text(t) if t.trim().is_empty() || t.eq_ignore_ascii_case("none") => {
                Verdict::No
            }
            AttrValue::Text(_) => Verdict::Yes,
        }
    }
}

/// A verdict and the fact that proves it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub verdict: Verdict,
    /// The attribute id the question was resolved to (`water_resistance_m` for "waterproof").
    pub attribute: Option<String>,
    pub value: Option<AttrValue>,
    pub unit: Option<String>,
    /// The sentence or field that states it; `None` when unknown.
    pub evidence: Option<String>,
}

/// The knowledge graph. Cheap to share (`Arc<Graph>`); read-only.
pub struct Graph {
    pub(crate) catalog: Catalog,
    pub(crate) hash: String,
    pub(crate) graph: DiGraph<Node, Edge>,
    product_nodes: Vec<NodeIndex>,
    product_ix: HashMap<String, u32>,
    category_ix: HashMap<String, u32>,
    /// Lower-cased category id, name and synonyms → category.
    category_names: HashMap<String, u32>,
    children: Vec<Vec<u32>>,
    category_products: Vec<Vec<u32>>,
    brand_ix: HashMap<String, u32>,
    brand_products: Vec<Vec<u32>>,
    /// attribute id → value key → products.
    attribute_products: HashMap<String, HashMap<String, Vec<u32>>>,
    /// Lower-cased attribute id, name and synonyms → attribute id.
    attribute_names: HashMap<String, String>,
    /// Product indexes sorted by price.
    by_price: Vec<u32>,
    /// `size:m`, `colour:black` → products with such a variant in stock.
    in_stock_variants: HashMap<String, Vec<u32>>,
    names: NameIndex,
    faq_index: FaqIndex,
    /// Each locale's FAQ phrasings by their characters (`faq_words`).
    pub(crate) faq_words: HashMap<String, FaqWords>,
    /// Each locale's FAQ by meaning, once a multilingual encoder is set.
    pub(crate) faq_multilingual: std::sync::OnceLock<super::faq_multilingual::LocaleFaqVectors>,
    order_ix: HashMap<String, u32>,
    /// Every word of every variant colour, made on first use (the dialogue asks each turn).
    colour_words: std::sync::OnceLock<std::collections::HashSet<String>>,
}

impl std::fmt::Debug for Graph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Graph")
            .field("hash", &self.hash)
            .field("products", &self.catalog.products.len())
            .finish()
    }
}

impl Graph {
    /// Every colour word some variant in the catalogue is sold in ("black", "white" for
    /// "Black/White"), computed once per graph.
    pub fn colour_words(&self) -> &std::collections::HashSet<String> {
        self.colour_words.get_or_init(|| {
            self.products()
                .iter()
                .flat_map(|p| p.variants.iter())
                .filter_map(|v| v.colour.as_deref())
                .flat_map(|c| {
                    c.to_lowercase()
                        .split(|ch: char| !ch.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect()
        })
    }

    /// Builds the graph and its indexes from a validated catalogue.
    pub fn build(catalog: Catalog, hash: String) -> Graph {
        let mut g: DiGraph<Node, Edge> = DiGraph::with_capacity(
            catalog.products.len() * 2,
            catalog.products.len() * 6 + catalog.relations.len(),
        );
        let c = &catalog;
        let category_ix: HashMap<String, u32> = c
            .categories
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), i as u32))
            .collect();
        let mut category_names = HashMap::new();
        for (i, cat) in c.categories.iter().enumerate() {
            for n in std::iter::once(&cat.id)
                .chain(std::iter::once(&cat.name))
                .chain(cat.synonyms.iter())
            {
                category_names.entry(n.to_lowercase()).or_insert(i as u32);
                category_names
                    .entry(singular(&n.to_lowercase()))
                    .or_insert(i as u32);
            }
        }
        // The locales' names and synonyms after the English ones: an English word keeps
        // its meaning, a word only a locale uses finds its category too ("耳机").
        for texts in c.locales.values() {
            for (id, n) in &texts.categories {
                if let Some(&i) = category_ix.get(id) {
                    for word in std::iter::once(&n.name).chain(&n.synonyms) {
                        category_names.entry(word.to_lowercase()).or_insert(i);
                    }
                }
            }
        }
        let category_nodes: Vec<NodeIndex> = (0..c.categories.len())
            .map(|i| g.add_node(Node::Category(i as u32)))
            .collect();
        let mut children = vec![Vec::new(); c.categories.len()];
        for (i, cat) in c.categories.iter().enumerate() {
            if let Some(p) = cat.parent.as_ref().and_then(|p| category_ix.get(p)) {
                children[*p as usize].push(i as u32);
                g.add_edge(
                    category_nodes[i],
                    category_nodes[*p as usize],
                    Edge::SubcategoryOf,
                );
            }
        }
        let mut brand_ix = HashMap::new();
        for (i, b) in c.brands.iter().enumerate() {
            brand_ix.insert(b.id.clone(), i as u32);
            brand_ix.entry(b.name.to_lowercase()).or_insert(i as u32);
            brand_ix.entry(b.id.to_lowercase()).or_insert(i as u32);
        }
        let brand_nodes: Vec<NodeIndex> = (0..c.brands.len())
            .map(|i| g.add_node(Node::Brand(i as u32)))
            .collect();

        let mut product_ix = HashMap::with_capacity(c.products.len());
        let mut product_nodes = Vec::with_capacity(c.products.len());
        let mut category_products = vec![Vec::new(); c.categories.len()];
        let mut brand_products = vec![Vec::new(); c.brands.len()];
        let mut attribute_products: HashMap<String, HashMap<String, Vec<u32>>> = HashMap::new();
        let mut value_nodes: HashMap<(String, String), NodeIndex> = HashMap::new();
        let mut in_stock_variants: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, p) in c.products.iter().enumerate() {
            let i32_ = i as u32;
            let node = g.add_node(Node::Product(i32_));
            product_nodes.push(node);
            product_ix.insert(p.id.0.clone(), i32_);
            if let Some(&ci) = category_ix.get(&p.category) {
                category_products[ci as usize].push(i32_);
                g.add_edge(node, category_nodes[ci as usize], Edge::InCategory);
            }
            if let Some(&bi) = brand_ix.get(&p.brand) {
                brand_products[bi as usize].push(i32_);
                g.add_edge(node, brand_nodes[bi as usize], Edge::MadeBy);
            }
            for (fi, f) in c.facts[i].iter().enumerate() {
                let key = (f.attribute.clone(), f.value.key());
                let vn = *value_nodes.entry(key.clone()).or_insert_with(|| {
                    g.add_node(Node::AttributeValue {
                        attribute: key.0.clone(),
                        value: key.1.clone(),
                    })
                });
                g.add_edge(node, vn, Edge::HasAttribute(fi as u32));
                attribute_products
                    .entry(key.0)
                    .or_default()
                    .entry(key.1)
                    .or_default()
                    .push(i32_);
            }
            let mut seen = HashSet::new();
            for v in p.variants.iter().filter(|v| v.stock > 0) {
                if let Some(s) = &v.size {
                    seen.insert(format!("size:{}", s.to_lowercase()));
                }
                if let Some(col) = &v.colour {
                    seen.insert(format!("colour:{}", col.to_lowercase()));
                }
                if let (Some(s), Some(col)) = (&v.size, &v.colour) {
                    seen.insert(format!(
                        "size:{}|colour:{}",
                        s.to_lowercase(),
                        col.to_lowercase()
                    ));
                }
            }
            for k in seen {
                in_stock_variants.entry(k).or_default().push(i32_);
            }
        }
        for r in &c.relations {
            if let (Some(&a), Some(&b)) = (
                product_ix.get(r.from.as_str()),
                product_ix.get(r.to.as_str()),
            ) {
                g.add_edge(
                    product_nodes[a as usize],
                    product_nodes[b as usize],
                    Edge::of(r.kind),
                );
            }
        }
        let policy_nodes: HashMap<PolicyKind, NodeIndex> = c
            .policies
            .iter()
            .enumerate()
            .map(|(i, p)| (p.kind, g.add_node(Node::Policy(i as u32))))
            .collect();
        for (i, f) in c.faq.iter().enumerate() {
            let n = g.add_node(Node::Faq(i as u32));
            if let Some(pn) = f.policy.and_then(|k| policy_nodes.get(&k)) {
                g.add_edge(n, *pn, Edge::Explains);
            }
        }
        let mut attribute_names = HashMap::new();
        for a in &c.attributes {
            for n in std::iter::once(&a.id)
                .chain(std::iter::once(&a.name))
                .chain(a.synonyms.iter())
            {
                attribute_names
                    .entry(n.to_lowercase())
                    .or_insert_with(|| a.id.clone());
            }
        }
        for texts in c.locales.values() {
            for (id, n) in &texts.attributes {
                for word in std::iter::once(&n.name).chain(&n.synonyms) {
                    attribute_names
                        .entry(word.to_lowercase())
                        .or_insert_with(|| id.clone());
                }
            }
        }
        let faq_words = c
            .locales
            .iter()
            .filter(|(_, t)| !t.faq.is_empty())
            .map(|(l, t)| (l.clone(), FaqWords::build(&t.faq)))
            .collect();
        for list in &mut category_products {
            list.sort_by(|a: &u32, b: &u32| {
                c.products[*a as usize]
                    .price
                    .total_cmp(&c.products[*b as usize].price)
            });
        }
        let mut by_price: Vec<u32> = (0..c.products.len() as u32).collect();
        by_price.sort_by(|a, b| {
            c.products[*a as usize]
                .price
                .total_cmp(&c.products[*b as usize].price)
        });
        let brand_names: Vec<&str> = c.brands.iter().map(|b| b.name.as_str()).collect();
        let names = NameIndex::build(c.products.iter().map(|p| {
            let brand = brand_ix
                .get(&p.brand)
                .map(|&b| brand_names[b as usize])
                .unwrap_or("");
            format!("{brand} {}", p.name)
        }));
        let order_ix = c
            .orders
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i as u32))
            .collect();
        Graph {
            colour_words: std::sync::OnceLock::new(),
            hash,
            graph: g,
            product_nodes,
            product_ix,
            category_ix,
            category_names,
            children,
            category_products,
            brand_ix,
            brand_products,
            attribute_products,
            attribute_names,
            by_price,
            in_stock_variants,
            names,
            faq_index: FaqIndex::default(),
            faq_words,
            faq_multilingual: std::sync::OnceLock::new(),
            order_ix,
            catalog,
        }
    }

    fn p(&self, i: u32) -> &Product {
        &self.catalog.products[i as usize]
    }

    fn ps(&self, ix: &[u32]) -> Vec<&Product> {
        ix.iter().map(|&i| self.p(i)).collect()
    }

    /// The content hash of the files this graph was built from.
    pub fn content_hash(&self) -> &str {
        &self.hash
    }

    /// The validated records the graph was built from.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn stats(&self) -> Stats {
        let c = &self.catalog;
        let facts: usize = c.facts.iter().map(Vec::len).sum();
        let extracted = c
            .facts
            .iter()
            .flatten()
            .filter(|f| matches!(f.source, FactSource::Description { .. }))
            .count();
        Stats {
            products: c.products.len(),
            categories: c.categories.len(),
            brands: c.brands.len(),
            relations: c.relations.len(),
            faq: c.faq.len(),
            policies: c.policies.len(),
            orders: c.orders.len(),
            attributes: c.attributes.len(),
            variants: c.products.iter().map(|p| p.variants.len()).sum(),
            facts,
            extracted_facts: extracted,
            nodes: self.graph.node_count(),
            edges: self.graph.edge_count(),
        }
    }

    // ---- products -------------------------------------------------------------------

    pub fn products(&self) -> &[Product] {
        &self.catalog.products
    }

    pub fn product(&self, id: &str) -> Option<&Product> {
        self.product_ix.get(id).map(|&i| self.p(i))
    }

    /// Every fact known about a product: stated attributes, then ones found in its text.
    pub fn facts(&self, id: &str) -> &[Fact] {
        self.product_ix
            .get(id)
            .map(|&i| self.catalog.facts[i as usize].as_slice())
            .unwrap_or(&[])
    }

    /// Products by how well their brand + name match a mention ("galaxy watch", typos
    /// forgiven), best first, with a score in (0, 1].
    pub fn search_name(&self, query: &str, limit: usize) -> Vec<(&Product, f32)> {
        self.names
            .search(query, limit)
            .into_iter()
            .map(|(i, s)| (self.p(i), s))
            .collect()
    }

    /// Text to embed for semantic relevance: name, brand, category path and description.
    pub fn product_text(&self, product: &Product) -> String {
        let brand = self
            .brand(&product.brand)
            .map(|b| b.name.as_str())
            .unwrap_or(&product.brand);
        let path: Vec<&str> = self
            .category_ancestors(&product.category)
            .iter()
            .rev()
            .map(|c| c.name.as_str())
            .collect();
        format!(
            "{} by {brand}. {}. {}",
            product.name,
            path.join(" > "),
            product.description
        )
    }

    /// The newest products first.
    pub fn newest(&self, limit: usize) -> Vec<&Product> {
        let mut v: Vec<&Product> = self.catalog.products.iter().collect();
        v.sort_by(|a, b| b.added.cmp(&a.added).then(a.id.cmp(&b.id)));
        v.truncate(limit);
        v
    }

    // ---- categories and brands ------------------------------------------------------

    pub fn categories(&self) -> &[Category] {
        &self.catalog.categories
    }

    /// A category by id, name or synonym (case-insensitive).
    pub fn category(&self, name: &str) -> Option<&Category> {
        self.category_index(name)
            .map(|i| &self.catalog.categories[i as usize])
    }

    fn category_index(&self, name: &str) -> Option<u32> {
        self.category_ix
            .get(name)
            .or_else(|| self.category_names.get(&name.to_lowercase()))
            .or_else(|| self.category_names.get(&singular(&name.to_lowercase())))
            .copied()
    }

    /// The category itself, then its parent, up to the root.
    pub fn category_ancestors(&self, id: &str) -> Vec<&Category> {
        let mut out = Vec::new();
        let mut cur = self.category_index(id);
        while let Some(i) = cur {
            if out.len() > self.catalog.categories.len() {
                break;
            }
            let c = &self.catalog.categories[i as usize];
            out.push(c);
            cur = c
                .parent
                .as_deref()
                .and_then(|p| self.category_ix.get(p).copied());
        }
        out
    }

    /// Every category below this one (not itself), depth first.
    pub fn category_descendants(&self, id: &str) -> Vec<&Category> {
        let mut out = Vec::new();
        if let Some(i) = self.category_index(id) {
            let mut stack = self.children[i as usize].clone();
            while let Some(c) = stack.pop() {
                out.push(&self.catalog.categories[c as usize]);
                stack.extend(&self.children[c as usize]);
            }
        }
        out
    }

    /// Products in a category (by id, name or synonym), and in its sub-categories if asked;
    /// each category's products cheapest first.
    pub fn products_in_category(&self, category: &str, include_sub: bool) -> Vec<&Product> {
        let Some(root) = self.category_index(category) else {
            return Vec::new();
        };
        let mut out: Vec<&Product> = self.ps(&self.category_products[root as usize]);
        if include_sub {
            let mut stack = self.children[root as usize].clone();
            while let Some(c) = stack.pop() {
                out.extend(self.ps(&self.category_products[c as usize]));
                stack.extend(&self.children[c as usize]);
            }
        }
        out
    }

    /// Like [`Self::products_in_category`], as positions in [`Self::products`] (for
    /// callers that keep per-product arrays, like the search's vectors).
    pub fn product_positions_in_category(&self, category: &str, include_sub: bool) -> Vec<u32> {
        let Some(root) = self.category_index(category) else {
            return Vec::new();
        };
        let mut out: Vec<u32> = self.category_products[root as usize].clone();
        if include_sub {
            let mut stack = self.children[root as usize].clone();
            while let Some(c) = stack.pop() {
                out.extend_from_slice(&self.category_products[c as usize]);
                stack.extend(&self.children[c as usize]);
            }
        }
        out
    }

    pub fn brands(&self) -> &[Brand] {
        &self.catalog.brands
    }

    /// A brand by id or name (case-insensitive).
    pub fn brand(&self, name: &str) -> Option<&Brand> {
        self.brand_ix
            .get(name)
            .or_else(|| self.brand_ix.get(&name.to_lowercase()))
            .map(|&i| &self.catalog.brands[i as usize])
    }

    pub fn by_brand(&self, brand: &str) -> Vec<&Product> {
        self.brand_ix
            .get(brand)
            .or_else(|| self.brand_ix.get(&brand.to_lowercase()))
            .map(|&i| self.ps(&self.brand_products[i as usize]))
            .unwrap_or_default()
    }

    /// Products priced within `[min, max]`, cheapest first.
    pub fn in_price_range(&self, min: f64, max: f64) -> Vec<&Product> {
        let lo = self.by_price.partition_point(|&i| self.p(i).price < min);
        let hi = self.by_price.partition_point(|&i| self.p(i).price <= max);
        if lo >= hi {
            return Vec::new();
        }
        self.ps(&self.by_price[lo..hi])
    }

    /// Products with an attribute, optionally with a given value (`gps`, `true`).
    pub fn with_attribute(&self, attribute: &str, value: Option<&AttrValue>) -> Vec<&Product> {
        let Some(id) = self.resolve_attribute(attribute) else {
            return Vec::new();
        };
        let Some(values) = self.attribute_products.get(&id) else {
            return Vec::new();
        };
        match value {
            Some(v) => values.get(&v.key()).map(|l| self.ps(l)).unwrap_or_default(),
            None => {
                let mut ix: Vec<u32> = values.values().flatten().copied().collect();
                ix.sort_unstable();
                ix.dedup();
                self.ps(&ix)
            }
        }
    }

    /// Products with a variant in stock in this size and/or colour (case-insensitive).
    pub fn in_stock_variant(&self, size: Option<&str>, colour: Option<&str>) -> Vec<&Product> {
        let get = |k: String| {
            self.in_stock_variants
                .get(&k)
                .map(Vec::as_slice)
                .unwrap_or(&[])
        };
        match (size, colour) {
            (None, None) => self
                .catalog
                .products
                .iter()
                .filter(|p| p.in_stock())
                .collect(),
            (Some(s), None) => self.ps(get(format!("size:{}", s.to_lowercase()))),
            (None, Some(c)) => self.ps(get(format!("colour:{}", c.to_lowercase()))),
            // Both on the same variant in stock, not just somewhere on the product.
            (Some(s), Some(c)) => self.ps(get(format!(
                "size:{}|colour:{}",
                s.to_lowercase(),
                c.to_lowercase()
            ))),
        }
    }

    // ---- neighbours -----------------------------------------------------------------

    fn neighbours(&self, id: &str, edge: Edge, dir: Direction) -> Vec<&Product> {
        let Some(&i) = self.product_ix.get(id) else {
            return Vec::new();
        };
        let mut out: Vec<u32> = self
            .graph
            .edges_directed(self.product_nodes[i as usize], dir)
            .filter(|e| *e.weight() == edge)
            .filter_map(|e| {
                let other = if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                match self.graph[other] {
                    Node::Product(p) => Some(p),
                    _ => None,
                }
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        self.ps(&out)
    }

    fn symmetric(&self, id: &str, edge: Edge) -> Vec<&Product> {
        let mut v = self.neighbours(id, edge, Direction::Outgoing);
        for p in self.neighbours(id, edge, Direction::Incoming) {
            if !v.iter().any(|x| x.id == p.id) {
                v.push(p);
            }
        }
        v
    }

    /// Accessories for a product (cases for a phone).
    pub fn accessories_of(&self, id: &str) -> Vec<&Product> {
        self.neighbours(id, Edge::AccessoryOf, Direction::Incoming)
    }

    /// What a product is an accessory of (the phone a case fits).
    pub fn accessory_for(&self, id: &str) -> Vec<&Product> {
        self.neighbours(id, Edge::AccessoryOf, Direction::Outgoing)
    }

    /// Products stated to work with this one (either direction).
    pub fn compatible_with(&self, id: &str) -> Vec<&Product> {
        self.symmetric(id, Edge::CompatibleWith)
    }

    /// Products that can replace this one; with `cheaper`, only those priced lower,
    /// closest price first. Stated substitutes come first; when there are none, the
    /// (at most 20) products of the same category closest in price are offered.
    pub fn substitutes_of(&self, id: &str, cheaper: bool) -> Vec<&Product> {
        let Some(p) = self.product(id) else {
            return Vec::new();
        };
        let mut v = self.symmetric(id, Edge::SubstituteFor);
        if v.is_empty() {
            let Some(&ci) = self.category_ix.get(&p.category) else {
                return Vec::new();
            };
            let list = &self.category_products[ci as usize];
            let at = list.partition_point(|&i| self.p(i).price < p.price);
            let below = list[..at].iter().rev().take(20);
            v = if cheaper {
                below.map(|&i| self.p(i)).collect()
            } else {
                let above = list[at..]
                    .iter()
                    .filter(|&&i| self.p(i).id != p.id)
                    .take(10);
                below.take(10).chain(above).map(|&i| self.p(i)).collect()
            };
        }
        v.retain(|x| x.id != p.id);
        if cheaper {
            v.retain(|x| x.price < p.price);
            v.sort_by(|a, b| b.price.total_cmp(&a.price));
        }
        v
    }

    pub fn bought_together(&self, id: &str) -> Vec<&Product> {
        self.symmetric(id, Edge::BoughtTogether)
    }

    // ---- attributes -----------------------------------------------------------------

    /// The attribute id a word names: an id, a name or a synonym from attributes.yaml
    /// ("waterproof" → `water_resistance_m`), or an id used by facts.
    pub fn resolve_attribute(&self, word: &str) -> Option<String> {
        let w = word.trim().to_lowercase();
        if let Some(id) = self.attribute_names.get(&w) {
            return Some(id.clone());
        }
        let snake = w.replace([' ', '-'], "_");
        if self.attribute_products.contains_key(&snake) {
            return Some(snake);
        }
        self.attribute_names.get(&snake).cloned()
    }

    /// What the catalogue states about one attribute (by id) of a product.
    pub fn fact(&self, product: &str, attribute: &str) -> Option<&Fact> {
        self.facts(product)
            .iter()
            .find(|f| f.attribute == attribute)
    }

    /// A number the catalogue states about a product (`weight_g`: 560).
    pub fn number(&self, product: &str, attribute: &str) -> Option<f64> {
        match self.fact(product, attribute)?.value {
            AttrValue::Number(n) => Some(n),
            _ => None,
        }
    }

    /// "Does X have Y?": yes / no / unknown, with the sentence or field that proves it.
    /// `None` when the product is unknown.
    /// The attribute's name as the shop writes it ("battery life" for `battery_life_h`).
    pub fn attribute_name(&self, id: &str) -> Option<&str> {
        self.catalog
            .attributes
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.as_str())
    }

    pub fn attribute_answer(&self, product: &str, attribute: &str) -> Option<Answer> {
        let p = self.product(product)?;
        let unknown = |attr: Option<String>| Answer {
            verdict: Verdict::Unknown,
            attribute: attr,
            value: None,
            unit: None,
            evidence: None,
        };
        let Some(attr) = self.resolve_attribute(attribute) else {
            return Some(unknown(None));
        };
        let Some(fact) = self.fact(product, &attr) else {
            return Some(unknown(Some(attr)));
        };
        let verdict = Verdict::of(&fact.value);
        let evidence = match &fact.source {
            FactSource::Description { quote } => format!("“{quote}” — {}", p.name),
            FactSource::Attributes => {
                let name = self
                    .catalog
                    .attributes
                    .iter()
                    .find(|a| a.id == attr)
                    .map(|a| a.name.as_str())
                    .unwrap_or(&attr);
                let unit = fact
                    .unit
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default();
                format!("{}: {name} = {}{unit} (product data)", p.name, fact.value)
            }
        };
        Some(Answer {
            verdict,
            attribute: Some(attr),
            value: Some(fact.value.clone()),
            unit: fact.unit.clone(),
            evidence: Some(evidence),
        })
    }

    // ---- FAQ, policies, orders ------------------------------------------------------

    /// The shop's groups of words for one kind of product (`synonyms.yaml`).
    pub fn synonyms(&self) -> &[super::SynonymGroup] {
        &self.catalog.synonyms
    }

    pub fn faq(&self) -> &[FaqEntry] {
        &self.catalog.faq
    }

    /// The `k` FAQ entries closest in meaning to `query`, best first. Phrasing vectors
    /// are computed with `embed` on the first call and kept with this graph.
    pub fn faq_lookup(
        &self,
        query: &str,
        embed: &dyn Embed,
        k: usize,
    ) -> Result<Vec<FaqHit<'_>>, KnowledgeError> {
        self.faq_index.lookup(&self.catalog.faq, query, embed, k)
    }

    /// Embeds the FAQ phrasings now (instead of on the first lookup), reusing the vectors
    /// `previous` already has for unchanged phrasings.
    pub fn warm_faq(
        &self,
        embed: &dyn Embed,
        previous: Option<&Graph>,
    ) -> Result<(), KnowledgeError> {
        self.faq_index
            .vectors(&self.catalog.faq, embed, previous.map(|g| &g.faq_index))
            .map(|_| ())
    }

    pub fn policy(&self, kind: PolicyKind) -> Option<&Policy> {
        self.catalog.policies.iter().find(|p| p.kind == kind)
    }

    pub fn policies(&self) -> &[Policy] {
        &self.catalog.policies
    }

    pub fn order(&self, id: &str) -> Option<&Order> {
        self.order_ix
            .get(id)
            .map(|&i| &self.catalog.orders[i as usize])
    }

    /// A shopper's orders, newest first.
    pub fn orders_of(&self, user_id: &str) -> Vec<&Order> {
        let mut v: Vec<&Order> = self
            .catalog
            .orders
            .iter()
            .filter(|o| o.user_id == user_id)
            .collect();
        v.sort_by_key(|o| std::cmp::Reverse(o.placed_at));
        v
    }
}

/// A phrase's last word in the singular, by the common English endings ("smartwatches" →
/// "smartwatch", "running shoes" → "running shoe", "accessories" → "accessory"), so
/// category names match however a shopper says them.
fn singular(phrase: &str) -> String {
    let (head, last) = match phrase.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), phrase),
    };
    let one = if let Some(stem) = last.strip_suffix("ies").filter(|s| s.len() > 1) {
        format!("{stem}y")
    } else if let Some(stem) = ["ches", "shes", "sses", "xes"].iter().find_map(|suf| {
        last.strip_suffix(suf)
            .map(|s| format!("{s}{}", &suf[..suf.len() - 2]))
    }) {
        stem
    } else if let Some(stem) = last
        .strip_suffix('s')
        .filter(|s| !s.ends_with('s') && s.len() > 2)
    {
        stem.to_string()
    } else {
        last.to_string()
    };
    format!("{head}{one}")
}

#[cfg(test)]
mod singular_tests {
    use super::singular;

    #[test]
    fn plurals_become_singular() {
        assert_eq!(singular("smartwatches"), "smartwatch");
        assert_eq!(singular("running shoes"), "running shoe");
        assert_eq!(singular("accessories"), "accessory");
        assert_eq!(singular("glasses"), "glass");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("smartwatch"), "smartwatch");
        assert_eq!(singular("dress"), "dress");
    }
}
