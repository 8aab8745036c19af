//! Ranking products for a request and a shopper, and evaluating rankers offline.
//!
//! - [`Recommender`]: hard constraints from the NLU slots, semantic relevance (the NLU's
//!   encoder on request and product text), the shopper's profile, co-view / co-purchase
//!   from the event log, graph relations, popularity and rating; MMR across brands; a
//!   sort wish; a one-line reason per product.
//! - [`ItemModel`]: the behavioural item-to-item model (recency-weighted transitions +
//!   co-occurrence), shared by the live ranker and the offline evaluation.
//! - [`eval`]: `kefu rec eval`, leave-one-out HR@10 / NDCG@10 against baselines.

mod config;
mod directory;
mod engine;
mod error;
pub mod eval;
mod item_model;
mod reason;
mod request;

pub use config::RecommendConfig;
pub use engine::Recommender;
pub use error::RecommendError;
pub use item_model::{ItemModel, ItemModelParams};
pub use reason::{Companion, Fit, Reason};
pub use request::{RecommendRequest, Recommendation, SortWish};
