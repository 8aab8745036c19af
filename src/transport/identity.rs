//! Who a client is: the identity token the shop signed (`hello.identity`, the REST
//! `identity`), checked with `server.identity_secret`. A client's own `user_id` is refused,
//! and the loopback demo's token endpoint lives here (docs/security.md).

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use std::net::SocketAddr;

use crate::identity::{IdentityError, IdentityKey};
use crate::types::UserId;

use super::config::ServerConfig;
use super::error::ApiError;
use super::http::AppState;

/// How long a demo token lasts; the widget fetches a fresh one for every connection.
const DEMO_TOKEN_SECS: i64 = 3600;

/// The code and words for a client that says who it is instead of proving it.
pub(crate) const UNSIGNED_USER: &str = "unsigned_user";
pub(crate) const UNSIGNED_USER_MESSAGE: &str = "`user_id` is not accepted: who a shopper is comes from `identity`, a token the shop signs (docs/security.md)";

/// Headers a reverse proxy adds; a request carrying one came from elsewhere.
const PROXY_HEADERS: &[&str] = &[
    "forwarded",
    "x-forwarded-for",
    "x-real-ip",
    "x-forwarded-host",
];

/// The key tokens are checked with, and the demo user when the loopback demo is on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Identities {
    key: Option<IdentityKey>,
    demo_user: Option<String>,
}

impl Identities {
    /// From `server.identity_secret`, or a key made now for `server.demo_user` (config
    /// validation keeps the two apart and the demo on loopback).
    pub(crate) fn from_config(config: &ServerConfig) -> Self {
        let key = match (&config.identity_secret, &config.demo_user) {
            (Some(secret), _) => IdentityKey::new(secret)
                .map_err(|e| {
                    tracing::error!("server.identity_secret: {e}; every session is anonymous")
                })
                .ok(),
            (None, Some(_)) => Some(IdentityKey::ephemeral()),
            (None, None) => None,
        };
        Self {
            key,
            demo_user: config.demo_user.clone(),
        }
    }

    /// The shopper a token names; `Ok(None)` without a token (an anonymous shopper).
    pub(crate) fn user(&self, token: Option<&str>) -> Result<Option<UserId>, IdentityError> {
        let Some(token) = token else {
            return Ok(None);
        };
        let key = self.key.as_ref().ok_or(IdentityError::Unavailable)?;
        key.verify(token, chrono::Utc::now().timestamp()).map(Some)
    }
}

/// `GET /api/demo/identity`: a token for `server.demo_user`, to this machine only. The
/// demo page's widget fetches it (`data-identity-url`); without the demo it is 404.
pub(crate) async fn demo(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, ApiError> {
    let ids = &state.identities;
    let (Some(user), Some(key)) = (&ids.demo_user, &ids.key) else {
        return Err(ApiError::not_found(
            "this server signs no demo shopper (server.demo_user is not set)",
        ));
    };
    let proxied = PROXY_HEADERS.iter().any(|h| headers.contains_key(*h));
    if !peer.ip().is_loopback() || proxied {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "demo_identity_local_only",
            "the demo identity is handed only to pages opened on this machine",
        ));
    }
    let expires_at = chrono::Utc::now().timestamp() + DEMO_TOKEN_SECS;
    let token = key
        .sign(user, expires_at)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.code(), e.to_string()))?;
    Ok(Json(serde_json::json!({
        "identity": token,
        "user_id": user,
        "expires_at": expires_at,
    })))
}
