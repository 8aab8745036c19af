//! Where a chat turn's time goes: one latency histogram per stage (NLU queue wait, NLU,
//! dialogue, search/recommend, store writes, send), shown on `/metrics` as
//! `kefu_turn_stage_seconds{stage=…}` and summed by `kefu bench chat`.
//!
//! The stages are timed in different modules (the NLU worker, the dialogue, the socket)
//! that share no handle, so the clocks are one set per process, like a log's subscriber.
//! Each stage is also a `tracing` span (`kefu.stage`, at TRACE level) where it runs.
//! Depends on nothing; the label set is the fixed list of [`Stage`]s.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// One stage of a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// From a parse (or embedding) request queued to the NLU worker taking it.
    NluQueue,
    /// The worker's forward pass for the batch the request was in (encoder and heads).
    Nlu,
    /// The dialogue's own work: tracker, policy, reply text (search excluded).
    Dialogue,
    /// Product search and ranking (query embedding included).
    Search,
    /// Writing the turn (session log, turn fact, tracker) and the one flush.
    StoreWrite,
    /// Writing the reply frames to the socket.
    Send,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::NluQueue,
        Stage::Nlu,
        Stage::Dialogue,
        Stage::Search,
        Stage::StoreWrite,
        Stage::Send,
    ];

    /// The `stage` label on `/metrics`.
    pub fn label(self) -> &'static str {
        match self {
            Stage::NluQueue => "nlu_queue",
            Stage::Nlu => "nlu",
            Stage::Dialogue => "dialogue",
            Stage::Search => "search",
            Stage::StoreWrite => "store_write",
            Stage::Send => "send",
        }
    }

    /// A span for the stage, to enter where it runs.
    pub fn span(self) -> tracing::Span {
        tracing::trace_span!("kefu.stage", stage = self.label())
    }

    /// Adds one observation of this stage.
    pub fn record(self, took: Duration) {
        CLOCKS[self as usize].observe(took);
    }
}

/// Upper bounds of the histogram buckets, in seconds: a turn's stages run from
/// microseconds (a cached parse) to tens of milliseconds (a flush under load).
pub const BUCKETS_S: [f64; 12] = [
    0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
];

struct Clock {
    buckets: [AtomicU64; BUCKETS_S.len()],
    count: AtomicU64,
    sum_ns: AtomicU64,
}

impl Clock {
    const fn new() -> Self {
        Clock {
            buckets: [const { AtomicU64::new(0) }; BUCKETS_S.len()],
            count: AtomicU64::new(0),
            sum_ns: AtomicU64::new(0),
        }
    }

    fn observe(&self, took: Duration) {
        let s = took.as_secs_f64();
        if let Some(i) = BUCKETS_S.iter().position(|b| s <= *b) {
            self.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_ns.fetch_add(
            took.as_nanos().min(u128::from(u64::MAX)) as u64,
            Ordering::Relaxed,
        );
    }
}

static CLOCKS: [Clock; 6] = [const { Clock::new() }; 6];

/// What one stage has recorded so far.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StageTotals {
    pub count: u64,
    pub seconds: f64,
}

/// Every stage's count and summed time, in [`Stage::ALL`] order.
pub fn totals() -> [(Stage, StageTotals); 6] {
    Stage::ALL.map(|s| {
        let c = &CLOCKS[s as usize];
        (
            s,
            StageTotals {
                count: c.count.load(Ordering::Relaxed),
                seconds: c.sum_ns.load(Ordering::Relaxed) as f64 / 1e9,
            },
        )
    })
}

/// The histograms in Prometheus' text format.
pub fn render() -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# HELP kefu_turn_stage_seconds Time a turn spends in each stage.\n# TYPE kefu_turn_stage_seconds histogram"
    );
    for stage in Stage::ALL {
        let c = &CLOCKS[stage as usize];
        let label = stage.label();
        let mut cumulative = 0;
        for (i, b) in BUCKETS_S.iter().enumerate() {
            cumulative += c.buckets[i].load(Ordering::Relaxed);
            let _ = writeln!(
                s,
                "kefu_turn_stage_seconds_bucket{{stage=\"{label}\",le=\"{b}\"}} {cumulative}"
            );
        }
        let count = c.count.load(Ordering::Relaxed);
        let _ = writeln!(
            s,
            "kefu_turn_stage_seconds_bucket{{stage=\"{label}\",le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(
            s,
            "kefu_turn_stage_seconds_sum{{stage=\"{label}\"}} {}",
            c.sum_ns.load(Ordering::Relaxed) as f64 / 1e9
        );
        let _ = writeln!(
            s,
            "kefu_turn_stage_seconds_count{{stage=\"{label}\"}} {count}"
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_stage_shows_in_its_bucket_and_sum() {
        let before = totals()[4].1;
        Stage::StoreWrite.record(Duration::from_micros(700));
        let after = totals()[4].1;
        assert_eq!(totals()[4].0, Stage::StoreWrite);
        assert!(after.count > before.count);
        assert!(after.seconds >= before.seconds + 0.000_7 - 1e-9);
        let text = render();
        assert!(text.contains("kefu_turn_stage_seconds_bucket{stage=\"store_write\",le=\"+Inf\"}"));
        // 700 µs falls in the 1 ms bucket, not the 0.5 ms one: the 1 ms count exceeds it.
        let bucket = |le: &str| -> u64 {
            let key =
                format!("kefu_turn_stage_seconds_bucket{{stage=\"store_write\",le=\"{le}\"}} ");
            text.lines()
                .find_map(|l| l.strip_prefix(key.as_str()))
                .unwrap()
                .parse()
                .unwrap()
        };
        assert!(bucket("0.001") > bucket("0.0005"));
        assert_eq!(Stage::ALL.len(), 6);
    }
}
