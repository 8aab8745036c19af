//! The dialogue manager: a [`Turn`] in, replies out. A tracker per session (sled) holds
//! what was said; a policy picks the action for the parse; actions answer from the
//! knowledge graph; NLG fills the shop's templates (knowledge/responses/).
//!
//! - [`Dialogue`] implements [`ChatService`], which the transport layer talks to.
//! - [`Understand`] is what the dialogue needs from the NLU.

mod age;
mod cart;
mod cart_talk;
mod compare_rows;
mod config;
mod ctx;
mod engine;
mod entities;
mod nlg;
mod orders;
mod outcome;
mod policy;
mod prices;
mod product;
mod reasons;
mod request;
mod search;
mod session_locks;
mod slots;
mod talk;
mod tracker;
mod understand;

pub use config::DialogueConfig;
pub use engine::{Dialogue, DialogueParts};
pub use nlg::{format_price, Templates};
pub use policy::INTENTS;
pub use request::search_request;
pub use tracker::{CartLine, Claim, Handoff, Pending, Tracker, TrackerStore, TurnRecord};

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::types::{CartView, Parse, Reply, SessionId, UserId};

/// One thing a shopper did in a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    pub session: SessionId,
    /// The shopper as the shop signed them (a checked identity token), never a client's
    /// word; `None` is an anonymous shopper. A session owned by a user takes turns only
    /// from that user ([`DialogueError::SessionOwned`]).
    pub user: Option<UserId>,
    pub locale: Option<String>,
    pub input: TurnInput,
    /// When it happened, for simulations and replays; the server's clock when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TurnInput {
    /// Typed text.
    Text { text: String },
    /// A quick reply or button pressed; `payload` is what the button carried.
    Action { payload: String },
    /// A behaviour event (view, click, add to cart …), as the client sent it.
    Event { event: serde_json::Value },
    /// Thumbs up/down on a reply.
    Feedback {
        reply_id: String,
        up: bool,
        comment: Option<String>,
    },
}

#[derive(Debug, Error)]
pub enum DialogueError {
    #[error("the assistant is busy; try again in a moment")]
    Overloaded,
    #[error("{0}")]
    BadInput(String),
    #[error("this conversation belongs to a signed-in shopper; start a new one (hello without session_id)")]
    SessionOwned,
    #[error("dialogue configuration: {0}")]
    Config(String),
    #[error("internal error: {0}")]
    Internal(String),
}

/// A conversation waiting for, or talking with, a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandoffSummary {
    pub session: SessionId,
    pub user: Option<UserId>,
    /// The latest turns, oldest first.
    pub turns: Vec<TurnRecord>,
}

/// What the transport needs from the dialogue manager.
pub trait ChatService: Send + Sync + 'static {
    /// Handles one turn; the replies answer it, in order (often one, none for events).
    /// What the turn wrote is durable when it returns.
    fn turn(&self, turn: Turn) -> BoxFuture<'_, Result<Vec<Reply>, DialogueError>>;

    /// [`Self::turn`], its writes applied but not yet flushed: the caller (the transport)
    /// flushes the store once for the whole turn, its own log included, before it sends
    /// anything. A service without a flush of its own keeps the default.
    fn turn_unflushed(&self, turn: Turn) -> BoxFuture<'_, Result<Vec<Reply>, DialogueError>> {
        self.turn(turn)
    }

    /// Whether every write of a turn goes into `store`, so that one flush of it (the
    /// caller's) makes the turn durable: only then may the caller use
    /// [`Self::turn_unflushed`].
    fn writes_only_to(&self, store: &crate::store::Store) -> bool {
        let _ = store;
        false
    }

    /// Sessions handed to a person (none for a service that never hands off).
    fn handoffs(&self) -> Result<Vec<HandoffSummary>, DialogueError> {
        Ok(Vec::new())
    }

    /// A person hands the session back; `false` when there is no such session.
    fn release<'a>(&'a self, session: &'a SessionId) -> BoxFuture<'a, Result<bool, DialogueError>> {
        let _ = session;
        Box::pin(async { Ok(false) })
    }

    /// Who the session belongs to from now on, before a client sees its history: an
    /// anonymous session becomes `user`'s when a signed-in shopper says hello on it
    /// (its history, cart and behaviour stay); a session a user owns refuses anyone else,
    /// anonymous or signed, with [`DialogueError::SessionOwned`].
    fn claim<'a>(
        &'a self,
        session: &'a SessionId,
        user: Option<&'a UserId>,
    ) -> BoxFuture<'a, Result<(), DialogueError>> {
        let _ = (session, user);
        Box::pin(async { Ok(()) })
    }

    /// The session's cart, for a client that (re)connects; `None` for a service that
    /// keeps no cart.
    fn cart(&self, session: &SessionId) -> Result<Option<CartView>, DialogueError> {
        let _ = session;
        Ok(None)
    }

    /// Sessions with a turn running or waiting for one (the size of the per-session lock
    /// table, reported as a gauge so a leak would show).
    fn busy_sessions(&self) -> usize {
        0
    }
}

/// What the dialogue needs from the NLU: a parse of one message.
pub trait Understand: Send + Sync + 'static {
    fn parse<'a>(&'a self, text: &'a str) -> BoxFuture<'a, Result<Parse, DialogueError>>;
}
