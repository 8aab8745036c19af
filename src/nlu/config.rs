use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::ConfigError;

/// Which forward pass runs inference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// kefu's own CPU engine: packed weights, no padding, fused kernels, f32 weights
    /// (what `SentenceEncoder` uses: its vectors match sentence-transformers within 1e-4).
    Fast,
    /// The fast engine with bfloat16 encoder weights and f32 arithmetic: half the bytes to
    /// stream per forward pass, the same parses on the shipped test file (docs/nlu.md).
    /// The default for parsing.
    #[default]
    #[serde(rename = "fast-bf16")]
    FastBf16,
    /// The candle encoder training uses: the reference the fast engine is tested against,
    /// and what runs on a GPU with `--features cuda`.
    Reference,
}

impl std::str::FromStr for Engine {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "fast" => Ok(Engine::Fast),
            "fast-bf16" => Ok(Engine::FastBf16),
            "reference" => Ok(Engine::Reference),
            other => Err(format!(
                "unknown NLU engine {other:?} (fast, fast-bf16 or reference)"
            )),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NluConfig {
    /// The forward pass: "fast-bf16" (default), "fast" (f32 weights) or "reference".
    pub engine: Engine,
    /// The trained artifact (heads + adapters) loaded by `serve`.
    pub model_dir: PathBuf,
    /// Below this intent confidence the parse says `nlu_fallback`. The default was picked
    /// with `kefu eval oos --bitext` (docs/nlu.md, "Out of scope"): the most CLINC150
    /// off-topic queries caught while refusing at most 3 % of the shop's test messages and
    /// 3 % of Bitext's shop messages (written by other people, who are refused far more).
    pub threshold: f32,
    /// The shop's vocabulary (`value<TAB>slot` lines, `vocabulary.rs`): values whose slot it
    /// knows rename the model's confused ones. A missing file means none; a broken one is an
    /// error.
    pub vocabulary: PathBuf,
    /// Compute threads for the encoder.
    pub threads: usize,
    /// How many members of an ensemble model to run: 0 runs them all (the default); N runs
    /// the first N, about N/M of the time a parse costs, for the accuracy docs/nlu.md lists
    /// per subset (1: the single model, about a point less of each score).
    pub members: usize,
    /// Largest batch the inference worker runs in one forward pass.
    pub max_batch: usize,
    /// How long the worker waits for more requests to fill a batch, in microseconds.
    pub batch_wait_us: u64,
    /// Requests waiting beyond this many are answered "overloaded".
    pub queue_capacity: usize,
    /// Recent parses kept in memory (0 disables the cache).
    pub cache_size: usize,
    /// How many intents a parse ranks.
    pub ranking_size: usize,
    /// When `serve` takes a model `kefu train` left beside `model_dir` (in
    /// `<model_dir>.candidate`): `not_worse` (its test scores are at least the current
    /// model's, less `swap_tolerance`), `always`, or `never`.
    pub swap_policy: String,
    /// How much lower (0 to 1, e.g. 0.005 = half a point) a candidate's intent accuracy and
    /// slot F1 may be and still count as not worse.
    pub swap_tolerance: f64,
    /// Models for messages in other languages than the default model's, by language code
    /// (`zh`, the one a script rule detects: nlu/language.rs). A model whose folder is
    /// missing is left out with a warning; everything else reads the default model.
    pub languages: BTreeMap<String, LanguageModel>,
}

/// The NLU model of one language and the base encoder it was trained on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageModel {
    pub model_dir: PathBuf,
    pub base_dir: PathBuf,
}

/// The languages a script rule can tell apart from the default's Latin script.
const ROUTED_LANGUAGES: &[&str] = &[super::language::CHINESE];

impl Default for NluConfig {
    fn default() -> Self {
        Self {
            engine: Engine::FastBf16,
            model_dir: PathBuf::from("models/kefu-nlu"),
            // `kefu eval oos --bitext` picks it (docs/nlu.md, "Out of scope"): 0.35 until
            // December 8, when the continued ensemble's 0.35 refused 3.7 % of Bitext's messages.
            threshold: 0.30,
            vocabulary: PathBuf::from("knowledge/nlu/vocabulary.tsv"),
            threads: 2,
            members: 0,
            max_batch: 32,
            batch_wait_us: 300,
            queue_capacity: 1024,
            cache_size: 1024,
            ranking_size: 3,
            swap_policy: "not_worse".into(),
            swap_tolerance: 0.0,
            languages: BTreeMap::from([(
                super::language::CHINESE.to_string(),
                LanguageModel {
                    model_dir: PathBuf::from("models/kefu-nlu-zh"),
                    base_dir: PathBuf::from("models/base/multilingual-e5-small"),
                },
            )]),
        }
    }
}

impl NluConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if let Some(code) = self
            .languages
            .keys()
            .find(|k| !ROUTED_LANGUAGES.contains(&k.as_str()))
        {
            return Err(ConfigError::invalid(
                "nlu.languages",
                code,
                "zh (the languages kefu tells apart by their script)",
            ));
        }
        if !["not_worse", "always", "never"].contains(&self.swap_policy.as_str()) {
            return Err(ConfigError::invalid(
                "nlu.swap_policy",
                &self.swap_policy,
                "not_worse, always or never",
            ));
        }
        if !(0.0..=1.0).contains(&self.swap_tolerance) {
            return Err(ConfigError::invalid(
                "nlu.swap_tolerance",
                self.swap_tolerance,
                "0 to 1 (a share: 0.01 is one point)",
            ));
        }
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(ConfigError::invalid(
                "nlu.threshold",
                self.threshold,
                "a probability between 0.0 and 1.0",
            ));
        }
        if self.threads == 0 || self.threads > 256 {
            return Err(ConfigError::invalid(
                "nlu.threads",
                self.threads,
                "1 to 256",
            ));
        }
        if self.max_batch == 0 || self.max_batch > 1024 {
            return Err(ConfigError::invalid(
                "nlu.max_batch",
                self.max_batch,
                "1 to 1024",
            ));
        }
        if self.batch_wait_us > 100_000 {
            return Err(ConfigError::invalid(
                "nlu.batch_wait_us",
                self.batch_wait_us,
                "0 to 100000 (microseconds)",
            ));
        }
        if self.queue_capacity == 0 {
            return Err(ConfigError::invalid(
                "nlu.queue_capacity",
                self.queue_capacity,
                "at least 1",
            ));
        }
        if self.ranking_size == 0 {
            return Err(ConfigError::invalid(
                "nlu.ranking_size",
                self.ranking_size,
                "at least 1",
            ));
        }
        Ok(())
    }
}

/// Candle sizes its CPU thread pool from `RAYON_NUM_THREADS`, and re-reads /proc/cpuinfo on
/// every matmul when it is unset. Set it once, before the first tensor op; an explicit
/// environment value wins.
pub fn set_compute_threads(threads: usize) {
    if std::env::var_os("RAYON_NUM_THREADS").is_none() {
        std::env::set_var("RAYON_NUM_THREADS", threads.max(1).to_string());
    }
}

/// Compute threads when nothing says otherwise: `RAYON_NUM_THREADS` (which
/// [`set_compute_threads`] sets from `nlu.threads`), else every core.
pub fn default_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}
