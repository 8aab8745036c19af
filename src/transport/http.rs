use axum::http::header;
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use std::sync::Arc;
use tower_http::services::ServeDir;

use crate::config::Config;
use crate::dialogue::ChatService;
use crate::knowledge::LiveGraph;
use crate::store::{Store, StoreError};

use super::guard::{check_request, json_only, Guards};
use super::hub::Hub;
use super::identity::Identities;
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
    /// The knowledge graph being served (swapped on file changes and admin edits).
    pub knowledge: Option<Arc<LiveGraph>>,
    pub(crate) session_log: SessionLog,
    pub(crate) limits: Arc<ConnectionLimits>,
    pub(crate) hub: Arc<Hub>,
    /// Other replicas on the shared store (`None` on sled).
    pub(crate) replicas: Option<Arc<super::replicas::Replicas>>,
    /// Checks shoppers' identity tokens (and signs the loopback demo's).
    pub(crate) identities: Arc<Identities>,
    /// Origin, client address and REST rate checks (`server.*` limits).
    pub(crate) guards: Arc<Guards>,
    /// The shopper event log behind `POST /api/events`; `None` answers 503.
    pub events: Option<super::events::EventsApi>,
}

impl AppState {
    pub fn new(
        config: Arc<Config>,
        store: Store,
        chat: Option<Arc<dyn ChatService>>,
    ) -> Result<Self, StoreError> {
        let session_log = SessionLog::open(&store)?;
        let hub = Arc::new(Hub::default());
        let replicas = super::replicas::Replicas::start(&store, session_log.clone(), hub.clone());
        Ok(Self {
            identities: Arc::new(Identities::from_config(&config.server)),
            guards: Arc::new(Guards::new(&config)),
            config,
            session_log,
            store,
            chat,
            metrics: Arc::new(Metrics::default()),
            knowledge: None,
            limits: Arc::new(ConnectionLimits::default()),
            hub,
            replicas,
            events: None,
        })
    }

    /// Accepts shopper events on `POST /api/events`, checked against `products`.
    pub fn with_events(
        mut self,
        log: Arc<crate::behavior::EventLog>,
        products: Arc<dyn crate::behavior::ProductDirectory>,
    ) -> Self {
        self.events = Some(super::events::EventsApi { log, products });
        self
    }
}

impl AppState {
    /// Pushes a logged frame to the session's sockets on this replica, and tells the other
    /// replicas to push it to theirs. Returns the sockets reached here.
    pub(crate) fn push_everywhere(
        &self,
        session: &str,
        seq: u64,
        frame: &super::protocol::ServerFrame,
    ) -> usize {
        let here = self.hub.push(session, frame);
        if let Some(r) = &self.replicas {
            r.announce(session, seq);
        }
        here
    }

    /// Serves this knowledge graph (admin API, metrics).
    pub fn with_knowledge(mut self, live: Arc<LiveGraph>) -> Self {
        self.knowledge = Some(live);
        self
    }
}

/// The whole HTTP surface, so tests can drive the real router. Serve it with
/// `into_make_service_with_connect_info::<SocketAddr>()` (the socket limits need the peer).
pub fn app(state: AppState) -> Router {
    let web = ServeDir::new(&state.config.server.web_dir);
    let admin = state
        .config
        .admin
        .token
        .is_some()
        .then(|| super::admin::routes(state.clone()));
    let router = match admin {
        Some(admin) => Router::new().nest("/admin", admin),
        None => Router::new(),
    };
    router
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/openapi.yaml", get(openapi))
        .route("/ws", get(super::ws::upgrade))
        .route(
            "/api/chat",
            post(super::chat::rest_chat)
                .layer(middleware::from_fn_with_state(state.clone(), json_only)),
        )
        .route("/api/demo/identity", get(super::identity::demo))
        .route("/api/products", get(super::products::list))
        .route("/api/products/{id}", get(super::products::one))
        .route("/products/{id}", get(super::product_page::page))
        .route("/admin/dashboard", get(super::analytics::dashboard))
        .route("/admin/handoffs", get(super::agent::list))
        .route("/admin/sessions/{id}/reply", post(super::agent::reply))
        .route("/admin/sessions/{id}/release", post(super::agent::release))
        .route("/admin/sessions/{id}/history", get(super::agent::history))
        .route(
            "/api/events",
            post(super::events::post_events)
                .layer(middleware::from_fn_with_state(state.clone(), json_only)),
        )
        .fallback_service(web)
        .layer(middleware::from_fn_with_state(state.clone(), check_request))
        .with_state(state)
}

async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

async fn metrics(axum::extract::State(state): axum::extract::State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render() + &bound_metrics(&state) + &knowledge_metrics(&state),
    )
}

/// The sizes of the tables that grow with traffic, so a leak shows as a rising line.
fn bound_metrics(state: &AppState) -> String {
    format!(
        "# HELP kefu_hub_sessions Sessions with an open socket subscribed to pushed frames.\n# TYPE kefu_hub_sessions gauge\n\
         kefu_hub_sessions {}\n\
         # HELP kefu_dialogue_busy_sessions Sessions with a turn running or waiting (per-session locks held).\n# TYPE kefu_dialogue_busy_sessions gauge\n\
         kefu_dialogue_busy_sessions {}\n\
         # HELP kefu_rate_limit_keys Client addresses and sessions whose REST rate is being tracked.\n# TYPE kefu_rate_limit_keys gauge\n\
         kefu_rate_limit_keys{{scope=\"address\"}} {}\nkefu_rate_limit_keys{{scope=\"session\"}} {}\n",
        state.hub.sessions(),
        state.chat.as_ref().map_or(0, |c| c.busy_sessions()),
        state.guards.per_ip.len(),
        state.guards.per_session.len(),
    )
}

/// The knowledge graph's reload counters, in the same exposition format.
fn knowledge_metrics(state: &AppState) -> String {
    use std::sync::atomic::Ordering::Relaxed;
    let Some(live) = &state.knowledge else {
        return String::new();
    };
    format!(
        "# HELP kefu_kg_reloads_total Knowledge graph reloads by result.\n# TYPE kefu_kg_reloads_total counter\n\
         kefu_kg_reloads_total{{result=\"ok\"}} {}\nkefu_kg_reloads_total{{result=\"failed\"}} {}\n\
         # HELP kefu_kg_reload_failing 1 while the knowledge files on disk fail validation (the previous graph is served).\n# TYPE kefu_kg_reload_failing gauge\n\
         kefu_kg_reload_failing {}\n\
         # HELP kefu_kg_products Products in the graph being served.\n# TYPE kefu_kg_products gauge\nkefu_kg_products {}\n",
        live.reloads_ok.load(Relaxed),
        live.reloads_failed.load(Relaxed),
        u8::from(live.reload_failing.load(Relaxed)),
        live.graph().products().len()
    )
}

/// The REST part of the protocol as an OpenAPI document (docs/openapi.yaml).
async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/yaml")],
        include_str!("../../docs/openapi.yaml"),
    )
}
