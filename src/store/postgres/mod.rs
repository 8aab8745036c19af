//! The shared backend: PostgreSQL as an ordered key-value store (one `kv` table), so
//! several kefu replicas see one set of sessions, trackers, logs, events and profiles.
//! Everything goes through a small pool of connection threads ([`pool`]); a write returns
//! after its commit, which (with `synchronous_commit` on, the default) is after the WAL
//! reached disk — the "durable before sent / acked" promise needs no separate flush.

mod lease;
mod notify;
mod pool;
mod schema;
pub mod test_server;
mod tree;

pub use lease::Lease;
pub(crate) use tree::PgTree;

use std::sync::Arc;

use super::write_set::Op;
use super::StoreError;
use pool::Pool;

pub(crate) struct PgStore {
    pool: Arc<Pool>,
    leases: lease::Leases,
}

/// `postgres://user:secret@host/db` as `postgres://user:…@host/db`, for messages and logs.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{scheme}://{name}:…@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

impl PgStore {
    /// Connects, applies the SQL migrations and checks the key layout.
    pub(crate) fn open(url: &str, connections: usize, layout: u32) -> Result<PgStore, StoreError> {
        let pool = Arc::new(Pool::start(url, connections));
        let place = format!("database {}", redact_url(url));
        match pool.run(move |c| schema::migrate(c, layout))? {
            schema::Outcome::Ready => Ok(PgStore {
                leases: lease::Leases::new(url),
                pool,
            }),
            schema::Outcome::TooNew {
                sql,
                found,
                supported,
            } => Err(StoreError::SchemaTooNew {
                place: if sql {
                    format!("{place} (SQL schema)")
                } else {
                    place
                },
                found,
                supported,
            }),
            schema::Outcome::OldLayout(found) => Err(StoreError::Migration {
                from: found,
                message: format!("{place} holds key layout {found}; postgres stores start at {layout} and have no older layout to migrate from"),
            }),
        }
    }

    pub(crate) fn url(&self) -> &str {
        self.pool.url()
    }

    /// NOTIFY `channel` (an SQL identifier) with `payload` (under 8000 bytes).
    pub(crate) fn announce(
        &self,
        channel: &'static str,
        payload: String,
    ) -> Result<(), StoreError> {
        self.pool.run(move |c| {
            c.client
                .execute("SELECT pg_notify($1, $2)", &[&channel, &payload])
                .map(|_| ())
        })
    }

    pub(crate) fn listen(&self, channel: &'static str) -> crossbeam_channel::Receiver<String> {
        notify::listen(self.pool.url(), channel)
    }

    pub(crate) fn hold(&self, name: &str) -> Result<Lease, StoreError> {
        self.leases.hold(name)
    }

    pub(crate) fn tree(&self, name: &str) -> PgTree {
        PgTree::new(self.pool.clone(), name)
    }

    pub(crate) fn next_id(&self) -> Result<u64, StoreError> {
        let id: i64 = self.pool.run(|c| {
            Ok(c.client
                .query_one("SELECT nextval('kefu_ids')", &[])?
                .get(0))
        })?;
        Ok(id as u64)
    }

    /// Makes the next [`Self::next_id`] at least `next` (a migration from sled keeps its
    /// ids increasing).
    pub(crate) fn raise_next_id(&self, next: u64) -> Result<(), StoreError> {
        let next = i64::try_from(next).map_err(|_| StoreError::Encode("id over i64".into()))?;
        self.pool.run(move |c| {
            c.client.query_one(
                "SELECT setval('kefu_ids', greatest($1, (SELECT last_value FROM kefu_ids)), true)",
                &[&next],
            )?;
            Ok(())
        })
    }

    /// Names of the trees holding at least one entry (a skip scan over the primary key).
    pub(crate) fn tree_names(&self) -> Result<Vec<String>, StoreError> {
        self.pool.run(|c| {
            let rows = c.client.query(
                "WITH RECURSIVE t AS ( \
                   SELECT min(tree) AS tree FROM kv \
                   UNION ALL \
                   SELECT (SELECT min(tree) FROM kv WHERE kv.tree > t.tree) FROM t WHERE t.tree IS NOT NULL) \
                 SELECT tree FROM t WHERE tree IS NOT NULL",
                &[],
            )?;
            Ok(rows.into_iter().map(|r| r.get(0)).collect())
        })
    }

    pub(crate) fn layout_version(&self) -> Result<u32, StoreError> {
        self.meta(schema::LAYOUT_KEY)
            .map(|v| v.unwrap_or(0).max(0) as u32)
    }

    pub(crate) fn meta(&self, name: &'static str) -> Result<Option<i64>, StoreError> {
        self.pool.run(move |c| {
            Ok(c.client
                .query_opt("SELECT value FROM meta WHERE name = $1", &[&name])?
                .map(|r| r.get(0)))
        })
    }

    /// One transaction: every op, in order, or none.
    pub(crate) fn commit(&self, trees: Vec<String>, ops: Vec<Op>) -> Result<(), StoreError> {
        self.pool.run(move |c| {
            let upsert = c.statement(tree::UPSERT)?;
            let delete = c.statement(tree::DELETE)?;
            let mut tx = c.client.transaction()?;
            for (i, key, value) in &ops {
                let tree = trees[*i].as_str();
                match value {
                    Some(v) => tx.execute(&upsert, &[&tree, key, v])?,
                    None => tx.execute(&delete, &[&tree, key])?,
                };
            }
            tx.commit()
        })
    }
}

#[cfg(test)]
impl PgStore {
    pub(crate) fn count_for_test(&self, sql: &'static str) -> i64 {
        self.pool
            .run(move |c| Ok(c.client.query_one(sql, &[])?.get(0)))
            .unwrap()
    }

    pub(crate) fn execute_for_test(&self, sql: String) {
        self.pool
            .run(move |c| c.client.batch_execute(&sql))
            .unwrap();
    }
}
