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
    /// Largest client frame or REST chat body accepted, in bytes; larger ones get an
    /// `frame_too_large` error and change nothing.
    pub max_frame_bytes: usize,
    /// Sustained client frames per second per connection (bursts up to `burst_messages`).
    pub messages_per_second: f64,
    pub burst_messages: usize,
    /// Open WebSocket connections allowed in total and per client address.
    pub max_connections: usize,
    pub max_connections_per_ip: usize,
    /// A socket with no client frame for this long is closed.
    pub idle_timeout_secs: u64,
    /// Server pings keep proxies from dropping quiet sockets.
    pub ping_interval_secs: u64,
    /// Bearer token a shop's backend sends to `POST /api/events`; the route stays off while
    /// it is unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events_token: Option<String>,
    /// Secret the shop signs shopper identity tokens with (docs/security.md); at least 16
    /// characters. Unset: every chat session is anonymous.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_secret: Option<String>,
    /// Loopback demos only: `GET /api/demo/identity` hands every page a token for this
    /// user, signed with a key made at start. Refused with `identity_secret` set or a
    /// non-loopback `bind`, so a real install never signs visitors in as anyone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demo_user: Option<String>,
    /// Let a `message` frame say when it was sent (`at`), for `kefu simulate` and replays
    /// of old conversations into a demo install. Off in production: the server's clock
    /// dates every turn.
    pub accept_client_time: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            web_dir: PathBuf::from("web"),
            max_frame_bytes: 8 * 1024,
            messages_per_second: 5.0,
            burst_messages: 10,
            max_connections: 1000,
            max_connections_per_ip: 20,
            idle_timeout_secs: 600,
            ping_interval_secs: 25,
            events_token: None,
            identity_secret: None,
            demo_user: None,
            accept_client_time: false,
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
        let positive = |key: &str, v: usize| {
            if v == 0 {
                Err(ConfigError::invalid(key, v, "a whole number above 0"))
            } else {
                Ok(())
            }
        };
        positive("server.max_frame_bytes", self.max_frame_bytes)?;
        positive("server.burst_messages", self.burst_messages)?;
        positive("server.max_connections", self.max_connections)?;
        positive("server.max_connections_per_ip", self.max_connections_per_ip)?;
        positive("server.idle_timeout_secs", self.idle_timeout_secs as usize)?;
        positive(
            "server.ping_interval_secs",
            self.ping_interval_secs as usize,
        )?;
        if !(self.messages_per_second > 0.0 && self.messages_per_second.is_finite()) {
            return Err(ConfigError::invalid(
                "server.messages_per_second",
                self.messages_per_second,
                "a number above 0",
            ));
        }
        if self.events_token.as_ref().is_some_and(|t| t.len() < 16) {
            return Err(ConfigError::invalid(
                "server.events_token",
                "<redacted>",
                "a secret of at least 16 characters",
            ));
        }
        if let Some(secret) = &self.identity_secret {
            crate::identity::IdentityKey::new(secret).map_err(|_| {
                ConfigError::invalid(
                    "server.identity_secret",
                    "<redacted>",
                    "a secret of at least 16 characters",
                )
            })?;
        }
        if let Some(user) = &self.demo_user {
            self.validate_demo(user)?;
        }
        Ok(())
    }

    /// The demo identity is for a server only this machine can reach, with no real secret.
    fn validate_demo(&self, user: &str) -> Result<(), ConfigError> {
        if user.is_empty()
            || user.len() > crate::identity::MAX_USER_BYTES
            || user.chars().any(char::is_control)
        {
            return Err(ConfigError::invalid(
                "server.demo_user",
                user,
                "a user id of 1 to 128 bytes without control characters",
            ));
        }
        if self.identity_secret.is_some() {
            return Err(ConfigError::invalid(
                "server.demo_user",
                user,
                "unset while server.identity_secret is set (a real install signs its shoppers itself)",
            ));
        }
        if !self.socket_addr().ip().is_loopback() {
            return Err(ConfigError::invalid(
                "server.demo_user",
                user,
                format!(
                    "unset unless server.bind is a loopback address (it is {})",
                    self.bind
                ),
            ));
        }
        Ok(())
    }

    pub fn socket_addr(&self) -> SocketAddr {
        self.bind.parse().expect("validated at load")
    }

    pub(crate) fn redact(&mut self) {
        if self.events_token.is_some() {
            self.events_token = Some("<redacted>".into());
        }
        if self.identity_secret.is_some() {
            self.identity_secret = Some("<redacted>".into());
        }
    }
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
