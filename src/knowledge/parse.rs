//! Syntax: each knowledge file into records, remembering the line each record starts on.
//! A broken record is reported and skipped, so one run reports every problem.

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;

use super::error::Problem;
use super::schema::*;
use super::source::{self, SourceSet};
use crate::types::ProductId;

/// Records with the (1-based) line each starts on.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub products: Vec<(usize, Product)>,
    /// Products from `products.csv` (a shop's export), beside those of `products.jsonl`.
    pub csv_products: Vec<(usize, Product)>,
    pub categories: Vec<(usize, Category)>,
    pub brands: Vec<(usize, Brand)>,
    pub attributes: Vec<(usize, AttributeDef)>,
    pub relations: Vec<(usize, Relation)>,
    pub faq: Vec<(usize, FaqEntry)>,
    pub policies: Vec<(String, Policy)>,
    pub orders: Vec<(usize, Order)>,
    pub synonyms: Vec<(usize, super::synonyms::SynonymGroup)>,
}

pub(crate) fn parse(sources: &SourceSet, problems: &mut Vec<Problem>) -> Parsed {
    let mut p = Parsed::default();
    for name in source::REQUIRED {
        if sources.get(name).is_none() {
            problems.push(Problem::error(
                name,
                0,
                format!("{name} is missing; a catalogue needs categories and brands"),
            ));
        }
    }
    if sources.get(source::PRODUCTS).is_none() && sources.get(source::PRODUCTS_CSV).is_none() {
        problems.push(Problem::error(
            source::PRODUCTS,
            0,
            "there is no products.jsonl (or products.csv); a catalogue needs products",
        ));
    }
    if let Some(t) = sources.get(source::PRODUCTS) {
        p.products = json_lines_with(
            source::PRODUCTS,
            t,
            problems,
            super::product_fields::explain,
        );
    }
    if let Some(t) = sources.get(source::PRODUCTS_CSV) {
        p.csv_products = super::csv_products::parse(t, problems);
    }
    if let Some(t) = sources.get(source::ORDERS) {
        p.orders = json_lines(source::ORDERS, t, problems);
    }
    if let Some(t) = sources.get(source::CATEGORIES) {
        p.categories = yaml_list(source::CATEGORIES, t, problems);
    }
    if let Some(t) = sources.get(source::BRANDS) {
        p.brands = yaml_list(source::BRANDS, t, problems);
    }
    if let Some(t) = sources.get(source::ATTRIBUTES) {
        p.attributes = yaml_list(source::ATTRIBUTES, t, problems);
    }
    if let Some(t) = sources.get(source::FAQ) {
        p.faq = yaml_list(source::FAQ, t, problems);
    }
    if let Some(t) = sources.get(source::SYNONYMS) {
        p.synonyms = super::synonyms::parse(t, problems);
    }
    if let Some(t) = sources.get(source::RELATIONS) {
        p.relations = relations_csv(t, problems);
    }
    for (name, text) in &sources.files {
        if name.starts_with("policies/") {
            if let Some(policy) = policy_md(name, text, problems) {
                p.policies.push((name.clone(), policy));
            }
        }
    }
    p
}

/// serde's messages end in " at line L column C"; we print our own location.
fn strip_location(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// One JSON object per line; blank lines and lines starting with `#` or `//` are skipped.
pub(crate) fn json_lines<T: DeserializeOwned + Send>(
    file: &str,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(usize, T)> {
    json_lines_with(file, text, problems, |_, _, _| None)
}

/// [`json_lines`], with `explain(file, line, text)` giving every problem of a line serde
/// rejected (serde names only the first); `None` keeps serde's one.
fn json_lines_with<T: DeserializeOwned + Send>(
    file: &str,
    text: &str,
    problems: &mut Vec<Problem>,
    explain: fn(&str, usize, &str) -> Option<Vec<Problem>>,
) -> Vec<(usize, T)> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#') && !t.starts_with("//")
        })
        .collect();
    let results: Vec<Result<(usize, T), Vec<Problem>>> = lines
        .par_iter()
        .map(|&(n, l)| {
            serde_json::from_str::<T>(l).map(|v| (n, v)).map_err(|e| {
                explain(file, n, l).unwrap_or_else(|| {
                    vec![Problem::error(file, n, json_message(&e))
                        .at(e.column())
                        .with_field_from(&e.to_string())]
                })
            })
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(v) => out.push(v),
            Err(mut p) => problems.append(&mut p),
        }
    }
    out
}

fn json_message(e: &serde_json::Error) -> String {
    let msg = strip_location(&e.to_string());
    match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("this line is not valid JSON: {msg}")
        }
        _ => msg,
    }
}

impl Problem {
    /// Names the field of "unknown field `x`" / "missing field `x`" messages.
    fn with_field_from(self, msg: &str) -> Self {
        for prefix in ["unknown field `", "missing field `"] {
            if let Some(i) = msg.find(prefix) {
                let rest = &msg[i + prefix.len()..];
                if let Some(j) = rest.find('`') {
                    let f = rest[..j].to_string();
                    return self.field(f);
                }
            }
        }
        self
    }
}

/// A YAML list whose entries start with `- ` at the first column. Each entry is parsed on
/// its own so one bad entry does not hide the others, and lines stay exact.
pub(crate) fn yaml_list<T: DeserializeOwned>(
    file: &str,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(usize, T)> {
    let mut chunks: Vec<(usize, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("- ") || line == "-" {
            chunks.push((i + 1, String::new()));
        } else if chunks.is_empty() {
            let t = line.trim();
            if !t.is_empty() && !t.starts_with('#') && t != "---" {
                problems.push(Problem::error(
                    file,
                    i + 1,
                    "expected a list: every entry starts with \"- \" at the start of a line",
                ));
                return Vec::new();
            }
            continue;
        }
        let chunk = &mut chunks.last_mut().expect("pushed above").1;
        chunk.push_str(line);
        chunk.push('\n');
    }
    let mut out = Vec::new();
    for (start, chunk) in chunks {
        match serde_yaml::from_str::<Vec<T>>(&chunk) {
            Ok(mut v) if v.len() == 1 => out.push((start, v.remove(0))),
            Ok(_) => problems.push(Problem::error(file, start, "expected one entry here")),
            Err(e) => {
                let (line, col) = e
                    .location()
                    .map(|l| (start + l.line() - 1, l.column()))
                    .unwrap_or((start, 0));
                let msg = strip_location(&e.to_string());
                // serde_yaml prefixes the path inside our one-entry list: ".[0].name: …".
                let msg = msg
                    .trim_start_matches('.')
                    .trim_start_matches("[0]")
                    .trim_start_matches(['.', ':', ' ']);
                problems.push(
                    Problem::error(file, line, msg.to_string())
                        .at(col)
                        .with_field_from(msg),
                );
            }
        }
    }
    out
}

fn relations_csv(text: &str, problems: &mut Vec<Problem>) -> Vec<(usize, Relation)> {
    let file = source::RELATIONS;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(text.as_bytes());
    match reader.headers() {
        Ok(h) if h.iter().collect::<Vec<_>>() == ["kind", "from", "to"] => {}
        Ok(h) => {
            problems.push(Problem::error(
                file,
                1,
                format!(
                    "the header must be `kind,from,to`, found `{}`",
                    h.iter().collect::<Vec<_>>().join(",")
                ),
            ));
            return Vec::new();
        }
        Err(e) => {
            problems.push(Problem::error(file, 1, format!("unreadable CSV: {e}")));
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                problems.push(Problem::error(file, line, format!("unreadable CSV: {e}")));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        if rec.len() != 3 {
            problems.push(Problem::error(
                file,
                line,
                format!("expected 3 fields (kind,from,to), found {}", rec.len()),
            ));
            continue;
        }
        let Some(kind) = RelationKind::parse(&rec[0]) else {
            problems.push(
                Problem::error(
                    file,
                    line,
                    format!(
                        "unknown relation kind {:?}; use one of {}",
                        &rec[0],
                        RelationKind::ALL.map(|k| k.as_str()).join(", ")
                    ),
                )
                .at(1)
                .field("kind"),
            );
            continue;
        };
        out.push((
            line,
            Relation {
                kind,
                from: ProductId::new(&rec[1]),
                to: ProductId::new(&rec[2]),
            },
        ));
    }
    out
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFront {
    kind: String,
    title: String,
    summary: String,
    #[serde(default)]
    terms: BTreeMap<String, f64>,
    #[serde(default)]
    destinations: Vec<String>,
}

/// `---` YAML front matter `---` then the Markdown body.
pub(crate) fn policy_md(file: &str, text: &str, problems: &mut Vec<Problem>) -> Option<Policy> {
    let mut lines = text.lines();
    if lines.next().map(str::trim) != Some("---") {
        problems.push(Problem::error(
            file,
            1,
            "a policy starts with front matter: a line `---`, YAML fields (kind, title, summary, terms, destinations), then `---`",
        ));
        return None;
    }
    let mut front = String::new();
    let mut closed = false;
    let mut body_start = 0;
    for (i, l) in text.lines().enumerate().skip(1) {
        if l.trim() == "---" {
            closed = true;
            body_start = i + 1;
            break;
        }
        front.push_str(l);
        front.push('\n');
    }
    if !closed {
        problems.push(Problem::error(
            file,
            1,
            "the front matter is not closed by a line `---`",
        ));
        return None;
    }
    let fm: PolicyFront = match serde_yaml::from_str(&front) {
        Ok(f) => f,
        Err(e) => {
            let (line, col) = e
                .location()
                .map(|l| (l.line() + 1, l.column()))
                .unwrap_or((1, 0));
            let msg = strip_location(&e.to_string());
            problems.push(
                Problem::error(file, line, msg.clone())
                    .at(col)
                    .with_field_from(&msg),
            );
            return None;
        }
    };
    let Some(kind) = PolicyKind::parse(&fm.kind) else {
        let line = front_line(text, "kind:");
        problems.push(
            Problem::error(
                file,
                line,
                format!(
                    "unknown policy kind {:?}; use one of {}",
                    fm.kind,
                    PolicyKind::ALL.map(|k| k.as_str()).join(", ")
                ),
            )
            .field("kind"),
        );
        return None;
    };
    let body: Vec<&str> = text.lines().skip(body_start).collect();
    Some(Policy {
        kind,
        title: fm.title,
        summary: fm.summary,
        terms: fm.terms,
        destinations: fm.destinations,
        body: body.join("\n").trim().to_string(),
    })
}

pub(crate) fn front_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map(|i| i + 1)
        .unwrap_or(1)
}
