//! The knowledge files as read from disk: names, texts and their content hash.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

use super::KnowledgeError;

pub(crate) const PRODUCTS: &str = "products.jsonl";
pub(crate) const PRODUCTS_CSV: &str = "products.csv";
pub(crate) const CATEGORIES: &str = "categories.yaml";
pub(crate) const BRANDS: &str = "brands.yaml";
pub(crate) const ATTRIBUTES: &str = "attributes.yaml";
pub(crate) const RELATIONS: &str = "relations.csv";
pub(crate) const FAQ: &str = "faq.yaml";
pub(crate) const ORDERS: &str = "orders.jsonl";
pub(crate) const SYNONYMS: &str = "synonyms.yaml";
pub(crate) const POLICIES_DIR: &str = "policies";

/// The files a locale folder (`<locale>/`, e.g. `zh/`) may hold beside `policies/`:
/// the shop's texts in that language, keyed by the English ids (docs/knowledge.md).
pub(crate) const LOCALE_FILES: [&str; 4] = [FAQ, CATEGORIES, ATTRIBUTES, PRODUCTS];

/// The files read from the top of the knowledge directory (policies come from `policies/`).
const FILES: [&str; 9] = [
    PRODUCTS,
    PRODUCTS_CSV,
    CATEGORIES,
    BRANDS,
    ATTRIBUTES,
    RELATIONS,
    FAQ,
    ORDERS,
    SYNONYMS,
];

/// Files that must exist for a catalogue to make sense.
pub(crate) const REQUIRED: &[&str] = &[CATEGORIES, BRANDS];

/// The texts of every knowledge file kefu reads, keyed by path relative to the directory
/// (`policies/returns.md`, `zh/faq.yaml`). Everything else in the directory (e.g. `nlu/`)
/// is not ours.
#[derive(Debug, Clone, Default)]
pub struct SourceSet {
    pub(crate) files: BTreeMap<String, String>,
}

impl SourceSet {
    pub fn read(dir: &Path) -> Result<SourceSet, KnowledgeError> {
        if !dir.is_dir() {
            return Err(KnowledgeError::MissingDir(dir.to_path_buf()));
        }
        let mut files = BTreeMap::new();
        for name in FILES {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    files.insert(name.to_string(), text);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(KnowledgeError::io(path, e)),
            }
        }
        read_policies(dir, "", &mut files)?;
        let entries = std::fs::read_dir(dir).map_err(|e| KnowledgeError::io(dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| KnowledgeError::io(dir, e))?;
            let name = entry.file_name().to_string_lossy().to_string();
            if !is_locale(&name) || !entry.path().is_dir() {
                continue;
            }
            let prefix = format!("{name}/");
            for file in LOCALE_FILES {
                let path = entry.path().join(file);
                match std::fs::read_to_string(&path) {
                    Ok(text) => {
                        files.insert(format!("{prefix}{file}"), text);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(KnowledgeError::io(path, e)),
                }
            }
            read_policies(&entry.path(), &prefix, &mut files)?;
        }
        Ok(SourceSet { files })
    }

    /// Whether a changed path is one of ours (the watcher ignores the rest).
    pub(crate) fn is_knowledge_path(rel: &str) -> bool {
        let rel = rel.replace('\\', "/");
        let ours = |rel: &str, files: &[&str]| {
            files.contains(&rel) || (rel.starts_with("policies/") && rel.ends_with(".md"))
        };
        match rel.split_once('/') {
            Some((locale, rest)) if is_locale(locale) => ours(rest, &LOCALE_FILES),
            _ => ours(&rel, &FILES),
        }
    }

    /// The locales with a folder of texts (`zh` for `zh/faq.yaml`), each once, sorted.
    pub(crate) fn locales(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .files
            .keys()
            .filter_map(|k| k.split_once('/').map(|(l, _)| l))
            .filter(|l| is_locale(l))
            .collect();
        out.dedup();
        out
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(String::as_str)
    }

    pub(crate) fn set(&mut self, name: &str, text: String) {
        self.files.insert(name.to_string(), text);
    }

    /// SHA-256 over every file's name and bytes: equal hashes mean an unchanged catalogue.
    pub fn content_hash(&self) -> String {
        let mut h = Sha256::new();
        // v2: `added` became optional, which changed the snapshot's product layout.
        h.update(b"kefu-kg-v2\0");
        for (name, text) in &self.files {
            h.update(name.as_bytes());
            h.update((text.len() as u64).to_le_bytes());
            h.update(text.as_bytes());
        }
        hex::encode(h.finalize())
    }
}

/// A folder named like a language tag holds the shop's texts in that language: two
/// lower-case letters, optionally a region or script (`zh`, `pt-BR`, `zh-Hant`). `nlu/`,
/// `responses/` and `eval/` are not.
pub(crate) fn is_locale(name: &str) -> bool {
    let (lang, rest) = match name.split_once('-') {
        Some((l, r)) => (l, Some(r)),
        None => (name, None),
    };
    lang.len() == 2
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && rest.is_none_or(|r| {
            (2..=8).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// `policies/*.md` under `dir`, keyed `<prefix>policies/<file>`.
fn read_policies(
    dir: &Path,
    prefix: &str,
    files: &mut BTreeMap<String, String>,
) -> Result<(), KnowledgeError> {
    let policies = dir.join(POLICIES_DIR);
    if !policies.is_dir() {
        return Ok(());
    }
    let entries = std::fs::read_dir(&policies).map_err(|e| KnowledgeError::io(&policies, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| KnowledgeError::io(&policies, e))?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).map_err(|e| KnowledgeError::io(&path, e))?;
            let name = format!(
                "{prefix}{POLICIES_DIR}/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            files.insert(name, text);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_folders_are_language_tags() {
        for yes in ["zh", "de", "pt-BR", "zh-Hant"] {
            assert!(is_locale(yes), "{yes}");
        }
        for no in [
            "nlu",
            "eval",
            "responses",
            "policies",
            "z",
            "ZH",
            "zh-",
            "zh-x",
        ] {
            assert!(!is_locale(no), "{no}");
        }
    }

    #[test]
    fn locale_paths_are_watched() {
        assert!(SourceSet::is_knowledge_path("zh/faq.yaml"));
        assert!(SourceSet::is_knowledge_path("zh/policies/returns.md"));
        assert!(SourceSet::is_knowledge_path("zh/products.jsonl"));
        assert!(!SourceSet::is_knowledge_path("zh/brands.yaml"));
        assert!(!SourceSet::is_knowledge_path("nlu/train.jsonl"));
        assert!(SourceSet::is_knowledge_path("faq.yaml"));
    }
}
