use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use std::sync::Arc;
use tower_http::services::ServeDir;

use crate::config::Config;
use crate::dialogue::ChatService;
use crate::store::{Store, StoreError};

use super::hub::Hub;
use super::limits::ConnectionLimits;
use super::metrics::Metrics;
use super::session_log::SessionLog;

/// Everything a request handler may reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Store,
    /// The dialogue manager; `None` while it is not running (chat routes answer 503).
    pub chat: Option<Arc<dyn ChatService>>,
    pub metrics: Arc<Metrics>,
    pub(crate) session_log: SessionLog,
    pub(crate) limits: Arc<ConnectionLimits>,
    pub(crate) hub: Arc<Hub>,
}

impl AppState {
    pub fn new(
        config: Arc<Config>,
        store: Store,
        chat: Option<Arc<dyn ChatService>>,
    ) -> Result<Self, StoreError> {
        Ok(Self {
            config,
            session_log: SessionLog::open(&store)?,
            store,
            chat,
            metrics: Arc::new(Metrics::default()),
            limits: Arc::new(ConnectionLimits::default()),
            hub: Arc::new(Hub::default()),
        })
    }
}

/// The whole HTTP surface, so tests can drive the real router. Serve it with
/// `into_make_service_with_connect_info::<SocketAddr>()` (the socket limits need the peer).
pub fn app(state: AppState) -> Router {
    let web = ServeDir::new(&state.config.server.web_dir);
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/ws", get(super::ws::upgrade))
        .route("/api/chat", post(super::chat::rest_chat))
        .route("/admin/handoffs", get(super::agent::list))
        .route("/admin/sessions/{id}/reply", post(super::agent::reply))
        .route("/admin/sessions/{id}/release", post(super::agent::release))
        .route("/admin/sessions/{id}/history", get(super::agent::history))
        .fallback_service(web)
        .with_state(state)
}

async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

async fn metrics(axum::extract::State(state): axum::extract::State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
}
