//! The append-only event log in sled, its idempotency index, session → user links and the
//! profiles derived from it. A batch is checked whole first, then written in one sled
//! transaction: after an error or a crash none of it is stored.

use chrono::{DateTime, Utc};
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use super::event::id_key;
use super::{
    Action, BehaviorConfig, BehaviorError, Event, EventInput, ProductDirectory, Profile, Source,
};
use crate::store::{time_seq_key, AgeIndex, Store, Tree, WriteSet};
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

/// One checked event waiting to be written.
pub(super) struct Pending {
    pub id: String,
    pub source: Source,
    pub session: Option<SessionId>,
    pub user: Option<UserId>,
    pub at: DateTime<Utc>,
    pub action: Action,
}

/// Tree names; the schema 2 migration (store/migrate_v2.rs) builds the indexes of older
/// directories under the same names.
pub(super) const EVENTS: &str = "behavior.events";
pub(super) const EVENT_IDS: &str = "behavior.event_ids";
pub(super) const EVENTS_BY_TIME: &str = "behavior.events_by_time";
pub(super) const EVENTS_BY_REPLY: &str = "behavior.events_by_reply";
pub(super) const TURNS: &str = "behavior.turns";
pub(super) const TURNS_BY_TIME: &str = "behavior.turns_by_time";
pub(super) const EVENTS_BY_SHOPPER: &str = "behavior.events_by_shopper";
pub(super) const TURNS_BY_SHOPPER: &str = "behavior.turns_by_shopper";
pub(super) const PROFILES: &str = "behavior.profiles";

pub struct EventLog {
    pub(super) store: Store,
    config: BehaviorConfig,
    /// seq (big-endian) → event.
    pub(super) events: Tree<Event>,
    /// source-namespaced client event id → seq.
    pub(super) ids: Tree<u64>,
    /// (at, seq) → nothing: the events of a time range, and the oldest first.
    pub(super) events_by_time: Tree<()>,
    /// reply id ++ 0 ++ seq → nothing: the clicks and thumbs on one reply.
    pub(super) events_by_reply: Tree<()>,
    /// session or user id ++ 0 ++ seq → nothing: one shopper's events.
    pub(super) events_by_shopper: Tree<()>,
    /// session id → user id, once the session logged in.
    links: Tree<UserId>,
    /// subject key → profile.
    pub(super) profiles: Tree<Profile>,
    /// When each profile last changed (retention).
    pub(super) profile_ages: AgeIndex,
    /// seq (big-endian) → one answered chat turn (the conversation log).
    pub(super) turns: Tree<super::TurnFact>,
    /// (at, seq) → nothing, for the conversation log.
    pub(super) turns_by_time: Tree<()>,
    /// session or user id ++ 0 ++ seq → nothing: one shopper's turns.
    pub(super) turns_by_shopper: Tree<()>,
    /// turn seq → a person's review decision.
    pub(super) reviews: Tree<super::ReviewDecision>,
    /// One writer at a time, so "is this id new?" and "store it" cannot interleave.
    pub(super) write: Mutex<()>,
}

/// Profiles read and changed while planning one batch (`None`: removed).
type ProfileCache = HashMap<String, Option<Profile>>;

impl EventLog {
    pub fn open(store: &Store, config: BehaviorConfig) -> Result<Self, BehaviorError> {
        Ok(Self {
            store: store.clone(),
            config,
            events: store.tree(EVENTS)?,
            ids: store.tree(EVENT_IDS)?,
            events_by_time: store.tree(EVENTS_BY_TIME)?,
            events_by_reply: store.tree(EVENTS_BY_REPLY)?,
            events_by_shopper: store.tree(EVENTS_BY_SHOPPER)?,
            links: store.tree("behavior.links")?,
            profiles: store.tree(PROFILES)?,
            profile_ages: AgeIndex::open(store, PROFILES)?,
            turns: store.tree(TURNS)?,
            turns_by_time: store.tree(TURNS_BY_TIME)?,
            turns_by_shopper: store.tree(TURNS_BY_SHOPPER)?,
            reviews: store.tree("behavior.reviews")?,
            write: Mutex::new(()),
        })
    }

    pub fn config(&self) -> &BehaviorConfig {
        &self.config
    }

    /// The shop's backend reports a batch (`POST /api/events`): every event is checked
    /// first (fields, bounds, products, order proof for ratings, no far-future date), then
    /// the new ones are stored, profiles updated, and all of it made durable in one
    /// transaction before returning. One bad event rejects the whole batch and nothing is
    /// stored.
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
        let received = Utc::now();
        let latest = received + self.config.max_skew();
        let bounds = self.config.bounds();
        let mut pending = Vec::with_capacity(batch.len());
        // The same id twice inside one batch is a client bug, not a retry.
        let mut seen = std::collections::HashSet::new();
        for (i, e) in batch.iter().enumerate() {
            let action = e.validate(i, Some(products), &bounds)?;
            let invalid = |message: String, hint: &str| BehaviorError::Invalid {
                index: i,
                id: e.id.clone(),
                message,
                hint: hint.into(),
            };
            if e.at.is_some_and(|at| at > latest) {
                return Err(invalid(
                    format!(
                        "`at` ({}) is more than {} s ahead of the server's clock ({received})",
                        e.at.expect("checked"),
                        self.config.max_clock_skew_secs
                    ),
                    "send when it happened, not a future date (or omit `at`: the server dates it)",
                ));
            }
            if !seen.insert(e.id.as_str()) {
                return Err(invalid(
                    "this id appears twice in the batch".into(),
                    "give every event its own id",
                ));
            }
            pending.push(Pending {
                id: e.id.clone(),
                source: Source::Backend,
                session: e.session.clone(),
                user: e.user.clone(),
                at: e.at.unwrap_or(received),
                action,
            });
        }
        self.store_batch(pending, products, received, true)
    }

    /// Writes checked events: ids already stored (per source) are answered as duplicates;
    /// everything else goes in one transaction, flushed before returning when `flush` (else
    /// the caller flushes before acknowledging: a chat turn's one flush).
    pub(super) fn store_batch(
        &self,
        pending: Vec<Pending>,
        products: &dyn ProductDirectory,
        received: DateTime<Utc>,
        flush: bool,
    ) -> Result<Vec<Ack>, BehaviorError> {
        let _guard = self.write.lock();
        let mut set = WriteSet::new();
        let mut links: HashMap<SessionId, UserId> = HashMap::new();
        let mut profiles = ProfileCache::new();
        let mut acks = Vec::with_capacity(pending.len());
        for p in pending {
            let key = id_key(p.source, p.session.as_ref(), &p.id);
            if let Some(seq) = self.ids.get(&key)? {
                acks.push(Ack {
                    id: p.id,
                    seq,
                    duplicate: true,
                });
                continue;
            }
            let seq = self.store.next_id()?;
            let event = Event {
                seq,
                id: p.id,
                session: p.session,
                user: p.user,
                at: p.at,
                received,
                source: p.source,
                action: p.action,
            };
            set.insert(&self.events, seq.to_be_bytes(), &event)?;
            set.insert(&self.ids, &key, &seq)?;
            set.insert(&self.events_by_time, time_seq_key(event.at, seq), &())?;
            if let Some(reply) = reply_of(&event.action) {
                set.insert(&self.events_by_reply, named_key(reply, seq), &())?;
            }
            for name in shopper_names(event.session.as_ref(), event.user.as_ref()) {
                set.insert(&self.events_by_shopper, named_key(name, seq), &())?;
            }
            if let (Some(session), Some(user)) = (&event.session, &event.user) {
                self.plan_link(session, user, &mut links, &mut profiles)?;
            }
            self.plan_profile(&event, products, &links, &mut profiles)?;
            acks.push(Ack {
                id: event.id,
                seq,
                duplicate: false,
            });
        }
        self.finish(set, links, profiles, flush)?;
        Ok(acks)
    }

    /// Commits a planned batch, indexes the profiles' ages and flushes (when `flush`).
    fn finish(
        &self,
        mut set: WriteSet,
        links: HashMap<SessionId, UserId>,
        profiles: ProfileCache,
        flush: bool,
    ) -> Result<(), BehaviorError> {
        for (session, user) in &links {
            set.insert(&self.links, session.as_str(), user)?;
        }
        for (key, profile) in &profiles {
            match profile {
                Some(p) => set.insert(&self.profiles, key, p)?,
                None => set.remove(&self.profiles, key),
            }
        }
        self.store.commit(set)?;
        for (key, profile) in &profiles {
            if let Some(p) = profile {
                self.profile_ages.touch(key.as_bytes(), p.as_of)?;
            }
        }
        // Durable before acknowledged: sled's flush covers every tree of the database.
        if flush {
            self.events.flush()?;
        }
        Ok(())
    }

    /// Ties an anonymous session to a user (log-in): the session's profile merges into the
    /// user's, and the session's later events count as the user's.
    pub fn link(
        &self,
        session: &SessionId,
        user: &UserId,
        _products: &dyn ProductDirectory,
    ) -> Result<(), BehaviorError> {
        let _guard = self.write.lock();
        let mut links = HashMap::new();
        let mut profiles = ProfileCache::new();
        self.plan_link(session, user, &mut links, &mut profiles)?;
        self.finish(WriteSet::new(), links, profiles, true)
    }

    fn linked_user(
        &self,
        session: &SessionId,
        pending: &HashMap<SessionId, UserId>,
    ) -> Result<Option<UserId>, BehaviorError> {
        match pending.get(session) {
            Some(u) => Ok(Some(u.clone())),
            None => Ok(self.links.get(session.as_str())?),
        }
    }

    fn cached<'c>(
        &self,
        cache: &'c mut ProfileCache,
        key: &str,
    ) -> Result<&'c mut Option<Profile>, BehaviorError> {
        if !cache.contains_key(key) {
            let stored = self.profiles.get(key)?;
            cache.insert(key.to_string(), stored);
        }
        Ok(cache.get_mut(key).expect("just inserted"))
    }

    fn plan_link(
        &self,
        session: &SessionId,
        user: &UserId,
        links: &mut HashMap<SessionId, UserId>,
        profiles: &mut ProfileCache,
    ) -> Result<(), BehaviorError> {
        match self.linked_user(session, links)? {
            Some(existing) if &existing == user => return Ok(()),
            Some(existing) => {
                return Err(BehaviorError::AlreadyLinked {
                    session: session.clone(),
                    user: existing,
                })
            }
            None => {}
        }
        links.insert(session.clone(), user.clone());
        let session_key = Subject::Session(session.clone()).key();
        if let Some(anon) = self.cached(profiles, &session_key)?.take() {
            let user_key = Subject::User(user.clone()).key();
            let (half_life, recent) = (self.config.half_life_secs(), self.config.recent_views);
            let slot = self.cached(profiles, &user_key)?;
            let merged = match slot.take() {
                Some(mut p) => {
                    p.merge(&anon, half_life, recent);
                    p
                }
                None => anon,
            };
            *slot = Some(merged);
        }
        Ok(())
    }

    fn subject_with(
        &self,
        event: &Event,
        links: &HashMap<SessionId, UserId>,
    ) -> Result<Subject, BehaviorError> {
        if let Some(u) = &event.user {
            return Ok(Subject::User(u.clone()));
        }
        let session = event.session.clone().expect("validated: session or user");
        Ok(match self.linked_user(&session, links)? {
            Some(u) => Subject::User(u),
            None => Subject::Session(session),
        })
    }

    /// The subject an event counts for, following session → user links.
    pub fn subject_of(&self, event: &Event) -> Result<Subject, BehaviorError> {
        self.subject_with(event, &HashMap::new())
    }

    fn plan_profile(
        &self,
        event: &Event,
        products: &dyn ProductDirectory,
        links: &HashMap<SessionId, UserId>,
        profiles: &mut ProfileCache,
    ) -> Result<(), BehaviorError> {
        let key = self.subject_with(event, links)?.key();
        let facts = event.action.product().and_then(|p| products.facts(p));
        let (half_life, recent) = (self.config.half_life_secs(), self.config.recent_views);
        let slot = self.cached(profiles, &key)?;
        let profile = slot.get_or_insert_with(|| Profile::new(event.at));
        profile.apply(event, facts.as_ref(), half_life, recent);
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
        let mut profiles = ProfileCache::new();
        let mut set = WriteSet::new();
        for item in self.profiles.iter() {
            let (key, _) = item?;
            set.remove(&self.profiles, &key);
            profiles.insert(String::from_utf8_lossy(&key).into_owned(), None);
        }
        let mut n = 0;
        let no_links = HashMap::new();
        for item in self.events.iter() {
            let (_, event) = item?;
            self.plan_profile(&event, products, &no_links, &mut profiles)?;
            n += 1;
        }
        self.finish(set, no_links, profiles, true)?;
        Ok(n)
    }

    /// Every stored event in sequence order.
    pub fn events(&self) -> impl Iterator<Item = Result<Event, BehaviorError>> + '_ {
        self.events
            .iter()
            .map(|r| r.map(|(_, e)| e).map_err(BehaviorError::from))
    }

    /// The store the log writes to.
    pub fn store(&self) -> &Store {
        &self.store
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

/// The reply a click or thumb is about.
pub(super) fn reply_of(action: &Action) -> Option<&str> {
    match action {
        Action::Click { reply_id, .. } | Action::Thumb { reply_id, .. } => Some(reply_id),
        _ => None,
    }
}

/// `name ++ 0 ++ seq`: the records of one reply (or one shopper) sit together under the
/// `name ++ 0` prefix.
pub(super) fn named_key(name: &str, seq: u64) -> Vec<u8> {
    let mut k = name_prefix(name);
    k.extend_from_slice(&seq.to_be_bytes());
    k
}

pub(super) fn name_prefix(name: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(name.len() + 9);
    k.extend_from_slice(name.as_bytes());
    k.push(0);
    k
}

/// The shopper ids a record is indexed under: its session and its user (one id space, as
/// the admin's shopper page takes either).
pub(super) fn shopper_names<'a>(
    session: Option<&'a SessionId>,
    user: Option<&'a UserId>,
) -> Vec<&'a str> {
    let mut names: Vec<&str> = session.map(|s| s.as_str()).into_iter().collect();
    if let Some(u) = user {
        if !names.contains(&u.as_str()) {
            names.push(u.as_str());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::super::test_shop::{at, event, open, shop};
    use super::*;

    crate::store_tests! {
        fn a_batch_whose_last_event_conflicts_stores_nothing(ts) {
            let (_store, log) = open(&ts);
            let login = |id: &str, session: &str, user: &str| EventInput {
                session: Some(SessionId::new(session)),
                user: Some(UserId::new(user)),
                ..event(id, "view", "kettle")
            };
            log.append(&[login("l0", "s-9", "ann")], &shop()).unwrap();
            let (events, ids, profiles) = (log.len(), log.ids.len(), log.profiles.len());
            let times = log.events_by_time.len();

            // Two good events, a link of a new session, then s-9 claimed by someone else.
            let batch = [
                event("a1", "view", "kettle"),
                EventInput {
                    quantity: Some(2),
                    ..event("a2", "add_to_cart", "toaster")
                },
                login("a3", "s-10", "bob"),
                login("a4", "s-9", "eve"),
            ];
            let err = log.append(&batch, &shop()).unwrap_err();
            assert!(matches!(err, BehaviorError::AlreadyLinked { .. }), "{err}");
            assert_eq!(log.len(), events);
            assert_eq!(log.ids.len(), ids);
            assert_eq!(log.profiles.len(), profiles);
            assert_eq!(log.events_by_time.len(), times);
            assert_eq!(log.links.get("s-10").unwrap(), None);
            assert!(log
                .profile(&Subject::Session(SessionId::new("s-1")))
                .unwrap()
                .is_none());
            // The good part alone goes in whole, once.
            let acks = log.append(&batch[..3], &shop()).unwrap();
            assert!(acks.iter().all(|a| !a.duplicate));
            assert_eq!(log.len(), events + 3);
            assert_eq!(log.links.get("s-10").unwrap(), Some(UserId::new("bob")));
        }

        fn far_future_events_are_refused_and_change_no_profile(ts) {
            let (_store, log) = open(&ts);
            log.append(&[event("v0", "view", "kettle")], &shop())
                .unwrap();
            let subject = Subject::Session(SessionId::new("s-1"));
            let before = log.profile(&subject).unwrap();
            let future = EventInput {
                at: Some(at("2999-01-01T00:00:00Z")),
                ..event("v1", "view", "toaster")
            };
            let err = log.append(&[future], &shop()).unwrap_err().to_string();
            assert!(err.contains("ahead of the server's clock"), "{err}");
            assert_eq!(log.profile(&subject).unwrap(), before);
            assert_eq!(log.len(), 1);
            // Within the allowed skew a backend clock may run a little fast.
            let soon = EventInput {
                at: Some(Utc::now() + chrono::Duration::seconds(60)),
                ..event("v2", "view", "toaster")
            };
            log.append(&[soon], &shop()).unwrap();
            assert_eq!(log.len(), 2);
        }

        fn a_huge_quantity_is_refused_and_profile_sums_saturate(ts) {
            let (_store, log) = open(&ts);
            let buy = |id: &str, q: u32| EventInput {
                order_id: Some("o-1".into()),
                price: Some(40.0),
                quantity: Some(q),
                ..event(id, "purchase", "kettle")
            };
            let err = log.append(&[buy("b0", u32::MAX)], &shop()).unwrap_err();
            assert!(err.to_string().contains("over the limit"), "{err}");
            assert!(log.is_empty());
            // Even a shop that allows the largest quantities cannot overflow a profile.
            let store = crate::store::testing::TestStore::sled().open();
            let wide = EventLog::open(
                &store,
                BehaviorConfig {
                    max_quantity: 1_000_000,
                    ..BehaviorConfig::default()
                },
            )
            .unwrap();
            let mut profile = Profile::new(at("2026-01-01T00:00:00Z"));
            profile.purchases.insert(
                crate::types::ProductId::new("kettle"),
                crate::behavior::Purchased {
                    last: at("2026-01-01T00:00:00Z"),
                    quantity: u32::MAX - 5,
                    consumable: false,
                },
            );
            wide.profiles.insert("s:s-1", &profile).unwrap();
            wide.append(&[buy("b1", 1_000_000)], &shop()).unwrap();
            let p = wide
                .profile(&Subject::Session(SessionId::new("s-1")))
                .unwrap()
                .unwrap();
            assert_eq!(
                p.purchases[&crate::types::ProductId::new("kettle")].quantity,
                u32::MAX
            );
        }
    }
}
