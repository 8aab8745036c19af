//! From the files (or the sled snapshot of them) to a graph.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::error::Problem;
use super::graph::{Graph, Stats};
use super::source::SourceSet;
use super::{snapshot, validate, KnowledgeError};
use crate::store::Store;

/// Where a graph came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadSource {
    /// The files were parsed, validated and their descriptions read for facts.
    Files,
    /// The files were unchanged since the last load; the catalogue came from sled.
    Snapshot,
}

/// How a load went: shown at start and by `GET /admin/kg/status`.
#[derive(Debug, Clone, Serialize)]
pub struct LoadReport {
    pub source: LoadSource,
    pub hash: String,
    pub stats: Stats,
    pub millis: u64,
    pub warnings: Vec<Problem>,
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = match self.source {
            LoadSource::Files => "parsed the knowledge files",
            LoadSource::Snapshot => "files unchanged: loaded from the sled snapshot",
        };
        write!(
            f,
            "{how} in {} ms: {} products, {} categories, {} brands, {} relations, {} FAQ, {} policies (hash {})",
            self.millis,
            self.stats.products,
            self.stats.categories,
            self.stats.brands,
            self.stats.relations,
            self.stats.faq,
            self.stats.policies,
            &self.hash[..12.min(self.hash.len())]
        )?;
        if !self.warnings.is_empty() {
            write!(f, "; {} warnings", self.warnings.len())?;
        }
        Ok(())
    }
}

/// Loading and checking a knowledge directory.
pub struct KnowledgeBase;

impl KnowledgeBase {
    /// Loads the graph: from the sled snapshot when the files are unchanged since it was
    /// written, else from the files (then the snapshot is refreshed). Invalid files give
    /// [`KnowledgeError::Invalid`] with every problem.
    pub fn load(
        dir: &Path,
        store: Option<&Store>,
    ) -> Result<(Arc<Graph>, LoadReport), KnowledgeError> {
        let sources = SourceSet::read(dir)?;
        Self::load_sources(&sources, store)
    }

    pub(crate) fn load_sources(
        sources: &SourceSet,
        store: Option<&Store>,
    ) -> Result<(Arc<Graph>, LoadReport), KnowledgeError> {
        let start = Instant::now();
        let hash = sources.content_hash();
        tracing::debug!(
            ms = start.elapsed().as_millis() as u64,
            "knowledge: hashed the files"
        );
        if let Some(store) = store {
            match snapshot::read(store, &hash) {
                Ok(Some(catalog)) => {
                    tracing::debug!(
                        ms = start.elapsed().as_millis() as u64,
                        "knowledge: read the snapshot"
                    );
                    let graph = Graph::build(catalog, hash.clone());
                    let report = LoadReport {
                        source: LoadSource::Snapshot,
                        hash,
                        stats: graph.stats(),
                        millis: start.elapsed().as_millis() as u64,
                        warnings: Vec::new(),
                    };
                    return Ok((Arc::new(graph), report));
                }
                Ok(None) => {}
                Err(e) => tracing::warn!("ignoring the graph snapshot: {e}"),
            }
        }
        let (catalog, problems) = validate::build_catalog(sources);
        let Some(catalog) = catalog else {
            return Err(KnowledgeError::Invalid(problems));
        };
        tracing::debug!(
            ms = start.elapsed().as_millis() as u64,
            "knowledge: parsed and validated"
        );
        if let Some(store) = store {
            snapshot::write(store, &hash, &catalog)?;
            tracing::debug!(
                ms = start.elapsed().as_millis() as u64,
                "knowledge: wrote the snapshot"
            );
        }
        let graph = Graph::build(catalog, hash.clone());
        let report = LoadReport {
            source: LoadSource::Files,
            hash,
            stats: graph.stats(),
            millis: start.elapsed().as_millis() as u64,
            warnings: problems,
        };
        Ok((Arc::new(graph), report))
    }

    /// Every problem in the directory's files (errors and warnings), in file order.
    pub fn check(dir: &Path) -> Result<Vec<Problem>, KnowledgeError> {
        let sources = SourceSet::read(dir)?;
        Ok(validate::build_catalog(&sources).1)
    }

    /// The path of a knowledge file in `dir` (`products.jsonl`, `policies/returns.md`).
    pub fn file(dir: &Path, name: &str) -> PathBuf {
        dir.join(name)
    }
}
