//! Distillation: one model trained to say what an ensemble says. The ensemble's averaged
//! intent and sentiment probabilities and its per-token slot-tag distributions (the
//! geometric mean its parse decodes) are soft targets beside the gold labels, so one
//! encoder pass learns what five passes agreed on, including how unsure they were.

use candle_core::{Device, Tensor, D};

use super::heads::{NluModel, TextScores};
use super::warm_start::check_labels;
use super::NluError;

/// The teacher's view of one training text, as probabilities.
#[derive(Debug, Clone)]
pub(crate) struct SoftTargets {
    pub intent: Vec<f32>,
    pub sentiment: Vec<f32>,
    /// One tag distribution per token (special tokens included, as the student sees them).
    pub slots: Vec<Vec<f32>>,
}

/// A trained model whose parses a student learns from, and how much: the loss is
/// `(1 - weight) · gold + weight · teacher`.
pub struct Teacher {
    model: NluModel,
    weight: f64,
}

impl Teacher {
    /// `model` must have the student's labels (checked when the trainer takes it).
    pub fn new(model: NluModel, weight: f64) -> Result<Self, NluError> {
        if !(0.0..=1.0).contains(&weight) || weight == 0.0 {
            return Err(NluError::Invalid(format!(
                "the distillation weight is the teacher's share of the loss, above 0 and at most 1 (got {weight})"
            )));
        }
        Ok(Self { model, weight })
    }

    pub fn weight(&self) -> f64 {
        self.weight
    }

    pub fn members(&self) -> usize {
        self.model.members()
    }

    pub(crate) fn check_labels(&self, student: &NluModel) -> Result<(), NluError> {
        let unfit =
            |why: String| NluError::Invalid(format!("the teacher does not fit this data: {why}"));
        let rows =
            check_labels(&self.model.labels, &student.labels).map_err(|e| unfit(e.to_string()))?;
        // Its probabilities are per intent of its own head: the student's must be the same.
        if !rows.unchanged() {
            let unknown: Vec<&str> = rows
                .0
                .iter()
                .zip(&student.labels.intents)
                .filter(|(row, _)| row.is_none())
                .map(|(_, intent)| intent.as_str())
                .collect();
            let why = match unknown.as_slice() {
                [] => "its intents are in another order".to_string(),
                names => format!("intents new in the data: {}", names.join(", ")),
            };
            return Err(unfit(why));
        }
        Ok(())
    }

    /// Soft targets for `texts`; every text must tokenize to `tokens[k]` tokens for the
    /// student (same tokenizer: a mismatch is a bug, reported rather than trained on).
    pub(crate) fn targets(
        &self,
        texts: &[&str],
        tokens: &[usize],
    ) -> Result<Vec<SoftTargets>, NluError> {
        let scores = self.model.scores(texts)?;
        scores
            .into_iter()
            .zip(tokens)
            .zip(texts)
            .map(|((s, &n), text)| {
                if s.slot_logits.len() != n {
                    return Err(NluError::Invalid(format!(
                        "the teacher read {text:?} as {} tokens, the student as {n}",
                        s.slot_logits.len()
                    )));
                }
                Ok(soft(s))
            })
            .collect()
    }
}

fn soft(s: TextScores) -> SoftTargets {
    SoftTargets {
        intent: s.intent,
        sentiment: s.sentiment,
        // An ensemble's slot scores are averaged log-probabilities, a single model's are
        // logits: softmax turns either into the distribution its decoder reads.
        slots: s.slot_logits.iter().map(|row| softmax(row)).collect(),
    }
}

fn softmax(xs: &[f32]) -> Vec<f32> {
    let max = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = xs.iter().map(|x| (x - max).exp()).collect();
    let z: f32 = e.iter().sum();
    e.into_iter().map(|x| x / z).collect()
}

/// Cross-entropy of `logits` `(n, k)` against target distributions `(n, k)` given row by row,
/// averaged over the rows whose weight is 1.
pub(crate) fn soft_cross_entropy(
    logits: &Tensor,
    targets: &[&[f32]],
    weights: &[f32],
    device: &Device,
) -> Result<Tensor, NluError> {
    let (n, k) = logits.dims2()?;
    let mut flat = vec![0f32; n * k];
    for (r, t) in targets.iter().enumerate().take(n) {
        flat[r * k..r * k + t.len().min(k)].copy_from_slice(&t[..t.len().min(k)]);
    }
    let total: f32 = weights.iter().sum();
    let targets = Tensor::from_vec(flat, (n, k), device)?;
    let weights = Tensor::from_slice(weights, n, device)?;
    let logp = candle_nn::ops::log_softmax(logits, D::Minus1)?;
    let per_row = (targets * logp)?.sum(D::Minus1)?;
    let nll = (per_row * weights)?.sum_all()?.neg()?;
    Ok((nll / total.max(1.0) as f64)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_cross_entropy_of_a_one_hot_target_is_the_plain_one() {
        let device = Device::Cpu;
        let logits = Tensor::new(&[[2.0f32, 0.5, -1.0], [0.0, 1.0, 0.0]], &device).unwrap();
        let one_hot: [&[f32]; 2] = [&[1.0, 0.0, 0.0], &[0.0, 1.0, 0.0]];
        let soft = soft_cross_entropy(&logits, &one_hot, &[1.0, 1.0], &device)
            .unwrap()
            .to_scalar::<f32>()
            .unwrap();
        let hard =
            candle_nn::loss::cross_entropy(&logits, &Tensor::new(&[0u32, 1], &device).unwrap())
                .unwrap()
                .to_scalar::<f32>()
                .unwrap();
        assert!((soft - hard).abs() < 1e-5, "{soft} vs {hard}");
        // A masked row does not count.
        let masked = soft_cross_entropy(&logits, &one_hot, &[1.0, 0.0], &device)
            .unwrap()
            .to_scalar::<f32>()
            .unwrap();
        let first = candle_nn::loss::cross_entropy(
            &logits.narrow(0, 0, 1).unwrap(),
            &Tensor::new(&[0u32], &device).unwrap(),
        )
        .unwrap()
        .to_scalar::<f32>()
        .unwrap();
        assert!((masked - first).abs() < 1e-5, "{masked} vs {first}");
    }

    #[test]
    fn slot_scores_become_distributions() {
        let s = soft(TextScores {
            intent: vec![0.7, 0.3],
            sentiment: vec![0.1, 0.8, 0.1],
            slot_logits: vec![vec![0.0, 0.0], vec![3.0, -3.0]],
        });
        assert_eq!(s.slots[0], vec![0.5, 0.5]);
        assert!(s.slots[1][0] > 0.99 && (s.slots[1].iter().sum::<f32>() - 1.0).abs() < 1e-6);
    }
}
