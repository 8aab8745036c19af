//! Natural-language understanding: one BERT encoder, intent / slot / sentiment heads.
//!
//! - [`SentenceEncoder`]: sentence vectors from the base encoder (implements `types::Embed`).
//! - [`NluModel`]: encoder + LoRA adapters + heads; text → [`crate::types::Parse`].
//! - [`Engine`]: kefu's fast CPU forward pass (default) or the candle reference.
//! - [`Nlu`]: the cloneable async handle the server calls (batching worker, queue, cache);
//!   [`RoutedNlu`]: one per language, each message to its language's model.
//! - [`Trainer`], [`data`], [`evaluate`]: fine-tuning, data formats, metrics.
//! - [`warm_start`]: a trained model continued on edited data (`kefu train --from`).
//! - [`ensemble::combine`]: several trained models packed into one that averages them;
//!   [`merge::merge`]: an ensemble's members merged into one model, to distil into.
//! - [`language`]: which model reads a message (Chinese, or the default), by its script.
//! - [`Vocabulary`]: the shop's colours, materials and brands, renaming confused slots.
//! - [`oos`], [`outside`]: the out-of-scope threshold sweep; Bitext's messages as an outside test.

pub mod artifact;
mod base;
mod batching;
mod bert;
mod config;
pub mod data;
mod decode;
pub mod distil;
mod dropout;
mod ema;
mod encoder;
pub mod ensemble;
mod error;
pub(crate) mod fast;
mod heads;
mod labels;
pub mod language;
pub mod merge;
mod metrics;
mod name_noise;
pub mod nonsense;
pub mod oos;
mod optim;
pub mod outside;
mod price_direction;
mod price_direction_zh;
pub mod report;
pub mod routed;
mod service;
mod span_shape;
mod swap;
mod tokenize;
mod train;
mod variants;
pub mod vocabulary;
pub mod warm_start;
mod weights;

pub use artifact::{data_is_current, training_data_is_current, ArtifactMeta};
pub use base::{default_device, sha256_file, BaseModel, DEFAULT_BASE_DIR};
pub use bert::{mean_pool, mean_pool_normalized, Bert, BertConfig, HiddenAct, LoraSpec};
pub use config::{default_threads, set_compute_threads, Engine, LanguageModel, NluConfig};
pub use data::{Dataset, Example};
pub use encoder::SentenceEncoder;
pub use error::NluError;
pub use heads::{NluModel, TextScores};
pub use labels::Labels;
pub use metrics::{evaluate, Confusion, EvalReport, LabelRow, Summary};
pub use routed::RoutedNlu;
pub use service::{Nlu, NluStats, BATCH_SIZE_BOUNDS};
pub use swap::{candidate_dir, swap_candidate, SwapDecision};
pub use tokenize::{char_slice, Encoded, TextTokenizer, Word, MAX_TOKENS};
pub use train::{predict_all, EpochStats, TrainParams, Trainer};
pub use vocabulary::Vocabulary;
