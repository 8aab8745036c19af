use std::path::Path;

use super::StoreError;

/// The layout this build writes. Bump it and add a [`Migration`] when a stored type changes.
pub const SCHEMA_VERSION: u32 = 2;

/// Upgrades a data directory from `from` to `from + 1`.
pub struct Migration {
    pub from: u32,
    pub run: fn(&sled::Db) -> Result<(), String>,
}

/// Migrations in order.
pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    from: 1,
    run: super::migrate_v2::run,
}];

const MARKER: &str = "SCHEMA";
const META_TREE: &str = "__meta";
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
            dir: dir.to_path_buf(),
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
        let t = store.db.open_tree("things").unwrap();
        assert_eq!(t.get("migrated").unwrap().as_deref(), Some(&b"yes"[..]));
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
