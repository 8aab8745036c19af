//! Every session's history in sled: what the shopper said and every server frame that
//! carries a `seq`. A reconnecting client names the last seq it saw and gets the rest.
//! Each session's last day of activity is indexed, so retention deletes idle sessions'
//! logs without reading the others.

use chrono::{DateTime, Utc};

use crate::store::{AgeIndex, Store, StoreError, Tree};

use super::protocol::{LoggedFrame, ServerFrame};

#[derive(Clone)]
pub struct SessionLog {
    store: Store,
    frames: Tree<LoggedFrame>,
    ages: AgeIndex,
}

const FRAMES: &str = "transport.session_log";

fn key(session: &str, seq: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(session.len() + 9);
    k.extend_from_slice(session.as_bytes());
    k.push(0);
    k.extend_from_slice(&seq.to_be_bytes());
    k
}

fn prefix(session: &str) -> Vec<u8> {
    let mut k = session.as_bytes().to_vec();
    k.push(0);
    k
}

impl SessionLog {
    pub fn open(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            store: store.clone(),
            frames: store.tree(FRAMES)?,
            ages: AgeIndex::open(store, FRAMES)?,
        })
    }

    pub fn record_user(
        &self,
        session: &str,
        client_id: Option<String>,
        text: &str,
    ) -> Result<(), StoreError> {
        let seq = self.next_seq()?;
        self.ages.touch(session.as_bytes(), Utc::now())?;
        self.frames.insert(
            key(session, seq),
            &LoggedFrame::User {
                seq,
                client_id,
                text: text.to_string(),
            },
        )?;
        Ok(())
    }

    /// Gives the frame its seq (via `make`), stores it, and makes it durable before the
    /// caller sends it: a frame a client saw is never lost.
    pub async fn record_server(
        &self,
        session: &str,
        make: impl FnOnce(u64) -> ServerFrame,
    ) -> Result<ServerFrame, StoreError> {
        let seq = self.next_seq()?;
        let frame = make(seq);
        self.ages.touch(session.as_bytes(), Utc::now())?;
        self.frames.insert(
            key(session, seq),
            &LoggedFrame::Server {
                seq,
                frame: Box::new(frame.clone()),
            },
        )?;
        self.frames.flush_async().await?;
        Ok(frame)
    }

    /// Seqs start at 1, so `last_seen: 0` means "nothing seen yet".
    fn next_seq(&self) -> Result<u64, StoreError> {
        Ok(self.store.next_id()? + 1)
    }

    /// The whole history of a session, oldest first.
    pub fn history(&self, session: &str) -> Result<Vec<LoggedFrame>, StoreError> {
        self.frames
            .scan_prefix(prefix(session))
            .map(|r| r.map(|(_, v)| v))
            .collect()
    }

    /// Server frames after `last_seen`, oldest first.
    pub fn server_frames_after(
        &self,
        session: &str,
        last_seen: u64,
    ) -> Result<Vec<ServerFrame>, StoreError> {
        let start = key(session, last_seen.saturating_add(1));
        let p = prefix(session);
        let mut out = Vec::new();
        for r in self.frames.range_from(start) {
            let (k, v) = r?;
            if !k.starts_with(&p) {
                break;
            }
            if let LoggedFrame::Server { frame, .. } = v {
                out.push(*frame);
            }
        }
        Ok(out)
    }

    /// Deletes the logs of sessions idle since before `cutoff`; returns frames deleted.
    pub fn expire(&self, cutoff: DateTime<Utc>) -> Result<u64, StoreError> {
        let deleted = self.ages.sweep(cutoff, |session| {
            let session = String::from_utf8_lossy(session);
            let mut n = 0;
            for item in self.frames.scan_prefix(prefix(&session)) {
                let (k, _) = item?;
                self.frames.remove(k)?;
                n += 1;
            }
            Ok(n)
        })?;
        self.frames.flush()?;
        Ok(deleted)
    }
}
