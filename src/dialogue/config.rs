use serde::{Deserialize, Serialize};

use crate::config::ConfigError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DialogueConfig {
    /// The locale whose templates must exist and answer when another lacks a message.
    pub default_locale: String,
    /// Ask for a 1–5 rating (CSAT) when the shopper says goodbye; the analytics report
    /// the answers.
    pub csat: bool,
}

impl Default for DialogueConfig {
    fn default() -> Self {
        Self {
            default_locale: "en".into(),
            csat: false,
        }
    }
}

impl DialogueConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.default_locale.trim().is_empty() {
            return Err(ConfigError::invalid(
                "dialogue.default_locale",
                &self.default_locale,
                "a locale such as en",
            ));
        }
        Ok(())
    }
}
