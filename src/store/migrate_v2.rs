//! Schema 1 → 2: the time indexes and retention ages.
//!
//! - `behavior.event_ids`: ids get their source's namespace. Schema 1 did not tell the
//!   shop's backend from the socket, so every stored id becomes a backend id (`b\0<id>`):
//!   the backend's retries stay idempotent.
//! - `behavior.events_by_time`, `behavior.turns_by_time` (at ++ seq),
//!   `behavior.events_by_reply` (reply ++ 0 ++ seq) and `behavior.events_by_shopper`,
//!   `behavior.turns_by_shopper` (session or user ++ 0 ++ seq) are built from the logs.
//! - Retention ages: profiles by their `as_of`; session logs and trackers, which hold no
//!   dates of their own, count as active on the day of the upgrade.
//!
//! The stored values are read as plain JSON, so this step does not depend on today's
//! types; the tree names are the ones behavior/log.rs, transport/session_log.rs and
//! dialogue/tracker.rs open.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::age_index::AgeIndex;
use super::time_key::time_seq_key;

/// What an index entry holds (`()` as the typed trees encode it).
const NOTHING: &[u8] = b"null";

fn json(bytes: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("a stored value is not JSON: {e}"))
}

fn instant(v: &Value, field: &str) -> Result<DateTime<Utc>, String> {
    v.get(field)
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("a stored record has no valid `{field}`"))
}

/// `name ++ 0 ++ seq` under the record's session and (if other) its user.
fn index_by_shopper(index: &sled::Tree, record: &Value, seq: u64) -> Result<(), sled::Error> {
    let mut names: Vec<&str> = Vec::new();
    for field in ["session", "user"] {
        if let Some(name) = record.get(field).and_then(Value::as_str) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    for name in names {
        let mut k = name.as_bytes().to_vec();
        k.push(0);
        k.extend_from_slice(&seq.to_be_bytes());
        index.insert(k, NOTHING)?;
    }
    Ok(())
}

fn seq_from_key(key: &[u8]) -> Result<u64, String> {
    key.try_into()
        .map(u64::from_be_bytes)
        .map_err(|_| "a log key is not an 8-byte seq".to_string())
}

pub(crate) fn run(db: &sled::Db) -> Result<(), String> {
    step(db).map_err(|e| e.to_string())?
}

fn step(db: &sled::Db) -> Result<Result<(), String>, sled::Error> {
    let ids = db.open_tree("behavior.event_ids")?;
    for item in ids.iter() {
        let (key, seq) = item?;
        if key.starts_with(b"b\0") || key.starts_with(b"s\0") {
            continue;
        }
        let mut renamed = b"b\0".to_vec();
        renamed.extend_from_slice(&key);
        ids.insert(renamed, seq)?;
        ids.remove(key)?;
    }

    let by_time = db.open_tree("behavior.events_by_time")?;
    let by_reply = db.open_tree("behavior.events_by_reply")?;
    let events_by_shopper = db.open_tree("behavior.events_by_shopper")?;
    for item in db.open_tree("behavior.events")?.iter() {
        let (key, value) = item?;
        let (seq, event) = match (seq_from_key(&key), json(&value)) {
            (Ok(s), Ok(e)) => (s, e),
            (Err(m), _) | (_, Err(m)) => return Ok(Err(m)),
        };
        let at = match instant(&event, "at") {
            Ok(at) => at,
            Err(m) => return Ok(Err(m)),
        };
        by_time.insert(time_seq_key(at, seq), NOTHING)?;
        index_by_shopper(&events_by_shopper, &event, seq)?;
        let kind = event.get("kind").and_then(Value::as_str);
        if let (Some("click" | "thumb"), Some(reply)) =
            (kind, event.get("reply_id").and_then(Value::as_str))
        {
            let mut k = reply.as_bytes().to_vec();
            k.push(0);
            k.extend_from_slice(&seq.to_be_bytes());
            by_reply.insert(k, NOTHING)?;
        }
    }

    let turns_by_time = db.open_tree("behavior.turns_by_time")?;
    let turns_by_shopper = db.open_tree("behavior.turns_by_shopper")?;
    for item in db.open_tree("behavior.turns")?.iter() {
        let (key, value) = item?;
        let parsed = seq_from_key(&key).and_then(|s| {
            let turn = json(&value)?;
            let at = instant(&turn, "at")?;
            Ok((s, turn, at))
        });
        match parsed {
            Ok((seq, turn, at)) => {
                turns_by_time.insert(time_seq_key(at, seq), NOTHING)?;
                index_by_shopper(&turns_by_shopper, &turn, seq)?;
            }
            Err(m) => return Ok(Err(m)),
        }
    }

    let profiles = AgeIndex::from_db(db, "behavior.profiles")?;
    for item in db.open_tree("behavior.profiles")?.iter() {
        let (key, value) = item?;
        match json(&value).and_then(|p| instant(&p, "as_of")) {
            Ok(as_of) => {
                if let Err(e) = profiles.touch(&key, as_of) {
                    return Ok(Err(e.to_string()));
                }
            }
            Err(m) => return Ok(Err(m)),
        }
    }

    let now = Utc::now();
    let logs = AgeIndex::from_db(db, "transport.session_log")?;
    for item in db.open_tree("transport.session_log")?.iter() {
        let (key, _) = item?;
        // session ++ 0 ++ seq (8 bytes)
        if let Some(end) = key.len().checked_sub(9) {
            if let Err(e) = logs.touch(&key[..end], now) {
                return Ok(Err(e.to_string()));
            }
        }
    }
    let trackers = AgeIndex::from_db(db, "dialogue.trackers")?;
    for item in db.open_tree("dialogue.trackers")?.iter() {
        let (key, _) = item?;
        if let Err(e) = trackers.touch(&key, now) {
            return Ok(Err(e.to_string()));
        }
    }
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{time_key, Store, SCHEMA_VERSION};

    /// A schema 1 directory as kefu 0.1 left it: raw ids, no indexes.
    fn schema_one(dir: &std::path::Path) {
        let store = Store::open_configured(dir, 1, &[], false).unwrap();
        let db = store.sled_db().unwrap();
        let events = db.open_tree("behavior.events").unwrap();
        events
            .insert(
                5u64.to_be_bytes(),
                br#"{"seq":5,"id":"e-1","session":"s1","at":"2026-03-01T10:00:00Z","received":"2026-03-01T10:00:01Z","kind":"thumb","reply_id":"r-9","up":true}"#.as_slice(),
            )
            .unwrap();
        db.open_tree("behavior.event_ids")
            .unwrap()
            .insert("e-1", b"5".as_slice())
            .unwrap();
        db.open_tree("behavior.turns")
            .unwrap()
            .insert(
                7u64.to_be_bytes(),
                br#"{"seq":7,"session":"s1","user":"u1","at":"2026-03-01T09:59:00Z"}"#.as_slice(),
            )
            .unwrap();
        db.open_tree("behavior.profiles")
            .unwrap()
            .insert("s:s1", br#"{"as_of":"2026-03-01T10:00:00Z"}"#.as_slice())
            .unwrap();
        let mut log_key = b"s1\0".to_vec();
        log_key.extend_from_slice(&3u64.to_be_bytes());
        db.open_tree("transport.session_log")
            .unwrap()
            .insert(log_key, b"{}".as_slice())
            .unwrap();
        db.open_tree("dialogue.trackers")
            .unwrap()
            .insert("s1", b"{}".as_slice())
            .unwrap();
        store.flush().unwrap();
    }

    #[test]
    fn a_schema_one_directory_gets_its_indexes() {
        let dir = tempfile::tempdir().unwrap();
        schema_one(dir.path());
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let db = store.sled_db().unwrap();
        let ids = db.open_tree("behavior.event_ids").unwrap();
        assert!(ids.get("e-1").unwrap().is_none());
        assert_eq!(ids.get(b"b\0e-1").unwrap().as_deref(), Some(&b"5"[..]));
        let at: DateTime<Utc> = "2026-03-01T10:00:00Z".parse().unwrap();
        let by_time = db.open_tree("behavior.events_by_time").unwrap();
        assert!(by_time.get(time_seq_key(at, 5)).unwrap().is_some());
        let mut reply = b"r-9\0".to_vec();
        reply.extend_from_slice(&5u64.to_be_bytes());
        assert!(db
            .open_tree("behavior.events_by_reply")
            .unwrap()
            .get(reply)
            .unwrap()
            .is_some());
        let shopper = |tree: &str, name: &str, seq: u64| {
            let mut k = name.as_bytes().to_vec();
            k.push(0);
            k.extend_from_slice(&seq.to_be_bytes());
            db.open_tree(tree).unwrap().get(k).unwrap().is_some()
        };
        assert!(shopper("behavior.events_by_shopper", "s1", 5));
        assert!(shopper("behavior.turns_by_shopper", "s1", 7));
        assert!(shopper("behavior.turns_by_shopper", "u1", 7));
        let turns = db.open_tree("behavior.turns_by_time").unwrap();
        let first = turns.iter().next().unwrap().unwrap().0;
        assert_eq!(
            &first[..8],
            &time_key("2026-03-01T09:59:00Z".parse().unwrap())[..]
        );
        assert!(AgeIndex::open(&store, "behavior.profiles")
            .unwrap()
            .last_day(b"s:s1")
            .unwrap()
            .is_some());
        for name in ["transport.session_log", "dialogue.trackers"] {
            let index = AgeIndex::open(&store, name).unwrap();
            assert_eq!(
                index.last_day(b"s1").unwrap(),
                Some(crate::store::day_of(Utc::now()))
            );
        }
    }
}
