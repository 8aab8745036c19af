//! Prometheus metrics in the text exposition format, kept with atomics so the hot path
//! pays one relaxed add per count.

use parking_lot::Mutex;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

const LATENCY_BUCKETS_S: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0];

#[derive(Default)]
pub struct Metrics {
    pub turns: AtomicU64,
    pub open_sockets: AtomicI64,
    pub handoffs: AtomicU64,
    pub fallbacks: AtomicU64,
    latency_buckets: [AtomicU64; LATENCY_BUCKETS_S.len()],
    latency_count: AtomicU64,
    latency_sum_us: AtomicU64,
    errors: Mutex<BTreeMap<String, u64>>,
    intents: Mutex<BTreeMap<String, u64>>,
    nlu: std::sync::OnceLock<std::sync::Arc<crate::nlu::NluStats>>,
    retention: std::sync::OnceLock<std::sync::Arc<crate::retention::RetentionStats>>,
}

impl Metrics {
    /// Reports the NLU worker's queue depth and batch sizes too.
    pub fn watch_nlu(&self, stats: std::sync::Arc<crate::nlu::NluStats>) {
        let _ = self.nlu.set(stats);
    }

    /// Reports what the retention sweeps deleted too.
    pub fn watch_retention(&self, stats: std::sync::Arc<crate::retention::RetentionStats>) {
        let _ = self.retention.set(stats);
    }

    pub fn observe_turn(&self, seconds: f64) {
        self.turns.fetch_add(1, Ordering::Relaxed);
        for (i, b) in LATENCY_BUCKETS_S.iter().enumerate() {
            if seconds <= *b {
                self.latency_buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        self.latency_sum_us
            .fetch_add((seconds * 1e6) as u64, Ordering::Relaxed);
    }

    pub fn count_error(&self, code: &str) {
        *self.errors.lock().entry(code.to_string()).or_default() += 1;
    }

    /// Counts a turn under its intent: one the dialogue acts on, the NLU's fallback, or
    /// "other" (so no client-written name becomes a label).
    pub fn count_intent(&self, intent: &str) {
        let label =
            if crate::dialogue::INTENTS.contains(&intent) || intent == crate::types::NLU_FALLBACK {
                intent
            } else {
                "other"
            };
        *self.intents.lock().entry(label.to_string()).or_default() += 1;
        if intent == crate::types::NLU_FALLBACK {
            self.fallbacks.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn render(&self) -> String {
        let mut s = String::new();
        let r = Ordering::Relaxed;
        let _ = writeln!(
            s,
            "# HELP kefu_turns_total Conversation turns handled.\n# TYPE kefu_turns_total counter"
        );
        let _ = writeln!(s, "kefu_turns_total {}", self.turns.load(r));
        let _ = writeln!(s, "# HELP kefu_turn_latency_seconds Time to answer one turn.\n# TYPE kefu_turn_latency_seconds histogram");
        for (i, b) in LATENCY_BUCKETS_S.iter().enumerate() {
            let _ = writeln!(
                s,
                "kefu_turn_latency_seconds_bucket{{le=\"{b}\"}} {}",
                self.latency_buckets[i].load(r)
            );
        }
        let count = self.latency_count.load(r);
        let _ = writeln!(s, "kefu_turn_latency_seconds_bucket{{le=\"+Inf\"}} {count}");
        let _ = writeln!(
            s,
            "kefu_turn_latency_seconds_sum {}",
            self.latency_sum_us.load(r) as f64 / 1e6
        );
        let _ = writeln!(s, "kefu_turn_latency_seconds_count {count}");
        let _ = writeln!(
            s,
            "# HELP kefu_open_sockets Open WebSocket connections.\n# TYPE kefu_open_sockets gauge"
        );
        let _ = writeln!(s, "kefu_open_sockets {}", self.open_sockets.load(r));
        let _ = writeln!(s, "# HELP kefu_fallbacks_total Turns the NLU was not sure about.\n# TYPE kefu_fallbacks_total counter");
        let _ = writeln!(s, "kefu_fallbacks_total {}", self.fallbacks.load(r));
        let _ = writeln!(s, "# HELP kefu_handoffs_total Conversations handed to a person.\n# TYPE kefu_handoffs_total counter");
        let _ = writeln!(s, "kefu_handoffs_total {}", self.handoffs.load(r));
        let _ = writeln!(s, "# HELP kefu_intents_total Turns by understood intent.\n# TYPE kefu_intents_total counter");
        for (k, v) in self.intents.lock().iter() {
            let _ = writeln!(s, "kefu_intents_total{{intent=\"{}\"}} {v}", escape(k));
        }
        let _ = writeln!(s, "# HELP kefu_errors_total Errors sent to clients, by code.\n# TYPE kefu_errors_total counter");
        for (k, v) in self.errors.lock().iter() {
            let _ = writeln!(s, "kefu_errors_total{{code=\"{}\"}} {v}", escape(k));
        }
        if let Some(nlu) = self.nlu.get() {
            let _ = writeln!(s, "# HELP kefu_nlu_queue_depth Requests waiting for the NLU worker.\n# TYPE kefu_nlu_queue_depth gauge");
            let _ = writeln!(s, "kefu_nlu_queue_depth {}", nlu.queue_depth());
            let _ = writeln!(s, "# HELP kefu_nlu_batch_size Texts per NLU forward pass.\n# TYPE kefu_nlu_batch_size histogram");
            for (bound, count) in crate::nlu::BATCH_SIZE_BOUNDS
                .iter()
                .zip(nlu.batch_size_buckets())
            {
                let _ = writeln!(s, "kefu_nlu_batch_size_bucket{{le=\"{bound}\"}} {count}");
            }
            let _ = writeln!(
                s,
                "kefu_nlu_batch_size_bucket{{le=\"+Inf\"}} {}",
                nlu.batches()
            );
            let _ = writeln!(s, "kefu_nlu_batch_size_sum {}", nlu.batched_texts());
            let _ = writeln!(s, "kefu_nlu_batch_size_count {}", nlu.batches());
            let _ = writeln!(s, "# HELP kefu_nlu_cache_hits_total Parses answered from the cache.\n# TYPE kefu_nlu_cache_hits_total counter");
            let _ = writeln!(s, "kefu_nlu_cache_hits_total {}", nlu.cache_hits());
        }
        if let Some(retention) = self.retention.get() {
            s.push_str(&retention.render());
        }
        s.push_str(&crate::timing::render());
        s
    }
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intent_labels_come_only_from_the_known_intents() {
        let m = Metrics::default();
        m.count_intent("greet");
        for i in 0..100 {
            m.count_intent(&format!("made_up_{i}"));
        }
        m.count_intent(crate::types::NLU_FALLBACK);
        let text = m.render();
        assert!(
            text.contains("kefu_intents_total{intent=\"greet\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("kefu_intents_total{intent=\"other\"} 100"),
            "{text}"
        );
        assert!(!text.contains("made_up"));
        assert_eq!(m.intents.lock().len(), 3);
    }
}
