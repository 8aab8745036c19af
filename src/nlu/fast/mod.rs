//! The inference engine: the same BERT encoder and heads as [`super::bert`], written for
//! inference only. Adapters are merged into the base weights and Q, K, V fused into one
//! projection at load time, weights are pre-packed for the micro-kernel ([`gemm`]), the
//! sequences of a batch are packed back to back with no padding (so no attention mask and
//! no work on pad tokens), and layer norm, GELU and softmax run as fused vectorised loops
//! ([`ops`]) on the CPU's widest vectors ([`simd`]), on a pool of exactly the configured
//! threads ([`pool`]). The candle encoder stays the reference (tests, training).

mod gemm;
mod ops;
mod pool;
pub(crate) mod simd;

use super::bert::{Bert, BertWeights, Dense, HiddenAct};
use super::NluError;
use gemm::PackedLinear;
use ops::Activation;
use pool::{Par, SyncPtr};
use simd::Isa;

struct Layer {
    qkv: PackedLinear,
    attn_out: PackedLinear,
    attn_norm: (Vec<f32>, Vec<f32>),
    inter: PackedLinear,
    out: PackedLinear,
    out_norm: (Vec<f32>, Vec<f32>),
}

/// The encoder's output for a batch: token rows of all sequences back to back.
pub(crate) struct Hidden {
    /// `[total tokens × hidden]`.
    pub data: Vec<f32>,
    /// Sequence `s` owns rows `offsets[s]..offsets[s + 1]`.
    pub offsets: Vec<usize>,
    pub hidden: usize,
}

impl Hidden {
    pub(crate) fn rows(&self, s: usize) -> &[f32] {
        &self.data[self.offsets[s] * self.hidden..self.offsets[s + 1] * self.hidden]
    }

    pub(crate) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Mean of each sequence's token rows: `[sequences × hidden]`.
    pub(crate) fn mean_pool(&self) -> Vec<f32> {
        let h = self.hidden;
        let mut out = vec![0.0f32; self.len() * h];
        for s in 0..self.len() {
            let rows = self.rows(s);
            let n = (rows.len() / h).max(1) as f32;
            let o = &mut out[s * h..(s + 1) * h];
            for row in rows.chunks_exact(h) {
                for (o, x) in o.iter_mut().zip(row) {
                    *o += x;
                }
            }
            o.iter_mut().for_each(|x| *x /= n);
        }
        out
    }
}

pub(crate) struct FastEncoder {
    hidden: usize,
    heads: usize,
    head_dim: usize,
    eps: f32,
    act: Activation,
    vocab: usize,
    max_positions: usize,
    /// The word-piece table (the largest tensor, ~47 MB for MiniLM): shared by every
    /// encoder packed from the same base, as adapters leave it alone.
    word: std::sync::Arc<Vec<f32>>,
    position: Vec<f32>,
    token_type0: Vec<f32>,
    emb_norm: (Vec<f32>, Vec<f32>),
    layers: Vec<Layer>,
    isa: Isa,
    par: Par,
}

/// Q, K and V as one `[3·hidden × hidden]` projection, Q pre-scaled by 1/√head_dim.
fn fuse_qkv(q: &Dense, k: &Dense, v: &Dense, head_dim: usize) -> PackedLinear {
    let scale = 1.0 / (head_dim as f32).sqrt();
    let mut weight: Vec<f32> = q.weight.iter().map(|w| w * scale).collect();
    weight.extend_from_slice(&k.weight);
    weight.extend_from_slice(&v.weight);
    let mut bias: Vec<f32> = q.bias.iter().map(|b| b * scale).collect();
    bias.extend_from_slice(&k.bias);
    bias.extend_from_slice(&v.bias);
    PackedLinear::from_out_in(&weight, &bias, q.out_dim * 3, q.in_dim)
}

fn pack(d: &Dense) -> PackedLinear {
    PackedLinear::from_out_in(&d.weight, &d.bias, d.out_dim, d.in_dim)
}

impl FastEncoder {
    /// Packs the reference encoder's current weights (adapters merged) for `threads`;
    /// `bf16` stores the layers' weights as bfloat16.
    pub(crate) fn from_bert(bert: &Bert, threads: usize, bf16: bool) -> Result<Self, NluError> {
        let cfg = &bert.config;
        let BertWeights {
            word,
            position,
            token_type0,
            emb_norm,
            layers,
        } = bert.weights_f32()?;
        let head_dim = cfg.hidden_size / cfg.num_attention_heads;
        let store = |p: PackedLinear| if bf16 { p.into_bf16() } else { p };
        let layers = layers
            .iter()
            .map(|l| Layer {
                qkv: store(fuse_qkv(&l.query, &l.key, &l.value, head_dim)),
                attn_out: store(pack(&l.attn_out)),
                attn_norm: l.attn_norm.clone(),
                inter: store(pack(&l.inter)),
                out: store(pack(&l.out)),
                out_norm: l.out_norm.clone(),
            })
            .collect();
        Ok(Self {
            hidden: cfg.hidden_size,
            heads: cfg.num_attention_heads,
            head_dim,
            eps: cfg.layer_norm_eps as f32,
            act: match cfg.hidden_act {
                HiddenAct::Gelu => Activation::GeluErf,
                HiddenAct::GeluApproximate => Activation::GeluTanh,
                HiddenAct::Relu => Activation::Relu,
            },
            vocab: cfg.vocab_size,
            max_positions: cfg.max_position_embeddings,
            word: std::sync::Arc::new(word),
            position,
            token_type0,
            emb_norm,
            layers,
            isa: Isa::detect(),
            par: Par::pool(threads),
        })
    }

    /// Runs on `threads` compute threads from now on.
    pub(crate) fn set_threads(&mut self, threads: usize) {
        if threads.max(1) != self.par.threads() {
            self.par = Par::pool(threads);
        }
    }

    /// Runs on `other`'s compute threads, and shares its word-piece table when it holds
    /// the same one: for encoders run one after another from one thread (the NLU worker's
    /// members and its sentence encoder), one pool instead of several waking on two cores,
    /// and one copy of the table.
    pub(crate) fn share_with(&mut self, other: &FastEncoder) {
        self.par = other.par.clone();
        if !std::sync::Arc::ptr_eq(&self.word, &other.word) && self.word == other.word {
            self.word = other.word.clone();
        }
    }

    pub(crate) fn isa(&self) -> Isa {
        self.isa
    }

    /// Hidden states of each token sequence (ids with [CLS]/[SEP], no padding).
    pub(crate) fn forward(&self, seqs: &[&[u32]]) -> Result<Hidden, NluError> {
        let h = self.hidden;
        let mut offsets = Vec::with_capacity(seqs.len() + 1);
        offsets.push(0);
        for s in seqs {
            if s.len() > self.max_positions {
                return Err(NluError::Invalid(format!(
                    "a sequence of {} tokens is longer than the encoder's {} positions",
                    s.len(),
                    self.max_positions
                )));
            }
            if let Some(id) = s.iter().find(|&&id| id as usize >= self.vocab) {
                return Err(NluError::Invalid(format!(
                    "token id {id} is outside the vocabulary of {}",
                    self.vocab
                )));
            }
            offsets.push(offsets.last().unwrap() + s.len());
        }
        let t = *offsets.last().unwrap();
        let mut x = vec![0.0f32; t * h];
        for (s, ids) in seqs.iter().enumerate() {
            for (p, &id) in ids.iter().enumerate() {
                let row = &mut x[(offsets[s] + p) * h..(offsets[s] + p + 1) * h];
                let w = &self.word[id as usize * h..(id as usize + 1) * h];
                let pos = &self.position[p * h..(p + 1) * h];
                for (((o, w), p), tt) in row.iter_mut().zip(w).zip(pos).zip(&self.token_type0) {
                    *o = w + p + tt;
                }
            }
        }
        self.par.run(|par| {
            let isa = self.isa;
            self.rows_layer_norm(par, &mut x, None, &self.emb_norm);
            let longest = seqs.iter().map(|s| s.len()).max().unwrap_or(0);
            let inter_dim = self.layers.first().map_or(0, |l| l.inter.out_dim());
            let mut qkv = vec![0.0f32; t * 3 * h];
            let mut ctx = vec![0.0f32; t * h];
            let mut attn = vec![0.0f32; t * h];
            let mut inter = vec![0.0f32; t * inter_dim];
            for layer in &self.layers {
                layer
                    .qkv
                    .forward(isa, par, &x, t, &mut qkv, Activation::Identity);
                self.attention(par, &qkv, &offsets, longest, &mut ctx);
                layer
                    .attn_out
                    .forward(isa, par, &ctx, t, &mut attn, Activation::Identity);
                self.rows_layer_norm(par, &mut attn, Some(&x), &layer.attn_norm);
                inter.resize(t * layer.inter.out_dim(), 0.0);
                layer
                    .inter
                    .forward(isa, par, &attn, t, &mut inter, self.act);
                layer
                    .out
                    .forward(isa, par, &inter, t, &mut x, Activation::Identity);
                self.rows_layer_norm(par, &mut x, Some(&attn), &layer.out_norm);
            }
        });
        Ok(Hidden {
            data: x,
            offsets,
            hidden: h,
        })
    }

    /// `xs = LayerNorm(xs + residual)` row by row, rows split over the threads.
    fn rows_layer_norm(
        &self,
        par: &Par,
        xs: &mut [f32],
        residual: Option<&[f32]>,
        norm: &(Vec<f32>, Vec<f32>),
    ) {
        let h = self.hidden;
        let rows = xs.len() / h;
        // Tiny batches are not worth waking a second thread for.
        let parts = if rows >= 64 { par.threads() } else { 1 };
        let ptr = SyncPtr(xs.as_mut_ptr());
        par.for_each(parts, |part| {
            let (r0, r1) = (part * rows / parts, (part + 1) * rows / parts);
            // SAFETY: parts own disjoint row ranges of `xs`.
            let mine =
                unsafe { std::slice::from_raw_parts_mut(ptr.get().add(r0 * h), (r1 - r0) * h) };
            let res = residual.map(|r| &r[r0 * h..r1 * h]);
            ops::add_layer_norm(self.isa, mine, res, &norm.0, &norm.1, self.eps);
        });
    }

    /// Every (sequence, head) pair, spread over the threads.
    fn attention(
        &self,
        par: &Par,
        qkv: &[f32],
        offsets: &[usize],
        longest: usize,
        ctx: &mut [f32],
    ) {
        let h = self.hidden;
        let units = (offsets.len() - 1) * self.heads;
        let parts = par.threads().min(units);
        let ptr = SyncPtr(ctx.as_mut_ptr());
        par.for_each(parts, |part| {
            let mut scores = vec![0.0f32; longest];
            for unit in part * units / parts..(part + 1) * units / parts {
                let (s, head) = (unit / self.heads, unit % self.heads);
                let (r0, r1) = (offsets[s], offsets[s + 1]);
                if r1 == r0 {
                    continue;
                }
                // SAFETY: this unit writes only columns head·d..(head+1)·d of rows r0..r1,
                // which no other unit touches; reads of `ctx` by other units never happen.
                let rows =
                    unsafe { std::slice::from_raw_parts_mut(ptr.get().add(r0 * h), (r1 - r0) * h) };
                ops::attention_head(
                    self.isa,
                    &qkv[r0 * 3 * h..r1 * 3 * h],
                    r1 - r0,
                    head,
                    self.head_dim,
                    rows,
                    &mut scores,
                );
            }
        });
    }
}

/// A classifier on the encoder output, packed like the encoder's own layers.
pub(crate) struct FastLinear(PackedLinear);

impl FastLinear {
    pub(crate) fn new(d: &Dense) -> Self {
        Self(pack(d))
    }

    pub(crate) fn out_dim(&self) -> usize {
        self.0.out_dim()
    }

    /// `[rows × out]` logits of `[rows × in]` inputs.
    pub(crate) fn forward(&self, enc: &FastEncoder, xs: &[f32]) -> Vec<f32> {
        let rows = xs.len() / self.0.in_dim();
        let mut out = vec![0.0f32; rows * self.0.out_dim()];
        self.0.forward(
            enc.isa(),
            &Par::serial(),
            xs,
            rows,
            &mut out,
            Activation::Identity,
        );
        out
    }
}
