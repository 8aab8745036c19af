//! The sweep: every part deletes what is older than the cutoff; the counts go to the
//! metrics. Runs on the blocking pool, one pass at a time.

use chrono::{DateTime, Utc};
use parking_lot::Mutex;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::{Expire, RetentionConfig, RetentionError};
use crate::behavior::EventLog;
use crate::dialogue::TrackerStore;
use crate::store::Store;
use crate::transport::SessionLog;

/// What the sweeps did, for `/metrics`.
#[derive(Default)]
pub struct RetentionStats {
    deleted: Mutex<BTreeMap<&'static str, u64>>,
    sweeps_ok: AtomicU64,
    sweeps_failed: AtomicU64,
}

impl RetentionStats {
    pub fn deleted(&self, kind: &str) -> u64 {
        self.deleted.lock().get(kind).copied().unwrap_or(0)
    }

    /// The Prometheus lines.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# HELP kefu_retention_deleted_total Records deleted by retention (retention.days), by kind.\n# TYPE kefu_retention_deleted_total counter");
        for (kind, n) in self.deleted.lock().iter() {
            let _ = writeln!(s, "kefu_retention_deleted_total{{kind=\"{kind}\"}} {n}");
        }
        let _ = writeln!(s, "# HELP kefu_retention_sweeps_total Retention sweeps, by result.\n# TYPE kefu_retention_sweeps_total counter");
        let _ = writeln!(
            s,
            "kefu_retention_sweeps_total{{result=\"ok\"}} {}\nkefu_retention_sweeps_total{{result=\"failed\"}} {}",
            self.sweeps_ok.load(Ordering::Relaxed),
            self.sweeps_failed.load(Ordering::Relaxed)
        );
        s
    }
}

pub struct Sweeper {
    config: RetentionConfig,
    parts: Vec<Arc<dyn Expire>>,
    stats: Arc<RetentionStats>,
    /// One sweep at a time (a slow one is not overtaken by the next tick).
    running: Mutex<()>,
}

impl Sweeper {
    pub fn new(config: RetentionConfig, parts: Vec<Arc<dyn Expire>>) -> Self {
        let stats = RetentionStats::default();
        {
            let mut deleted = stats.deleted.lock();
            for p in &parts {
                for kind in p.kinds() {
                    deleted.entry(kind).or_insert(0);
                }
            }
        }
        Self {
            config,
            parts,
            stats: Arc::new(stats),
            running: Mutex::new(()),
        }
    }

    /// What a server keeps: its event and conversation logs, session logs and trackers.
    pub fn for_server(
        config: RetentionConfig,
        store: &Store,
        events: Arc<EventLog>,
    ) -> Result<Self, RetentionError> {
        let parts: Vec<Arc<dyn Expire>> = vec![
            events,
            Arc::new(SessionLog::open(store)?),
            Arc::new(TrackerStore::open(store)?),
        ];
        Ok(Self::new(config, parts))
    }

    pub fn stats(&self) -> Arc<RetentionStats> {
        self.stats.clone()
    }

    /// One pass with the configured retention as of `now`; `None` when it keeps all.
    pub fn sweep(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<BTreeMap<&'static str, u64>>, RetentionError> {
        match self.config.cutoff(now) {
            Some(cutoff) => self.sweep_before(cutoff).map(Some),
            None => Ok(None),
        }
    }

    /// Deletes everything last active before `cutoff`, part by part; a failing part does
    /// not stop the others (its error is returned after they ran).
    pub fn sweep_before(
        &self,
        cutoff: DateTime<Utc>,
    ) -> Result<BTreeMap<&'static str, u64>, RetentionError> {
        let _one = self.running.lock();
        let mut out = BTreeMap::new();
        let mut first_error = None;
        for part in &self.parts {
            match part.expire(cutoff) {
                Ok(counts) => {
                    let mut deleted = self.stats.deleted.lock();
                    for (kind, n) in counts {
                        *deleted.entry(kind).or_insert(0) += n;
                        *out.entry(kind).or_insert(0) += n;
                    }
                }
                Err(e) => {
                    tracing::error!("retention: {e}");
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            None => {
                self.stats.sweeps_ok.fetch_add(1, Ordering::Relaxed);
                Ok(out)
            }
            Some(e) => {
                self.stats.sweeps_failed.fetch_add(1, Ordering::Relaxed);
                Err(e)
            }
        }
    }

    /// Sweeps in the background, a minute after the start and then every interval; the
    /// task ends with the runtime. Nothing runs while `retention.days` is 0.
    pub fn spawn(self: Arc<Self>) -> Option<tokio::task::JoinHandle<()>> {
        if self.config.days == 0 {
            tracing::info!("retention: off (retention.days = 0), nothing is ever deleted");
            return None;
        }
        let every = Duration::from_secs(self.config.sweep_interval_minutes * 60);
        Some(tokio::spawn(async move {
            let start = tokio::time::Instant::now() + Duration::from_secs(60).min(every);
            let mut tick = tokio::time::interval_at(start, every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let sweeper = self.clone();
                match tokio::task::spawn_blocking(move || sweeper.sweep(Utc::now())).await {
                    Ok(Ok(Some(counts))) => tracing::info!(?counts, "retention sweep done"),
                    Ok(Ok(None)) => {}
                    Ok(Err(_)) => {} // logged by the sweep
                    Err(e) => tracing::error!("retention sweep task failed: {e}"),
                }
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::behavior::BehaviorConfig;
    use crate::dialogue::Tracker;

    crate::store_tests! {
        async fn a_sweep_deletes_idle_sessions_everywhere_and_counts_it(ts) {
            let store = ts.open();
            let events = Arc::new(EventLog::open(&store, BehaviorConfig::default()).unwrap());
            let log = SessionLog::open(&store).unwrap();
            let trackers = TrackerStore::open(&store).unwrap();
            for session in ["a", "b"] {
                log.record_user(session, None, "hello").unwrap();
                log.record_user(session, None, "anyone there?").unwrap();
                trackers.save(&Tracker::new(session)).await.unwrap();
            }
            let sweeper = Sweeper::for_server(RetentionConfig::default(), &store, events).unwrap();
            let stats = sweeper.stats();
            assert!(stats
                .render()
                .contains("kefu_retention_deleted_total{kind=\"trackers\"} 0"));

            // Active today: a year's retention keeps them.
            let kept = sweeper.sweep(Utc::now()).unwrap().unwrap();
            assert!(kept.values().all(|n| *n == 0), "{kept:?}");
            assert_eq!(log.history_page("a", None, 100).unwrap().len(), 2);

            // Seen from two days on with nothing new, they are past a zero-day cutoff.
            let later = Utc::now() + chrono::Duration::days(2);
            let gone = sweeper.sweep_before(later).unwrap();
            assert_eq!(gone["session_log_frames"], 4);
            assert_eq!(gone["trackers"], 2);
            assert!(log.history_page("a", None, 100).unwrap().is_empty());
            assert!(trackers.get("b").unwrap().is_none());
            let text = stats.render();
            assert!(
                text.contains("kefu_retention_deleted_total{kind=\"session_log_frames\"} 4"),
                "{text}"
            );
            assert!(
                text.contains("kefu_retention_sweeps_total{result=\"ok\"} 2"),
                "{text}"
            );

            // Off: nothing is swept, whatever the age.
            let off = Sweeper::new(
                RetentionConfig {
                    days: 0,
                    ..RetentionConfig::default()
                },
                vec![],
            );
            assert_eq!(off.sweep(later).unwrap(), None);
        }
    }
}
