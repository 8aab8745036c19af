//! Natural-language understanding: one BERT encoder, intent / slot / sentiment heads.
//!
//! - [`SentenceEncoder`]: sentence vectors from the base encoder (implements `types::Embed`).
//! - [`Bert`]: the encoder itself, written so LoRA adapters on it can be fine-tuned.

mod base;
mod bert;
mod config;
mod encoder;
mod error;
mod tokenize;
mod weights;

pub use base::{default_device, sha256_file, BaseModel, DEFAULT_BASE_DIR};
pub use bert::{mean_pool, mean_pool_normalized, Bert, BertConfig, HiddenAct, LoraSpec};
pub use config::{set_compute_threads, NluConfig};
pub use encoder::SentenceEncoder;
pub use error::NluError;
pub use tokenize::{char_slice, Encoded, TextTokenizer, Word, MAX_TOKENS};
