//! Writes to several trees applied as one sled transaction: after a crash either all of
//! them are on disk or none is.

use serde::de::DeserializeOwned;
use serde::Serialize;
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;

use super::{Store, StoreError, Tree};

/// One pending change: which tree (index into `trees`), the key, the new value or a removal.
type Op = (usize, Vec<u8>, Option<Vec<u8>>);

#[derive(Default)]
pub struct WriteSet {
    trees: Vec<sled::Tree>,
    ops: Vec<Op>,
}

impl WriteSet {
    pub fn new() -> Self {
        Self::default()
    }

    fn slot(&mut self, tree: &sled::Tree) -> usize {
        match self.trees.iter().position(|t| t.name() == tree.name()) {
            Some(i) => i,
            None => {
                self.trees.push(tree.clone());
                self.trees.len() - 1
            }
        }
    }

    pub fn insert<V: Serialize + DeserializeOwned>(
        &mut self,
        tree: &Tree<V>,
        key: impl AsRef<[u8]>,
        value: &V,
    ) -> Result<(), StoreError> {
        let bytes = Tree::<V>::encode(value)?;
        let i = self.slot(tree.raw());
        self.ops.push((i, key.as_ref().to_vec(), Some(bytes)));
        Ok(())
    }

    pub fn remove<V: Serialize + DeserializeOwned>(
        &mut self,
        tree: &Tree<V>,
        key: impl AsRef<[u8]>,
    ) {
        let i = self.slot(tree.raw());
        self.ops.push((i, key.as_ref().to_vec(), None));
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    pub fn len(&self) -> usize {
        self.ops.len()
    }
}

impl Store {
    /// Applies every write of `set` in one transaction, in the order they were added. Not
    /// yet durable: flush before acknowledging.
    pub fn commit(&self, set: WriteSet) -> Result<(), StoreError> {
        if set.is_empty() {
            return Ok(());
        }
        let refs: Vec<&sled::Tree> = set.trees.iter().collect();
        refs.as_slice()
            .transaction(|trees| {
                for (i, key, value) in &set.ops {
                    match value {
                        Some(v) => {
                            trees[*i].insert(key.as_slice(), v.as_slice())?;
                        }
                        None => {
                            trees[*i].remove(key.as_slice())?;
                        }
                    }
                }
                Ok::<(), ConflictableTransactionError<()>>(())
            })
            .map_err(|e| match e {
                TransactionError::Storage(e) => StoreError::Sled(e),
                TransactionError::Abort(()) => StoreError::Encode("transaction aborted".into()),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_set_lands_in_every_tree() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let a: Tree<u64> = store.tree("a").unwrap();
        let b: Tree<String> = store.tree("b").unwrap();
        a.insert("gone", &1).unwrap();
        let mut set = WriteSet::new();
        set.insert(&a, "x", &7).unwrap();
        set.insert(&b, "y", &"seven".to_string()).unwrap();
        set.remove(&a, "gone");
        assert_eq!(set.len(), 3);
        store.commit(set).unwrap();
        assert_eq!(a.get("x").unwrap(), Some(7));
        assert_eq!(b.get("y").unwrap().as_deref(), Some("seven"));
        assert_eq!(a.get("gone").unwrap(), None);
    }
}
