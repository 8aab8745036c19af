//! The three heads on the shared encoder, and the parse they give.

use candle_core::{DType, Module, Tensor, D};
use candle_nn::Linear;

use super::bert::{mean_pool, Bert, Init, ParamSource};
use super::labels::Labels;
use super::tokenize::{Encoded, TextTokenizer};
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
}

/// Logits of one batch: intent `(b, n_intents)`, slots `(b, t, n_tags)`, sentiment `(b, 3)`.
pub(crate) struct Logits {
    pub intent: Tensor,
    pub slots: Tensor,
    pub sentiment: Tensor,
}

/// Encoder + heads + label maps: everything that turns text into a [`Parse`].
pub struct NluModel {
    pub(crate) bert: Bert,
    pub(crate) tokenizer: TextTokenizer,
    pub(crate) heads: Heads,
    pub labels: Labels,
    /// Below this confidence the parse says `nlu_fallback`.
    pub threshold: f32,
    /// How many intents a parse ranks.
    pub ranking_size: usize,
}

impl NluModel {
    pub(crate) fn logits(
        &self,
        ids: &Tensor,
        mask: &Tensor,
        train: bool,
    ) -> candle_core::Result<Logits> {
        let hidden = self.bert.forward(ids, mask, train)?;
        self.heads_forward(&hidden, mask)
    }

    /// The heads on the encoder's hidden states `(b, t, hidden)`.
    pub(crate) fn heads_forward(
        &self,
        hidden: &Tensor,
        mask: &Tensor,
    ) -> candle_core::Result<Logits> {
        let pooled = mean_pool(hidden, mask)?;
        Ok(Logits {
            intent: self.heads.intent.forward(&pooled)?,
            slots: self.heads.slots.forward(hidden)?,
            sentiment: self.heads.sentiment.forward(&pooled)?,
        })
    }

    /// Parses a batch of texts in one forward pass.
    pub fn parse_batch(&self, texts: &[&str]) -> Result<Vec<Parse>, NluError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let encs = self.tokenizer.encode_all(texts)?;
        let refs: Vec<&Encoded> = encs.iter().collect();
        let (ids, mask) = self.tokenizer.batch(&refs, self.bert.device())?;
        let logits = self.logits(&ids, &mask, false)?;
        let intent_p = candle_nn::ops::softmax_last_dim(&logits.intent)?.to_vec2::<f32>()?;
        let sent_p = candle_nn::ops::softmax_last_dim(&logits.sentiment)?.to_vec2::<f32>()?;
        let tags = logits
            .slots
            .argmax(D::Minus1)?
            .to_dtype(DType::U32)?
            .to_vec2::<u32>()?;
        let mut out = Vec::with_capacity(texts.len());
        for (i, text) in texts.iter().enumerate() {
            let mut ranking: Vec<(String, f32)> = self
                .labels
                .intents
                .iter()
                .cloned()
                .zip(intent_p[i].iter().copied())
                .collect();
            ranking.sort_by(|a, b| b.1.total_cmp(&a.1));
            ranking.truncate(self.ranking_size.max(1));
            let (best, confidence) = ranking[0].clone();
            let intent = if confidence < self.threshold {
                NLU_FALLBACK.to_string()
            } else {
                best
            };
            let word_tags: Vec<u32> = encs[i]
                .words
                .iter()
                .map(|w| tags[i][w.first_token])
                .collect();
            let slots = self.labels.decode_spans(text, &encs[i], &word_tags);
            let sp = &sent_p[i];
            let best_sent = (0..3).max_by(|&a, &b| sp[a].total_cmp(&sp[b])).unwrap_or(1);
            out.push(Parse {
                text: text.to_string(),
                intent,
                confidence,
                ranking,
                slots,
                sentiment: Sentiment::ALL[best_sent],
                sentiment_score: sp[2] - sp[0],
            });
        }
        Ok(out)
    }

    pub fn parse(&self, text: &str) -> Result<Parse, NluError> {
        Ok(self.parse_batch(&[text])?.remove(0))
    }
}
