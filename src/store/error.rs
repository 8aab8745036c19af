use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "data directory {dir} was written by a newer kefu (schema {found}; this build supports up to {supported}); \
         nothing was changed — upgrade kefu or point --data-dir at another directory"
    )]
    SchemaTooNew {
        dir: PathBuf,
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
