use axum::routing::get;
use axum::{Json, Router};
use std::sync::Arc;
use tower_http::services::ServeDir;

use crate::config::Config;
use crate::store::Store;

/// Everything a request handler may reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Store,
}

/// The whole HTTP surface, so tests can drive the real router.
pub fn app(state: AppState) -> Router {
    let web = ServeDir::new(&state.config.server.web_dir);
    Router::new()
        .route("/healthz", get(healthz))
        .fallback_service(web)
        .with_state(state)
}

async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}
