//! One tree of bytes on either backend: what [`super::Tree`] (typed), [`super::AgeIndex`]
//! and [`super::WriteSet`] are built on. Both backends order keys bytewise, so a range or a
//! prefix scan means the same thing on each.

use super::postgres::PgTree;
use super::StoreError;

/// Key and value as stored.
pub type RawEntry = (Vec<u8>, Vec<u8>);
pub(crate) type RawIter<'a> = Box<dyn Iterator<Item = Result<RawEntry, StoreError>> + 'a>;

#[derive(Clone)]
pub(crate) enum RawTree {
    Sled(sled::Tree),
    Postgres(PgTree),
}

fn sled_entry(r: sled::Result<(sled::IVec, sled::IVec)>) -> Result<RawEntry, StoreError> {
    let (k, v) = r?;
    Ok((k.to_vec(), v.to_vec()))
}

/// The smallest key above every key that starts with `prefix`, if there is one.
pub(crate) fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

impl RawTree {
    pub(crate) fn name(&self) -> String {
        match self {
            RawTree::Sled(t) => String::from_utf8_lossy(&t.name()).into_owned(),
            RawTree::Postgres(t) => t.name().to_string(),
        }
    }

    pub(crate) fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            RawTree::Sled(t) => Ok(t.get(key)?.map(|v| v.to_vec())),
            RawTree::Postgres(t) => t.get(key),
        }
    }

    /// Stores `value`, returning the previous value.
    pub(crate) fn insert(&self, key: &[u8], value: Vec<u8>) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            RawTree::Sled(t) => Ok(t.insert(key, value)?.map(|v| v.to_vec())),
            RawTree::Postgres(t) => t.insert(key, value),
        }
    }

    /// Stores `value` only if `key` is absent; false (nothing written) otherwise.
    pub(crate) fn insert_new(&self, key: &[u8], value: Vec<u8>) -> Result<bool, StoreError> {
        match self {
            RawTree::Sled(t) => Ok(t.compare_and_swap(key, None::<&[u8]>, Some(value))?.is_ok()),
            RawTree::Postgres(t) => t.insert_new(key, value),
        }
    }

    pub(crate) fn remove(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            RawTree::Sled(t) => Ok(t.remove(key)?.map(|v| v.to_vec())),
            RawTree::Postgres(t) => t.remove(key),
        }
    }

    pub(crate) fn contains_key(&self, key: &[u8]) -> Result<bool, StoreError> {
        match self {
            RawTree::Sled(t) => Ok(t.contains_key(key)?),
            RawTree::Postgres(t) => t.contains_key(key),
        }
    }

    pub(crate) fn len(&self) -> Result<usize, StoreError> {
        match self {
            RawTree::Sled(t) => Ok(t.len()),
            RawTree::Postgres(t) => t.len(),
        }
    }

    /// Entries with keys in `[from, to)` (`to: None`: to the end), in key order or, with
    /// `rev`, last first.
    pub(crate) fn range(&self, from: &[u8], to: Option<&[u8]>, rev: bool) -> RawIter<'_> {
        match self {
            RawTree::Sled(t) => {
                let from = from.to_vec();
                match (to.map(<[u8]>::to_vec), rev) {
                    (Some(to), false) => Box::new(t.range(from..to).map(sled_entry)),
                    (Some(to), true) => Box::new(t.range(from..to).rev().map(sled_entry)),
                    (None, false) => Box::new(t.range(from..).map(sled_entry)),
                    (None, true) => Box::new(t.range(from..).rev().map(sled_entry)),
                }
            }
            RawTree::Postgres(t) => Box::new(t.range(from, to, rev)),
        }
    }

    pub(crate) fn scan_prefix(&self, prefix: &[u8]) -> RawIter<'_> {
        self.range(prefix, prefix_end(prefix).as_deref(), false)
    }

    pub(crate) fn clear(&self) -> Result<(), StoreError> {
        match self {
            RawTree::Sled(t) => Ok(t.clear()?),
            RawTree::Postgres(t) => t.clear(),
        }
    }

    /// Durable before returning. On postgres every write already is (it returns after the
    /// commit's WAL flush), so there is nothing to do.
    pub(crate) fn flush(&self) -> Result<(), StoreError> {
        match self {
            RawTree::Sled(t) => {
                t.flush()?;
                Ok(())
            }
            RawTree::Postgres(_) => Ok(()),
        }
    }

    /// The sled tree, for the flush that runs on tokio's blocking pool.
    pub(crate) fn as_sled(&self) -> Option<&sled::Tree> {
        match self {
            RawTree::Sled(t) => Some(t),
            RawTree::Postgres(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::prefix_end;

    #[test]
    fn a_prefix_ends_at_its_successor() {
        assert_eq!(prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_end(&[1, 0xff]), Some(vec![2]));
        assert_eq!(prefix_end(&[0xff, 0xff]), None);
        assert_eq!(prefix_end(b""), None);
    }
}
