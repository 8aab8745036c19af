//! The chat protocol's frames (docs/protocol.md). Parsing never panics: every bad frame
//! becomes a [`FrameError`] with a stable code, and the connection stays usable.

use serde::{Deserialize, Serialize};

use crate::types::{CartView, Reply};

pub const PROTOCOL_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientFrame {
    Hello {
        session_id: Option<String>,
        /// The shop-signed identity token of a signed-in shopper (docs/security.md).
        identity: Option<String>,
        /// Refused (`unsigned_user`): a client's word is not who it is. Read only to say so.
        user_id: Option<String>,
        locale: Option<String>,
        /// The `seq` of the last server frame this client saw; later ones are replayed.
        last_seen: Option<u64>,
    },
    Message {
        client_id: String,
        text: String,
        /// When it was sent; honoured only with `server.accept_client_time` (simulations).
        #[serde(default)]
        at: Option<chrono::DateTime<chrono::Utc>>,
    },
    Action {
        payload: String,
        client_id: Option<String>,
    },
    Event {
        event: serde_json::Value,
    },
    Feedback {
        reply_id: String,
        value: Thumb,
        comment: Option<String>,
    },
    Ping,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Thumb {
    Up,
    Down,
}

const CLIENT_TYPES: &[&str] = &["hello", "message", "action", "event", "feedback", "ping"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame {
    Welcome {
        session_id: String,
        protocol: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        history: Vec<LoggedFrame>,
        /// The session's cart as it stands (absent when the server keeps no cart).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cart: Option<CartView>,
    },
    Typing {
        #[serde(skip_serializing_if = "Option::is_none")]
        in_reply_to: Option<String>,
    },
    Reply {
        seq: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        in_reply_to: Option<String>,
        #[serde(flatten)]
        reply: Reply,
    },
    Handoff {
        seq: u64,
        state: String,
    },
    AgentMessage {
        seq: u64,
        text: String,
    },
    Ack {
        of: String,
    },
    Error {
        code: String,
        message: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        in_reply_to: Option<String>,
    },
    Pong,
}

impl ServerFrame {
    pub fn error(code: &str, message: impl Into<String>) -> Self {
        ServerFrame::Error {
            code: code.to_string(),
            message: message.into(),
            in_reply_to: None,
        }
    }
}

/// One entry of a session's history: what the shopper said, or a server frame with a seq.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum LoggedFrame {
    User {
        seq: u64,
        client_id: Option<String>,
        text: String,
    },
    Server {
        seq: u64,
        frame: Box<ServerFrame>,
    },
}

impl LoggedFrame {
    pub fn seq(&self) -> u64 {
        match self {
            LoggedFrame::User { seq, .. } | LoggedFrame::Server { seq, .. } => *seq,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameError {
    pub code: &'static str,
    pub message: String,
}

impl FrameError {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<FrameError> for ServerFrame {
    fn from(e: FrameError) -> Self {
        ServerFrame::error(e.code, e.message)
    }
}

/// Parses one text frame, naming what is wrong in terms a client author can act on.
pub fn parse_client_frame(text: &str) -> Result<ClientFrame, FrameError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| FrameError::new("bad_json", format!("frame is not valid JSON: {e}")))?;
    let Some(obj) = value.as_object() else {
        return Err(FrameError::new(
            "bad_frame",
            "a frame is a JSON object with a `type`",
        ));
    };
    let Some(kind) = obj.get("type") else {
        return Err(FrameError::new("missing_field", "missing field `type`"));
    };
    let Some(kind) = kind.as_str() else {
        return Err(FrameError::new("bad_frame", "`type` must be a string"));
    };
    let kind = kind.to_string();
    if !CLIENT_TYPES.contains(&kind.as_str()) {
        return Err(FrameError::new(
            "unknown_type",
            format!(
                "unknown frame type {kind:?}; expected one of {}",
                CLIENT_TYPES.join(", ")
            ),
        ));
    }
    serde_json::from_value(value).map_err(|e| {
        let msg = e.to_string();
        let code = if msg.starts_with("missing field") {
            "missing_field"
        } else {
            "bad_frame"
        };
        FrameError::new(code, format!("{kind} frame: {msg}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_bad_frame_has_its_code() {
        let code = |t: &str| parse_client_frame(t).unwrap_err().code;
        assert_eq!(code("{nope"), "bad_json");
        assert_eq!(code("[1,2]"), "bad_frame");
        assert_eq!(code(r#"{"text":"hi"}"#), "missing_field");
        assert_eq!(code(r#"{"type":"shout"}"#), "unknown_type");
        assert_eq!(code(r#"{"type":"message","text":"hi"}"#), "missing_field");
        assert_eq!(
            code(r#"{"type":"message","client_id":1,"text":"hi"}"#),
            "bad_frame"
        );
        assert_eq!(
            code(r#"{"type":"feedback","reply_id":"r","value":"meh"}"#),
            "bad_frame"
        );
    }

    #[test]
    fn good_frames_parse() {
        assert_eq!(
            parse_client_frame(r#"{"type":"message","client_id":"c1","text":"hi"}"#).unwrap(),
            ClientFrame::Message {
                client_id: "c1".into(),
                text: "hi".into(),
                at: None,
            }
        );
        assert!(matches!(
            parse_client_frame(r#"{"type":"hello","last_seen":4}"#).unwrap(),
            ClientFrame::Hello {
                last_seen: Some(4),
                ..
            }
        ));
    }
}
