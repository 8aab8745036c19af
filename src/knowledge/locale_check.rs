//! Reading and checking the locale folders (`knowledge/<locale>/`) against the English
//! records: an unknown id, a duplicate, an empty name or a policy whose kind, terms or
//! destinations differ from the English one is an error at its file and line; a text
//! not translated yet is a warning (kefu answers it in English).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::error::Problem;
use super::locale::{LocalName, LocaleTexts, ProductText};
use super::parse::{front_line, json_lines, policy_md, yaml_list, Parsed};
use super::schema::{FaqEntry, Policy};
use super::source::{self, SourceSet};
use super::validate::closest;

/// How many missing ids a warning names before "and N more".
const NAMED: usize = 5;

/// Every locale folder's texts, checked against `english`; problems go to `problems`.
pub(crate) fn read(
    sources: &SourceSet,
    english: &Parsed,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, LocaleTexts> {
    let mut out = BTreeMap::new();
    for locale in sources.locales() {
        let texts = read_locale(sources, locale, english, problems);
        out.insert(locale.to_string(), texts);
    }
    out
}

fn read_locale(
    sources: &SourceSet,
    locale: &str,
    en: &Parsed,
    problems: &mut Vec<Problem>,
) -> LocaleTexts {
    let path = |name: &str| format!("{locale}/{name}");
    let mut texts = LocaleTexts::default();

    let file = path(source::CATEGORIES);
    if let Some(t) = sources.get(&file) {
        let known: Vec<&str> = en.categories.iter().map(|(_, c)| c.id.as_str()).collect();
        let list = yaml_list::<LocalName>(&file, t, problems);
        texts.categories = names(&file, t, list, &known, "category", locale, problems);
    }
    let file = path(source::ATTRIBUTES);
    if let Some(t) = sources.get(&file) {
        let known: Vec<&str> = en.attributes.iter().map(|(_, a)| a.id.as_str()).collect();
        let list = yaml_list::<LocalName>(&file, t, problems);
        texts.attributes = names(&file, t, list, &known, "attribute", locale, problems);
    }
    let file = path(source::PRODUCTS);
    if let Some(t) = sources.get(&file) {
        let known: Vec<&str> = en
            .products
            .iter()
            .chain(&en.csv_products)
            .map(|(_, p)| p.id.as_str())
            .collect();
        let list = json_lines::<ProductText>(&file, t, problems);
        texts.products = products(&file, list, &known, locale, problems);
    }
    let file = path(source::FAQ);
    if let Some(t) = sources.get(&file) {
        let list = yaml_list::<FaqEntry>(&file, t, problems);
        texts.faq = faq(&file, t, list, en, locale, problems);
    }
    let mut policies: Vec<(String, &str, Policy)> = Vec::new();
    let prefix = format!("{locale}/{}/", source::POLICIES_DIR);
    for (name, text) in &sources.files {
        if name.starts_with(&prefix) {
            if let Some(p) = policy_md(name, text, problems) {
                policies.push((name.clone(), text.as_str(), p));
            }
        }
    }
    texts.policies = check_policies(policies, en, locale, problems);
    texts
}

/// An unknown id with a "did you mean".
fn unknown(file: &str, line: usize, what: &str, id: &str, known: &[&str]) -> Problem {
    let english = match what {
        "product" => source::PRODUCTS,
        "category" => source::CATEGORIES,
        "attribute" => source::ATTRIBUTES,
        _ => source::FAQ,
    };
    Problem::error(
        file,
        line,
        format!(
            "unknown {what} id {id:?}: a translation names an id of {english}{}",
            closest(id, known.iter().copied())
        ),
    )
    .field("id")
}

/// One warning for the ids of `known` that `have` lacks.
fn untranslated(
    file: &str,
    what: &str,
    known: &[&str],
    have: &HashSet<&str>,
    locale: &str,
    problems: &mut Vec<Problem>,
) {
    let missing: Vec<&str> = known
        .iter()
        .copied()
        .filter(|id| !have.contains(id))
        .collect();
    if missing.is_empty() {
        return;
    }
    let mut named = missing[..missing.len().min(NAMED)].join(", ");
    if missing.len() > NAMED {
        named.push_str(&format!(" and {} more", missing.len() - NAMED));
    }
    problems.push(Problem::warning(
        file,
        0,
        format!(
            "{} {what}(s) have no {locale} text ({named}); shoppers reading {locale} get them in English",
            missing.len()
        ),
    ));
}

/// The line of `key:` within the YAML entry starting on `start`.
fn field_line(text: &str, start: usize, key: &str) -> usize {
    let want = format!("{key}:");
    text.lines()
        .enumerate()
        .skip(start.saturating_sub(1))
        .take_while(|(i, l)| *i + 1 == start || !l.starts_with("- "))
        .find(|(_, l)| l.contains(&want))
        .map(|(i, _)| i + 1)
        .unwrap_or(start)
}

fn names(
    file: &str,
    text: &str,
    list: Vec<(usize, LocalName)>,
    known: &[&str],
    what: &str,
    locale: &str,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, LocalName> {
    let mut out: BTreeMap<String, LocalName> = BTreeMap::new();
    let mut lines: HashMap<String, usize> = HashMap::new();
    for (line, n) in list {
        if !known.contains(&n.id.as_str()) {
            problems.push(unknown(file, line, what, &n.id, known));
            continue;
        }
        if let Some(first) = lines.get(&n.id) {
            problems.push(
                Problem::error(
                    file,
                    line,
                    format!("{what} {:?} is already translated on line {first}", n.id),
                )
                .field("id"),
            );
            continue;
        }
        if n.name.trim().is_empty() {
            problems.push(
                Problem::error(
                    file,
                    field_line(text, line, "name"),
                    format!("{what} {:?} has an empty name", n.id),
                )
                .field("name"),
            );
            continue;
        }
        lines.insert(n.id.clone(), line);
        out.insert(n.id.clone(), n);
    }
    let have: HashSet<&str> = out.keys().map(String::as_str).collect();
    untranslated(file, what, known, &have, locale, problems);
    out
}

fn products(
    file: &str,
    list: Vec<(usize, ProductText)>,
    known: &[&str],
    locale: &str,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, ProductText> {
    let mut out: BTreeMap<String, ProductText> = BTreeMap::new();
    let mut lines: HashMap<String, usize> = HashMap::new();
    let known_set: HashSet<&str> = known.iter().copied().collect();
    for (line, p) in list {
        if !known_set.contains(p.id.as_str()) {
            problems.push(unknown(file, line, "product", &p.id, known));
            continue;
        }
        if let Some(first) = lines.get(&p.id) {
            problems.push(
                Problem::error(
                    file,
                    line,
                    format!("product {:?} is already translated on line {first}", p.id),
                )
                .field("id"),
            );
            continue;
        }
        if p.name.trim().is_empty() {
            problems.push(
                Problem::error(file, line, format!("product {:?} has an empty name", p.id))
                    .field("name"),
            );
            continue;
        }
        lines.insert(p.id.clone(), line);
        out.insert(p.id.clone(), p);
    }
    let have: HashSet<&str> = out.keys().map(String::as_str).collect();
    untranslated(file, "product", known, &have, locale, problems);
    out
}

fn faq(
    file: &str,
    text: &str,
    list: Vec<(usize, FaqEntry)>,
    en: &Parsed,
    locale: &str,
    problems: &mut Vec<Problem>,
) -> Vec<FaqEntry> {
    let english: HashMap<&str, &FaqEntry> =
        en.faq.iter().map(|(_, f)| (f.id.as_str(), f)).collect();
    let known: Vec<&str> = en.faq.iter().map(|(_, f)| f.id.as_str()).collect();
    let mut out = Vec::new();
    let mut lines: HashMap<String, usize> = HashMap::new();
    for (line, f) in list {
        let Some(en_entry) = english.get(f.id.as_str()) else {
            problems.push(unknown(file, line, "FAQ", &f.id, &known));
            continue;
        };
        if let Some(first) = lines.get(&f.id) {
            problems.push(
                Problem::error(
                    file,
                    line,
                    format!("FAQ {:?} is already translated on line {first}", f.id),
                )
                .field("id"),
            );
            continue;
        }
        let mut ok = true;
        if f.policy != en_entry.policy {
            let say = |p: Option<super::schema::PolicyKind>| p.map_or("none", |k| k.as_str());
            problems.push(
                Problem::error(
                    file,
                    field_line(text, line, "policy"),
                    format!(
                        "FAQ {:?} links policy {} here but {} in {}; a translation keeps the English links",
                        f.id,
                        say(f.policy),
                        say(en_entry.policy),
                        source::FAQ
                    ),
                )
                .field("policy"),
            );
            ok = false;
        }
        for (field, value) in [("question", &f.question), ("answer", &f.answer)] {
            if value.trim().is_empty() {
                problems.push(
                    Problem::error(
                        file,
                        field_line(text, line, field),
                        format!("FAQ {:?} has an empty {field}", f.id),
                    )
                    .field(field),
                );
                ok = false;
            }
        }
        if ok {
            lines.insert(f.id.clone(), line);
            out.push(f);
        }
    }
    let have: HashSet<&str> = out.iter().map(|f| f.id.as_str()).collect();
    untranslated(file, "FAQ entrie", &known, &have, locale, problems);
    out
}

fn check_policies(
    list: Vec<(String, &str, Policy)>,
    en: &Parsed,
    locale: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Policy> {
    let mut out: Vec<Policy> = Vec::new();
    let mut seen: HashMap<super::schema::PolicyKind, String> = HashMap::new();
    for (file, text, p) in list {
        let Some((en_file, en_p)) = en.policies.iter().find(|(_, e)| e.kind == p.kind) else {
            problems.push(
                Problem::error(
                    &file,
                    1,
                    format!(
                        "there is no English {} policy for this translation (policies/{}.md)",
                        p.kind.as_str(),
                        p.kind.as_str()
                    ),
                )
                .field("kind"),
            );
            continue;
        };
        if let Some(first) = seen.get(&p.kind) {
            problems.push(
                Problem::error(
                    &file,
                    1,
                    format!("a {} policy is already written in {first}", p.kind.as_str()),
                )
                .field("kind"),
            );
            continue;
        }
        let mut ok = true;
        if p.terms != en_p.terms {
            let differ: Vec<&str> = p
                .terms
                .keys()
                .chain(en_p.terms.keys())
                .filter(|k| p.terms.get(*k) != en_p.terms.get(*k))
                .map(String::as_str)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            problems.push(
                Problem::error(
                    &file,
                    front_line(text, "terms:"),
                    format!(
                        "the terms differ from {en_file} ({}); a translation states the same numbers",
                        differ.join(", ")
                    ),
                )
                .field("terms"),
            );
            ok = false;
        }
        if p.destinations != en_p.destinations {
            problems.push(
                Problem::error(
                    &file,
                    front_line(text, "destinations:"),
                    format!(
                        "the destinations differ from {en_file}; write them as the English file does \
                         (country names in English, or EU)"
                    ),
                )
                .field("destinations"),
            );
            ok = false;
        }
        if ok {
            seen.insert(p.kind, file);
            out.push(p);
        }
    }
    for (_, e) in &en.policies {
        if !out.iter().any(|p| p.kind == e.kind) && !seen.contains_key(&e.kind) {
            problems.push(Problem::warning(
                &format!("{locale}/policies/{}.md", e.kind.as_str()),
                0,
                format!(
                    "the {} policy has no {locale} text; shoppers reading {locale} get it in English",
                    e.kind.as_str()
                ),
            ));
        }
    }
    out.sort_by_key(|p| p.kind);
    out
}
