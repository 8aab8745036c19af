//! Copying a whole store into an empty postgres database (`kefu store migrate`): every
//! tree, entry for entry, the id counter, at the same schema version.

use super::{Store, StoreError, WriteSet};

/// Entries written per transaction.
const BATCH: usize = 1000;

/// What the copy reports as it goes.
pub enum CopyProgress<'a> {
    /// A tree is done: its name and entry count.
    Tree(&'a str, u64),
    /// Still copying `tree`: entries so far.
    Entries(&'a str, u64),
    /// Everything is copied; the next id the target hands out is at least this.
    Done {
        trees: usize,
        entries: u64,
        next_id: u64,
    },
}

/// Copies every tree of `from` into `to`, which must be a postgres store holding nothing
/// yet (a half-filled target is refused, not merged into). Both are at the current schema
/// (opening them migrated the source).
pub fn copy_store(
    from: &Store,
    to: &Store,
    mut progress: impl FnMut(CopyProgress<'_>),
) -> Result<(), StoreError> {
    let Some(target) = to.postgres() else {
        return Err(StoreError::Copy(
            "the target must be a postgres database (postgres://…)".into(),
        ));
    };
    let (from_v, to_v) = (from.schema_version()?, to.schema_version()?);
    if from_v != to_v {
        return Err(StoreError::Copy(format!(
            "schema versions differ (source {from_v}, target {to_v})"
        )));
    }
    let occupied = to.tree_names()?;
    if !occupied.is_empty() {
        return Err(StoreError::Copy(format!(
            "the target database already holds data (trees: {}); nothing was copied \
             (hint: migrate into a new, empty database)",
            occupied.join(", ")
        )));
    }
    let names = from.tree_names()?;
    let mut total = 0;
    for name in &names {
        let source = from.raw_tree(name)?;
        let sink = to.raw_tree(name)?;
        let mut set = WriteSet::new();
        let mut n = 0u64;
        for entry in source.range(&[], None, false) {
            let (k, v) = entry?;
            set.put_raw(&sink, k, v);
            n += 1;
            if set.len() >= BATCH {
                to.commit(std::mem::take(&mut set))?;
                progress(CopyProgress::Entries(name, n));
            }
        }
        to.commit(set)?;
        progress(CopyProgress::Tree(name, n));
        total += n;
    }
    let next_id = from.next_id()?;
    target.raise_next_id(next_id)?;
    progress(CopyProgress::Done {
        trees: names.len(),
        entries: total,
        next_id,
    });
    Ok(())
}
