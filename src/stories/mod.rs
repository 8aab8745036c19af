//! Conversation stories: YAML files that say what a shopper types (or presses) and what
//! must then be true, played against a real kefu (the shipped NLU, the encoder, a
//! catalogue, sled). The integration tests require the stories not marked `open` to pass;
//! `kefu eval stories` runs them all and reports the shares that pass, per failure kind.
//! docs/stories.md describes the format.

mod checks;
mod format;
mod product_checks;
mod report;
mod run;
mod sets;
mod tracker_checks;

pub use checks::{Failure, FailureKind};
pub use format::{Language, ProductCheck, Step, Story, StoryFile};
pub use report::{run_sets, KindCount, Report, Score, SkippedSet};
pub use run::{
    run_story, start, story_clock, Stage, StepResult, StoryKefu, StoryParts, StoryResult,
};
pub use sets::{story_sets, Catalogue, StorySet};

use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoryError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error("{stories} has no catalogue: expected {fixture} or a feed.yaml in it")]
    NoCatalogue { stories: PathBuf, fixture: PathBuf },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Knowledge(#[from] crate::knowledge::KnowledgeError),
    #[error(transparent)]
    Feed(#[from] crate::knowledge::FeedError),
    #[error(transparent)]
    Dialogue(#[from] crate::dialogue::DialogueError),
    #[error(transparent)]
    Events(#[from] crate::behavior::BehaviorError),
    #[error(transparent)]
    Start(#[from] crate::start::StartError),
}

impl StoryError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        StoryError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
