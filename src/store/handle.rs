//! The store handle: which backend, opening it, and what is not per tree.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::postgres::{self, Lease, PgStore};
use super::raw::{RawEntry, RawTree};
use super::schema::{self, Migration, SCHEMA_VERSION};
use super::{BackendKind, StoreConfig, StoreError, Tree};

/// A handle to the store. Cheap to clone (sled handles and the postgres pool are shared).
#[derive(Clone)]
pub struct Store {
    pub(super) backend: Backend,
    /// Flushes asked of this store and its trees (on sled each one a disk sync; on postgres
    /// nothing to do): a chat turn asks for one, which the tests check.
    flushes: Arc<AtomicU64>,
}

#[derive(Clone)]
pub(crate) enum Backend {
    Sled { db: sled::Db, dir: PathBuf },
    Postgres(Arc<PgStore>),
}

impl Store {
    /// Opens the store the config names: the sled directory `data_dir`, or the postgres
    /// database at `store.url`.
    pub fn from_config(config: &StoreConfig, data_dir: &Path) -> Result<Store, StoreError> {
        match config.backend {
            BackendKind::Sled => Store::open(data_dir),
            BackendKind::Postgres => {
                let url = config.url.as_deref().ok_or(StoreError::NoUrl)?;
                Store::open_postgres(url, config.connections)
            }
        }
    }

    /// Connects to the database at `url` with `connections` connection threads and brings
    /// its schema up to date.
    pub fn open_postgres(url: &str, connections: usize) -> Result<Store, StoreError> {
        Ok(Store {
            backend: Backend::Postgres(Arc::new(PgStore::open(url, connections, SCHEMA_VERSION)?)),
            flushes: Arc::default(),
        })
    }

    /// Opens (or creates) the data directory and brings it to [`SCHEMA_VERSION`].
    pub fn open(dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        Self::open_with(dir.as_ref(), SCHEMA_VERSION, schema::MIGRATIONS)
    }

    pub(crate) fn open_with(
        dir: &Path,
        current: u32,
        migrations: &[Migration],
    ) -> Result<Store, StoreError> {
        Self::open_configured(dir, current, migrations, true)
    }

    /// `background_flush: false` opens sled without its flusher thread. That thread holds
    /// the directory's lock until it next wakes (up to 500 ms after the last handle is
    /// dropped), so a test that closes a directory and reopens it in the same process
    /// creates it this way and flushes by hand.
    pub(super) fn open_configured(
        dir: &Path,
        current: u32,
        migrations: &[Migration],
        background_flush: bool,
    ) -> Result<Store, StoreError> {
        // Read the version from the plain marker file before sled opens anything, so a
        // directory from a newer kefu is left exactly as it was.
        let found = schema::read_marker(dir)?;
        if let Some(found) = found {
            if found > current {
                return Err(StoreError::SchemaTooNew {
                    place: format!("data directory {}", dir.display()),
                    found,
                    supported: current,
                });
            }
        }
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let db = open_sled(dir, background_flush)?;
        schema::migrate(&db, dir, found, current, migrations)?;
        Ok(Store {
            backend: Backend::Sled {
                db,
                dir: dir.to_path_buf(),
            },
            flushes: Arc::default(),
        })
    }

    pub(crate) fn raw_tree(&self, name: &str) -> Result<RawTree, StoreError> {
        Ok(match &self.backend {
            Backend::Sled { db, .. } => RawTree::Sled(db.open_tree(name)?),
            Backend::Postgres(pg) => RawTree::Postgres(pg.tree(name)),
        })
    }

    /// A typed tree; the name is the tree's identity on disk.
    pub fn tree<V: Serialize + DeserializeOwned>(&self, name: &str) -> Result<Tree<V>, StoreError> {
        Ok(Tree::new(self.raw_tree(name)?, self.flushes.clone()))
    }

    /// A fresh, strictly increasing number (for event sequence numbers and ids), unique
    /// across every replica of a shared store.
    pub fn next_id(&self) -> Result<u64, StoreError> {
        match &self.backend {
            Backend::Sled { db, .. } => Ok(db.generate_id()?),
            Backend::Postgres(pg) => pg.next_id(),
        }
    }

    /// Makes everything written so far durable (on postgres it already is).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.flushes.fetch_add(1, Ordering::Relaxed);
        if let Backend::Sled { db, .. } = &self.backend {
            db.flush()?;
        }
        Ok(())
    }

    /// [`Self::flush`] off the async workers: everything written so far, in every tree, is
    /// durable when it returns (sled syncs its one log; flushes that overlap share a sync).
    pub async fn flush_async(&self) -> Result<(), StoreError> {
        self.flushes.fetch_add(1, Ordering::Relaxed);
        match &self.backend {
            Backend::Sled { db, .. } => super::tree::flush_off_runtime(db).await,
            Backend::Postgres(_) => Ok(()),
        }
    }

    /// How many flushes this store has been asked for since it was opened (all handles).
    pub fn flushes(&self) -> u64 {
        self.flushes.load(Ordering::Relaxed)
    }

    /// Whether both handles are of the same opened store (one flush covers both).
    pub fn is_same(&self, other: &Store) -> bool {
        Arc::ptr_eq(&self.flushes, &other.flushes)
    }

    /// Where the store lives, for messages: the directory, or the database URL without
    /// its password.
    pub fn location(&self) -> String {
        match &self.backend {
            Backend::Sled { dir, .. } => dir.display().to_string(),
            Backend::Postgres(pg) => postgres::redact_url(pg.url()),
        }
    }

    /// Holds `name` against every other process sharing this store until the lease is
    /// dropped (blocking until it is free). `None` on sled: one process owns the directory,
    /// and its own in-memory locks are enough.
    pub fn hold(&self, name: &str) -> Result<Option<Lease>, StoreError> {
        match &self.backend {
            Backend::Sled { .. } => Ok(None),
            Backend::Postgres(pg) => pg.hold(name).map(Some),
        }
    }

    /// Tells every process listening on `channel` (an SQL identifier) on a shared store;
    /// nothing to do on sled.
    pub fn announce(&self, channel: &'static str, payload: String) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sled { .. } => Ok(()),
            Backend::Postgres(pg) => pg.announce(channel, payload),
        }
    }

    /// What any process sharing the store (this one included) announces on `channel`;
    /// `None` on sled.
    pub fn listen(&self, channel: &'static str) -> Option<crossbeam_channel::Receiver<String>> {
        match &self.backend {
            Backend::Sled { .. } => None,
            Backend::Postgres(pg) => Some(pg.listen(channel)),
        }
    }

    /// True when several kefu processes may share this store (postgres).
    pub fn is_shared(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        match &self.backend {
            Backend::Sled { db, .. } => schema::stored_version(db).map(|v| v.unwrap_or(0)),
            Backend::Postgres(pg) => pg.layout_version(),
        }
    }

    /// The name of every tree holding at least one entry (for copying or inspecting a
    /// store whole).
    pub fn tree_names(&self) -> Result<Vec<String>, StoreError> {
        match &self.backend {
            Backend::Sled { db, .. } => {
                let mut names = Vec::new();
                for raw in db.tree_names() {
                    let name = String::from_utf8_lossy(&raw).into_owned();
                    if name != "__sled__default"
                        && name != schema::META_TREE
                        && !db.open_tree(&raw)?.is_empty()
                    {
                        names.push(name);
                    }
                }
                Ok(names)
            }
            Backend::Postgres(pg) => pg.tree_names(),
        }
    }

    /// One tree's entries as stored (key and value bytes), in key order: for inspecting a
    /// store and checking a copy, not for serving.
    pub fn raw_entries(&self, tree: &str) -> Result<Vec<RawEntry>, StoreError> {
        self.raw_tree(tree)?.range(&[], None, false).collect()
    }

    /// The sled database, for tests of sled-only steps (migrations of old directories).
    #[cfg(test)]
    pub(crate) fn sled_db(&self) -> Option<&sled::Db> {
        match &self.backend {
            Backend::Sled { db, .. } => Some(db),
            Backend::Postgres(_) => None,
        }
    }

    pub(crate) fn postgres(&self) -> Option<&PgStore> {
        match &self.backend {
            Backend::Postgres(pg) => Some(pg),
            Backend::Sled { .. } => None,
        }
    }
}

/// How long an open waits for a lock that sled's own I/O threads still hold.
const SLED_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Opens the sled database in `dir`. sled lets go of its file lock from background I/O
/// threads after the last handle is dropped, so a store reopened in the same process right
/// after it was closed (a restart in place, the persistence tests) can find the lock still
/// held for a moment on a busy machine: the open is tried again for up to
/// [`SLED_LOCK_WAIT`]. Another process holding the directory gets `Locked` after that.
fn open_sled(dir: &Path, background_flush: bool) -> Result<sled::Db, StoreError> {
    let started = std::time::Instant::now();
    loop {
        let opened = sled::Config::new()
            .path(dir.join("sled"))
            .flush_every_ms(background_flush.then_some(500))
            .open()
            .map_err(|e| StoreError::from_sled(dir, e));
        match opened {
            Err(StoreError::Locked { .. }) if started.elapsed() < SLED_LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}
