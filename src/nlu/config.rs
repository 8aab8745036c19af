use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use crate::config::ConfigError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NluConfig {
    /// The trained artifact (heads + adapters) loaded by `serve`.
    pub model_dir: PathBuf,
    /// Below this intent confidence the parse says `nlu_fallback`.
    pub threshold: f32,
    /// Compute threads for the encoder.
    pub threads: usize,
}

impl Default for NluConfig {
    fn default() -> Self {
        Self {
            model_dir: PathBuf::from("models/kefu-nlu"),
            threshold: 0.5,
            threads: 2,
        }
    }
}

impl NluConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
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
        Ok(())
    }
}
