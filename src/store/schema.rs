use std::path::Path;

use super::StoreError;

/// The layout this build writes. Bump it and add a [`Migration`] when a stored type changes.
pub const SCHEMA_VERSION: u32 = 3;

/// Upgrades a data directory from `from` to `from + 1`.
pub struct Migration {
    pub from: u32,
    pub run: fn(&sled::Db) -> Result<(), String>,
}

/// Migrations in order.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        run: super::migrate_v2::run,
    },
    Migration {
        from: 2,
        run: three::migrate,
    },
];

/// Schema 3: session log keys carry the session id's length; handed-off sessions have an
/// index. The trees are named here, not imported: a migration is a fixed step on bytes,
/// and the modules that own the trees may change after it.
mod three {
    const SESSION_LOG: &str = "transport.session_log";
    const TRACKERS: &str = "dialogue.trackers";
    const HANDOFFS: &str = "dialogue.handoffs";

    pub(super) fn migrate(db: &sled::Db) -> Result<(), String> {
        session_log_keys(db).map_err(|e| format!("{SESSION_LOG}: {e}"))?;
        handoff_index(db).map_err(|e| format!("{HANDOFFS}: {e}"))?;
        db.flush().map_err(|e| e.to_string())?;
        Ok(())
    }

    /// `session ‖ 0 ‖ seq(8)` becomes `len(session) as u16 ‖ session ‖ seq(8)`. The old
    /// key is read from its end (the seq and the 0 before it are fixed), so an id holding
    /// NUL bytes is still split where it was written. The whole rewrite is one batch.
    fn session_log_keys(db: &sled::Db) -> Result<(), String> {
        let tree = db.open_tree(SESSION_LOG).map_err(|e| e.to_string())?;
        let mut batch = sled::Batch::default();
        for entry in tree.iter() {
            let (key, value) = entry.map_err(|e| e.to_string())?;
            let Some(split) = key.len().checked_sub(9).filter(|i| key[*i] == 0) else {
                return Err(format!("a key of {} bytes is not session‖0‖seq", key.len()));
            };
            let (session, seq) = (&key[..split], &key[split + 1..]);
            let len = u16::try_from(session.len()).map_err(|_| "a session id over 64 KiB")?;
            let mut new = len.to_be_bytes().to_vec();
            new.extend_from_slice(session);
            new.extend_from_slice(seq);
            batch.remove(key);
            batch.insert(new, value);
        }
        tree.apply_batch(batch).map_err(|e| e.to_string())
    }

    /// Sessions whose tracker says a person has them, indexed by session id.
    fn handoff_index(db: &sled::Db) -> Result<(), String> {
        let trackers = db.open_tree(TRACKERS).map_err(|e| e.to_string())?;
        let index = db.open_tree(HANDOFFS).map_err(|e| e.to_string())?;
        for entry in trackers.iter() {
            let (key, value) = entry.map_err(|e| e.to_string())?;
            let tracker: serde_json::Value =
                serde_json::from_slice(&value).map_err(|e| e.to_string())?;
            if tracker.get("handoff").and_then(|h| h.as_str()) == Some("with_agent") {
                index.insert(key, b"null").map_err(|e| e.to_string())?;
            }
        }
        Ok(())
    }
}

const MARKER: &str = "SCHEMA";
pub(crate) const META_TREE: &str = "__meta";
const VERSION_KEY: &[u8] = b"schema_version";

pub(crate) fn read_marker(dir: &Path) -> Result<Option<u32>, StoreError> {
    let path = dir.join(MARKER);
    match std::fs::read_to_string(&path) {
        Ok(text) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| StoreError::Decode {
                tree: MARKER.into(),
                message: format!("{} does not hold a schema number: {text:?}", path.display()),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(StoreError::Io { path, source }),
    }
}

pub(crate) fn stored_version(db: &sled::Db) -> Result<Option<u32>, StoreError> {
    let meta = db.open_tree(META_TREE)?;
    Ok(meta.get(VERSION_KEY)?.map(|v| {
        let mut b = [0u8; 4];
        b.copy_from_slice(&v[..4]);
        u32::from_be_bytes(b)
    }))
}

fn write_version(db: &sled::Db, dir: &Path, version: u32) -> Result<(), StoreError> {
    db.open_tree(META_TREE)?
        .insert(VERSION_KEY, &version.to_be_bytes())?;
    db.flush()?;
    let path = dir.join(MARKER);
    std::fs::write(&path, format!("{version}\n")).map_err(|source| StoreError::Io { path, source })
}

pub(crate) fn migrate(
    db: &sled::Db,
    dir: &Path,
    marker: Option<u32>,
    current: u32,
    migrations: &[Migration],
) -> Result<(), StoreError> {
    let stored = stored_version(db)?.or(marker);
    let mut version = match stored {
        Some(v) => v,
        // A brand-new directory starts at the current schema.
        None => {
            write_version(db, dir, current)?;
            return Ok(());
        }
    };
    if version > current {
        return Err(StoreError::SchemaTooNew {
            place: format!("data directory {}", dir.display()),
            found: version,
            supported: current,
        });
    }
    while version < current {
        let step = migrations
            .iter()
            .find(|m| m.from == version)
            .ok_or_else(|| StoreError::Migration {
                from: version,
                message: format!("no migration from schema {version} to {}", version + 1),
            })?;
        tracing::info!(from = version, to = version + 1, "migrating data directory");
        (step.run)(db).map_err(|message| StoreError::Migration {
            from: version,
            message,
        })?;
        version += 1;
        write_version(db, dir, version)?;
    }
    if marker != Some(current) {
        write_version(db, dir, current)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// A version-1 directory, closed again: no flusher thread is left holding its lock.
    fn version_one(dir: &std::path::Path) {
        let store = Store::open_configured(dir, 1, &[], false).unwrap();
        store.flush().unwrap();
    }

    fn add_marker(db: &sled::Db) -> Result<(), String> {
        db.open_tree("things")
            .and_then(|t| t.insert("migrated", "yes"))
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn older_directories_are_migrated_in_order() {
        let dir = tempfile::tempdir().unwrap();
        version_one(dir.path());
        let migrations = [Migration {
            from: 1,
            run: add_marker,
        }];
        let store = Store::open_with(dir.path(), 2, &migrations).unwrap();
        assert_eq!(store.schema_version().unwrap(), 2);
        assert_eq!(read_marker(dir.path()).unwrap(), Some(2));
        let t = store.sled_db().unwrap().open_tree("things").unwrap();
        assert_eq!(t.get("migrated").unwrap().as_deref(), Some(&b"yes"[..]));
    }

    /// A schema-1 directory with two sessions, one of whose id extends the other's with a
    /// NUL, and a handed-off tracker: after opening (schema 2's indexes, then schema 3's
    /// keys), each session's frames are its own and
    /// the handoff is indexed.
    #[test]
    fn schema_one_session_logs_and_handoffs_are_migrated() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open_configured(dir.path(), 1, &[], false).unwrap();
            let log = store
                .sled_db()
                .unwrap()
                .open_tree("transport.session_log")
                .unwrap();
            let old_key = |session: &[u8], seq: u64| {
                let mut k = session.to_vec();
                k.push(0);
                k.extend_from_slice(&seq.to_be_bytes());
                k
            };
            log.insert(old_key(b"S", 1), &b"{\"a\":1}"[..]).unwrap();
            log.insert(old_key(b"S\0x", 2), &b"{\"b\":2}"[..]).unwrap();
            log.insert(old_key(b"S", 3), &b"{\"c\":3}"[..]).unwrap();
            let trackers = store
                .sled_db()
                .unwrap()
                .open_tree("dialogue.trackers")
                .unwrap();
            trackers
                .insert(
                    "waiting",
                    &br#"{"session":"waiting","handoff":"with_agent"}"#[..],
                )
                .unwrap();
            trackers
                .insert("calm", &br#"{"session":"calm","handoff":"none"}"#[..])
                .unwrap();
            store.flush().unwrap();
        }
        let store = Store::open_configured(dir.path(), SCHEMA_VERSION, MIGRATIONS, false).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let log = store
            .sled_db()
            .unwrap()
            .open_tree("transport.session_log")
            .unwrap();
        let keys: Vec<Vec<u8>> = log.iter().keys().map(|k| k.unwrap().to_vec()).collect();
        let new_key = |session: &[u8], seq: u64| {
            let mut k = (session.len() as u16).to_be_bytes().to_vec();
            k.extend_from_slice(session);
            k.extend_from_slice(&seq.to_be_bytes());
            k
        };
        assert_eq!(
            keys,
            vec![new_key(b"S", 1), new_key(b"S", 3), new_key(b"S\0x", 2)]
        );
        assert_eq!(
            log.get(new_key(b"S\0x", 2)).unwrap().unwrap(),
            &b"{\"b\":2}"[..]
        );
        let index = store
            .sled_db()
            .unwrap()
            .open_tree("dialogue.handoffs")
            .unwrap();
        let indexed: Vec<Vec<u8>> = index.iter().keys().map(|k| k.unwrap().to_vec()).collect();
        assert_eq!(indexed, vec![b"waiting".to_vec()]);
    }

    #[test]
    fn a_missing_migration_is_an_error_not_a_silent_bump() {
        let dir = tempfile::tempdir().unwrap();
        version_one(dir.path());
        let err = Store::open_with(dir.path(), 3, &[]).err().unwrap();
        assert!(
            matches!(err, StoreError::Migration { from: 1, .. }),
            "{err}"
        );
    }
}
