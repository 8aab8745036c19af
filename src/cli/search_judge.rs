//! The judgments of `kefu eval search`'s query files: which products are relevant to a
//! query (eval/search/README.md has the rule semantics).

use anyhow::{bail, Context, Result};
use regex::Regex;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

use kefu::knowledge::{Graph, Product};
use kefu::types::ProductId;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    #[serde(default)]
    name_any: Vec<String>,
    #[serde(default)]
    name_all: Vec<String>,
    #[serde(default)]
    name_none: Vec<String>,
    #[serde(default)]
    brand_any: Vec<String>,
    #[serde(default)]
    category_any: Vec<String>,
    #[serde(default)]
    colour_any: Vec<String>,
    #[serde(default)]
    price_min: Option<f64>,
    #[serde(default)]
    price_max: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
struct Line {
    query: String,
    #[serde(default)]
    rule: Option<Rule>,
    #[serde(default)]
    relevant: Option<Vec<String>>,
    #[serde(default)]
    expect: Option<String>,
    #[serde(default)]
    kind: Option<String>,
}

/// One query with what counts as a right answer.
#[derive(Debug, Clone)]
pub struct Judged {
    pub query: String,
    pub kind: String,
    /// Relevant in-stock products; empty for an "expect none" query.
    pub relevant: HashSet<ProductId>,
    pub expect_none: bool,
}

/// Reads a query file and judges every query against the catalogue.
pub fn read(path: &Path, graph: &Graph) -> Result<Vec<Judged>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let where_ = || format!("{}:{}", path.display(), n + 1);
        let l: Line = serde_json::from_str(line)
            .with_context(|| format!("{}: not a query line", where_()))?;
        let expect_none = l.expect.as_deref() == Some("none");
        let relevant: HashSet<ProductId> = match (&l.rule, &l.relevant, expect_none) {
            (_, _, true) => HashSet::new(),
            (Some(rule), None, false) => {
                let rule = Compiled::new(rule)?;
                graph
                    .products()
                    .iter()
                    .filter(|p| p.in_stock() && rule.matches(graph, p))
                    .map(|p| p.id.clone())
                    .collect()
            }
            (None, Some(ids), false) => ids
                .iter()
                .map(|i| ProductId::new(i.as_str()))
                .filter(|id| graph.product(id.as_str()).is_some_and(Product::in_stock))
                .collect(),
            _ => bail!(
                "{}: a query needs exactly one of \"rule\", \"relevant\", \"expect\": \"none\"",
                where_()
            ),
        };
        out.push(Judged {
            query: l.query,
            kind: l.kind.unwrap_or_else(|| "-".into()),
            relevant,
            expect_none,
        });
    }
    Ok(out)
}

struct Compiled<'a> {
    rule: &'a Rule,
    any: Vec<Regex>,
    all: Vec<Regex>,
    none: Vec<Regex>,
    colours: Vec<Regex>,
}

/// A phrase as whole words, case-insensitive, with a plural -s/-es of its last word.
fn phrase(p: &str) -> Result<Regex> {
    let body: Vec<String> = p.split_whitespace().map(regex::escape).collect();
    Ok(Regex::new(&format!(
        r"(?i)(^|[^\w]){}(s|es)?([^\w]|$)",
        body.join(r"\s+")
    ))?)
}

fn word(w: &str) -> Result<Regex> {
    Ok(Regex::new(&format!(
        r"(?i)(^|[^\w]){}([^\w]|$)",
        regex::escape(w)
    ))?)
}

impl<'a> Compiled<'a> {
    fn new(rule: &'a Rule) -> Result<Self> {
        let all = |v: &[String], f: fn(&str) -> Result<Regex>| -> Result<Vec<Regex>> {
            v.iter().map(|x| f(x)).collect()
        };
        Ok(Self {
            any: all(&rule.name_any, phrase)?,
            all: all(&rule.name_all, phrase)?,
            none: all(&rule.name_none, phrase)?,
            colours: all(&rule.colour_any, word)?,
            rule,
        })
    }

    fn matches(&self, graph: &Graph, p: &Product) -> bool {
        let r = self.rule;
        let name = &p.name;
        if !self.any.is_empty() && !self.any.iter().any(|re| re.is_match(name)) {
            return false;
        }
        if !self.all.iter().all(|re| re.is_match(name)) {
            return false;
        }
        if self.none.iter().any(|re| re.is_match(name)) {
            return false;
        }
        if !r.brand_any.is_empty() {
            let brand_name = graph.brand(&p.brand).map(|b| b.name.to_lowercase());
            let ok = r.brand_any.iter().any(|b| {
                let b = b.to_lowercase();
                b == p.brand.to_lowercase() || Some(&b) == brand_name.as_ref()
            });
            if !ok {
                return false;
            }
        }
        if !r.category_any.is_empty() {
            let path = graph.category_ancestors(&p.category);
            let ok = r.category_any.iter().any(|c| {
                path.iter()
                    .any(|k| k.id.eq_ignore_ascii_case(c) || k.name.eq_ignore_ascii_case(c))
            });
            if !ok {
                return false;
            }
        }
        if !self.colours.is_empty() {
            let colours: Vec<String> = p
                .variants
                .iter()
                .filter_map(|v| v.colour.clone())
                .chain(
                    ["colour", "color"]
                        .iter()
                        .filter_map(|k| p.attributes.get(*k).map(|v| v.to_string())),
                )
                .collect();
            if !self
                .colours
                .iter()
                .any(|re| colours.iter().any(|c| re.is_match(c)))
            {
                return false;
            }
        }
        if r.price_min.is_some_and(|m| p.price < m) || r.price_max.is_some_and(|m| p.price > m) {
            return false;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_and_plurals() {
        let re = phrase("water bottle").unwrap();
        assert!(re.is_match("Google Water Bottles"));
        assert!(re.is_match("water  bottle, 1 l"));
        assert!(!re.is_match("Waterbottle"));
        assert!(!phrase("tee").unwrap().is_match("Google Teeth"));
        assert!(phrase("box").unwrap().is_match("Lunch Boxes"));
    }
}
