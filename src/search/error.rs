use std::path::PathBuf;
use thiserror::Error;

use crate::store::StoreError;
use crate::types::EmbedError;

#[derive(Debug, Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error(
        "search index directory {path}: {source} (hint: check that the data directory is writable)"
    )]
    Dir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Embed(#[from] EmbedError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SearchError {
    pub(crate) fn dir(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        SearchError::Dir {
            path: path.into(),
            source,
        }
    }
}
