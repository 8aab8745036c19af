//! The trained artifact: a small folder holding adapter + head weights (adapter.safetensors),
//! label maps (labels.json) and meta.json (base id and hash, data hash, hyperparameters,
//! metrics, training time, and the adapter file's own hash so truncation is caught).
//! An ensemble (ensemble.rs) adds further adapter files, each listed in meta.json with its
//! own hash, seed and scores; the model averages them all.

use candle_core::{Device, Tensor};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::base::{sha256_file, BaseModel};
use super::bert::{Bert, FixedParams};
use super::config::{default_threads, Engine};
use super::heads::{Heads, Member, NluModel};
use super::labels::Labels;
use super::metrics::Summary;
use super::tokenize::TextTokenizer;
use super::train::{EpochStats, TrainParams, Trainer};
use super::warm_start::StartedFrom;
use super::weights::Checkpoint;
use super::NluError;

pub const ADAPTER_FILE: &str = "adapter.safetensors";
pub const LABELS_FILE: &str = "labels.json";
pub const META_FILE: &str = "meta.json";
const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArtifactMeta {
    pub format: u32,
    pub kefu_version: String,
    /// The base checkpoint's folder name, and the SHA-256 of its model.safetensors.
    pub base_id: String,
    pub base_sha256: String,
    /// SHA-256 of the training data files' bytes (in file order).
    pub data_sha256: String,
    pub data_files: Vec<String>,
    pub train_examples: usize,
    pub dev_examples: usize,
    pub params: TrainParams,
    pub seed: u64,
    pub history: Vec<EpochStats>,
    pub dev_metrics: Option<Summary>,
    pub test_metrics: Option<Summary>,
    pub train_seconds: f64,
    pub adapter_sha256: String,
    pub trainable_parameters: usize,
    pub created_at: String,
    /// Further members averaged with adapter.safetensors, for an ensemble (the fields above
    /// describe the first member, except `test_metrics`: the whole ensemble's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ensemble: Vec<EnsembleMember>,
    /// The weights this model continued from (`kefu train --from`); none when trained afresh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_from: Option<StartedFrom>,
    /// The model whose parses this one was trained towards (`kefu train --distil-from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distilled_from: Option<DistilledFrom>,
    /// The ensemble whose members this model merges (`kefu merge`), before any training.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_from: Option<super::merge::MergedFrom>,
}

/// Recorded in meta.json: the teacher of a distilled model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistilledFrom {
    /// The teacher's folder as given, its first adapter's hash and how many members it averages.
    pub model: String,
    pub adapter_sha256: String,
    pub members: usize,
    /// The teacher's share of the loss.
    pub weight: f64,
}

/// One further member of an ensemble: its adapter file in the artifact folder, and the
/// meta.json it was trained with (its hash, recipe, seed, history and its own scores).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnsembleMember {
    pub adapter: String,
    pub meta: Box<ArtifactMeta>,
}

impl ArtifactMeta {
    pub fn read(dir: &Path) -> Result<Self, NluError> {
        let path = dir.join(META_FILE);
        let raw = std::fs::read_to_string(&path).map_err(|e| NluError::Artifact {
            dir: dir.to_path_buf(),
            message: format!("cannot read {META_FILE}: {e}"),
        })?;
        let meta: Self = serde_json::from_str(&raw).map_err(|e| NluError::Artifact {
            dir: dir.to_path_buf(),
            message: format!("{META_FILE} is corrupt or truncated: {e}"),
        })?;
        if meta.format != FORMAT {
            return Err(NluError::Artifact {
                dir: dir.to_path_buf(),
                message: format!(
                    "format {} is not the format {FORMAT} this kefu reads",
                    meta.format
                ),
            });
        }
        Ok(meta)
    }

    pub fn write(&self, dir: &Path) -> Result<(), NluError> {
        let path = dir.join(META_FILE);
        let json = serde_json::to_string_pretty(self).expect("meta serializes");
        std::fs::write(&path, json + "\n").map_err(|e| NluError::io(path, e))
    }
}

/// What `save` needs beyond the trainer itself.
pub struct SaveInfo<'a> {
    pub base: &'a BaseModel,
    pub data_sha256: String,
    pub data_files: Vec<String>,
    pub train_examples: usize,
    pub dev_examples: usize,
    pub history: Vec<EpochStats>,
    pub dev_metrics: Option<Summary>,
    pub test_metrics: Option<Summary>,
    pub train_seconds: f64,
    pub started_from: Option<StartedFrom>,
}

/// Writes the artifact folder for a trained model.
pub fn save(trainer: &Trainer, dir: &Path, info: SaveInfo<'_>) -> Result<ArtifactMeta, NluError> {
    std::fs::create_dir_all(dir).map_err(|e| NluError::io(dir, e))?;
    let tensors: HashMap<String, Tensor> = trainer
        .vars()
        .iter()
        .map(|(n, v)| (n.clone(), v.as_tensor().clone()))
        .collect();
    let trainable_parameters = tensors.values().map(|t| t.elem_count()).sum();
    let adapter = dir.join(ADAPTER_FILE);
    candle_core::safetensors::save(&tensors, &adapter)?;
    let labels_path = dir.join(LABELS_FILE);
    let labels = serde_json::to_string_pretty(&trainer.model.labels).expect("labels serialize");
    std::fs::write(&labels_path, labels + "\n").map_err(|e| NluError::io(labels_path, e))?;
    let meta = ArtifactMeta {
        format: FORMAT,
        kefu_version: env!("CARGO_PKG_VERSION").to_string(),
        base_id: info.base.id(),
        base_sha256: info.base.weights_sha256()?,
        data_sha256: info.data_sha256,
        data_files: info.data_files,
        train_examples: info.train_examples,
        dev_examples: info.dev_examples,
        params: trainer.params().clone(),
        seed: trainer.params().seed,
        history: info.history,
        dev_metrics: info.dev_metrics,
        test_metrics: info.test_metrics,
        train_seconds: info.train_seconds,
        adapter_sha256: sha256_file(&adapter)?,
        trainable_parameters,
        created_at: chrono::Utc::now().to_rfc3339(),
        ensemble: Vec::new(),
        started_from: info.started_from,
        distilled_from: None,
        merged_from: None,
    };
    meta.write(dir)?;
    Ok(meta)
}

/// Loads an artifact onto its base. Refuses a base whose weights differ from the one it was
/// trained on, and adapter/label files that are corrupt or truncated.
pub fn load(
    dir: &Path,
    base_dir: &Path,
    device: &Device,
    threshold: f32,
    ranking_size: usize,
) -> Result<(NluModel, ArtifactMeta), NluError> {
    load_members(dir, base_dir, device, threshold, ranking_size, 0)
}

/// [`load`], building only the first `members` members of an ensemble (0: all of them;
/// `nlu.members`). Every member's file is still checked, so a damaged artifact is refused
/// whichever members run; the others are never loaded or packed.
pub fn load_members(
    dir: &Path,
    base_dir: &Path,
    device: &Device,
    threshold: f32,
    ranking_size: usize,
    members: usize,
) -> Result<(NluModel, ArtifactMeta), NluError> {
    let meta = ArtifactMeta::read(dir)?;
    let labels = read_labels(dir)?;
    let base = BaseModel::open(base_dir)?;
    check_base(dir, &meta, &base)?;
    // Loaded once: every member's encoder shares these tensors.
    let base_ck = Checkpoint::load(&base.weights_path(), device)?;
    // (adapter file, recorded hash, its LoRA shape), first member first
    let files = std::iter::once((ADAPTER_FILE, &meta.adapter_sha256, &meta.params.lora)).chain(
        meta.ensemble.iter().map(|m| {
            (
                m.adapter.as_str(),
                &m.meta.adapter_sha256,
                &m.meta.params.lora,
            )
        }),
    );
    let mut checked = Vec::new();
    for (file, sha256, lora) in files {
        if file.contains(['/', '\\']) || file.starts_with('.') {
            return Err(bad(
                dir,
                format!("ensemble member file {file:?} is not a plain file name"),
            ));
        }
        checked.push((check_file(dir, file, sha256)?, lora));
    }
    if members > 0 {
        checked.truncate(members);
    }
    let members = checked
        .into_iter()
        .map(|(adapter, lora)| {
            let adapter_ck = Checkpoint::load(&adapter, device)?;
            let mut fixed = FixedParams { ck: &adapter_ck };
            let bert = Bert::load(&base_ck, &base.config, Some((lora, &mut fixed)), device)?;
            let heads = Heads::load(&mut fixed, base.config.hidden_size, &labels)?;
            adapter_ck.check_all_used()?;
            Ok(Member::new(bert, heads))
        })
        .collect::<Result<Vec<_>, NluError>>()?;
    let tokenizer = TextTokenizer::from_file(&base.tokenizer_path(), base.config.pad_token_id)?;
    let mut model = NluModel {
        members,
        tokenizer,
        labels,
        threshold,
        ranking_size,
        vocabulary: Default::default(),
    };
    // The fast engine is the default on the CPU; a GPU runs the candle encoder.
    if device.is_cpu() {
        model.set_engine(Engine::default(), default_threads())?;
    }
    Ok((model, meta))
}

/// Writes a new artifact folder at `out` through `write`, which fills the folder it is given:
/// built beside `out` and renamed into place, so a failure midway leaves nothing behind.
/// `out` must not exist or be empty (the callers refuse anything else first).
pub(crate) fn write_staged<T>(
    out: &Path,
    write: impl FnOnce(&Path) -> Result<T, NluError>,
) -> Result<T, NluError> {
    let name = out
        .file_name()
        .ok_or_else(|| bad(out, format!("{} is not a folder name", out.display())))?;
    let staging = out.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| NluError::io(&staging, e))?;
    }
    std::fs::create_dir_all(&staging).map_err(|e| NluError::io(&staging, e))?;
    let written = match write(&staging) {
        Ok(written) => written,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if out.exists() {
        std::fs::remove_dir(out).map_err(|e| NluError::io(out, e))?;
    }
    std::fs::rename(&staging, out).map_err(|e| NluError::io(out, e))?;
    Ok(written)
}

/// Refuses a base whose weights differ from those the artifact at `dir` was trained on.
pub(crate) fn check_base(
    dir: &Path,
    meta: &ArtifactMeta,
    base: &BaseModel,
) -> Result<(), NluError> {
    let actual_sha = base.weights_sha256()?;
    if actual_sha == meta.base_sha256 {
        return Ok(());
    }
    Err(NluError::BaseMismatch {
        dir: dir.to_path_buf(),
        needed_id: meta.base_id.clone(),
        needed_sha: meta.base_sha256.clone(),
        base_dir: base.dir.clone(),
        actual_sha,
    })
}

fn bad(dir: &Path, message: String) -> NluError {
    NluError::Artifact {
        dir: dir.to_path_buf(),
        message,
    }
}

/// The artifact's label maps.
pub(crate) fn read_labels(dir: &Path) -> Result<Labels, NluError> {
    let raw = std::fs::read_to_string(dir.join(LABELS_FILE))
        .map_err(|e| bad(dir, format!("cannot read {LABELS_FILE}: {e}")))?;
    serde_json::from_str(&raw)
        .map_err(|e| bad(dir, format!("{LABELS_FILE} is corrupt or truncated: {e}")))
}

/// The path of `file` in the artifact, once its bytes hash to what meta.json records.
pub(crate) fn check_file(dir: &Path, file: &str, sha256: &str) -> Result<PathBuf, NluError> {
    let path = dir.join(file);
    if !path.is_file() {
        return Err(bad(dir, format!("{file} is missing")));
    }
    let actual = sha256_file(&path)?;
    if actual != sha256 {
        return Err(bad(
            dir,
            format!("{file} is corrupt or truncated (sha256 {actual}, meta.json records {sha256})"),
        ));
    }
    Ok(path)
}

/// Whether the data at `data` (a file or folder, e.g. knowledge/nlu) is what the artifact
/// was trained on: true when its hash equals the one meta.json records.
pub fn data_is_current(artifact_dir: &Path, data: &Path) -> Result<bool, NluError> {
    let meta = ArtifactMeta::read(artifact_dir)?;
    Ok(super::data::data_sha256(data)? == meta.data_sha256)
}

/// Whether the files the artifact was trained on (as meta.json lists them, relative to the
/// working directory) still hash to the recorded value; None when one of them is gone.
pub fn training_data_is_current(artifact_dir: &Path) -> Result<Option<bool>, NluError> {
    use sha2::{Digest, Sha256};
    let meta = ArtifactMeta::read(artifact_dir)?;
    let mut hasher = Sha256::new();
    for f in &meta.data_files {
        match std::fs::read(f) {
            Ok(bytes) => hasher.update(&bytes),
            Err(_) => return Ok(None),
        }
    }
    Ok(Some(hex::encode(hasher.finalize()) == meta.data_sha256))
}
