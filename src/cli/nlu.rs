//! `kefu train`, `kefu eval` and `kefu bench nlu`.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use kefu::nlu::{
    self, artifact, data, default_device, evaluate, predict_all, report, BaseModel, Labels,
    NluModel, TrainParams, Trainer,
};
use kefu::types::{Parse, Slot};

use super::Cli;

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training data: a JSONL or Rasa NLU YAML file, or a folder of them (default:
    /// <knowledge_dir>/nlu/train.jsonl). Accepted review corrections (review.jsonl beside
    /// a data file) are included.
    #[arg(long, value_name = "FILE|DIR")]
    pub data: Option<PathBuf>,
    /// Leave out review.jsonl even when it sits beside the data file.
    #[arg(long)]
    pub no_review: bool,
    /// Dev data for early stopping; without it a seeded share of --data is held out.
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Test data: scored once after training and recorded in meta.json (default:
    /// <knowledge_dir>/nlu/test.jsonl when it exists).
    #[arg(long, value_name = "FILE")]
    pub test: Option<PathBuf>,
    /// Base encoder checkpoint folder (default: model.base_dir).
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
    /// Where to write the artifact (default: <nlu.model_dir>.candidate, which `kefu serve`
    /// swaps in only if it is not worse than the serving model; see nlu.swap_policy).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub epochs: Option<usize>,
    #[arg(long)]
    pub batch_size: Option<usize>,
    #[arg(long)]
    pub learning_rate: Option<f64>,
    /// LoRA rank of the adapters.
    #[arg(long)]
    pub lora_rank: Option<usize>,
    /// Put adapters on the top N encoder layers.
    #[arg(long)]
    pub lora_layers: Option<usize>,
    #[arg(long)]
    pub seed: Option<u64>,
    /// Epochs without dev improvement before stopping.
    #[arg(long)]
    pub patience: Option<usize>,
    /// Dropout probability while training (0 turns it off).
    #[arg(long)]
    pub dropout: Option<f64>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct EvalArgs {
    /// Evaluate something other than the NLU.
    #[command(subcommand)]
    pub target: Option<EvalTarget>,
    /// The trained artifact folder (default: nlu.model_dir).
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Labelled data to score (JSONL or Rasa YAML).
    #[arg(long, value_name = "FILE", required = true)]
    pub data: Option<PathBuf>,
    /// Base encoder folder (default: model.base_dir).
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
    /// Also write the report as JSON here, and the confusion matrix as an SVG beside it.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Also write every example the model got wrong (intent or any slot) as JSONL here,
    /// gold beside predicted, to see what to fix in the data.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum EvalTarget {
    /// The recommender, offline: HR@10 and NDCG@10, leave-one-out, kefu's ranker against
    /// popularity and item-kNN (same as `kefu rec eval`).
    Rec(super::rec::EvalRecArgs),
    /// The out-of-scope threshold: CLINC150's off-topic queries caught against shop
    /// messages refused, over a sweep of thresholds.
    Oos(super::nlu_oos::EvalOosArgs),
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub target: BenchTarget,
}

#[derive(Debug, Subcommand)]
pub enum BenchTarget {
    /// NLU latency and throughput on 200 short shopping queries, at 1 and 2 threads.
    Nlu {
        /// A trained artifact; without one, untrained heads of the same shape are timed
        /// (the cost is the encoder's either way).
        #[arg(long, value_name = "DIR")]
        model: Option<PathBuf>,
        /// Write the numbers as JSON here.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
    },
}

pub fn train(cli: &Cli, args: &TrainArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    nlu::set_compute_threads(config.nlu.threads);
    let base_dir = args.base.clone().unwrap_or(config.model.base_dir.clone());
    let base = BaseModel::open(&base_dir)?;
    let mut params = TrainParams::default();
    if let Some(v) = args.epochs {
        params.epochs = v;
    }
    if let Some(v) = args.batch_size {
        params.batch_size = v;
    }
    if let Some(v) = args.dropout {
        params.dropout = v;
    }
    if let Some(v) = args.learning_rate {
        params.learning_rate = v;
    }
    if let Some(v) = args.lora_rank {
        params.lora.rank = v;
        params.lora.alpha = 2.0 * v as f64;
    }
    if let Some(v) = args.lora_layers {
        params.lora.layers = v;
    }
    if let Some(v) = args.seed {
        params.seed = v;
    }
    if let Some(v) = args.patience {
        params.patience = v;
    }
    let nlu_dir = config.knowledge_dir.join("nlu");
    let data_path = args
        .data
        .clone()
        .unwrap_or_else(|| nlu_dir.join("train.jsonl"));
    let files = if args.no_review {
        data::data_files(&data_path)?
    } else {
        data::training_files(&data_path)?
    };
    let all = data::load_many(&files)?;
    let test_path = args.test.clone().or_else(|| {
        let t = nlu_dir.join("test.jsonl");
        t.is_file().then_some(t)
    });
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| nlu::candidate_dir(&config.nlu.model_dir));
    eprintln!(
        "data: {}",
        files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (train, dev) = match &args.dev {
        Some(dev) => (all.examples.clone(), data::load(dev)?.examples),
        None => data::split(&all.examples, params.dev_fraction, params.seed),
    };
    let labels = Labels::from_examples(&train);
    eprintln!(
        "training on {} examples ({} intents, {} slot types), dev {} examples, base {}",
        train.len(),
        labels.intents.len(),
        labels.slots.len(),
        dev.len(),
        base.dir.display()
    );
    let started = Instant::now();
    let mut trainer = Trainer::new(&base, &default_device(), labels, params)?;
    let history = trainer.fit(&train, &dev, true)?;
    let train_seconds = started.elapsed().as_secs_f64();
    let dev_metrics = trainer.score(&dev)?;
    let test_metrics = match &test_path {
        Some(t) => {
            let test = data::load(t)?.examples;
            let parses = predict_all(&trainer.model, &test)?;
            Some(evaluate(&test, &parses).summary())
        }
        None => None,
    };
    let meta = artifact::save(
        &trainer,
        &out,
        artifact::SaveInfo {
            base: &base,
            data_sha256: all.sha256.clone(),
            data_files: all.files.iter().map(|f| f.display().to_string()).collect(),
            train_examples: train.len(),
            dev_examples: dev.len(),
            history,
            dev_metrics: Some(dev_metrics.clone()),
            test_metrics: test_metrics.clone(),
            train_seconds,
        },
    )?;
    println!(
        "wrote {} ({} trainable parameters) in {:.1} s",
        out.display(),
        meta.trainable_parameters,
        train_seconds
    );
    println!(
        "dev:  intent accuracy {:.2}%  slot F1 {:.2}%  sentence accuracy {:.2}%",
        dev_metrics.intent_accuracy * 100.0,
        dev_metrics.slot_f1 * 100.0,
        dev_metrics.sentence_accuracy * 100.0
    );
    if let Some(t) = &test_metrics {
        println!(
            "test: intent accuracy {:.2}%  slot F1 {:.2}%  sentence accuracy {:.2}%",
            t.intent_accuracy * 100.0,
            t.slot_f1 * 100.0,
            t.sentence_accuracy * 100.0
        );
    }
    // Before/after on the same test file, when a model is serving and this one waits.
    let serving = &config.nlu.model_dir;
    if let (Some(t), Some(after)) = (&test_path, &test_metrics) {
        if out != *serving && serving.join(artifact::META_FILE).is_file() {
            match score_model(serving, &base_dir, t) {
                Ok(before) => {
                    println!(
                        "\n{:<22}{:>10}{:>10}",
                        "on the test file", "before", "after"
                    );
                    for (name, b, a) in [
                        (
                            "intent accuracy",
                            before.intent_accuracy,
                            after.intent_accuracy,
                        ),
                        ("slot F1", before.slot_f1, after.slot_f1),
                        (
                            "sentence accuracy",
                            before.sentence_accuracy,
                            after.sentence_accuracy,
                        ),
                    ] {
                        println!("{name:<22}{:>9.2}%{:>9.2}%", b * 100.0, a * 100.0);
                    }
                }
                Err(e) => println!(
                    "\n(the serving model {} could not be scored: {e})",
                    serving.display()
                ),
            }
            println!(
                "`kefu serve` swaps it in at start if it is not worse (nlu.swap_policy = {:?}).",
                config.nlu.swap_policy
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Scores a trained artifact on a labelled file.
fn score_model(
    model_dir: &std::path::Path,
    base_dir: &std::path::Path,
    test: &std::path::Path,
) -> Result<nlu::Summary> {
    let (model, _) = artifact::load(model_dir, base_dir, &default_device(), 0.0, 3)?;
    let examples = data::load(test)?.examples;
    let parses = predict_all(&model, &examples)?;
    Ok(evaluate(&examples, &parses).summary())
}

pub fn eval(cli: &Cli, args: &EvalArgs) -> Result<ExitCode> {
    match &args.target {
        Some(EvalTarget::Rec(rec)) => return super::rec::eval(rec),
        Some(EvalTarget::Oos(oos)) => return super::nlu_oos::eval(cli, oos),
        None => {}
    }
    let Some(data_path) = &args.data else {
        anyhow::bail!("`kefu eval` needs --data <FILE> (or `kefu eval rec …` for the recommender)");
    };
    let config = cli.load_config(&[])?;
    nlu::set_compute_threads(config.nlu.threads);
    let model_dir = args.model.clone().unwrap_or(config.nlu.model_dir.clone());
    let base_dir = args.base.clone().unwrap_or(config.model.base_dir.clone());
    let (model, meta) = artifact::load(&model_dir, &base_dir, &default_device(), 0.0, 3)?;
    let examples = data::load(data_path)?.examples;
    let bar = ProgressBar::new(examples.len() as u64);
    bar.set_style(ProgressStyle::with_template(
        "{bar:30} {pos}/{len} parsed ({eta})",
    )?);
    let mut parses = Vec::with_capacity(examples.len());
    for chunk in examples.chunks(64) {
        let texts: Vec<&str> = chunk.iter().map(|e| e.text.as_str()).collect();
        parses.extend(model.parse_batch(&texts)?);
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    let rep = evaluate(&examples, &parses);
    println!(
        "model {} (base {}, trained on data {})",
        model_dir.display(),
        meta.base_id,
        &meta.data_sha256[..12]
    );
    print!("{}", report::text(&rep));
    match nlu::training_data_is_current(&model_dir)? {
        Some(true) => println!(
            "\ntraining data {}: unchanged since training",
            meta.data_files.join(", ")
        ),
        Some(false) => println!(
            "\ntraining data {}: changed since training (retrain with `kefu train`)",
            meta.data_files.join(", ")
        ),
        None => {}
    }
    if let Some(json) = &args.json {
        let mut value = serde_json::to_value(&rep)?;
        value["model"] = serde_json::json!(model_dir.display().to_string());
        value["data"] = serde_json::json!(data_path.display().to_string());
        std::fs::write(json, serde_json::to_string_pretty(&value)? + "\n")
            .with_context(|| format!("writing {}", json.display()))?;
        let svg = json.with_extension("svg");
        std::fs::write(&svg, report::confusion_svg(&rep))
            .with_context(|| format!("writing {}", svg.display()))?;
        println!("wrote {} and {}", json.display(), svg.display());
    }
    if let Some(path) = &args.errors {
        let wrong = write_errors(path, &examples, &parses)?;
        println!("wrote {wrong} mistaken examples to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// One JSON line per example whose intent or slot set differs from the gold labels.
fn write_errors(path: &Path, gold: &[data::Example], parses: &[Parse]) -> Result<usize> {
    let key = |s: &Slot| (s.slot.clone(), s.start, s.end);
    let mut out = String::new();
    let mut wrong = 0;
    for (g, p) in gold.iter().zip(parses) {
        let mut gold_slots: Vec<_> = g.slots.iter().map(key).collect();
        let mut pred_slots: Vec<_> = p.slots.iter().map(key).collect();
        gold_slots.sort();
        pred_slots.sort();
        if g.intent == p.intent && gold_slots == pred_slots {
            continue;
        }
        wrong += 1;
        let line = serde_json::json!({
            "source": g.source,
            "text": g.text,
            "gold": {"intent": g.intent, "slots": g.slots},
            "pred": {"intent": p.intent, "confidence": p.confidence, "slots": p.slots},
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))?;
    Ok(wrong)
}

/// 200 short shopping queries, one a line (benches/nlu_queries.txt).
const BENCH_QUERIES: &str = include_str!("../../benches/nlu_queries.txt");

pub fn bench(cli: &Cli, args: &BenchArgs) -> Result<ExitCode> {
    let BenchTarget::Nlu { model, json } = &args.target;
    let config = cli.load_config(&[])?;
    let base_dir = config.model.base_dir.clone();
    let queries: Vec<&str> = BENCH_QUERIES
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    if queries.is_empty() {
        bail!("no benchmark queries");
    }
    // Threads are switched per run below; start from 1 so the pool is not pinned larger.
    nlu::set_compute_threads(1);
    let model: NluModel = match model {
        Some(dir) => artifact::load(dir, &base_dir, &default_device(), 0.0, 3)?.0,
        None => {
            let base = BaseModel::open(&base_dir)?;
            let labels = Labels {
                intents: (0..12).map(|i| format!("intent_{i}")).collect(),
                slots: (0..8).map(|i| format!("slot_{i}")).collect(),
            };
            Trainer::new(&base, &default_device(), labels, TrainParams::default())?.model
        }
    };
    // Warm up (allocations, caches).
    model.parse_batch(&queries[..8])?;
    let mut rows = Vec::new();
    for threads in [1usize, 2] {
        std::env::set_var("RAYON_NUM_THREADS", threads.to_string());
        let mut lat = Vec::with_capacity(queries.len());
        for q in &queries {
            let t = Instant::now();
            model.parse(q)?;
            lat.push(t.elapsed().as_secs_f64() * 1e3);
        }
        lat.sort_by(f64::total_cmp);
        let p50 = lat[lat.len() / 2];
        let p99 = lat[((lat.len() as f64 * 0.99) as usize).min(lat.len() - 1)];
        let mut tput = Vec::new();
        for bs in [8usize, 32] {
            let t = Instant::now();
            for chunk in queries.chunks(bs) {
                model.parse_batch(chunk)?;
            }
            tput.push(queries.len() as f64 / t.elapsed().as_secs_f64());
        }
        rows.push((threads, p50, p99, tput[0], tput[1]));
    }
    let baseline = 1000.0 / rows[0].1; // queries/s of batch 1 at p50, 1 thread
    println!(
        "kefu bench nlu: {} queries, base {}",
        queries.len(),
        base_dir.display()
    );
    println!("threads  batch-1 p50 ms  p99 ms  batch-8 q/s  batch-32 q/s  (×batch-1@1 thread)");
    for (threads, p50, p99, t8, t32) in &rows {
        println!(
            "{threads:7}  {p50:14.2}  {p99:6.2}  {t8:11.1}  {t32:12.1}  ({:.2}× / {:.2}×)",
            t8 / baseline,
            t32 / baseline
        );
    }
    if let Some(path) = json {
        let v: Vec<_> = rows
            .iter()
            .map(|(threads, p50, p99, t8, t32)| {
                serde_json::json!({"threads": threads, "batch1_p50_ms": p50, "batch1_p99_ms": p99,
                    "batch8_qps": t8, "batch32_qps": t32})
            })
            .collect();
        std::fs::write(path, serde_json::to_string_pretty(&v)? + "\n")?;
    }
    Ok(ExitCode::SUCCESS)
}
