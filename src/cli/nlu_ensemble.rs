//! `kefu ensemble`: packs trained models into one artifact that averages them, and scores
//! it on the test file beside its members.

use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use kefu::nlu::{self, artifact, ensemble, Summary};

use super::Cli;

#[derive(Debug, Args)]
pub struct EnsembleArgs {
    /// Trained artifact folders (two or more): one recipe and data, different --seed.
    #[arg(required = true, num_args = 2.., value_name = "MODEL")]
    pub members: Vec<PathBuf>,
    /// Where to write the ensemble (a new or empty folder).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Test data to score and record in meta.json (default:
    /// <knowledge_dir>/nlu/test.jsonl when it exists).
    #[arg(long, value_name = "FILE")]
    pub test: Option<PathBuf>,
    /// Base encoder folder (default: model.base_dir).
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &EnsembleArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    nlu::set_compute_threads(config.nlu.threads);
    let base_dir = args.base.clone().unwrap_or(config.model.base_dir.clone());
    let test_path = args.test.clone().or_else(|| {
        let t = config.knowledge_dir.join("nlu/test.jsonl");
        t.is_file().then_some(t)
    });
    let meta = ensemble::combine(&args.members, &args.out)?;
    println!(
        "wrote {} ({} members)",
        args.out.display(),
        args.members.len()
    );
    let Some(test_path) = test_path else {
        println!("no test file: meta.json records no test metrics");
        return Ok(ExitCode::SUCCESS);
    };
    let scores = super::nlu::score_and_record(&args.out, &base_dir, &test_path)?;

    println!("\non {}", test_path.display());
    println!(
        "{:<34}{:>10}{:>10}{:>10}",
        "", "intent", "slot F1", "sentence"
    );
    let row = |name: &str, s: Option<&Summary>| match s {
        Some(s) => println!(
            "{name:<34}{:>9.2}%{:>9.2}%{:>9.2}%",
            s.intent_accuracy * 100.0,
            s.slot_f1 * 100.0,
            s.sentence_accuracy * 100.0
        ),
        None => println!("{name:<34}{:>10}", "(not scored in training)"),
    };
    let first = artifact::ArtifactMeta::read(&args.members[0])?;
    row(
        &format!("{} (seed {})", args.members[0].display(), first.seed),
        first.test_metrics.as_ref(),
    );
    for (dir, m) in args.members.iter().skip(1).zip(&meta.ensemble) {
        row(
            &format!("{} (seed {})", dir.display(), m.meta.seed),
            m.meta.test_metrics.as_ref(),
        );
    }
    row("ensemble", Some(&scores));
    println!("(members as their training recorded them; the ensemble scored now, and recorded)");
    Ok(ExitCode::SUCCESS)
}
