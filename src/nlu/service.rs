//! The serving handle: inference on its own thread, fed by a bounded channel, with requests
//! batched dynamically (as text-embeddings-inference does) and an LRU cache of recent parses.

use lru::LruCache;
use parking_lot::Mutex;
use std::num::NonZeroUsize;
use std::path::Path;
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

/// Cloneable handle to the NLU worker. Every clone shares the worker, its queue and cache.
#[derive(Clone)]
pub struct Nlu {
    tx: SyncSender<Request>,
    cache: Option<Arc<Mutex<LruCache<String, Parse>>>>,
    capacity: usize,
    labels: Arc<super::Labels>,
}

impl Nlu {
    /// Loads the artifact at `cfg.model_dir` on the base at `base_dir` and starts the worker.
    pub fn load(cfg: &NluConfig, base_dir: &Path) -> Result<Self, NluError> {
        set_compute_threads(cfg.threads);
        let (model, _meta) = super::artifact::load(
            &cfg.model_dir,
            base_dir,
            &default_device(),
            cfg.threshold,
            cfg.ranking_size,
        )?;
        Ok(Self::start(model, cfg))
    }

    /// Starts the worker thread around an already loaded model.
    pub fn start(mut model: NluModel, cfg: &NluConfig) -> Self {
        model.threshold = cfg.threshold;
        model.ranking_size = cfg.ranking_size;
        let (tx, rx) = sync_channel::<Request>(cfg.queue_capacity);
        let labels = Arc::new(model.labels.clone());
        let max_batch = cfg.max_batch.max(1);
        let wait = Duration::from_micros(cfg.batch_wait_us);
        std::thread::Builder::new()
            .name("kefu-nlu".into())
            .spawn(move || worker(model, rx, max_batch, wait))
            .expect("spawn the NLU worker thread");
        let cache =
            NonZeroUsize::new(cfg.cache_size).map(|n| Arc::new(Mutex::new(LruCache::new(n))));
        Self {
            tx,
            cache,
            capacity: cfg.queue_capacity,
            labels,
        }
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
        if !missing.is_empty() {
            let (reply, rx) = oneshot::channel();
            let request = Request {
                texts: missing.iter().map(|&i| texts[i].to_string()).collect(),
                reply,
            };
            self.tx.try_send(request).map_err(|e| match e {
                TrySendError::Full(_) => NluError::Overloaded(self.capacity),
                TrySendError::Disconnected(_) => NluError::WorkerGone,
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
fn worker(model: NluModel, rx: Receiver<Request>, max_batch: usize, wait: Duration) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        let mut n: usize = batch[0].texts.len();
        let deadline = Instant::now() + wait;
        while n < max_batch {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(r) => {
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
