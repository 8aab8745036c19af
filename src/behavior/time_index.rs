//! Reading the logs by time: the turns and events of a range through their time indexes,
//! the clicks and thumbs on given replies through the reply index, and one shopper's
//! records through the shopper indexes. The analytics read only these, never the whole
//! logs.

use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;

use super::analytics::Range;
use super::log::name_prefix;
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

/// The seqs a `name ++ 0 ++ seq` index holds for `name`, in seq order.
fn seqs_named(index: &Tree<()>, name: &str) -> Result<Vec<u64>, BehaviorError> {
    let mut out = Vec::new();
    for item in index.scan_prefix(name_prefix(name)) {
        let (key, ()) = item?;
        if let Some(tail) = key.len().checked_sub(8).map(|n| &key[n..]) {
            out.push(u64::from_be_bytes(tail.try_into().expect("8 bytes")));
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
        for seq in seqs_named(&self.events_by_reply, reply_id)? {
            if let Some(e) = self.events.get(seq.to_be_bytes())? {
                if super::log::reply_of(&e.action) == Some(reply_id) {
                    out.push(e);
                }
            }
        }
        Ok(out)
    }

    /// The turns of a shopper (as session or as user), in log order.
    pub fn turns_of(&self, shopper: &str) -> Result<Vec<TurnFact>, BehaviorError> {
        let mut out = Vec::new();
        for seq in seqs_named(&self.turns_by_shopper, shopper)? {
            // The prefix could also match a longer id with a NUL in it: check.
            out.extend(self.turns.get(seq.to_be_bytes())?.filter(|t| {
                t.session.as_str() == shopper
                    || t.user.as_ref().is_some_and(|u| u.as_str() == shopper)
            }));
        }
        Ok(out)
    }

    /// The events of a shopper (as session or as user), in log order.
    pub fn events_of(&self, shopper: &str) -> Result<Vec<Event>, BehaviorError> {
        let mut out = Vec::new();
        for seq in seqs_named(&self.events_by_shopper, shopper)? {
            out.extend(self.events.get(seq.to_be_bytes())?.filter(|e| {
                e.session.as_ref().is_some_and(|s| s.as_str() == shopper)
                    || e.user.as_ref().is_some_and(|u| u.as_str() == shopper)
            }));
        }
        Ok(out)
    }

    /// What a shopper's page needs, through the shopper index: the turns and events of the
    /// shopper and of the sessions and users it shares them with (an event is attributed
    /// to the latest showing to the same session or user), and the clicks and thumbs on
    /// the shopper's replies.
    pub fn shopper_window(
        &self,
        shopper: &str,
    ) -> Result<(Vec<TurnFact>, Vec<Event>), BehaviorError> {
        let own_turns = self.turns_of(shopper)?;
        let own_events = self.events_of(shopper)?;
        let mut names: std::collections::BTreeSet<String> = [shopper.to_string()].into();
        for t in &own_turns {
            names.insert(t.session.to_string());
            names.extend(t.user.as_ref().map(|u| u.to_string()));
        }
        for e in &own_events {
            names.extend(e.session.as_ref().map(|s| s.to_string()));
            names.extend(e.user.as_ref().map(|u| u.to_string()));
        }
        let mut turns: BTreeMap<u64, TurnFact> = BTreeMap::new();
        let mut events: BTreeMap<u64, Event> = BTreeMap::new();
        for name in &names {
            turns.extend(self.turns_of(name)?.into_iter().map(|t| (t.seq, t)));
            events.extend(self.events_of(name)?.into_iter().map(|e| (e.seq, e)));
        }
        for t in &own_turns {
            for e in self.events_on_reply(&t.reply_id)? {
                events.entry(e.seq).or_insert(e);
            }
        }
        Ok((
            turns.into_values().collect(),
            events.into_values().collect(),
        ))
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

#[cfg(test)]
mod tests {
    use super::super::analytics::{Analytics, Range};
    use super::super::test_shop::{at, event, open, shop};
    use super::super::{EventInput, Shown, TurnFact};
    use super::*;
    use crate::types::{ProductId, SessionId};

    fn turn(session: &str, when: DateTime<Utc>, reply: &str, product: &str) -> TurnFact {
        TurnFact {
            seq: 0,
            session: SessionId::new(session),
            user: None,
            at: when,
            text: format!("turn {reply}"),
            intent: "search_product".into(),
            confidence: 0.4,
            slots: vec![],
            sentiment: Default::default(),
            sentiment_score: 0.0,
            action: "search_product".into(),
            reply_id: reply.into(),
            products: vec![Shown {
                product: ProductId::new(product),
                reason: None,
            }],
            fallback: false,
            handoff: false,
            no_results: false,
            csat: None,
        }
    }

    crate::store_tests! {
        /// Four days of turns, carts and thumbs, some of them late (a thumb days after its
        /// reply, a cart just inside the attribution window across a day boundary): every
        /// range's numbers read through the indexes equal those of the whole logs.
        fn a_range_read_through_the_indexes_gives_the_full_scans_numbers(ts) {
            let (_store, log) = open(&ts);
            let t0 = at("2026-03-01T20:00:00Z");
            let h = Duration::hours;
            let mut batch = Vec::new();
            for i in 0..12i64 {
                let session = format!("s-{}", i % 3);
                let when = t0 + h(i * 7);
                let reply = format!("r-{i}");
                let product = if i % 2 == 0 { "kettle" } else { "toaster" };
                log.record_turn(turn(&session, when, &reply, product))
                    .unwrap();
                let mine = |e: EventInput| EventInput {
                    session: Some(SessionId::new(&session)),
                    ..e
                };
                batch.push(mine(EventInput {
                    at: Some(when + h(23)),
                    quantity: Some(1),
                    ..event(&format!("cart-{i}"), "add_to_cart", product)
                }));
                batch.push(mine(EventInput {
                    at: Some(when + h(72)),
                    reply_id: Some(reply.clone()),
                    thumb: Some(if i % 3 == 0 { "down" } else { "up" }.into()),
                    kind: "thumb".into(),
                    product: None,
                    ..event(&format!("thumb-{i}"), "thumb", product)
                }));
                batch.push(mine(EventInput {
                    at: Some(when + h(1)),
                    reply_id: Some(reply),
                    ..event(&format!("click-{i}"), "click", product)
                }));
            }
            log.append(&batch, &shop()).unwrap();
            let params = log.config().analytics_params();
            let all_turns = log.turn_facts().unwrap();
            let all_events = log.all_events().unwrap();
            let full = Analytics::new(&all_turns, &all_events, params);
            for (from, to) in [
                ("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"),
                ("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"),
                ("2026-03-02T10:00:00Z", "2026-03-04T03:00:00Z"),
                ("2026-02-01T00:00:00Z", "2026-04-01T00:00:00Z"),
            ] {
                let range = Range {
                    from: at(from),
                    to: at(to),
                };
                let (turns, events) = log
                    .analytics_window(range, params.attribution_window)
                    .unwrap();
                if from.ends_with("T00:00:00Z") && from.starts_with("2026-03") {
                    // One day and its attribution margin: not the whole log.
                    assert!(turns.len() < all_turns.len(), "{from}: {}", turns.len());
                }
                let indexed = Analytics::new(&turns, &events, params);
                assert_eq!(indexed.report(range), full.report(range), "{from} .. {to}");
                assert_eq!(indexed.conversations(range), full.conversations(range));
                assert_eq!(
                    indexed.review_queue(range, &[]),
                    full.review_queue(range, &[])
                );
            }
            // A shopper's page through the shopper index: the same conversations and
            // recommendations as from the whole logs, and only that shopper's records read.
            for shopper in ["s-0", "s-1", "s-2"] {
                let (turns, events) = log.shopper_window(shopper).unwrap();
                assert!(turns.len() < all_turns.len());
                let indexed = Analytics::new(&turns, &events, params);
                assert_eq!(
                    indexed.conversations_of(shopper),
                    full.conversations_of(shopper)
                );
                assert_eq!(
                    indexed.recommended_to(shopper, 50),
                    full.recommended_to(shopper, 50)
                );
                let own = log.events_of(shopper).unwrap();
                assert_eq!(
                    own.len(),
                    12,
                    "{shopper}: 4 turns, each a cart, a thumb and a click"
                );
            }
            let whole = full.report(Range {
                from: at("2026-02-01T00:00:00Z"),
                to: at("2026-04-01T00:00:00Z"),
            });
            assert!(whole.totals.thumbs_down > 0 && whole.totals.attributed_add_to_cart > 0);
        }
    }
}
