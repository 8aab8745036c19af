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
    /// later than the allowed clock skew. Not flushed: it is part of a chat turn, made
    /// durable by the turn's one flush before the `ack` goes out.
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
        let mut acks = self.store_batch(vec![pending], products, received, false)?;
        Ok(acks.pop().expect("one event in, one ack out"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_shop::{at, event, open, shop};
    use super::super::{Action, Subject};
    use super::*;

    fn origin(session: &str, user: Option<&str>) -> Origin {
        Origin {
            session: SessionId::new(session),
            user: user.map(UserId::new),
        }
    }

    crate::store_tests! {
        fn the_page_may_not_report_purchases_ratings_or_reviews(ts) {
            let (_store, log) = open(&ts);
            for kind in ["purchase", "rating", "review", "teleport"] {
                let e = EventInput {
                    order_id: Some("o-1".into()),
                    price: Some(1.0),
                    quantity: Some(1),
                    rating: Some(5),
                    text: Some("great".into()),
                    ..event("p", kind, "kettle")
                };
                let err = log
                    .append_from_socket(&e, &origin("s-1", Some("ann")), None, &shop())
                    .unwrap_err();
                assert!(
                    matches!(err, BehaviorError::NotFromSocket { .. }),
                    "{kind}: {err}"
                );
            }
            assert!(log.is_empty());
        }
    }

    crate::store_tests! {
        fn the_connection_says_who_and_when_not_the_frame(ts) {
            let (_store, log) = open(&ts);
            let forged = EventInput {
                session: Some(SessionId::new("victim-session")),
                user: Some(UserId::new("victim")),
                at: Some(at("2999-01-01T00:00:00Z")),
                ..event("v1", "view", "kettle")
            };
            let before = Utc::now();
            log.append_from_socket(&forged, &origin("mine", None), None, &shop())
                .unwrap();
            let stored = log.all_events().unwrap().pop().unwrap();
            assert_eq!(stored.session, Some(SessionId::new("mine")));
            assert_eq!(stored.user, None);
            assert_eq!(stored.source, Source::Socket);
            assert!(
                stored.at >= before && stored.at <= Utc::now(),
                "{}",
                stored.at
            );
            assert!(log
                .profile(&Subject::User(UserId::new("victim")))
                .unwrap()
                .is_none());
            assert!(log
                .profile(&Subject::Session(SessionId::new("victim-session")))
                .unwrap()
                .is_none());
            // A simulation's time counts, but never beyond the allowed skew.
            log.append_from_socket(
                &event("v2", "view", "kettle"),
                &origin("mine", None),
                Some(at("2999-01-01T00:00:00Z")),
                &shop(),
            )
            .unwrap();
            assert!(log.all_events().unwrap().pop().unwrap().at <= Utc::now());
        }

        fn a_socket_cannot_claim_the_backends_ids_or_another_sessions(ts) {
            let (_store, log) = open(&ts);
            let view = event("shared-id", "view", "kettle");
            let first = log
                .append_from_socket(&view, &origin("a", None), None, &shop())
                .unwrap();
            assert!(!first.duplicate);
            // The same page resending is a duplicate; another session's same id is not.
            assert!(
                log.append_from_socket(&view, &origin("a", None), None, &shop())
                    .unwrap()
                    .duplicate
            );
            assert!(
                !log.append_from_socket(&view, &origin("b", None), None, &shop())
                    .unwrap()
                    .duplicate
            );
            // The backend sending that id later is stored, and is idempotent in its own space.
            let backend = EventInput {
                order_id: Some("o-1".into()),
                price: Some(40.0),
                quantity: Some(1),
                user: Some(UserId::new("ann")),
                ..event("shared-id", "purchase", "kettle")
            };
            let acks = log.append(std::slice::from_ref(&backend), &shop()).unwrap();
            assert!(!acks[0].duplicate);
            assert!(log.append(&[backend], &shop()).unwrap()[0].duplicate);
            let purchases = log
                .all_events()
                .unwrap()
                .into_iter()
                .filter(|e| matches!(e.action, Action::Purchase { .. }))
                .count();
            assert_eq!((log.len(), purchases), (3, 1));
        }
    }
}
