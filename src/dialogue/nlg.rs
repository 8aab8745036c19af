//! Replies from the shop's templates (knowledge/responses/<locale>.yaml): several variants
//! per message, `{variables}`, plural forms chosen by `{count}`, prices formatted for the
//! locale. The wording is the shop's to edit; the code only picks and fills.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::DialogueError;

/// One message's wording: plain variants, or variants per plural form.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Entry {
    Variants(Vec<String>),
    Single(String),
    Plural {
        one: Vec<String>,
        other: Vec<String>,
        #[serde(default)]
        zero: Vec<String>,
    },
}

/// The templates of every locale found.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    locales: HashMap<String, BTreeMap<String, Entry>>,
    default_locale: String,
}

pub type Vars<'a> = &'a [(&'a str, String)];

/// kefu's own English replies, built in: the last fallback for a key a shop's files lack.
fn builtin() -> &'static BTreeMap<String, Entry> {
    static BUILTIN: std::sync::OnceLock<BTreeMap<String, Entry>> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(|| {
        serde_yaml::from_str(include_str!("../../knowledge/responses/en.yaml"))
            .expect("the built-in English replies parse (a unit test checks it)")
    })
}

impl Templates {
    /// Reads every `<locale>.yaml` in `dir`; a broken file is an error naming it.
    pub fn load(dir: &Path, default_locale: &str) -> Result<Templates, DialogueError> {
        let mut locales = HashMap::new();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            DialogueError::Config(format!(
                "cannot read responses folder {}: {e}",
                dir.display()
            ))
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
                continue;
            }
            let locale = path.file_stem().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| DialogueError::Config(format!("{}: {e}", path.display())))?;
            let map: BTreeMap<String, Entry> = serde_yaml::from_str(&text)
                .map_err(|e| DialogueError::Config(format!("{}: {e}", path.display())))?;
            locales.insert(locale, map);
        }
        if !locales.contains_key(default_locale) {
            return Err(DialogueError::Config(format!(
                "no {default_locale}.yaml in {} (the default locale's replies are required)",
                dir.display()
            )));
        }
        Ok(Templates {
            locales,
            default_locale: default_locale.to_string(),
        })
    }

    /// The locale that will answer a request for `wanted` (`de-AT` → `de` → default).
    pub fn resolve_locale(&self, wanted: Option<&str>) -> String {
        if let Some(w) = wanted {
            let w = w.replace('_', "-").to_lowercase();
            if self.locales.contains_key(&w) {
                return w;
            }
            if let Some(lang) = w.split('-').next() {
                if self.locales.contains_key(lang) {
                    return lang.to_string();
                }
            }
        }
        self.default_locale.clone()
    }

    pub fn has(&self, key: &str) -> bool {
        self.locales[&self.default_locale].contains_key(key)
    }

    /// Fills message `key` for `locale`. `pick` chooses among variants (stable per turn).
    /// A key missing in the locale falls back to the default locale, then to kefu's own
    /// English (a shop's files from an older kefu lack the newer keys); missing everywhere
    /// yields the key itself, so a gap shows up instead of failing a turn.
    pub fn render(&self, locale: &str, key: &str, vars: Vars<'_>, pick: u64) -> String {
        let entry = self
            .locales
            .get(locale)
            .and_then(|m| m.get(key))
            .or_else(|| self.locales[&self.default_locale].get(key))
            .or_else(|| builtin().get(key));
        let Some(entry) = entry else {
            tracing::warn!(key, locale, "no response template");
            return key.to_string();
        };
        let variants: &[String] = match entry {
            Entry::Single(s) => std::slice::from_ref(s),
            Entry::Variants(v) => v,
            Entry::Plural { one, other, zero } => {
                let count = vars
                    .iter()
                    .find(|(k, _)| *k == "count")
                    .and_then(|(_, v)| v.parse::<i64>().ok());
                match count {
                    Some(0) if !zero.is_empty() => zero,
                    Some(1) => one,
                    _ => other,
                }
            }
        };
        if variants.is_empty() {
            return key.to_string();
        }
        fill(&variants[(pick % variants.len() as u64) as usize], vars)
    }
}

fn fill(template: &str, vars: Vars<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A day as the locale writes it: `"zh"` → `2026年11月24日`, `"de"` → `24.11.2026`, others
/// → `24 Nov 2026`.
pub fn format_date(day: chrono::DateTime<chrono::Utc>, locale: &str) -> String {
    match locale.split(['-', '_']).next().unwrap_or("en") {
        "zh" | "ja" => day.format("%Y年%-m月%-d日").to_string(),
        "de" => day.format("%d.%m.%Y").to_string(),
        _ => day.format("%d %b %Y").to_string(),
    }
}

/// A month as the locale writes it: `"zh"` → `2026年11月`, others → `November 2026`.
pub fn format_month(day: chrono::NaiveDate, locale: &str) -> String {
    match locale.split(['-', '_']).next().unwrap_or("en") {
        "zh" | "ja" => day.format("%Y年%-m月").to_string(),
        _ => day.format("%B %Y").to_string(),
    }
}

/// `1299.5, "EUR", "de"` → `1.299,50 €`; `"en"` → `€1,299.50`.
pub fn format_price(amount: f64, currency: &str, locale: &str) -> String {
    let symbol = match currency.to_ascii_uppercase().as_str() {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" | "CNY" => "¥",
        "INR" => "₹",
        "CHF" => "CHF ",
        _ => "",
    };
    let lang = locale.split(['-', '_']).next().unwrap_or("en");
    let (group, decimal, symbol_after) = match lang {
        "de" | "es" | "it" | "nl" | "pt" => (".", ",", true),
        "fr" => ("\u{202f}", ",", true),
        _ => (",", ".", false),
    };
    let cents = (amount * 100.0).round() as i64;
    let (whole, frac) = (cents.abs() / 100, cents.abs() % 100);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(ch);
    }
    let sign = if cents < 0 { "-" } else { "" };
    let number = format!("{sign}{grouped}{decimal}{frac:02}");
    match (symbol.is_empty(), symbol_after) {
        (true, _) => format!("{number} {}", currency.to_ascii_uppercase()),
        (false, true) => format!("{number} {}", symbol.trim()),
        (false, false) => format!("{symbol}{number}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_the_shops_files_lack_is_worded_by_kefus_own_english() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("en.yaml"),
            "greet: \"Hello from the shop\"\n",
        )
        .unwrap();
        let t = Templates::load(dir.path(), "en").unwrap();
        assert_eq!(t.render("en", "greet", &[], 0), "Hello from the shop");
        let said = t.render(
            "en",
            "search_none_of_type_alone",
            &[("asked", "kites".into())],
            0,
        );
        assert!(
            said.contains("kites") && !said.contains("search_none"),
            "{said}"
        );
        assert_eq!(t.render("en", "no_such_key", &[], 0), "no_such_key");
    }

    #[test]
    fn dates_follow_the_locale() {
        use chrono::TimeZone;
        let day = chrono::Utc.with_ymd_and_hms(2026, 11, 4, 9, 0, 0).unwrap();
        assert_eq!(format_date(day, "zh"), "2026年11月4日");
        assert_eq!(format_date(day, "zh-CN"), "2026年11月4日");
        assert_eq!(format_date(day, "de"), "04.11.2026");
        assert_eq!(format_date(day, "en"), "04 Nov 2026");
        assert_eq!(format_month(day.date_naive(), "zh"), "2026年11月");
        assert_eq!(format_month(day.date_naive(), "en"), "November 2026");
    }

    #[test]
    fn prices_follow_the_locale() {
        assert_eq!(format_price(1299.5, "EUR", "en"), "€1,299.50");
        assert_eq!(format_price(1299.5, "EUR", "de"), "1.299,50 €");
        assert_eq!(format_price(1299.5, "EUR", "fr-FR"), "1\u{202f}299,50 €");
        assert_eq!(format_price(5.0, "USD", "en-US"), "$5.00");
        assert_eq!(format_price(12.0, "SEK", "en"), "12.00 SEK");
        assert_eq!(format_price(1234567.0, "GBP", "en"), "£1,234,567.00");
    }

    #[test]
    fn variables_plurals_and_fallbacks() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("en.yaml"),
            "found:\n  one: [\"I found {count} {thing}.\"]\n  other: [\"I found {count} {thing}s.\"]\n  zero: [\"Nothing found.\"]\nhi: [\"Hello {name}!\", \"Hey {name}!\"]\nbye: \"Bye!\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("de.yaml"), "hi: [\"Hallo {name}!\"]\n").unwrap();
        let t = Templates::load(dir.path(), "en").unwrap();
        let v = |c: &str| vec![("count", c.to_string()), ("thing", "lamp".to_string())];
        assert_eq!(t.render("en", "found", &v("1"), 0), "I found 1 lamp.");
        assert_eq!(t.render("en", "found", &v("3"), 0), "I found 3 lamps.");
        assert_eq!(t.render("en", "found", &v("0"), 0), "Nothing found.");
        let name = [("name", "Ana".to_string())];
        assert_eq!(t.render("en", "hi", &name, 1), "Hey Ana!");
        assert_eq!(t.render("de", "hi", &name, 1), "Hallo Ana!");
        assert_eq!(
            t.render("de", "bye", &[], 0),
            "Bye!",
            "falls back to the default locale"
        );
        assert_eq!(t.render("en", "nope", &[], 0), "nope");
        assert_eq!(t.resolve_locale(Some("de-AT")), "de");
        assert_eq!(t.resolve_locale(Some("pt")), "en");
    }

    #[test]
    fn a_broken_template_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("en.yaml"), "hi: [unclosed\n").unwrap();
        let err = Templates::load(dir.path(), "en").unwrap_err().to_string();
        assert!(err.contains("en.yaml"), "{err}");
    }
}
