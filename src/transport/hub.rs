//! Live sockets by session, so frames that don't answer a client frame (an agent's
//! message, a handoff change) reach whoever has the conversation open. A subscription is
//! removed when its socket lets go of it, so the table holds only open sockets.

use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

use super::protocol::ServerFrame;

/// A session's open sockets, each with the id its subscription removes it by.
type Sockets = Vec<(u64, UnboundedSender<ServerFrame>)>;

#[derive(Default)]
pub struct Hub {
    sockets: Mutex<HashMap<String, Sockets>>,
    next_id: AtomicU64,
}

/// One socket's place in the hub; dropping it unsubscribes.
pub struct Subscription {
    hub: Arc<Hub>,
    session: String,
    id: u64,
    rx: UnboundedReceiver<ServerFrame>,
}

impl Subscription {
    pub async fn recv(&mut self) -> Option<ServerFrame> {
        self.rx.recv().await
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let mut sockets = self.hub.sockets.lock();
        if let Some(list) = sockets.get_mut(&self.session) {
            list.retain(|(id, _)| *id != self.id);
            if list.is_empty() {
                sockets.remove(&self.session);
            }
        }
    }
}

impl Hub {
    /// Frames pushed to `session` arrive on the returned subscription.
    pub fn subscribe(self: &Arc<Self>, session: &str) -> Subscription {
        let (tx, rx) = unbounded_channel();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.sockets
            .lock()
            .entry(session.to_string())
            .or_default()
            .push((id, tx));
        Subscription {
            hub: self.clone(),
            session: session.to_string(),
            id,
            rx,
        }
    }

    /// Sends to every open socket of the session; returns how many got it.
    pub fn push(&self, session: &str, frame: &ServerFrame) -> usize {
        let sockets = self.sockets.lock();
        sockets.get(session).map_or(0, |list| {
            list.iter()
                .filter(|(_, tx)| tx.send(frame.clone()).is_ok())
                .count()
        })
    }

    /// Sessions with at least one open socket (the `kefu_hub_sessions` gauge).
    pub fn sessions(&self) -> usize {
        self.sockets.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_every_socket_empties_the_table() {
        let hub = Arc::new(Hub::default());
        let subs: Vec<Subscription> = (0..1000)
            .map(|i| hub.subscribe(&format!("s{}", i % 300)))
            .collect();
        assert_eq!(hub.sessions(), 300);
        drop(subs);
        assert_eq!(hub.sessions(), 0);
    }

    #[tokio::test]
    async fn pushes_reach_every_socket_of_the_session_until_it_closes() {
        let hub = Arc::new(Hub::default());
        let mut a = hub.subscribe("s");
        let b = hub.subscribe("s");
        assert_eq!(hub.push("s", &ServerFrame::Pong), 2);
        assert_eq!(a.recv().await, Some(ServerFrame::Pong));
        drop(b);
        assert_eq!(hub.push("s", &ServerFrame::Pong), 1);
        drop(a);
        assert_eq!(hub.push("s", &ServerFrame::Pong), 0);
        assert_eq!(hub.sessions(), 0);
    }
}
