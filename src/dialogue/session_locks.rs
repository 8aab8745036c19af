//! One lock per session, so a session's turns run one at a time while different sessions
//! run side by side. An entry lives only while some turn holds or waits for it: the last
//! one out removes it, so the table's size is the number of sessions busy right now, not
//! every session ever seen. On a shared (postgres) store a turn also holds the session's
//! lease in the database, so replicas take turns too and the tracker never forks.

use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{Mutex as TurnLock, OwnedMutexGuard};

use crate::store::{Lease, Store, StoreError};

#[derive(Default)]
pub(crate) struct SessionLocks {
    locks: Arc<Mutex<HashMap<String, Arc<TurnLock<()>>>>>,
    /// The shared store whose leases keep other replicas out of a running turn.
    shared: Option<Store>,
}

/// A session's turn; dropping it lets the next one in (and prunes the entry if none waits).
pub(crate) struct SessionTurn {
    lease: Option<Lease>,
    guard: Option<OwnedMutexGuard<()>>,
    locks: Arc<Mutex<HashMap<String, Arc<TurnLock<()>>>>>,
    session: String,
}

impl SessionLocks {
    /// Locks for turns on `store`: leases in the database too when it is shared.
    pub(crate) fn on(store: &Store) -> Self {
        Self {
            locks: Default::default(),
            shared: store.is_shared().then(|| store.clone()),
        }
    }

    /// Waits until no other turn of `session` runs, here or on another replica.
    pub(crate) async fn lock(&self, session: &str) -> Result<SessionTurn, StoreError> {
        // Clones of an entry's Arc are made only under the table's lock, so the count
        // checked in `drop` (under the same lock) is exact.
        let lock = self
            .locks
            .lock()
            .entry(session.to_string())
            .or_default()
            .clone();
        let mut turn = SessionTurn {
            lease: None,
            guard: Some(lock.lock_owned().await),
            locks: self.locks.clone(),
            session: session.to_string(),
        };
        // Taken while holding the local lock, so at most one request per session and
        // replica waits in the database; the wait blocks, so it runs off the async threads.
        if let Some(store) = &self.shared {
            let (store, name) = (store.clone(), format!("session:{session}"));
            turn.lease = tokio::task::spawn_blocking(move || store.hold(&name))
                .await
                .map_err(|e| {
                    StoreError::Unreachable(format!("waiting for a session lease: {e}"))
                })??;
        }
        Ok(turn)
    }

    /// Sessions with a turn running or waiting.
    pub(crate) fn len(&self) -> usize {
        self.locks.lock().len()
    }
}

impl Drop for SessionTurn {
    fn drop(&mut self) {
        // Release first: the guard holds a reference to the entry too. The lease goes
        // before the local lock, so this replica's next turn finds it free.
        drop(self.lease.take());
        drop(self.guard.take());
        let mut locks = self.locks.lock();
        if locks
            .get(&self.session)
            .is_some_and(|l| Arc::strong_count(l) == 1)
        {
            locks.remove(&self.session);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn entries_go_when_their_turns_end() {
        let locks = SessionLocks::default();
        for i in 0..500 {
            let _turn = locks.lock(&format!("s{i}")).await.unwrap();
            assert_eq!(locks.len(), 1);
        }
        assert_eq!(locks.len(), 0);
    }

    #[tokio::test]
    async fn a_sessions_turns_run_one_at_a_time_and_the_waiter_keeps_the_entry() {
        let locks = Arc::new(SessionLocks::default());
        let first = locks.lock("s").await.unwrap();
        let (tx, mut rx) = tokio::sync::oneshot::channel();
        let l = locks.clone();
        let waiter = tokio::spawn(async move {
            let _second = l.lock("s").await.unwrap();
            tx.send(()).unwrap();
        });
        // The waiter cannot get in while the first turn runs.
        tokio::task::yield_now().await;
        assert!(rx.try_recv().is_err());
        drop(first);
        waiter.await.unwrap();
        assert_eq!(locks.len(), 0, "the last turn out removed the entry");
    }
}
