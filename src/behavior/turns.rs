//! The conversation log: one fact per answered turn (what was understood, what kefu did,
//! which products it showed and why), append-only in sled. The dialogue writes it; the
//! analytics, the review queue and shopper profiles read it. Unlike the tracker it is
//! not trimmed by size, so every number can be traced back to the conversations behind
//! it; retention (`retention.days`) deletes turns by age.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::log::{named_key, shopper_names};
use super::{BehaviorError, EventLog};
use crate::store::{time_seq_key, WriteSet};
use crate::types::{ProductId, Sentiment, SessionId, Slot, UserId};

/// A product shown in a reply, and the one-line reason kefu gave for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shown {
    pub product: ProductId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One answered turn as the dialogue records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnFact {
    /// Position in the conversation log (0 until stored).
    #[serde(default)]
    pub seq: u64,
    pub session: SessionId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<UserId>,
    pub at: DateTime<Utc>,
    pub text: String,
    pub intent: String,
    pub confidence: f32,
    #[serde(default)]
    pub slots: Vec<Slot>,
    #[serde(default)]
    pub sentiment: Sentiment,
    #[serde(default)]
    pub sentiment_score: f32,
    /// The dialogue action taken (`search_product`, `fallback`, `handoff` …).
    pub action: String,
    /// The id of the reply this turn produced (thumbs and clicks name it).
    pub reply_id: String,
    #[serde(default)]
    pub products: Vec<Shown>,
    /// kefu did not understand (low confidence or the fallback action).
    #[serde(default)]
    pub fallback: bool,
    /// The conversation went to a person on this turn.
    #[serde(default)]
    pub handoff: bool,
    /// A search that found nothing.
    #[serde(default)]
    pub no_results: bool,
    /// The 1–5 rating the shopper gave on this turn (`dialogue.csat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat: Option<u8>,
}

/// A person's decision on a queued turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewDecision {
    pub seq: u64,
    pub accepted: bool,
    pub intent: String,
    #[serde(default)]
    pub slots: Vec<Slot>,
    pub at: DateTime<Utc>,
}

impl EventLog {
    /// Stores one turn fact and returns its seq. Made durable by the next flush of the
    /// store (the dialogue flushes its tracker right after, before the reply leaves).
    pub fn record_turn(&self, mut fact: TurnFact) -> Result<u64, BehaviorError> {
        let seq = self.store.next_id()?;
        fact.seq = seq;
        let mut set = WriteSet::new();
        set.insert(&self.turns, seq.to_be_bytes(), &fact)?;
        set.insert(&self.turns_by_time, time_seq_key(fact.at, seq), &())?;
        for name in shopper_names(Some(&fact.session), fact.user.as_ref()) {
            set.insert(&self.turns_by_shopper, named_key(name, seq), &())?;
        }
        self.store.commit(set)?;
        Ok(seq)
    }

    /// Every turn fact in log order.
    pub fn turn_facts(&self) -> Result<Vec<TurnFact>, BehaviorError> {
        self.turns
            .iter()
            .map(|r| r.map(|(_, f)| f).map_err(BehaviorError::from))
            .collect()
    }

    pub fn turn_fact(&self, seq: u64) -> Result<Option<TurnFact>, BehaviorError> {
        Ok(self.turns.get(seq.to_be_bytes())?)
    }

    /// Records a review decision durably; `false` when the turn was already decided.
    pub fn decide_review(&self, decision: &ReviewDecision) -> Result<bool, BehaviorError> {
        let fresh = self
            .reviews
            .insert_new(decision.seq.to_be_bytes(), decision)?;
        self.reviews.flush()?;
        Ok(fresh)
    }

    /// The decision on one turn, if a person made one.
    pub fn review_decision(&self, seq: u64) -> Result<Option<ReviewDecision>, BehaviorError> {
        Ok(self.reviews.get(seq.to_be_bytes())?)
    }

    pub fn review_decisions(&self) -> Result<Vec<ReviewDecision>, BehaviorError> {
        self.reviews
            .iter()
            .map(|r| r.map(|(_, d)| d).map_err(BehaviorError::from))
            .collect()
    }

    /// Every stored event, collected (the analytics read the whole log).
    pub fn all_events(&self) -> Result<Vec<super::Event>, BehaviorError> {
        self.events().collect()
    }
}
