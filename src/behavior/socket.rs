//! Events from a shopper's own page, over the socket. The page is not trusted: only the
//! kinds in [`SOCKET_KINDS`] are taken, the session and user are the connection's (the
//! frame's `session`, `user` and `at` are ignored), and the ids live in the socket's own
//! namespace, per session.

use chrono::{DateTime, Utc};

use super::log::Pending;
use super::{Ack, BehaviorError, EventInput, EventLog, ProductDirectory, Source, SOCKET_KINDS};
use crate::types::{SessionId, UserId};

/// Who is on the other end of a socket, as the connection established it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub session: SessionId,
    /// The verified user, or `None` for an anonymous shopper.
    pub user: Option<UserId>,
}

impl EventLog {
    /// Stores one event a shopper's page sent. `at` is the connection's time for it: the
    /// server's clock, except in a simulation (`server.accept_client_time`), and never
    /// later than the allowed clock skew.
    pub fn append_from_socket(
        &self,
        input: &EventInput,
        origin: &Origin,
        at: Option<DateTime<Utc>>,
        products: &dyn ProductDirectory,
    ) -> Result<Ack, BehaviorError> {
        if !SOCKET_KINDS.contains(&input.kind.as_str()) {
            return Err(BehaviorError::NotFromSocket {
                kind: input.kind.chars().take(40).collect(),
            });
        }
        let mut input = input.clone();
        input.session = Some(origin.session.clone());
        input.user = origin.user.clone();
        input.at = None;
        if input.id.trim().is_empty() {
            input.id = uuid::Uuid::new_v4().to_string();
        }
        let action = input.validate(0, Some(products), &self.config().bounds())?;
        let received = Utc::now();
        let latest = received + self.config().max_skew();
        let pending = Pending {
            id: input.id,
            source: Source::Socket,
            session: input.session,
            user: input.user,
            at: at.filter(|t| *t <= latest).unwrap_or(received),
            action,
        };
        let mut acks = self.store_batch(vec![pending], products, received)?;
        Ok(acks.pop().expect("one event in, one ack out"))
    }
}
