//! Shopper behaviour: events (view, click, cart, purchase, rating, review, thumb) stored
//! append-only in sled, idempotent by client id and durable before acknowledged; session →
//! user links; per-shopper profiles derived from the events (and rebuildable from them);
//! the conversation log (one [`TurnFact`] per answered turn) and the [`analytics`]
//! computed from both logs.

pub mod analytics;
mod config;
mod event;
mod log;
mod profile;
mod turns;

pub use config::BehaviorConfig;
pub use event::{Action, Event, EventInput, KINDS};
pub use log::{Ack, EventLog, Subject};
pub use profile::{PriceBand, Profile, Purchased};
pub use turns::{ReviewDecision, Shown, TurnFact};

use thiserror::Error;

use crate::store::StoreError;
use crate::types::{ProductId, SessionId, UserId};

/// What behaviour needs to know of a product: to check an event names a real one, and to
/// turn "viewed X" into "likes this category, brand, colour and price".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProductFacts {
    /// Category ids from the root to the product's own category.
    pub categories: Vec<String>,
    pub brand: Option<String>,
    /// (attribute name, value), e.g. ("color", "black").
    pub attributes: Vec<(String, String)>,
    pub price: Option<f64>,
    pub consumable: bool,
}

/// The catalogue as behaviour sees it (implemented by the knowledge graph, and by a plain
/// map in tests and tools).
pub trait ProductDirectory: Send + Sync {
    fn facts(&self, product: &ProductId) -> Option<ProductFacts>;
}

impl ProductDirectory for std::collections::HashMap<ProductId, ProductFacts> {
    fn facts(&self, product: &ProductId) -> Option<ProductFacts> {
        self.get(product).cloned()
    }
}

#[derive(Debug, Error)]
pub enum BehaviorError {
    #[error("event {index} (id {id:?}): {message} (hint: {hint})")]
    Invalid {
        index: usize,
        id: String,
        message: String,
        hint: String,
    },
    #[error("the batch holds no events (hint: send a JSON array with at least one event)")]
    EmptyBatch,
    #[error("the batch holds {got} events, more than the {max} allowed (hint: split it, or raise behavior.max_batch)")]
    BatchTooLarge { got: usize, max: usize },
    #[error("session {session} is already linked to user {user} (hint: a new log-in needs a new session id)")]
    AlreadyLinked { session: SessionId, user: UserId },
    #[error(transparent)]
    Store(#[from] StoreError),
}
