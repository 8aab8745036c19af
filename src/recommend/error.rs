use std::path::PathBuf;
use thiserror::Error;

use crate::behavior::BehaviorError;
use crate::search::SearchError;
use crate::store::StoreError;
use crate::types::EmbedError;

#[derive(Debug, Error)]
pub enum RecommendError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("unknown product `{0}` (hint: use a product id from the catalogue)")]
    UnknownProduct(String),
    #[error(transparent)]
    Behavior(#[from] BehaviorError),
    #[error(transparent)]
    Embed(#[from] EmbedError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Search(#[from] SearchError),
}
