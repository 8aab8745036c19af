//! Commands whose issue is still open: their shape is here so `--help` shows the whole CLI.

use anyhow::Result;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ChatArgs {
    /// Server WebSocket URL.
    #[arg(default_value = "ws://127.0.0.1:8080/ws")]
    pub url: String,
}

pub fn not_yet(command: &str, issue: u32) -> Result<ExitCode> {
    eprintln!("`kefu {command}` is not built yet (issue #{issue}).");
    Ok(ExitCode::from(2))
}
