//! One turn through the dialogue, shared by the socket and the REST endpoint: time it,
//! count it, log every answer durably, and hand back the frames to send.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::sync::atomic::Ordering;
use std::time::Instant;
use tracing::Instrument;

use crate::dialogue::{DialogueError, Turn, TurnInput};
use crate::types::{Reply, SessionId, UserId};

use super::error::ApiError;
use super::http::AppState;
use super::protocol::{FrameError, ServerFrame};

pub(crate) async fn answer(
    state: &AppState,
    turn: Turn,
    in_reply_to: Option<String>,
) -> Result<Vec<ServerFrame>, FrameError> {
    let Some(chat) = state.chat.clone() else {
        return Err(FrameError {
            code: "dialogue_unavailable",
            message: "the dialogue engine is not running on this server".into(),
        });
    };
    let session = turn.session.clone();
    let counts_as_turn = matches!(
        turn.input,
        TurnInput::Text { .. } | TurnInput::Action { .. }
    );
    let started = Instant::now();
    // The dialogue's writes (tracker, turn fact) are made durable by the one flush below,
    // with the reply frames, before any of them is sent.
    let turned = if chat.writes_only_to(&state.store) {
        chat.turn_unflushed(turn)
    } else {
        chat.turn(turn)
    };
    let replies = turned.await.map_err(|e| match e {
        DialogueError::Overloaded => FrameError {
            code: "overloaded",
            message: e.to_string(),
        },
        DialogueError::BadInput(m) => FrameError {
            code: "bad_input",
            message: m,
        },
        DialogueError::SessionOwned => FrameError {
            code: "session_owned",
            message: e.to_string(),
        },
        DialogueError::Internal(m) | DialogueError::Config(m) => {
            tracing::error!(session = %session, "dialogue failed: {m}");
            FrameError {
                code: "internal",
                message: "something went wrong on our side; please try again".into(),
            }
        }
    })?;
    if counts_as_turn {
        state.metrics.observe_turn(started.elapsed().as_secs_f64());
    }

    let writing = Instant::now();
    let graph = state.knowledge.as_ref().map(|k| k.graph());
    let mut frames = Vec::with_capacity(replies.len());
    for mut reply in replies {
        if let Some(graph) = &graph {
            for card in &mut reply.products {
                super::product_links::complete_card(&state.config.server.web_dir, graph, card);
            }
        }
        if let Some(intent) = &reply.intent {
            state.metrics.count_intent(intent);
        }
        let handoff = reply.handoff;
        let frame = state
            .session_log
            .write_server(session.as_str(), |seq| ServerFrame::Reply {
                seq,
                in_reply_to: in_reply_to.clone(),
                reply,
            })
            .map_err(store_error)?;
        frames.push(frame);
        if handoff {
            state.metrics.handoffs.fetch_add(1, Ordering::Relaxed);
            let frame = state
                .session_log
                .write_server(session.as_str(), |seq| ServerFrame::Handoff {
                    seq,
                    state: "waiting_for_agent".into(),
                })
                .map_err(store_error)?;
            frames.push(frame);
        }
    }
    // One flush for the whole turn: the shopper's message, the dialogue's writes and every
    // frame above are on disk before the caller sends the first of them (an event's `ack`
    // included).
    state
        .store
        .flush_async()
        .instrument(crate::timing::Stage::StoreWrite.span())
        .await
        .map_err(store_error)?;
    crate::timing::Stage::StoreWrite.record(writing.elapsed());
    Ok(frames)
}

/// Settles who owns `session` before anything of this client's is written to it or read
/// from it (see `ChatService::claim`): `session_owned` when it is someone else's.
pub(crate) async fn claim(
    state: &AppState,
    session: &SessionId,
    user: Option<&UserId>,
) -> Result<(), FrameError> {
    let Some(chat) = &state.chat else {
        return Ok(());
    };
    chat.claim(session, user).await.map_err(|e| match e {
        DialogueError::SessionOwned => FrameError {
            code: "session_owned",
            message: e.to_string(),
        },
        other => {
            tracing::error!(session = %session, "claiming the session: {other}");
            FrameError {
                code: "internal",
                message: "something went wrong on our side; please try again".into(),
            }
        }
    })
}

/// `server.max_text_chars`: a chat message (or button payload) longer than this is refused
/// before it reaches the NLU or the logs.
pub(crate) fn check_text_length(state: &AppState, text: &str) -> Result<(), FrameError> {
    let limit = state.config.server.max_text_chars;
    let chars = text.chars().count();
    if chars > limit {
        return Err(FrameError {
            code: "text_too_long",
            message: format!("the message has {chars} characters; at most {limit} are read"),
        });
    }
    Ok(())
}

fn store_error(e: crate::store::StoreError) -> FrameError {
    tracing::error!("session log: {e}");
    FrameError {
        code: "internal",
        message: "could not record the answer; please try again".into(),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChatRequest {
    pub session_id: Option<String>,
    /// The shop-signed identity token of a signed-in shopper (docs/security.md).
    pub identity: Option<String>,
    /// Refused (`unsigned_user`); read only to say so.
    pub user_id: Option<String>,
    pub locale: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ChatResponse {
    pub session_id: String,
    pub replies: Vec<Reply>,
}

/// `POST /api/chat`: the same turn as a socket `message`, for clients that can't hold one.
pub async fn rest_chat(
    State(state): State<AppState>,
    body: axum::body::Bytes,
) -> Result<Json<ChatResponse>, axum::response::Response> {
    use axum::response::IntoResponse;
    let (session, req, user) = checked_chat(&state, &body).map_err(IntoResponse::into_response)?;
    state.guards.check_session(&session).map_err(|r| *r)?;
    rest_turn(state, session, req, user)
        .await
        .map_err(IntoResponse::into_response)
}

/// The body, read and checked: the session it names (or a new one) and the request.
fn checked_chat(
    state: &AppState,
    body: &axum::body::Bytes,
) -> Result<(String, ChatRequest, Option<UserId>), ApiError> {
    let limit = state.config.server.max_frame_bytes;
    if body.len() > limit {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "frame_too_large",
            format!("body of {} bytes is over the limit of {limit}", body.len()),
        ));
    }
    let req: ChatRequest = serde_json::from_slice(body).map_err(|e| {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_json", e.to_string())
            .with_hint(r#"send {"text": "…", "session_id"?: "…", "identity"?: "…"}"#)
    })?;
    if req.user_id.is_some() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            super::identity::UNSIGNED_USER,
            super::identity::UNSIGNED_USER_MESSAGE,
        ));
    }
    let user = state
        .identities
        .user(req.identity.as_deref())
        .map_err(|e| ApiError::new(StatusCode::UNAUTHORIZED, e.code(), e.to_string()))?;
    if req.text.trim().is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "empty_message",
            "`text` is empty",
        ));
    }
    check_text_length(state, &req.text)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.code, e.message))?;
    let session = match &req.session_id {
        Some(s) => {
            super::protocol::check_session_id(s).map_err(|e| {
                ApiError::new(StatusCode::BAD_REQUEST, e.code, e.message)
                    .with_hint("omit session_id to start a new session")
            })?;
            s.clone()
        }
        None => uuid::Uuid::new_v4().to_string(),
    };
    Ok((session, req, user))
}

async fn rest_turn(
    state: AppState,
    session: String,
    req: ChatRequest,
    user: Option<UserId>,
) -> Result<Json<ChatResponse>, ApiError> {
    claim(&state, &SessionId::new(&session), user.as_ref())
        .await
        .map_err(|e| {
            let status = match e.code {
                "session_owned" => StatusCode::FORBIDDEN,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            };
            ApiError::new(status, e.code, e.message)
        })?;
    state
        .session_log
        .record_user(&session, None, &req.text)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?;
    let turn = Turn {
        session: SessionId::new(&session),
        user,
        locale: req.locale,
        input: TurnInput::Text { text: req.text },
        at: None,
    };
    let frames = answer(&state, turn, None).await.map_err(|e| {
        let status = match e.code {
            "overloaded" | "dialogue_unavailable" => StatusCode::SERVICE_UNAVAILABLE,
            "bad_input" => StatusCode::BAD_REQUEST,
            "session_owned" => StatusCode::FORBIDDEN,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        state.metrics.count_error(e.code);
        ApiError::new(status, e.code, e.message)
    })?;
    let replies = frames
        .into_iter()
        .filter_map(|f| match f {
            ServerFrame::Reply { reply, .. } => Some(reply),
            _ => None,
        })
        .collect();
    Ok(Json(ChatResponse {
        session_id: session,
        replies,
    }))
}
