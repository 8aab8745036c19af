//! The graph being served, and how a changed file replaces it: rebuild aside, validate,
//! swap the `Arc` in whole. A bad edit leaves the running graph as it was and is made
//! visible in the log, in [`ReloadStatus`] and in the counters.

use notify::{RecursiveMode, Watcher};
use parking_lot::{Mutex, RwLock};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::error::Problem;
use super::graph::Graph;
use super::load::{KnowledgeBase, LoadReport};
use super::source::SourceSet;
use super::KnowledgeError;
use crate::store::Store;
use crate::types::Embed;

/// What `GET /admin/kg/status` shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReloadStatus {
    /// False while the files on disk have an error (the previous graph is still served).
    pub ok: bool,
    /// The content hash of the graph being served.
    pub serving_hash: String,
    /// How the graph being served was loaded.
    pub loaded: LoadReport,
    /// When the last attempt (good or bad) finished.
    pub last_attempt_at: chrono::DateTime<chrono::Utc>,
    pub last_error: Option<String>,
    /// Every problem of the last failed attempt.
    pub problems: Vec<Problem>,
    pub reloads_ok: u64,
    pub reloads_failed: u64,
}

/// The report of the graph served, the error of a failed later attempt, and when.
type LastAttempt = (
    LoadReport,
    Option<(String, Vec<Problem>)>,
    chrono::DateTime<chrono::Utc>,
);

/// The live graph: readers take a cheap `Arc<Graph>`; reloads and admin edits swap it.
pub struct LiveGraph {
    dir: PathBuf,
    store: Option<Store>,
    current: RwLock<Arc<Graph>>,
    last: Mutex<LastAttempt>,
    /// Serialises reloads and edits so two never interleave.
    pub(crate) write_lock: Mutex<()>,
    /// Metrics the /metrics endpoint can read.
    pub reloads_ok: AtomicU64,
    pub reloads_failed: AtomicU64,
    /// Gauge: 1 while the files on disk fail validation.
    pub reload_failing: AtomicBool,
    /// When set, each new graph's FAQ vectors are computed before it is served.
    embed: RwLock<Option<Arc<dyn Embed>>>,
    multilingual: RwLock<Option<super::MultilingualEncoder>>,
}

/// What a reload did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reloaded {
    /// The files hash the same as the graph being served; nothing to do.
    Unchanged,
    /// A new graph is being served.
    Swapped,
}

impl LiveGraph {
    pub fn new(
        dir: &Path,
        store: Option<Store>,
        graph: Arc<Graph>,
        report: LoadReport,
    ) -> Arc<LiveGraph> {
        Arc::new(LiveGraph {
            dir: dir.to_path_buf(),
            store,
            current: RwLock::new(graph),
            last: Mutex::new((report, None, chrono::Utc::now())),
            write_lock: Mutex::new(()),
            reloads_ok: AtomicU64::new(0),
            reloads_failed: AtomicU64::new(0),
            reload_failing: AtomicBool::new(false),
            embed: RwLock::new(None),
            multilingual: RwLock::new(None),
        })
    }

    /// Loads `dir` (from the snapshot when unchanged) and serves it.
    pub fn open(dir: &Path, store: Option<Store>) -> Result<Arc<LiveGraph>, KnowledgeError> {
        let (graph, report) = KnowledgeBase::load(dir, store.as_ref())?;
        tracing::info!("knowledge: {report}");
        Ok(Self::new(dir, store, graph, report))
    }

    /// Embeds the FAQ of the graph being served now and of every graph swapped in later
    /// (before it is served), so no shopper waits for it.
    pub fn set_embedder(&self, embed: Arc<dyn Embed>) -> Result<(), KnowledgeError> {
        self.graph().warm_faq(embed.as_ref(), None)?;
        *self.embed.write() = Some(embed);
        Ok(())
    }

    /// Matches the locales' FAQ by meaning with a multilingual encoder, in the graph being
    /// served now and every graph swapped in later (docs/knowledge.md).
    pub fn set_multilingual(
        &self,
        encoder: super::MultilingualEncoder,
    ) -> Result<(), KnowledgeError> {
        self.graph().set_multilingual(encoder.clone())?;
        *self.multilingual.write() = Some(encoder);
        Ok(())
    }

    /// Computes FAQ vectors of a graph about to be served, reusing the current one's.
    fn warm(&self, graph: &Graph) {
        let multilingual = self.multilingual.read().clone();
        if let Some(encoder) = multilingual {
            if let Err(e) = graph.set_multilingual(encoder) {
                tracing::warn!("locale FAQ matched by characters, not meaning: {e}");
            }
        }
        let embed = self.embed.read().clone();
        if let Some(embed) = embed {
            if let Err(e) = graph.warm_faq(embed.as_ref(), Some(&self.graph())) {
                tracing::warn!("FAQ vectors will be computed on first use: {e}");
            }
        }
    }

    /// The graph to answer from now.
    pub fn graph(&self) -> Arc<Graph> {
        self.current.read().clone()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn status(&self) -> ReloadStatus {
        let last = self.last.lock();
        ReloadStatus {
            ok: last.1.is_none(),
            serving_hash: self.graph().content_hash().to_string(),
            loaded: last.0.clone(),
            last_attempt_at: last.2,
            last_error: last.1.as_ref().map(|e| e.0.clone()),
            problems: last.1.as_ref().map(|e| e.1.clone()).unwrap_or_default(),
            reloads_ok: self.reloads_ok.load(Ordering::Relaxed),
            reloads_failed: self.reloads_failed.load(Ordering::Relaxed),
        }
    }

    /// Re-reads the files; a valid change is swapped in, an invalid one is recorded and
    /// returned as the error while the running graph stays.
    pub fn reload(&self) -> Result<Reloaded, KnowledgeError> {
        let _guard = self.write_lock.lock();
        let sources = SourceSet::read(&self.dir)?;
        self.reload_from(&sources)
    }

    /// Builds from `sources` and swaps; the caller holds `write_lock`.
    pub(crate) fn reload_from(&self, sources: &SourceSet) -> Result<Reloaded, KnowledgeError> {
        if sources.content_hash() == self.graph().content_hash() && self.last.lock().1.is_none() {
            return Ok(Reloaded::Unchanged);
        }
        match KnowledgeBase::load_sources(sources, self.store.as_ref()) {
            Ok((graph, report)) => {
                tracing::info!("knowledge reloaded: {report}");
                self.warm(&graph);
                *self.current.write() = graph;
                *self.last.lock() = (report, None, chrono::Utc::now());
                self.reloads_ok.fetch_add(1, Ordering::Relaxed);
                self.reload_failing.store(false, Ordering::Relaxed);
                Ok(Reloaded::Swapped)
            }
            Err(e) => {
                tracing::error!("knowledge files changed but are invalid; still serving the previous graph: {e}");
                for p in e.problems().iter().filter(|p| p.is_error()).take(20) {
                    tracing::error!("  {p}");
                }
                let mut last = self.last.lock();
                last.1 = Some((e.to_string(), e.problems().to_vec()));
                last.2 = chrono::Utc::now();
                self.reloads_failed.fetch_add(1, Ordering::Relaxed);
                self.reload_failing.store(true, Ordering::Relaxed);
                Err(e)
            }
        }
    }

    /// Serves a graph built by an edit that already validated it.
    pub(crate) fn swap(&self, graph: Arc<Graph>, report: LoadReport) {
        self.warm(&graph);
        *self.current.write() = graph;
        *self.last.lock() = (report, None, chrono::Utc::now());
        self.reloads_ok.fetch_add(1, Ordering::Relaxed);
        self.reload_failing.store(false, Ordering::Relaxed);
    }

    pub(crate) fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// Watches the knowledge files; each burst of changes triggers one [`reload`].
    /// Watching stops when the returned handle is dropped.
    ///
    /// [`reload`]: LiveGraph::reload
    pub fn watch(self: &Arc<Self>) -> Result<WatchHandle, KnowledgeError> {
        let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher =
            notify::recommended_watcher(tx).map_err(|e| KnowledgeError::Watch(e.to_string()))?;
        let dir = self.dir.canonicalize().unwrap_or_else(|_| self.dir.clone());
        watcher
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(|e| KnowledgeError::Watch(e.to_string()))?;
        let live = Arc::downgrade(self);
        std::thread::Builder::new()
            .name("kg-watch".into())
            .spawn(move || {
                let ours = |ev: &notify::Event| {
                    ev.paths.iter().any(|p| {
                        let p = p.canonicalize().unwrap_or_else(|_| p.clone());
                        p.strip_prefix(&dir)
                            .map(|rel| SourceSet::is_knowledge_path(&rel.to_string_lossy()))
                            .unwrap_or(false)
                    })
                };
                while let Ok(ev) = rx.recv() {
                    let Ok(ev) = ev else { continue };
                    if ev.kind.is_access() || !ours(&ev) {
                        continue;
                    }
                    // Editors write in bursts (truncate, write, rename): wait for quiet.
                    while rx.recv_timeout(Duration::from_millis(200)).is_ok() {}
                    let Some(live) = live.upgrade() else { break };
                    let _ = live.reload();
                }
            })
            .map_err(|e| KnowledgeError::Watch(e.to_string()))?;
        Ok(WatchHandle { _watcher: watcher })
    }
}

/// Keeps the file watcher alive; drop it to stop watching.
pub struct WatchHandle {
    _watcher: notify::RecommendedWatcher,
}
