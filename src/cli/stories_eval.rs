//! `kefu eval stories`: every conversation story against the real dialogue (the served
//! NLU, the encoder, each story set's catalogue): the share of conversations and of turns
//! that pass, per catalogue and per failure kind, and a JSON report per story.

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Cli;
use kefu::stories::{run_sets, story_sets, Report, Score, StoryParts, StoryResult};

#[derive(Debug, Args)]
pub struct EvalStoriesArgs {
    /// The stories: `*.yaml` run on the knowledge directory, `<name>/*.yaml` on
    /// `<fixtures>/<name>/` or on the feed its `feed.yaml` names.
    #[arg(long, value_name = "DIR", default_value = "tests/stories")]
    pub dir: PathBuf,
    /// The catalogues of the story sub-folders.
    #[arg(long, value_name = "DIR", default_value = "tests/fixtures")]
    pub fixtures: PathBuf,
    /// Also write the report (every story's turns, replies and failures) as JSON here.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

pub fn eval(cli: &Cli, args: &EvalStoriesArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    let sets = story_sets(&args.dir, &config.knowledge_dir, &args.fixtures)?;
    let total: usize = sets
        .iter()
        .filter(|s| s.unavailable.is_none())
        .map(|s| s.stories())
        .sum();
    // The models as `serve` loads them: the languages' models route their messages.
    let models = kefu::start::Models::load(&config)?;
    let parts = StoryParts {
        nlu: models.nlu,
        embed: models.embed,
        multilingual: models.multilingual,
        responses: config.knowledge_dir.join("responses"),
        recommend: config.recommend.clone(),
        behavior: config.behavior.clone(),
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(total as u64);
        bar.set_style(
            ProgressStyle::with_template("stories {bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let mut done = 0;
    let mut progress = |r: &StoryResult| {
        done += 1;
        let mark = if r.passed { "pass" } else { "FAIL" };
        match &bar {
            Some(bar) => {
                bar.inc(1);
                bar.set_message(format!("{mark} {}", r.story));
            }
            None => eprintln!("[{done}/{total}] {mark} {}: {}", r.file, r.story),
        }
    };
    let runtime = tokio::runtime::Runtime::new()?;
    let report = runtime.block_on(run_sets(
        &parts,
        &sets,
        &config.knowledge_dir,
        &mut progress,
    ))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    print_report(&report);
    if let Some(path) = &args.json {
        let file =
            std::fs::File::create(path).with_context(|| format!("writing {}", path.display()))?;
        serde_json::to_writer_pretty(std::io::BufWriter::new(file), &report)?;
        println!("report written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn line(name: &str, s: &Score) -> String {
    format!(
        "{name:<22} conversations {:>3}/{:<3} {:>5.1} %   turns {:>3}/{:<3} {:>5.1} %",
        s.stories_passed,
        s.stories,
        100.0 * s.story_share(),
        s.turns_passed,
        s.turns,
        100.0 * s.turn_share()
    )
}

fn print_report(r: &Report) {
    println!("{}", line("all stories", &r.all));
    println!("{}", line("  required", &r.required));
    println!("{}", line("  open (known failing)", &r.open));
    for (set, s) in &r.by_set {
        println!("{}", line(&format!("  on {set}"), s));
    }
    for s in &r.skipped_sets {
        println!("  skipped: {} stories on {} ({})", s.stories, s.set, s.why);
    }
    if !r.by_kind.is_empty() {
        println!("\nfailure kind                turns  stories");
        let mut kinds: Vec<_> = r.by_kind.iter().collect();
        kinds.sort_by_key(|k| std::cmp::Reverse(k.1.turns));
        for (kind, n) in kinds {
            let name = kind.name();
            println!("{name:<27} {:>5}  {:>7}", n.turns, n.stories);
        }
    }
    if !r.regressions.is_empty() {
        println!("\nrequired stories that fail:");
        for s in &r.regressions {
            println!("  {s}");
        }
        for res in r.results.iter().filter(|s| s.open.is_none() && !s.passed) {
            for l in res.failure_lines() {
                println!("    {l}");
            }
        }
    }
    if !r.open_passing.is_empty() {
        println!("\nopen stories that pass now (remove their `open:` line):");
        for s in &r.open_passing {
            println!("  {s}");
        }
    }
}
