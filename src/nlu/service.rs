//! The serving handle: inference on its own thread, fed by a bounded channel, with requests
//! batched dynamically (as text-embeddings-inference does) and an LRU cache of recent parses.

use lru::LruCache;
use parking_lot::Mutex;
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

use super::base::default_device;
use super::config::{set_compute_threads, NluConfig};
use super::heads::NluModel;
use super::NluError;
use crate::types::Parse;

struct Request {
    texts: Vec<String>,
    reply: oneshot::Sender<Result<Vec<Parse>, String>>,
}

/// What the worker is doing, for /metrics: requests waiting, and the sizes of the
/// batches it ran (dynamic batching shows here).
#[derive(Debug, Default)]
pub struct NluStats {
    queued: AtomicI64,
    batches: AtomicU64,
    batched_texts: AtomicU64,
    /// Batches with at most 1, 2, 4, 8, 16, 32, 64 texts.
    size_buckets: [AtomicU64; 7],
    cache_hits: AtomicU64,
}

/// Upper bounds of [`NluStats::batch_size_buckets`].
pub const BATCH_SIZE_BOUNDS: [u64; 7] = [1, 2, 4, 8, 16, 32, 64];

impl NluStats {
    pub fn queue_depth(&self) -> i64 {
        self.queued.load(Ordering::Relaxed)
    }

    pub fn batches(&self) -> u64 {
        self.batches.load(Ordering::Relaxed)
    }

    pub fn batched_texts(&self) -> u64 {
        self.batched_texts.load(Ordering::Relaxed)
    }

    /// Cumulative counts per bound of [`BATCH_SIZE_BOUNDS`], as a Prometheus histogram has them.
    pub fn batch_size_buckets(&self) -> [u64; 7] {
        let mut out = [0; 7];
        for (i, b) in self.size_buckets.iter().enumerate() {
            out[i] = b.load(Ordering::Relaxed);
        }
        out
    }

    pub fn cache_hits(&self) -> u64 {
        self.cache_hits.load(Ordering::Relaxed)
    }

    fn ran_batch(&self, size: usize) {
        self.batches.fetch_add(1, Ordering::Relaxed);
        self.batched_texts.fetch_add(size as u64, Ordering::Relaxed);
        for (i, bound) in BATCH_SIZE_BOUNDS.iter().enumerate() {
            if size as u64 <= *bound {
                self.size_buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

/// Cloneable handle to the NLU worker. Every clone shares the worker, its queue and cache.
#[derive(Clone)]
pub struct Nlu {
    tx: SyncSender<Request>,
    cache: Option<Arc<Mutex<LruCache<String, Parse>>>>,
    capacity: usize,
    labels: Arc<super::Labels>,
    stats: Arc<NluStats>,
}

impl Nlu {
    /// Loads the artifact at `cfg.model_dir` on the base at `base_dir` and starts the worker.
    pub fn load(cfg: &NluConfig, base_dir: &Path) -> Result<Self, NluError> {
        set_compute_threads(cfg.threads);
        let (mut model, meta) = super::artifact::load_members(
            &cfg.model_dir,
            base_dir,
            &default_device(),
            cfg.threshold,
            cfg.ranking_size,
            cfg.members,
        )?;
        model.use_vocabulary(&cfg.vocabulary)?;
        tracing::info!(
            dir = %cfg.model_dir.display(),
            members = model.members(),
            of = 1 + meta.ensemble.len(),
            vocabulary = model.vocabulary.len(),
            "NLU model loaded"
        );
        Ok(Self::start(model, cfg))
    }

    /// Starts the worker thread around an already loaded model (of an ensemble, the first
    /// `nlu.members` run; `load` builds no others).
    pub fn start(mut model: NluModel, cfg: &NluConfig) -> Self {
        model.keep_members(cfg.members);
        model.threshold = cfg.threshold;
        model.ranking_size = cfg.ranking_size;
        if model.engine() == cfg.engine {
            model.set_threads(cfg.threads);
        } else if model.first().bert.device().is_cpu() {
            if let Err(e) = model.set_engine(cfg.engine, cfg.threads) {
                tracing::warn!(
                    "cannot start the {:?} NLU engine ({e}); using the reference",
                    cfg.engine
                );
            }
        }
        let (tx, rx) = sync_channel::<Request>(cfg.queue_capacity);
        let labels = Arc::new(model.labels.clone());
        let max_batch = cfg.max_batch.max(1);
        let wait = Duration::from_micros(cfg.batch_wait_us);
        let stats = Arc::new(NluStats::default());
        let worker_stats = stats.clone();
        std::thread::Builder::new()
            .name("kefu-nlu".into())
            .spawn(move || worker(model, rx, max_batch, wait, &worker_stats))
            .expect("spawn the NLU worker thread");
        let cache =
            NonZeroUsize::new(cfg.cache_size).map(|n| Arc::new(Mutex::new(LruCache::new(n))));
        Self {
            tx,
            cache,
            capacity: cfg.queue_capacity,
            labels,
            stats,
        }
    }

    /// Queue depth and batch sizes, shared by every clone.
    pub fn stats(&self) -> Arc<NluStats> {
        self.stats.clone()
    }

    /// The intents and slots this model knows.
    pub fn labels(&self) -> &super::Labels {
        &self.labels
    }

    pub async fn parse(&self, text: &str) -> Result<Parse, NluError> {
        Ok(self.parse_batch(&[text]).await?.remove(0))
    }

    /// Parses several texts; cached ones are answered at once, the rest go to the worker.
    pub async fn parse_batch(&self, texts: &[&str]) -> Result<Vec<Parse>, NluError> {
        let mut out: Vec<Option<Parse>> = texts
            .iter()
            .map(|t| self.cache.as_ref().and_then(|c| c.lock().get(*t).cloned()))
            .collect();
        let missing: Vec<usize> = (0..texts.len()).filter(|&i| out[i].is_none()).collect();
        self.stats
            .cache_hits
            .fetch_add((texts.len() - missing.len()) as u64, Ordering::Relaxed);
        if !missing.is_empty() {
            let (reply, rx) = oneshot::channel();
            let request = Request {
                texts: missing.iter().map(|&i| texts[i].to_string()).collect(),
                reply,
            };
            self.stats.queued.fetch_add(1, Ordering::Relaxed);
            self.tx.try_send(request).map_err(|e| {
                self.stats.queued.fetch_sub(1, Ordering::Relaxed);
                match e {
                    TrySendError::Full(_) => NluError::Overloaded(self.capacity),
                    TrySendError::Disconnected(_) => NluError::WorkerGone,
                }
            })?;
            let parses = rx
                .await
                .map_err(|_| NluError::WorkerGone)?
                .map_err(NluError::Inference)?;
            for (i, p) in missing.into_iter().zip(parses) {
                if let Some(c) = &self.cache {
                    c.lock().put(texts[i].to_string(), p.clone());
                }
                out[i] = Some(p);
            }
        }
        Ok(out
            .into_iter()
            .map(|p| p.expect("every text answered"))
            .collect())
    }
}

/// Takes one request, then keeps taking more until the batch is full or `wait` has passed,
/// runs them in one forward pass (several when a single request is large), and answers each.
fn worker(
    model: NluModel,
    rx: Receiver<Request>,
    max_batch: usize,
    wait: Duration,
    stats: &NluStats,
) {
    while let Ok(first) = rx.recv() {
        stats.queued.fetch_sub(1, Ordering::Relaxed);
        let mut batch = vec![first];
        let mut n: usize = batch[0].texts.len();
        let deadline = Instant::now() + wait;
        while n < max_batch {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(r) => {
                    stats.queued.fetch_sub(1, Ordering::Relaxed);
                    n += r.texts.len();
                    batch.push(r);
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        let texts: Vec<&str> = batch
            .iter()
            .flat_map(|r| r.texts.iter().map(String::as_str))
            .collect();
        let mut results: Result<Vec<Parse>, String> = Ok(Vec::with_capacity(texts.len()));
        for chunk in texts.chunks(max_batch) {
            stats.ran_batch(chunk.len());
            match model.parse_batch(chunk) {
                Ok(p) => {
                    if let Ok(all) = results.as_mut() {
                        all.extend(p);
                    }
                }
                Err(e) => {
                    results = Err(e.to_string());
                    break;
                }
            }
        }
        match results {
            Ok(mut all) => {
                for r in batch.into_iter().rev() {
                    let mine = all.split_off(all.len() - r.texts.len());
                    let _ = r.reply.send(Ok(mine));
                }
            }
            Err(e) => {
                for r in batch {
                    let _ = r.reply.send(Err(e.clone()));
                }
            }
        }
    }
}
