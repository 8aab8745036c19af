//! The arithmetic of `kefu bench chat`, kept pure so it is tested apart from the sockets:
//! latency percentiles, the open-loop send schedule, the saturation search, and the
//! per-stage sums read back from `/metrics`.

use std::collections::BTreeMap;

/// Turn latencies of one run, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct LatencySummary {
    pub count: usize,
    pub mean: f64,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

/// The nearest-rank percentile of ascending `sorted` (`q` in 0..=1): the smallest value
/// with at least `q` of the values at or below it. 0 for no values.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (q.clamp(0.0, 1.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl LatencySummary {
    /// The summary of `values` (any order; NaNs are dropped).
    pub fn of(values: &[f64]) -> Self {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return Self::default();
        }
        Self {
            count: v.len(),
            mean: v.iter().sum::<f64>() / v.len() as f64,
            p50: percentile(&v, 0.50),
            p90: percentile(&v, 0.90),
            p99: percentile(&v, 0.99),
            max: v[v.len() - 1],
        }
    }
}

/// When each simulated shopper sends, open loop: session `i` of `sessions` sends every
/// `1 / rate` seconds, the sessions' phases spread evenly over one period, so the server
/// sees `sessions × rate` messages a second arriving at a steady pace whatever its replies
/// do (a slow reply delays nothing that follows: its queueing shows in the latency).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    pub sessions: usize,
    /// Messages a second per session.
    pub rate: f64,
    /// Seconds of sending.
    pub duration: f64,
}

impl Schedule {
    /// Seconds from the start at which session `i` sends, ascending, all before `duration`.
    pub fn sends_of(&self, i: usize) -> Vec<f64> {
        if self.sessions == 0 || self.rate <= 0.0 || i >= self.sessions {
            return Vec::new();
        }
        let period = 1.0 / self.rate;
        let phase = period * i as f64 / self.sessions as f64;
        (0..)
            .map(|k| phase + k as f64 * period)
            .take_while(|t| *t < self.duration)
            .collect()
    }

    /// Messages sent by all sessions together.
    pub fn total(&self) -> usize {
        (0..self.sessions).map(|i| self.sends_of(i).len()).sum()
    }

    /// Messages a second offered to the server.
    pub fn offered(&self) -> f64 {
        self.sessions as f64 * self.rate
    }
}

/// Finds the highest total rate (turns a second) whose p99 stays under the limit: rates go
/// up by `factor` from `start` until one fails, then the gap between the last pass and
/// the first failure is halved until it is within `precision` (a share of the rate) or
/// `max_steps` runs were made.
#[derive(Debug, Clone, PartialEq)]
pub struct SaturationSearch {
    start: f64,
    factor: f64,
    precision: f64,
    max_steps: usize,
    ceiling: f64,
    /// The highest rate that passed, and the lowest that failed.
    best: Option<f64>,
    failed: Option<f64>,
    steps: usize,
}

impl SaturationSearch {
    /// `ceiling`: no rate above it is tried (the load generator's own limit).
    pub fn new(start: f64, factor: f64, precision: f64, max_steps: usize, ceiling: f64) -> Self {
        Self {
            start: start.max(1.0),
            factor: factor.max(1.05),
            precision: precision.max(0.01),
            max_steps: max_steps.max(1),
            ceiling: ceiling.max(start.max(1.0)),
            best: None,
            failed: None,
            steps: 0,
        }
    }

    /// The next rate to try, or `None` when the search is done.
    pub fn next_rate(&self) -> Option<f64> {
        if self.steps >= self.max_steps {
            return None;
        }
        match (self.best, self.failed) {
            (None, None) => Some(self.start),
            // Even the start failed: halve down towards what passes.
            (None, Some(f)) => (f / 2.0 >= 1.0).then_some(f / 2.0),
            (Some(b), None) => {
                if b >= self.ceiling {
                    None
                } else {
                    Some((b * self.factor).min(self.ceiling))
                }
            }
            (Some(b), Some(f)) => {
                if f <= b * (1.0 + self.precision) {
                    None
                } else {
                    Some((b + f) / 2.0)
                }
            }
        }
    }

    /// What the run at `rate` showed.
    pub fn record(&mut self, rate: f64, passed: bool) {
        self.steps += 1;
        if passed {
            if self.best.is_none_or(|b| rate > b) {
                self.best = Some(rate);
            }
        } else if self.failed.is_none_or(|f| rate < f) {
            self.failed = Some(rate);
        }
    }

    /// The highest rate that passed so far.
    pub fn best(&self) -> Option<f64> {
        self.best
    }
}

/// A run passes the saturation bar when its p99 is under the limit and the server kept up
/// (answered at least 98 % of what was offered in the run's time).
pub fn passes(summary: &LatencySummary, sent: usize, p99_limit_ms: f64) -> bool {
    sent > 0 && summary.count as f64 >= 0.98 * sent as f64 && summary.p99 < p99_limit_ms
}

/// `kefu_turn_stage_seconds` counts and sums by stage, read from a `/metrics` page.
pub fn stage_sums(metrics: &str) -> BTreeMap<String, (u64, f64)> {
    let mut out: BTreeMap<String, (u64, f64)> = BTreeMap::new();
    for line in metrics.lines() {
        let (is_sum, rest) = if let Some(r) = line.strip_prefix("kefu_turn_stage_seconds_sum{") {
            (true, r)
        } else if let Some(r) = line.strip_prefix("kefu_turn_stage_seconds_count{") {
            (false, r)
        } else {
            continue;
        };
        let Some((labels, value)) = rest.split_once("} ") else {
            continue;
        };
        let Some(stage) = labels
            .strip_prefix("stage=\"")
            .and_then(|l| l.strip_suffix('"'))
        else {
            continue;
        };
        let Ok(v) = value.trim().parse::<f64>() else {
            continue;
        };
        let e = out.entry(stage.to_string()).or_default();
        if is_sum {
            e.1 = v;
        } else {
            e.0 = v as u64;
        }
    }
    out
}

/// Milliseconds per turn in each stage between two `/metrics` readings: the stage's added
/// time divided by the turns answered in between (a stage a turn skips, like search for
/// a greeting, counts as zero for it; one a turn passes twice counts twice).
pub fn stage_ms_per_turn(
    before: &BTreeMap<String, (u64, f64)>,
    after: &BTreeMap<String, (u64, f64)>,
    turns: usize,
) -> Vec<(String, f64)> {
    after
        .iter()
        .map(|(stage, (_, sum))| {
            let was = before.get(stage).map_or(0.0, |b| b.1);
            let ms = if turns == 0 {
                0.0
            } else {
                (sum - was).max(0.0) * 1e3 / turns as f64
            };
            (stage.clone(), ms)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.50), 50.0);
        assert_eq!(percentile(&v, 0.90), 90.0);
        assert_eq!(percentile(&v, 0.99), 99.0);
        assert_eq!(percentile(&v, 1.0), 100.0);
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&[7.0], 0.99), 7.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
        // 10 values: p99 is the largest, p90 the 9th.
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&ten, 0.99), 10.0);
        assert_eq!(percentile(&ten, 0.90), 9.0);
    }

    #[test]
    fn a_summary_sorts_its_values_and_drops_nans() {
        let s = LatencySummary::of(&[5.0, 1.0, f64::NAN, 3.0, 2.0, 4.0]);
        assert_eq!(s.count, 5);
        assert_eq!(s.mean, 3.0);
        assert_eq!(s.p50, 3.0);
        assert_eq!(s.max, 5.0);
        assert_eq!(LatencySummary::of(&[]), LatencySummary::default());
    }

    #[test]
    fn the_schedule_offers_sessions_times_rate_at_a_steady_pace() {
        let s = Schedule {
            sessions: 4,
            rate: 2.0,
            duration: 3.0,
        };
        assert_eq!(s.offered(), 8.0);
        assert_eq!(s.total(), 24);
        assert_eq!(s.sends_of(0), vec![0.0, 0.5, 1.0, 1.5, 2.0, 2.5]);
        assert_eq!(s.sends_of(1)[0], 0.125);
        assert!(s.sends_of(4).is_empty());
        // All sends merged are evenly spaced: 1 / 8 s apart.
        let mut all: Vec<f64> = (0..4).flat_map(|i| s.sends_of(i)).collect();
        all.sort_by(f64::total_cmp);
        for w in all.windows(2) {
            assert!((w[1] - w[0] - 0.125).abs() < 1e-9, "{w:?}");
        }
        let none = Schedule {
            sessions: 3,
            rate: 0.0,
            duration: 5.0,
        };
        assert_eq!(none.total(), 0);
    }

    #[test]
    fn saturation_steps_up_then_halves_the_gap() {
        let mut s = SaturationSearch::new(100.0, 2.0, 0.1, 20, 1e9);
        let capacity = 700.0;
        let mut tried = Vec::new();
        while let Some(rate) = s.next_rate() {
            tried.push(rate);
            s.record(rate, rate <= capacity);
        }
        assert_eq!(&tried[..4], &[100.0, 200.0, 400.0, 800.0]);
        let best = s.best().unwrap();
        assert!(
            best <= capacity && best >= capacity / 1.1,
            "{best} {tried:?}"
        );
    }

    #[test]
    fn saturation_stops_at_the_ceiling_and_the_step_limit_and_goes_down_from_a_failed_start() {
        let mut s = SaturationSearch::new(100.0, 2.0, 0.1, 20, 300.0);
        while let Some(rate) = s.next_rate() {
            assert!(rate <= 300.0);
            s.record(rate, true);
        }
        assert_eq!(s.best(), Some(300.0));

        let mut s = SaturationSearch::new(100.0, 2.0, 0.1, 3, 1e9);
        let mut n = 0;
        while let Some(rate) = s.next_rate() {
            s.record(rate, true);
            n += 1;
        }
        assert_eq!(n, 3);

        let mut s = SaturationSearch::new(100.0, 2.0, 0.1, 20, 1e9);
        s.record(100.0, false);
        assert_eq!(s.next_rate(), Some(50.0));
        s.record(50.0, true);
        assert_eq!(s.next_rate(), Some(75.0));
    }

    #[test]
    fn a_run_passes_only_if_it_kept_up_and_its_p99_is_under_the_limit() {
        let fast = LatencySummary {
            count: 100,
            p99: 10.0,
            ..Default::default()
        };
        assert!(passes(&fast, 100, 50.0));
        assert!(!passes(&fast, 200, 50.0), "half the replies missing");
        let slow = LatencySummary { p99: 50.0, ..fast };
        assert!(!passes(&slow, 100, 50.0));
        assert!(!passes(&LatencySummary::default(), 0, 50.0));
    }

    #[test]
    fn stage_sums_come_from_the_metrics_page_and_divide_by_turns() {
        let before = "kefu_turn_stage_seconds_sum{stage=\"nlu\"} 1.5\n\
                      kefu_turn_stage_seconds_count{stage=\"nlu\"} 10\n";
        let after = "# HELP x\n\
                     kefu_turn_stage_seconds_bucket{stage=\"nlu\",le=\"0.001\"} 3\n\
                     kefu_turn_stage_seconds_sum{stage=\"nlu\"} 2.5\n\
                     kefu_turn_stage_seconds_count{stage=\"nlu\"} 510\n\
                     kefu_turn_stage_seconds_sum{stage=\"send\"} 0.05\n\
                     kefu_turn_stage_seconds_count{stage=\"send\"} 500\n";
        let (b, a) = (stage_sums(before), stage_sums(after));
        assert_eq!(a["nlu"], (510, 2.5));
        assert_eq!(b["nlu"], (10, 1.5));
        let per = stage_ms_per_turn(&b, &a, 500);
        assert_eq!(per.len(), 2);
        assert_eq!(per[0].0, "nlu");
        assert!((per[0].1 - 2.0).abs() < 1e-9);
        assert!((per[1].1 - 0.1).abs() < 1e-9);
        assert!(stage_ms_per_turn(&b, &a, 0)
            .iter()
            .all(|(_, ms)| *ms == 0.0));
    }
}
