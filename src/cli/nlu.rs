//! `kefu train` and `kefu bench nlu` (`kefu eval` is nlu_eval.rs).

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use kefu::nlu::distil::Teacher;
use kefu::nlu::warm_start::WarmStart;
use kefu::nlu::{
    self, artifact, data, default_device, ensemble, evaluate, predict_all, warm_start, BaseModel,
    Engine, Labels, NluModel, TrainParams, Trainer,
};
use kefu::types::Parse;

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
    /// Epochs at most (default: 20, or fewer where 20 would pass 5,000 optimizer steps, as on
    /// data larger than the shop's; early stopping may end sooner). Given, it is run as asked.
    #[arg(long)]
    pub epochs: Option<usize>,
    #[arg(long)]
    pub batch_size: Option<usize>,
    #[arg(long)]
    pub learning_rate: Option<f64>,
    /// LoRA rank of the adapters.
    #[arg(long)]
    pub lora_rank: Option<usize>,
    /// Put adapters on the top N encoder layers (default 6, all of MiniLM-L6's; 4 trains
    /// in about a third of the time for a little less slot F1).
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
    /// Chance, per example and epoch, of showing it with its product / brand / material /
    /// colour words swapped for random words, so the model learns to find names it has
    /// never seen from their context (0 turns it off).
    #[arg(long, value_name = "P")]
    pub name_noise: Option<f64>,
    /// Batch sentences of similar length together: far less padding, faster epochs. The
    /// default since December 7; kept so older commands run as written.
    #[arg(long, conflicts_with = "random_batches")]
    pub group_by_length: bool,
    /// Batches drawn at random, as before length grouping became the default (about 1.8×
    /// slower epochs, the same scores).
    #[arg(long)]
    pub random_batches: bool,
    /// Keep an exponential moving average of the weights with this decay (0.999, say) and
    /// score, keep and ship the averaged weights: a smoother single model (0 turns it off).
    #[arg(long, value_name = "DECAY")]
    pub ema: Option<f64>,
    /// Train this many models, with seeds --seed, --seed + 1, …, and pack them into one
    /// that averages them (`kefu ensemble`): more accurate, one encoder pass per member.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub members: u64,
    /// Continue the model at DIR on the current data instead of starting afresh: each member
    /// starts from its weights and keeps its recipe (seed, LoRA shape, batching, dropout);
    /// --epochs (default 4), --learning-rate (default 0.001) and --patience apply. The data's
    /// intents and slot types must be the model's. An ensemble comes back an ensemble.
    #[arg(long, value_name = "DIR", conflicts_with_all = [
        "members", "seed", "lora_rank", "lora_layers", "batch_size", "dropout", "name_noise",
        "group_by_length", "random_batches", "ema",
    ])]
    pub from: Option<PathBuf>,
    /// With --from: continue only member K of it (1 is the first), into a single model, so
    /// members can train side by side in separate processes and be packed with `kefu ensemble`.
    #[arg(long, value_name = "K", requires = "from")]
    pub from_member: Option<usize>,
    /// Distil: train towards the parses of the model at DIR (an ensemble, typically) as
    /// well as the gold labels, so one encoder pass learns what its members agree on.
    /// Its intents and slot types must be the data's.
    #[arg(long, value_name = "DIR")]
    pub distil_from: Option<PathBuf>,
    /// With --distil-from: the teacher's share of the loss (the gold labels get the rest).
    #[arg(
        long,
        value_name = "W",
        default_value_t = 0.5,
        requires = "distil_from"
    )]
    pub distil_weight: f64,
    /// With --distil-from: this many altered copies of each training sentence (a word
    /// dropped, swapped or replaced) that only the teacher labels, so the student learns
    /// how the teacher reads sentences it was not trained on.
    #[arg(long, value_name = "N", default_value_t = 0, requires = "distil_from")]
    pub distil_variants: usize,
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
    /// The forward pass: fast (default: nlu.engine) or reference (candle).
    #[arg(long, value_name = "ENGINE")]
    pub engine: Option<Engine>,
    /// Also write every example the model got wrong (intent or any slot) as JSONL here,
    /// gold beside predicted, to see what to fix in the data.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Write these scores into the model's meta.json as its test metrics: for when the
    /// decoding or the test file changed after training (the shipped-model test holds the
    /// recorded figures to what the model really gets).
    #[arg(long)]
    pub record: bool,
    /// The shop's vocabulary to apply (default: nlu.vocabulary); the report also gives the
    /// model's scores without it.
    #[arg(long, value_name = "FILE", conflicts_with = "no_vocabulary")]
    pub vocabulary: Option<PathBuf>,
    /// Score the model alone, without the shop's vocabulary.
    #[arg(long)]
    pub no_vocabulary: bool,
}

#[derive(Debug, Subcommand)]
pub enum EvalTarget {
    /// The recommender, offline: HR@10 and NDCG@10, leave-one-out, kefu's ranker against
    /// popularity and item-kNN (same as `kefu rec eval`).
    Rec(super::rec::EvalRecArgs),
    /// The out-of-scope threshold: CLINC150's off-topic queries caught against shop
    /// messages refused, over a sweep of thresholds.
    Oos(super::nlu_oos::EvalOosArgs),
    /// An outside test: Bitext's customer-service messages (written by another company,
    /// typos and slang tagged), intents mapped to kefu's, order ids and destinations.
    Bitext(super::nlu_outside::EvalBitextArgs),
    /// Product search on a judged query set (eval/search/): the plain name box, lexical,
    /// semantic and fused side by side; P@5, nDCG@10, recall@50, right-list rate, latency.
    Search(super::search_eval::EvalSearchArgs),
    /// The conversation stories (tests/stories/) against the real dialogue: the share of
    /// conversations and of turns that pass, per catalogue and per failure kind.
    Stories(super::stories_eval::EvalStoriesArgs),
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub target: BenchTarget,
}

#[derive(Debug, Subcommand)]
pub enum BenchTarget {
    /// NLU latency and throughput on 200 short shopping queries, at 1 and 2 threads, side
    /// by side with ONNX Runtime when `sh benches/onnx/setup.sh` has set it up.
    Nlu {
        /// A trained artifact; without one, untrained heads of the same shape are timed
        /// (the cost is the encoder's either way).
        #[arg(long, value_name = "DIR")]
        model: Option<PathBuf>,
        /// Write the numbers as JSON here.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// Rounds per thread count (kefu and ONNX Runtime alternate); the best is reported.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Also time the candle reference forward pass.
        #[arg(long)]
        reference: bool,
        /// Also time the fast engine with f32 weights (nlu.engine = "fast"; the main row is
        /// the default, "fast-bf16").
        #[arg(long)]
        f32: bool,
        /// Queries, one a line (default: benches/nlu_queries.txt; Chinese ones are in
        /// benches/nlu_queries_zh.txt).
        #[arg(long, value_name = "FILE")]
        queries: Option<PathBuf>,
    },
    /// Resident memory of a running server holding N idle sockets, and after they close
    /// (scripts/socket_memory.sh starts a server for it).
    Sockets(super::bench_sockets::SocketsArgs),
    /// Whole chat turns over real sockets at a fixed arrival rate (a server started in this
    /// process): latency p50/p90/p99/max, throughput, time per stage; `--saturate` finds
    /// the highest rate whose p99 stays under 50 ms.
    Chat(super::bench_chat::ChatBenchArgs),
}

pub fn train(cli: &Cli, args: &TrainArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    nlu::set_compute_threads(config.nlu.threads);
    let base_dir = args.base.clone().unwrap_or(config.model.base_dir.clone());
    let base = BaseModel::open(&base_dir)?;
    let mut params = TrainParams::default();
    if let Some(v) = args.epochs {
        // Epochs asked for are run: the step budget is the default recipe's.
        params.epochs = v;
        params.max_steps = 0;
    }
    if let Some(v) = args.batch_size {
        params.batch_size = v;
    }
    if let Some(v) = args.dropout {
        params.dropout = v;
    }
    if let Some(v) = args.name_noise {
        params.name_noise = v;
    }
    if args.random_batches {
        params.group_by_length = false;
    }
    if let Some(v) = args.ema {
        params.ema = v;
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
    let jobs = member_jobs(args, &base, &params)?;
    let member = |job: &MemberJob, out: &Path| {
        train_member(args, &base, &all, test_path.as_deref(), job, out)
    };
    let test_metrics = if let [job] = jobs.as_slice() {
        member(job, &out)?
    } else {
        let staged = sibling(&out, "members");
        let mut dirs = Vec::new();
        for (k, job) in jobs.iter().enumerate() {
            println!(
                "\nmember {} of {} (seed {})",
                k + 1,
                jobs.len(),
                job.params.seed
            );
            let dir = staged.join(format!("member-{}-seed-{}", k + 1, job.params.seed));
            member(job, &dir)?;
            dirs.push(dir);
        }
        let packed = sibling(&out, "packed");
        if packed.exists() {
            std::fs::remove_dir_all(&packed)?;
        }
        ensemble::combine(&dirs, &packed)?;
        let scores = match &test_path {
            Some(t) => Some(score_and_record(&packed, &base_dir, t)?),
            None => None,
        };
        if out.exists() {
            std::fs::remove_dir_all(&out)?;
        }
        std::fs::rename(&packed, &out)?;
        std::fs::remove_dir_all(&staged)?;
        println!(
            "\nwrote {} (an ensemble of {} members)",
            out.display(),
            jobs.len()
        );
        if let Some(t) = &scores {
            print_scores("test:", t);
        }
        scores
    };
    // Before/after on the same test file, when a model is serving and this one waits.
    let serving = &config.nlu.model_dir;
    // Only a model on the serving model's base can replace it (another base is another
    // language's model, or a different encoder): no before/after for those.
    let base_of = |dir: &Path| nlu::ArtifactMeta::read(dir).ok().map(|m| m.base_sha256);
    let same_base = base_of(serving).is_some() && base_of(&out) == base_of(serving);
    if let (Some(t), Some(after)) = (&test_path, &test_metrics) {
        if out != *serving && same_base {
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
            if out == nlu::candidate_dir(serving) {
                println!(
                    "`kefu serve` swaps it in at start if it is not worse (nlu.swap_policy = {:?}).",
                    config.nlu.swap_policy
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line of scores: `label` then intent accuracy, slot F1 and sentence accuracy.
fn print_scores(label: &str, s: &nlu::Summary) {
    println!(
        "{label:<5} intent accuracy {:.2}%  slot F1 {:.2}%  sentence accuracy {:.2}%",
        s.intent_accuracy * 100.0,
        s.slot_f1 * 100.0,
        s.sentence_accuracy * 100.0
    );
}

/// `<out>.<what>` beside `out`, for work that is renamed into place once whole.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "model".into(), |n| n.to_string_lossy());
    out.with_file_name(format!("{name}.{what}"))
}

/// One model to train: its recipe, and the trained member it continues, if any.
struct MemberJob {
    params: TrainParams,
    warm: Option<WarmStart>,
}

/// The models `kefu train` makes: --members seeds from `params`, or every member (or the
/// one --from-member names) of the --from model, with its own recipe.
fn member_jobs(args: &TrainArgs, base: &BaseModel, params: &TrainParams) -> Result<Vec<MemberJob>> {
    let Some(from) = &args.from else {
        if args.members == 0 {
            bail!("--members must be 1 or more");
        }
        return Ok((0..args.members)
            .map(|k| MemberJob {
                params: TrainParams {
                    seed: params.seed + k,
                    ..params.clone()
                },
                warm: None,
            })
            .collect());
    };
    let mut members = warm_start::members(from, base)?;
    if let Some(k) = args.from_member {
        if k == 0 || k > members.len() {
            bail!(
                "--from-member {k}: {} has members 1 to {}",
                from.display(),
                members.len()
            );
        }
        members = vec![members.swap_remove(k - 1)];
    }
    Ok(members
        .into_iter()
        .map(|warm| MemberJob {
            params: TrainParams {
                epochs: args.epochs.unwrap_or(warm_start::EPOCHS),
                learning_rate: args.learning_rate.unwrap_or(warm_start::LEARNING_RATE),
                patience: args.patience.unwrap_or(warm.params.patience),
                ..warm.params.clone()
            },
            warm: Some(warm),
        })
        .collect())
}

/// Trains the model `job` describes and writes its artifact at `out`; its test scores.
fn train_member(
    args: &TrainArgs,
    base: &BaseModel,
    all: &data::Dataset,
    test_path: Option<&Path>,
    job: &MemberJob,
    out: &Path,
) -> Result<Option<nlu::Summary>> {
    let params = job.params.clone();
    let (train, dev) = match &args.dev {
        Some(dev) => (all.examples.clone(), data::load(dev)?.examples),
        None => data::split(&all.examples, params.dev_fraction, params.seed),
    };
    // Labels from train and dev together: a pairing of intent and slot seen only in dev
    // would otherwise be forbidden to the decoder.
    let labelled: Vec<_> = train.iter().chain(&dev).cloned().collect();
    let labels = Labels::from_examples(&labelled);
    eprintln!(
        "training on {} examples ({} intents, {} slot types), dev {} examples, base {}",
        train.len(),
        labels.intents.len(),
        labels.slots.len(),
        dev.len(),
        base.dir.display()
    );
    let started = Instant::now();
    let mut trainer = Trainer::new(base, &default_device(), labels, params)?;
    if let Some(warm) = &job.warm {
        trainer.start_from(warm)?;
        eprintln!(
            "continuing from {} ({} epochs before, on data {})",
            warm.adapter.display(),
            warm.from.epochs,
            &warm.from.data_sha256[..12.min(warm.from.data_sha256.len())]
        );
    }
    let distilled_from = match &args.distil_from {
        Some(dir) => {
            let (teacher, meta) = artifact::load(dir, &base.dir, &default_device(), 0.0, 3)?;
            let from = artifact::DistilledFrom {
                model: dir.display().to_string(),
                adapter_sha256: meta.adapter_sha256.clone(),
                members: teacher.members(),
                weight: args.distil_weight,
            };
            eprintln!(
                "distilling from {} ({} member(s)), teacher's share of the loss {}",
                dir.display(),
                from.members,
                from.weight
            );
            trainer.distil_from(
                Teacher::new(teacher, args.distil_weight)?,
                args.distil_variants,
            )?;
            Some(from)
        }
        None => None,
    };
    let history = trainer.fit(&train, &dev, true)?;
    let train_seconds = started.elapsed().as_secs_f64();
    let dev_metrics = trainer.score(&dev)?;
    let test_metrics = match test_path {
        Some(t) => {
            let test = data::load(t)?.examples;
            let parses = predict_all(&trainer.model, &test)?;
            Some(evaluate(&test, &parses).summary())
        }
        None => None,
    };
    let mut meta = artifact::save(
        &trainer,
        out,
        artifact::SaveInfo {
            base,
            data_sha256: all.sha256.clone(),
            data_files: all.files.iter().map(|f| f.display().to_string()).collect(),
            train_examples: train.len(),
            dev_examples: dev.len(),
            history,
            dev_metrics: Some(dev_metrics.clone()),
            test_metrics: test_metrics.clone(),
            train_seconds,
            started_from: job.warm.as_ref().map(|w| w.from.clone()),
        },
    )?;
    if distilled_from.is_some() {
        meta.distilled_from = distilled_from;
        meta.write(out)?;
    }
    println!(
        "wrote {} ({} trainable parameters) in {:.1} s",
        out.display(),
        meta.trainable_parameters,
        train_seconds
    );
    print_scores("dev:", &dev_metrics);
    if let Some(t) = &test_metrics {
        print_scores("test:", t);
    }
    Ok(test_metrics)
}

/// Scores the artifact at `dir` on `test` and records the scores in its meta.json.
pub(super) fn score_and_record(dir: &Path, base_dir: &Path, test: &Path) -> Result<nlu::Summary> {
    let scores = score_model(dir, base_dir, test)?;
    let mut meta = artifact::ArtifactMeta::read(dir)?;
    meta.test_metrics = Some(scores.clone());
    meta.write(dir)?;
    Ok(scores)
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

/// The artifact at `model_dir` as `serve` runs it: the first `nlu.members` of its members,
/// on `engine` (`load` packs the default engine, so only another one is packed again).
pub(super) fn load_as_served(
    nlu_config: &nlu::NluConfig,
    model_dir: &Path,
    base_dir: &Path,
    threshold: f32,
    ranking_size: usize,
    engine: Engine,
) -> Result<(NluModel, artifact::ArtifactMeta)> {
    let (mut model, meta) = artifact::load_members(
        model_dir,
        base_dir,
        &default_device(),
        threshold,
        ranking_size,
        nlu_config.members,
    )?;
    if model.engine() == engine {
        model.set_threads(nlu_config.threads);
    } else if default_device().is_cpu() {
        model.set_engine(engine, nlu_config.threads)?;
    }
    model.use_vocabulary(&nlu_config.vocabulary)?;
    Ok((model, meta))
}

/// Parses `texts` in batches of 64 behind a progress bar (`what` names them on it).
pub(super) fn parse_all(model: &NluModel, texts: &[&str], what: &str) -> Result<Vec<Parse>> {
    let bar = ProgressBar::new(texts.len() as u64);
    bar.set_style(ProgressStyle::with_template(&format!(
        "{{bar:30}} {{pos}}/{{len}} {what} parsed ({{eta}})"
    ))?);
    let mut parses = Vec::with_capacity(texts.len());
    for chunk in texts.chunks(64) {
        parses.extend(model.parse_batch(chunk)?);
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    Ok(parses)
}

/// 200 short shopping queries, one a line (benches/nlu_queries.txt).
const BENCH_QUERIES: &str = include_str!("../../benches/nlu_queries.txt");
const BENCH_QUERIES_PATH: &str = "benches/nlu_queries.txt";
/// Where `benches/onnx/setup.sh` puts the Python environment and the ONNX graphs.
const ONNX_DIR: &str = "target/onnx";

/// One side's numbers at one thread count (the best of the rounds).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct BenchRow {
    b1_p50_ms: f64,
    b1_p99_ms: f64,
    b8_qps: f64,
    b32_qps: f64,
}

impl BenchRow {
    /// Lowest latencies and highest throughputs of two rounds.
    fn best(self, other: Self) -> Self {
        Self {
            b1_p50_ms: self.b1_p50_ms.min(other.b1_p50_ms),
            b1_p99_ms: self.b1_p99_ms.min(other.b1_p99_ms),
            b8_qps: self.b8_qps.max(other.b8_qps),
            b32_qps: self.b32_qps.max(other.b32_qps),
        }
    }
}

fn engine_name(e: Engine) -> &'static str {
    match e {
        Engine::Fast => "fast",
        Engine::FastBf16 => "fast-bf16",
        Engine::Reference => "reference",
    }
}

/// The rows `--reference` and `--f32` add.
#[derive(Default)]
struct Extra {
    reference: Option<BenchRow>,
    f32: Option<BenchRow>,
}

/// Full parses (tokenize, encode, heads, decode), as a chat turn pays for them.
fn bench_kefu(model: &NluModel, queries: &[&str]) -> Result<BenchRow> {
    for q in &queries[..16] {
        model.parse(q)?;
    }
    model.parse_batch(&queries[..32])?;
    let mut lat = Vec::with_capacity(queries.len());
    for q in queries {
        let t = Instant::now();
        model.parse(q)?;
        lat.push(t.elapsed().as_secs_f64() * 1e3);
    }
    lat.sort_by(f64::total_cmp);
    let mut qps = [0.0; 2];
    for (i, bs) in [8usize, 32].into_iter().enumerate() {
        let t = Instant::now();
        for chunk in queries.chunks(bs) {
            model.parse_batch(chunk)?;
        }
        qps[i] = queries.len() as f64 / t.elapsed().as_secs_f64();
    }
    Ok(BenchRow {
        b1_p50_ms: lat[lat.len() / 2],
        b1_p99_ms: lat[((lat.len() as f64 * 0.99) as usize).min(lat.len() - 1)],
        b8_qps: qps[0],
        b32_qps: qps[1],
    })
}

/// The ONNX Runtime side: the venv's Python, and the graph exported for this model.
struct OnnxSide {
    python: PathBuf,
    graph: PathBuf,
    tokenizer: PathBuf,
}

impl OnnxSide {
    /// None (with the reason) when the environment is not set up.
    fn prepare(base_dir: &std::path::Path, artifact: Option<&PathBuf>) -> Result<OnnxSide, String> {
        let python = PathBuf::from(ONNX_DIR).join("venv/bin/python");
        if !python.is_file() || !std::path::Path::new("benches/onnx/bench.py").is_file() {
            return Err(format!(
                "{} is missing (run from the repository root after `sh benches/onnx/setup.sh`)",
                python.display()
            ));
        }
        let graph = PathBuf::from(ONNX_DIR).join("bench.onnx");
        let mut export = std::process::Command::new(&python);
        export
            .arg("benches/onnx/export.py")
            .arg("--base")
            .arg(base_dir)
            .arg("--out")
            .arg(&graph);
        if let Some(a) = artifact {
            export.arg("--artifact").arg(a);
        }
        let out = export
            .output()
            .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
        if !out.status.success() {
            return Err(format!(
                "exporting the ONNX graph failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(OnnxSide {
            python,
            graph,
            tokenizer: base_dir.join("tokenizer.json"),
        })
    }

    fn run(&self, threads: usize, queries: &std::path::Path) -> Result<(BenchRow, String)> {
        let out = std::process::Command::new(&self.python)
            .arg("benches/onnx/bench.py")
            .arg("--model")
            .arg(&self.graph)
            .arg("--tokenizer")
            .arg(&self.tokenizer)
            .arg("--queries")
            .arg(queries)
            .arg("--threads")
            .arg(threads.to_string())
            .output()
            .context("running benches/onnx/bench.py")?;
        if !out.status.success() {
            bail!(
                "benches/onnx/bench.py failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .context("benches/onnx/bench.py printed something that is not JSON")?;
        let version = v["version"].as_str().unwrap_or("?").to_string();
        Ok((serde_json::from_value(v)?, version))
    }
}

pub fn bench(cli: &Cli, args: &BenchArgs) -> Result<ExitCode> {
    let (model, json, rounds, reference, f32, queries_file) = match &args.target {
        BenchTarget::Nlu {
            model,
            json,
            rounds,
            reference,
            f32,
            queries,
        } => (model, json, rounds, reference, f32, queries),
        BenchTarget::Sockets(sockets) => return super::bench_sockets::run(sockets),
        BenchTarget::Chat(chat) => return super::bench_chat::run(cli, chat),
    };
    let config = cli.load_config(&[])?;
    let base_dir = config.model.base_dir.clone();
    let queries_path = queries_file
        .clone()
        .unwrap_or_else(|| PathBuf::from(BENCH_QUERIES_PATH));
    let queries_text = match queries_file {
        Some(path) => {
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?
        }
        None => BENCH_QUERIES.to_string(),
    };
    let queries: Vec<&str> = queries_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    if queries.len() < 32 {
        bail!("{} needs at least 32 queries", queries_path.display());
    }
    let rounds = (*rounds).max(1);
    nlu::set_compute_threads(1);
    let mut kefu_model: NluModel = match model {
        Some(dir) => {
            artifact::load_members(
                dir,
                &base_dir,
                &default_device(),
                0.0,
                3,
                config.nlu.members,
            )?
            .0
        }
        None => {
            let base = BaseModel::open(&base_dir)?;
            let labels = Labels {
                intents: (0..24).map(|i| format!("intent_{i}")).collect(),
                slots: (0..15).map(|i| format!("slot_{i}")).collect(),
                ..Labels::default()
            };
            let mut m =
                Trainer::new(&base, &default_device(), labels, TrainParams::default())?.model;
            m.set_engine(Engine::default(), 1)?;
            m
        }
    };
    let onnx = OnnxSide::prepare(&base_dir, model.as_ref());
    let bar = ProgressBar::new((rounds * 2) as u64);
    bar.set_style(ProgressStyle::with_template(
        "{bar:30} {pos}/{len} rounds×threads ({eta})",
    )?);
    // Per thread count: kefu, onnxruntime, and the optional rows, best of the rounds.
    let mut results: Vec<(usize, BenchRow, Option<BenchRow>, Extra)> = Vec::new();
    let mut ort_version = String::new();
    let mut ort_error = onnx.as_ref().err().cloned();
    for threads in [1usize, 2] {
        let (mut kefu, mut ort) = (None::<BenchRow>, None::<BenchRow>);
        let mut extra = Extra::default();
        for _ in 0..rounds {
            // Alternate the two sides within each round so load from other work hits both.
            kefu_model.set_engine(Engine::default(), threads)?;
            let k = bench_kefu(&kefu_model, &queries)?;
            kefu = Some(kefu.map_or(k, |b| b.best(k)));
            if let Ok(side) = &onnx {
                match side.run(threads, &queries_path) {
                    Ok((o, v)) => {
                        ort = Some(ort.map_or(o, |b| b.best(o)));
                        ort_version = v;
                    }
                    Err(e) => ort_error = Some(e.to_string()),
                }
            }
            if *reference {
                std::env::set_var("RAYON_NUM_THREADS", threads.to_string());
                kefu_model.set_engine(Engine::Reference, threads)?;
                let c = bench_kefu(&kefu_model, &queries)?;
                extra.reference = Some(extra.reference.map_or(c, |b| b.best(c)));
            }
            if *f32 {
                kefu_model.set_engine(Engine::Fast, threads)?;
                let c = bench_kefu(&kefu_model, &queries)?;
                extra.f32 = Some(extra.f32.map_or(c, |b| b.best(c)));
            }
            bar.inc(1);
        }
        results.push((threads, kefu.expect("at least one round"), ort, extra));
    }
    bar.finish_and_clear();
    println!(
        "kefu bench nlu: {} queries ({}), model {}, base {}; best of {rounds} round(s); \
         every number includes tokenization, the three heads and decoding",
        queries.len(),
        queries_path.display(),
        model
            .as_ref()
            .map_or("(untrained heads)".to_string(), |m| m.display().to_string()),
        base_dir.display()
    );
    println!("threads  runtime             batch-1 p50 ms  p99 ms  batch-8 q/s  batch-32 q/s");
    let kefu_name = format!("kefu {}", engine_name(Engine::default()));
    let line = |threads: usize, name: &str, r: &BenchRow| {
        println!(
            "{threads:7}  {name:<18}  {:14.2}  {:6.2}  {:11.1}  {:12.1}",
            r.b1_p50_ms, r.b1_p99_ms, r.b8_qps, r.b32_qps
        )
    };
    let ort_name = format!("onnxruntime {ort_version}");
    for (threads, kefu, ort, extra) in &results {
        line(*threads, &kefu_name, kefu);
        if let Some(o) = ort {
            line(*threads, &ort_name, o);
            println!(
                "{:7}  kefu vs ORT         {:13.2}×  {:5.2}×  {:10.2}×  {:11.2}×   (>1: kefu faster)",
                "",
                o.b1_p50_ms / kefu.b1_p50_ms,
                o.b1_p99_ms / kefu.b1_p99_ms,
                kefu.b8_qps / o.b8_qps,
                kefu.b32_qps / o.b32_qps
            );
        }
        if let Some(c) = &extra.f32 {
            line(*threads, "kefu fast (f32)", c);
        }
        if let Some(c) = &extra.reference {
            line(*threads, "candle reference", c);
        }
    }
    if let Some(e) = &ort_error {
        println!("ONNX Runtime side skipped: {e}");
    }
    if let Some(path) = json {
        let mut by_threads = serde_json::Map::new();
        for (threads, kefu, ort, extra) in &results {
            let mut entry = serde_json::json!({ "kefu": kefu });
            if let Some(o) = ort {
                entry["onnxruntime"] = serde_json::to_value(o)?;
                entry["ratio"] = serde_json::json!({
                    "b1_p50": o.b1_p50_ms / kefu.b1_p50_ms,
                    "b1_p99": o.b1_p99_ms / kefu.b1_p99_ms,
                    "b8": kefu.b8_qps / o.b8_qps,
                    "b32": kefu.b32_qps / o.b32_qps,
                });
            }
            if let Some(c) = &extra.reference {
                entry["candle_reference"] = serde_json::to_value(c)?;
            }
            if let Some(c) = &extra.f32 {
                entry["kefu_fast_f32"] = serde_json::to_value(c)?;
            }
            by_threads.insert(threads.to_string(), entry);
        }
        let v = serde_json::json!({
            "threads": by_threads,
            "queries": queries.len(),
            "rounds": rounds,
            "onnxruntime_version": if ort_version.is_empty() { None } else { Some(&ort_version) },
            "kefu_engine": engine_name(Engine::default()),
            "timing": "text in, parse out: tokenization, encoder, heads and decoding on both sides; best of the rounds",
        });
        std::fs::write(path, serde_json::to_string_pretty(&v)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
