//! When each record (a session's log, a tracker, a profile) was last active, by UTC day,
//! so retention finds the ones idle past a cutoff without reading them all.
//!
//! Two trees: `<name>.age_by_day` (day ++ key → nothing) and `<name>.age_last` (key →
//! day). A touch on a new day adds a bucket entry and leaves the old one; the sweep drops
//! stale bucket entries as it meets them. Days, not instants: one write per key per day.

use chrono::{DateTime, Utc};

use super::raw::RawTree;
use super::{Store, StoreError};

#[derive(Clone)]
pub struct AgeIndex {
    by_day: RawTree,
    last: RawTree,
}

/// Days since the epoch, as the bucket key prefix (instants before 1970 count as day 0).
pub fn day_of(at: DateTime<Utc>) -> u32 {
    (at.timestamp().max(0) / 86_400).min(i64::from(u32::MAX)) as u32
}

fn bucket_key(day: u32, key: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(4 + key.len());
    k.extend_from_slice(&day.to_be_bytes());
    k.extend_from_slice(key);
    k
}

fn day_value(bytes: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?))
}

impl AgeIndex {
    pub fn open(store: &Store, name: &str) -> Result<Self, StoreError> {
        Ok(Self {
            by_day: store.raw_tree(&format!("{name}.age_by_day"))?,
            last: store.raw_tree(&format!("{name}.age_last"))?,
        })
    }

    /// On a bare sled database (the migrations of old directories).
    pub(crate) fn from_db(db: &sled::Db, name: &str) -> Result<Self, sled::Error> {
        Ok(Self {
            by_day: RawTree::Sled(db.open_tree(format!("{name}.age_by_day"))?),
            last: RawTree::Sled(db.open_tree(format!("{name}.age_last"))?),
        })
    }

    /// Records activity of `key` at `at` (only a later day than the one on file counts).
    pub fn touch(&self, key: &[u8], at: DateTime<Utc>) -> Result<(), StoreError> {
        let day = day_of(at);
        if let Some(known) = self.last.get(key)?.and_then(|v| day_value(&v)) {
            if known >= day {
                return Ok(());
            }
        }
        self.by_day.insert(&bucket_key(day, key), Vec::new())?;
        self.last.insert(key, day.to_be_bytes().to_vec())?;
        Ok(())
    }

    /// The day `key` was last active, if it is indexed.
    pub fn last_day(&self, key: &[u8]) -> Result<Option<u32>, StoreError> {
        Ok(self.last.get(key)?.and_then(|v| day_value(&v)))
    }

    /// Calls `expire` for every key last active on a day wholly before `cutoff`, then
    /// forgets it; `expire` deletes the record and says how many entries went. Index
    /// entries go only after their record did, so a crash leaves nothing unindexed.
    pub fn sweep(
        &self,
        cutoff: DateTime<Utc>,
        mut expire: impl FnMut(&[u8]) -> Result<u64, StoreError>,
    ) -> Result<u64, StoreError> {
        let end = day_of(cutoff).to_be_bytes();
        let mut deleted = 0;
        for item in self.by_day.range(&[], Some(end.as_slice()), false) {
            let (bucket, _) = item?;
            let (day, key) = (day_value(&bucket).unwrap_or(0), &bucket[4..]);
            // Stale: the key was active again on a later day, whose bucket holds it.
            let current = self.last_day(key)?;
            if current == Some(day) {
                deleted += expire(key)?;
                self.last.remove(key)?;
            }
            self.by_day.remove(&bucket)?;
        }
        Ok(deleted)
    }

    pub fn len(&self) -> usize {
        self.last.len().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    crate::store_tests! {
        fn only_keys_idle_since_before_the_cutoff_are_swept(ts) {
            let store = ts.open();
            let index = AgeIndex::open(&store, "things").unwrap();
            index.touch(b"old", at("2026-01-01T10:00:00Z")).unwrap();
            index.touch(b"revived", at("2026-01-01T10:00:00Z")).unwrap();
            index.touch(b"revived", at("2026-03-01T10:00:00Z")).unwrap();
            index.touch(b"new", at("2026-03-02T10:00:00Z")).unwrap();
            // An older touch does not move a key back in time.
            index.touch(b"new", at("2025-01-01T10:00:00Z")).unwrap();

            let mut gone = Vec::new();
            let n = index
                .sweep(at("2026-02-01T00:00:00Z"), |k| {
                    gone.push(String::from_utf8_lossy(k).into_owned());
                    Ok(1)
                })
                .unwrap();
            assert_eq!((n, gone.clone()), (1, vec!["old".to_string()]));
            assert_eq!(index.len(), 2);
            assert_eq!(index.last_day(b"old").unwrap(), None);

            gone.clear();
            let n = index
                .sweep(at("2026-03-02T00:00:00Z"), |k| {
                    gone.push(String::from_utf8_lossy(k).into_owned());
                    Ok(1)
                })
                .unwrap();
            assert_eq!((n, gone), (1, vec!["revived".to_string()]));
            assert_eq!(index.len(), 1);
        }
    }
}
