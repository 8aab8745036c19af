use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::raw::{RawEntry, RawTree};
use super::StoreError;

/// A tree whose values are all `V`, stored as JSON (readable when debugging, tolerant of
/// added optional fields), on whichever backend the store runs.
pub struct Tree<V> {
    inner: RawTree,
    /// The store's flush count (a flush of any tree syncs the whole store).
    flushes: Arc<AtomicU64>,
    _value: PhantomData<fn() -> V>,
}

impl<V> Clone for Tree<V> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            flushes: self.flushes.clone(),
            _value: PhantomData,
        }
    }
}

impl<V: Serialize + DeserializeOwned> Tree<V> {
    pub(crate) fn new(inner: RawTree, flushes: Arc<AtomicU64>) -> Self {
        Self {
            inner,
            flushes,
            _value: PhantomData,
        }
    }

    /// The untyped tree (for [`super::WriteSet`]).
    pub(crate) fn raw(&self) -> &RawTree {
        &self.inner
    }

    pub(crate) fn encode(value: &V) -> Result<Vec<u8>, StoreError> {
        serde_json::to_vec(value).map_err(|e| StoreError::Encode(e.to_string()))
    }

    /// One stored entry as the iterators hand it out: the key, and the value decoded.
    fn entry(&self, r: Result<RawEntry, StoreError>) -> Result<(Vec<u8>, V), StoreError> {
        let (k, v) = r?;
        Ok((k, self.decode(&v)?))
    }

    fn decode(&self, bytes: &[u8]) -> Result<V, StoreError> {
        serde_json::from_slice(bytes).map_err(|e| StoreError::Decode {
            tree: self.inner.name(),
            message: e.to_string(),
        })
    }

    pub fn get(&self, key: impl AsRef<[u8]>) -> Result<Option<V>, StoreError> {
        self.inner
            .get(key.as_ref())?
            .map(|b| self.decode(&b))
            .transpose()
    }

    /// Stores `value` under `key`, returning the previous value.
    pub fn insert(&self, key: impl AsRef<[u8]>, value: &V) -> Result<Option<V>, StoreError> {
        self.inner
            .insert(key.as_ref(), Self::encode(value)?)?
            .map(|b| self.decode(&b))
            .transpose()
    }

    /// Stores `value` only if `key` is absent; returns false (and writes nothing) otherwise.
    pub fn insert_new(&self, key: impl AsRef<[u8]>, value: &V) -> Result<bool, StoreError> {
        self.inner.insert_new(key.as_ref(), Self::encode(value)?)
    }

    pub fn remove(&self, key: impl AsRef<[u8]>) -> Result<Option<V>, StoreError> {
        self.inner
            .remove(key.as_ref())?
            .map(|b| self.decode(&b))
            .transpose()
    }

    pub fn contains_key(&self, key: impl AsRef<[u8]>) -> Result<bool, StoreError> {
        self.inner.contains_key(key.as_ref())
    }

    /// How many entries the tree holds. On postgres this is a count over the tree's index
    /// range; a failed count is logged and reads as 0 (callers use it as a hint).
    pub fn len(&self) -> usize {
        self.inner.len().unwrap_or_else(|e| {
            tracing::warn!(tree = %self.inner.name(), "counting entries failed: {e}");
            0
        })
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = Result<(Vec<u8>, V), StoreError>> + '_ {
        self.inner
            .range(&[], None, false)
            .map(move |r| self.entry(r))
    }

    /// Entries whose key starts with `prefix`, in key order.
    pub fn scan_prefix(
        &self,
        prefix: impl AsRef<[u8]>,
    ) -> impl Iterator<Item = Result<(Vec<u8>, V), StoreError>> + '_ {
        self.inner
            .scan_prefix(prefix.as_ref())
            .map(move |r| self.entry(r))
    }

    /// Entries with keys in `[from, to)`, in key order.
    pub fn range(
        &self,
        from: impl AsRef<[u8]>,
        to: impl AsRef<[u8]>,
    ) -> impl Iterator<Item = Result<(Vec<u8>, V), StoreError>> + '_ {
        self.inner
            .range(from.as_ref(), Some(to.as_ref()), false)
            .map(move |r| self.entry(r))
    }

    /// Entries with keys in `[from, ..)`, in key order.
    pub fn range_from(
        &self,
        from: impl AsRef<[u8]>,
    ) -> impl Iterator<Item = Result<(Vec<u8>, V), StoreError>> + '_ {
        self.inner
            .range(from.as_ref(), None, false)
            .map(move |r| self.entry(r))
    }

    /// Entries with keys in `[from, to)`, last first.
    pub fn range_rev(
        &self,
        from: impl AsRef<[u8]>,
        to: impl AsRef<[u8]>,
    ) -> impl Iterator<Item = Result<(Vec<u8>, V), StoreError>> + '_ {
        self.inner
            .range(from.as_ref(), Some(to.as_ref()), true)
            .map(move |r| self.entry(r))
    }

    pub fn clear(&self) -> Result<(), StoreError> {
        self.inner.clear()
    }

    /// Makes this tree's writes (and every other tree's: sled has one log) durable before
    /// returning (use before acknowledging), off the async workers (see
    /// [`flush_off_runtime`]). On postgres a write is durable when it returns: nothing to do.
    pub async fn flush_async(&self) -> Result<(), StoreError> {
        self.flushes.fetch_add(1, Ordering::Relaxed);
        match self.inner.as_sled() {
            Some(tree) => flush_off_runtime(tree).await,
            None => Ok(()),
        }
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        self.flushes.fetch_add(1, Ordering::Relaxed);
        self.inner.flush()
    }
}

/// sled 0.34's own `flush_async` can lose its wake-up when several flushes race (sled
/// issues 1241 and 1308: concurrent chats then hang forever), so the blocking flush runs
/// on tokio's blocking pool instead; outside a runtime it runs inline.
pub(super) async fn flush_off_runtime(tree: &sled::Tree) -> Result<(), StoreError> {
    let tree = tree.clone();
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => handle
            .spawn_blocking(move || tree.flush())
            .await
            .map_err(|e| StoreError::Encode(format!("flush task failed: {e}")))??,
        Err(_) => tree.flush()?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::TestStore;
    use crate::store::Store;
    use crate::store_tests;

    fn keys(it: impl Iterator<Item = Result<(Vec<u8>, u32), StoreError>>) -> Vec<Vec<u8>> {
        it.map(|r| r.unwrap().0).collect()
    }

    store_tests! {
        /// The contract every module relies on, on both backends: point reads and writes,
        /// their return values, and scans in bytewise key order, over more entries than
        /// one postgres page.
        fn a_tree_keeps_order_and_answers_alike(ts) {
            let store = ts.open();
            let t: Tree<u32> = store.tree("contract").unwrap();
            let other: Tree<u32> = store.tree("contract.other").unwrap();
            other.insert([0u8], &0).unwrap();
            assert!(t.is_empty());
            assert_eq!(t.insert([1u8, 2], &12).unwrap(), None);
            assert_eq!(t.insert([1u8, 2], &13).unwrap(), Some(12));
            assert!(!t.insert_new([1u8, 2], &99).unwrap());
            assert!(t.insert_new([1u8, 3], &13).unwrap());
            assert!(t.contains_key([1u8, 3]).unwrap());
            assert_eq!(t.remove([1u8, 3]).unwrap(), Some(13));
            assert_eq!(t.remove([1u8, 3]).unwrap(), None);
            assert_eq!(t.get([1u8, 2]).unwrap(), Some(13));

            // 600 keys: 0x00 0x00.. to 0x02 0x57 (overwriting [1, 2]), plus keys at the
            // edges of the byte range.
            for i in 0..600u32 {
                let k = (i as u16).to_be_bytes();
                t.insert(k, &i).unwrap();
            }
            t.insert([0xffu8, 0xff], &70000).unwrap();
            t.insert([0xffu8], &70001).unwrap();
            t.insert([0u8], &70002).unwrap();
            assert_eq!(t.len(), 603);
            assert_eq!(t.get([1u8, 2]).unwrap(), Some(258));

            let all = keys(t.iter());
            assert_eq!(all.len(), 603);
            assert!(all.windows(2).all(|w| w[0] < w[1]), "bytewise order");
            assert_eq!(all.first().unwrap(), &vec![0u8]);
            assert_eq!(all.last().unwrap(), &vec![0xffu8, 0xff]);

            let prefix = keys(t.scan_prefix([1u8]));
            assert_eq!(prefix.len(), 256, "0x01 0x00..0x01 0xff");
            assert!(prefix.iter().all(|k| k[0] == 1));
            assert_eq!(keys(t.scan_prefix([0xffu8])), vec![vec![0xff], vec![0xff, 0xff]]);

            let range = keys(t.range([0u8, 10], [0u8, 20]));
            assert_eq!(range.len(), 10);
            assert_eq!(range[0], vec![0, 10]);
            let rev = keys(t.range_rev([0u8, 0], [2u8, 0]));
            assert_eq!(rev.len(), 512, "0x00 0x00..0x01 0xff");
            assert!(rev.windows(2).all(|w| w[0] > w[1]), "last first");
            let from = keys(t.range_from([2u8, 0x50]));
            assert_eq!(from, vec![
                vec![2, 0x50], vec![2, 0x51], vec![2, 0x52], vec![2, 0x53], vec![2, 0x54],
                vec![2, 0x55], vec![2, 0x56], vec![2, 0x57], vec![0xff], vec![0xff, 0xff],
            ]);

            t.clear().unwrap();
            assert!(t.is_empty());
            assert_eq!(other.get([0u8]).unwrap(), Some(0), "clear is one tree's");

            let a = store.next_id().unwrap();
            let b = store.next_id().unwrap();
            assert!(b > a);
        }
    }

    /// A database written by a newer kefu — newer key layout or newer SQL schema — is
    /// refused with the sled directory's message, and left as it was.
    #[test]
    fn a_newer_database_is_refused() {
        let ts = TestStore::postgres();
        let url = ts.url().unwrap().to_string();
        let store = ts.open();
        let pg = store.postgres().unwrap();
        let newer = i64::from(crate::store::SCHEMA_VERSION) + 5;
        pg.execute_for_test(format!(
            "UPDATE meta SET value = {newer} WHERE name = 'layout_version'"
        ));
        let err = Store::open_postgres(&url, 1).err().unwrap();
        assert!(
            matches!(err, StoreError::SchemaTooNew { found, .. } if i64::from(found) == newer),
            "{err}"
        );
        assert!(err.to_string().contains("nothing was changed"), "{err}");
        assert_eq!(pg.layout_version().unwrap() as i64, newer, "left as it was");

        pg.execute_for_test(format!(
            "UPDATE meta SET value = {} WHERE name = 'layout_version'",
            crate::store::SCHEMA_VERSION
        ));
        pg.execute_for_test(
            "INSERT INTO kefu_migrations (version, name) VALUES (99, 'future.sql')".into(),
        );
        let err = Store::open_postgres(&url, 1).err().unwrap();
        assert!(err.to_string().contains("SQL schema"), "{err}");
    }
}
