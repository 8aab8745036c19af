//! `kefu eval oos`: pick the out-of-scope threshold from CLINC150's off-topic queries
//! against the shop's own labelled messages.

use anyhow::{Context, Result};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use kefu::nlu::oos::{self, TopIntent, OUT_OF_SCOPE};
use kefu::nlu::outside;
use kefu::nlu::{self, data, NluModel};

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
    /// Bitext's customer-support CSV: its messages kefu has an intent for (`kefu eval
    /// bitext`) are shop messages written by other people, a second set the picked
    /// threshold must not refuse more of than --max-refused.
    #[arg(long, value_name = "FILE")]
    pub bitext: Option<PathBuf>,
    /// The largest share of shop messages the picked threshold may refuse (on each set).
    #[arg(long, default_value_t = 0.03)]
    pub max_refused: f64,
    /// Generated keyboard mashes to measure the nonsense check on (0: none).
    #[arg(long, default_value_t = 1000)]
    pub mashes: usize,
    /// Seed of the generated mashes.
    #[arg(long, default_value_t = 7)]
    pub mash_seed: u64,
    /// Also write the sweep as JSON here, and its picture as an SVG beside it.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

pub fn eval(cli: &Cli, args: &EvalOosArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    nlu::set_compute_threads(config.nlu.threads);
    let model_dir = args.model.clone().unwrap_or(config.nlu.model_dir.clone());
    let base_dir = args.base.clone().unwrap_or(config.model.base_dir.clone());
    // The whole ranking, so a top intent's family is counted as the server counts it
    // (a ranking cut to one intent drops refine_search's share from a search's confidence).
    let (model, _) = super::nlu::load_as_served(
        &config.nlu,
        &model_dir,
        &base_dir,
        0.0,
        usize::MAX,
        config.nlu.engine,
    )?;

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

    let outside: Option<Vec<String>> = match &args.bitext {
        Some(csv) => Some(
            super::nlu_outside::read_csv(csv)?
                .into_iter()
                .filter(|m| outside::expected(&m.intent).is_some_and(|k| !k.is_empty()))
                .map(|m| m.text)
                .collect(),
        ),
        None => None,
    };

    let mashes = kefu::nlu::nonsense::keyboard_mashes(args.mashes, args.mash_seed);
    let mash_tops = top_intents(&model, &mashes, "keyboard mashes")?;
    let off = top_intents(&model, &off_topic, "off-topic")?;
    let inside = top_intents(&model, &shop, "shop")?;
    let thresholds = oos::default_thresholds();
    let points = oos::sweep(&off, &inside, &thresholds);
    let outside_tops = match &outside {
        Some(texts) => Some(top_intents(&model, texts, "Bitext")?),
        None => None,
    };
    let outside_points = outside_tops
        .as_ref()
        .map(|tops| oos::sweep(&off, tops, &thresholds));
    let picked = match &outside_points {
        Some(o) => oos::pick(&oos::worst_of(&points, o), args.max_refused),
        None => oos::pick(&points, args.max_refused),
    };
    let shipped = config.nlu.threshold;
    let at_shipped = oos::sweep(&off, &inside, &[shipped])[0];
    let outside_at_shipped = outside_tops
        .as_ref()
        .map(|tops| oos::sweep(&off, tops, &[shipped])[0]);

    println!(
        "{} off-topic (CLINC150 oos_test) and {} shop messages ({}), model {}",
        off.len(),
        inside.len(),
        args.shop.display(),
        model_dir.display()
    );
    if let Some(texts) = &outside {
        println!(
            "and {} Bitext messages kefu has an intent for ({})",
            texts.len(),
            args.bitext
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        );
    }
    let outside_header = if outside_points.is_some() {
        "  Bitext refused"
    } else {
        ""
    };
    println!("threshold  off-topic caught  shop refused{outside_header}");
    for (k, p) in points.iter().enumerate() {
        let flag = match picked {
            Some(k) if k.threshold == p.threshold => "  ← picked",
            _ => "",
        };
        let outside_column = match &outside_points {
            Some(o) => format!("     {:6.2}%", o[k].wrongly_refused * 100.0),
            None => String::new(),
        };
        println!(
            "  {:.2}        {:6.2}%        {:6.2}%{outside_column}{flag}",
            p.threshold,
            p.caught * 100.0,
            p.wrongly_refused * 100.0
        );
    }
    let outside_refused = match outside_at_shipped {
        Some(o) => format!(" and {:.2}% of Bitext's", o.wrongly_refused * 100.0),
        None => String::new(),
    };
    println!(
        "shipped nlu.threshold {:.2}: catches {:.2}% of off-topic messages, refuses {:.2}% of shop messages{outside_refused}",
        shipped,
        at_shipped.caught * 100.0,
        at_shipped.wrongly_refused * 100.0
    );
    let sets = if outside_points.is_some() {
        " of each shop set"
    } else {
        ""
    };
    // What the nonsense check adds at the shipped threshold, on each set.
    let (mash_with, mash_without) = refused_share(&mash_tops, shipped);
    let (off_with, off_without) = refused_share(&off, shipped);
    let (shop_with, shop_without) = refused_share(&inside, shipped);
    println!(
        "nonsense check at {:.2} (refused with it / without): {} keyboard mashes {:.2}% / {:.2}%, \
         off-topic {:.2}% / {:.2}%, shop {:.2}% / {:.2}%{}",
        shipped,
        mash_tops.len(),
        mash_with * 100.0,
        mash_without * 100.0,
        off_with * 100.0,
        off_without * 100.0,
        shop_with * 100.0,
        shop_without * 100.0,
        match &outside_tops {
            Some(tops) => {
                let (w, wo) = refused_share(tops, shipped);
                format!(", Bitext {:.2}% / {:.2}%", w * 100.0, wo * 100.0)
            }
            None => String::new(),
        }
    );
    match picked {
        // with two sets the picked point's share refused is the larger of the two
        Some(p) => println!(
            "best within {:.1}% refused{sets}: {:.2} (catches {:.2}%, refuses at most {:.2}%)",
            args.max_refused * 100.0,
            p.threshold,
            p.caught * 100.0,
            p.wrongly_refused * 100.0
        ),
        None => println!(
            "no threshold refuses at most {:.1}% of shop messages{sets}",
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
            "bitext": args.bitext.as_ref().map(|p| p.display().to_string()),
            "bitext_sweep": outside_points,
            "bitext_shipped": outside_at_shipped,
            "mashes": mash_tops.len(),
            "mashes_refused": mash_with,
            "mashes_refused_without_nonsense_check": mash_without,
        });
        std::fs::write(json, serde_json::to_string_pretty(&report)? + "\n")
            .with_context(|| format!("writing {}", json.display()))?;
        let svg = json.with_extension("svg");
        std::fs::write(
            &svg,
            oos::svg(
                &points,
                outside_points.as_deref(),
                shipped,
                picked.map(|p| p.threshold),
            ),
        )
        .with_context(|| format!("writing {}", svg.display()))?;
        println!("wrote {} and {}", json.display(), svg.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Each text's top intent, and whether the nonsense check refuses it.
fn top_intents(model: &NluModel, texts: &[String], what: &str) -> Result<Vec<TopIntent>> {
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let parses = super::nlu::parse_all(model, &refs, what)?;
    let mut out = Vec::with_capacity(parses.len());
    for (text, parse) in texts.iter().zip(&parses) {
        if let Some(mut top) = TopIntent::of(parse) {
            top.nonsense = model.fragmentation(text)?.is_nonsense(top.confidence);
            out.push(top);
        }
    }
    Ok(out)
}

/// Share of `tops` refused at `threshold`, with the nonsense check and without it.
fn refused_share(tops: &[TopIntent], threshold: f32) -> (f64, f64) {
    let n = tops.len().max(1) as f64;
    let share = |refused: fn(&TopIntent, f32) -> bool| {
        tops.iter().filter(|t| refused(t, threshold)).count() as f64 / n
    };
    (
        share(TopIntent::refused_at),
        share(TopIntent::refused_by_threshold),
    )
}
