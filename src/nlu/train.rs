//! Fine-tuning: LoRA adapters on the encoder's projections plus the three heads, AdamW with
//! linear warm-up and decay, seeded, early-stopped on a dev split.

use candle_core::{DType, Device, Tensor, Var, D};
use indicatif::{ProgressBar, ProgressStyle};
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use super::base::BaseModel;
use super::batching;
use super::bert::{Bert, LoraSpec, NewParams};
use super::data::Example;
use super::distil::{soft_cross_entropy, SoftTargets, Teacher};
use super::ema::{self, WeightAverage};
use super::heads::{Heads, Member, NluModel};
use super::labels::{Labels, TAG_O};
use super::metrics::{evaluate, Summary};
use super::name_noise;
use super::optim::AdamW;
use super::tokenize::{Encoded, TextTokenizer};
use super::warm_start::{check_labels, IntentRows, WarmStart};
use super::weights::Checkpoint;
use super::NluError;
use crate::types::Sentiment;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrainParams {
    /// Epochs at most (early stopping and `max_steps` may end sooner).
    pub epochs: usize,
    /// Optimizer steps at most, as whole epochs (0: no cap). The default recipe's budget:
    /// the shop's data (about 230 steps an epoch) runs its 20 epochs, larger data fewer,
    /// so a default run on SNIPS (409 steps an epoch) ends instead of running for hours.
    pub max_steps: usize,
    pub batch_size: usize,
    pub learning_rate: f64,
    pub weight_decay: f64,
    /// Fraction of the steps spent warming the learning rate up from 0.
    pub warmup: f64,
    pub lora: LoraSpec,
    pub seed: u64,
    /// Stop after this many epochs without a better dev score.
    pub patience: usize,
    /// Held out for dev when no dev file is given.
    pub dev_fraction: f64,
    /// Dropout on the adapted layers' adapters and outputs and on the heads' input.
    pub dropout: f64,
    /// Chance that a training example is shown, in an epoch, with its name words (product,
    /// brand, material, colour values) swapped for random words (`name_noise.rs`).
    pub name_noise: f64,
    /// Batches of sentences of similar length (`batching.rs`): about half the padded
    /// positions of random batches, so epochs run faster.
    pub group_by_length: bool,
    /// The teacher's share of the loss when distilling (`kefu train --distil-from`); 0
    /// when trained on the gold labels alone.
    pub distil_weight: f64,
    /// Decay of an exponential moving average of the trainable weights (0: off). Dev is
    /// scored, and the best epoch kept, on the averaged weights: one model that carries
    /// the average of the weights it passed through, an ensemble-like smoothing at no
    /// cost in serving.
    pub ema: f64,
    /// When distilling: altered copies of each training sentence (`variants.rs`) that
    /// only the teacher labels.
    pub distil_variants: usize,
}

impl Default for TrainParams {
    fn default() -> Self {
        Self {
            // The recipe of the shipped ensemble's members 2–5 (docs/nlu.md has the
            // comparison; the first drew random batches), with a step budget for large data.
            epochs: 20,
            max_steps: 5_000,
            batch_size: 32,
            learning_rate: 3e-3,
            weight_decay: 0.01,
            warmup: 0.1,
            lora: LoraSpec {
                rank: 8,
                alpha: 16.0,
                layers: 6,
            },
            seed: 42,
            patience: 3,
            dev_fraction: 0.1,
            dropout: 0.1,
            name_noise: 0.0,
            // 1.78× faster epochs for the same scores (docs/nlu.md, "Training").
            group_by_length: true,
            distil_weight: 0.0,
            ema: 0.0,
            distil_variants: 0,
        }
    }
}

/// One epoch's numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpochStats {
    pub epoch: usize,
    pub loss: f64,
    pub dev: Summary,
    pub seconds: f64,
}

pub(crate) struct Item {
    enc: Encoded,
    /// Output of the frozen layers below the adapters, `(tokens, hidden)`.
    frozen: Tensor,
    /// The same with the name words swapped for random ones (name noise), if it has any.
    noisy: Option<Tensor>,
    tags: Vec<u32>,
    intent: u32,
    sentiment: Option<u32>,
    /// What the teacher says about this text, when distilling.
    soft: Option<SoftTargets>,
    /// False for an altered copy that only the teacher labels (`tags`, `intent` unused).
    gold: bool,
}

/// A model being trained: the encoder with fresh adapters, fresh heads, and their variables.
pub struct Trainer {
    pub model: NluModel,
    vars: Vec<(String, Var)>,
    params: TrainParams,
    teacher: Option<Teacher>,
}

impl Trainer {
    /// Loads the base, and creates adapters and heads sized for `labels`.
    pub fn new(
        base: &BaseModel,
        device: &Device,
        labels: Labels,
        params: TrainParams,
    ) -> Result<Self, NluError> {
        if labels.intents.is_empty() {
            return Err(NluError::Invalid("no intents in the training data".into()));
        }
        if params.batch_size == 0 || params.epochs == 0 || params.lora.rank == 0 {
            return Err(NluError::Invalid(
                "epochs, batch size and LoRA rank must be at least 1".into(),
            ));
        }
        if !(0.0..=1.0).contains(&params.name_noise) {
            return Err(NluError::Invalid(format!(
                "name noise is a probability, between 0 and 1 (got {})",
                params.name_noise
            )));
        }
        let ck = Checkpoint::load(&base.weights_path(), device)?;
        let mut new = NewParams {
            vars: Vec::new(),
            rng: rand::rngs::StdRng::seed_from_u64(params.seed),
            device: device.clone(),
        };
        let mut bert = Bert::load(&ck, &base.config, Some((&params.lora, &mut new)), device)?;
        bert.set_dropout(params.dropout as f32, params.seed.wrapping_add(2));
        let heads = Heads::load(&mut new, base.config.hidden_size, &labels)?;
        let tokenizer = TextTokenizer::from_file(&base.tokenizer_path(), base.config.pad_token_id)?;
        Ok(Self {
            model: NluModel {
                // Training changes the weights: the reference path until it is packed.
                members: vec![Member::new(bert, heads)],
                tokenizer,
                labels,
                threshold: 0.0,
                ranking_size: 3,
                vocabulary: Default::default(),
            },
            vars: new.vars,
            params,
            teacher: None,
        })
    }

    /// Replaces the fresh adapters and heads with a trained member's (`kefu train --from`).
    /// The data's labels must be the member's, and the file must hold exactly the
    /// tensors this trainer has, each in its shape.
    pub fn start_from(&mut self, warm: &WarmStart) -> Result<(), NluError> {
        let rows = check_labels(&warm.labels, &self.model.labels)?;
        let Some((_, first)) = self.vars.first() else {
            return Ok(());
        };
        let ck = Checkpoint::load(&warm.adapter, first.device())?;
        for (name, var) in &self.vars {
            let trained = match name.as_str() {
                // Intents added since: the trained rows where there are some, fresh ones
                // (this trainer's own initialisation) for the new intents.
                INTENT_WEIGHT | INTENT_BIAS if !rows.unchanged() => {
                    grown_intent_head(&ck, name, var, &rows, warm.labels.intents.len())?
                }
                _ => ck.get(name, var.dims())?,
            };
            var.set(&trained)?;
        }
        ck.check_all_used()
    }

    /// Trains towards `teacher`'s parses as well as the gold labels (`distil.rs`), also on
    /// `variants` altered copies of each sentence that it alone labels. Its labels must be
    /// the data's; its weight and the variants are recorded in the recipe.
    pub fn distil_from(&mut self, teacher: Teacher, variants: usize) -> Result<(), NluError> {
        teacher.check_labels(&self.model)?;
        self.params.distil_weight = teacher.weight();
        self.params.distil_variants = variants;
        self.teacher = Some(teacher);
        Ok(())
    }

    /// Current values of every trainable tensor, by name (adapters `lora.*`, heads `head.*`).
    pub fn trainable(&self) -> Vec<(String, Tensor)> {
        self.vars
            .iter()
            .map(|(n, v)| (n.clone(), v.as_tensor().copy().expect("copy")))
            .collect()
    }

    fn items(&self, examples: &[Example]) -> Result<Vec<Item>, NluError> {
        let labels = &self.model.labels;
        let words = if self.params.name_noise > 0.0 {
            self.model.tokenizer.plain_word_ids()
        } else {
            Vec::new()
        };
        // Its own stream, so runs without name noise shuffle and drop out exactly as before.
        let mut rng = rand::rngs::StdRng::seed_from_u64(self.params.seed.wrapping_add(3));
        let mut items = Vec::with_capacity(examples.len());
        for chunk in examples.chunks(64) {
            let encs = chunk
                .iter()
                .map(|e| self.model.tokenizer.encode(&e.text))
                .collect::<Result<Vec<_>, _>>()?;
            let tags: Vec<Vec<u32>> = chunk
                .iter()
                .zip(&encs)
                .map(|(e, enc)| labels.token_tags(enc, &e.slots))
                .collect();
            let frozen = self.frozen_rows(&encs)?;
            let mut soft: Vec<Option<SoftTargets>> = match &self.teacher {
                Some(teacher) => {
                    let texts: Vec<&str> = chunk.iter().map(|e| e.text.as_str()).collect();
                    let tokens: Vec<usize> = encs.iter().map(|e| e.ids.len()).collect();
                    teacher
                        .targets(&texts, &tokens)?
                        .into_iter()
                        .map(Some)
                        .collect()
                }
                None => vec![None; encs.len()],
            };
            // Only the examples that carry a name get a noisy copy; one forward pass for them.
            let (which, noisy_encs): (Vec<usize>, Vec<Encoded>) = encs
                .iter()
                .zip(&tags)
                .enumerate()
                .filter_map(|(k, (enc, tags))| {
                    name_noise::noisy_ids(enc, tags, labels, &words, &mut rng)
                        .map(|ids| (k, Encoded { ids, ..enc.clone() }))
                })
                .unzip();
            let mut noisy: Vec<Option<Tensor>> = vec![None; encs.len()];
            if !noisy_encs.is_empty() {
                for (k, row) in which.into_iter().zip(self.frozen_rows(&noisy_encs)?) {
                    noisy[k] = Some(row);
                }
            }
            for ((((e, enc), tags), (frozen, noisy)), soft) in chunk
                .iter()
                .zip(encs)
                .zip(tags)
                .zip(frozen.into_iter().zip(noisy))
                .zip(soft.drain(..))
            {
                let intent = labels.intent_index(&e.intent).ok_or_else(|| {
                    NluError::Invalid(format!(
                        "{}: intent {} is not in the label map",
                        e.source, e.intent
                    ))
                })? as u32;
                let sentiment = e
                    .sentiment
                    .map(|s| Sentiment::ALL.iter().position(|x| *x == s).unwrap_or(1) as u32);
                items.push(Item {
                    enc,
                    frozen,
                    noisy,
                    tags,
                    intent,
                    sentiment,
                    soft,
                    gold: true,
                });
            }
        }
        items.extend(self.teacher_only_items(examples)?);
        Ok(items)
    }

    /// `distil_variants` altered copies of every example, labelled by the teacher alone.
    fn teacher_only_items(&self, examples: &[Example]) -> Result<Vec<Item>, NluError> {
        let Some(teacher) = self
            .teacher
            .as_ref()
            .filter(|_| self.params.distil_variants > 0)
        else {
            return Ok(Vec::new());
        };
        let pool: Vec<&str> = examples
            .iter()
            .flat_map(|e| e.text.split_whitespace())
            .collect();
        let mut rng = rand::rngs::StdRng::seed_from_u64(self.params.seed.wrapping_add(5));
        let texts: Vec<String> = examples
            .iter()
            .flat_map(|e| std::iter::repeat_n(e.text.as_str(), self.params.distil_variants))
            .filter_map(|text| super::variants::altered(text, &pool, &mut rng))
            .collect();
        let mut items = Vec::with_capacity(texts.len());
        for chunk in texts.chunks(64) {
            let encs = chunk
                .iter()
                .map(|t| self.model.tokenizer.encode(t))
                .collect::<Result<Vec<_>, _>>()?;
            let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
            let tokens: Vec<usize> = encs.iter().map(|e| e.ids.len()).collect();
            let soft = teacher.targets(&refs, &tokens)?;
            let frozen = self.frozen_rows(&encs)?;
            for ((enc, frozen), soft) in encs.into_iter().zip(frozen).zip(soft) {
                items.push(Item {
                    // Weighted out of the loss: no gold tags.
                    tags: vec![TAG_O; enc.ids.len()],
                    enc,
                    frozen,
                    noisy: None,
                    intent: 0,
                    sentiment: None,
                    soft: Some(soft),
                    gold: false,
                });
            }
        }
        Ok(items)
    }

    /// The frozen layers' output for each text, `(tokens, hidden)` without padding.
    fn frozen_rows(&self, encs: &[Encoded]) -> Result<Vec<Tensor>, NluError> {
        let device = self.model.first().reference()?.device().clone();
        let refs: Vec<&Encoded> = encs.iter().collect();
        let (ids, mask) = self.model.tokenizer.batch(&refs, &device)?;
        let frozen = self
            .model
            .first()
            .reference()?
            .forward_frozen(&ids, &mask)?;
        encs.iter()
            .enumerate()
            // A compact copy: `copy()` of a view would clone the whole batch storage.
            .map(|(row, enc)| {
                Ok(frozen
                    .get(row)?
                    .narrow(0, 0, enc.ids.len())?
                    .force_contiguous()?)
            })
            .collect()
    }

    /// Summed loss of one batch: intent + slots (padding and [CLS]/[SEP] masked out) +
    /// sentiment (only rows that carry one). `noisy[r]` picks row r's name-noise version.
    fn loss(&self, batch: &[&Item], noisy: &[bool]) -> Result<Tensor, NluError> {
        let device = self.model.first().reference()?.device().clone();
        let encs: Vec<&Encoded> = batch.iter().map(|i| &i.enc).collect();
        let (_, mask) = self.model.tokenizer.batch(&encs, &device)?;
        let longest = mask.dim(1)?;
        let h = self.model.first().reference()?.hidden_size();
        let rows = batch
            .iter()
            .zip(noisy)
            .map(|(i, &noisy)| {
                let frozen = match (&i.noisy, noisy) {
                    (Some(n), true) => n,
                    _ => &i.frozen,
                };
                let n = frozen.dim(0)?;
                if n == longest {
                    Ok(frozen.clone())
                } else {
                    Tensor::cat(
                        &[
                            frozen,
                            &Tensor::zeros((longest - n, h), DType::F32, &device)?,
                        ],
                        0,
                    )
                }
            })
            .collect::<candle_core::Result<Vec<_>>>()?;
        let frozen = Tensor::stack(&rows, 0)?;
        let hidden = self
            .model
            .first()
            .reference()?
            .forward_adapted(&frozen, &mask, true)?;
        let logits = self.model.first().heads.forward(&hidden, &mask)?;
        let gold_rows: Vec<f32> = batch
            .iter()
            .map(|i| if i.gold { 1.0 } else { 0.0 })
            .collect();
        let mut loss = masked_nll(
            &logits.intent,
            batch.iter().map(|i| i.intent).collect(),
            gold_rows,
            &device,
        )?;
        let soft: Option<Vec<&SoftTargets>> = batch.iter().map(|i| i.soft.as_ref()).collect();

        let (b, t, n_tags) = logits.slots.dims3()?;
        let mut tags = vec![0u32; b * t];
        let mut weights = vec![0f32; b * t];
        for (r, item) in batch.iter().enumerate() {
            for (k, (&tag, word)) in item.tags.iter().zip(&item.enc.token_word).enumerate() {
                tags[r * t + k] = tag;
                if word.is_some() && item.gold {
                    weights[r * t + k] = 1.0;
                }
            }
        }
        loss = (loss
            + masked_nll(
                &logits.slots.reshape((b * t, n_tags))?,
                tags,
                weights,
                &device,
            )?)?;

        if batch.iter().any(|i| i.sentiment.is_some()) {
            let targets = batch.iter().map(|i| i.sentiment.unwrap_or(0)).collect();
            let weights = batch
                .iter()
                .map(|i| if i.sentiment.is_some() { 1.0 } else { 0.0 })
                .collect();
            loss = (loss + masked_nll(&logits.sentiment, targets, weights, &device)?)?;
        }
        match (soft, &self.teacher) {
            (Some(soft), Some(teacher)) => {
                let taught = self.teacher_loss(&logits, batch, &soft, &device)?;
                let w = teacher.weight();
                Ok(((loss * (1.0 - w))? + (taught * w)?)?)
            }
            _ => Ok(loss),
        }
    }

    /// Cross-entropy against the teacher's distributions: intent and sentiment for every
    /// row (the teacher has a view on the sentiment of rows the data leaves unlabelled),
    /// slot tags on the tokens that start or continue a word, as the gold loss.
    fn teacher_loss(
        &self,
        logits: &super::heads::Logits,
        batch: &[&Item],
        soft: &[&SoftTargets],
        device: &Device,
    ) -> Result<Tensor, NluError> {
        let rows = vec![1f32; batch.len()];
        let intent: Vec<&[f32]> = soft.iter().map(|s| s.intent.as_slice()).collect();
        let sentiment: Vec<&[f32]> = soft.iter().map(|s| s.sentiment.as_slice()).collect();
        let mut loss = (soft_cross_entropy(&logits.intent, &intent, &rows, device)?
            + soft_cross_entropy(&logits.sentiment, &sentiment, &rows, device)?)?;
        let (b, t, n_tags) = logits.slots.dims3()?;
        let empty: &[f32] = &[];
        let mut tags: Vec<&[f32]> = vec![empty; b * t];
        let mut weights = vec![0f32; b * t];
        for (r, (item, s)) in batch.iter().zip(soft).enumerate() {
            for (k, (dist, word)) in s.slots.iter().zip(&item.enc.token_word).enumerate() {
                tags[r * t + k] = dist;
                if word.is_some() {
                    weights[r * t + k] = 1.0;
                }
            }
        }
        loss = (loss
            + soft_cross_entropy(
                &logits.slots.reshape((b * t, n_tags))?,
                &tags,
                &weights,
                device,
            )?)?;
        Ok(loss)
    }

    /// The gradient norm every trainable tensor receives from one batch: proof that the
    /// adapters inside the encoder, not just the heads, are trained.
    pub fn gradient_norms(&self, examples: &[Example]) -> Result<Vec<(String, f32)>, NluError> {
        let items = self.items(examples)?;
        let refs: Vec<&Item> = items.iter().collect();
        let grads = self.loss(&refs, &vec![false; refs.len()])?.backward()?;
        self.vars
            .iter()
            .map(|(n, v)| {
                let norm = match grads.get(v.as_tensor()) {
                    Some(g) => g.sqr()?.sum_all()?.sqrt()?.to_scalar::<f32>()?,
                    None => 0.0,
                };
                Ok((n.clone(), norm))
            })
            .collect()
    }

    /// Trains on `train`, early-stopping on `dev`; leaves the best epoch's weights in place.
    pub fn fit(
        &mut self,
        train: &[Example],
        dev: &[Example],
        show_progress: bool,
    ) -> Result<Vec<EpochStats>, NluError> {
        let items = self.items(train)?;
        let mut p = self.params.clone();
        let steps_per_epoch = items.len().div_ceil(p.batch_size);
        if p.max_steps > 0 {
            p.epochs = p.epochs.min(p.max_steps.div_ceil(steps_per_epoch).max(1));
        }
        let total = steps_per_epoch * p.epochs;
        let warmup = ((total as f64) * p.warmup).ceil().max(1.0) as usize;
        let mut opt = AdamW::new(&self.vars, p.weight_decay);
        let mut average = match p.ema {
            decay if decay > 0.0 => Some(WeightAverage::new(&self.vars, decay)?),
            _ => None,
        };
        // Without a terminal the bar is hidden: a line every half minute instead, so a
        // run under nohup or CI shows it is alive and when it will end.
        let mut progress_line = (show_progress && !std::io::stderr().is_terminal())
            .then(|| Every::new(Duration::from_secs(30)));
        let fit_started = Instant::now();
        let mut rng = rand::rngs::StdRng::seed_from_u64(p.seed.wrapping_add(1));
        let mut noise_rng = rand::rngs::StdRng::seed_from_u64(p.seed.wrapping_add(4));
        let bar = if show_progress {
            let bar = ProgressBar::new(total as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} steps (eta {eta}) {msg}",
                )
                .expect("template"),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        let mut history = Vec::new();
        let mut best: Option<(f64, Vec<Tensor>)> = None;
        let mut since_best = 0;
        let mut step = 0usize;
        let mut order: Vec<usize> = (0..items.len()).collect();
        let lengths: Vec<usize> = items.iter().map(|i| i.enc.ids.len()).collect();
        let mut last_dev = String::from("dev: –");
        // Seconds in forward, backward and optimizer steps, logged per epoch.
        let mut timing = [0f64; 3];
        for epoch in 1..=p.epochs {
            let started = Instant::now();
            let batches = batching::epoch_batches(
                &mut order,
                &lengths,
                p.batch_size,
                p.group_by_length,
                &mut rng,
            );
            let padding = batching::padding_factor(&lengths, &batches);
            let (mut loss_sum, mut loss_n) = (0.0, 0usize);
            for chunk in &batches {
                let batch: Vec<&Item> = chunk.iter().map(|&i| &items[i]).collect();
                let noisy: Vec<bool> = batch
                    .iter()
                    .map(|i| i.noisy.is_some() && noise_rng.gen_bool(p.name_noise))
                    .collect();
                let t0 = Instant::now();
                let loss = self.loss(&batch, &noisy)?;
                let t1 = Instant::now();
                let grads = loss.backward()?;
                let t2 = Instant::now();
                step += 1;
                let lr = if step <= warmup {
                    p.learning_rate * step as f64 / warmup as f64
                } else {
                    p.learning_rate * (total - step) as f64 / (total - warmup).max(1) as f64
                };
                opt.step(&grads, lr)?;
                if let Some(average) = &mut average {
                    average.update(&self.vars)?;
                }
                timing[0] += (t1 - t0).as_secs_f64();
                timing[1] += (t2 - t1).as_secs_f64();
                timing[2] += t2.elapsed().as_secs_f64();
                loss_sum += loss.to_scalar::<f32>()? as f64;
                loss_n += 1;
                bar.inc(1);
                bar.set_message(format!(
                    "epoch {epoch}/{} loss {:.4} {last_dev}",
                    p.epochs,
                    loss_sum / loss_n as f64
                ));
                if progress_line.as_mut().is_some_and(Every::due) {
                    let elapsed = fit_started.elapsed().as_secs_f64();
                    tracing::info!(
                        "step {step}/{total} (epoch {epoch}/{}): loss {:.4}, {:.0} s, about {:.0} s of steps to go",
                        p.epochs,
                        loss_sum / loss_n as f64,
                        elapsed,
                        elapsed / step as f64 * (total - step) as f64
                    );
                }
            }
            tracing::debug!(
                forward = timing[0],
                backward = timing[1],
                optimizer = timing[2],
                "epoch {epoch} step time"
            );
            // Scored, and kept if best, on the averaged weights; training goes on from the
            // live ones.
            let live = average
                .as_ref()
                .map(|average| average.swap_in(&self.vars))
                .transpose()?;
            let dev_summary = self.score(dev)?;
            last_dev = format!(
                "dev intent {:.2}% slot F1 {:.2}%",
                dev_summary.intent_accuracy * 100.0,
                dev_summary.slot_f1 * 100.0
            );
            bar.set_message(format!(
                "epoch {epoch}/{} loss {:.4} {last_dev}",
                p.epochs,
                loss_sum / loss_n.max(1) as f64
            ));
            // Also logged, for runs without a terminal (nohup, CI) where the bar is hidden.
            tracing::info!(
                "epoch {epoch}/{}: loss {:.4}, {last_dev}, {:.0} s ({padding:.2} positions computed per token)",
                p.epochs,
                loss_sum / loss_n.max(1) as f64,
                started.elapsed().as_secs_f64()
            );
            let score = dev_summary.intent_accuracy + dev_summary.slot_f1;
            history.push(EpochStats {
                epoch,
                loss: loss_sum / loss_n.max(1) as f64,
                dev: dev_summary,
                seconds: started.elapsed().as_secs_f64(),
            });
            let improved = best.as_ref().is_none_or(|(b, _)| score > *b);
            if improved {
                best = Some((score, ema::snapshot(&self.vars)?));
                since_best = 0;
            }
            if let Some(live) = &live {
                ema::restore(&self.vars, live)?;
            }
            if !improved {
                since_best += 1;
                if since_best >= p.patience {
                    bar.println(format!("early stop after epoch {epoch}: dev score did not improve for {since_best} epoch(s)"));
                    break;
                }
            }
        }
        bar.finish();
        if let Some((_, values)) = best {
            ema::restore(&self.vars, &values)?;
        }
        Ok(history)
    }

    /// Dev numbers of the current weights.
    pub fn score(&self, dev: &[Example]) -> Result<Summary, NluError> {
        if dev.is_empty() {
            return Ok(Summary {
                intent_accuracy: 0.0,
                slot_f1: 0.0,
                sentence_accuracy: 0.0,
            });
        }
        let parses = predict_all(&self.model, dev)?;
        Ok(evaluate(dev, &parses).summary())
    }

    /// The trained model, for serving without a round trip through an artifact folder.
    pub fn into_model(self) -> NluModel {
        self.model
    }

    pub fn params(&self) -> &TrainParams {
        &self.params
    }

    pub(crate) fn vars(&self) -> &[(String, Var)] {
        &self.vars
    }
}

/// Parses every example's text, in batches.
pub fn predict_all(
    model: &NluModel,
    examples: &[Example],
) -> Result<Vec<crate::types::Parse>, NluError> {
    let mut out = Vec::with_capacity(examples.len());
    for chunk in examples.chunks(64) {
        let texts: Vec<&str> = chunk.iter().map(|e| e.text.as_str()).collect();
        out.extend(model.parse_batch(&texts)?);
    }
    Ok(out)
}

/// Mean negative log-likelihood over the rows whose weight is 1. `cross_entropy` has no
/// ignore index, so padded and unlabelled positions are masked by weight.
fn masked_nll(
    logits: &Tensor,
    targets: Vec<u32>,
    weights: Vec<f32>,
    device: &Device,
) -> Result<Tensor, NluError> {
    let n = targets.len();
    let total: f32 = weights.iter().sum();
    let targets = Tensor::from_vec(targets, (n, 1), device)?;
    let weights = Tensor::from_vec(weights, n, device)?;
    let logp = candle_nn::ops::log_softmax(logits, D::Minus1)?;
    let picked = logp.gather(&targets, 1)?.squeeze(1)?;
    let nll = (picked * weights)?.sum_all()?.neg()?;
    Ok((nll / total.max(1.0) as f64)?.to_dtype(DType::F32)?)
}
const INTENT_WEIGHT: &str = "head.intent.weight";
const INTENT_BIAS: &str = "head.intent.bias";

/// The intent head's `name` tensor for the data's intents, from the checkpoint's rows for
/// `trained_intents` intents and `var`'s fresh rows (`warm_start::IntentRows`).
fn grown_intent_head(
    ck: &Checkpoint,
    name: &str,
    var: &Var,
    rows: &IntentRows,
    trained_intents: usize,
) -> Result<Tensor, NluError> {
    let dims = var.dims().to_vec();
    let mut trained_dims = dims.clone();
    trained_dims[0] = trained_intents;
    let as_rows = |t: &Tensor| -> Result<Vec<Vec<f32>>, NluError> {
        Ok(match t.rank() {
            1 => t.to_vec1::<f32>()?.into_iter().map(|x| vec![x]).collect(),
            _ => t.to_vec2::<f32>()?,
        })
    };
    let trained = as_rows(&ck.get(name, &trained_dims)?)?;
    let fresh = as_rows(&var.as_tensor().to_dtype(candle_core::DType::F32)?)?;
    let merged: Vec<f32> = rows.merge(&trained, &fresh).concat();
    Ok(Tensor::from_vec(merged, dims, var.device())?.to_dtype(var.dtype())?)
}

/// True once per `period`: a clock for progress lines.
struct Every {
    period: Duration,
    last: Instant,
}

impl Every {
    fn new(period: Duration) -> Self {
        Self {
            period,
            last: Instant::now(),
        }
    }

    fn due(&mut self) -> bool {
        let due = self.last.elapsed() >= self.period;
        if due {
            self.last = Instant::now();
        }
        due
    }
}
