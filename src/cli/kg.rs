//! `kefu kg …`: check, import, import-feed, stats, export, generate, search, ask, eval-attributes, bench.

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kefu::knowledge::{self, KnowledgeBase, KnowledgeError, Severity};
use kefu::store::Store;

use super::Cli;

#[derive(Debug, Args)]
pub struct KgArgs {
    #[command(subcommand)]
    pub command: KgCommand,
}

#[derive(Debug, Subcommand)]
pub enum KgCommand {
    /// Validate every knowledge file; report every problem with file:line:column. Exit 1 on any error.
    Check {
        /// Print the problems as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Load the files into the data directory's graph snapshot (skipped when unchanged).
    Import,
    /// Write a knowledge directory from a product feed (Google Retail JSONL, Google
    /// Merchant TSV/CSV, Shopify CSV). Exit 0: all rows imported; 3: some rows skipped
    /// (listed as file:line: reason); 1: nothing written.
    ImportFeed(super::kg_feed::ImportFeedArgs),
    /// Counts of products, categories, brands, relations, FAQ and policies.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Write the whole graph as Graphviz DOT or JSON.
    Export {
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// Output file (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Write a synthetic catalogue of N products (for benchmarks).
    Generate {
        #[arg(long)]
        products: usize,
        /// Directory to write (created).
        #[arg(long, short)]
        out: PathBuf,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Find products by (fuzzy) name.
    Search {
        text: String,
        #[arg(long, default_value_t = 5)]
        limit: usize,
    },
    /// FAQ entries closest in meaning to a question (uses the base encoder); with
    /// `--locale zh`, the entries of `knowledge/zh/faq.yaml` (docs/knowledge.md).
    Faq {
        question: String,
        #[arg(long, default_value_t = 3)]
        limit: usize,
        #[arg(long, default_value = "en")]
        locale: String,
    },
    /// How often the FAQ lookup answers a set of questions right: a JSONL file of
    /// `{"question": "...", "faq": "<id>" | null}` (null: no FAQ should answer).
    EvalFaq {
        #[arg(long)]
        questions: PathBuf,
        #[arg(long, default_value = "en")]
        locale: String,
        /// List every question the served threshold gets wrong.
        #[arg(long)]
        verbose: bool,
        /// Then again with this multilingual encoder matching the locale's FAQ by meaning
        /// (models/base/multilingual-e5-small, `query: ` before each text), as served
        /// once it is set (`Graph::set_multilingual`).
        #[arg(long)]
        multilingual: Option<PathBuf>,
    },
    /// Ask whether a product has an attribute ("gps", "waterproof").
    Ask { product: String, attribute: String },
    /// Precision / recall of description fact extraction on a labelled file.
    EvalAttributes {
        #[arg(long, default_value = "knowledge/eval/attribute_labels.jsonl")]
        labels: PathBuf,
    },
    /// Import time and query latency (p50/p99) at several catalogue sizes.
    Bench {
        /// Catalogue sizes, comma separated.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        sizes: Vec<usize>,
        /// Queries per kind.
        #[arg(long, default_value_t = 2000)]
        queries: usize,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Dot,
    Json,
}

pub fn run(cli: &Cli, args: &KgArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    let dir = config.knowledge_dir.clone();
    match &args.command {
        KgCommand::Check { json } => check(&dir, *json),
        KgCommand::ImportFeed(feed) => super::kg_feed::run(&dir, feed),
        KgCommand::Import => {
            let store = Store::from_config(&config.store, &config.data_dir).with_context(|| {
                format!(
                    "opening the store: {}",
                    config.store.describe(&config.data_dir)
                )
            })?;
            let (_, report) = load_or_report(&dir, Some(&store))?;
            println!("{report}");
            store.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        KgCommand::Stats { json } => {
            let (graph, report) = load_or_report(&dir, None)?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&graph.stats())?);
            } else {
                let s = graph.stats();
                println!("products    {}\ncategories  {}\nbrands      {}\nrelations   {}\nfaq         {}\npolicies    {}\norders      {}\nvariants    {}\nfacts       {} ({} found in descriptions)\ngraph       {} nodes, {} edges",
                    s.products, s.categories, s.brands, s.relations, s.faq, s.policies, s.orders, s.variants, s.facts, s.extracted_facts, s.nodes, s.edges);
                eprintln!("{report}");
            }
            Ok(ExitCode::SUCCESS)
        }
        KgCommand::Export { format, out } => {
            let (graph, _) = load_or_report(&dir, None)?;
            let text = match format {
                ExportFormat::Dot => knowledge::to_dot(&graph),
                ExportFormat::Json => serde_json::to_string_pretty(&knowledge::to_json(&graph))?,
            };
            match out {
                Some(p) => {
                    std::fs::write(p, text).with_context(|| format!("writing {}", p.display()))?
                }
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        KgCommand::Generate {
            products,
            out,
            seed,
        } => {
            let r = knowledge::generate_catalogue(out, *products, *seed, true)?;
            println!(
                "wrote {} products and {} relations to {} in {} ms",
                r.products,
                r.relations,
                out.display(),
                r.millis
            );
            Ok(ExitCode::SUCCESS)
        }
        KgCommand::Search { text, limit } => {
            let (graph, _) = load_or_report(&dir, None)?;
            for (p, score) in graph.search_name(text, *limit) {
                println!(
                    "{score:.2}  {}  {}  {:.2} {}",
                    p.id, p.name, p.price, p.currency
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        KgCommand::EvalFaq {
            questions,
            locale,
            verbose,
            multilingual,
        } => {
            let (graph, _) = load_or_report(&dir, None)?;
            let encoder = base_encoder(&config)?;
            let text = std::fs::read_to_string(questions)
                .with_context(|| format!("reading {}", questions.display()))?;
            super::kg_eval_faq::run(&graph, &encoder, &text, locale, *verbose)?;
            if let Some(dir) = multilingual {
                let e5 = kefu::nlu::SentenceEncoder::load(dir)
                    .with_context(|| format!("loading the encoder from {}", dir.display()))?;
                graph.set_multilingual(kefu::knowledge::MultilingualEncoder {
                    embed: std::sync::Arc::new(e5),
                    prefix: "query: ".into(),
                })?;
                println!("\nwith the multilingual encoder {}:", dir.display());
                super::kg_eval_faq::run(&graph, &encoder, &text, locale, *verbose)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        KgCommand::Faq {
            question,
            limit,
            locale,
        } => {
            let (graph, _) = load_or_report(&dir, None)?;
            let encoder = base_encoder(&config)?;
            for hit in graph.faq_lookup_in(question, &encoder, *limit, locale)? {
                println!(
                    "{:.3}  {}  ({:?}, by {:?})\n       {}",
                    hit.score, hit.entry.id, hit.matched, hit.by, hit.entry.answer
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        KgCommand::Ask { product, attribute } => {
            let (graph, _) = load_or_report(&dir, None)?;
            let answer = graph
                .attribute_answer(product, attribute)
                .ok_or_else(|| KnowledgeError::UnknownProduct(product.clone()))?;
            println!("{}", serde_json::to_string_pretty(&answer)?);
            Ok(ExitCode::SUCCESS)
        }
        KgCommand::EvalAttributes { labels } => {
            let (graph, _) = load_or_report(&dir, None)?;
            let text = std::fs::read_to_string(labels)
                .with_context(|| format!("reading {}", labels.display()))?;
            let s =
                knowledge::score_extraction(graph.products(), &text).map_err(anyhow::Error::msg)?;
            for m in &s.mistakes {
                println!("  {m}");
            }
            println!(
                "attribute extraction on {} labelled products: precision {:.3} ({} of {} found facts right), recall {:.3} ({} of {} labelled facts found)",
                s.products,
                s.precision,
                s.true_positives,
                s.true_positives + s.false_positives,
                s.recall,
                s.true_positives,
                s.true_positives + s.false_negatives
            );
            Ok(ExitCode::SUCCESS)
        }
        KgCommand::Bench { sizes, queries } => super::kg_bench::run(sizes, *queries),
    }
}

/// The configured base encoder, which matches FAQ questions by meaning.
fn base_encoder(config: &kefu::config::Config) -> Result<kefu::nlu::SentenceEncoder> {
    kefu::nlu::SentenceEncoder::load(&config.model.base_dir).with_context(|| {
        format!(
            "loading the base encoder from {} (hint: `kefu model fetch`)",
            config.model.base_dir.display()
        )
    })
}

/// Loads, printing every problem when the files are invalid.
fn load_or_report(
    dir: &Path,
    store: Option<&Store>,
) -> Result<(std::sync::Arc<knowledge::Graph>, knowledge::LoadReport)> {
    match KnowledgeBase::load(dir, store) {
        Ok(x) => Ok(x),
        Err(KnowledgeError::Invalid(problems)) => {
            for p in &problems {
                eprintln!("{p}");
            }
            anyhow::bail!(
                "{} errors in {} (hint: fix them; `kefu kg check` lists them again)",
                problems.iter().filter(|p| p.is_error()).count(),
                dir.display()
            )
        }
        Err(e) => Err(e.into()),
    }
}

fn check(dir: &Path, json: bool) -> Result<ExitCode> {
    let problems = KnowledgeBase::check(dir)?;
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    if json {
        println!("{}", serde_json::to_string_pretty(&problems)?);
    } else {
        for p in &problems {
            println!("{}/{p}", dir.display());
        }
        if errors == 0 {
            println!("{}: ok ({warnings} warnings)", dir.display());
        } else {
            println!("{}: {errors} errors, {warnings} warnings", dir.display());
        }
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
