use serde::{Deserialize, Serialize};

use crate::config::ConfigError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BehaviorConfig {
    /// Days after which an event counts half as much in a shopper's profile.
    pub half_life_days: f64,
    /// How many recently viewed products a profile remembers.
    pub recent_views: usize,
    /// Most events one `POST /api/events` batch may carry.
    pub max_batch: usize,
}

impl Default for BehaviorConfig {
    fn default() -> Self {
        Self {
            half_life_days: 30.0,
            recent_views: 20,
            max_batch: 1000,
        }
    }
}

impl BehaviorConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(self.half_life_days.is_finite() && self.half_life_days > 0.0) {
            return Err(ConfigError::invalid(
                "behavior.half_life_days",
                self.half_life_days,
                "a positive number of days, e.g. 30",
            ));
        }
        if self.recent_views == 0 || self.recent_views > 1000 {
            return Err(ConfigError::invalid(
                "behavior.recent_views",
                self.recent_views,
                "1 to 1000",
            ));
        }
        if self.max_batch == 0 || self.max_batch > 100_000 {
            return Err(ConfigError::invalid(
                "behavior.max_batch",
                self.max_batch,
                "1 to 100000",
            ));
        }
        Ok(())
    }

    pub(crate) fn half_life_secs(&self) -> f64 {
        self.half_life_days * 86_400.0
    }
}
