use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::StoreError;

/// A sled tree whose values are all `V`, stored as JSON (readable when debugging, tolerant
/// of added optional fields).
pub struct Tree<V> {
    inner: sled::Tree,
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

/// sled 0.34's own `flush_async` can lose its wake-up when several flushes race (sled
/// issues 1241 and 1308: concurrent chats then hang forever), so the blocking flush runs
/// on tokio's blocking pool instead; outside a runtime it runs inline.
pub(super) async fn flush_off_runtime(
    tree: &sled::Tree,
    flushes: &AtomicU64,
) -> Result<(), StoreError> {
    flushes.fetch_add(1, Ordering::Relaxed);
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

impl<V: Serialize + DeserializeOwned> Tree<V> {
    pub(crate) fn new(inner: sled::Tree, flushes: Arc<AtomicU64>) -> Self {
        Self {
            inner,
            flushes,
            _value: PhantomData,
        }
    }

    /// The untyped sled tree (for [`super::WriteSet`]).
    pub(crate) fn raw(&self) -> &sled::Tree {
        &self.inner
    }

    pub(crate) fn encode(value: &V) -> Result<Vec<u8>, StoreError> {
        serde_json::to_vec(value).map_err(|e| StoreError::Encode(e.to_string()))
    }

    /// One stored entry as the iterators hand it out: the key, and the value decoded.
    fn entry(&self, r: sled::Result<(sled::IVec, sled::IVec)>) -> Result<(Vec<u8>, V), StoreError> {
        let (k, v) = r?;
        Ok((k.to_vec(), self.decode(&v)?))
    }

    fn decode(&self, bytes: &[u8]) -> Result<V, StoreError> {
        serde_json::from_slice(bytes).map_err(|e| StoreError::Decode {
            tree: String::from_utf8_lossy(&self.inner.name()).into_owned(),
            message: e.to_string(),
        })
    }

    pub fn get(&self, key: impl AsRef<[u8]>) -> Result<Option<V>, StoreError> {
        self.inner.get(key)?.map(|b| self.decode(&b)).transpose()
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
        let res =
            self.inner
                .compare_and_swap(key.as_ref(), None::<&[u8]>, Some(Self::encode(value)?))?;
        Ok(res.is_ok())
    }

    pub fn remove(&self, key: impl AsRef<[u8]>) -> Result<Option<V>, StoreError> {
        self.inner.remove(key)?.map(|b| self.decode(&b)).transpose()
    }

    pub fn contains_key(&self, key: impl AsRef<[u8]>) -> Result<bool, StoreError> {
        Ok(self.inner.contains_key(key)?)
    }

    pub fn len(&self) -> usize {
        self.inner.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    /// All entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = Result<(Vec<u8>, V), StoreError>> + '_ {
        self.inner.iter().map(move |r| self.entry(r))
    }

    /// Entries whose key starts with `prefix`, in key order.
    pub fn scan_prefix(
        &self,
        prefix: impl AsRef<[u8]>,
    ) -> impl Iterator<Item = Result<(Vec<u8>, V), StoreError>> + '_ {
        self.inner.scan_prefix(prefix).map(move |r| self.entry(r))
    }

    /// Entries with keys in `[from, to)`, in key order.
    pub fn range(
        &self,
        from: impl AsRef<[u8]>,
        to: impl AsRef<[u8]>,
    ) -> impl Iterator<Item = Result<(Vec<u8>, V), StoreError>> + '_ {
        self.inner
            .range(from.as_ref().to_vec()..to.as_ref().to_vec())
            .map(move |r| self.entry(r))
    }

    /// Entries with keys in `[from, ..)`, in key order.
    pub fn range_from(
        &self,
        from: impl AsRef<[u8]>,
    ) -> impl Iterator<Item = Result<(Vec<u8>, V), StoreError>> + '_ {
        self.inner
            .range(from.as_ref().to_vec()..)
            .map(move |r| self.entry(r))
    }

    /// Entries with keys in `[from, to)`, last first.
    pub fn range_rev(
        &self,
        from: impl AsRef<[u8]>,
        to: impl AsRef<[u8]>,
    ) -> impl Iterator<Item = Result<(Vec<u8>, V), StoreError>> + '_ {
        self.inner
            .range(from.as_ref().to_vec()..to.as_ref().to_vec())
            .rev()
            .map(move |r| self.entry(r))
    }

    pub fn clear(&self) -> Result<(), StoreError> {
        Ok(self.inner.clear()?)
    }

    /// Makes this tree's writes (and every other tree's: sled has one log) durable before
    /// returning (use before acknowledging), off the async workers (see
    /// [`flush_off_runtime`]).
    pub async fn flush_async(&self) -> Result<(), StoreError> {
        flush_off_runtime(&self.inner, &self.flushes).await
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        self.flushes.fetch_add(1, Ordering::Relaxed);
        self.inner.flush()?;
        Ok(())
    }
}
