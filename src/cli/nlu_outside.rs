//! `kefu eval bitext`: the NLU on Bitext's customer-service messages, an outside test
//! written by other people (`kefu::nlu::outside` has the label mapping and the scoring).

use anyhow::{Context, Result};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kefu::nlu;
use kefu::nlu::outside::{self, Message, OutsideReport};

use super::Cli;

#[derive(Debug, Args)]
pub struct EvalBitextArgs {
    /// Bitext's customer-support CSV (columns instruction, intent, entity_type,
    /// entity_value, tags; the other columns are ignored).
    #[arg(long, value_name = "FILE")]
    pub csv: PathBuf,
    /// The trained artifact folder (default: nlu.model_dir).
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Base encoder folder (default: model.base_dir).
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
    /// Also write the report as JSON here, and its picture as an SVG beside it.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

pub fn eval(cli: &Cli, args: &EvalBitextArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    nlu::set_compute_threads(config.nlu.threads);
    let model_dir = args.model.clone().unwrap_or(config.nlu.model_dir.clone());
    let base_dir = args.base.clone().unwrap_or(config.model.base_dir.clone());
    let messages = read_csv(&args.csv)?;
    // The shipped threshold, so a refusal counts as the server would make it; the whole
    // ranking, so the sweep counts a top intent's family as the server does.
    let (model, _) = super::nlu::load_as_served(
        &config.nlu,
        &model_dir,
        &base_dir,
        config.nlu.threshold,
        usize::MAX,
        config.nlu.engine,
    )?;
    let texts: Vec<&str> = messages.iter().map(|m| m.text.as_str()).collect();
    let parses = super::nlu::parse_all(&model, &texts, "messages")?;
    let report = outside::score(&messages, &parses);
    println!(
        "{} Bitext messages ({}), model {} ({} member(s) run), nlu.threshold {:.2}",
        messages.len(),
        args.csv.display(),
        model_dir.display(),
        model.members(),
        config.nlu.threshold
    );
    print_report(&report);
    if let Some(json) = &args.json {
        let mut value = serde_json::to_value(&report)?;
        value["model"] = serde_json::json!(model_dir.display().to_string());
        value["data"] = serde_json::json!(args.csv.display().to_string());
        value["threshold"] = serde_json::json!(config.nlu.threshold);
        std::fs::write(json, serde_json::to_string_pretty(&value)? + "\n")
            .with_context(|| format!("writing {}", json.display()))?;
        let svg = json.with_extension("svg");
        std::fs::write(&svg, outside::svg(&report))
            .with_context(|| format!("writing {}", svg.display()))?;
        println!("wrote {} and {}", json.display(), svg.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn read_csv(path: &Path) -> Result<Vec<Message>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| {
        headers.iter().position(|h| h == name).with_context(|| {
            format!(
                "{} has no `{name}` column: expected Bitext's customer-support CSV",
                path.display()
            )
        })
    };
    let [text, intent, entity_type, entity_value, tags] = [
        column("instruction")?,
        column("intent")?,
        column("entity_type")?,
        column("entity_value")?,
        column("tags")?,
    ];
    let mut messages = Vec::new();
    for (k, row) in reader.records().enumerate() {
        let row = row.with_context(|| format!("{}: row {}", path.display(), k + 2))?;
        let field = |i: usize| row.get(i).unwrap_or_default().trim().to_string();
        messages.push(Message {
            text: field(text),
            intent: field(intent),
            entity_type: field(entity_type),
            entity_value: field(entity_value),
            tags: field(tags),
        });
    }
    anyhow::ensure!(!messages.is_empty(), "{} has no messages", path.display());
    Ok(messages)
}

fn pct(x: f64) -> String {
    format!("{:6.2}%", x * 100.0)
}

/// "cancel_order 89, add_to_cart 31, nlu_fallback 16"
fn top3(counts: &[(String, usize)]) -> String {
    counts
        .iter()
        .take(3)
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_report(r: &OutsideReport) {
    println!(
        "intents kefu has a counterpart for: {} messages, accuracy {} (macro {}), refused {}",
        r.accuracy.n,
        pct(r.accuracy.rate()),
        pct(r.macro_accuracy),
        pct(r.refused.rate())
    );
    println!("\nBitext intent               kefu intent(s)                 right  refused  n    read instead");
    for i in &r.intents {
        println!(
            "{:27} {:30} {} {:5}  {:4} {}",
            i.bitext,
            i.kefu.join(" / "),
            pct(i.correct.rate()),
            i.refused,
            i.correct.n,
            top3(&i.instead)
        );
    }
    println!("\nhad nlu.threshold been … (scored messages)");
    println!("  threshold    right  refused");
    for p in &r.sweep {
        println!(
            "  {:.2}      {} {}",
            p.threshold,
            pct(p.right),
            pct(p.refused)
        );
    }
    println!("\nby Bitext's linguistic tag (scored messages carrying it):");
    for (tag, share) in &r.by_tag {
        println!("  {:14} {} of {}", tag, pct(share.rate()), share.n);
    }
    println!("\nno kefu counterpart (what kefu did instead)   n    refused  handed over  read as");
    for u in &r.unscored {
        println!(
            "  {:42} {:4} {:7}  {:11}  {}",
            u.bitext,
            u.n,
            u.refused,
            u.handed_over,
            top3(&u.read_as)
        );
    }
    if r.unknown_intents > 0 {
        println!(
            "{} messages had an intent the mapping does not know (left out)",
            r.unknown_intents
        );
    }
    println!("\nentity        gold  predicted  right  precision  recall      F1");
    for s in &r.slots {
        println!(
            "  {:10} {:5} {:10} {:6}  {}  {} {}",
            s.slot,
            s.gold,
            s.predicted,
            s.correct,
            pct(s.precision),
            pct(s.recall),
            pct(s.f1)
        );
    }
}
