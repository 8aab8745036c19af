//! HTTP and WebSocket: the only layer that knows axum. Errors of every module become
//! status codes and error frames here and nowhere else.

mod config;
mod error;
mod http;

pub use config::{AdminConfig, ServerConfig};
pub use error::ApiError;
pub use http::{app, AppState};
