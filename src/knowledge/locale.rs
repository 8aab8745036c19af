//! The shop's texts in another language (`knowledge/<locale>/`), keyed by the English
//! ids: product names and descriptions, category and attribute names with the words
//! shoppers use, the FAQ and the policies. The English graph stays the one catalogue;
//! these only say it in another language, and every lookup falls back to English.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::schema::{FaqEntry, Policy, PolicyKind};

/// A product's name and description in a locale: a line of `<locale>/products.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductText {
    /// The product id of `products.jsonl`.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A category's or attribute's name and synonyms in a locale: an entry of
/// `<locale>/categories.yaml` or `<locale>/attributes.yaml` (the tree, types and units
/// are the English file's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalName {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
}

/// Everything one locale folder says, validated against the English graph.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LocaleTexts {
    /// By product id.
    #[serde(default)]
    pub products: BTreeMap<String, ProductText>,
    /// By category id.
    #[serde(default)]
    pub categories: BTreeMap<String, LocalName>,
    /// By attribute id.
    #[serde(default)]
    pub attributes: BTreeMap<String, LocalName>,
    /// The translated entries, with the English ids, in the file's order.
    #[serde(default)]
    pub faq: Vec<FaqEntry>,
    /// Sorted by kind.
    #[serde(default)]
    pub policies: Vec<Policy>,
}

impl LocaleTexts {
    pub fn product(&self, id: &str) -> Option<&ProductText> {
        self.products.get(id)
    }

    pub fn category(&self, id: &str) -> Option<&LocalName> {
        self.categories.get(id)
    }

    pub fn attribute(&self, id: &str) -> Option<&LocalName> {
        self.attributes.get(id)
    }

    pub fn faq_entry(&self, id: &str) -> Option<&FaqEntry> {
        self.faq.iter().find(|f| f.id == id)
    }

    pub fn policy(&self, kind: PolicyKind) -> Option<&Policy> {
        self.policies.iter().find(|p| p.kind == kind)
    }
}

/// The locale folder that answers `wanted`: the tag itself, else its language
/// (`zh-CN` → `zh`); `None` when the shop has no texts for it.
pub(crate) fn resolve<'a>(
    locales: &'a BTreeMap<String, LocaleTexts>,
    wanted: &str,
) -> Option<&'a LocaleTexts> {
    let wanted = wanted.trim().replace('_', "-");
    if wanted.is_empty() {
        return None;
    }
    locales
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(&wanted))
        .or_else(|| {
            let lang = wanted.split('-').next().unwrap_or("").to_ascii_lowercase();
            locales.iter().find(|(k, _)| **k == lang)
        })
        .map(|(_, v)| v)
}
