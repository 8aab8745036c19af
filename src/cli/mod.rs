use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

use kefu::config::{Config, Override};

mod analytics;
mod bench_chat;
mod bench_sockets;
mod chat;
mod http_get;
mod identity;
mod kg;
mod kg_bench;
mod kg_eval_faq;
mod kg_feed;
mod model;
mod nlu;
mod nlu_ensemble;
mod nlu_eval;
mod nlu_merge;
mod nlu_oos;
mod nlu_outside;
mod nlu_routed;
mod rec;
mod search_eval;
mod search_judge;
mod serve;
mod simulate;
mod store;
mod stories_eval;

#[derive(Debug, Parser)]
#[command(
    name = "kefu",
    version,
    about = "kefu (客服): a self-hosted shopping assistant for online shops",
    long_about = "kefu reads what shoppers type (a BERT encoder fine-tuned for the shop's intents and slots), \
                  knows the catalogue and policies (a product knowledge graph), learns from what shoppers \
                  do, and answers in a chat widget or over WebSocket."
)]
pub struct Cli {
    /// Config file (TOML); defaults to ./kefu.toml when present.
    #[arg(long, global = true, env = "KEFU_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Data directory (the sled store, and each replica's own files). Overrides `data_dir`.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Knowledge directory (catalogue, policies, FAQ, NLU data). Overrides `knowledge_dir`.
    #[arg(long, global = true, value_name = "DIR")]
    pub knowledge_dir: Option<PathBuf>,
    /// Base encoder checkpoint folder (any BERT checkpoint). Overrides `model.base_dir`.
    #[arg(long, global = true, value_name = "DIR")]
    pub model_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the chat server (WebSocket /ws, REST /api, admin, metrics, the widget).
    Serve(serve::ServeArgs),
    /// Talk to a running server from the terminal.
    Chat(chat::ChatArgs),
    /// Fine-tune the NLU (intent, slot and sentiment heads + adapters) on labelled data.
    Train(nlu::TrainArgs),
    /// Evaluate a trained NLU model on a labelled file.
    Eval(nlu::EvalArgs),
    /// Pack trained NLU models (same base, data and labels; other seeds) into one model
    /// that averages them.
    Ensemble(nlu_ensemble::EnsembleArgs),
    /// Merge an ensemble's members into one model (adapters side by side, heads averaged):
    /// the starting point for distilling the ensemble into one encoder pass.
    Merge(nlu_merge::MergeArgs),
    /// Knowledge graph: check, import, stats and export the shop's knowledge files.
    Kg(kg::KgArgs),
    /// Base encoder: fetch the default model, show what is installed.
    Model(model::ModelArgs),
    /// Recommendations: offline evaluation on interaction logs.
    Rec(rec::RecArgs),
    /// Benchmarks: `kefu bench nlu` (latency and throughput), `kefu bench sockets`
    /// (memory per idle socket), `kefu bench chat` (whole turns over sockets).
    Bench(nlu::BenchArgs),
    /// The shop's numbers (conversations, fallbacks, click-through, conversion …) for a
    /// date range, from the data directory or a running server.
    Analytics(analytics::AnalyticsArgs),
    /// Drive a running server with simulated shoppers (browse, chat, click, buy, complain)
    /// so a fresh install's dashboard has something to show.
    Simulate(simulate::SimulateArgs),
    /// Shopper identity tokens: `kefu identity sign USER` prints one signed with
    /// `server.identity_secret`, for tests and demos (docs/security.md).
    Identity(identity::IdentityArgs),
    /// The store: `kefu store migrate --from sled:DIR --to postgres://…` copies an
    /// install's embedded store into PostgreSQL for replicas (docs/scale-out.md).
    Store(store::StoreArgs),
}

pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KEFU_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

impl Cli {
    /// The config these flags ask for: file < env < flags.
    pub fn load_config(&self, extra: &[Override]) -> Result<Config> {
        let mut overrides = Vec::new();
        if let Some(d) = &self.data_dir {
            overrides.push(Override::string("data_dir", d.display().to_string()));
        }
        if let Some(d) = &self.knowledge_dir {
            overrides.push(Override::string("knowledge_dir", d.display().to_string()));
        }
        if let Some(d) = &self.model_dir {
            overrides.push(Override::string("model.base_dir", d.display().to_string()));
        }
        overrides.extend_from_slice(extra);
        Ok(Config::load(
            self.config.as_deref(),
            std::env::vars(),
            &overrides,
        )?)
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Serve(args) => serve::run(&cli, args),
        Command::Model(args) => model::run(&cli, args),
        Command::Rec(args) => rec::run(args),
        Command::Chat(args) => chat::run(args),
        Command::Train(args) => nlu::train(&cli, args),
        Command::Eval(args) => nlu_eval::eval(&cli, args),
        Command::Ensemble(args) => nlu_ensemble::run(&cli, args),
        Command::Merge(args) => nlu_merge::run(&cli, args),
        Command::Bench(args) => nlu::bench(&cli, args),
        Command::Kg(args) => kg::run(&cli, args),
        Command::Analytics(args) => analytics::run(&cli, args),
        Command::Simulate(args) => simulate::run(&cli, args),
        Command::Identity(args) => identity::run(&cli, args),
        Command::Store(args) => store::run(&cli, args),
    }
}
