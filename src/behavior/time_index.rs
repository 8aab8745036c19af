//! Reading the logs by time: the turns and events of a range through their time indexes,
//! and the clicks and thumbs on given replies through the reply index. The analytics of a
//! range read only these, never the whole logs.

use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;

use super::analytics::Range;
use super::log::reply_prefix;
use super::{BehaviorError, Event, EventLog, TurnFact};
use crate::store::{seq_of, time_key, Tree};

/// The seqs a time index holds for `[from, to)`, in time order.
fn seqs_between(
    index: &Tree<()>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<u64>, BehaviorError> {
    let mut out = Vec::new();
    for item in index.range(time_key(from), time_key(to)) {
        let (key, ()) = item?;
        if let Some(seq) = seq_of(&key) {
            out.push(seq);
        }
    }
    Ok(out)
}

/// Moves an instant by `by`, staying inside chrono's range.
fn shifted(t: DateTime<Utc>, by: Duration) -> DateTime<Utc> {
    t.checked_add_signed(by)
        .unwrap_or(if by < Duration::zero() {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
}

impl EventLog {
    /// The turn facts dated in `[from, to)`, in time order.
    pub fn turns_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<TurnFact>, BehaviorError> {
        let mut out = Vec::new();
        for seq in seqs_between(&self.turns_by_time, from, to)? {
            // A sweep may have removed it between the two reads.
            if let Some(t) = self.turns.get(seq.to_be_bytes())? {
                out.push(t);
            }
        }
        Ok(out)
    }

    /// The events dated in `[from, to)`, in time order.
    pub fn events_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Event>, BehaviorError> {
        let mut out = Vec::new();
        for seq in seqs_between(&self.events_by_time, from, to)? {
            if let Some(e) = self.events.get(seq.to_be_bytes())? {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// The clicks and thumbs on one reply, in arrival order.
    pub fn events_on_reply(&self, reply_id: &str) -> Result<Vec<Event>, BehaviorError> {
        let mut out = Vec::new();
        for item in self.events_by_reply.scan_prefix(reply_prefix(reply_id)) {
            let (key, ()) = item?;
            let Some(tail) = key.len().checked_sub(8).map(|n| &key[n..]) else {
                continue;
            };
            let seq = u64::from_be_bytes(tail.try_into().expect("8 bytes"));
            if let Some(e) = self.events.get(seq.to_be_bytes())? {
                if super::log::reply_of(&e.action) == Some(reply_id) {
                    out.push(e);
                }
            }
        }
        Ok(out)
    }

    /// What the analytics of `range` need, and no more: the turns from `window` before it
    /// to `window` after it (an event is attributed to a showing up to `window` earlier),
    /// the carts and purchases of that span, and every click and thumb on those turns'
    /// replies, whenever it came. The numbers come out the same as from the whole logs.
    pub fn analytics_window(
        &self,
        range: Range,
        window: Duration,
    ) -> Result<(Vec<TurnFact>, Vec<Event>), BehaviorError> {
        let (from, to) = (shifted(range.from, -window), shifted(range.to, window));
        let turns = self.turns_between(from, to)?;
        let mut events: BTreeMap<u64, Event> = self
            .events_between(from, to)?
            .into_iter()
            .map(|e| (e.seq, e))
            .collect();
        for t in &turns {
            for e in self.events_on_reply(&t.reply_id)? {
                events.entry(e.seq).or_insert(e);
            }
        }
        Ok((turns, events.into_values().collect()))
    }
}
