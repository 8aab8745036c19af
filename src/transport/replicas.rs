//! Pushed frames across replicas. A frame that no client frame asked for (an agent's
//! message, a handoff release) is stored in the session log first, then announced on the
//! shared store (postgres NOTIFY with the session and seq, never the text: payloads are
//! small and the log is the one copy). Every replica listens; the one holding the
//! shopper's socket reads the frame from the log and pushes it there.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use super::hub::Hub;
use super::session_log::SessionLog;
use crate::store::Store;

const CHANNEL: &str = "kefu_push";

#[derive(Serialize, Deserialize)]
struct Announcement {
    /// The replica that pushed it locally already.
    from: String,
    session: String,
    seq: u64,
}

/// This replica's voice on the shared store (`None` on sled: one process, nothing to tell).
pub(crate) struct Replicas {
    id: String,
    store: Store,
}

impl Replicas {
    /// Starts listening for other replicas' pushes and delivering them to `hub`.
    pub(crate) fn start(store: &Store, log: SessionLog, hub: Arc<Hub>) -> Option<Arc<Replicas>> {
        let announcements = store.listen(CHANNEL)?;
        let id = uuid::Uuid::new_v4().to_string();
        let me = id.clone();
        std::thread::Builder::new()
            .name("kefu-replica-push".into())
            .spawn(move || {
                for payload in announcements {
                    let Ok(a) = serde_json::from_str::<Announcement>(&payload) else {
                        tracing::warn!("an unreadable push announcement: {payload:?}");
                        continue;
                    };
                    if a.from == me {
                        continue;
                    }
                    match log.server_frames_after(&a.session, a.seq.saturating_sub(1)) {
                        Ok(frames) => {
                            // The first server frame from `seq` on is the one announced.
                            if let Some(frame) = frames.into_iter().next() {
                                hub.push(&a.session, &frame);
                            }
                        }
                        Err(e) => {
                            tracing::warn!(session = %a.session, "reading a pushed frame: {e}")
                        }
                    }
                }
            })
            .ok()?;
        Some(Arc::new(Replicas {
            id,
            store: store.clone(),
        }))
    }

    /// Tells the other replicas that `session` has a new frame `seq` in its log.
    pub(crate) fn announce(&self, session: &str, seq: u64) {
        let a = Announcement {
            from: self.id.clone(),
            session: session.to_string(),
            seq,
        };
        let payload = serde_json::to_string(&a).expect("an announcement serialises");
        if let Err(e) = self.store.announce(CHANNEL, payload) {
            // The frame is in the log: the shopper gets it on the next reconnect.
            tracing::warn!(%session, "announcing a pushed frame: {e}");
        }
    }
}
