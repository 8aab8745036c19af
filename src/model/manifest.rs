use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

use super::ModelError;

/// SHA-256 of every file of the default encoder, as kept in the repo.
pub const DEFAULT_MANIFEST: &str = include_str!("../../models/all-MiniLM-L6-v2.sha256");

/// `sha256sum`-style lines: `<hex>  <file name>`.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub entries: Vec<(String, String)>,
}

impl Manifest {
    pub fn parse(text: &str) -> Manifest {
        let entries = text
            .lines()
            .filter_map(|l| {
                let mut parts = l.split_whitespace();
                Some((parts.next()?.to_string(), parts.next()?.to_string()))
            })
            .map(|(hash, file)| (file, hash))
            .collect();
        Manifest { entries }
    }

    pub fn default_encoder() -> Manifest {
        Self::parse(DEFAULT_MANIFEST)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    Ok,
    Missing,
    /// Present but its hash differs (corrupt, truncated, or another model).
    Mismatch {
        actual: String,
    },
}

pub(crate) fn sha256_file(path: &Path) -> Result<String, ModelError> {
    let mut file = std::fs::File::open(path).map_err(|e| ModelError::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).map_err(|e| ModelError::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Checks every manifest file in `dir`.
pub fn verify(dir: &Path, manifest: &Manifest) -> Result<Vec<(String, FileStatus)>, ModelError> {
    manifest
        .entries
        .iter()
        .map(|(file, expected)| {
            let path = dir.join(file);
            let status = if !path.exists() {
                FileStatus::Missing
            } else {
                let actual = sha256_file(&path)?;
                if &actual == expected {
                    FileStatus::Ok
                } else {
                    FileStatus::Mismatch { actual }
                }
            };
            Ok((file.clone(), status))
        })
        .collect()
}
