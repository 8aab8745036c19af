//! An ensemble's members merged into one model (`kefu merge`): the starting point for
//! distilling the ensemble into one encoder pass (`kefu train --from <merged>
//! --distil-from <ensemble>`).
//!
//! Every member adds a low-rank update `scale · B·A` to the same base weights, so their
//! mean is itself one low-rank update: the members' `A` stacked and their `B` side by side
//! (rank = the sum of theirs), each `B` scaled so that the sum comes out as the mean. The
//! heads are averaged. Merged like this the model is worse than any member (the updates
//! were learned apart and do not add up: 86.5 % intent, 77.9 % slot F1 for the shipped
//! five, docs/nlu.md), but it holds every member's directions, and a few epochs towards
//! the ensemble's parses make a student far closer to the five than one member continued
//! or a student from nothing.

use candle_core::{Device, Tensor};
use std::collections::HashMap;
use std::path::Path;

use super::artifact::{
    self, check_base, check_file, read_labels, ArtifactMeta, ADAPTER_FILE, LABELS_FILE,
};
use super::base::{sha256_file, BaseModel};
use super::NluError;

/// Recorded in meta.json: the ensemble a merged model was made from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MergedFrom {
    /// The ensemble's folder as given, its first adapter's hash and its member count.
    pub model: String,
    pub adapter_sha256: String,
    pub members: usize,
}

/// Writes at `out` one model whose adapters and heads are the mean of the ensemble's at
/// `ensemble`. Refuses a single model, members of other LoRA layers, and a non-empty `out`.
pub fn merge(ensemble: &Path, base: &BaseModel, out: &Path) -> Result<ArtifactMeta, NluError> {
    let meta = ArtifactMeta::read(ensemble)?;
    check_base(ensemble, &meta, base)?;
    if meta.ensemble.is_empty() {
        return Err(NluError::Merge(format!(
            "{} is one model already; merging needs an ensemble",
            ensemble.display()
        )));
    }
    if out.exists()
        && std::fs::read_dir(out)
            .map_err(|e| NluError::io(out, e))?
            .next()
            .is_some()
    {
        return Err(NluError::Merge(format!(
            "{} already holds files; choose a new folder",
            out.display()
        )));
    }
    let members: Vec<(&str, &ArtifactMeta)> = std::iter::once((ADAPTER_FILE, &meta))
        .chain(meta.ensemble.iter().map(|m| (m.adapter.as_str(), &*m.meta)))
        .collect();
    let layers = meta.params.lora.layers;
    if let Some((file, _)) = members.iter().find(|(_, m)| m.params.lora.layers != layers) {
        return Err(NluError::Merge(format!(
            "{file} adapts other layers than the first member; only members of one LoRA shape merge"
        )));
    }
    let tensors = members
        .iter()
        .map(|(file, m)| {
            let path = check_file(ensemble, file, &m.adapter_sha256)?;
            Ok(candle_core::safetensors::load(&path, &Device::Cpu)?)
        })
        .collect::<Result<Vec<_>, NluError>>()?;
    let scales: Vec<f64> = members
        .iter()
        .map(|(_, m)| m.params.lora.alpha / m.params.lora.rank as f64)
        .collect();
    let rank: usize = members.iter().map(|(_, m)| m.params.lora.rank).sum();
    let alpha = meta.params.lora.alpha;
    let merged = merge_tensors(&tensors, &scales, alpha / rank as f64)?;

    read_labels(ensemble)?;
    artifact::write_staged(out, |dir| {
        let adapter = dir.join(ADAPTER_FILE);
        candle_core::safetensors::save(&merged, &adapter)?;
        std::fs::copy(ensemble.join(LABELS_FILE), dir.join(LABELS_FILE))
            .map_err(|e| NluError::io(ensemble.join(LABELS_FILE), e))?;
        let mut merged_meta = meta.clone();
        merged_meta.ensemble.clear();
        merged_meta.params.lora.rank = rank;
        merged_meta.params.lora.alpha = alpha;
        // The merged model's own recipe from here on: batches by length, the default since
        // December 7 (1.8× faster epochs for the same scores).
        merged_meta.params.group_by_length = true;
        merged_meta.adapter_sha256 = sha256_file(&adapter)?;
        merged_meta.trainable_parameters = merged.values().map(|t| t.elem_count()).sum();
        merged_meta.test_metrics = None;
        merged_meta.dev_metrics = None;
        merged_meta.created_at = chrono::Utc::now().to_rfc3339();
        merged_meta.merged_from = Some(MergedFrom {
            model: ensemble.display().to_string(),
            adapter_sha256: meta.adapter_sha256.clone(),
            members: members.len(),
        });
        merged_meta.write(dir)?;
        Ok(merged_meta)
    })
}

/// The members' tensors merged: `lora.*.a` stacked (rows), `lora.*.b` side by side
/// (columns) and scaled by `scale_i / (n · scale)`, everything else (the heads) averaged.
fn merge_tensors(
    members: &[HashMap<String, Tensor>],
    scales: &[f64],
    scale: f64,
) -> Result<HashMap<String, Tensor>, NluError> {
    let n = members.len() as f64;
    let first = &members[0];
    let mut merged = HashMap::new();
    for name in first.keys() {
        let parts = members
            .iter()
            .map(|m| {
                m.get(name)
                    .cloned()
                    .ok_or_else(|| NluError::Merge(format!("a member has no tensor {name}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let tensor = if name.starts_with("lora.") && name.ends_with(".a") {
            Tensor::cat(&parts, 0)?
        } else if name.starts_with("lora.") && name.ends_with(".b") {
            let scaled = parts
                .iter()
                .zip(scales)
                .map(|(b, s)| b.affine(s / (n * scale), 0.0))
                .collect::<candle_core::Result<Vec<_>>>()?;
            Tensor::cat(&scaled, 1)?
        } else {
            (Tensor::stack(&parts, 0)?.sum(0)? / n)?
        };
        merged.insert(name.clone(), tensor);
    }
    if let Some(extra) = members
        .iter()
        .flat_map(|m| m.keys())
        .find(|k| !first.contains_key(*k))
    {
        return Err(NluError::Merge(format!(
            "the first member has no tensor {extra}"
        )));
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(rows: &[&[f32]]) -> Tensor {
        let flat: Vec<f32> = rows.iter().flat_map(|r| r.iter().copied()).collect();
        Tensor::from_vec(flat, (rows.len(), rows[0].len()), &Device::Cpu).unwrap()
    }

    fn member(a: &[&[f32]], b: &[&[f32]], head: &[&[f32]]) -> HashMap<String, Tensor> {
        HashMap::from([
            ("lora.q.a".to_string(), t(a)),
            ("lora.q.b".to_string(), t(b)),
            ("head.intent.weight".to_string(), t(head)),
        ])
    }

    fn update(m: &HashMap<String, Tensor>, scale: f64) -> Tensor {
        let (a, b) = (&m["lora.q.a"], &m["lora.q.b"]);
        (b.matmul(a).unwrap() * scale).unwrap()
    }

    #[test]
    fn the_merged_update_is_the_mean_of_the_members_updates() {
        // rank 1 and rank 2 members on a 2×2 weight, with different scales
        let one = member(&[&[1.0, 2.0]], &[&[1.0], &[0.0]], &[&[1.0, 3.0]]);
        let two = member(
            &[&[0.0, 1.0], &[1.0, 1.0]],
            &[&[2.0, 0.0], &[0.0, -1.0]],
            &[&[3.0, 5.0]],
        );
        let scales = [2.0, 0.5];
        let scale = 16.0 / 3.0;
        let merged = merge_tensors(&[one.clone(), two.clone()], &scales, scale).unwrap();
        let want = ((update(&one, 2.0) + update(&two, 0.5)).unwrap() / 2.0).unwrap();
        let got = update(&merged, scale);
        let diff: f32 = (got - want)
            .unwrap()
            .abs()
            .unwrap()
            .sum_all()
            .unwrap()
            .to_scalar()
            .unwrap();
        assert!(diff < 1e-5, "merged update differs by {diff}");
        assert_eq!(merged["lora.q.a"].dims(), &[3, 2]);
        let head: Vec<Vec<f32>> = merged["head.intent.weight"].to_vec2().unwrap();
        assert_eq!(head, vec![vec![2.0, 4.0]]);
    }

    #[test]
    fn a_tensor_one_member_lacks_is_refused() {
        let one = member(&[&[1.0]], &[&[1.0]], &[&[1.0]]);
        let mut two = one.clone();
        two.remove("head.intent.weight");
        let err = merge_tensors(&[one, two], &[1.0, 1.0], 0.5).unwrap_err();
        assert!(err.to_string().contains("head.intent.weight"), "{err}");
    }
}
