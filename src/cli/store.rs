//! `kefu store migrate --from sled:DIR --to postgres://…`: copies an install's embedded
//! store (every tree, the id counter, at the current schema) into an empty PostgreSQL
//! database, printing a line per tree.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

use kefu::store::{copy_store, CopyProgress, Store};

use super::Cli;

#[derive(Debug, Args)]
pub struct StoreArgs {
    #[command(subcommand)]
    pub command: StoreCommand,
}

#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Copy a sled data directory into an empty PostgreSQL database (stop kefu first: the
    /// directory is locked while a server runs).
    Migrate {
        /// The source: `sled:DIR` (a data directory).
        #[arg(long, value_name = "sled:DIR")]
        from: String,
        /// The target: `postgres://user@host/db`, an empty database.
        #[arg(long, value_name = "URL")]
        to: String,
        /// Connections used for the copy.
        #[arg(long, default_value_t = 2)]
        connections: usize,
    },
}

pub fn run(_cli: &Cli, args: &StoreArgs) -> Result<ExitCode> {
    match &args.command {
        StoreCommand::Migrate {
            from,
            to,
            connections,
        } => {
            let Some(dir) = from.strip_prefix("sled:").map(PathBuf::from) else {
                bail!("--from must be sled:DIR, got {from:?} (hint: --from sled:./data)");
            };
            if !dir.join("SCHEMA").exists() {
                bail!(
                    "{} is not a kefu data directory (no SCHEMA file); nothing was copied",
                    dir.display()
                );
            }
            if !(to.starts_with("postgres://") || to.starts_with("postgresql://")) {
                bail!("--to must be a postgres:// URL (hint: --to postgres://kefu@localhost/kefu)");
            }
            let source = Store::open(&dir).with_context(|| format!("opening {}", dir.display()))?;
            let target = Store::open_postgres(to, (*connections).clamp(1, 16))
                .context("opening the target database")?;
            println!(
                "copying {} (schema {}) into {}",
                dir.display(),
                source.schema_version()?,
                target.location()
            );
            copy_store(&source, &target, |p| match p {
                CopyProgress::Entries(tree, n) => println!("  {tree}: {n} entries …"),
                CopyProgress::Tree(tree, n) => println!("  {tree}: {n} entries copied"),
                CopyProgress::Done {
                    trees,
                    entries,
                    next_id,
                } => {
                    println!("done: {trees} trees, {entries} entries; ids continue from {next_id}")
                }
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
