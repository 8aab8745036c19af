//! The stores retention sweeps, each through its own time index.

use chrono::{DateTime, Utc};

use super::RetentionError;
use crate::behavior::EventLog;
use crate::dialogue::TrackerStore;
use crate::transport::SessionLog;

/// Something that deletes its records older than a cutoff.
pub trait Expire: Send + Sync {
    /// The `kind` labels this part counts under, so the metric shows them from the start.
    fn kinds(&self) -> &'static [&'static str];

    /// Deletes what was last active before `cutoff`, durably; returns (kind, how many).
    fn expire(&self, cutoff: DateTime<Utc>) -> Result<Vec<(&'static str, u64)>, RetentionError>;
}

fn failed(kind: &'static str) -> impl Fn(String) -> RetentionError {
    move |message| RetentionError::Failed { kind, message }
}

impl Expire for EventLog {
    fn kinds(&self) -> &'static [&'static str] {
        &["events", "turn_facts", "profiles"]
    }

    fn expire(&self, cutoff: DateTime<Utc>) -> Result<Vec<(&'static str, u64)>, RetentionError> {
        let e = EventLog::expire(self, cutoff).map_err(|e| failed("events")(e.to_string()))?;
        Ok(vec![
            ("events", e.events),
            ("turn_facts", e.turns),
            ("profiles", e.profiles),
        ])
    }
}

impl Expire for SessionLog {
    fn kinds(&self) -> &'static [&'static str] {
        &["session_log_frames"]
    }

    fn expire(&self, cutoff: DateTime<Utc>) -> Result<Vec<(&'static str, u64)>, RetentionError> {
        let n = SessionLog::expire(self, cutoff)?;
        Ok(vec![("session_log_frames", n)])
    }
}

impl Expire for TrackerStore {
    fn kinds(&self) -> &'static [&'static str] {
        &["trackers"]
    }

    fn expire(&self, cutoff: DateTime<Utc>) -> Result<Vec<(&'static str, u64)>, RetentionError> {
        let n = TrackerStore::expire(self, cutoff)?;
        Ok(vec![("trackers", n)])
    }
}
