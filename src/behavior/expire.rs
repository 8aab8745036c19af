//! Retention for the behaviour logs: events and turn facts dated before a cutoff are
//! deleted through the time indexes (the oldest first, nothing else read), with their
//! index entries, idempotency keys and review decisions; profiles not changed since the
//! cutoff go too. Each chunk is one transaction, so a crash mid-sweep leaves no dangling
//! index entry.

use chrono::{DateTime, Utc};

use super::log::{named_key, reply_of, shopper_names};
use super::{BehaviorError, EventLog};
use crate::store::{seq_of, time_key, WriteSet};

/// What one retention pass deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Expired {
    pub events: u64,
    pub turns: u64,
    pub profiles: u64,
}

/// Records deleted per transaction (and per hold of the write lock).
const CHUNK: usize = 1000;

impl EventLog {
    /// Deletes what is older than `cutoff` and makes the deletion durable.
    pub fn expire(&self, cutoff: DateTime<Utc>) -> Result<Expired, BehaviorError> {
        let expired = Expired {
            events: self.expire_events(cutoff)?,
            turns: self.expire_turns(cutoff)?,
            profiles: self.expire_profiles(cutoff)?,
        };
        self.store.flush()?;
        Ok(expired)
    }

    /// The next chunk of keys in a time index dated before `cutoff`.
    fn oldest(
        index: &crate::store::Tree<()>,
        cutoff: DateTime<Utc>,
    ) -> Result<Vec<Vec<u8>>, BehaviorError> {
        index
            .range([], time_key(cutoff))
            .take(CHUNK)
            .map(|r| r.map(|(k, ())| k).map_err(BehaviorError::from))
            .collect()
    }

    fn expire_events(&self, cutoff: DateTime<Utc>) -> Result<u64, BehaviorError> {
        let mut n = 0;
        loop {
            let _guard = self.write.lock();
            let keys = Self::oldest(&self.events_by_time, cutoff)?;
            if keys.is_empty() {
                return Ok(n);
            }
            let mut set = WriteSet::new();
            for key in keys {
                set.remove(&self.events_by_time, &key);
                let Some(seq) = seq_of(&key) else { continue };
                if let Some(e) = self.events.get(seq.to_be_bytes())? {
                    set.remove(&self.events, seq.to_be_bytes());
                    set.remove(&self.ids, e.id_key());
                    if let Some(reply) = reply_of(&e.action) {
                        set.remove(&self.events_by_reply, named_key(reply, seq));
                    }
                    for name in shopper_names(e.session.as_ref(), e.user.as_ref()) {
                        set.remove(&self.events_by_shopper, named_key(name, seq));
                    }
                    n += 1;
                }
            }
            self.store.commit(set)?;
        }
    }

    fn expire_turns(&self, cutoff: DateTime<Utc>) -> Result<u64, BehaviorError> {
        let mut n = 0;
        loop {
            let keys = Self::oldest(&self.turns_by_time, cutoff)?;
            if keys.is_empty() {
                return Ok(n);
            }
            let mut set = WriteSet::new();
            for key in keys {
                set.remove(&self.turns_by_time, &key);
                let Some(seq) = seq_of(&key) else { continue };
                if let Some(t) = self.turns.get(seq.to_be_bytes())? {
                    for name in shopper_names(Some(&t.session), t.user.as_ref()) {
                        set.remove(&self.turns_by_shopper, named_key(name, seq));
                    }
                    set.remove(&self.turns, seq.to_be_bytes());
                    set.remove(&self.reviews, seq.to_be_bytes());
                    n += 1;
                }
            }
            self.store.commit(set)?;
        }
    }

    fn expire_profiles(&self, cutoff: DateTime<Utc>) -> Result<u64, BehaviorError> {
        Ok(self.profile_ages.sweep(cutoff, |key| {
            let _guard = self.write.lock();
            match self.profiles.get(key)? {
                Some(p) if p.as_of < cutoff => {
                    self.profiles.remove(key)?;
                    Ok(1)
                }
                _ => Ok(0),
            }
        })?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_shop::{at, event, open, shop};
    use super::super::{EventInput, Subject, TurnFact};
    use super::*;
    use crate::types::SessionId;

    fn turn(session: &str, when: DateTime<Utc>) -> TurnFact {
        TurnFact {
            seq: 0,
            session: SessionId::new(session),
            user: None,
            at: when,
            text: "hi".into(),
            intent: "greet".into(),
            confidence: 0.9,
            slots: vec![],
            sentiment: Default::default(),
            sentiment_score: 0.0,
            action: "greet".into(),
            reply_id: format!("r-{session}-{when}"),
            products: vec![],
            fallback: false,
            handoff: false,
            no_results: false,
            csat: None,
        }
    }

    crate::store_tests! {
        fn what_is_older_than_the_cutoff_goes_with_its_index_entries(ts) {
            let (_store, log) = open(&ts);
            let old = at("2025-01-10T10:00:00Z");
            let new = at("2026-03-10T10:00:00Z");
            let dated = |id: &str, session: &str, when| EventInput {
                session: Some(SessionId::new(session)),
                at: Some(when),
                reply_id: Some("r-1".into()),
                ..event(id, "click", "kettle")
            };
            log.append(
                &[dated("e-old", "gone", old), dated("e-new", "kept", new)],
                &shop(),
            )
            .unwrap();
            log.record_turn(turn("gone", old)).unwrap();
            log.record_turn(turn("kept", new)).unwrap();

            let expired = log.expire(at("2026-01-01T00:00:00Z")).unwrap();
            assert_eq!(
                expired,
                Expired {
                    events: 1,
                    turns: 1,
                    profiles: 1
                }
            );
            let ids: Vec<String> = log
                .all_events()
                .unwrap()
                .into_iter()
                .map(|e| e.id)
                .collect();
            assert_eq!(ids, ["e-new"]);
            assert_eq!(log.turn_facts().unwrap().len(), 1);
            assert_eq!(
                (
                    log.events_by_time.len(),
                    log.events_by_reply.len(),
                    log.ids.len()
                ),
                (1, 1, 1)
            );
            assert_eq!(log.turns_by_time.len(), 1);
            assert_eq!(
                (log.turns_by_shopper.len(), log.events_by_shopper.len()),
                (1, 1)
            );
            assert!(log
                .profile(&Subject::Session(SessionId::new("gone")))
                .unwrap()
                .is_none());
            assert!(log
                .profile(&Subject::Session(SessionId::new("kept")))
                .unwrap()
                .is_some());
            // A second pass finds nothing more.
            assert_eq!(
                log.expire(at("2026-01-01T00:00:00Z")).unwrap(),
                Expired::default()
            );
        }
    }
}
