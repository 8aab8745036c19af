//! Writes to several trees applied as one transaction (a sled transaction, or one
//! PostgreSQL transaction): after a crash either all of them are stored or none is.

use serde::de::DeserializeOwned;
use serde::Serialize;
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;

use super::raw::RawTree;
use super::{Backend, Store, StoreError, Tree};

/// One pending change: which tree (index into `trees`), the key, the new value or a removal.
pub(crate) type Op = (usize, Vec<u8>, Option<Vec<u8>>);

#[derive(Default)]
pub struct WriteSet {
    trees: Vec<RawTree>,
    ops: Vec<Op>,
}

impl WriteSet {
    pub fn new() -> Self {
        Self::default()
    }

    fn slot(&mut self, tree: &RawTree) -> usize {
        let name = tree.name();
        match self.trees.iter().position(|t| t.name() == name) {
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

    /// Bytes as they are (copying a store).
    pub(crate) fn put_raw(&mut self, tree: &RawTree, key: Vec<u8>, value: Vec<u8>) {
        let i = self.slot(tree);
        self.ops.push((i, key, Some(value)));
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    pub fn len(&self) -> usize {
        self.ops.len()
    }
}

impl Store {
    /// Applies every write of `set` in one transaction, in the order they were added. On
    /// sled not yet durable (flush before acknowledging); on postgres durable on return.
    pub fn commit(&self, set: WriteSet) -> Result<(), StoreError> {
        if set.is_empty() {
            return Ok(());
        }
        match &self.backend {
            Backend::Sled { .. } => commit_sled(set),
            Backend::Postgres(pg) => {
                let names = set.trees.iter().map(RawTree::name).collect();
                pg.commit(names, set.ops)
            }
        }
    }
}

fn commit_sled(set: WriteSet) -> Result<(), StoreError> {
    let trees: Vec<&sled::Tree> = set
        .trees
        .iter()
        .map(|t| t.as_sled().ok_or(StoreError::MixedBackends))
        .collect::<Result<_, _>>()?;
    trees
        .as_slice()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store_tests;

    store_tests! {
        fn a_write_set_lands_in_every_tree(ts) {
            let store = ts.open();
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

        /// Committed means stored: a second handle (another replica's, on postgres; the
        /// directory reopened, on sled) sees every write of the set.
        fn a_committed_set_is_there_for_the_next_opener(ts) {
            {
                let store = ts.open();
                let a: Tree<u64> = store.tree("a").unwrap();
                let mut set = WriteSet::new();
                for i in 0..300u64 {
                    set.insert(&a, i.to_be_bytes(), &i).unwrap();
                }
                store.commit(set).unwrap();
                store.flush().unwrap();
            }
            let again = ts.open();
            let a: Tree<u64> = again.tree("a").unwrap();
            assert_eq!(a.len(), 300);
            assert_eq!(a.get(299u64.to_be_bytes()).unwrap(), Some(299));
        }
    }

    /// A set whose last write fails leaves nothing of its first writes behind: the whole
    /// set is one postgres transaction. (The failure: a tree name postgres cannot store.)
    #[test]
    fn a_failed_set_on_postgres_writes_nothing() {
        let ts = crate::store::testing::TestStore::postgres();
        let store = ts.open();
        let a: Tree<u64> = store.tree("a").unwrap();
        let bad: Tree<u64> = store.tree("no\0such").unwrap();
        a.insert("kept", &1).unwrap();
        let mut set = WriteSet::new();
        set.insert(&a, "first", &1).unwrap();
        set.remove(&a, "kept");
        set.insert(&bad, "last", &2).unwrap();
        assert!(store.commit(set).is_err());
        assert_eq!(
            a.get("first").unwrap(),
            None,
            "the first write was rolled back"
        );
        assert_eq!(
            a.get("kept").unwrap(),
            Some(1),
            "the removal was rolled back"
        );
    }
}
