use serde::{Deserialize, Serialize};

use crate::config::ConfigError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RecommendConfig {
    /// How many products one reply lists.
    pub list_size: usize,
}

impl Default for RecommendConfig {
    fn default() -> Self {
        Self { list_size: 5 }
    }
}

impl RecommendConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.list_size == 0 || self.list_size > 50 {
            return Err(ConfigError::invalid(
                "recommend.list_size",
                self.list_size,
                "1 to 50",
            ));
        }
        Ok(())
    }
}
