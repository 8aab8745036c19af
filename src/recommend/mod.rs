//! Ranking products for a request and a shopper, and evaluating rankers offline.

mod config;
mod error;
pub mod eval;
mod item_model;

pub use config::RecommendConfig;
pub use error::RecommendError;
pub use item_model::{ItemModel, ItemModelParams};
