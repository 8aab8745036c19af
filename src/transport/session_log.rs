//! Every session's history in sled: what the shopper said and every server frame that
//! carries a `seq`. A reconnecting client names the last seq it saw and gets the rest.
//!
//! Keys are `len(session) as u16 BE ‖ session ‖ seq as u64 BE` (schema 3): the length
//! prefix makes one session's keys never a prefix of another's, whatever bytes the ids
//! hold (before, `session ‖ 0 ‖ seq` put `S\0x`'s frames in `S`'s range). Each session's
//! last day of activity is indexed, so retention deletes idle sessions' logs without
//! reading the others.

use chrono::{DateTime, Utc};

use crate::store::{AgeIndex, Store, StoreError, Tree};

use super::protocol::{LoggedFrame, ServerFrame};

#[derive(Clone)]
pub struct SessionLog {
    store: Store,
    frames: Tree<LoggedFrame>,
    ages: AgeIndex,
}

/// The tree's name; the store's schema migration rewrites its keys by name.
pub(crate) const TREE: &str = "transport.session_log";

fn key(session: &str, seq: u64) -> Vec<u8> {
    let mut k = prefix(session);
    k.extend_from_slice(&seq.to_be_bytes());
    k
}

/// Session ids are at most 128 bytes (checked where they come in); longer ones are cut
/// here only so the length always fits its two bytes.
fn prefix(session: &str) -> Vec<u8> {
    let id = &session.as_bytes()[..session.len().min(u16::MAX as usize)];
    let mut k = Vec::with_capacity(id.len() + 10);
    k.extend_from_slice(&(id.len() as u16).to_be_bytes());
    k.extend_from_slice(id);
    k
}

impl SessionLog {
    pub fn open(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            store: store.clone(),
            frames: store.tree(TREE)?,
            ages: AgeIndex::open(store, TREE)?,
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
        let frame = self.write_server(session, make)?;
        self.frames.flush_async().await?;
        Ok(frame)
    }

    /// [`Self::record_server`] without the flush: the caller flushes the store once for
    /// all of a turn's writes before it sends any of them.
    pub fn write_server(
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
        Ok(frame)
    }

    /// Seqs start at 1, so `last_seen: 0` means "nothing seen yet".
    fn next_seq(&self) -> Result<u64, StoreError> {
        Ok(self.store.next_id()? + 1)
    }

    /// One page of a session's history, oldest first: the latest `limit` entries before
    /// seq `before` (the latest of all when `None`).
    pub fn history_page(
        &self,
        session: &str,
        before: Option<u64>,
        limit: usize,
    ) -> Result<Vec<LoggedFrame>, StoreError> {
        let start = prefix(session);
        let end = match before {
            Some(seq) => key(session, seq),
            None => key(session, u64::MAX),
        };
        let mut page = self
            .frames
            .range_rev(start, end)
            .take(limit)
            .map(|r| r.map(|(_, v)| v))
            .collect::<Result<Vec<_>, _>>()?;
        page.reverse();
        Ok(page)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn seqs(frames: &[LoggedFrame]) -> Vec<u64> {
        frames.iter().map(LoggedFrame::seq).collect()
    }

    crate::store_tests! {
        async fn a_session_whose_id_extends_another_never_shows_in_its_history(ts) {
            let log = SessionLog::open(&ts.open()).unwrap();
            log.record_user("S", None, "mine").unwrap();
            log.record_user("S\0x", None, "not mine").unwrap();
            log.record_user("S\0", None, "not mine either").unwrap();
            log.record_server("S\0x", |seq| ServerFrame::AgentMessage {
                seq,
                text: "x".into(),
            })
            .await
            .unwrap();
            let history = log.history_page("S", None, 100).unwrap();
            assert_eq!(history.len(), 1, "{history:?}");
            assert!(log.server_frames_after("S", 0).unwrap().is_empty());
        }

        fn histories_come_a_page_at_a_time(ts) {
            let log = SessionLog::open(&ts.open()).unwrap();
            for i in 0..7 {
                log.record_user("s", None, &format!("m{i}")).unwrap();
            }
            log.record_user("t", None, "other session").unwrap();
            let all = seqs(&log.history_page("s", None, 100).unwrap());
            assert_eq!(all.len(), 7);
            let last = seqs(&log.history_page("s", None, 3).unwrap());
            assert_eq!(last, all[4..]);
            let before = seqs(&log.history_page("s", Some(last[0]), 3).unwrap());
            assert_eq!(before, all[1..4]);
            let first = seqs(&log.history_page("s", Some(before[0]), 3).unwrap());
            assert_eq!(first, all[..1]);
        }
    }
}
