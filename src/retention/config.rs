use serde::{Deserialize, Serialize};

use crate::config::ConfigError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionConfig {
    /// Days kept of session logs, trackers, turn facts, events and profiles, counted from
    /// their last activity; 0 keeps everything forever.
    pub days: u32,
    /// Minutes between two sweeps (the first runs a minute after the start).
    pub sweep_interval_minutes: u64,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        Self {
            days: 365,
            sweep_interval_minutes: 60,
        }
    }
}

impl RetentionConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.days > 36_500 {
            return Err(ConfigError::invalid(
                "retention.days",
                self.days,
                "0 (keep forever) to 36500 days, e.g. 365",
            ));
        }
        if self.sweep_interval_minutes == 0 || self.sweep_interval_minutes > 7 * 24 * 60 {
            return Err(ConfigError::invalid(
                "retention.sweep_interval_minutes",
                self.sweep_interval_minutes,
                "1 to 10080 minutes (a week), e.g. 60",
            ));
        }
        Ok(())
    }

    /// The instant before which records are deleted, or `None` when everything is kept.
    pub fn cutoff(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        (self.days > 0).then(|| now - chrono::Duration::days(i64::from(self.days)))
    }
}
