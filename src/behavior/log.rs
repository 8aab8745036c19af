//! The append-only event log in sled, its idempotency index, session → user links and the
//! profiles derived from it.

use chrono::Utc;
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use super::{BehaviorConfig, BehaviorError, Event, EventInput, ProductDirectory, Profile};
use crate::store::{Store, Tree};
use crate::types::{SessionId, UserId};

/// What the log answers for each event of a batch, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub id: String,
    pub seq: u64,
    /// True when this client id was stored before and nothing new was written.
    pub duplicate: bool,
}

/// Whose history an event belongs to: the user when known, else the anonymous session.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Subject {
    User(UserId),
    Session(SessionId),
}

impl Subject {
    pub fn key(&self) -> String {
        match self {
            Subject::User(u) => format!("u:{u}"),
            Subject::Session(s) => format!("s:{s}"),
        }
    }
}

pub struct EventLog {
    pub(super) store: Store,
    config: BehaviorConfig,
    /// seq (big-endian) → event.
    events: Tree<Event>,
    /// client event id → seq.
    ids: Tree<u64>,
    /// session id → user id, once the session logged in.
    links: Tree<UserId>,
    /// subject key → profile.
    profiles: Tree<Profile>,
    /// seq (big-endian) → one answered chat turn (the conversation log).
    pub(super) turns: Tree<super::TurnFact>,
    /// turn seq → a person's review decision.
    pub(super) reviews: Tree<super::ReviewDecision>,
    /// One writer at a time, so "is this id new?" and "store it" cannot interleave.
    write: Mutex<()>,
}

impl EventLog {
    pub fn open(store: &Store, config: BehaviorConfig) -> Result<Self, BehaviorError> {
        Ok(Self {
            store: store.clone(),
            config,
            events: store.tree("behavior.events")?,
            ids: store.tree("behavior.event_ids")?,
            links: store.tree("behavior.links")?,
            profiles: store.tree("behavior.profiles")?,
            turns: store.tree("behavior.turns")?,
            reviews: store.tree("behavior.reviews")?,
            write: Mutex::new(()),
        })
    }

    pub fn config(&self) -> &BehaviorConfig {
        &self.config
    }

    /// Checks every event of the batch, then stores the new ones, updates profiles and
    /// makes all of it durable before returning. One bad event rejects the whole batch
    /// and nothing is stored.
    pub fn append(
        &self,
        batch: &[EventInput],
        products: &dyn ProductDirectory,
    ) -> Result<Vec<Ack>, BehaviorError> {
        if batch.is_empty() {
            return Err(BehaviorError::EmptyBatch);
        }
        if batch.len() > self.config.max_batch {
            return Err(BehaviorError::BatchTooLarge {
                got: batch.len(),
                max: self.config.max_batch,
            });
        }
        let actions = batch
            .iter()
            .enumerate()
            .map(|(i, e)| e.validate(i, Some(products)))
            .collect::<Result<Vec<_>, _>>()?;
        // The same id twice inside one batch is a client bug, not a retry.
        let mut seen = std::collections::HashSet::new();
        for (i, e) in batch.iter().enumerate() {
            if !seen.insert(e.id.as_str()) {
                return Err(BehaviorError::Invalid {
                    index: i,
                    id: e.id.clone(),
                    message: "this id appears twice in the batch".into(),
                    hint: "give every event its own id".into(),
                });
            }
        }

        let _guard = self.write.lock();
        let received = Utc::now();
        let mut acks = Vec::with_capacity(batch.len());
        for (input, action) in batch.iter().zip(actions) {
            if let Some(seq) = self.ids.get(input.id.as_bytes())? {
                acks.push(Ack {
                    id: input.id.clone(),
                    seq,
                    duplicate: true,
                });
                continue;
            }
            let seq = self.store.next_id()?;
            let event = Event {
                seq,
                id: input.id.clone(),
                session: input.session.clone(),
                user: input.user.clone(),
                at: input.at.unwrap_or(received),
                received,
                action,
            };
            self.events.insert(seq.to_be_bytes(), &event)?;
            self.ids.insert(input.id.as_bytes(), &seq)?;
            if let (Some(session), Some(user)) = (&event.session, &event.user) {
                self.link_locked(session, user, products)?;
            }
            self.apply_to_profile(&event, products)?;
            acks.push(Ack {
                id: input.id.clone(),
                seq,
                duplicate: false,
            });
        }
        // Durable before acknowledged: sled's flush covers every tree of the database.
        self.events.flush()?;
        Ok(acks)
    }

    /// Ties an anonymous session to a user (log-in): the session's profile merges into the
    /// user's, and the session's later events count as the user's.
    pub fn link(
        &self,
        session: &SessionId,
        user: &UserId,
        products: &dyn ProductDirectory,
    ) -> Result<(), BehaviorError> {
        let _guard = self.write.lock();
        self.link_locked(session, user, products)?;
        self.links.flush()?;
        Ok(())
    }

    fn link_locked(
        &self,
        session: &SessionId,
        user: &UserId,
        _products: &dyn ProductDirectory,
    ) -> Result<(), BehaviorError> {
        match self.links.get(session.as_str())? {
            Some(existing) if &existing == user => return Ok(()),
            Some(existing) => {
                return Err(BehaviorError::AlreadyLinked {
                    session: session.clone(),
                    user: existing,
                })
            }
            None => {}
        }
        self.links.insert(session.as_str(), user)?;
        let session_key = Subject::Session(session.clone()).key();
        if let Some(anon) = self.profiles.remove(&session_key)? {
            let user_key = Subject::User(user.clone()).key();
            let merged = match self.profiles.get(&user_key)? {
                Some(mut p) => {
                    p.merge(
                        &anon,
                        self.config.half_life_secs(),
                        self.config.recent_views,
                    );
                    p
                }
                None => anon,
            };
            self.profiles.insert(&user_key, &merged)?;
        }
        Ok(())
    }

    /// The subject an event counts for, following session → user links.
    pub fn subject_of(&self, event: &Event) -> Result<Subject, BehaviorError> {
        if let Some(u) = &event.user {
            return Ok(Subject::User(u.clone()));
        }
        let session = event.session.clone().expect("validated: session or user");
        Ok(match self.links.get(session.as_str())? {
            Some(u) => Subject::User(u),
            None => Subject::Session(session),
        })
    }

    fn apply_to_profile(
        &self,
        event: &Event,
        products: &dyn ProductDirectory,
    ) -> Result<(), BehaviorError> {
        let key = self.subject_of(event)?.key();
        let mut profile = self
            .profiles
            .get(&key)?
            .unwrap_or_else(|| Profile::new(event.at));
        let facts = event.action.product().and_then(|p| products.facts(p));
        profile.apply(
            event,
            facts.as_ref(),
            self.config.half_life_secs(),
            self.config.recent_views,
        );
        self.profiles.insert(&key, &profile)?;
        Ok(())
    }

    /// The profile of a subject as stored (decay it to "now" with [`Profile::decayed_to`]).
    pub fn profile(&self, subject: &Subject) -> Result<Option<Profile>, BehaviorError> {
        let subject = match subject {
            Subject::Session(s) => match self.links.get(s.as_str())? {
                Some(u) => Subject::User(u),
                None => subject.clone(),
            },
            s => s.clone(),
        };
        Ok(self.profiles.get(subject.key())?)
    }

    /// Throws the profiles away and replays the whole log (after a catalogue change, or
    /// to check that the incremental updates agree with the log). Returns events replayed.
    pub fn rebuild_profiles(&self, products: &dyn ProductDirectory) -> Result<u64, BehaviorError> {
        let _guard = self.write.lock();
        self.profiles.clear()?;
        let mut n = 0;
        for item in self.events.iter() {
            let (_, event) = item?;
            self.apply_to_profile(&event, products)?;
            n += 1;
        }
        self.profiles.flush()?;
        Ok(n)
    }

    /// Every stored event in sequence order.
    pub fn events(&self) -> impl Iterator<Item = Result<Event, BehaviorError>> + '_ {
        self.events
            .iter()
            .map(|r| r.map(|(_, e)| e).map_err(BehaviorError::from))
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Per subject, the products interacted with, in time order: the input of the
    /// co-view / co-purchase model.
    pub fn sequences(&self) -> Result<Vec<(Subject, Vec<Event>)>, BehaviorError> {
        let mut by_subject: std::collections::BTreeMap<Subject, Vec<Event>> = Default::default();
        for e in self.events() {
            let e = e?;
            if e.action.product().is_some() {
                by_subject.entry(self.subject_of(&e)?).or_default().push(e);
            }
        }
        Ok(by_subject
            .into_iter()
            .map(|(s, mut evs)| {
                evs.sort_by(|a, b| a.at.cmp(&b.at).then(a.seq.cmp(&b.seq)));
                (s, evs)
            })
            .collect())
    }
}
