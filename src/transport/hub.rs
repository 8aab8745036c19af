//! Live sockets by session, so frames that don't answer a client frame (an agent's
//! message, a handoff change) reach whoever has the conversation open.

use parking_lot::Mutex;
use std::collections::HashMap;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

use super::protocol::ServerFrame;

#[derive(Default)]
pub struct Hub {
    sockets: Mutex<HashMap<String, Vec<UnboundedSender<ServerFrame>>>>,
}

impl Hub {
    /// A receiver for frames pushed to `session`; dropping it unsubscribes.
    pub fn subscribe(&self, session: &str) -> UnboundedReceiver<ServerFrame> {
        let (tx, rx) = unbounded_channel();
        self.sockets
            .lock()
            .entry(session.to_string())
            .or_default()
            .push(tx);
        rx
    }

    /// Sends to every open socket of the session; returns how many got it.
    pub fn push(&self, session: &str, frame: &ServerFrame) -> usize {
        let mut sockets = self.sockets.lock();
        let Some(list) = sockets.get_mut(session) else {
            return 0;
        };
        list.retain(|tx| tx.send(frame.clone()).is_ok());
        let n = list.len();
        if n == 0 {
            sockets.remove(session);
        }
        n
    }
}
