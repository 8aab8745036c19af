//! One tree as rows of the `kv` table. The primary key (tree, key) is a btree and bytea
//! compares bytewise, as sled does: a range or prefix scan (the time and shopper indexes)
//! is an index range scan, read a page at a time.

use std::collections::VecDeque;
use std::sync::Arc;

use super::pool::Pool;
use crate::store::raw::RawEntry;
use crate::store::StoreError;

const GET: &str = "SELECT value FROM kv WHERE tree = $1 AND key = $2";
/// The old value is read from the statement's snapshot, before the upsert in the same
/// statement. (Two writers racing on one key may both be told the same old value; the
/// stored result is still the last write, as on sled.)
const INSERT: &str = "WITH old AS (SELECT value FROM kv WHERE tree = $1 AND key = $2), \
     up AS (INSERT INTO kv (tree, key, value) VALUES ($1, $2, $3) \
            ON CONFLICT (tree, key) DO UPDATE SET value = EXCLUDED.value) \
     SELECT (SELECT value FROM old)";
pub(super) const UPSERT: &str = "INSERT INTO kv (tree, key, value) VALUES ($1, $2, $3) \
     ON CONFLICT (tree, key) DO UPDATE SET value = EXCLUDED.value";
const INSERT_NEW: &str =
    "INSERT INTO kv (tree, key, value) VALUES ($1, $2, $3) ON CONFLICT (tree, key) DO NOTHING";
const REMOVE: &str = "DELETE FROM kv WHERE tree = $1 AND key = $2 RETURNING value";
pub(super) const DELETE: &str = "DELETE FROM kv WHERE tree = $1 AND key = $2";
const CONTAINS: &str = "SELECT EXISTS (SELECT 1 FROM kv WHERE tree = $1 AND key = $2)";
const COUNT: &str = "SELECT count(*) FROM kv WHERE tree = $1";
const CLEAR: &str = "DELETE FROM kv WHERE tree = $1";

/// Rows read per round trip of a scan.
const PAGE: i64 = 256;

/// Page queries: $1 tree, $2 lower bound, $3 upper bound (exclusive), $4 page size.
const FIRST_PAGE: &str =
    "SELECT key, value FROM kv WHERE tree = $1 AND key >= $2 AND key < $3 ORDER BY key LIMIT $4";
const FIRST_PAGE_OPEN: &str =
    "SELECT key, value FROM kv WHERE tree = $1 AND key >= $2 ORDER BY key LIMIT $3";
const NEXT_PAGE: &str =
    "SELECT key, value FROM kv WHERE tree = $1 AND key > $2 AND key < $3 ORDER BY key LIMIT $4";
const NEXT_PAGE_OPEN: &str =
    "SELECT key, value FROM kv WHERE tree = $1 AND key > $2 ORDER BY key LIMIT $3";
const REV_PAGE: &str = "SELECT key, value FROM kv WHERE tree = $1 AND key >= $2 AND key < $3 ORDER BY key DESC LIMIT $4";
const REV_PAGE_OPEN: &str =
    "SELECT key, value FROM kv WHERE tree = $1 AND key >= $2 ORDER BY key DESC LIMIT $3";

#[derive(Clone)]
pub(crate) struct PgTree {
    pool: Arc<Pool>,
    name: Arc<str>,
}

impl PgTree {
    pub(super) fn new(pool: Arc<Pool>, name: &str) -> Self {
        Self {
            pool,
            name: name.into(),
        }
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    fn keyed<T: Send + 'static>(
        &self,
        key: &[u8],
        f: impl FnOnce(&mut super::pool::Conn, &str, &[u8]) -> Result<T, postgres::Error>
            + Send
            + 'static,
    ) -> Result<T, StoreError> {
        let (name, key) = (self.name.clone(), key.to_vec());
        self.pool.run(move |c| f(c, &name, &key))
    }

    pub(crate) fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        self.keyed(key, |c, tree, key| {
            let s = c.statement(GET)?;
            Ok(c.client.query_opt(&s, &[&tree, &key])?.map(|r| r.get(0)))
        })
    }

    pub(crate) fn insert(&self, key: &[u8], value: Vec<u8>) -> Result<Option<Vec<u8>>, StoreError> {
        self.keyed(key, move |c, tree, key| {
            let s = c.statement(INSERT)?;
            Ok(c.client.query_one(&s, &[&tree, &key, &value])?.get(0))
        })
    }

    pub(crate) fn insert_new(&self, key: &[u8], value: Vec<u8>) -> Result<bool, StoreError> {
        self.keyed(key, move |c, tree, key| {
            let s = c.statement(INSERT_NEW)?;
            Ok(c.client.execute(&s, &[&tree, &key, &value])? == 1)
        })
    }

    pub(crate) fn remove(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        self.keyed(key, |c, tree, key| {
            let s = c.statement(REMOVE)?;
            Ok(c.client.query_opt(&s, &[&tree, &key])?.map(|r| r.get(0)))
        })
    }

    pub(crate) fn contains_key(&self, key: &[u8]) -> Result<bool, StoreError> {
        self.keyed(key, |c, tree, key| {
            let s = c.statement(CONTAINS)?;
            Ok(c.client.query_one(&s, &[&tree, &key])?.get(0))
        })
    }

    pub(crate) fn len(&self) -> Result<usize, StoreError> {
        let n: i64 = self.keyed(&[], |c, tree, _| {
            let s = c.statement(COUNT)?;
            Ok(c.client.query_one(&s, &[&tree])?.get(0))
        })?;
        Ok(n.max(0) as usize)
    }

    pub(crate) fn clear(&self) -> Result<(), StoreError> {
        self.keyed(&[], |c, tree, _| {
            let s = c.statement(CLEAR)?;
            c.client.execute(&s, &[&tree]).map(|_| ())
        })
    }

    pub(crate) fn range(&self, from: &[u8], to: Option<&[u8]>, rev: bool) -> Pages {
        Pages {
            tree: self.clone(),
            low: from.to_vec(),
            high: to.map(<[u8]>::to_vec),
            rev,
            after: None,
            buffer: VecDeque::new(),
            done: false,
        }
    }

    fn page(&self, query: &'static str, args: PageArgs) -> Result<Vec<RawEntry>, StoreError> {
        let name = self.name.clone();
        self.pool.run(move |c| {
            let s = c.statement(query)?;
            let rows = match args {
                PageArgs::Bounded(a, b) => c.client.query(&s, &[&&*name, &a, &b, &PAGE])?,
                PageArgs::Open(a) => c.client.query(&s, &[&&*name, &a, &PAGE])?,
            };
            Ok(rows.into_iter().map(|r| (r.get(0), r.get(1))).collect())
        })
    }
}

enum PageArgs {
    Bounded(Vec<u8>, Vec<u8>),
    Open(Vec<u8>),
}

/// A key-ordered scan read lazily, one page per round trip, each page resuming after the
/// last key seen (so a tree changing under the scan neither repeats nor skips keys
/// outside the change, as with sled's iterators).
pub(crate) struct Pages {
    tree: PgTree,
    low: Vec<u8>,
    high: Option<Vec<u8>>,
    rev: bool,
    /// The last key handed out.
    after: Option<Vec<u8>>,
    buffer: VecDeque<RawEntry>,
    done: bool,
}

impl Pages {
    fn fetch(&mut self) -> Result<Vec<RawEntry>, StoreError> {
        let low = self.low.clone();
        let (query, args) = if self.rev {
            // Going down: the upper bound moves to the last key seen (exclusive).
            match self.after.clone().or_else(|| self.high.clone()) {
                Some(high) => (REV_PAGE, PageArgs::Bounded(low, high)),
                None => (REV_PAGE_OPEN, PageArgs::Open(low)),
            }
        } else {
            let (open, bounded, start) = match self.after.clone() {
                Some(after) => (NEXT_PAGE_OPEN, NEXT_PAGE, after),
                None => (FIRST_PAGE_OPEN, FIRST_PAGE, low),
            };
            match self.high.clone() {
                Some(high) => (bounded, PageArgs::Bounded(start, high)),
                None => (open, PageArgs::Open(start)),
            }
        };
        self.tree.page(query, args)
    }
}

impl Iterator for Pages {
    type Item = Result<RawEntry, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buffer.is_empty() && !self.done {
            match self.fetch() {
                Ok(rows) => {
                    self.done = (rows.len() as i64) < PAGE;
                    self.buffer.extend(rows);
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        let entry = self.buffer.pop_front()?;
        self.after = Some(entry.0.clone());
        Some(Ok(entry))
    }
}
