use serde::{Deserialize, Serialize};

use crate::config::ConfigError;

/// Which backend holds sessions, trackers, logs, events and profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    /// Embedded, in `data_dir`: one kefu process.
    #[default]
    Sled,
    /// A PostgreSQL database at `store.url`: any number of kefu replicas.
    Postgres,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreConfig {
    pub backend: BackendKind,
    /// `postgres://user:password@host:port/database` (backend "postgres" only).
    pub url: Option<String>,
    /// Connections (each on its own thread) this process keeps to the database.
    pub connections: usize,
}

impl Default for StoreConfig {
    fn default() -> Self {
        Self {
            backend: BackendKind::Sled,
            url: None,
            connections: 8,
        }
    }
}

impl StoreConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if let Some(url) = &self.url {
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                return Err(ConfigError::invalid(
                    "store.url",
                    super::postgres::redact_url(url),
                    "a postgres:// URL, e.g. postgres://kefu@db-host/kefu",
                ));
            }
        }
        if self.backend == BackendKind::Postgres && self.url.is_none() {
            return Err(ConfigError::invalid(
                "store.url",
                "(not set)",
                "a postgres:// URL when store.backend is \"postgres\" (or KEFU_STORE_URL)",
            ));
        }
        if !(1..=64).contains(&self.connections) {
            return Err(ConfigError::invalid(
                "store.connections",
                self.connections,
                "1 to 64, e.g. 8",
            ));
        }
        Ok(())
    }

    /// Where the store is, for messages: the sled directory or the URL without password.
    pub fn describe(&self, data_dir: &std::path::Path) -> String {
        match (self.backend, &self.url) {
            (BackendKind::Postgres, Some(url)) => {
                format!("database {}", super::postgres::redact_url(url))
            }
            _ => format!("data directory {}", data_dir.display()),
        }
    }

    pub(crate) fn redact(&mut self) {
        if let Some(url) = &self.url {
            self.url = Some(super::postgres::redact_url(url));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_store_needs_a_postgres_url_and_hides_its_password() {
        let mut c = StoreConfig {
            backend: BackendKind::Postgres,
            ..StoreConfig::default()
        };
        let err = c.validate().unwrap_err().to_string();
        assert!(
            err.contains("store.url") && err.contains("KEFU_STORE_URL"),
            "{err}"
        );
        c.url = Some("mysql://kefu:hunter2@db/kefu".into());
        let err = c.validate().unwrap_err().to_string();
        assert!(
            err.contains("postgres://") && !err.contains("hunter2"),
            "{err}"
        );
        c.url = Some("postgres://kefu:hunter2@db/kefu".into());
        c.validate().unwrap();
        c.redact();
        assert_eq!(c.url.as_deref(), Some("postgres://kefu:…@db/kefu"));
        assert!(
            StoreConfig::default().validate().is_ok(),
            "sled needs nothing"
        );
    }
}
