//! Shopper behaviour: events (view, click, cart, purchase, rating, review, thumb) stored
//! append-only in sled, idempotent by client id per source and durable before
//! acknowledged, each batch all or nothing; session → user links; per-shopper profiles
//! derived from the events (and rebuildable from them); the conversation log (one
//! [`TurnFact`] per answered turn); time indexes over both logs, which the [`analytics`]
//! read a range through and retention deletes by.

pub mod analytics;
mod config;
mod event;
mod expire;
mod log;
mod profile;
mod socket;
#[cfg(test)]
mod test_shop;
mod time_index;
mod turns;

pub use config::{BehaviorConfig, Bounds};
pub use event::{Action, Event, EventInput, Source, KINDS, SOCKET_KINDS};
pub use expire::Expired;
pub use log::{Ack, EventLog, Subject};
pub use profile::{PriceBand, Profile, Purchased};
pub use socket::Origin;
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

/// What behaviour needs to know of an order: whose it is and what it holds (a rating
/// must name an order of its author that holds the product).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderFacts {
    pub user: UserId,
    pub products: Vec<ProductId>,
}

/// The catalogue as behaviour sees it (implemented by the knowledge graph, and by a plain
/// map in tests and tools).
pub trait ProductDirectory: Send + Sync {
    fn facts(&self, product: &ProductId) -> Option<ProductFacts>;

    /// The order book, where the directory has one (none: ratings are refused).
    fn order(&self, order_id: &str) -> Option<OrderFacts> {
        let _ = order_id;
        None
    }
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
    #[error("a `{kind}` event cannot come from the shopper's page (hint: the socket takes {}; the shop's backend reports the rest on POST /api/events)", SOCKET_KINDS.join(", "))]
    NotFromSocket { kind: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}
