//! The analytics, review and shopper routes behind the admin token, and the dashboard
//! page (web/admin/dashboard.html, served at `/admin/dashboard`; it asks for the token and
//! reads these routes).

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse};
use axum::Json;
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::http::AppState;
use crate::behavior::analytics::{
    parse_range, Analytics, Conversation, Range, Recommended, Report, ReviewItem, DRILL_MEASURES,
};
use crate::behavior::{Event, EventLog, Profile, ReviewDecision, Subject, TurnFact};
use crate::nlu::data::{append_example, REVIEW_FILE};
use crate::types::{Sentiment, SessionId, Slot, UserId};

const DASHBOARD: &str = include_str!("../../web/admin/dashboard.html");

/// `GET /admin/dashboard` — the page itself holds no data; its API calls need the token.
pub(crate) async fn dashboard() -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "no-store")], Html(DASHBOARD))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RangeQuery {
    from: Option<String>,
    to: Option<String>,
    measure: Option<String>,
}

fn bad_range(message: String) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "bad_range", message).with_hint(
        "from/to are dates (YYYY-MM-DD, both included) or RFC 3339 instants (to excluded)",
    )
}

fn log(state: &AppState) -> Result<&std::sync::Arc<EventLog>, ApiError> {
    state.events.as_ref().map(|e| &e.log).ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "analytics_unavailable",
            "this server keeps no event or conversation log",
        )
    })
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
}

/// What a range's numbers need, read through the time indexes (never the whole logs).
fn read_window(log: &EventLog, range: Range) -> Result<(Vec<TurnFact>, Vec<Event>), ApiError> {
    log.analytics_window(range, log.config().analytics_params().attribution_window)
        .map_err(internal)
}

fn range_of(q: &RangeQuery) -> Result<Range, ApiError> {
    parse_range(q.from.as_deref(), q.to.as_deref(), Utc::now().date_naive()).map_err(bad_range)
}

/// `GET /admin/analytics?from=&to=`
pub(crate) async fn report(
    State(state): State<AppState>,
    Query(q): Query<RangeQuery>,
) -> Result<Json<Report>, ApiError> {
    let range = range_of(&q)?;
    let log = log(&state)?;
    let (turns, events) = read_window(log, range)?;
    let a = Analytics::new(&turns, &events, log.config().analytics_params());
    Ok(Json(a.report(range)))
}

/// `GET /admin/analytics/conversations?from=&to=&measure=` — the conversations behind a
/// number.
pub(crate) async fn conversations(
    State(state): State<AppState>,
    Query(q): Query<RangeQuery>,
) -> Result<Json<Vec<Conversation>>, ApiError> {
    let range = range_of(&q)?;
    let measure = q.measure.clone().unwrap_or_else(|| "all".into());
    let probe = Conversation {
        session: String::new(),
        user: None,
        started: range.from,
        ended: range.from,
        turns: 0,
        intents: vec![],
        fallbacks: 0,
        handoff: false,
        resolved: false,
        products_shown: 0,
        clicks: 0,
        thumbs_up: 0,
        thumbs_down: 0,
        attributed_add_to_cart: 0,
        attributed_purchases: 0,
        converted: false,
        empty_searches: 0,
        negative_turns: 0,
        first_text: String::new(),
        last_text: String::new(),
    };
    if probe.matches(&measure).is_none() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "unknown_measure",
            format!("no measure {measure:?}"),
        )
        .with_hint(format!("measure is one of: {DRILL_MEASURES}")));
    }
    let log = log(&state)?;
    let (turns, events) = read_window(log, range)?;
    let a = Analytics::new(&turns, &events, log.config().analytics_params());
    Ok(Json(
        a.conversations(range)
            .into_iter()
            .filter(|c| c.matches(&measure) == Some(true))
            .collect(),
    ))
}

/// `GET /admin/review?from=&to=` — turns waiting for a person, oldest first.
pub(crate) async fn review_queue(
    State(state): State<AppState>,
    Query(q): Query<RangeQuery>,
) -> Result<Json<Vec<ReviewItem>>, ApiError> {
    let range = range_of(&q)?;
    let log = log(&state)?;
    let (turns, events) = read_window(log, range)?;
    // Only the decisions on the turns read, by key.
    let mut decided = Vec::new();
    for t in &turns {
        decided.extend(log.review_decision(t.seq).map_err(internal)?);
    }
    let a = Analytics::new(&turns, &events, log.config().analytics_params());
    Ok(Json(a.review_queue(range, &decided)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpanLabel {
    pub slot: String,
    /// Character offsets into the turn's text, end exclusive.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewBody {
    /// `accept` writes the corrected example to the review file; `dismiss` drops the turn
    /// from the queue.
    pub decision: String,
    #[serde(default)]
    pub intent: Option<String>,
    #[serde(default)]
    pub slots: Vec<SpanLabel>,
    #[serde(default)]
    pub sentiment: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Reviewed {
    pub seq: u64,
    pub decision: String,
    /// Where the accepted example went (`kefu train` reads it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
}

fn bad_review(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "bad_review", message)
        .with_hint("send {\"decision\": \"accept\", \"intent\": \"…\", \"slots\": [{\"slot\", \"start\", \"end\"}]} or {\"decision\": \"dismiss\"}; nothing was written")
}

fn label_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// `POST /admin/review/{seq}`
pub(crate) async fn decide(
    State(state): State<AppState>,
    Path(seq): Path<u64>,
    body: axum::body::Bytes,
) -> Result<Json<Reviewed>, ApiError> {
    let body: ReviewBody = serde_json::from_slice(&body).map_err(|e| bad_review(e.to_string()))?;
    let log = log(&state)?;
    let Some(turn) = log.turn_fact(seq).map_err(internal)? else {
        return Err(ApiError::not_found(format!("no turn {seq}"))
            .with_hint("GET /admin/review lists the queued turns"));
    };
    if log.review_decision(seq).map_err(internal)?.is_some() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "already_reviewed",
            format!("turn {seq} was reviewed already"),
        ));
    }
    let (accepted, intent) = match body.decision.as_str() {
        "accept" => {
            let intent = body.intent.clone().unwrap_or_else(|| turn.intent.clone());
            if !label_ok(&intent) || intent == crate::types::NLU_FALLBACK {
                return Err(bad_review(format!(
                    "intent {intent:?} is not a trainable intent name (lower-case letters, digits, _)"
                )));
            }
            (true, intent)
        }
        "dismiss" => (false, turn.intent.clone()),
        other => {
            return Err(bad_review(format!(
                "decision {other:?} is not `accept` or `dismiss`"
            )))
        }
    };
    let len = turn.text.chars().count();
    let mut slots = Vec::new();
    for s in &body.slots {
        if !label_ok(&s.slot) {
            return Err(bad_review(format!("slot name {:?} is not valid", s.slot)));
        }
        if s.start >= s.end || s.end > len {
            return Err(bad_review(format!(
                "slot {} spans {}..{}, outside the text's {len} characters",
                s.slot, s.start, s.end
            )));
        }
        slots.push(Slot {
            slot: s.slot.clone(),
            value: crate::nlu::char_slice(&turn.text, s.start, s.end).to_string(),
            start: s.start,
            end: s.end,
        });
    }
    let sentiment = match body.sentiment.as_deref() {
        None => Some(turn.sentiment),
        Some(s) => Some(Sentiment::parse(s).ok_or_else(|| {
            bad_review(format!(
                "sentiment {s:?} is not negative, neutral or positive"
            ))
        })?),
    };
    let mut out = Reviewed {
        seq,
        decision: body.decision.clone(),
        file: None,
        example: None,
    };
    if accepted {
        let file = state.config.knowledge_dir.join("nlu").join(REVIEW_FILE);
        let ex = append_example(&file, &turn.text, &intent, &slots, sentiment, "review")
            .map_err(|e| bad_review(e.to_string()))?;
        out.file = Some(file.display().to_string());
        out.example = Some(serde_json::json!({
            "text": ex.text, "intent": ex.intent, "slots": ex.slots,
        }));
    }
    log.decide_review(&ReviewDecision {
        seq,
        accepted,
        intent,
        slots,
        at: Utc::now(),
    })
    .map_err(internal)?;
    Ok(Json(out))
}

#[derive(Debug, Serialize)]
pub struct ShopperView {
    pub id: String,
    /// Affinities as of now (decayed), when the shopper has events.
    pub profile: Option<Profile>,
    /// Newest first (at most 200).
    pub events: Vec<Event>,
    pub conversations: Vec<Conversation>,
    /// What kefu showed them and why, newest first (at most 50).
    pub recommended: Vec<Recommended>,
}

/// `GET /admin/shoppers/{id}` — a user id or an anonymous session id.
pub(crate) async fn shopper(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ShopperView>, ApiError> {
    let log = log(&state)?;
    let (turns, events) = log.shopper_window(&id).map_err(internal)?;
    let a = Analytics::new(&turns, &events, log.config().analytics_params());
    let conversations = a.conversations_of(&id);
    let mut own: Vec<Event> = log.events_of(&id).map_err(internal)?;
    own.sort_by(|a, b| b.at.cmp(&a.at).then(b.seq.cmp(&a.seq)));
    own.truncate(200);
    let profile = match log
        .profile(&Subject::User(UserId::new(&id)))
        .map_err(internal)?
    {
        Some(p) => Some(p),
        None => log
            .profile(&Subject::Session(SessionId::new(&id)))
            .map_err(internal)?,
    }
    .map(|p| p.decayed_to(Utc::now(), log.config().half_life_secs()));
    if profile.is_none() && own.is_empty() && conversations.is_empty() {
        return Err(ApiError::not_found(format!("no shopper {id:?}"))
            .with_hint("use a user id or a session id that has events or conversations"));
    }
    let recommended = a.recommended_to(&id, 50);
    Ok(Json(ShopperView {
        id,
        profile,
        events: own,
        conversations,
        recommended,
    }))
}
