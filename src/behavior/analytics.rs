//! The shop's numbers, computed from the conversation log and the event log over an
//! explicit time range: conversations, intents, fallbacks, handoffs, resolution,
//! click-through, attributed carts and purchases, satisfaction, sentiment, what shoppers
//! look for, and what kefu could not answer. Everything here is a pure function of the
//! two logs, so a hand-made log has known answers.
//!
//! Definitions (docs/analytics.md has them for the shop):
//! - a conversation is a session's turns inside the range (a session with turns on two
//!   days counts on each day);
//! - resolved: no handoff, and the last turn was not a fallback;
//! - click-through: distinct (reply, product) clicks / products shown in replies;
//! - attributed: an add-to-cart or purchase of a product kefu showed the same shopper
//!   (same session, or same user) at most `window` before it (both edges inclusive);
//! - satisfaction: thumbs up / (up + down), the last thumb per reply counting; csat: the
//!   mean of the 1–5 ratings given to the end-of-conversation question.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Action, Event, ReviewDecision, TurnFact};
use crate::types::{Slot, NLU_FALLBACK};

/// `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Range {
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        t >= self.from && t < self.to
    }

    /// Whole UTC days, both dates included.
    pub fn days(from: NaiveDate, to: NaiveDate) -> Result<Range, String> {
        if to < from {
            return Err(format!("`to` ({to}) is before `from` ({from})"));
        }
        let start = from.and_hms_opt(0, 0, 0).expect("midnight").and_utc();
        let end = to
            .checked_add_signed(Duration::days(1))
            .ok_or_else(|| format!("`to` ({to}) is past the last date kefu can count to"))?
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc();
        Ok(Range {
            from: start,
            to: end,
        })
    }
}

/// Settings the numbers depend on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub attribution_window: Duration,
    /// How many entries the "top" lists keep.
    pub top: usize,
    /// Turns understood with less confidence than this are queued for review.
    pub review_confidence: f32,
}

/// The measures of one range (the whole report, or one day of it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Measures {
    pub conversations: u64,
    pub turns: u64,
    pub turns_per_conversation: f64,
    pub fallback_turns: u64,
    pub fallback_rate: f64,
    pub handoffs: u64,
    pub handoff_rate: f64,
    pub resolved: u64,
    pub resolution_rate: f64,
    pub products_shown: u64,
    pub clicks: u64,
    pub click_through: f64,
    pub attributed_add_to_cart: u64,
    pub attributed_purchases: u64,
    pub attributed_revenue: f64,
    pub converted: u64,
    pub conversion_rate: f64,
    pub thumbs_up: u64,
    pub thumbs_down: u64,
    /// Thumbs-up share; `None` when no reply was rated.
    pub satisfaction: Option<f64>,
    /// Answers to the end-of-conversation rating question (`dialogue.csat`).
    pub csat_responses: u64,
    /// Their mean, 1 to 5; `None` without answers.
    pub csat: Option<f64>,
    /// Mean sentiment score of the shoppers' messages, -1 to 1; `None` without messages.
    pub sentiment: Option<f64>,
    pub negative_turns: u64,
    pub empty_searches: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Day {
    pub day: NaiveDate,
    #[serde(flatten)]
    pub measures: Measures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub key: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub attribution_window_hours: f64,
    pub totals: Measures,
    pub days: Vec<Day>,
    pub intents: Vec<Count>,
    pub product_types: Vec<Count>,
    pub brands: Vec<Count>,
    pub features: Vec<Count>,
    /// What shoppers searched for when nothing was found.
    pub empty_searches: Vec<Count>,
    /// Messages kefu fell back on, most frequent first.
    pub unanswered: Vec<Count>,
}

/// One conversation as the drill-down lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    pub session: String,
    pub user: Option<String>,
    pub started: DateTime<Utc>,
    pub ended: DateTime<Utc>,
    pub turns: u64,
    pub intents: Vec<String>,
    pub fallbacks: u64,
    pub handoff: bool,
    pub resolved: bool,
    pub products_shown: u64,
    pub clicks: u64,
    pub thumbs_up: u64,
    pub thumbs_down: u64,
    pub attributed_add_to_cart: u64,
    pub attributed_purchases: u64,
    pub converted: bool,
    pub empty_searches: u64,
    pub negative_turns: u64,
    pub first_text: String,
    pub last_text: String,
}

/// The measures a drill-down can filter conversations by.
pub const DRILL_MEASURES: &str = "all, fallback, handoff, resolved, unresolved, clicked, \
     add_to_cart, converted, thumbs_up, thumbs_down, negative, empty_search, intent:<name>, day:<YYYY-MM-DD>";

impl Conversation {
    /// Whether this conversation is behind `measure`; `None` for an unknown measure.
    pub fn matches(&self, measure: &str) -> Option<bool> {
        if let Some(intent) = measure.strip_prefix("intent:") {
            return Some(self.intents.iter().any(|i| i == intent));
        }
        if let Some(day) = measure.strip_prefix("day:") {
            let day: NaiveDate = day.parse().ok()?;
            return Some(self.started.date_naive() <= day && day <= self.ended.date_naive());
        }
        Some(match measure {
            "" | "all" | "conversations" => true,
            "fallback" => self.fallbacks > 0,
            "handoff" => self.handoff,
            "resolved" => self.resolved,
            "unresolved" => !self.resolved,
            "clicked" => self.clicks > 0,
            "add_to_cart" => self.attributed_add_to_cart > 0,
            "converted" => self.converted,
            "thumbs_up" => self.thumbs_up > 0,
            "thumbs_down" => self.thumbs_down > 0,
            "negative" => self.negative_turns > 0,
            "empty_search" => self.empty_searches > 0,
            _ => return None,
        })
    }
}

/// A turn queued for a person to check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub session: String,
    pub text: String,
    pub intent: String,
    pub confidence: f32,
    pub slots: Vec<Slot>,
    /// Why it is queued: low_confidence, fallback, thumbs_down, handoff.
    pub reasons: Vec<String>,
}

/// Both logs, indexed once; every question about a range is answered from here.
pub struct Analytics<'a> {
    turns: Vec<&'a TurnFact>,
    events: &'a [Event],
    params: Params,
    /// reply id → thumbs up? (the latest thumb wins)
    thumbs: HashMap<&'a str, bool>,
    /// (reply id, product) clicked.
    clicks: HashSet<(&'a str, &'a str)>,
    /// event index → the turn (index into `turns`) it is attributed to.
    attributed: HashMap<usize, usize>,
}

impl<'a> Analytics<'a> {
    pub fn new(turns: &'a [TurnFact], events: &'a [Event], params: Params) -> Self {
        let mut turns: Vec<&TurnFact> = turns.iter().collect();
        turns.sort_by(|a, b| a.at.cmp(&b.at).then(a.seq.cmp(&b.seq)));
        let mut ordered: Vec<&Event> = events.iter().collect();
        ordered.sort_by_key(|e| e.seq);
        let mut thumbs = HashMap::new();
        let mut clicks = HashSet::new();
        for e in &ordered {
            match &e.action {
                Action::Thumb { reply_id, up } => {
                    thumbs.insert(reply_id.as_str(), *up);
                }
                Action::Click { product, reply_id } => {
                    clicks.insert((reply_id.as_str(), product.as_str()));
                }
                _ => {}
            }
        }
        // product → turns that showed it, in time order.
        let mut shown: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, t) in turns.iter().enumerate() {
            for s in &t.products {
                shown.entry(s.product.as_str()).or_default().push(i);
            }
        }
        let mut attributed = HashMap::new();
        for (ei, e) in events.iter().enumerate() {
            let product = match &e.action {
                Action::AddToCart { product, .. } | Action::Purchase { product, .. } => product,
                _ => continue,
            };
            let Some(candidates) = shown.get(product.as_str()) else {
                continue;
            };
            // The latest showing to this shopper at or before the event, if recent enough.
            let hit = candidates.iter().rev().copied().find(|&ti| {
                let t = turns[ti];
                let same_shopper = e.session.as_ref() == Some(&t.session)
                    || (e.user.is_some() && e.user == t.user);
                same_shopper && t.at <= e.at
            });
            if let Some(ti) = hit {
                if e.at - turns[ti].at <= params.attribution_window {
                    attributed.insert(ei, ti);
                }
            }
        }
        Analytics {
            turns,
            events,
            params,
            thumbs,
            clicks,
            attributed,
        }
    }

    fn turns_in(&self, range: Range) -> Vec<usize> {
        (0..self.turns.len())
            .filter(|&i| range.contains(self.turns[i].at))
            .collect()
    }

    /// Turn indexes by session, in time order.
    fn by_session(&self, idx: &[usize]) -> BTreeMap<&'a str, Vec<usize>> {
        let mut out: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &i in idx {
            out.entry(self.turns[i].session.as_str())
                .or_default()
                .push(i);
        }
        out
    }

    fn conversation(&self, idx: &[usize]) -> Conversation {
        let ts: Vec<&TurnFact> = idx.iter().map(|&i| self.turns[i]).collect();
        let first = ts[0];
        let last = ts[ts.len() - 1];
        let handoff = ts.iter().any(|t| t.handoff);
        let mut intents: Vec<String> = Vec::new();
        for t in &ts {
            if !intents.contains(&t.intent) {
                intents.push(t.intent.clone());
            }
        }
        let mut clicks = 0;
        let mut up = 0;
        let mut down = 0;
        for t in &ts {
            clicks += t
                .products
                .iter()
                .filter(|s| {
                    self.clicks
                        .contains(&(t.reply_id.as_str(), s.product.as_str()))
                })
                .count() as u64;
            match self.thumbs.get(t.reply_id.as_str()) {
                Some(true) => up += 1,
                Some(false) => down += 1,
                None => {}
            }
        }
        let set: HashSet<usize> = idx.iter().copied().collect();
        let mut carts = 0;
        let mut purchases = 0;
        for (ei, ti) in &self.attributed {
            if set.contains(ti) {
                match self.events[*ei].action {
                    Action::AddToCart { .. } => carts += 1,
                    Action::Purchase { .. } => purchases += 1,
                    _ => {}
                }
            }
        }
        Conversation {
            session: first.session.to_string(),
            user: ts
                .iter()
                .find_map(|t| t.user.as_ref().map(|u| u.to_string())),
            started: first.at,
            ended: last.at,
            turns: ts.len() as u64,
            intents,
            fallbacks: ts.iter().filter(|t| t.fallback).count() as u64,
            handoff,
            resolved: !handoff && !last.fallback,
            products_shown: ts.iter().map(|t| t.products.len() as u64).sum(),
            clicks,
            thumbs_up: up,
            thumbs_down: down,
            attributed_add_to_cart: carts,
            attributed_purchases: purchases,
            converted: purchases > 0,
            empty_searches: ts.iter().filter(|t| t.no_results).count() as u64,
            negative_turns: ts.iter().filter(|t| is_negative(t)).count() as u64,
            first_text: first.text.clone(),
            last_text: last.text.clone(),
        }
    }

    /// The conversations with turns in `range`, newest first.
    pub fn conversations(&self, range: Range) -> Vec<Conversation> {
        let idx = self.turns_in(range);
        let mut out: Vec<Conversation> = self
            .by_session(&idx)
            .values()
            .map(|ids| self.conversation(ids))
            .collect();
        out.sort_by(|a, b| b.started.cmp(&a.started).then(a.session.cmp(&b.session)));
        out
    }

    fn measures(&self, range: Range) -> Measures {
        let idx = self.turns_in(range);
        let convs: Vec<Conversation> = self
            .by_session(&idx)
            .values()
            .map(|ids| self.conversation(ids))
            .collect();
        let mut m = Measures {
            conversations: convs.len() as u64,
            turns: idx.len() as u64,
            ..Measures::default()
        };
        for c in &convs {
            m.fallback_turns += c.fallbacks;
            m.handoffs += u64::from(c.handoff);
            m.resolved += u64::from(c.resolved);
            m.products_shown += c.products_shown;
            m.clicks += c.clicks;
            m.converted += u64::from(c.converted);
            m.thumbs_up += c.thumbs_up;
            m.thumbs_down += c.thumbs_down;
            m.negative_turns += c.negative_turns;
            m.empty_searches += c.empty_searches;
        }
        for ei in self.attributed.keys() {
            let e = &self.events[*ei];
            if !range.contains(e.at) {
                continue;
            }
            match &e.action {
                Action::AddToCart { .. } => m.attributed_add_to_cart += 1,
                Action::Purchase {
                    price, quantity, ..
                } => {
                    m.attributed_purchases += 1;
                    m.attributed_revenue += price * f64::from(*quantity);
                }
                _ => {}
            }
        }
        let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        m.turns_per_conversation = ratio(m.turns, m.conversations);
        m.fallback_rate = ratio(m.fallback_turns, m.turns);
        m.handoff_rate = ratio(m.handoffs, m.conversations);
        m.resolution_rate = ratio(m.resolved, m.conversations);
        m.click_through = ratio(m.clicks, m.products_shown);
        m.conversion_rate = ratio(m.converted, m.conversations);
        let rated = m.thumbs_up + m.thumbs_down;
        m.satisfaction = (rated > 0).then(|| ratio(m.thumbs_up, rated));
        let ratings: Vec<f64> = idx
            .iter()
            .filter_map(|&i| self.turns[i].csat)
            .map(f64::from)
            .collect();
        m.csat_responses = ratings.len() as u64;
        m.csat = (!ratings.is_empty()).then(|| ratings.iter().sum::<f64>() / ratings.len() as f64);
        let scored: Vec<f64> = idx
            .iter()
            .map(|&i| self.turns[i])
            .filter(|t| !t.text.is_empty())
            .map(|t| f64::from(t.sentiment_score))
            .collect();
        m.sentiment =
            (!scored.is_empty()).then(|| scored.iter().sum::<f64>() / scored.len() as f64);
        m.attributed_revenue = (m.attributed_revenue * 100.0).round() / 100.0;
        m
    }

    /// Every measure for the range, per day and in total, and the top lists.
    pub fn report(&self, range: Range) -> Report {
        let mut days = Vec::new();
        let mut day = range.from.date_naive();
        // At most a year of daily rows; longer ranges still get correct totals.
        while day.and_hms_opt(0, 0, 0).expect("midnight").and_utc() < range.to && days.len() < 366 {
            let Ok(whole) = Range::days(day, day) else {
                break;
            };
            let part = Range {
                from: whole.from.max(range.from),
                to: whole.to.min(range.to),
            };
            days.push(Day {
                day,
                measures: self.measures(part),
            });
            match day.checked_add_signed(Duration::days(1)) {
                Some(next) => day = next,
                None => break,
            }
        }
        let idx = self.turns_in(range);
        let ts: Vec<&TurnFact> = idx.iter().map(|&i| self.turns[i]).collect();
        let top = self.params.top;
        let slot_values = |name: &str| {
            counts(
                ts.iter()
                    .flat_map(|t| t.slots.iter())
                    .filter(|s| s.slot == name)
                    .map(|s| normalize(&s.value)),
                top,
            )
        };
        Report {
            from: range.from,
            to: range.to,
            attribution_window_hours: self.params.attribution_window.num_seconds() as f64 / 3600.0,
            totals: self.measures(range),
            days,
            intents: counts(ts.iter().map(|t| t.intent.clone()), usize::MAX),
            product_types: slot_values("product_type"),
            brands: slot_values("brand"),
            features: slot_values("feature"),
            empty_searches: counts(
                ts.iter()
                    .filter(|t| t.no_results)
                    .map(|t| normalize(&t.text)),
                top,
            ),
            unanswered: counts(
                ts.iter()
                    .filter(|t| t.fallback && !t.text.is_empty())
                    .map(|t| normalize(&t.text)),
                top,
            ),
        }
    }

    /// Turns a person should look at: low confidence, fallback, thumbs-down or handoff,
    /// not yet decided, oldest first.
    pub fn review_queue(&self, range: Range, decided: &[ReviewDecision]) -> Vec<ReviewItem> {
        let decided: HashSet<u64> = decided.iter().map(|d| d.seq).collect();
        let mut out = Vec::new();
        for i in self.turns_in(range) {
            let t = self.turns[i];
            if t.text.trim().is_empty() || decided.contains(&t.seq) {
                continue;
            }
            let mut reasons = Vec::new();
            if t.confidence < self.params.review_confidence {
                reasons.push("low_confidence".to_string());
            }
            if t.fallback || t.intent == NLU_FALLBACK {
                reasons.push("fallback".to_string());
            }
            if self.thumbs.get(t.reply_id.as_str()) == Some(&false) {
                reasons.push("thumbs_down".to_string());
            }
            if t.handoff {
                reasons.push("handoff".to_string());
            }
            if !reasons.is_empty() {
                out.push(ReviewItem {
                    seq: t.seq,
                    at: t.at,
                    session: t.session.to_string(),
                    text: t.text.clone(),
                    intent: t.intent.clone(),
                    confidence: t.confidence,
                    slots: t.slots.clone(),
                    reasons,
                });
            }
        }
        out
    }
}

fn is_negative(t: &TurnFact) -> bool {
    t.sentiment == crate::types::Sentiment::Negative
}

fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Most frequent first, ties by key.
fn counts(items: impl Iterator<Item = String>, top: usize) -> Vec<Count> {
    let mut map: BTreeMap<String, u64> = BTreeMap::new();
    for k in items {
        if !k.is_empty() {
            *map.entry(k).or_default() += 1;
        }
    }
    let mut v: Vec<Count> = map
        .into_iter()
        .map(|(key, count)| Count { key, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    v.truncate(top);
    v
}

/// A reply that showed products, as a shopper's profile page explains it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommended {
    pub at: DateTime<Utc>,
    pub session: String,
    pub text: String,
    pub intent: String,
    pub reply_id: String,
    pub products: Vec<RecommendedProduct>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecommendedProduct {
    pub product: String,
    /// Why kefu showed it, as the reply said.
    pub reason: Option<String>,
    pub clicked: bool,
}

impl Analytics<'_> {
    fn belongs_to(t: &TurnFact, shopper: &str) -> bool {
        t.session.as_str() == shopper || t.user.as_ref().is_some_and(|u| u.as_str() == shopper)
    }

    /// A shopper's (user id or session id) conversations, newest first.
    pub fn conversations_of(&self, shopper: &str) -> Vec<Conversation> {
        let idx: Vec<usize> = (0..self.turns.len())
            .filter(|&i| Self::belongs_to(self.turns[i], shopper))
            .collect();
        let mut out: Vec<Conversation> = self
            .by_session(&idx)
            .values()
            .map(|ids| self.conversation(ids))
            .collect();
        out.sort_by_key(|c| std::cmp::Reverse(c.started));
        out
    }

    /// What kefu showed this shopper and why, newest first.
    pub fn recommended_to(&self, shopper: &str, limit: usize) -> Vec<Recommended> {
        self.turns
            .iter()
            .rev()
            .filter(|t| Self::belongs_to(t, shopper) && !t.products.is_empty())
            .take(limit)
            .map(|t| Recommended {
                at: t.at,
                session: t.session.to_string(),
                text: t.text.clone(),
                intent: t.intent.clone(),
                reply_id: t.reply_id.clone(),
                products: t
                    .products
                    .iter()
                    .map(|s| RecommendedProduct {
                        product: s.product.to_string(),
                        reason: s.reason.clone(),
                        clicked: self
                            .clicks
                            .contains(&(t.reply_id.as_str(), s.product.as_str())),
                    })
                    .collect(),
            })
            .collect()
    }
}

/// Dates name whole UTC days (both included); instants are taken as they are. Without
/// them: the last 7 days up to today.
pub fn parse_range(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<Range, String> {
    enum At {
        Day(NaiveDate),
        Instant(DateTime<Utc>),
    }
    let parse = |s: &str, name: &str| -> Result<At, String> {
        if let Ok(d) = s.parse::<NaiveDate>() {
            return Ok(At::Day(d));
        }
        DateTime::parse_from_rfc3339(s)
            .map(|t| At::Instant(t.with_timezone(&Utc)))
            .map_err(|_| format!("`{name}` = {s:?} is neither a date nor an RFC 3339 instant"))
    };
    let to = match to {
        Some(s) => parse(s, "to")?,
        None => At::Day(today),
    };
    let from = match from {
        Some(s) => parse(s, "from")?,
        None => {
            let last = match &to {
                At::Day(d) => *d,
                At::Instant(t) => t.date_naive(),
            };
            At::Day(last.checked_sub_signed(Duration::days(6)).ok_or_else(|| {
                format!("`to` ({last}) is before the first date kefu can count from")
            })?)
        }
    };
    let start = match from {
        At::Day(d) => Range::days(d, d)?.from,
        At::Instant(t) => t,
    };
    let end = match to {
        At::Day(d) => Range::days(d, d)?.to,
        At::Instant(t) => t,
    };
    if end <= start {
        return Err(format!(
            "the range {start} .. {end} is empty (`to` must be after `from`)"
        ));
    }
    Ok(Range {
        from: start,
        to: end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_from_dates_and_instants() {
        let today: NaiveDate = "2026-03-10".parse().unwrap();
        let r = parse_range(None, None, today).unwrap();
        assert_eq!(r.from.to_rfc3339(), "2026-03-04T00:00:00+00:00");
        assert_eq!(r.to.to_rfc3339(), "2026-03-11T00:00:00+00:00");
        let r = parse_range(Some("2026-03-01"), Some("2026-03-01"), today).unwrap();
        assert_eq!(r.to - r.from, Duration::days(1));
        let r = parse_range(
            Some("2026-03-01T10:00:00Z"),
            Some("2026-03-01T11:00:00Z"),
            today,
        )
        .unwrap();
        assert_eq!(r.to - r.from, Duration::hours(1));
        assert!(parse_range(Some("2026-03-02"), Some("2026-03-01"), today).is_err());
        assert!(parse_range(Some("yesterday"), None, today).is_err());
    }

    #[test]
    fn extreme_dates_are_errors_not_panics() {
        let today: NaiveDate = "2026-03-10".parse().unwrap();
        let max = NaiveDate::MAX.to_string();
        let min = NaiveDate::MIN.to_string();
        for (from, to) in [
            (None, Some(max.as_str())),
            (Some("2026-01-01"), Some(max.as_str())),
            (None, Some(min.as_str())),
            (Some(max.as_str()), Some(max.as_str())),
        ] {
            assert!(parse_range(from, to, today).is_err(), "{from:?} .. {to:?}");
        }
        // The widest range that can be counted still gives a report, without panicking.
        let before_max = (NaiveDate::MAX - Duration::days(1)).to_string();
        let r = parse_range(Some(min.as_str()), Some(before_max.as_str()), today).unwrap();
        let a = Analytics::new(
            &[],
            &[],
            Params {
                attribution_window: Duration::hours(24),
                top: 10,
                review_confidence: 0.5,
            },
        );
        let report = a.report(r);
        assert_eq!(report.totals.turns, 0);
        assert_eq!(report.days.len(), 366);
    }
}
