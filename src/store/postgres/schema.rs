//! The SQL schema, versioned by the files under migrations/postgres/ (applied in order at
//! start, each in its own transaction, under an advisory lock so replicas starting together
//! take turns), and the key layout version in `meta` — the number a sled directory keeps
//! in its SCHEMA file. A database written by a newer kefu, by either number, is refused
//! and left as it was.

use super::pool::Conn;

/// (version, file name, SQL), in order. A new file gets the next number and a line here.
const MIGRATIONS: &[(i32, &str, &str)] = &[(
    1,
    "0001_kv.sql",
    include_str!("../../../migrations/postgres/0001_kv.sql"),
)];

/// The SQL schema this build knows.
pub(crate) fn latest() -> i32 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Held while migrating: any number unlikely to be used by another program on the database.
const MIGRATION_LOCK: i64 = 0x6b65_6675_0000_0001;
pub(crate) const LAYOUT_KEY: &str = "layout_version";

pub(crate) enum Outcome {
    Ready,
    /// The database's SQL schema (`sql: true`) or key layout is newer than this build's.
    TooNew {
        sql: bool,
        found: u32,
        supported: u32,
    },
    /// An older key layout: no postgres database was ever written with one, so there is
    /// no migration for it.
    OldLayout(u32),
}

pub(crate) fn migrate(c: &mut Conn, layout: u32) -> Result<Outcome, postgres::Error> {
    c.client
        .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])?;
    let outcome = migrate_locked(c, layout);
    let unlocked = c
        .client
        .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK]);
    let outcome = outcome?;
    unlocked?;
    Ok(outcome)
}

fn migrate_locked(c: &mut Conn, layout: u32) -> Result<Outcome, postgres::Error> {
    c.client.batch_execute(
        "CREATE TABLE IF NOT EXISTS kefu_migrations (
             version    integer PRIMARY KEY,
             name       text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now())",
    )?;
    let applied: i32 = c
        .client
        .query_one("SELECT coalesce(max(version), 0) FROM kefu_migrations", &[])?
        .get(0);
    if applied > latest() {
        return Ok(Outcome::TooNew {
            sql: true,
            found: applied as u32,
            supported: latest() as u32,
        });
    }
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > applied) {
        tracing::info!(version, name, "applying postgres migration");
        let mut tx = c.client.transaction()?;
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO kefu_migrations (version, name) VALUES ($1, $2)",
            &[version, name],
        )?;
        tx.commit()?;
    }
    let stored: Option<i64> = c
        .client
        .query_opt("SELECT value FROM meta WHERE name = $1", &[&LAYOUT_KEY])?
        .map(|r| r.get(0));
    match stored {
        None => {
            c.client.execute(
                "INSERT INTO meta (name, value) VALUES ($1, $2)",
                &[&LAYOUT_KEY, &i64::from(layout)],
            )?;
            Ok(Outcome::Ready)
        }
        Some(v) if v > i64::from(layout) => Ok(Outcome::TooNew {
            sql: false,
            found: v as u32,
            supported: layout,
        }),
        Some(v) if v < i64::from(layout) => Ok(Outcome::OldLayout(v as u32)),
        Some(_) => Ok(Outcome::Ready),
    }
}
