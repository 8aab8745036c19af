//! Ensembles: models trained by one recipe on the same data with different seeds, packed
//! into one artifact whose parse averages them (heads.rs). One run of the shipped recipe
//! lands anywhere within about 1.7 points of test slot F1 (docs/nlu.md, "Runs"); averaging
//! runs takes the spread out and adds more on top, at one encoder pass per member.

use std::path::{Path, PathBuf};

use super::artifact::{
    self, check_file, read_labels, ArtifactMeta, EnsembleMember, ADAPTER_FILE, LABELS_FILE,
};
use super::labels::Labels;
use super::NluError;

/// Writes an ensemble artifact at `out` from single-model artifacts: the first member's
/// adapter and meta as they are, each further member as `adapter.<n>.safetensors` listed
/// in meta.json. `test_metrics` is left empty for the caller to score and record. Refuses
/// members that disagree on base, data or labels, corrupt members, and a non-empty `out`;
/// on any failure `out` is left as it was.
pub fn combine(members: &[PathBuf], out: &Path) -> Result<ArtifactMeta, NluError> {
    if members.len() < 2 {
        return Err(NluError::Ensemble(format!(
            "it needs two members or more, got {}",
            members.len()
        )));
    }
    if out.exists() && !is_empty_dir(out)? {
        return Err(NluError::Ensemble(format!(
            "{} already holds files; choose a new folder",
            out.display()
        )));
    }
    let read: Vec<(ArtifactMeta, Labels)> = members
        .iter()
        .map(|dir| read_member(dir))
        .collect::<Result<_, _>>()?;
    let (first, first_labels) = &read[0];
    for (dir, (meta, labels)) in members.iter().zip(&read).skip(1) {
        let (this, that) = (dir.display(), members[0].display());
        if meta.base_sha256 != first.base_sha256 {
            return Err(NluError::Ensemble(format!(
                "{this} was trained on another base than {that}"
            )));
        }
        if meta.data_sha256 != first.data_sha256 {
            return Err(NluError::Ensemble(format!(
                "{this} was trained on other data (sha256 {}) than {that} ({})",
                &meta.data_sha256[..12],
                &first.data_sha256[..12]
            )));
        }
        if labels != first_labels {
            return Err(NluError::Ensemble(format!(
                "{this} has other intents or slot types than {that}"
            )));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (dir, (meta, _)) in members.iter().zip(&read) {
        if !seen.insert(&meta.adapter_sha256) {
            return Err(NluError::Ensemble(format!(
                "{} is the same model as an earlier member",
                dir.display()
            )));
        }
    }

    artifact::write_staged(out, |staging| write_members(members, &read, staging))
}

fn write_members(
    members: &[PathBuf],
    read: &[(ArtifactMeta, Labels)],
    staging: &Path,
) -> Result<ArtifactMeta, NluError> {
    let copy = |from: &Path, to: &Path| {
        std::fs::copy(from, to)
            .map(|_| ())
            .map_err(|e| NluError::io(from, e))
    };
    copy(&members[0].join(ADAPTER_FILE), &staging.join(ADAPTER_FILE))?;
    copy(&members[0].join(LABELS_FILE), &staging.join(LABELS_FILE))?;
    let mut meta = read[0].0.clone();
    for (n, (dir, (m, _))) in members.iter().zip(read).enumerate().skip(1) {
        let file = format!("adapter.{}.safetensors", n + 1);
        copy(&dir.join(ADAPTER_FILE), &staging.join(&file))?;
        meta.ensemble.push(EnsembleMember {
            adapter: file,
            meta: Box::new(m.clone()),
        });
    }
    meta.test_metrics = None;
    meta.write(staging)?;
    Ok(meta)
}

/// A member's meta and labels, after checking it is a whole single model.
fn read_member(dir: &Path) -> Result<(ArtifactMeta, Labels), NluError> {
    let meta = ArtifactMeta::read(dir)?;
    if !meta.ensemble.is_empty() {
        return Err(NluError::Ensemble(format!(
            "{} is an ensemble already; list its source models instead",
            dir.display()
        )));
    }
    check_file(dir, ADAPTER_FILE, &meta.adapter_sha256)?;
    Ok((meta, read_labels(dir)?))
}

fn is_empty_dir(dir: &Path) -> Result<bool, NluError> {
    let mut entries = std::fs::read_dir(dir).map_err(|e| NluError::io(dir, e))?;
    Ok(entries.next().is_none())
}
