//! Sentence embeddings from the base encoder: what the knowledge graph (FAQ by meaning) and
//! the recommender (product relevance) use through [`crate::types::Embed`].

use candle_core::Device;
use std::path::Path;
use std::sync::Arc;

use super::base::{default_device, BaseModel};
use super::bert::{mean_pool_normalized, Bert};
use super::config::{default_threads, Engine};
use super::fast::FastEncoder;
use super::tokenize::TextTokenizer;
use super::weights::Checkpoint;
use super::NluError;
use crate::types::{Embed, EmbedError};

/// Texts per forward pass when embedding many at once.
const EMBED_BATCH: usize = 32;

struct Inner {
    /// The candle encoder, kept only when it is the one that runs (the reference engine):
    /// the fast engine packs its own copy, and serving needs no second (~90 MB).
    bert: Option<Bert>,
    hidden_size: usize,
    tokenizer: TextTokenizer,
    /// The fast engine (the default on the CPU); None runs the candle reference.
    fast: Option<FastEncoder>,
}

/// Mean-pooled, L2-normalised sentence vectors from a BERT checkpoint folder. Cheap to clone.
#[derive(Clone)]
pub struct SentenceEncoder {
    inner: Arc<Inner>,
}

impl SentenceEncoder {
    /// Loads the checkpoint folder onto the default device (GPU with `--features cuda`).
    pub fn load(dir: &Path) -> Result<Self, NluError> {
        Self::load_on(dir, &default_device())
    }

    /// On `device`, with the fast engine when it is the CPU.
    pub fn load_on(dir: &Path, device: &Device) -> Result<Self, NluError> {
        let engine = if device.is_cpu() {
            Engine::Fast
        } else {
            Engine::Reference
        };
        Self::load_with(dir, device, engine, default_threads())
    }

    /// With an explicit engine (the fast one runs on the CPU, on `threads` threads).
    pub fn load_with(
        dir: &Path,
        device: &Device,
        engine: Engine,
        threads: usize,
    ) -> Result<Self, NluError> {
        let base = BaseModel::open(dir)?;
        let ck = Checkpoint::load(&base.weights_path(), device)?;
        let bert = Bert::load(&ck, &base.config, None, device)?;
        let tokenizer = TextTokenizer::from_file(&base.tokenizer_path(), base.config.pad_token_id)?;
        let fast = match engine {
            Engine::Fast => Some(FastEncoder::from_bert(&bert, threads, false)?),
            Engine::FastBf16 => Some(FastEncoder::from_bert(&bert, threads, true)?),
            Engine::Reference => None,
        };
        let hidden_size = bert.config.hidden_size;
        Ok(Self {
            inner: Arc::new(Inner {
                bert: fast.is_none().then_some(bert),
                hidden_size,
                tokenizer,
                fast,
            }),
        })
    }

    pub fn dim(&self) -> usize {
        self.inner.hidden_size
    }

    /// Runs on `model`'s compute threads and shares its word-piece table and tokenizer (when it is on
    /// the same base), for an encoder run on the NLU worker's thread. Only before the
    /// encoder is cloned; `false` when nothing could be shared.
    pub(crate) fn share_with(&mut self, model: &super::NluModel) -> bool {
        let Some(inner) = Arc::get_mut(&mut self.inner) else {
            return false;
        };
        if inner.tokenizer.same_as(&model.tokenizer) {
            inner.tokenizer = model.tokenizer.clone();
        }
        match (inner.fast.as_mut(), model.lead_encoder()) {
            (Some(f), Some(lead)) => {
                f.share_with(lead);
                true
            }
            _ => false,
        }
    }

    /// One unit vector per text, in order.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, NluError> {
        let mut out = Vec::with_capacity(texts.len());
        for chunk in texts.chunks(EMBED_BATCH) {
            let encs = self.inner.tokenizer.encode_all(chunk)?;
            if let Some(fast) = &self.inner.fast {
                let seqs: Vec<&[u32]> = encs.iter().map(|e| e.ids.as_slice()).collect();
                let hidden = fast.forward(&seqs)?;
                let pooled = hidden.mean_pool();
                out.extend(pooled.chunks_exact(hidden.hidden).map(|v| {
                    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
                    v.iter().map(|x| x / norm).collect::<Vec<f32>>()
                }));
                continue;
            }
            let Some(bert) = &self.inner.bert else {
                return Err(NluError::Invalid(
                    "the sentence encoder has no engine to run".into(),
                ));
            };
            let refs: Vec<_> = encs.iter().collect();
            let (ids, mask) = self.inner.tokenizer.batch(&refs, bert.device())?;
            let hidden = bert.forward(&ids, &mask, false)?;
            let pooled = mean_pool_normalized(&hidden, &mask)?;
            out.extend(pooled.to_vec2::<f32>()?);
        }
        Ok(out)
    }
}

impl Embed for SentenceEncoder {
    fn dim(&self) -> usize {
        SentenceEncoder::dim(self)
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        SentenceEncoder::embed(self, texts).map_err(|e| EmbedError(e.to_string()))
    }
}
