//! `kefu eval oos`: pick the out-of-scope threshold from CLINC150's off-topic queries
//! against the shop's own labelled messages.

use anyhow::{Context, Result};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use kefu::nlu::oos::{self, TopIntent, OUT_OF_SCOPE};
use kefu::nlu::{self, artifact, data, default_device, NluModel};

use super::Cli;

#[derive(Debug, Args)]
pub struct EvalOosArgs {
    /// CLINC150's data_full.json (its `oos_test` queries are the off-topic messages).
    #[arg(long, value_name = "FILE")]
    pub clinc: PathBuf,
    /// The shop's labelled messages; all but out_of_scope ones count as in scope.
    #[arg(long, value_name = "FILE", default_value = "knowledge/nlu/test.jsonl")]
    pub shop: PathBuf,
    /// The trained artifact folder (default: nlu.model_dir).
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Base encoder folder (default: model.base_dir).
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
    /// The largest share of shop messages the picked threshold may refuse.
    #[arg(long, default_value_t = 0.03)]
    pub max_refused: f64,
    /// Also write the sweep as JSON here, and its picture as an SVG beside it.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

pub fn eval(cli: &Cli, args: &EvalOosArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    nlu::set_compute_threads(config.nlu.threads);
    let model_dir = args.model.clone().unwrap_or(config.nlu.model_dir.clone());
    let base_dir = args.base.clone().unwrap_or(config.model.base_dir.clone());
    let (model, _) = artifact::load(&model_dir, &base_dir, &default_device(), 0.0, 1)?;

    let raw = std::fs::read_to_string(&args.clinc)
        .with_context(|| format!("reading {}", args.clinc.display()))?;
    let clinc: serde_json::Value = serde_json::from_str(&raw)
        .with_context(|| format!("{} is not JSON", args.clinc.display()))?;
    let off_topic: Vec<String> = clinc["oos_test"]
        .as_array()
        .context("no `oos_test` list: expected CLINC150's data_full.json")?
        .iter()
        .filter_map(|pair| pair[0].as_str().map(str::to_owned))
        .collect();
    let shop: Vec<String> = data::load(&args.shop)?
        .examples
        .into_iter()
        .filter(|e| e.intent != OUT_OF_SCOPE)
        .map(|e| e.text)
        .collect();

    let off = top_intents(&model, &off_topic, "off-topic")?;
    let inside = top_intents(&model, &shop, "shop")?;
    let points = oos::sweep(&off, &inside, &oos::default_thresholds());
    let picked = oos::pick(&points, args.max_refused);
    let shipped = config.nlu.threshold;
    let at_shipped = oos::sweep(&off, &inside, &[shipped])[0];

    println!(
        "{} off-topic (CLINC150 oos_test) and {} shop messages ({}), model {}",
        off.len(),
        inside.len(),
        args.shop.display(),
        model_dir.display()
    );
    println!("threshold  off-topic caught  shop refused");
    for p in &points {
        let flag = match picked {
            Some(k) if k.threshold == p.threshold => "  ← picked",
            _ => "",
        };
        println!(
            "  {:.2}        {:6.2}%        {:6.2}%{flag}",
            p.threshold,
            p.caught * 100.0,
            p.wrongly_refused * 100.0
        );
    }
    println!(
        "shipped nlu.threshold {:.2}: catches {:.2}% of off-topic messages, refuses {:.2}% of shop messages",
        shipped,
        at_shipped.caught * 100.0,
        at_shipped.wrongly_refused * 100.0
    );
    match picked {
        Some(p) => println!(
            "best within {:.1}% refused: {:.2} (catches {:.2}%, refuses {:.2}%)",
            args.max_refused * 100.0,
            p.threshold,
            p.caught * 100.0,
            p.wrongly_refused * 100.0
        ),
        None => println!(
            "no threshold refuses at most {:.1}% of shop messages",
            args.max_refused * 100.0
        ),
    }
    if let Some(json) = &args.json {
        let report = serde_json::json!({
            "model": model_dir.display().to_string(),
            "off_topic": off.len(),
            "shop": inside.len(),
            "max_refused": args.max_refused,
            "shipped": at_shipped,
            "picked": picked,
            "sweep": points,
        });
        std::fs::write(json, serde_json::to_string_pretty(&report)? + "\n")
            .with_context(|| format!("writing {}", json.display()))?;
        let svg = json.with_extension("svg");
        std::fs::write(
            &svg,
            oos::svg(&points, shipped, picked.map(|p| p.threshold)),
        )
        .with_context(|| format!("writing {}", svg.display()))?;
        println!("wrote {} and {}", json.display(), svg.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn top_intents(model: &NluModel, texts: &[String], what: &str) -> Result<Vec<TopIntent>> {
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    Ok(super::nlu::parse_all(model, &refs, what)?
        .into_iter()
        .map(|p| {
            let confidence = oos::scope_confidence(&p.ranking);
            TopIntent {
                intent: p.ranking[0].0.clone(),
                confidence,
            }
        })
        .collect())
}
