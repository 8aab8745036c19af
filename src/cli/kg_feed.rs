//! `kefu kg import-feed`: a shop's product feed into a knowledge directory.
//!
//! Exit status: 0 every row imported; 3 imported, but some rows were skipped (each listed
//! as `file:line: reason`); 1 nothing written (unreadable feed, wrong header, an import
//! that would not load); 2 a wrong command line (clap's).

use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kefu::knowledge::{self, FeedError, FeedFormat, ImportOptions};

/// Some rows were skipped; the rest was imported.
const EXIT_SKIPPED: u8 = 3;

#[derive(Debug, Args)]
pub struct ImportFeedArgs {
    /// The feed's format.
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// The feed file.
    pub file: PathBuf,
    /// The knowledge directory to write (created when missing). Its products, categories
    /// and brands are replaced; its FAQ, policies, responses, relations and orders stay.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Currency of prices that state none (ISO 4217, e.g. EUR); required for shopify-csv.
    #[arg(long)]
    pub currency: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Google Cloud Retail product JSON, one object per line.
    GoogleRetail,
    /// Google Merchant Center feed, TSV or CSV.
    GoogleMerchant,
    /// Shopify's product CSV export.
    ShopifyCsv,
}

impl From<FormatArg> for FeedFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::GoogleRetail => FeedFormat::GoogleRetail,
            FormatArg::GoogleMerchant => FeedFormat::GoogleMerchant,
            FormatArg::ShopifyCsv => FeedFormat::ShopifyCsv,
        }
    }
}

/// `defaults`: the configured knowledge directory, whose FAQ, policies, responses and
/// attribute declarations fill what the output directory lacks.
pub fn run(defaults: &Path, args: &ImportFeedArgs) -> Result<ExitCode> {
    let options = ImportOptions {
        out: &args.out,
        defaults,
        currency: args.currency.as_deref(),
    };
    let mut progress = |n: usize| eprintln!("… {n} rows read");
    let report =
        match knowledge::import_feed(args.format.into(), &args.file, &options, &mut progress) {
            Ok(r) => r,
            Err(FeedError::Nothing { file, skipped }) => {
                for s in &skipped {
                    eprintln!("{s}");
                }
                anyhow::bail!(
                    "no row of {file} could be imported ({} skipped); nothing was written",
                    skipped.len()
                )
            }
            Err(FeedError::Invalid(problems)) => {
                for p in problems.iter().filter(|p| p.is_error()) {
                    eprintln!("{}/{p}", args.out.display());
                }
                return Err(FeedError::Invalid(problems).into());
            }
            Err(e) => return Err(e.into()),
        };
    for w in &report.warnings {
        eprintln!("{}:{}: warning: {}", w.file, w.line, w.message);
    }
    for n in &report.notes {
        eprintln!("warning: {n}");
    }
    for s in &report.skipped {
        eprintln!("{s}");
    }
    println!(
        "imported {} rows of {} into {}: {} products ({} variants), {} categories, {} brands",
        report.rows,
        args.file.display(),
        args.out.display(),
        report.products,
        report.variants,
        report.categories,
        report.brands
    );
    if !report.declared.is_empty() {
        println!(
            "declared in attributes.yaml: {}",
            report.declared.join(", ")
        );
    }
    if !report.copied.is_empty() {
        println!(
            "copied from {}: {}",
            defaults.display(),
            report.copied.join(", ")
        );
    }
    println!(
        "kefu kg check: ok ({} warnings)",
        report.check_warnings.len()
    );
    if report.skipped.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "{} row(s) skipped (listed above); exit status {EXIT_SKIPPED}",
            report.skipped.len()
        );
        Ok(ExitCode::from(EXIT_SKIPPED))
    }
}
