use serde::Serialize;

/// HR@K and NDCG@K averaged over users.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    #[serde(rename = "hr@10")]
    pub hr: f64,
    #[serde(rename = "ndcg@10")]
    pub ndcg: f64,
    pub users: usize,
}

/// One target ranked at `rank` (0 = first): (hit, ndcg) at cut-off `k`. With a single
/// relevant item the ideal DCG is 1, so NDCG is `1 / log2(rank + 2)` inside the cut-off.
pub fn hit_and_ndcg(rank: usize, k: usize) -> (f64, f64) {
    if rank < k {
        (1.0, 1.0 / ((rank + 2) as f64).log2())
    } else {
        (0.0, 0.0)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct MetricSum {
    hits: f64,
    ndcg: f64,
    n: usize,
}

impl MetricSum {
    pub(crate) fn add(&mut self, (hit, ndcg): (f64, f64)) {
        self.hits += hit;
        self.ndcg += ndcg;
        self.n += 1;
    }

    pub(crate) fn merge(self, o: MetricSum) -> MetricSum {
        MetricSum {
            hits: self.hits + o.hits,
            ndcg: self.ndcg + o.ndcg,
            n: self.n + o.n,
        }
    }

    pub(crate) fn mean(&self) -> Metrics {
        let n = self.n.max(1) as f64;
        Metrics {
            hr: self.hits / n,
            ndcg: self.ndcg / n,
            users: self.n,
        }
    }
}
