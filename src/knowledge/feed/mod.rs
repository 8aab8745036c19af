//! Product feeds into a knowledge directory (`kefu kg import-feed`): Google Cloud Retail
//! JSON lines, Google Merchant Center TSV/CSV, Shopify's product CSV.
//!
//! ```text
//! feed file ──reader (retail | merchant | shopify)──▶ rows  (+ "file:line: why" per row left out)
//!           ──group──▶ products with variants, category tree, brands
//!           ──write──▶ DIR, validated with the real loader first (nothing written if it fails)
//! ```
//!
//! Mapping, the stock rule and exit codes: docs/knowledge.md, "Importing a product feed".

mod attributes;
mod group;
mod html;
mod merchant;
mod retail;
mod row;
mod shopify;
mod slug;
mod table;
mod write;

use std::path::{Path, PathBuf};
use thiserror::Error;

use super::error::Problem;
use super::KnowledgeError;

pub use group::{FALLBACK_BRAND, FALLBACK_CATEGORY};
pub use row::{RowNote, NOMINAL_STOCK};

/// The feed formats kefu reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    /// Google Cloud Retail products, one JSON object per line.
    GoogleRetail,
    /// Google Merchant Center, TSV or CSV.
    GoogleMerchant,
    /// Shopify's product CSV export.
    ShopifyCsv,
}

impl FeedFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedFormat::GoogleRetail => "google-retail",
            FeedFormat::GoogleMerchant => "google-merchant",
            FeedFormat::ShopifyCsv => "shopify-csv",
        }
    }
}

/// How an import went.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Rows of the feed that were used.
    pub rows: usize,
    pub products: usize,
    pub variants: usize,
    pub categories: usize,
    pub brands: usize,
    /// Rows left out, each with why; the rest was imported.
    pub skipped: Vec<RowNote>,
    /// Rows imported with a liberty taken (a fallback brand, an ignored sale price).
    pub warnings: Vec<RowNote>,
    /// Attribute ids declared in attributes.yaml for the feed.
    pub declared: Vec<String>,
    /// What was copied from the default knowledge directory.
    pub copied: Vec<String>,
    /// Attribute values left out because they did not fit their declared type.
    pub notes: Vec<String>,
    /// What `kefu kg check` warns about in the written directory.
    pub check_warnings: Vec<Problem>,
}

#[derive(Debug, Error)]
pub enum FeedError {
    #[error("cannot read the feed {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Format { path: String, message: String },
    #[error("{0}")]
    Currency(String),
    #[error("no row of {file} could be imported ({} skipped); nothing was written", .skipped.len())]
    Nothing { file: String, skipped: Vec<RowNote> },
    #[error("the imported catalogue would not load ({} errors; first: {}); nothing was written (hint: the directory's own relations.csv, orders.jsonl or products.csv may name products the feed does not have)", .0.iter().filter(|p| p.is_error()).count(), .0.iter().find(|p| p.is_error()).map(ToString::to_string).unwrap_or_default())]
    Invalid(Vec<Problem>),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the catalogue: {0}")]
    Serialise(String),
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
}

impl FeedError {
    fn write(path: &Path, source: std::io::Error) -> Self {
        FeedError::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Where the import goes and what fills the gaps.
pub struct ImportOptions<'a> {
    /// The knowledge directory to write (created when missing).
    pub out: &'a Path,
    /// Where FAQ, policies, reply templates and attribute declarations come from when
    /// `out` has none (the configured knowledge directory).
    pub defaults: &'a Path,
    /// The currency of prices that do not state one (required for Shopify exports).
    pub currency: Option<&'a str>,
}

/// Reads `feed`, groups its rows into products and writes the knowledge directory.
/// `progress` is called with the number of rows read, every 10,000 rows.
pub fn import_feed(
    format: FeedFormat,
    feed: &Path,
    options: &ImportOptions<'_>,
    progress: &mut dyn FnMut(usize),
) -> Result<ImportReport, FeedError> {
    let bytes = std::fs::read(feed).map_err(|e| FeedError::Read {
        path: feed.to_path_buf(),
        source: e,
    })?;
    let file = feed.display().to_string();
    let read = match format {
        FeedFormat::GoogleRetail => {
            // Lines that are not UTF-8 are reported by line, not fatal.
            let text = String::from_utf8_lossy(&bytes);
            retail::read(&file, &text, options.currency, progress)
        }
        FeedFormat::GoogleMerchant => merchant::read(&file, bytes, options.currency, progress)?,
        FeedFormat::ShopifyCsv => shopify::read(&file, bytes, options.currency, progress)?,
    };
    let rows = read.rows.len();
    if rows == 0 {
        return Err(FeedError::Nothing {
            file,
            skipped: read.skipped,
        });
    }
    let mut grouped = group::group(&file, read.rows);
    let header = format!(
        "{} (kefu kg import-feed --format {})",
        file_name(feed),
        format.as_str()
    );
    let written = write::write(options.out, options.defaults, &header, &mut grouped)?;
    let rows = rows - grouped.skipped.len();
    let mut skipped = read.skipped;
    skipped.append(&mut grouped.skipped);
    skipped.sort_by_key(|n| n.line);
    let mut warnings = read.warnings;
    warnings.append(&mut grouped.warnings);
    warnings.sort_by_key(|n| n.line);
    Ok(ImportReport {
        rows,
        products: grouped.products.len(),
        variants: grouped.products.iter().map(|p| p.variants.len()).sum(),
        categories: grouped.categories.len(),
        brands: grouped.brands.len(),
        skipped,
        warnings,
        declared: written.declared,
        copied: written.copied,
        notes: written.notes,
        check_warnings: written.check_warnings,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
