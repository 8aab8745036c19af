//! HTTP and WebSocket: the only layer that knows axum. Errors of every module become
//! status codes and error frames here and nowhere else. The wire protocol is written down
//! in docs/protocol.md.

mod admin;
mod agent;
mod analytics;
mod auth;
mod chat;
mod client_ip;
mod config;
mod error;
mod events;
mod guard;
mod http;
mod hub;
mod identity;
mod limits;
mod memory;
mod metrics;
mod origin;
mod product_links;
mod product_page;
mod products;
pub mod protocol;
mod replicas;
mod session_log;
mod ws;

pub use chat::{ChatRequest, ChatResponse};
pub use config::{AdminConfig, ServerConfig};
pub use error::ApiError;
pub use events::EventsApi;
pub use http::{app, AppState};
pub use metrics::Metrics;
pub use session_log::SessionLog;
