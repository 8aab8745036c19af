//! `kefu chat [URL]`: talk to a running server from the terminal, over the same WebSocket
//! protocol as the widget (docs/protocol.md).
//!
//! One turn at a time: a line is sent once the previous one is answered, so piped input
//! (`printf 'red shoes\n1\n' | kefu chat`) reads like a conversation. A number picks one of
//! the quick replies shown last; `/up` and `/down` rate the last answer; `/quit` (or end of
//! input, once the last answer is in) leaves. A dropped connection is resumed with the
//! session id and the last `seq` seen, so nothing the server said is missed.

use anyhow::{bail, Context, Result};
use clap::Args;
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;
use tokio::io::AsyncBufReadExt;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use kefu::transport::protocol::{LoggedFrame, ServerFrame};
use kefu::types::QuickReply;

mod view;

#[derive(Debug, Args)]
pub struct ChatArgs {
    /// Server WebSocket URL.
    #[arg(default_value = "ws://127.0.0.1:8080/ws")]
    pub url: String,
    /// Resume this session (its history is printed first).
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,
    /// Locale sent to the server (the language of replies).
    #[arg(long, default_value = "en")]
    pub locale: String,
    /// A signed-in shopper's identity token (`kefu identity sign USER` prints one), so
    /// answers use what this shopper did before and their orders are theirs.
    #[arg(long, value_name = "TOKEN")]
    pub identity: Option<String>,
}

/// How long to wait for the answer to one line before letting the user type again.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);
/// Reconnect attempts after a dropped connection (backoff 0.5 s doubling, capped at 8 s).
const RECONNECT_ATTEMPTS: u32 = 8;

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub fn run(args: &ChatArgs) -> Result<ExitCode> {
    if !(args.url.starts_with("ws://") || args.url.starts_with("wss://")) {
        bail!(
            "{:?} is not a WebSocket URL (hint: ws://HOST:PORT/ws, e.g. ws://127.0.0.1:8080/ws)",
            args.url
        );
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(Chat::new(args).run())
}

/// What one line of input asks for.
enum Input {
    Frame(Value),
    Nothing,
    Quit,
}

struct Chat {
    url: String,
    locale: String,
    identity: Option<String>,
    session: Option<String>,
    last_seen: Option<u64>,
    quick: Vec<QuickReply>,
    last_reply: Option<String>,
    /// Piped input isn't on screen: say what was sent.
    echo: bool,
    /// The server closed the chat for idleness: reconnect when the user types, not before.
    idle: bool,
    /// The server's welcome has come: input may go out.
    welcomed: bool,
}

impl Chat {
    fn new(args: &ChatArgs) -> Self {
        Self {
            url: args.url.clone(),
            locale: args.locale.clone(),
            identity: args.identity.clone(),
            session: args.session.clone(),
            last_seen: None,
            quick: Vec::new(),
            last_reply: None,
            echo: !std::io::stdin().is_terminal(),
            idle: false,
            welcomed: false,
        }
    }

    async fn run(mut self) -> Result<ExitCode> {
        let mut lines = stdin_lines();
        let mut ws = Some(self.connect().await.with_context(|| {
            format!(
                "connecting to {} (hint: is `kefu serve` running there?)",
                self.url
            )
        })?);
        if std::io::stdin().is_terminal() {
            eprintln!("Type a message. A number picks a suggested reply; /up or /down rates the last answer; /quit leaves.");
        }
        let mut awaiting: Option<tokio::time::Instant> = None;
        let mut input_open = true;
        loop {
            if !input_open && awaiting.is_none() {
                if let Some(mut ws) = ws {
                    let _ = ws.close(None).await;
                }
                return Ok(ExitCode::SUCCESS);
            }
            let answer_due = async {
                match awaiting {
                    Some(since) => tokio::time::sleep_until(since + ANSWER_TIMEOUT).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                frame = next_frame(ws.as_mut()) => match frame {
                    Some(frame) => {
                        if self.show(frame) {
                            awaiting = None;
                        }
                    }
                    None => {
                        ws = None;
                        if !self.idle || awaiting.is_some() {
                            ws = Some(self.reconnect().await?);
                        }
                    }
                },
                line = lines.recv(), if awaiting.is_none() && self.welcomed => match line.map(|l| self.input(&l)) {
                    None | Some(Input::Quit) => input_open = false,
                    Some(Input::Nothing) => {}
                    Some(Input::Frame(frame)) => {
                        if ws.is_none() {
                            ws = Some(self.reconnect().await?);
                        }
                        let socket = ws.as_mut().expect("connected above");
                        if socket.send(Message::Text(frame.to_string().into())).await.is_err() {
                            // The answer (if the server got the line) is replayed on reconnect.
                            ws = Some(self.reconnect().await?);
                        }
                        awaiting = Some(tokio::time::Instant::now());
                    }
                },
                _ = answer_due => {
                    eprintln!("(no answer yet; you can type again)");
                    awaiting = None;
                }
            }
        }
    }

    /// Opens the socket and says hello: a new session, or the one we had (from `last_seen`).
    async fn connect(&mut self) -> Result<Ws> {
        let (mut ws, _) = tokio_tungstenite::connect_async(self.url.as_str()).await?;
        let mut hello = json!({"type": "hello", "locale": self.locale});
        if let Some(s) = &self.session {
            hello["session_id"] = json!(s);
        }
        if let Some(token) = &self.identity {
            hello["identity"] = json!(token);
        }
        if let Some(seq) = self.last_seen {
            hello["last_seen"] = json!(seq);
        }
        ws.send(Message::Text(hello.to_string().into())).await?;
        self.idle = false;
        self.welcomed = false;
        Ok(ws)
    }

    async fn reconnect(&mut self) -> Result<Ws> {
        let mut delay = Duration::from_millis(500);
        for attempt in 1..=RECONNECT_ATTEMPTS {
            if !self.idle {
                eprintln!("(connection lost; reconnecting, attempt {attempt})");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(8));
            }
            match self.connect().await {
                Ok(ws) => return Ok(ws),
                Err(e) => {
                    self.idle = false;
                    tracing::debug!("reconnect failed: {e}");
                }
            }
        }
        bail!(
            "lost the connection to {} and could not reconnect (hint: is the server still running?)",
            self.url
        )
    }

    fn input(&mut self, line: &str) -> Input {
        let line = line.trim();
        match line {
            "" => return Input::Nothing,
            "/quit" | "/exit" => return Input::Quit,
            "/up" | "/down" => {
                let Some(reply_id) = self.last_reply.clone() else {
                    eprintln!("(nothing to rate yet)");
                    return Input::Nothing;
                };
                let value = &line[1..];
                return Input::Frame(
                    json!({"type": "feedback", "reply_id": reply_id, "value": value}),
                );
            }
            _ => {}
        }
        let client_id = format!("cli-{}", uuid::Uuid::new_v4());
        if let Some(q) = line
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.quick.get(i))
            .cloned()
        {
            self.say(&format!("you: {}\n", view::clean(&q.title, false)));
            self.quick.clear();
            return Input::Frame(
                json!({"type": "action", "payload": q.payload, "client_id": client_id}),
            );
        }
        self.say(&format!("you: {line}\n"));
        self.quick.clear();
        Input::Frame(json!({"type": "message", "client_id": client_id, "text": line}))
    }

    fn say(&self, text: &str) {
        if self.echo {
            print(text);
        }
    }

    fn seen(&mut self, seq: u64) -> bool {
        if self.last_seen.is_some_and(|s| seq <= s) {
            return false; // a replay of something already printed
        }
        self.last_seen = Some(seq);
        true
    }

    /// Prints one frame; true when it answers the line we sent.
    fn show(&mut self, frame: ServerFrame) -> bool {
        match frame {
            ServerFrame::Welcome {
                session_id,
                history,
                ..
            } => {
                let resumed = self.session.as_deref() == Some(session_id.as_str());
                if resumed {
                    print(&format!("(resumed session {session_id})\n"));
                } else {
                    print(&format!(
                        "connected to {} (session {session_id})\n",
                        self.url
                    ));
                }
                self.session = Some(session_id);
                self.welcomed = true;
                for entry in history {
                    match entry {
                        LoggedFrame::User { seq, text, .. } => {
                            if self.seen(seq) {
                                print(&format!("you: {}\n", view::clean(&text, true)));
                            }
                        }
                        LoggedFrame::Server { frame, .. } => {
                            self.show(*frame);
                        }
                    }
                }
                false
            }
            ServerFrame::Reply { seq, reply, .. } => {
                if self.seen(seq) {
                    print(&view::reply(&reply));
                    self.quick = reply.quick_replies.clone();
                    self.last_reply = Some(reply.id.clone());
                }
                // A handing-off reply is followed by its `handoff` frame: wait for that too.
                !reply.handoff
            }
            ServerFrame::Handoff { seq, state } => {
                if self.seen(seq) {
                    print(&view::handoff(&state));
                }
                true
            }
            ServerFrame::AgentMessage { seq, text } => {
                if self.seen(seq) {
                    print(&view::agent(&text));
                }
                false
            }
            ServerFrame::Ack { .. } => {
                print("(thanks for the feedback)\n");
                true
            }
            ServerFrame::Error { code, message, .. } => {
                print(&view::error(&code, &message));
                if code == "idle_timeout" {
                    self.idle = true;
                }
                true
            }
            ServerFrame::Typing { .. } | ServerFrame::Pong => false,
        }
    }
}

fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// The next server frame, or None once the socket is closed.
/// Frames this client doesn't know (a later protocol) are skipped.
async fn next_frame(ws: Option<&mut Ws>) -> Option<ServerFrame> {
    let Some(ws) = ws else {
        return std::future::pending().await; // idle: nothing to hear until we reconnect
    };
    loop {
        match ws.next().await? {
            Ok(Message::Text(t)) => match serde_json::from_str::<ServerFrame>(t.as_str()) {
                Ok(frame) => return Some(frame),
                Err(e) => tracing::debug!("skipping a frame this client can't read: {e}"),
            },
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Lines of stdin, read on their own task so waiting for input never blocks the socket.
fn stdin_lines() -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel(16);
    tokio::spawn(async move {
        let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if tx.send(line).await.is_err() {
                break;
            }
        }
    });
    rx
}
