//! A base checkpoint folder (config.json, tokenizer.json, model.safetensors) and the device
//! the encoder runs on.

use candle_core::Device;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::bert::BertConfig;
use super::NluError;

/// The default base encoder, relative to the working directory.
pub const DEFAULT_BASE_DIR: &str = "models/base/all-MiniLM-L6-v2";

#[derive(Debug, Clone)]
pub struct BaseModel {
    pub dir: PathBuf,
    pub config: BertConfig,
}

impl BaseModel {
    pub fn open(dir: &Path) -> Result<Self, NluError> {
        for file in crate::model::REQUIRED_FILES {
            if !dir.join(file).is_file() {
                return Err(NluError::MissingFile {
                    dir: dir.to_path_buf(),
                    file: file.to_string(),
                });
            }
        }
        let config = BertConfig::from_file(&dir.join("config.json"))?;
        Ok(Self {
            dir: dir.to_path_buf(),
            config,
        })
    }

    pub fn weights_path(&self) -> PathBuf {
        self.dir.join("model.safetensors")
    }

    pub fn tokenizer_path(&self) -> PathBuf {
        self.dir.join("tokenizer.json")
    }

    /// A human name for the base: the folder name.
    pub fn id(&self) -> String {
        let canon = self.dir.canonicalize().unwrap_or_else(|_| self.dir.clone());
        canon
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.dir.display().to_string())
    }

    /// SHA-256 of model.safetensors: what an artifact records to say which base it needs.
    pub fn weights_sha256(&self) -> Result<String, NluError> {
        sha256_file(&self.weights_path())
    }
}

pub fn sha256_file(path: &Path) -> Result<String, NluError> {
    let mut f = std::fs::File::open(path).map_err(|e| NluError::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(|e| NluError::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// The device inference and training run on: the first CUDA GPU when kefu is built with
/// `--features cuda` and one is present, the CPU otherwise.
pub fn default_device() -> Device {
    #[cfg(feature = "cuda")]
    {
        if let Ok(d) = Device::new_cuda(0) {
            return d;
        }
    }
    Device::Cpu
}
