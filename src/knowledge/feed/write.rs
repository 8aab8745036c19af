//! The imported catalogue into a knowledge directory. The catalogue files
//! (products.jsonl, categories.yaml, brands.yaml) are replaced; attributes.yaml gets the
//! declarations the feed needs; what else the directory holds (FAQ, policies, responses,
//! relations, orders, synonyms) stays, and where it has none, the FAQ, the synonyms,
//! policies, reply templates and attribute declarations of the default knowledge
//! directory are copied in. Everything is
//! validated with the real loader first: an import that would not load writes nothing.

use serde::Serialize;
use std::path::Path;

use super::attributes;
use super::group::Grouped;
use super::FeedError;
use crate::knowledge::error::Problem;
use crate::knowledge::schema::AttributeDef;
use crate::knowledge::source::{self, SourceSet};
use crate::knowledge::validate;

/// The reply templates `serve` needs, beside the knowledge files.
const RESPONSES_DIR: &str = "responses";

/// What was written besides the catalogue.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// Attribute ids declared in attributes.yaml for the feed.
    pub declared: Vec<String>,
    /// Files and folders copied from the default knowledge directory.
    pub copied: Vec<String>,
    /// Attribute values that could not be kept.
    pub notes: Vec<String>,
    /// What `kefu kg check` warns about in the written directory.
    pub check_warnings: Vec<Problem>,
}

pub(crate) fn write(
    out: &Path,
    defaults: &Path,
    header: &str,
    catalogue: &mut Grouped,
) -> Result<Written, FeedError> {
    let existing = if out.is_dir() {
        SourceSet::read(out)?
    } else {
        SourceSet::default()
    };
    let same_dir = out
        .canonicalize()
        .ok()
        .is_some_and(|o| defaults.canonicalize().ok() == Some(o));
    let fallback = if defaults.is_dir() && !same_dir {
        SourceSet::read(defaults)?
    } else {
        SourceSet::default()
    };
    let mut written = Written::default();
    let mut sources = existing.clone();
    let mut files: Vec<(String, String)> = Vec::new();

    // attributes.yaml: the directory's own, else the defaults', plus what the feed needs.
    let (mut attrs, copied) = match existing.get(source::ATTRIBUTES) {
        Some(t) => (t.to_string(), false),
        None => (
            fallback.get(source::ATTRIBUTES).unwrap_or("").to_string(),
            true,
        ),
    };
    let declared: Vec<AttributeDef> = serde_yaml::from_str(&attrs).unwrap_or_default();
    let (new, notes) = attributes::settle(&mut catalogue.products, &declared);
    written.notes = notes;
    if copied && !attrs.trim().is_empty() {
        written.copied.push(source::ATTRIBUTES.to_string());
    }
    if !new.is_empty() {
        if !attrs.is_empty() && !attrs.ends_with('\n') {
            attrs.push('\n');
        }
        attrs.push_str(&format!("# Declared for the attributes of {header}.\n"));
        attrs.push_str(&yaml_list(&new)?);
        written.declared = new.iter().map(|d| d.id.clone()).collect();
    }
    if (copied || !new.is_empty()) && !attrs.trim().is_empty() {
        files.push((source::ATTRIBUTES.to_string(), attrs));
    }

    let mut products = format!("// Imported from {header}; import again to update.\n");
    for p in &catalogue.products {
        products
            .push_str(&serde_json::to_string(p).map_err(|e| FeedError::Serialise(e.to_string()))?);
        products.push('\n');
    }
    files.push((source::PRODUCTS.to_string(), products));
    files.push((
        source::CATEGORIES.to_string(),
        format!(
            "# The category tree of {header}.\n{}",
            yaml_list(&catalogue.categories)?
        ),
    ));
    files.push((
        source::BRANDS.to_string(),
        format!(
            "# The brands of {header}.\n{}",
            yaml_list(&catalogue.brands)?
        ),
    ));

    // FAQ, the retail thesaurus and policies the directory lacks, from the defaults.
    for name in [source::FAQ, source::SYNONYMS] {
        if existing.get(name).is_none() {
            if let Some(text) = fallback.get(name) {
                files.push((name.to_string(), text.to_string()));
                written.copied.push(name.to_string());
            }
        }
    }
    let has_policies = existing.files.keys().any(|k| k.starts_with("policies/"));
    if !has_policies {
        let policies: Vec<(&String, &String)> = fallback
            .files
            .iter()
            .filter(|(k, _)| k.starts_with("policies/"))
            .collect();
        if !policies.is_empty() {
            written.copied.push(format!(
                "{}/ ({} files)",
                source::POLICIES_DIR,
                policies.len()
            ));
        }
        for (name, text) in policies {
            files.push((name.clone(), text.clone()));
        }
    }
    for (name, text) in &files {
        sources.set(name, text.clone());
    }
    let (_, problems) = validate::build_catalog(&sources);
    if problems.iter().any(Problem::is_error) {
        return Err(FeedError::Invalid(problems));
    }
    written.check_warnings = problems;

    std::fs::create_dir_all(out).map_err(|e| FeedError::write(out, e))?;
    for (name, text) in &files {
        write_atomic(&out.join(name), text)?;
    }
    let responses = out.join(RESPONSES_DIR);
    let default_responses = defaults.join(RESPONSES_DIR);
    if !responses.exists() && default_responses.is_dir() && !same_dir {
        let n = copy_files(&default_responses, &responses)?;
        written.copied.push(format!("{RESPONSES_DIR}/ ({n} files)"));
    }
    Ok(written)
}

/// Entries as kefu's YAML lists write them: each starting with `- ` on its own line.
fn yaml_list<T: Serialize>(items: &[T]) -> Result<String, FeedError> {
    if items.is_empty() {
        return Ok(String::new());
    }
    serde_yaml::to_string(items).map_err(|e| FeedError::Serialise(e.to_string()))
}

/// Written beside, then renamed over: a reader never sees half a file.
fn write_atomic(path: &Path, text: &str) -> Result<(), FeedError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| FeedError::write(dir, e))?;
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.import"));
    std::fs::write(&tmp, text).map_err(|e| FeedError::write(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| FeedError::write(path, e))
}

/// Copies the files directly in `from` (not sub-folders) into `to`; how many.
fn copy_files(from: &Path, to: &Path) -> Result<usize, FeedError> {
    std::fs::create_dir_all(to).map_err(|e| FeedError::write(to, e))?;
    let mut n = 0;
    let entries = std::fs::read_dir(from).map_err(|e| FeedError::write(from, e))?;
    for entry in entries {
        let path = entry.map_err(|e| FeedError::write(from, e))?.path();
        if path.is_file() {
            let target = to.join(path.file_name().unwrap_or_default());
            std::fs::copy(&path, &target).map_err(|e| FeedError::write(&target, e))?;
            n += 1;
        }
    }
    Ok(n)
}
