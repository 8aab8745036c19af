//! Admin edits across replicas. Files on shared storage are not assumed: an edit made
//! through the admin API on one replica stores the files it changed, and a new knowledge
//! version, in the shared store (one transaction, before the edit is acknowledged) and
//! announces it; every replica brings its own knowledge directory to that version and
//! reloads. Edits take the store's `knowledge` lease and catch up first, so two replicas
//! never edit from different versions. On sled (one process) all of this is skipped.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use super::edit::write_atomic;
use super::live::{LiveGraph, Reloaded};
use super::source::SourceSet;
use super::KnowledgeError;
use crate::store::{Lease, Store, Tree, WriteSet};

/// File name → its text as last edited.
const FILES: &str = "knowledge.shared_files";
/// `current` → the version every replica should serve.
const VERSIONS: &str = "knowledge.shared_version";
const CHANNEL: &str = "kefu_knowledge";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Version {
    /// Increasing with every edit (an id of the store).
    number: u64,
    /// The content hash of the sources after the edit.
    hash: String,
}

fn trees(store: &Store) -> Result<(Tree<String>, Tree<Version>), KnowledgeError> {
    Ok((store.tree(FILES)?, store.tree(VERSIONS)?))
}

/// The shared store, when there is one.
fn shared(live: &LiveGraph) -> Option<&Store> {
    live.store().filter(|s| s.is_shared())
}

/// Taken by an edit before it reads the files: no other replica edits meanwhile.
pub(crate) fn lease(live: &LiveGraph) -> Result<Option<Lease>, KnowledgeError> {
    match shared(live) {
        Some(store) => Ok(store.hold("knowledge")?),
        None => Ok(None),
    }
}

/// Records an edit: the `changed` files and the new version, in one transaction, then tells
/// the other replicas.
pub(crate) fn publish(
    live: &LiveGraph,
    sources: &SourceSet,
    changed: &[&str],
) -> Result<(), KnowledgeError> {
    let Some(store) = shared(live) else {
        return Ok(());
    };
    let (files, versions) = trees(store)?;
    let mut set = WriteSet::new();
    for name in changed {
        set.insert(&files, name, &sources.get(name).unwrap_or("").to_string())?;
    }
    let version = Version {
        number: store.next_id()?,
        hash: sources.content_hash(),
    };
    set.insert(&versions, "current", &version)?;
    store.commit(set)?;
    store.announce(CHANNEL, version.number.to_string())?;
    Ok(())
}

/// Brings the knowledge directory to the shared version (writing the files edits changed)
/// and reloads when that changed anything. The caller holds `write_lock`.
pub(crate) fn catch_up_locked(live: &LiveGraph) -> Result<Option<Reloaded>, KnowledgeError> {
    let Some(store) = shared(live) else {
        return Ok(None);
    };
    let (files, versions) = trees(store)?;
    let Some(version) = versions.get("current")? else {
        return Ok(None);
    };
    if live.graph().content_hash() == version.hash {
        return Ok(None);
    }
    let mut sources = SourceSet::read(live.dir())?;
    for entry in files.iter() {
        let (name, text) = entry?;
        let name = String::from_utf8_lossy(&name).into_owned();
        if sources.get(&name) != Some(text.as_str()) {
            write_atomic(&live.dir().join(&name), &text)?;
            sources.set(&name, text);
        }
    }
    tracing::info!(
        version = version.number,
        "knowledge: caught up with an edit made on another replica"
    );
    live.reload_from(&sources).map(Some)
}

/// [`catch_up_locked`] taking the lock.
pub fn catch_up(live: &LiveGraph) -> Result<Option<Reloaded>, KnowledgeError> {
    let _guard = live.write_lock.lock();
    catch_up_locked(live)
}

/// Follows the other replicas' edits for as long as `live` is served.
pub fn follow(live: &Arc<LiveGraph>) {
    let Some(announcements) = shared(live).and_then(|s| s.listen(CHANNEL)) else {
        return;
    };
    let live = Arc::downgrade(live);
    let spawned = std::thread::Builder::new()
        .name("kg-follow".into())
        .spawn(move || {
            for _ in announcements {
                let Some(live) = live.upgrade() else { break };
                if let Err(e) = catch_up(&live) {
                    tracing::error!(
                        "knowledge: catching up with another replica's edit failed: {e}"
                    );
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!("knowledge: cannot follow other replicas' edits: {e}");
    }
}
