//! Named locks held across every replica: a session's turns run one at a time wherever
//! they arrive. A lease is a PostgreSQL session-level advisory lock held by a connection
//! of its own for as long as the turn runs, so a replica that dies (kill -9 included)
//! lets go of its leases with its connections, and the session goes on elsewhere.
//!
//! Each held lease occupies one connection thread; idle ones wait for the next request,
//! and more are started when every one is busy (so the number of connections is the
//! number of turns running at once, plus a few idle).

use crossbeam_channel::{Receiver, Sender};
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::pool::Conn;
use crate::store::StoreError;

struct Request {
    key: i64,
    locked: Sender<Result<(), String>>,
    /// Closed (the lease dropped) when the lock is to be released.
    release: Receiver<()>,
}

pub(crate) struct Leases {
    requests: Sender<Request>,
    queue: Receiver<Request>,
    idle: Arc<AtomicUsize>,
    url: String,
}

/// Held until dropped; dropping releases the lock without waiting for it.
pub struct Lease {
    _release: Sender<()>,
}

/// The lock's 64-bit key: the first bytes of the name's SHA-256 (two names sharing a key
/// would only take turns, never be wrong).
fn key_of(name: &str) -> i64 {
    let digest = Sha256::digest(name.as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

impl Leases {
    pub(crate) fn new(url: &str) -> Leases {
        let (requests, queue) = crossbeam_channel::unbounded();
        Leases {
            requests,
            queue,
            idle: Arc::new(AtomicUsize::new(0)),
            url: url.to_string(),
        }
    }

    /// Waits until no other holder (on any replica) has `name`, then holds it.
    pub(crate) fn hold(&self, name: &str) -> Result<Lease, StoreError> {
        if self.idle.load(Ordering::Acquire) == 0 {
            self.spawn_holder()?;
        }
        let (locked, answer) = crossbeam_channel::bounded(1);
        let (release, released) = crossbeam_channel::bounded(0);
        self.requests
            .send(Request {
                key: key_of(name),
                locked,
                release: released,
            })
            .map_err(|_| StoreError::Unreachable("the lease threads ended".into()))?;
        match answer.recv() {
            Ok(Ok(())) => Ok(Lease { _release: release }),
            Ok(Err(e)) => Err(StoreError::Unreachable(e)),
            Err(_) => Err(StoreError::Unreachable("a lease thread ended".into())),
        }
    }

    fn spawn_holder(&self) -> Result<(), StoreError> {
        let (queue, idle, url) = (self.queue.clone(), self.idle.clone(), self.url.clone());
        idle.fetch_add(1, Ordering::AcqRel);
        std::thread::Builder::new()
            .name("kefu-pg-lease".into())
            .spawn(move || hold_loop(&url, &queue, &idle))
            .map(|_| ())
            .map_err(|e| StoreError::Unreachable(format!("starting a lease thread: {e}")))
    }
}

fn hold_loop(url: &str, queue: &Receiver<Request>, idle: &AtomicUsize) {
    let mut conn: Option<Conn> = None;
    while let Ok(req) = queue.recv() {
        idle.fetch_sub(1, Ordering::AcqRel);
        if conn.as_ref().is_none_or(|c| c.client.is_closed()) {
            conn = Conn::connect(url).ok();
        }
        let Some(c) = conn.as_mut() else {
            let _ = req.locked.send(Err("no connection to the database".into()));
            idle.fetch_add(1, Ordering::AcqRel);
            continue;
        };
        match c.client.execute("SELECT pg_advisory_lock($1)", &[&req.key]) {
            Ok(_) => {
                if req.locked.send(Ok(())).is_ok() {
                    // Blocks until the lease is dropped (its sender closes).
                    let _ = req.release.recv();
                }
                if c.client
                    .execute("SELECT pg_advisory_unlock($1)", &[&req.key])
                    .is_err()
                {
                    // A connection that cannot say it let go is closed: that lets go.
                    conn = None;
                }
            }
            Err(e) => {
                let _ = req.locked.send(Err(e.to_string()));
                conn = None;
            }
        }
        idle.fetch_add(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use crate::store::testing::TestStore;
    use std::sync::{Arc, Mutex};

    /// Two stores on one database are two replicas: while one holds a session's lease the
    /// other's request waits in the database (seen in pg_locks), and gets it only after.
    #[test]
    fn a_lease_keeps_every_other_replica_out_until_dropped() {
        let ts = TestStore::postgres();
        let (a, b) = (ts.open(), ts.open());
        let order = Arc::new(Mutex::new(Vec::new()));
        let held = a.hold("session:s-1").unwrap().expect("postgres leases");
        let waiter = {
            let order = order.clone();
            std::thread::spawn(move || {
                let _lease = b.hold("session:s-1").unwrap();
                order.lock().unwrap().push("b");
            })
        };
        let waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted \
                       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        // Waits for the condition itself: B's request queued behind A's lease.
        while a.postgres().unwrap().count_for_test(waiting) == 0 {
            std::thread::yield_now();
        }
        order.lock().unwrap().push("a");
        drop(held);
        waiter.join().unwrap();
        assert_eq!(*order.lock().unwrap(), ["a", "b"]);
        // Another name is never blocked by it.
        let _other = a.hold("session:s-2").unwrap();
    }
}
