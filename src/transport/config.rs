use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::config::ConfigError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address and port the HTTP/WebSocket server listens on.
    pub bind: String,
    /// Static files (the widget, the demo shop page) served at `/`.
    pub web_dir: PathBuf,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            web_dir: PathBuf::from("web"),
        }
    }
}

impl ServerConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.bind.parse::<SocketAddr>().map_err(|_| {
            ConfigError::invalid(
                "server.bind",
                &self.bind,
                "an address and port such as 127.0.0.1:8080 or 0.0.0.0:80",
            )
        })?;
        Ok(())
    }

    pub fn socket_addr(&self) -> SocketAddr {
        self.bind.parse().expect("validated at load")
    }

    pub(crate) fn redact(&mut self) {}
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdminConfig {
    /// Bearer token for /admin/*; admin routes stay off while it is unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

impl AdminConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if let Some(t) = &self.token {
            if t.len() < 16 {
                return Err(ConfigError::invalid(
                    "admin.token",
                    "<redacted>",
                    "a secret of at least 16 characters",
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn redact(&mut self) {
        if self.token.is_some() {
            self.token = Some("<redacted>".into());
        }
    }
}
