//! Ranking products for a request and a shopper.

mod config;

pub use config::RecommendConfig;
