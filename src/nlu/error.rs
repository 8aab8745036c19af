use std::path::PathBuf;
use thiserror::Error;

/// Everything the NLU can fail at. User-facing messages say what is wrong and what to do.
#[derive(Debug, Error)]
pub enum NluError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{dir} is not a BERT checkpoint folder: {file} is missing (hint: run `kefu model fetch`, \
         or pass --base/--model-dir pointing at a folder with config.json, tokenizer.json and model.safetensors)"
    )]
    MissingFile { dir: PathBuf, file: String },
    #[error("{path}: cannot read the model config: {message}")]
    BadConfig { path: PathBuf, message: String },
    #[error("{path}: cannot load the tokenizer: {message}")]
    Tokenizer { path: PathBuf, message: String },
    #[error("checkpoint {path}: {message}")]
    Checkpoint { path: PathBuf, message: String },
    #[error(
        "artifact {dir}: {message} (hint: retrain with `kefu train`, or restore the folder from git)"
    )]
    Artifact { dir: PathBuf, message: String },
    #[error(
        "artifact {dir} was trained on base {needed_id} (model.safetensors sha256 {needed_sha}), \
         but the base at {base_dir} has sha256 {actual_sha}; point --model-dir at the base it needs, \
         or retrain on this base"
    )]
    BaseMismatch {
        dir: PathBuf,
        needed_id: String,
        needed_sha: String,
        base_dir: PathBuf,
        actual_sha: String,
    },
    #[error(
        "cannot build the ensemble: {0} (hint: its members are single models from `kefu train`, \
         on the same base, data and labels, each trained with another --seed)"
    )]
    Ensemble(String),
    #[error(
        "cannot merge the ensemble: {0} (hint: `kefu merge` takes one artifact of several \
         members, from `kefu ensemble` or `kefu train --members N`, and a new folder)"
    )]
    Merge(String),
    /// Malformed training/evaluation data; every problem with its file and line.
    #[error("{} problem(s) in the data:\n{}", .0.len(), .0.join("\n"))]
    Data(Vec<String>),
    #[error("tokenizing failed: {0}")]
    Tokenize(String),
    #[error("tensor computation failed: {0}")]
    Tensor(#[from] candle_core::Error),
    #[error("the NLU is overloaded ({0} requests queued); retry shortly")]
    Overloaded(usize),
    #[error("inference failed: {0}")]
    Inference(String),
    #[error("the NLU worker has stopped")]
    WorkerGone,
    #[error("{0}")]
    Invalid(String),
}

impl NluError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}
