//! Loading a checkpoint's tensors by name, and proving afterwards that every tensor the
//! file holds was used. `VarBuilder::from_varmap` would silently invent random weights for a
//! misspelt name; this loader fails instead.

use candle_core::{Device, Tensor};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::NluError;

/// Tensors a BERT checkpoint may carry that a sentence encoder does not use.
const UNUSED_OK: &[&str] = &["pooler.", "embeddings.position_ids", "cls."];

pub(crate) struct Checkpoint {
    path: PathBuf,
    tensors: HashMap<String, Tensor>,
    prefix: String,
    used: RefCell<BTreeSet<String>>,
}

impl Checkpoint {
    pub(crate) fn load(path: &Path, device: &Device) -> Result<Self, NluError> {
        let tensors =
            candle_core::safetensors::load(path, device).map_err(|e| NluError::Checkpoint {
                path: path.to_path_buf(),
                message: format!("not a readable safetensors file ({e})"),
            })?;
        Ok(Self::from_tensors(path, tensors))
    }

    pub(crate) fn from_tensors(path: &Path, tensors: HashMap<String, Tensor>) -> Self {
        // BertForX checkpoints nest the encoder under `bert.`.
        let prefix = if tensors.keys().any(|k| k.starts_with("bert.embeddings.")) {
            "bert.".to_string()
        } else {
            String::new()
        };
        Self {
            path: path.to_path_buf(),
            tensors,
            prefix,
            used: RefCell::new(BTreeSet::new()),
        }
    }

    /// The tensor called `name`, which must have exactly `dims`; F32 whatever it was stored as.
    pub(crate) fn get(&self, name: &str, dims: &[usize]) -> Result<Tensor, NluError> {
        let full = format!("{}{name}", self.prefix);
        let t = self
            .tensors
            .get(&full)
            .ok_or_else(|| NluError::Checkpoint {
                path: self.path.clone(),
                message: format!("tensor {full} is missing"),
            })?;
        if t.dims() != dims {
            return Err(NluError::Checkpoint {
                path: self.path.clone(),
                message: format!("tensor {full} has shape {:?}, expected {dims:?}", t.dims()),
            });
        }
        self.used.borrow_mut().insert(full);
        Ok(t.to_dtype(candle_core::DType::F32)?)
    }

    /// Fails when the file holds tensors the model never asked for (a different
    /// architecture, or names the loader got wrong).
    pub(crate) fn check_all_used(&self) -> Result<(), NluError> {
        let used = self.used.borrow();
        let unused: Vec<&String> = self
            .tensors
            .keys()
            .filter(|k| !used.contains(*k))
            .filter(|k| {
                let local = k.strip_prefix(&self.prefix).unwrap_or(k);
                !UNUSED_OK.iter().any(|ok| local.starts_with(ok))
            })
            .collect();
        if unused.is_empty() {
            Ok(())
        } else {
            let mut names: Vec<_> = unused.into_iter().cloned().collect();
            names.sort();
            Err(NluError::Checkpoint {
                path: self.path.clone(),
                message: format!(
                    "{} tensor(s) were not loaded, so this is not the architecture kefu expects: {}",
                    names.len(),
                    names.join(", ")
                ),
            })
        }
    }
}
