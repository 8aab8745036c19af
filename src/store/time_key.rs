//! Keys that sort by time: an instant as 8 big-endian bytes (milliseconds since the epoch,
//! sign bit flipped so instants before 1970 sort first), optionally followed by a seq so
//! two records of the same millisecond keep distinct keys.

use chrono::{DateTime, Utc};

/// The 8-byte time prefix of `at`.
pub fn time_key(at: DateTime<Utc>) -> [u8; 8] {
    ((at.timestamp_millis() as u64) ^ (1 << 63)).to_be_bytes()
}

/// `time_key(at)` followed by `seq`: the key of one record in a time index.
pub fn time_seq_key(at: DateTime<Utc>, seq: u64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&time_key(at));
    k[8..].copy_from_slice(&seq.to_be_bytes());
    k
}

/// The seq at the end of a [`time_seq_key`].
pub fn seq_of(key: &[u8]) -> Option<u64> {
    let tail: [u8; 8] = key.get(8..16)?.try_into().ok()?;
    Some(u64::from_be_bytes(tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_as_the_instants_do() {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let instants = [
            t("1900-01-01T00:00:00Z"),
            t("1969-12-31T23:59:59.999Z"),
            t("1970-01-01T00:00:00Z"),
            t("2026-03-01T10:00:00Z"),
            t("2026-03-01T10:00:00.001Z"),
            t("9999-12-31T23:59:59Z"),
        ];
        for w in instants.windows(2) {
            assert!(time_key(w[0]) < time_key(w[1]), "{} vs {}", w[0], w[1]);
        }
        let k = time_seq_key(instants[3], 42);
        assert_eq!(seq_of(&k), Some(42));
        assert!(time_seq_key(instants[3], 41) < k);
        assert!(k < time_seq_key(instants[4], 0));
    }
}
