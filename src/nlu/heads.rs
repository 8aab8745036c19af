//! The three heads on the shared encoder, and the parse they give.

use candle_core::{DType, Module, Tensor};
use candle_nn::Linear;

use super::bert::{mean_pool, Bert, Dense, Init, ParamSource};
use super::config::Engine;
use super::decode;
use super::fast::{FastEncoder, FastLinear};
use super::labels::Labels;
use super::price_direction;
use super::span_shape;
use super::tokenize::{Encoded, TextTokenizer};
use super::vocabulary::Vocabulary;
use super::NluError;
use crate::types::{Parse, Sentiment, NLU_FALLBACK};

pub(crate) struct Heads {
    intent: Linear,
    slots: Linear,
    sentiment: Linear,
}

fn head(
    params: &mut dyn ParamSource,
    name: &str,
    in_dim: usize,
    out_dim: usize,
) -> Result<Linear, NluError> {
    let bound = (6.0 / (in_dim + out_dim) as f64).sqrt();
    let w = params.param(
        &format!("head.{name}.weight"),
        &[out_dim, in_dim],
        Init::Uniform(bound),
    )?;
    let b = params.param(&format!("head.{name}.bias"), &[out_dim], Init::Zeros)?;
    Ok(Linear::new(w, Some(b)))
}

impl Heads {
    pub(crate) fn load(
        params: &mut dyn ParamSource,
        hidden: usize,
        labels: &Labels,
    ) -> Result<Self, NluError> {
        Ok(Self {
            intent: head(params, "intent", hidden, labels.intents.len())?,
            slots: head(params, "slots", hidden, labels.n_tags())?,
            sentiment: head(params, "sentiment", hidden, Sentiment::ALL.len())?,
        })
    }

    /// The heads on the encoder's hidden states `(b, t, hidden)`.
    pub(crate) fn forward(&self, hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Logits> {
        let pooled = mean_pool(hidden, mask)?;
        Ok(Logits {
            intent: self.intent.forward(&pooled)?,
            slots: self.slots.forward(hidden)?,
            sentiment: self.sentiment.forward(&pooled)?,
        })
    }
}

/// The heads and encoder packed for the fast engine.
pub(crate) struct FastModel {
    bf16: bool,
    encoder: FastEncoder,
    intent: FastLinear,
    slots: FastLinear,
    sentiment: FastLinear,
}

impl FastModel {
    fn for_engine(
        engine: Engine,
        bert: &Bert,
        heads: &Heads,
        threads: usize,
    ) -> Result<Option<Self>, NluError> {
        Ok(match engine {
            Engine::Fast => Some(Self::build(bert, heads, threads, false)?),
            Engine::FastBf16 => Some(Self::build(bert, heads, threads, true)?),
            Engine::Reference => None,
        })
    }

    fn build(bert: &Bert, heads: &Heads, threads: usize, bf16: bool) -> Result<Self, NluError> {
        Ok(Self {
            bf16,
            encoder: FastEncoder::from_bert(bert, threads, bf16)?,
            intent: FastLinear::new(&Dense::from_linear(&heads.intent)?),
            slots: FastLinear::new(&Dense::from_linear(&heads.slots)?),
            sentiment: FastLinear::new(&Dense::from_linear(&heads.sentiment)?),
        })
    }

    fn scores(&self, encs: &[Encoded]) -> Result<Vec<TextScores>, NluError> {
        let seqs: Vec<&[u32]> = encs.iter().map(|e| e.ids.as_slice()).collect();
        let hidden = self.encoder.forward(&seqs)?;
        let pooled = hidden.mean_pool();
        let intent = self.intent.forward(&self.encoder, &pooled);
        let sentiment = self.sentiment.forward(&self.encoder, &pooled);
        let slots = self.slots.forward(&self.encoder, &hidden.data);
        let (ni, ns, nt) = (
            self.intent.out_dim(),
            self.sentiment.out_dim(),
            self.slots.out_dim(),
        );
        Ok((0..encs.len())
            .map(|s| TextScores {
                intent: softmax(&intent[s * ni..(s + 1) * ni]),
                sentiment: softmax(&sentiment[s * ns..(s + 1) * ns]),
                slot_logits: (hidden.offsets[s]..hidden.offsets[s + 1])
                    .map(|r| slots[r * nt..(r + 1) * nt].to_vec())
                    .collect(),
            })
            .collect())
    }
}

fn softmax(xs: &[f32]) -> Vec<f32> {
    let max = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = xs.iter().map(|x| (x - max).exp()).collect();
    let z: f32 = e.iter().sum();
    e.into_iter().map(|x| x / z).collect()
}

fn log_softmax(xs: &[f32]) -> Vec<f32> {
    let max = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let log_z = xs.iter().map(|x| (x - max).exp()).sum::<f32>().ln() + max;
    xs.iter().map(|x| x - log_z).collect()
}

/// An ensemble's outputs: the members' intent and sentiment probabilities averaged, and
/// their slot-tag log-probabilities averaged: the geometric mean of their tag distributions,
/// which the decoder's log-softmax renormalises, so a tag one member rules out stays
/// unlikely (the arithmetic mean of probabilities would keep it at a third of its odds).
fn average(members: Vec<Vec<TextScores>>) -> Vec<TextScores> {
    let k = members.len() as f32;
    let mut members = members.into_iter();
    let mut acc = members.next().unwrap_or_default();
    for s in &mut acc {
        s.slot_logits = s.slot_logits.iter().map(|l| log_softmax(l)).collect();
    }
    for other in members {
        for (a, o) in acc.iter_mut().zip(other) {
            a.intent
                .iter_mut()
                .zip(&o.intent)
                .for_each(|(x, y)| *x += y);
            a.sentiment
                .iter_mut()
                .zip(&o.sentiment)
                .for_each(|(x, y)| *x += y);
            for (row, orow) in a.slot_logits.iter_mut().zip(&o.slot_logits) {
                row.iter_mut()
                    .zip(log_softmax(orow))
                    .for_each(|(x, y)| *x += y);
            }
        }
    }
    for a in &mut acc {
        a.intent.iter_mut().for_each(|x| *x /= k);
        a.sentiment.iter_mut().for_each(|x| *x /= k);
        a.slot_logits.iter_mut().flatten().for_each(|x| *x /= k);
    }
    acc
}

/// What the heads say about one text before decoding: intent and sentiment probabilities,
/// and slot-tag logits for each of its tokens (special tokens included, no padding).
#[derive(Debug, Clone)]
pub struct TextScores {
    pub intent: Vec<f32>,
    pub sentiment: Vec<f32>,
    pub slot_logits: Vec<Vec<f32>>,
}

/// Logits of one batch: intent `(b, n_intents)`, slots `(b, t, n_tags)`, sentiment `(b, 3)`.
pub(crate) struct Logits {
    pub intent: Tensor,
    pub slots: Tensor,
    pub sentiment: Tensor,
}

/// Encoder + heads + label maps: everything that turns text into a [`Parse`].
pub struct NluModel {
    /// Never empty: one for a single model, several for an ensemble (artifact.rs), whose
    /// head outputs are averaged. The first is the one a `Trainer` trains.
    pub(crate) members: Vec<Member>,
    pub(crate) tokenizer: TextTokenizer,
    pub labels: Labels,
    /// Below this confidence the parse says `nlu_fallback`.
    pub threshold: f32,
    /// How many intents a parse ranks.
    pub ranking_size: usize,
    /// Values whose slot the shop knows (vocabulary.rs); empty unless one is attached.
    pub vocabulary: Vocabulary,
}

/// One trained adapter set with its heads on the base encoder.
pub(crate) struct Member {
    /// The candle encoder: the reference forward pass, training, and what the fast engine
    /// is packed from. `None` once a serving model released it ([`NluModel::release_reference`]).
    pub bert: Option<Bert>,
    pub heads: Heads,
    /// The fast engine, when it is the one in use (None: the candle reference).
    pub fast: Option<FastModel>,
}

impl Member {
    pub(crate) fn new(bert: Bert, heads: Heads) -> Self {
        Self {
            bert: Some(bert),
            heads,
            fast: None,
        }
    }

    /// The candle encoder, unless it was released after packing.
    pub(crate) fn reference(&self) -> Result<&Bert, NluError> {
        self.bert.as_ref().ok_or_else(|| {
            NluError::Invalid(
                "the candle encoder was released after the fast engine was packed; load the model again to train it or change its engine".into(),
            )
        })
    }

    /// Head outputs, from the fast engine when packed, else the candle reference.
    fn scores(
        &self,
        tokenizer: &TextTokenizer,
        encs: &[Encoded],
    ) -> Result<Vec<TextScores>, NluError> {
        if let Some(fast) = &self.fast {
            return fast.scores(encs);
        }
        let refs: Vec<&Encoded> = encs.iter().collect();
        let bert = self.reference()?;
        let (ids, mask) = tokenizer.batch(&refs, bert.device())?;
        let hidden = bert.forward(&ids, &mask, false)?;
        let logits = self.heads.forward(&hidden, &mask)?;
        let intent_p = candle_nn::ops::softmax_last_dim(&logits.intent)?.to_vec2::<f32>()?;
        let sent_p = candle_nn::ops::softmax_last_dim(&logits.sentiment)?.to_vec2::<f32>()?;
        let slots = logits.slots.to_dtype(DType::F32)?.to_vec3::<f32>()?;
        Ok(encs
            .iter()
            .zip(intent_p.into_iter().zip(sent_p))
            .zip(slots)
            .map(|((e, (intent, sentiment)), mut slot_logits)| {
                slot_logits.truncate(e.ids.len());
                TextScores {
                    intent,
                    sentiment,
                    slot_logits,
                }
            })
            .collect())
    }
}

impl NluModel {
    /// The member a `Trainer` trains (the only one outside an ensemble).
    pub(crate) fn first(&self) -> &Member {
        &self.members[0]
    }

    /// Switches the forward pass. The fast engine packs the current weights (a trainer's
    /// model must switch again after its weights change); `threads` is its thread count.
    pub fn set_engine(&mut self, engine: Engine, threads: usize) -> Result<(), NluError> {
        for m in &mut self.members {
            m.fast = FastModel::for_engine(engine, m.reference()?, &m.heads, threads)?;
        }
        self.share_among_members();
        Ok(())
    }

    pub fn engine(&self) -> Engine {
        match &self.first().fast {
            Some(f) if f.bf16 => Engine::FastBf16,
            Some(_) => Engine::Fast,
            None => Engine::Reference,
        }
    }

    /// The fast engine's compute threads (the reference follows `RAYON_NUM_THREADS`).
    pub fn set_threads(&mut self, threads: usize) {
        for f in self.members.iter_mut().filter_map(|m| m.fast.as_mut()) {
            f.encoder.set_threads(threads);
        }
        self.share_among_members();
    }

    /// The members run one after another: one pool of compute threads and one word-piece
    /// table for all of them.
    fn share_among_members(&mut self) {
        let Some((first, rest)) = self.members.split_first_mut() else {
            return;
        };
        let Some(lead) = first.fast.as_ref() else {
            return;
        };
        for f in rest.iter_mut().filter_map(|m| m.fast.as_mut()) {
            f.encoder.share_with(&lead.encoder);
        }
    }

    /// Drops the candle encoders of members that run on the fast engine: a serving model
    /// never trains or repacks, and the candle copy is as large as the packed one (for a
    /// 12-layer base with a large vocabulary, hundreds of MB). Returns how many were released.
    pub fn release_reference(&mut self) -> usize {
        let mut released = 0;
        for m in self.members.iter_mut().filter(|m| m.fast.is_some()) {
            if m.bert.take().is_some() {
                released += 1;
            }
        }
        released
    }

    /// The first member's fast encoder, for a sentence encoder run on the same thread to
    /// share its pool and table.
    pub(crate) fn lead_encoder(&self) -> Option<&FastEncoder> {
        self.first().fast.as_ref().map(|f| &f.encoder)
    }

    /// Head outputs for each text, from the engine in use (averaged over an ensemble).
    pub fn scores(&self, texts: &[&str]) -> Result<Vec<TextScores>, NluError> {
        let encs = self.tokenizer.encode_all(texts)?;
        self.scores_of(&encs)
    }

    /// Attaches the shop's vocabulary at `path` (`nlu.vocabulary`) when there is a file
    /// there; a broken one is refused.
    pub fn use_vocabulary(&mut self, path: &std::path::Path) -> Result<(), NluError> {
        if let Some(v) = Vocabulary::read_if_present(path, &self.labels)? {
            self.vocabulary = v;
        }
        Ok(())
    }

    /// How many trained adapter sets this model averages (1 unless it is an ensemble).
    pub fn members(&self) -> usize {
        self.members.len()
    }

    /// Runs only the first `n` members from now on (0, or more than there are, keeps all):
    /// fewer encoder passes a parse for a shop that would rather be fast. Returns how many
    /// run.
    pub fn keep_members(&mut self, n: usize) -> usize {
        if n > 0 {
            self.members.truncate(n);
        }
        self.members.len()
    }

    fn scores_of(&self, encs: &[Encoded]) -> Result<Vec<TextScores>, NluError> {
        if encs.is_empty() {
            return Ok(Vec::new());
        }
        let mut each = self
            .members
            .iter()
            .map(|m| m.scores(&self.tokenizer, encs))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(if each.len() == 1 {
            each.remove(0)
        } else {
            average(each)
        })
    }

    /// Parses a batch of texts in one forward pass.
    pub fn parse_batch(&self, texts: &[&str]) -> Result<Vec<Parse>, NluError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let encs = self.tokenizer.encode_all(texts)?;
        let scores = self.scores_of(&encs)?;
        let mut out = Vec::with_capacity(texts.len());
        for (i, text) in texts.iter().enumerate() {
            let TextScores {
                intent: intent_p,
                sentiment: sp,
                slot_logits,
            } = &scores[i];
            let mut ranking: Vec<(String, f32)> = self
                .labels
                .intents
                .iter()
                .cloned()
                .zip(intent_p.iter().copied())
                .collect();
            ranking.sort_by(|a, b| b.1.total_cmp(&a.1));
            // Held against the threshold: the top intent with its family (oos.rs).
            let in_scope = super::oos::scope_confidence(&ranking);
            ranking.truncate(self.ranking_size.max(1));
            let (best, confidence) = ranking[0].clone();
            let allowed = self.labels.allowed_tags(&best);
            // Refusing is on when a threshold is set (evaluations run at 0.0 and see the
            // model's own reading); a mash is refused however sure the model is of it.
            let nonsense = self.threshold > 0.0
                && super::nonsense::Fragmentation::of(text, &encs[i]).is_nonsense(in_scope);
            let intent = if in_scope < self.threshold || nonsense {
                NLU_FALLBACK.to_string()
            } else {
                best
            };
            let word_tags = decode::best_word_tags(text, &encs[i], slot_logits, &allowed);
            let mut slots = self.labels.decode_spans(text, &encs[i], &word_tags);
            price_direction::orient_prices(text, &mut slots);
            span_shape::tidy(text, &mut slots);
            if nonsense {
                // A mash tagged as an order number or a brand is no answer to anything,
                // and its intent ranking suggests nothing worth offering.
                slots.clear();
                ranking.clear();
            }
            let best_sent = (0..3).max_by(|&a, &b| sp[a].total_cmp(&sp[b])).unwrap_or(1);
            let mut parse = Parse {
                text: text.to_string(),
                intent,
                confidence,
                ranking,
                slots,
                sentiment: Sentiment::ALL[best_sent],
                sentiment_score: sp[2] - sp[0],
                language: super::language::Script::of(text)
                    .language()
                    .unwrap_or_default()
                    .to_string(),
            };
            self.vocabulary.relabel(&self.labels, &mut parse);
            out.push(parse);
        }
        Ok(out)
    }

    /// How the vocabulary cuts `text` (for measuring the nonsense check).
    pub fn fragmentation(&self, text: &str) -> Result<super::nonsense::Fragmentation, NluError> {
        let enc = self.tokenizer.encode_all(&[text])?;
        Ok(super::nonsense::Fragmentation::of(text, &enc[0]))
    }

    pub fn parse(&self, text: &str) -> Result<Parse, NluError> {
        Ok(self.parse_batch(&[text])?.remove(0))
    }
}
