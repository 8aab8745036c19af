//! The serving handle: inference on its own thread, fed by a bounded channel, with requests
//! batched dynamically (as text-embeddings-inference does) and an LRU cache of recent parses.
//! The sentence encoder's embeddings (search queries, FAQ lookups) go through the same
//! thread ([`Nlu::embedder`]): one place runs encoder passes, so two never fight over the
//! cores, and embeddings wait in the same batches as parses.

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
use super::encoder::SentenceEncoder;
use super::heads::NluModel;
use super::NluError;
use crate::timing::Stage;
use crate::types::{Embed, EmbedError, Parse};

/// What the worker is asked to do.
enum Request {
    Parse {
        texts: Vec<String>,
        reply: oneshot::Sender<Result<Vec<Parse>, String>>,
        queued: Instant,
    },
    /// Sentence vectors; the caller blocks on the answer (`Embed` is synchronous).
    Embed {
        texts: Vec<String>,
        reply: std::sync::mpsc::SyncSender<Result<Vec<Vec<f32>>, String>>,
    },
}

impl Request {
    fn len(&self) -> usize {
        match self {
            Request::Parse { texts, .. } | Request::Embed { texts, .. } => texts.len(),
        }
    }
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
    /// The sentence encoder's vector length, when the worker runs one.
    embed_dim: Option<usize>,
}

impl Nlu {
    /// Loads the artifact at `cfg.model_dir` on the base at `base_dir` and starts the worker.
    pub fn load(cfg: &NluConfig, base_dir: &Path) -> Result<Self, NluError> {
        Self::load_with_encoder(cfg, base_dir, None)
    }

    /// [`Self::load`], the worker also running `encoder` for [`Self::embedder`].
    pub fn load_with_encoder(
        cfg: &NluConfig,
        base_dir: &Path,
        encoder: Option<SentenceEncoder>,
    ) -> Result<Self, NluError> {
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
        Ok(Self::start_with_encoder(model, cfg, encoder))
    }

    /// Starts the worker thread around an already loaded model (of an ensemble, the first
    /// `nlu.members` run; `load` builds no others).
    pub fn start(model: NluModel, cfg: &NluConfig) -> Self {
        Self::start_with_encoder(model, cfg, None)
    }

    /// [`Self::start`], the worker also running `encoder` (on the model's compute threads
    /// when both use the fast engine).
    pub fn start_with_encoder(
        mut model: NluModel,
        cfg: &NluConfig,
        mut encoder: Option<SentenceEncoder>,
    ) -> Self {
        model.keep_members(cfg.members);
        model.threshold = cfg.threshold;
        model.ranking_size = cfg.ranking_size;
        if model.engine() == cfg.engine {
            model.set_threads(cfg.threads);
        } else if model
            .first()
            .bert
            .as_ref()
            .is_some_and(|b| b.device().is_cpu())
        {
            if let Err(e) = model.set_engine(cfg.engine, cfg.threads) {
                tracing::warn!(
                    "cannot start the {:?} NLU engine ({e}); using the reference",
                    cfg.engine
                );
            }
        }
        if let Some(e) = encoder.as_mut() {
            e.share_with(&model);
        }
        // The worker only parses: what it was packed from is dead weight from here on.
        let released = model.release_reference();
        tracing::debug!(released, "candle encoders released after packing");
        let embed_dim = encoder.as_ref().map(SentenceEncoder::dim);
        let (tx, rx) = sync_channel::<Request>(cfg.queue_capacity);
        let labels = Arc::new(model.labels.clone());
        let max_batch = cfg.max_batch.max(1);
        let wait = Duration::from_micros(cfg.batch_wait_us);
        let stats = Arc::new(NluStats::default());
        let worker_stats = stats.clone();
        std::thread::Builder::new()
            .name("kefu-nlu".into())
            .spawn(move || worker(model, encoder, rx, max_batch, wait, &worker_stats))
            .expect("spawn the NLU worker thread");
        let cache =
            NonZeroUsize::new(cfg.cache_size).map(|n| Arc::new(Mutex::new(LruCache::new(n))));
        Self {
            tx,
            cache,
            capacity: cfg.queue_capacity,
            labels,
            stats,
            embed_dim,
        }
    }

    /// Sentence vectors computed on the worker (batched with the parses), when it was
    /// started with an encoder.
    pub fn embedder(&self) -> Option<Arc<dyn Embed>> {
        let dim = self.embed_dim?;
        Some(Arc::new(WorkerEmbed {
            tx: self.tx.clone(),
            stats: self.stats.clone(),
            dim,
        }))
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
            let request = Request::Parse {
                texts: missing.iter().map(|&i| texts[i].to_string()).collect(),
                reply,
                queued: Instant::now(),
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

/// The worker's side of [`Nlu::embedder`].
struct WorkerEmbed {
    tx: SyncSender<Request>,
    stats: Arc<NluStats>,
    dim: usize,
}

impl Embed for WorkerEmbed {
    fn dim(&self) -> usize {
        self.dim
    }

    /// Blocks the calling thread until the worker answers (search runs off the async
    /// workers); waits for room when the queue is full rather than failing a search.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let (reply, rx) = sync_channel(1);
        self.stats.queued.fetch_add(1, Ordering::Relaxed);
        let request = Request::Embed {
            texts: texts.iter().map(|t| t.to_string()).collect(),
            reply,
        };
        if self.tx.send(request).is_err() {
            self.stats.queued.fetch_sub(1, Ordering::Relaxed);
            return Err(EmbedError(NluError::WorkerGone.to_string()));
        }
        rx.recv()
            .map_err(|_| EmbedError(NluError::WorkerGone.to_string()))?
            .map_err(EmbedError)
    }
}

/// Takes one request, then keeps taking more until the batch is full or `wait` has passed,
/// runs the parses in one forward pass (several when a single request is large) and the
/// embeddings in another, and answers each.
fn worker(
    model: NluModel,
    encoder: Option<SentenceEncoder>,
    rx: Receiver<Request>,
    max_batch: usize,
    wait: Duration,
    stats: &NluStats,
) {
    while let Ok(first) = rx.recv() {
        stats.queued.fetch_sub(1, Ordering::Relaxed);
        let mut n: usize = first.len();
        let mut batch = vec![first];
        let deadline = Instant::now() + wait;
        while n < max_batch {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(r) => {
                    stats.queued.fetch_sub(1, Ordering::Relaxed);
                    n += r.len();
                    batch.push(r);
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        let started = Instant::now();
        let mut parses = Vec::new();
        let mut embeds = Vec::new();
        for r in batch {
            match r {
                Request::Parse {
                    texts,
                    reply,
                    queued,
                } => {
                    // An embedding's wait and pass count in the search that asked for it.
                    Stage::NluQueue.record(started.saturating_duration_since(queued));
                    parses.push((texts, reply));
                }
                Request::Embed { texts, reply } => embeds.push((texts, reply)),
            }
        }
        if !parses.is_empty() {
            let _span = Stage::Nlu.span().entered();
            run_parses(&model, parses, max_batch, stats, started);
        }
        if !embeds.is_empty() {
            run_embeds(encoder.as_ref(), embeds);
        }
    }
}

type ParseReply = oneshot::Sender<Result<Vec<Parse>, String>>;
type EmbedReply = std::sync::mpsc::SyncSender<Result<Vec<Vec<f32>>, String>>;

fn run_parses(
    model: &NluModel,
    batch: Vec<(Vec<String>, ParseReply)>,
    max_batch: usize,
    stats: &NluStats,
    started: Instant,
) {
    let texts: Vec<&str> = batch
        .iter()
        .flat_map(|(t, _)| t.iter().map(String::as_str))
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
    let took = started.elapsed();
    for _ in &batch {
        Stage::Nlu.record(took);
    }
    match results {
        Ok(mut all) => {
            for (texts, reply) in batch.into_iter().rev() {
                let mine = all.split_off(all.len() - texts.len());
                let _ = reply.send(Ok(mine));
            }
        }
        Err(e) => {
            for (_, reply) in batch {
                let _ = reply.send(Err(e.clone()));
            }
        }
    }
}

fn run_embeds(encoder: Option<&SentenceEncoder>, batch: Vec<(Vec<String>, EmbedReply)>) {
    let Some(encoder) = encoder else {
        for (_, reply) in batch {
            let _ = reply.send(Err("this NLU worker runs no sentence encoder".into()));
        }
        return;
    };
    let texts: Vec<&str> = batch
        .iter()
        .flat_map(|(t, _)| t.iter().map(String::as_str))
        .collect();
    match encoder.embed(&texts) {
        Ok(mut all) => {
            for (texts, reply) in batch.into_iter().rev() {
                let mine = all.split_off(all.len() - texts.len());
                let _ = reply.send(Ok(mine));
            }
        }
        Err(e) => {
            let e = e.to_string();
            for (_, reply) in batch {
                let _ = reply.send(Err(e.clone()));
            }
        }
    }
}
