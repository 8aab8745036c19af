//! `kefu merge`: an ensemble's members merged into one model, the start of a distillation.

use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use kefu::nlu::{self, merge, BaseModel};

use super::Cli;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The ensemble to merge (a `kefu ensemble` or `kefu train --members N` artifact).
    #[arg(value_name = "ENSEMBLE")]
    pub ensemble: PathBuf,
    /// Where to write the merged model (a new or empty folder).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Base encoder folder (default: model.base_dir).
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &MergeArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    nlu::set_compute_threads(config.nlu.threads);
    let base = BaseModel::open(args.base.as_ref().unwrap_or(&config.model.base_dir))?;
    let meta = merge::merge(&args.ensemble, &base, &args.out)?;
    let members = meta.merged_from.as_ref().map_or(0, |m| m.members);
    println!(
        "wrote {}: {members} members merged into one model (LoRA rank {}, heads averaged)",
        args.out.display(),
        meta.params.lora.rank
    );
    println!(
        "alone it reads worse than any member; distil the ensemble into it:\n  \
         kefu train --from {} --distil-from {} --distil-weight 0.8 --out <DIR>",
        args.out.display(),
        args.ensemble.display()
    );
    Ok(ExitCode::SUCCESS)
}
