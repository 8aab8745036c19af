//! The dialogue manager: one turn in, replies out. Turns of one session run one at a time;
//! the tracker is saved before the replies leave, and made durable by the turn's one flush
//! (see [`ChatService::turn_unflushed`]).

use chrono::Utc;
use futures::future::BoxFuture;
use parking_lot::Mutex;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::behavior::{BehaviorConfig, EventInput, EventLog, Origin, Shown, Subject, TurnFact};
use crate::knowledge::{Graph, LiveGraph};
use crate::recommend::{RecommendConfig, Recommender};
use crate::search::ProductSearch;
use crate::store::Store;
use crate::timing::Stage;
use crate::types::{CartView, Embed, Parse, Reply, SessionId, Slot, UserId};

use super::ctx::Ctx;
use super::nlg::Templates;
use super::orders::OrderChanges;
use super::outcome::{parse_payload, Outcome};
use super::session_locks::SessionLocks;
use super::tracker::{Claim, Handoff, Tracker, TrackerStore, TurnRecord};
use super::{policy, ChatService, DialogueError, HandoffSummary, Turn, TurnInput, Understand};

/// What the dialogue manager is built from.
pub struct DialogueParts {
    pub nlu: Arc<dyn Understand>,
    pub graph: Arc<LiveGraph>,
    pub embed: Arc<dyn Embed>,
    pub store: Store,
    pub templates: Templates,
    pub events: Arc<EventLog>,
    pub recommend: RecommendConfig,
    pub behavior: BehaviorConfig,
    /// Where product search keeps its index (under the data directory); in memory when
    /// `None`.
    pub search_dir: Option<std::path::PathBuf>,
    /// A fixed "now" (story tests pin it so return windows don't drift); the wall clock
    /// when `None`.
    pub clock: Option<chrono::DateTime<Utc>>,
}

/// Events logged between two rebuilds of the ranker's behavioural model.
const RELEARN_EVERY: usize = 100;

struct Ranker {
    recommender: Arc<Recommender>,
    events_seen: usize,
}

pub struct Dialogue {
    nlu: Arc<dyn Understand>,
    graph: Arc<LiveGraph>,
    embed: Arc<dyn Embed>,
    templates: Templates,
    trackers: TrackerStore,
    order_changes: OrderChanges,
    sessions: SessionLocks,
    events: Arc<EventLog>,
    store: Store,
    recommend: RecommendConfig,
    behavior: BehaviorConfig,
    ranker: Mutex<Option<Ranker>>,
    /// Search over the graph being served; rebuilt only when the catalogue changes.
    search: Mutex<Option<Arc<ProductSearch>>>,
    search_dir: Option<std::path::PathBuf>,
    clock: Option<chrono::DateTime<Utc>>,
    csat: bool,
}

impl Dialogue {
    pub fn new(parts: DialogueParts) -> Result<Self, DialogueError> {
        let store_err = |e: crate::store::StoreError| DialogueError::Internal(e.to_string());
        let dialogue = Dialogue {
            trackers: TrackerStore::open(&parts.store).map_err(store_err)?,
            order_changes: OrderChanges::open(&parts.store).map_err(store_err)?,
            nlu: parts.nlu,
            graph: parts.graph,
            embed: parts.embed,
            templates: parts.templates,
            sessions: SessionLocks::on(&parts.store),
            events: parts.events,
            store: parts.store,
            recommend: parts.recommend,
            behavior: parts.behavior,
            ranker: Mutex::new(None),
            search: Mutex::new(None),
            search_dir: parts.search_dir,
            clock: parts.clock,
            csat: false,
        };
        // Product vectors are computed (or read from sled) now, not on the first search.
        dialogue.ranker(&dialogue.graph.graph())?;
        Ok(dialogue)
    }

    /// Asks for a 1–5 rating when the shopper says goodbye (`dialogue.csat`).
    pub fn with_csat(mut self, on: bool) -> Self {
        self.csat = on;
        self
    }

    /// The ranker for this graph, rebuilt when the catalogue was reloaded or enough new
    /// behaviour arrived (product vectors come from sled, so a rebuild is cheap).
    fn ranker(&self, graph: &Arc<Graph>) -> Result<Arc<Recommender>, DialogueError> {
        let mut slot = self.ranker.lock();
        let events = self.events.len();
        if let Some(r) = slot.as_ref() {
            if r.recommender.graph().content_hash() == graph.content_hash()
                && events < r.events_seen + RELEARN_EVERY
            {
                return Ok(r.recommender.clone());
            }
        }
        let internal = |e: crate::recommend::RecommendError| DialogueError::Internal(e.to_string());
        let search = self.search(graph)?;
        let mut recommender =
            Recommender::new(search, self.recommend.clone(), &self.behavior).map_err(internal)?;
        recommender.learn(&self.events).map_err(internal)?;
        let recommender = Arc::new(recommender);
        *slot = Some(Ranker {
            recommender: recommender.clone(),
            events_seen: events,
        });
        Ok(recommender)
    }

    /// Search over `graph`: the one built for it, or a new one when the catalogue changed
    /// (its index and product vectors are read from disk and sled where already made).
    fn search(&self, graph: &Arc<Graph>) -> Result<Arc<ProductSearch>, DialogueError> {
        let mut slot = self.search.lock();
        if let Some(s) = slot.as_ref() {
            if s.graph().content_hash() == graph.content_hash() {
                return Ok(s.clone());
            }
        }
        let search = ProductSearch::build(
            graph.clone(),
            self.embed.clone(),
            Some(&self.store),
            self.search_dir.as_deref(),
        )
        .map_err(|e| DialogueError::Internal(format!("product search: {e}")))?;
        let search = Arc::new(search);
        *slot = Some(search.clone());
        Ok(search)
    }

    /// A behaviour event from the shopper's page (widget clicks, cart buttons) or a thumb
    /// on a reply: stored under this connection's session and user, whatever the frame
    /// says, and only for the kinds a page may report.
    fn log_event(
        &self,
        origin: &Origin,
        at: Option<chrono::DateTime<Utc>>,
        input: EventInput,
    ) -> Result<(), DialogueError> {
        let graph = self.graph.graph();
        self.events
            .append_from_socket(&input, origin, at, graph.as_ref())
            .map_err(|e| match e {
                crate::behavior::BehaviorError::Store(s) => DialogueError::Internal(s.to_string()),
                other => DialogueError::BadInput(other.to_string()),
            })?;
        Ok(())
    }

    /// A session's tracker as stored (for admin views and tests).
    pub fn tracker(&self, session: &str) -> Result<Option<Tracker>, DialogueError> {
        self.trackers
            .get(session)
            .map_err(|e| DialogueError::Internal(e.to_string()))
    }

    /// A session's cart as it stands (empty for a session kefu does not know).
    /// Its products are named in the language the session is answered in.
    pub fn cart(&self, session: &str) -> Result<CartView, DialogueError> {
        let Some(tracker) = self.tracker(session)? else {
            return Ok(CartView::default());
        };
        let locale = self.reply_locale(&tracker);
        Ok(super::cart::view(
            &tracker.cart,
            &self.graph.graph(),
            &locale,
        ))
    }

    /// Sessions waiting for or talking with a person.
    pub fn handed_off(&self) -> Result<Vec<Tracker>, DialogueError> {
        self.trackers
            .handed_off()
            .map_err(|e| DialogueError::Internal(e.to_string()))
    }

    /// An agent hands the session back to the assistant.
    pub async fn release(&self, session: &str) -> Result<bool, DialogueError> {
        let _turn = self.sessions.lock(session).await.map_err(store_error)?;
        let Some(mut t) = self.tracker(session)? else {
            return Ok(false);
        };
        t.handoff = Handoff::None;
        t.failures = 0;
        t.fallbacks = 0;
        self.trackers
            .save(&t)
            .await
            .map_err(|e| DialogueError::Internal(e.to_string()))?;
        Ok(true)
    }

    /// Who a session belongs to, settled before its history is shown (a socket's `hello`);
    /// turns check it again. See [`ChatService::claim`].
    pub async fn claim(&self, session: &str, user: Option<&UserId>) -> Result<(), DialogueError> {
        let _turn = self.sessions.lock(session).await.map_err(store_error)?;
        let mut tracker = self
            .trackers
            .load(session)
            .map_err(|e| DialogueError::Internal(e.to_string()))?;
        if self.apply_claim(&mut tracker, user)? {
            self.trackers
                .save(&tracker)
                .await
                .map_err(|e| DialogueError::Internal(e.to_string()))?;
        }
        Ok(())
    }

    /// [`Tracker::claim`], and on sign-in the anonymous visitor's behaviour (profile, later
    /// session events) moves to the user. `Ok(true)`: the tracker changed hands and must
    /// be saved.
    fn apply_claim(
        &self,
        tracker: &mut Tracker,
        user: Option<&UserId>,
    ) -> Result<bool, DialogueError> {
        match tracker.claim(user.map(UserId::as_str)) {
            Claim::Same => Ok(false),
            Claim::Refused => Err(DialogueError::SessionOwned),
            Claim::SignedIn => {
                let user = user.expect("a sign-in names its user");
                let graph = self.graph.graph();
                self.events
                    .link(&SessionId::new(&tracker.session), user, graph.as_ref())
                    .map_err(|e| match e {
                        crate::behavior::BehaviorError::AlreadyLinked { .. } => {
                            DialogueError::SessionOwned
                        }
                        other => DialogueError::Internal(other.to_string()),
                    })?;
                Ok(true)
            }
        }
    }

    /// Sessions with a turn running or waiting (the per-session lock table's size).
    pub fn busy_sessions(&self) -> usize {
        self.sessions.len()
    }

    /// The locale of the replies: the language the shopper writes in when it has templates
    /// (Chinese on an English page is answered in Chinese), else the client's locale. A
    /// Latin-script message keeps the page's Latin-script locale (German stays German), but
    /// leaves Chinese: a shopper who writes English on a Chinese page is answered in English.
    fn reply_locale(&self, tracker: &Tracker) -> String {
        let client = self.templates.resolve_locale(tracker.locale.as_deref());
        match tracker.language.as_deref() {
            Some(crate::nlu::language::LATIN) if is_chinese(&client) => self
                .templates
                .resolve_locale(Some(crate::nlu::language::LATIN)),
            Some(crate::nlu::language::LATIN) | None => client,
            Some(written) => {
                let own = self.templates.resolve_locale(Some(written));
                // A language without templates resolves to the default: keep the page's.
                if own.split(['-', '_']).next() == Some(written) {
                    own
                } else {
                    client
                }
            }
        }
    }

    /// The parse of `text` and how long it took (queue wait included).
    async fn understand(&self, text: &str) -> Result<(Parse, Duration), DialogueError> {
        let asked = Instant::now();
        let parse = self.nlu.parse(text).await?;
        Ok((parse, asked.elapsed()))
    }

    /// One turn, its writes applied but not flushed (see [`ChatService::turn_unflushed`]).
    async fn handle(&self, turn: Turn) -> Result<Vec<Reply>, DialogueError> {
        let started = Instant::now();
        let session = turn.session.as_str().to_string();
        let at = turn.at;
        let _turn = self.sessions.lock(&session).await.map_err(store_error)?;
        let mut tracker = self
            .trackers
            .load(&session)
            .map_err(|e| DialogueError::Internal(e.to_string()))?;
        self.apply_claim(&mut tracker, turn.user.as_ref())?;
        if turn.locale.is_some() {
            tracker.locale = turn.locale.clone();
        }
        let origin = Origin {
            session: turn.session.clone(),
            user: turn.user.clone(),
        };
        // A button's payload names its intent: the words of the turn before it are not
        // read again for cues.
        let pressed = matches!(&turn.input, TurnInput::Action { payload } if parse_payload(payload).is_some());
        let parse = match turn.input {
            TurnInput::Text { text } => {
                let text = text.trim().to_string();
                if text.is_empty() {
                    return Err(DialogueError::BadInput("the message has no text".into()));
                }
                if tracker.handoff == Handoff::WithAgent {
                    return self.keep_for_agent(tracker, text);
                }
                self.understand(&text).await?
            }
            // A button pressed while a person has the chat is words for them too: the
            // assistant answering it would talk over the agent.
            TurnInput::Action { payload } if tracker.handoff == Handoff::WithAgent => {
                return self.keep_for_agent(tracker, payload);
            }
            TurnInput::Action { payload } => match parse_payload(&payload) {
                Some((intent, _)) if !super::INTENTS.contains(&intent.as_str()) => {
                    return Err(DialogueError::BadInput(format!(
                        "the button names an unknown intent {intent:?}"
                    )))
                }
                Some((intent, slots)) => (payload_parse(&tracker, intent, slots), Duration::ZERO),
                None => self.understand(&payload).await?,
            },
            TurnInput::Event { event } => {
                let input: EventInput = serde_json::from_value(event)
                    .map_err(|e| DialogueError::BadInput(format!("event: {e}")))?;
                self.log_event(&origin, at, input)?;
                self.write(&tracker)?;
                return Ok(vec![]);
            }
            TurnInput::Feedback {
                reply_id,
                up,
                comment,
            } => {
                let input = EventInput {
                    kind: "thumb".into(),
                    reply_id: Some(reply_id),
                    thumb: Some(if up { "up" } else { "down" }.into()),
                    text: comment,
                    ..EventInput::default()
                };
                self.log_event(&origin, at, input)?;
                return Ok(vec![]);
            }
        };

        let now = at.or(self.clock).unwrap_or_else(Utc::now);
        if !parse.0.language.is_empty() {
            tracker.language = Some(parse.0.language.clone());
        }
        let locale = self.reply_locale(&tracker);
        let pick = {
            let mut h = DefaultHasher::new();
            session.hash(&mut h);
            tracker.turns.len().hash(&mut h);
            h.finish()
        };
        let graph = self.graph.graph();
        let (mut parse, understood) = parse;
        super::entities::complete(&mut parse, &graph);
        let recommender = self.ranker(&graph)?;
        let subject = match &tracker.user {
            Some(u) => Subject::User(UserId::new(u)),
            None => Subject::Session(SessionId::new(&session)),
        };
        let profile = self.events.profile(&subject).ok().flatten();
        let cart_before = tracker.cart.clone();
        let searched;
        let outcome: Outcome = {
            let mut ctx = Ctx {
                graph: graph.clone(),
                templates: &self.templates,
                embed: self.embed.as_ref(),
                locale: locale.clone(),
                pick,
                tracker: &mut tracker,
                parse: &parse,
                list_size: self.recommend.list_size,
                order_changes: &self.order_changes,
                recommender: recommender.as_ref(),
                profile: profile.as_ref(),
                csat: self.csat,
                pressed,
                search_time: Default::default(),
            };
            // Search and ranking are CPU work: keep them off the async workers' hands.
            let acted = off_the_async_worker(|| {
                Stage::Dialogue
                    .span()
                    .in_scope(|| policy::act(&mut ctx, &parse, now))
            });
            searched = ctx.search_time.get();
            acted?
        };
        tracker.record(TurnRecord {
            at: now,
            text: parse.text.clone(),
            intent: parse.intent.clone(),
            confidence: parse.confidence,
            action: outcome.action.to_string(),
            reply: outcome.text.clone(),
        });
        tracker.last_parse = Some(parse.clone());
        let reply_id = uuid::Uuid::new_v4().to_string();
        let writing = Instant::now();
        // The conversation log and the tracker; made durable by the turn's one flush (the
        // transport's, or [`ChatService::turn`]'s).
        self.events
            .record_turn(TurnFact {
                seq: 0,
                session: SessionId::new(&session),
                user: tracker.user.as_deref().map(UserId::new),
                at: now,
                text: parse.text.clone(),
                intent: parse.intent.clone(),
                confidence: parse.confidence,
                slots: parse.slots.clone(),
                sentiment: parse.sentiment,
                sentiment_score: parse.sentiment_score,
                action: outcome.action.to_string(),
                reply_id: reply_id.clone(),
                products: outcome
                    .products
                    .iter()
                    .map(|c| Shown {
                        product: c.id.clone(),
                        reason: c.reason.clone(),
                    })
                    .collect(),
                fallback: outcome.fallback,
                handoff: outcome.handoff,
                no_results: outcome.no_results,
                csat: outcome.csat,
            })
            .map_err(|e| DialogueError::Internal(e.to_string()))?;
        self.write(&tracker)?;
        let wrote = writing.elapsed();
        Stage::StoreWrite.record(wrote);
        Stage::Dialogue.record(
            started
                .elapsed()
                .saturating_sub(understood + searched + wrote),
        );
        let cart = (tracker.cart != cart_before)
            .then(|| super::cart::view(&tracker.cart, &graph, &locale));
        Ok(vec![Reply {
            id: reply_id,
            text: outcome.text,
            products: outcome.products,
            quick_replies: outcome.quick_replies,
            intent: Some(parse.intent),
            confidence: Some(parse.confidence),
            handoff: outcome.handoff,
            cart,
        }])
    }

    /// A person has the conversation: keep the shopper's words for them, say nothing.
    fn keep_for_agent(
        &self,
        mut tracker: Tracker,
        text: String,
    ) -> Result<Vec<Reply>, DialogueError> {
        tracker.record(TurnRecord {
            at: Utc::now(),
            text,
            intent: String::new(),
            confidence: 0.0,
            action: "with_agent".into(),
            reply: String::new(),
        });
        self.write(&tracker)?;
        Ok(vec![])
    }

    /// Stores the tracker; durable with the turn's flush.
    fn write(&self, tracker: &Tracker) -> Result<(), DialogueError> {
        self.trackers
            .write(tracker)
            .map_err(|e| DialogueError::Internal(e.to_string()))
    }
}

/// Runs CPU-heavy work where it does not stall other tasks: on a multi-threaded runtime
/// the worker hands its other tasks to the rest first (`block_in_place`); a single-threaded
/// runtime (tests, the CLI) has no one to hand them to, so it just runs.
fn off_the_async_worker<T>(work: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current().map(|h| h.runtime_flavor()) {
        Ok(tokio::runtime::RuntimeFlavor::MultiThread) => tokio::task::block_in_place(work),
        _ => work(),
    }
}

/// A button press as a parse: the intent it names, its slots, and — for "did you mean"
/// buttons, which carry none — the words and slots of the message they answer.
fn payload_parse(tracker: &Tracker, intent: String, slots: Vec<(String, String)>) -> Parse {
    let (text, mut parsed_slots) = match (&tracker.last_parse, slots.is_empty()) {
        (Some(last), true) => (last.text.clone(), last.slots.clone()),
        _ => (String::new(), Vec::new()),
    };
    for (slot, value) in slots {
        parsed_slots.push(Slot {
            slot,
            value,
            start: 0,
            end: 0,
        });
    }
    Parse {
        text,
        intent: intent.clone(),
        confidence: 1.0,
        ranking: vec![(intent, 1.0)],
        slots: parsed_slots,
        sentiment: Default::default(),
        sentiment_score: 0.0,
        language: String::new(),
    }
}

impl ChatService for Dialogue {
    fn turn(&self, turn: Turn) -> BoxFuture<'_, Result<Vec<Reply>, DialogueError>> {
        Box::pin(async move {
            let replies = self.handle(turn).await?;
            self.store
                .flush_async()
                .await
                .map_err(|e| DialogueError::Internal(e.to_string()))?;
            Ok(replies)
        })
    }

    fn turn_unflushed(&self, turn: Turn) -> BoxFuture<'_, Result<Vec<Reply>, DialogueError>> {
        Box::pin(self.handle(turn))
    }

    fn writes_only_to(&self, store: &Store) -> bool {
        self.store.is_same(store) && self.events.store().is_same(store)
    }

    fn handoffs(&self) -> Result<Vec<HandoffSummary>, DialogueError> {
        Ok(self
            .handed_off()?
            .into_iter()
            .map(|t| HandoffSummary {
                session: SessionId::new(&t.session),
                user: t.user.as_deref().map(UserId::new),
                turns: t.turns.iter().rev().take(20).rev().cloned().collect(),
            })
            .collect())
    }

    fn release<'a>(&'a self, session: &'a SessionId) -> BoxFuture<'a, Result<bool, DialogueError>> {
        Box::pin(Dialogue::release(self, session.as_str()))
    }

    fn cart(&self, session: &SessionId) -> Result<Option<CartView>, DialogueError> {
        Dialogue::cart(self, session.as_str()).map(Some)
    }

    fn claim<'a>(
        &'a self,
        session: &'a SessionId,
        user: Option<&'a UserId>,
    ) -> BoxFuture<'a, Result<(), DialogueError>> {
        Box::pin(Dialogue::claim(self, session.as_str(), user))
    }

    fn busy_sessions(&self) -> usize {
        Dialogue::busy_sessions(self)
    }
}

fn store_error(e: crate::store::StoreError) -> DialogueError {
    DialogueError::Internal(e.to_string())
}

fn is_chinese(locale: &str) -> bool {
    locale.split(['-', '_']).next() == Some(crate::nlu::language::CHINESE)
}
