//! A BERT encoder written for fine-tuning: every op has a backward pass (candle-transformers'
//! `BertModel` uses a fused layer norm without one), and the attention and feed-forward
//! projections can carry LoRA adapters, the only encoder weights kefu trains.

use candle_core::{DType, Device, Module, Tensor, Var, D};
use candle_nn::Linear;
use serde::Deserialize;
use std::path::Path;

use super::dropout::Dropout;
use super::weights::Checkpoint;
use super::NluError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HiddenAct {
    Gelu,
    #[serde(alias = "gelu_new", alias = "gelu_pytorch_tanh")]
    GeluApproximate,
    Relu,
}

/// The fields of a Hugging Face BERT `config.json` the encoder needs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BertConfig {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub hidden_act: HiddenAct,
    pub max_position_embeddings: usize,
    #[serde(default = "default_type_vocab")]
    pub type_vocab_size: usize,
    #[serde(default = "default_eps")]
    pub layer_norm_eps: f64,
    #[serde(default)]
    pub pad_token_id: u32,
}

fn default_type_vocab() -> usize {
    2
}
fn default_eps() -> f64 {
    1e-12
}

impl BertConfig {
    pub fn from_file(path: &Path) -> Result<Self, NluError> {
        let raw = std::fs::read_to_string(path).map_err(|e| NluError::io(path, e))?;
        let cfg: Self = serde_json::from_str(&raw).map_err(|e| NluError::BadConfig {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        if cfg.hidden_size % cfg.num_attention_heads != 0 {
            return Err(NluError::BadConfig {
                path: path.to_path_buf(),
                message: format!(
                    "hidden_size {} is not a multiple of num_attention_heads {}",
                    cfg.hidden_size, cfg.num_attention_heads
                ),
            });
        }
        Ok(cfg)
    }
}

/// Where the LoRA adapters go and how big they are.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, Deserialize)]
pub struct LoraSpec {
    /// Rank of each adapter.
    pub rank: usize,
    /// Scale = alpha / rank.
    pub alpha: f64,
    /// Adapters go on the top `layers` layers (all when ≥ the layer count).
    pub layers: usize,
}

/// Creates (training) or supplies (inference) the trainable tensors by name.
#[allow(dead_code)] // the training and artifact loaders use these
pub(crate) trait ParamSource {
    /// A trainable tensor; `init` says how to create it when it does not exist yet.
    fn param(&mut self, name: &str, dims: &[usize], init: Init) -> Result<Tensor, NluError>;
}

#[allow(dead_code)]
#[derive(Debug, Clone, Copy)]
pub(crate) enum Init {
    Zeros,
    /// Uniform in ±bound (Kaiming-style for LoRA A, Xavier for heads).
    Uniform(f64),
}

struct LayerNorm {
    weight: Tensor,
    bias: Tensor,
    eps: f32,
}

impl LayerNorm {
    fn load(ck: &Checkpoint, name: &str, size: usize, eps: f64) -> Result<Self, NluError> {
        Ok(Self {
            weight: ck.get(&format!("{name}.weight"), &[size])?,
            bias: ck.get(&format!("{name}.bias"), &[size])?,
            eps: eps as f32,
        })
    }

    fn forward(&self, xs: &Tensor, train: bool) -> candle_core::Result<Tensor> {
        if train {
            candle_nn::ops::layer_norm_slow(xs, &self.weight, &self.bias, self.eps)
        } else {
            candle_nn::ops::layer_norm(xs, &self.weight, &self.bias, self.eps)
        }
    }
}

/// A frozen linear layer plus an optional low-rank update `x·Aᵀ·Bᵀ·scale`.
struct Proj {
    base: Linear,
    lora: Option<(Linear, Linear, f64)>,
}

impl Proj {
    fn load(
        ck: &Checkpoint,
        name: &str,
        in_dim: usize,
        out_dim: usize,
        lora: Option<(&LoraSpec, &mut dyn ParamSource)>,
    ) -> Result<Self, NluError> {
        let weight = ck.get(&format!("{name}.weight"), &[out_dim, in_dim])?;
        let bias = ck.get(&format!("{name}.bias"), &[out_dim])?;
        let lora = match lora {
            None => None,
            Some((spec, params)) => {
                let bound = 1.0 / (in_dim as f64).sqrt();
                let a = params.param(
                    &format!("lora.{name}.a"),
                    &[spec.rank, in_dim],
                    Init::Uniform(bound),
                )?;
                let b = params.param(
                    &format!("lora.{name}.b"),
                    &[out_dim, spec.rank],
                    Init::Zeros,
                )?;
                Some((
                    Linear::new(a, None),
                    Linear::new(b, None),
                    spec.alpha / spec.rank as f64,
                ))
            }
        };
        Ok(Self {
            base: Linear::new(weight, Some(bias)),
            lora,
        })
    }
}

impl Module for Proj {
    fn forward(&self, xs: &Tensor) -> candle_core::Result<Tensor> {
        self.forward_dropped(xs, &Dropout::off())
    }
}

impl Proj {
    /// With the adapter's input dropped out (training).
    fn forward_dropped(&self, xs: &Tensor, drop: &Dropout) -> candle_core::Result<Tensor> {
        let ys = self.base.forward(xs)?;
        match &self.lora {
            None => Ok(ys),
            Some((a, b, scale)) => ys + (b.forward(&a.forward(&drop.apply(xs)?)?)? * *scale)?,
        }
    }
}

struct Layer {
    query: Proj,
    key: Proj,
    value: Proj,
    attn_out: Proj,
    attn_norm: LayerNorm,
    inter: Proj,
    out: Proj,
    out_norm: LayerNorm,
    heads: usize,
    head_dim: usize,
    act: HiddenAct,
}

impl Layer {
    fn load(
        ck: &Checkpoint,
        cfg: &BertConfig,
        index: usize,
        mut lora: Option<(&LoraSpec, &mut dyn ParamSource)>,
    ) -> Result<Self, NluError> {
        let p = format!("encoder.layer.{index}");
        let h = cfg.hidden_size;
        let i = cfg.intermediate_size;
        // Reborrow the parameter source for each projection.
        macro_rules! proj {
            ($name:expr, $in:expr, $out:expr) => {
                Proj::load(
                    ck,
                    &format!("{p}.{}", $name),
                    $in,
                    $out,
                    lora.as_mut()
                        .map(|(s, src)| (*s, &mut **src as &mut dyn ParamSource)),
                )?
            };
        }
        Ok(Self {
            query: proj!("attention.self.query", h, h),
            key: proj!("attention.self.key", h, h),
            value: proj!("attention.self.value", h, h),
            attn_out: proj!("attention.output.dense", h, h),
            attn_norm: LayerNorm::load(
                ck,
                &format!("{p}.attention.output.LayerNorm"),
                h,
                cfg.layer_norm_eps,
            )?,
            inter: proj!("intermediate.dense", h, i),
            out: proj!("output.dense", i, h),
            out_norm: LayerNorm::load(ck, &format!("{p}.output.LayerNorm"), h, cfg.layer_norm_eps)?,
            heads: cfg.num_attention_heads,
            head_dim: h / cfg.num_attention_heads,
            act: cfg.hidden_act,
        })
    }

    fn split_heads(&self, xs: &Tensor) -> candle_core::Result<Tensor> {
        let (b, t, _) = xs.dims3()?;
        xs.reshape((b, t, self.heads, self.head_dim))?
            .transpose(1, 2)?
            .contiguous()
    }

    /// `drop` is off except in training, where it regularises the adapters and the
    /// sublayer outputs as BERT's own dropout does.
    fn forward(
        &self,
        xs: &Tensor,
        mask: &Tensor,
        train: bool,
        drop: &Dropout,
    ) -> candle_core::Result<Tensor> {
        let q = self.split_heads(&self.query.forward_dropped(xs, drop)?)?;
        let k = self.split_heads(&self.key.forward_dropped(xs, drop)?)?;
        let v = self.split_heads(&self.value.forward_dropped(xs, drop)?)?;
        let scores = (q.matmul(&k.t()?)? / (self.head_dim as f64).sqrt())?;
        let scores = scores.broadcast_add(mask)?;
        let probs = if train {
            candle_nn::ops::softmax(&scores, D::Minus1)?
        } else {
            candle_nn::ops::softmax_last_dim(&scores)?
        };
        let ctx = probs.matmul(&v)?.transpose(1, 2)?.contiguous()?;
        let ctx = ctx.flatten_from(D::Minus2)?;
        let attn_out = drop.apply(&self.attn_out.forward_dropped(&ctx, drop)?)?;
        let attn = self.attn_norm.forward(&(attn_out + xs)?, train)?;
        let inter = self.inter.forward_dropped(&attn, drop)?;
        let inter = match self.act {
            HiddenAct::Gelu => inter.gelu_erf()?,
            HiddenAct::GeluApproximate => inter.gelu()?,
            HiddenAct::Relu => inter.relu()?,
        };
        let out = drop.apply(&self.out.forward_dropped(&inter, drop)?)?;
        self.out_norm.forward(&(out + attn)?, train)
    }
}

/// The encoder: embeddings and the layer stack. Frozen weights are plain tensors; the
/// adapters come from a [`ParamSource`], so the same code serves training and inference.
pub struct Bert {
    word: Tensor,
    position: Tensor,
    token_type: Tensor,
    emb_norm: LayerNorm,
    layers: Vec<Layer>,
    /// Index of the lowest layer carrying adapters: nothing below it needs gradients, so it
    /// runs the fast fused kernels even while training.
    first_adapted: usize,
    /// Off unless a trainer turned it on; applies to the adapted layers only.
    dropout: Dropout,
    pub config: BertConfig,
    device: Device,
}

impl Bert {
    pub(crate) fn load(
        ck: &Checkpoint,
        cfg: &BertConfig,
        lora: Option<(&LoraSpec, &mut dyn ParamSource)>,
        device: &Device,
    ) -> Result<Self, NluError> {
        let h = cfg.hidden_size;
        let word = ck.get("embeddings.word_embeddings.weight", &[cfg.vocab_size, h])?;
        let position = ck.get(
            "embeddings.position_embeddings.weight",
            &[cfg.max_position_embeddings, h],
        )?;
        let token_type = ck.get(
            "embeddings.token_type_embeddings.weight",
            &[cfg.type_vocab_size, h],
        )?;
        let emb_norm = LayerNorm::load(ck, "embeddings.LayerNorm", h, cfg.layer_norm_eps)?;
        let n = cfg.num_hidden_layers;
        let mut layers = Vec::with_capacity(n);
        let first_adapted = match &lora {
            Some((spec, _)) => n.saturating_sub(spec.layers),
            None => n,
        };
        let mut lora = lora;
        for index in 0..n {
            let adapt = match lora.as_mut() {
                Some((spec, src)) if index + spec.layers >= n => {
                    Some((*spec, &mut **src as &mut dyn ParamSource))
                }
                _ => None,
            };
            layers.push(Layer::load(ck, cfg, index, adapt)?);
        }
        ck.check_all_used()?;
        Ok(Self {
            word,
            position,
            token_type,
            emb_norm,
            layers,
            first_adapted,
            dropout: Dropout::off(),
            config: cfg.clone(),
            device: device.clone(),
        })
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    /// Hidden states `(batch, seq, hidden)` for token ids and a 0/1 attention mask, both
    /// `(batch, seq)` u32. `train` picks the differentiable (slower) kernels.
    pub fn forward(&self, ids: &Tensor, mask: &Tensor, train: bool) -> candle_core::Result<Tensor> {
        let frozen = self.forward_frozen(ids, mask)?;
        self.forward_adapted(&frozen, mask, train)
    }

    /// Embeddings and the layers below the first adapter: fixed during training, so the
    /// trainer computes them once per utterance instead of once per epoch.
    pub(crate) fn forward_frozen(
        &self,
        ids: &Tensor,
        mask: &Tensor,
    ) -> candle_core::Result<Tensor> {
        let (b, t) = ids.dims2()?;
        let h = self.config.hidden_size;
        let words = self
            .word
            .index_select(&ids.flatten_all()?, 0)?
            .reshape((b, t, h))?;
        let pos = self.position.narrow(0, 0, t)?;
        // Single-segment input: token type 0 everywhere.
        let tt = self.token_type.narrow(0, 0, 1)?;
        let xs = words.broadcast_add(&pos)?.broadcast_add(&tt)?;
        let mut xs = self.emb_norm.forward(&xs, false)?;
        let ext = extended_mask(mask)?;
        for layer in &self.layers[..self.first_adapted] {
            xs = layer.forward(&xs, &ext, false, &Dropout::off())?;
        }
        Ok(xs)
    }

    /// The layers from the first adapter up, on the output of [`Self::forward_frozen`].
    pub(crate) fn forward_adapted(
        &self,
        frozen: &Tensor,
        mask: &Tensor,
        train: bool,
    ) -> candle_core::Result<Tensor> {
        let ext = extended_mask(mask)?;
        let mut xs = frozen.clone();
        let off = Dropout::off();
        let drop = if train { &self.dropout } else { &off };
        for layer in &self.layers[self.first_adapted..] {
            xs = layer.forward(&xs, &ext, train, drop)?;
        }
        drop.apply(&xs)
    }

    /// Turns on dropout with probability `p` for training forwards (`train = true`).
    pub(crate) fn set_dropout(&mut self, p: f32, seed: u64) {
        self.dropout = Dropout::new(p, seed);
    }

    /// Hidden size of the frozen part's output.
    pub(crate) fn hidden_size(&self) -> usize {
        self.config.hidden_size
    }
}

/// 0 where attended, a large negative number where padded: `(b, 1, 1, t)`.
fn extended_mask(mask: &Tensor) -> candle_core::Result<Tensor> {
    let (b, t) = mask.dims2()?;
    ((mask.to_dtype(DType::F32)? - 1.0)? * 1e9)?.reshape((b, 1, 1, t))
}

/// Mean over the attended positions, then L2-normalised: sentence-transformers' pooling.
pub fn mean_pool_normalized(hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let pooled = mean_pool(hidden, mask)?;
    let norm = pooled
        .sqr()?
        .sum_keepdim(1)?
        .sqrt()?
        .clamp(1e-12, f64::MAX)?;
    pooled.broadcast_div(&norm)
}

/// Mean over the attended positions `(batch, hidden)`.
pub fn mean_pool(hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
    let summed = hidden.broadcast_mul(&m)?.sum(1)?;
    let counts = m.sum(1)?.clamp(1e-9, f64::MAX)?;
    summed.broadcast_div(&counts)
}

/// A [`ParamSource`] over fixed tensors (an artifact being loaded); missing names fail.
#[allow(dead_code)]
pub(crate) struct FixedParams<'a> {
    pub ck: &'a Checkpoint,
}

impl ParamSource for FixedParams<'_> {
    fn param(&mut self, name: &str, dims: &[usize], _init: Init) -> Result<Tensor, NluError> {
        self.ck.get(name, dims)
    }
}

/// A [`ParamSource`] that creates fresh trainable variables, remembering them by name.
#[allow(dead_code)]
pub(crate) struct NewParams {
    pub vars: Vec<(String, Var)>,
    pub rng: rand::rngs::StdRng,
    pub device: Device,
}

impl ParamSource for NewParams {
    fn param(&mut self, name: &str, dims: &[usize], init: Init) -> Result<Tensor, NluError> {
        use rand::Rng;
        if self.vars.iter().any(|(n, _)| n == name) {
            return Err(NluError::Invalid(format!("parameter {name} created twice")));
        }
        let n: usize = dims.iter().product();
        let data: Vec<f32> = match init {
            Init::Zeros => vec![0.0; n],
            Init::Uniform(b) => (0..n).map(|_| self.rng.gen_range(-b..b) as f32).collect(),
        };
        let var = Var::from_tensor(&Tensor::from_vec(data, dims, &self.device)?)?;
        let t = var.as_tensor().clone();
        self.vars.push((name.to_string(), var));
        Ok(t)
    }
}
