//! `kefu identity sign USER [--ttl SECS]`: a shopper identity token signed with
//! `server.identity_secret` from the layered config, for tests, demos and shops checking
//! their own signing code against kefu's.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use std::process::ExitCode;

use kefu::identity::IdentityKey;

use super::Cli;

#[derive(Debug, Args)]
pub struct IdentityArgs {
    #[command(subcommand)]
    pub command: IdentityCommand,
}

#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Print a token for USER (the shop's user id), valid for --ttl seconds.
    Sign {
        user: String,
        /// Seconds the token stays valid.
        #[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u32).range(1..))]
        ttl: u32,
    },
}

pub fn run(cli: &Cli, args: &IdentityArgs) -> Result<ExitCode> {
    match &args.command {
        IdentityCommand::Sign { user, ttl } => {
            let config = cli.load_config(&[])?;
            let Some(secret) = &config.server.identity_secret else {
                bail!(
                    "server.identity_secret is not set (hint: set it in kefu.toml or KEFU_SERVER_IDENTITY_SECRET, the same secret the server uses)"
                );
            };
            let key = IdentityKey::new(secret).context("server.identity_secret")?;
            let expires_at = chrono::Utc::now().timestamp() + i64::from(*ttl);
            let token = key
                .sign(user, expires_at)
                .with_context(|| format!("signing user {user:?}"))?;
            println!("{token}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
