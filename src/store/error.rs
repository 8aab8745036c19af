use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "{place} was written by a newer kefu (schema {found}; this build supports up to {supported}); \
         nothing was changed — upgrade kefu or point it at another store (--data-dir, store.url)"
    )]
    SchemaTooNew {
        /// "data directory …" or "database …".
        place: String,
        found: u32,
        supported: u32,
    },
    #[error("data directory {dir} is locked by another running kefu (hint: stop it, or use another --data-dir)")]
    Locked { dir: PathBuf },
    #[error("migration from schema {from} failed: {message}")]
    Migration { from: u32, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("a stored value in tree `{tree}` could not be decoded: {message}")]
    Decode { tree: String, message: String },
    #[error("value could not be encoded: {0}")]
    Encode(String),
    #[error("storage error: {0}")]
    Sled(#[from] sled::Error),
    #[error("database error: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("the database cannot be reached: {0} (hint: check store.url / KEFU_STORE_URL and that PostgreSQL is running)")]
    Unreachable(String),
    #[error("store.backend is \"postgres\" but store.url is not set (hint: KEFU_STORE_URL=postgres://user@host/db)")]
    NoUrl,
    #[error("one write set mixed trees of a sled and a postgres store")]
    MixedBackends,
    #[error("{0}")]
    Copy(String),
}

impl StoreError {
    pub(crate) fn from_sled(dir: &Path, e: sled::Error) -> Self {
        match &e {
            sled::Error::Io(io)
                if io.kind() == std::io::ErrorKind::WouldBlock
                    || io.to_string().contains("lock") =>
            {
                StoreError::Locked {
                    dir: dir.to_path_buf(),
                }
            }
            _ => StoreError::Sled(e),
        }
    }
}
