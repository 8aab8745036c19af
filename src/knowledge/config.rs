use serde::{Deserialize, Serialize};

use crate::config::ConfigError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KnowledgeConfig {
    /// Watch the knowledge files while serving and swap in a new graph on change.
    pub watch: bool,
}

impl Default for KnowledgeConfig {
    fn default() -> Self {
        Self { watch: true }
    }
}

impl KnowledgeConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        Ok(())
    }
}
