//! The dialogue manager's public face: a [`Turn`] in, replies out. The transport layer
//! talks to any [`ChatService`]; the tracker / policy / NLG implementation lands with its
//! issue (#7).

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::types::{Reply, SessionId, UserId};

/// One thing a shopper did in a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    pub session: SessionId,
    pub user: Option<UserId>,
    pub locale: Option<String>,
    pub input: TurnInput,
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
    #[error("internal error: {0}")]
    Internal(String),
}

/// What the transport needs from the dialogue manager.
pub trait ChatService: Send + Sync + 'static {
    /// Handles one turn; the replies answer it, in order (often one, none for events).
    fn turn(&self, turn: Turn) -> BoxFuture<'_, Result<Vec<Reply>, DialogueError>>;
}
