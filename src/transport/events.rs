//! `POST /api/events`: a shop's backend reports what shoppers did. One event or a JSON
//! array of them, behind `Authorization: Bearer <server.events_token>`. The only way in
//! for purchases, ratings (with order proof) and reviews; the backend's ids have their own
//! namespace, which no socket event can claim. The answer comes only after the events are
//! durable; a bad event rejects the batch and stores nothing.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::json;
use std::sync::Arc;

use super::auth::{bearer, same_secret};
use super::{ApiError, AppState};
use crate::behavior::{BehaviorError, EventInput, EventLog, ProductDirectory, KINDS};

/// What the events route needs: the log and the catalogue to check products against.
#[derive(Clone)]
pub struct EventsApi {
    pub log: Arc<EventLog>,
    pub products: Arc<dyn ProductDirectory>,
}

pub(crate) async fn post_events(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Some(expected) = state.config.server.events_token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "events_disabled",
            "the events API is off",
        )
        .with_hint("set server.events_token (KEFU_SERVER_EVENTS_TOKEN) to turn it on"));
    };
    if !bearer(&headers).is_some_and(|given| same_secret(given, expected)) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing or wrong bearer token",
        )
        .with_hint("send `Authorization: Bearer <server.events_token>`"));
    }
    let Some(api) = state.events.clone() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "events_unavailable",
            "the event log is not running",
        )
        .with_hint("retry later; nothing was stored"));
    };

    let value: serde_json::Value = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            format!("the body is not JSON: {e}"),
        )
        .with_hint("send one event object or a JSON array of them")
    })?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        one @ serde_json::Value::Object(_) => vec![one],
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed",
                "the body is neither an event object nor an array of events",
            )
            .with_hint("send one event object or a JSON array of them"))
        }
    };
    let batch = items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            serde_json::from_value::<EventInput>(v).map_err(|e| {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_event",
                    format!("event {i}: {e}"),
                )
                .with_hint(format!(
                    "every event needs `id` and `kind` ({KINDS}); see docs/recommend.md"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;

    // Appending flushes to disk: keep it off the async workers.
    let acks = tokio::task::spawn_blocking(move || api.log.append(&batch, api.products.as_ref()))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?
        .map_err(to_api_error)?;
    let stored = acks.iter().filter(|a| !a.duplicate).count();
    Ok(Json(json!({
        "stored": stored,
        "duplicates": acks.len() - stored,
        "acks": acks,
    })))
}

fn to_api_error(e: BehaviorError) -> ApiError {
    match e {
        BehaviorError::Invalid {
            index,
            id,
            message,
            hint,
        } => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_event",
            format!("event {index} (id {id:?}): {message}; nothing was stored"),
        )
        .with_hint(hint),
        e @ BehaviorError::EmptyBatch => {
            ApiError::new(StatusCode::BAD_REQUEST, "empty_batch", e.to_string())
        }
        e @ BehaviorError::BatchTooLarge { .. } => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "batch_too_large",
            e.to_string(),
        ),
        e @ BehaviorError::NotFromSocket { .. } => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_event",
            e.to_string(),
        ),
        e @ BehaviorError::AlreadyLinked { .. } => {
            ApiError::new(StatusCode::CONFLICT, "already_linked", e.to_string())
        }
        BehaviorError::Store(e) => ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "storage",
            format!("{e}; nothing was acknowledged"),
        )
        .with_hint("retry with the same event ids; duplicates are not stored twice"),
    }
}
