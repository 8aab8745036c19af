//! sled, typed: every tree holds one serde type, the data directory carries a schema
//! version, and migrations run in order when an older directory is opened.

mod age_index;
mod error;
mod migrate_v2;
mod schema;
mod time_key;
mod tree;
mod write_set;

pub use age_index::{day_of, AgeIndex};
pub use error::StoreError;
pub use schema::{Migration, SCHEMA_VERSION};
pub use time_key::{seq_of, time_key, time_seq_key};
pub use tree::Tree;
pub use write_set::WriteSet;

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// A handle to the data directory. Cheap to clone (sled handles are reference counted).
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    dir: PathBuf,
    /// Flushes made through this store and its trees (each one a disk sync): a chat turn
    /// makes one, which the tests check.
    flushes: Arc<AtomicU64>,
}

impl Store {
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
    fn open_configured(
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
                    dir: dir.to_path_buf(),
                    found,
                    supported: current,
                });
            }
        }
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let db = sled::Config::new()
            .path(dir.join("sled"))
            .flush_every_ms(background_flush.then_some(500))
            .open()
            .map_err(|e| StoreError::from_sled(dir, e))?;
        let store = Store {
            db,
            dir: dir.to_path_buf(),
            flushes: Arc::default(),
        };
        schema::migrate(&store.db, dir, found, current, migrations)?;
        Ok(store)
    }

    /// A typed tree; the name is the tree's identity on disk.
    pub fn tree<V: Serialize + DeserializeOwned>(&self, name: &str) -> Result<Tree<V>, StoreError> {
        Ok(Tree::new(self.db.open_tree(name)?, self.flushes.clone()))
    }

    /// A fresh, strictly increasing number (for event sequence numbers and ids).
    pub fn next_id(&self) -> Result<u64, StoreError> {
        Ok(self.db.generate_id()?)
    }

    /// Makes everything written so far durable.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.flushes.fetch_add(1, Ordering::Relaxed);
        self.db.flush()?;
        Ok(())
    }

    /// [`Self::flush`] off the async workers: everything written so far, in every tree, is
    /// durable when it returns (sled syncs its one log; flushes that overlap share a sync).
    pub async fn flush_async(&self) -> Result<(), StoreError> {
        tree::flush_off_runtime(&self.db, &self.flushes).await
    }

    /// How many flushes this data directory has had since it was opened (all handles).
    pub fn flushes(&self) -> u64 {
        self.flushes.load(Ordering::Relaxed)
    }

    /// Whether both handles are of the same opened store (one flush covers both).
    pub fn is_same(&self, other: &Store) -> bool {
        Arc::ptr_eq(&self.flushes, &other.flushes)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::stored_version(&self.db).map(|v| v.unwrap_or(0))
    }
}
