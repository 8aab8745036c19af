//! Retention: everything kefu keeps per shopper — session logs, trackers, turn facts,
//! events, profiles — is deleted once older than `retention.days`, by a background sweep
//! every `retention.sweep_interval_minutes`, counted in `kefu_retention_deleted_total`.
//! Each store finds its old records through an index by time (no full scans).

mod config;
mod parts;
mod sweeper;

pub use config::RetentionConfig;
pub use parts::Expire;
pub use sweeper::{RetentionStats, Sweeper};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum RetentionError {
    #[error("retention could not delete old {kind}: {message}")]
    Failed { kind: &'static str, message: String },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}
