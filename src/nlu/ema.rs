//! An exponential moving average of the trainable weights (Polyak averaging): the model
//! kept at the end is the average of the weights the last few hundred steps passed
//! through, which lands in a flatter spot than any one step and generalises like a small
//! ensemble while serving as one model.

use candle_core::{Tensor, Var};

use super::NluError;

pub(crate) struct WeightAverage {
    decay: f64,
    shadow: Vec<Tensor>,
    updates: usize,
}

impl WeightAverage {
    pub(crate) fn new(vars: &[(String, Var)], decay: f64) -> Result<Self, NluError> {
        if !(0.0..1.0).contains(&decay) {
            return Err(NluError::Invalid(format!(
                "the weight average's decay is in [0, 1) (got {decay})"
            )));
        }
        Ok(Self {
            decay,
            shadow: snapshot(vars)?,
            updates: 0,
        })
    }

    /// Folds the current weights in. The decay ramps up over the first steps, so the
    /// average does not remember the fresh initialisation for hundreds of steps.
    pub(crate) fn update(&mut self, vars: &[(String, Var)]) -> Result<(), NluError> {
        self.updates += 1;
        let n = self.updates as f64;
        let d = self.decay.min((1.0 + n) / (10.0 + n));
        for (avg, (_, var)) in self.shadow.iter_mut().zip(vars) {
            // Detached: arithmetic on a variable records its history for backprop, and
            // the average would hold every step's tensors alive.
            *avg = ((&*avg * d)? + (var.as_tensor().detach() * (1.0 - d))?)?.detach();
        }
        Ok(())
    }

    /// Puts the averaged weights into `vars`; the live ones come back, for `restore`.
    pub(crate) fn swap_in(&self, vars: &[(String, Var)]) -> Result<Vec<Tensor>, NluError> {
        let live = snapshot(vars)?;
        for (avg, (_, var)) in self.shadow.iter().zip(vars) {
            var.set(avg)?;
        }
        Ok(live)
    }
}

/// Sets `vars` to `values` (a `snapshot` of them).
pub(crate) fn restore(vars: &[(String, Var)], values: &[Tensor]) -> Result<(), NluError> {
    for ((_, var), value) in vars.iter().zip(values) {
        var.set(value)?;
    }
    Ok(())
}

/// The current values of `vars`, detached copies (the trainer's best epoch uses it too).
pub(crate) fn snapshot(vars: &[(String, Var)]) -> Result<Vec<Tensor>, NluError> {
    Ok(vars
        .iter()
        .map(|(_, v)| Ok(v.as_tensor().copy()?.detach()))
        .collect::<candle_core::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    #[test]
    fn the_average_trails_the_weights_and_swaps_back() {
        let var = Var::from_vec(vec![0f32, 0.0], 2, &Device::Cpu).unwrap();
        let vars = vec![("w".to_string(), var.clone())];
        let mut avg = WeightAverage::new(&vars, 0.5).unwrap();
        var.set(&Tensor::new(&[4f32, 8.0], &Device::Cpu).unwrap())
            .unwrap();
        avg.update(&vars).unwrap();
        // First update: decay min(0.5, 2/11) = 2/11 of the old zeros.
        let live = avg.swap_in(&vars).unwrap();
        let got = var.as_tensor().to_vec1::<f32>().unwrap();
        assert!((got[0] - 4.0 * 9.0 / 11.0).abs() < 1e-5, "{got:?}");
        assert!((got[1] - 8.0 * 9.0 / 11.0).abs() < 1e-5, "{got:?}");
        restore(&vars, &live).unwrap();
        assert_eq!(var.as_tensor().to_vec1::<f32>().unwrap(), vec![4.0, 8.0]);
        assert!(WeightAverage::new(&vars, 1.0).is_err());
    }
}
