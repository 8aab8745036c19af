//! The agent side of a handoff, behind the admin token: list handed-off conversations,
//! answer in one, and give it back to the assistant.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::dialogue::HandoffSummary;
use crate::types::SessionId;

use super::auth::{bearer, same_secret};
use super::error::ApiError;
use super::http::AppState;
use super::protocol::{LoggedFrame, ServerFrame};

/// Checks `Authorization: Bearer <admin.token>`. Admin routes are off without a token.
pub(crate) fn require_admin(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = state.config.admin.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "admin_disabled",
            "admin routes are off on this server",
        )
        .with_hint("set admin.token (or KEFU_ADMIN_TOKEN) and restart"));
    };
    match bearer(headers) {
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing bearer token",
        )
        .with_hint("send Authorization: Bearer <admin token>")),
        Some(t) if same_secret(t, token) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "wrong admin token",
        )),
    }
}

fn dialogue_error(e: crate::dialogue::DialogueError) -> ApiError {
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
}

fn chat(state: &AppState) -> Result<&std::sync::Arc<dyn crate::dialogue::ChatService>, ApiError> {
    state.chat.as_ref().ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "dialogue_unavailable",
            "this server runs no dialogue engine",
        )
    })
}

/// A handed-off conversation as the agent console shows it.
#[derive(Debug, Serialize)]
pub struct HandoffView {
    pub session_id: String,
    pub state: &'static str,
    #[serde(flatten)]
    pub summary: HandoffSummary,
    /// The session's latest logged frames (what the shopper said and every answer);
    /// `GET /admin/sessions/{id}/history?before=SEQ` pages further back.
    pub history: Vec<LoggedFrame>,
}

/// `GET /admin/handoffs`
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Vec<HandoffView>>, ApiError> {
    require_admin(&state, &headers)?;
    let mut out = Vec::new();
    for summary in chat(&state)?.handoffs().map_err(dialogue_error)? {
        let history = state
            .session_log
            .history_page(
                summary.session.as_str(),
                None,
                state.config.server.history_page,
            )
            .map_err(|e| {
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
            })?;
        out.push(HandoffView {
            session_id: summary.session.to_string(),
            state: "waiting_for_agent",
            summary,
            history,
        });
    }
    Ok(Json(out))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentReply {
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Delivered {
    pub seq: u64,
    /// Open sockets of the session that got it now (0: the shopper sees it on reconnect).
    pub delivered_live: usize,
}

/// A session id from the path, checked as the socket checks it.
fn path_session(session: &str) -> Result<(), ApiError> {
    super::protocol::check_session_id(session)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.code, e.message))
}

/// `POST /admin/sessions/{id}/reply` — an agent's message into the conversation. The token
/// is checked before the body is read: a caller without one learns nothing about the body's
/// expected shape.
pub async fn reply(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(session): Path<String>,
    body: axum::body::Bytes,
) -> Result<Json<Delivered>, ApiError> {
    require_admin(&state, &headers)?;
    path_session(&session)?;
    super::guard::require_json(&axum::http::Method::POST, &headers)?;
    let body: AgentReply = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_json", e.to_string())
            .with_hint(r#"send {"text": "…"}"#)
    })?;
    let text = body.text.trim().to_string();
    if text.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "empty_message",
            "`text` is empty",
        ));
    }
    let known = chat(&state)?
        .handoffs()
        .map_err(dialogue_error)?
        .iter()
        .any(|h| h.session.as_str() == session);
    if !known {
        return Err(
            ApiError::not_found(format!("no handed-off session {session}"))
                .with_hint("GET /admin/handoffs lists them"),
        );
    }
    let frame = state
        .session_log
        .record_server(&session, |seq| ServerFrame::AgentMessage { seq, text })
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?;
    let seq = match &frame {
        ServerFrame::AgentMessage { seq, .. } => *seq,
        _ => 0,
    };
    let delivered_live = state.push_everywhere(&session, seq, &frame);
    Ok(Json(Delivered {
        seq,
        delivered_live,
    }))
}

/// `POST /admin/sessions/{id}/release` — back to the assistant.
pub async fn release(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(session): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    require_admin(&state, &headers)?;
    let released = chat(&state)?
        .release(&SessionId::new(&session))
        .await
        .map_err(dialogue_error)?;
    if !released {
        return Err(ApiError::not_found(format!("no session {session}")));
    }
    let frame = state
        .session_log
        .record_server(&session, |seq| ServerFrame::Handoff {
            seq,
            state: "released".into(),
        })
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?;
    if let ServerFrame::Handoff { seq, .. } = &frame {
        state.push_everywhere(&session, *seq, &frame);
    }
    Ok(Json(
        serde_json::json!({ "session": session, "state": "released" }),
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryQuery {
    /// Entries before this seq (the page before the one shown); the latest page if absent.
    pub before: Option<u64>,
    /// Entries per page; `server.history_page` if absent, never more than 10 times it.
    pub limit: Option<usize>,
}

/// `GET /admin/sessions/{id}/history` — the conversation a page at a time (latest first
/// page, oldest entry first within it), for the agent console.
pub async fn history(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(session): Path<String>,
    uri: axum::http::Uri,
) -> Result<Json<Vec<LoggedFrame>>, ApiError> {
    require_admin(&state, &headers)?;
    path_session(&session)?;
    let Query(page) = Query::<HistoryQuery>::try_from_uri(&uri).map_err(|e| {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_query", e.body_text())
            .with_hint("?before=SEQ&limit=N, both optional")
    })?;
    let default = state.config.server.history_page;
    let limit = page.limit.unwrap_or(default).clamp(1, default * 10);
    state
        .session_log
        .history_page(&session, page.before, limit)
        .map(Json)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))
}
