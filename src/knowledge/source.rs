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
pub(crate) const POLICIES_DIR: &str = "policies";

/// The files read from the top of the knowledge directory (policies come from `policies/`).
const FILES: [&str; 8] = [
    PRODUCTS,
    PRODUCTS_CSV,
    CATEGORIES,
    BRANDS,
    ATTRIBUTES,
    RELATIONS,
    FAQ,
    ORDERS,
];

/// Files that must exist for a catalogue to make sense.
pub(crate) const REQUIRED: &[&str] = &[CATEGORIES, BRANDS];

/// The texts of every knowledge file kefu reads, keyed by path relative to the directory
/// (`policies/returns.md`). Everything else in the directory (e.g. `nlu/`) is not ours.
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
        let policies = dir.join(POLICIES_DIR);
        if policies.is_dir() {
            let entries =
                std::fs::read_dir(&policies).map_err(|e| KnowledgeError::io(&policies, e))?;
            for entry in entries {
                let entry = entry.map_err(|e| KnowledgeError::io(&policies, e))?;
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "md") {
                    let text =
                        std::fs::read_to_string(&path).map_err(|e| KnowledgeError::io(&path, e))?;
                    let name = format!(
                        "{POLICIES_DIR}/{}",
                        path.file_name().unwrap_or_default().to_string_lossy()
                    );
                    files.insert(name, text);
                }
            }
        }
        Ok(SourceSet { files })
    }

    /// Whether a changed path is one of ours (the watcher ignores the rest).
    pub(crate) fn is_knowledge_path(rel: &str) -> bool {
        let rel = rel.replace('\\', "/");
        FILES.contains(&rel.as_str()) || (rel.starts_with("policies/") && rel.ends_with(".md"))
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
