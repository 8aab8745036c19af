//! AdamW updating the parameters' values in place. candle_nn::AdamW builds a fresh graph of
//! tensors per parameter per step (measured ≈0.45 s a step here); the adapters and heads are
//! small, so plain loops over their values are about ten times cheaper.

use candle_core::backprop::GradStore;
use candle_core::{Tensor, Var};

use super::NluError;

struct State {
    var: Var,
    m: Vec<f32>,
    v: Vec<f32>,
    decay: bool,
}

pub(crate) struct AdamW {
    states: Vec<State>,
    beta1: f32,
    beta2: f32,
    eps: f32,
    weight_decay: f32,
    step: i32,
}

impl AdamW {
    pub(crate) fn new(vars: &[(String, Var)], weight_decay: f64) -> Self {
        let states = vars
            .iter()
            .map(|(name, var)| State {
                var: var.clone(),
                m: vec![0.0; var.elem_count()],
                v: vec![0.0; var.elem_count()],
                // Biases are not decayed.
                decay: !name.ends_with(".bias"),
            })
            .collect();
        Self {
            states,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weight_decay: weight_decay as f32,
            step: 0,
        }
    }

    pub(crate) fn step(&mut self, grads: &GradStore, lr: f64) -> Result<(), NluError> {
        self.step += 1;
        let lr = lr as f32;
        let bc1 = 1.0 - self.beta1.powi(self.step);
        let bc2 = 1.0 - self.beta2.powi(self.step);
        for s in &mut self.states {
            let Some(g) = grads.get(s.var.as_tensor()) else {
                continue;
            };
            let g = g.flatten_all()?.to_vec1::<f32>()?;
            let mut w = s.var.as_tensor().flatten_all()?.to_vec1::<f32>()?;
            let wd = if s.decay { self.weight_decay } else { 0.0 };
            for i in 0..w.len() {
                s.m[i] = self.beta1 * s.m[i] + (1.0 - self.beta1) * g[i];
                s.v[i] = self.beta2 * s.v[i] + (1.0 - self.beta2) * g[i] * g[i];
                let m_hat = s.m[i] / bc1;
                let v_hat = s.v[i] / bc2;
                w[i] -= lr * (m_hat / (v_hat.sqrt() + self.eps) + wd * w[i]);
            }
            let t = Tensor::from_vec(w, s.var.shape(), s.var.device())?;
            s.var.set(&t)?;
        }
        Ok(())
    }
}
