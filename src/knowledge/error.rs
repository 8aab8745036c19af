use serde::Serialize;
use std::fmt;
use std::path::PathBuf;
use thiserror::Error;

use crate::store::StoreError;
use crate::types::EmbedError;

/// How bad a problem is: errors stop a load, warnings are only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong in the knowledge files, with where it is and a plain sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    /// Path relative to the knowledge directory, e.g. `products.jsonl`.
    pub file: String,
    /// 1-based; 0 when the problem is about the file as a whole.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    /// The field at fault (`category`, `price`, `variants[1].sku`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub(crate) fn error(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_string(),
            line,
            column: 0,
            field: None,
            message: message.into(),
        }
    }

    pub(crate) fn warning(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, line, message)
        }
    }

    pub(crate) fn at(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    pub(crate) fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {sev}: {}", self.message)
    }
}

#[derive(Debug, Error)]
pub enum KnowledgeError {
    #[error("{} in the knowledge files; first: {} (hint: run `kefu kg check` to see them all)", count_errors(.0), .0.iter().find(|p| p.is_error()).map(|p| p.to_string()).unwrap_or_default())]
    Invalid(Vec<Problem>),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "knowledge directory {0} does not exist (hint: pass --knowledge-dir or set knowledge_dir)"
    )]
    MissingDir(PathBuf),
    #[error("no product with id {0:?}")]
    UnknownProduct(String),
    #[error("graph snapshot in the store is unreadable: {0}")]
    Snapshot(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Embed(#[from] EmbedError),
    #[error("file watcher: {0}")]
    Watch(String),
}

fn count_errors(problems: &[Problem]) -> String {
    let n = problems.iter().filter(|p| p.is_error()).count();
    if n == 1 {
        "1 error".into()
    } else {
        format!("{n} errors")
    }
}

impl KnowledgeError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        KnowledgeError::Io {
            path: path.into(),
            source,
        }
    }

    /// The problems of an invalid load (empty for other errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            KnowledgeError::Invalid(p) => p,
            _ => &[],
        }
    }
}
