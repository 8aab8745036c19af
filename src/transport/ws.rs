//! `/ws`: one task per socket. Frames are read, checked against the limits, turned into
//! dialogue turns, and answered; every answer is logged before it is sent so a client that
//! reconnects with `last_seen` gets exactly what it missed.

use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::response::Response;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tracing::Instrument;

use crate::dialogue::{Turn, TurnInput};
use crate::timing::Stage;
use crate::types::{SessionId, UserId};

use super::http::AppState;
use super::hub::Subscription;
use super::limits::{RateLimiter, Refused};
use super::protocol::{
    check_session_id, parse_client_frame, ClientFrame, ServerFrame, PROTOCOL_VERSION,
};

/// Frames past this size are dropped by the socket layer itself (the connection closes);
/// below it, `server.max_frame_bytes` is enforced with an error frame.
const HARD_FRAME_CAP: usize = 1 << 20;

pub async fn upgrade(
    ws: WebSocketUpgrade,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    State(state): State<AppState>,
) -> Response {
    // The Origin was checked by the request guard before this handler ran.
    let client = state.guards.client(peer, &headers);
    let cfg = &state.config.server;
    let cap = HARD_FRAME_CAP.max(cfg.max_frame_bytes * 2);
    // tungstenite reserves its read buffer up front (128 KiB by default) and lets the write
    // buffer grow to its default before flushing: most of what an idle socket costs.
    ws.max_message_size(cap)
        .max_frame_size(cap)
        .read_buffer_size(cfg.socket_buffer_bytes)
        .write_buffer_size(0)
        .on_upgrade(move |socket| async move {
            let cfg = &state.config.server;
            match state
                .limits
                .try_acquire(client, cfg.max_connections, cfg.max_connections_per_ip)
            {
                Ok(slot) => {
                    state.metrics.open_sockets.fetch_add(1, Ordering::Relaxed);
                    Connection::new(state.clone(), socket).run().await;
                    drop(slot);
                    let open = state.metrics.open_sockets.fetch_sub(1, Ordering::Relaxed) - 1;
                    super::memory::MEMORY_RETURN.socket_closed(open);
                }
                Err(refused) => refuse(state, socket, refused).await,
            }
        })
}

async fn refuse(state: AppState, mut socket: WebSocket, refused: Refused) {
    let message = match refused {
        Refused::Total(n) => {
            format!("the server is at its limit of {n} connections; try again soon")
        }
        Refused::PerIp(n) => format!("at most {n} connections per client address"),
    };
    state.metrics.count_error("too_many_connections");
    let frame = ServerFrame::error("too_many_connections", message);
    let _ = socket.send(text(&frame)).await;
    let _ = socket.send(Message::Close(None)).await;
}

fn text(frame: &ServerFrame) -> Message {
    Message::Text(Utf8Bytes::from(
        serde_json::to_string(frame).expect("frames serialize"),
    ))
}

struct Connection {
    state: AppState,
    socket: WebSocket,
    session: Option<SessionId>,
    user: Option<UserId>,
    locale: Option<String>,
    rate: RateLimiter,
    /// The client's time for the turn being answered (simulations only).
    at: Option<chrono::DateTime<chrono::Utc>>,
    /// Frames pushed to this session from elsewhere (an agent's message).
    pushed: Option<Subscription>,
}

async fn next_pushed(sub: &mut Option<Subscription>) -> Option<ServerFrame> {
    match sub {
        Some(sub) => sub.recv().await,
        None => std::future::pending().await,
    }
}

enum Flow {
    Continue,
    Close,
}

impl Connection {
    fn new(state: AppState, socket: WebSocket) -> Self {
        let cfg = &state.config.server;
        let rate = RateLimiter::new(cfg.messages_per_second, cfg.burst_messages as f64);
        Self {
            state,
            socket,
            session: None,
            user: None,
            locale: None,
            rate,
            at: None,
            pushed: None,
        }
    }

    async fn run(mut self) {
        let cfg = self.state.config.server.clone();
        let idle = Duration::from_secs(cfg.idle_timeout_secs);
        let mut ping = tokio::time::interval(Duration::from_secs(cfg.ping_interval_secs));
        ping.tick().await;
        let mut last_heard = Instant::now();
        loop {
            let deadline = tokio::time::Instant::from_std(last_heard + idle);
            tokio::select! {
                msg = self.socket.recv() => {
                    let Some(Ok(msg)) = msg else { return };
                    // Only the client's own frames keep it open: pongs answer our pings
                    // (any idle browser tab sends them), and pings cost a client nothing.
                    if matches!(msg, Message::Text(_) | Message::Binary(_)) {
                        last_heard = Instant::now();
                    }
                    if let Flow::Close = self.on_message(msg).await {
                        return;
                    }
                }
                frame = next_pushed(&mut self.pushed) => {
                    if let Some(frame) = frame {
                        if self.send(&frame).await.is_err() {
                            return;
                        }
                    }
                }
                _ = ping.tick() => {
                    if self.socket.send(Message::Ping(Default::default())).await.is_err() {
                        return;
                    }
                }
                _ = tokio::time::sleep_until(deadline) => {
                    let _ = self.send(&ServerFrame::error("idle_timeout", "closing an idle connection")).await;
                    let _ = self.socket.send(Message::Close(None)).await;
                    return;
                }
            }
        }
    }

    async fn send(&mut self, frame: &ServerFrame) -> Result<(), axum::Error> {
        if let ServerFrame::Error { code, .. } = frame {
            self.state.metrics.count_error(code);
        }
        self.socket.send(text(frame)).await
    }

    async fn on_message(&mut self, msg: Message) -> Flow {
        let body = match msg {
            Message::Text(t) => t,
            Message::Binary(_) => {
                return self
                    .reply_error(
                        "binary_frame",
                        "frames are JSON text; binary frames are not read",
                    )
                    .await
            }
            Message::Close(_) => return Flow::Close,
            Message::Ping(_) | Message::Pong(_) => return Flow::Continue,
        };
        let limit = self.state.config.server.max_frame_bytes;
        if body.len() > limit {
            return self
                .reply_error(
                    "frame_too_large",
                    format!("frame of {} bytes is over the limit of {limit}", body.len()),
                )
                .await;
        }
        if !self.rate.allow() {
            return self
                .reply_error("rate_limited", "too many frames; slow down")
                .await;
        }
        match parse_client_frame(body.as_str()) {
            Ok(frame) => self.on_frame(frame).await,
            Err(e) => self.reply_error(e.code, e.message).await,
        }
    }

    async fn reply_error(&mut self, code: &str, message: impl Into<String>) -> Flow {
        match self.send(&ServerFrame::error(code, message)).await {
            Ok(()) => Flow::Continue,
            Err(_) => Flow::Close,
        }
    }

    async fn on_frame(&mut self, frame: ClientFrame) -> Flow {
        match frame {
            ClientFrame::Hello {
                session_id,
                identity,
                user_id,
                locale,
                last_seen,
            } => {
                if user_id.is_some() {
                    return self
                        .reply_error(
                            super::identity::UNSIGNED_USER,
                            super::identity::UNSIGNED_USER_MESSAGE,
                        )
                        .await;
                }
                let user = match self.state.identities.user(identity.as_deref()) {
                    Ok(user) => user,
                    Err(e) => return self.reply_error(e.code(), e.to_string()).await,
                };
                self.hello(session_id, user, locale, last_seen).await
            }
            ClientFrame::Ping => self.send_or_close(&ServerFrame::Pong).await,
            ClientFrame::Message {
                client_id,
                text,
                at,
            } => {
                if text.trim().is_empty() {
                    return self
                        .reply_error("empty_message", "the message has no text")
                        .await;
                }
                if let Err(e) = super::chat::check_text_length(&self.state, &text) {
                    return self.reply_error(e.code, e.message).await;
                }
                if at.is_some() && !self.state.config.server.accept_client_time {
                    return self
                        .reply_error(
                            "client_time_refused",
                            "this server dates messages itself; send them without `at` (server.accept_client_time is off)",
                        )
                        .await;
                }
                self.at = at;
                let flow = self.turn(Some(client_id), TurnInput::Text { text }).await;
                self.at = None;
                flow
            }
            ClientFrame::Action { payload, client_id } => {
                if let Err(e) = super::chat::check_text_length(&self.state, &payload) {
                    return self.reply_error(e.code, e.message).await;
                }
                self.turn(client_id, TurnInput::Action { payload }).await
            }
            ClientFrame::Event { event } => {
                let of = event
                    .get("id")
                    .and_then(|v| v.as_str())
                    .unwrap_or("event")
                    .to_string();
                let kind = event.get("kind").and_then(|v| v.as_str()).unwrap_or("");
                if !crate::behavior::SOCKET_KINDS.contains(&kind) {
                    return self
                        .reply_error(
                            "event_not_allowed",
                            format!(
                                "a {:?} event cannot come from the page; the socket takes {} (purchases, ratings and reviews come from the shop's backend on POST /api/events)",
                                kind.chars().take(40).collect::<String>(),
                                crate::behavior::SOCKET_KINDS.join(", ")
                            ),
                        )
                        .await;
                }
                // The event's own `at` counts only in a simulation, as a message's does.
                if self.state.config.server.accept_client_time {
                    self.at = event
                        .get("at")
                        .and_then(|v| serde_json::from_value(v.clone()).ok());
                }
                let flow = self.quiet_turn(TurnInput::Event { event }, of).await;
                self.at = None;
                flow
            }
            ClientFrame::Feedback {
                reply_id,
                value,
                comment,
            } => {
                let of = reply_id.clone();
                let up = value == super::protocol::Thumb::Up;
                self.quiet_turn(
                    TurnInput::Feedback {
                        reply_id,
                        up,
                        comment,
                    },
                    of,
                )
                .await
            }
        }
    }

    async fn send_or_close(&mut self, frame: &ServerFrame) -> Flow {
        match self.send(frame).await {
            Ok(()) => Flow::Continue,
            Err(_) => Flow::Close,
        }
    }

    /// Opens (or resumes) a session for a checked `user` (`None`: anonymous). A session
    /// someone else owns is refused before any of its history is read; the connection
    /// keeps whatever session it had.
    async fn hello(
        &mut self,
        session_id: Option<String>,
        user: Option<UserId>,
        locale: Option<String>,
        last_seen: Option<u64>,
    ) -> Flow {
        let session = match session_id {
            Some(s) => {
                if let Err(e) = check_session_id(&s) {
                    return self.reply_error(e.code, e.message).await;
                }
                s
            }
            None => uuid::Uuid::new_v4().to_string(),
        };
        if let Err(e) =
            super::chat::claim(&self.state, &SessionId::new(&session), user.as_ref()).await
        {
            return self.reply_error(e.code, e.message).await;
        }
        let log = &self.state.session_log;
        // Replay instead of history when the client says what it already has; a history
        // is the latest page only (the admin history route pages further back).
        let history = if last_seen.is_none() {
            log.history_page(&session, None, self.state.config.server.history_page)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let missed = match last_seen {
            Some(seq) => log.server_frames_after(&session, seq).unwrap_or_default(),
            None => Vec::new(),
        };
        self.pushed = Some(self.state.hub.subscribe(&session));
        self.session = Some(SessionId::new(&session));
        self.user = user;
        self.locale = locale;
        let cart = self.state.chat.as_ref().and_then(|chat| {
            chat.cart(&SessionId::new(&session))
                .map_err(|e| tracing::warn!(session = %session, "cart for welcome: {e}"))
                .ok()
                .flatten()
        });
        let welcome = ServerFrame::Welcome {
            session_id: session,
            protocol: PROTOCOL_VERSION,
            history,
            cart,
        };
        if self.send(&welcome).await.is_err() {
            return Flow::Close;
        }
        for f in missed {
            if self.send(&f).await.is_err() {
                return Flow::Close;
            }
        }
        Flow::Continue
    }

    /// A frame before `hello` opens a fresh session implicitly.
    async fn ensure_session(&mut self) -> Option<SessionId> {
        if self.session.is_none() {
            if let Flow::Close = self.hello(None, None, None, None).await {
                return None;
            }
        }
        self.session.clone()
    }

    fn make_turn(&self, session: SessionId, input: TurnInput) -> Turn {
        Turn {
            session,
            user: self.user.clone(),
            locale: self.locale.clone(),
            input,
            at: self.at,
        }
    }

    async fn turn(&mut self, client_id: Option<String>, input: TurnInput) -> Flow {
        let Some(session) = self.ensure_session().await else {
            return Flow::Close;
        };
        if let TurnInput::Text { text } = &input {
            // Another socket may have signed this session in since our hello: nothing of
            // ours goes into its log then.
            if let Err(e) = super::chat::claim(&self.state, &session, self.user.as_ref()).await {
                let mut frame = ServerFrame::error(e.code, e.message);
                if let ServerFrame::Error { in_reply_to, .. } = &mut frame {
                    *in_reply_to = client_id;
                }
                return self.send_or_close(&frame).await;
            }
            let _ = self
                .state
                .session_log
                .record_user(session.as_str(), client_id.clone(), text);
        }
        if self
            .send(&ServerFrame::Typing {
                in_reply_to: client_id.clone(),
            })
            .await
            .is_err()
        {
            return Flow::Close;
        }
        let turn = self.make_turn(session.clone(), input);
        let frames = match super::chat::answer(&self.state, turn, client_id.clone()).await {
            Ok(frames) => frames,
            Err(e) => {
                let mut frame = ServerFrame::error(e.code, e.message);
                if let ServerFrame::Error { in_reply_to, .. } = &mut frame {
                    *in_reply_to = client_id;
                }
                return self.send_or_close(&frame).await;
            }
        };
        let sending = Instant::now();
        for f in frames {
            if self.send(&f).instrument(Stage::Send.span()).await.is_err() {
                return Flow::Close;
            }
        }
        Stage::Send.record(sending.elapsed());
        Flow::Continue
    }

    /// Events and feedback: acknowledged once the dialogue has taken them.
    async fn quiet_turn(&mut self, input: TurnInput, of: String) -> Flow {
        let Some(session) = self.ensure_session().await else {
            return Flow::Close;
        };
        let turn = self.make_turn(session, input);
        match super::chat::answer(&self.state, turn, None).await {
            Ok(frames) => {
                for f in frames {
                    if self.send(&f).await.is_err() {
                        return Flow::Close;
                    }
                }
                self.send_or_close(&ServerFrame::Ack { of }).await
            }
            Err(e) => self.reply_error(e.code, e.message).await,
        }
    }
}
