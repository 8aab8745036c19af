//! `kefu rec …`: the recommendation engine's tools. (`kefu rec eval` is meant to be
//! reachable as `kefu eval rec` too once the eval command group exists.)

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

use kefu::recommend::eval::{evaluate, read_interactions, EvalOptions, EvalReport, LogFormat};

#[derive(Debug, Args)]
pub struct RecArgs {
    #[command(subcommand)]
    pub command: RecCommand,
}

#[derive(Debug, Subcommand)]
pub enum RecCommand {
    /// Offline evaluation on an interaction log: HR@10 and NDCG@10, leave-one-out, kefu's
    /// ranker against popularity and item-kNN.
    Eval(EvalRecArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// `user item` per line, in time order (SASRec's files)
    Pairs,
    /// `user item1 item2 …` per line, in time order (S3-Rec's files)
    Sequences,
    /// kefu's JSONL event log
    Events,
}

#[derive(Debug, Args)]
pub struct EvalRecArgs {
    /// The interaction log.
    #[arg(long, value_name = "FILE")]
    pub interactions: PathBuf,
    #[arg(long, value_enum)]
    pub format: Format,
    /// Also write the report as JSON here.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Sampled negatives per user.
    #[arg(long, default_value_t = 99)]
    pub negatives: usize,
    /// Seed of the negative sampling.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Use the default knobs instead of tuning them on the validation items.
    #[arg(long)]
    pub no_tune: bool,
}

pub fn run(args: &RecArgs) -> Result<ExitCode> {
    match &args.command {
        RecCommand::Eval(a) => eval(a),
    }
}

pub fn eval(args: &EvalRecArgs) -> Result<ExitCode> {
    let format = match args.format {
        Format::Pairs => LogFormat::Pairs,
        Format::Sequences => LogFormat::Sequences,
        Format::Events => LogFormat::Events,
    };
    let data = read_interactions(&args.interactions, format)?;
    eprintln!(
        "{}: {} users, {} items, {} interactions",
        args.interactions.display(),
        data.users.len(),
        data.items.len(),
        data.interactions()
    );
    let opts = EvalOptions {
        negatives: args.negatives,
        seed: args.seed,
        tune: !args.no_tune,
        progress: true,
        ..EvalOptions::default()
    };
    let report = evaluate(&data, &opts);
    print_report(&report);
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, text + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("report written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_report(r: &EvalReport) {
    println!(
        "leave-one-out on {} users ({} items, {} interactions), seed {}, {:.1}s",
        r.evaluated_users, r.items, r.interactions, r.seed, r.seconds
    );
    println!(
        "{:<12} {:>16} {:>16} {:>16}",
        "ranker",
        format!("{}-neg HR@10", r.negatives),
        format!("{}-neg NDCG@10", r.negatives),
        "full HR / NDCG@10"
    );
    for name in ["kefu", "popularity", "item_knn"] {
        let (s, f) = (&r.sampled[name], &r.full[name]);
        println!(
            "{:<12} {:>16.4} {:>16.4} {:>9.4} / {:.4}",
            name, s.hr, s.ndcg, f.hr, f.ndcg
        );
    }
    let p = &r.kefu_params;
    println!(
        "kefu knobs (chosen on validation, NDCG@10 {:.4}): window {} decay {} backward {} alpha {} \
         history {} recency {} popularity {} pop_exponent {} hop2 {}",
        r.validation["kefu"].ndcg,
        p.window,
        p.decay,
        p.backward,
        p.alpha,
        p.history,
        p.recency,
        p.popularity,
        p.pop_exponent,
        p.hop2
    );
}
