//! What every request passes before its handler: the page it comes from (`Origin`), how
//! fast its client is asking (REST rates), and for JSON routes, that the body says it is
//! JSON. Refusals are the usual error body (code, message, hint).

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use crate::config::Config;

use super::client_ip::TrustedProxies;
use super::error::ApiError;
use super::http::AppState;
use super::limits::KeyedLimiter;
use super::origin::AllowedOrigins;

/// Most client addresses (and sessions) whose request rate is tracked at once.
const MAX_TRACKED_KEYS: usize = 100_000;

/// The request checks, built once from the config.
pub(crate) struct Guards {
    pub proxies: TrustedProxies,
    pub origins: AllowedOrigins,
    pub per_ip: KeyedLimiter<IpAddr>,
    pub per_session: KeyedLimiter<String>,
}

impl Guards {
    pub(crate) fn new(config: &Config) -> Self {
        let s = &config.server;
        Self {
            proxies: TrustedProxies::parse(&s.trusted_proxies).unwrap_or_default(),
            origins: AllowedOrigins::new(&s.allowed_origins, s.socket_addr()),
            per_ip: KeyedLimiter::new(s.rest_requests_per_second, s.rest_burst, MAX_TRACKED_KEYS),
            per_session: KeyedLimiter::new(
                s.session_turns_per_second,
                s.session_burst,
                MAX_TRACKED_KEYS,
            ),
        }
    }

    /// The client's address (see [`TrustedProxies::client`]).
    pub(crate) fn client(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        self.proxies.client(peer.ip(), headers)
    }

    /// Refuses a page whose origin is not allowed.
    pub(crate) fn check_origin(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let origin = headers
            .get(header::ORIGIN)
            .map(|v| v.to_str().unwrap_or(""));
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        if self.origins.allows(origin, host) {
            return Ok(());
        }
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "origin_not_allowed",
            format!("requests from {:?} are not allowed", origin.unwrap_or("")),
        )
        .with_hint("add the page's origin to server.allowed_origins"))
    }

    /// The per-session turn rate of the REST chat: a 429 to send back when over it.
    pub(crate) fn check_session(&self, session: &str) -> Result<(), Box<Response>> {
        self.per_session
            .check(&session.to_string())
            .map_err(|wait| Box::new(too_many(wait, "this session")))
    }
}

/// 429 with `Retry-After` (whole seconds, at least 1).
pub(crate) fn too_many(wait: Duration, who: &str) -> Response {
    let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
    let mut response = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!("too many requests from {who}; try again in {secs} s"),
    )
    .with_hint("slow down; the limits are server.rest_requests_per_second and server.session_turns_per_second")
    .into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    response
}

/// The routes a browser page could be made to call: the socket, the shop API, the admin.
fn origin_checked(path: &str) -> bool {
    path == "/ws" || path.starts_with("/api/") || path.starts_with("/admin/")
}

/// Origin first (a refused page learns nothing else), then the per-address REST rate.
pub(crate) async fn check_request(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path();
    if origin_checked(path) {
        if let Err(e) = state.guards.check_origin(req.headers()) {
            state.metrics.count_error(e.code);
            return e.into_response();
        }
    }
    if rate_limited(path) {
        // In-process callers (tests driving the router directly) have no peer address.
        if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>() {
            let ip = state.guards.client(*peer, req.headers());
            if let Err(wait) = state.guards.per_ip.check(&ip) {
                state.metrics.count_error("rate_limited");
                return too_many(wait, "this address");
            }
        }
    }
    next.run(req).await
}

/// The shopper-facing REST routes. `/api/events` is the shop backend's (behind its token),
/// the admin routes are behind theirs, and the socket has its own frame rate.
fn rate_limited(path: &str) -> bool {
    path.starts_with("/api/") && path != "/api/events" || path.starts_with("/products/")
}

/// Refuses a body that does not say it is JSON: a web page can post `text/plain` or a form
/// to any site without asking (no CORS preflight), but not `application/json`.
pub(crate) fn require_json(method: &Method, headers: &HeaderMap) -> Result<(), ApiError> {
    if !matches!(*method, Method::POST | Method::PUT | Method::PATCH) {
        return Ok(());
    }
    let essence = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    match essence.as_deref() {
        Some("application/json") => Ok(()),
        other => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!(
                "the body must be JSON; Content-Type was {}",
                other.map_or("missing".to_string(), |o| format!("{o:?}"))
            ),
        )
        .with_hint("send Content-Type: application/json")),
    }
}

/// [`require_json`] as a layer, for routes that take only JSON.
pub(crate) async fn json_only(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Err(e) = require_json(req.method(), req.headers()) {
        state.metrics.count_error(e.code);
        return e.into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_type(t: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(t) = t {
            h.insert(header::CONTENT_TYPE, t.parse().unwrap());
        }
        h
    }

    #[test]
    fn json_bodies_must_say_so() {
        let ok = |t| require_json(&Method::POST, &with_type(t)).is_ok();
        assert!(ok(Some("application/json")));
        assert!(ok(Some("Application/JSON; charset=utf-8")));
        assert!(!ok(Some("text/plain")));
        assert!(!ok(Some("application/x-www-form-urlencoded")));
        assert!(!ok(None));
        assert!(require_json(&Method::GET, &with_type(None)).is_ok());
        let e = require_json(&Method::POST, &with_type(Some("text/plain"))).unwrap_err();
        assert_eq!((e.status.as_u16(), e.code), (415, "unsupported_media_type"));
    }

    #[test]
    fn retry_after_is_whole_seconds_and_never_zero() {
        let r = too_many(Duration::from_millis(10), "x");
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.headers()[header::RETRY_AFTER], "1");
        let r = too_many(Duration::from_millis(2500), "x");
        assert_eq!(r.headers()[header::RETRY_AFTER], "3");
    }

    #[test]
    fn which_routes_are_checked() {
        assert!(origin_checked("/ws") && origin_checked("/api/chat"));
        assert!(origin_checked("/admin/handoffs"));
        assert!(!origin_checked("/widget.js") && !origin_checked("/healthz"));
        assert!(rate_limited("/api/chat") && rate_limited("/api/products"));
        assert!(rate_limited("/products/p1"));
        assert!(!rate_limited("/api/events") && !rate_limited("/admin/handoffs"));
    }
}
