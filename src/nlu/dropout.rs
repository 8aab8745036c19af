//! Inverted dropout for training, from a seeded counter-based generator: candle's own
//! dropout draws from an unseeded one, so two runs with the same seed would differ.

use std::sync::atomic::{AtomicU64, Ordering};

use candle_core::Tensor;

pub(crate) struct Dropout {
    p: f32,
    state: AtomicU64,
}

impl Dropout {
    pub(crate) fn new(p: f32, seed: u64) -> Self {
        Self {
            p,
            state: AtomicU64::new(seed ^ 0x6a09_e667_f3bc_c908),
        }
    }

    pub(crate) fn off() -> Self {
        Self::new(0.0, 0)
    }

    /// Zeroes each element with probability p and scales the rest by 1/(1-p).
    pub(crate) fn apply(&self, xs: &Tensor) -> candle_core::Result<Tensor> {
        if self.p <= 0.0 {
            return Ok(xs.clone());
        }
        let n = xs.elem_count() as u64;
        // each call takes its own stretch of the sequence, so calls never share masks
        let mut s = self.state.fetch_add(n, Ordering::Relaxed);
        let keep = 1.0 / (1.0 - self.p);
        let mask: Vec<f32> = (0..n)
            .map(|_| {
                s = s.wrapping_add(1);
                let u = (splitmix64(s) >> 40) as f32 / (1u64 << 24) as f32;
                if u < self.p {
                    0.0
                } else {
                    keep
                }
            })
            .collect();
        xs * Tensor::from_vec(mask, xs.shape(), xs.device())?
    }
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    #[test]
    fn drops_about_p_keeps_the_mean_and_repeats_with_the_seed() {
        let xs = Tensor::ones(20_000, candle_core::DType::F32, &Device::Cpu).unwrap();
        let a = Dropout::new(0.1, 7)
            .apply(&xs)
            .unwrap()
            .to_vec1::<f32>()
            .unwrap();
        let b = Dropout::new(0.1, 7)
            .apply(&xs)
            .unwrap()
            .to_vec1::<f32>()
            .unwrap();
        assert_eq!(a, b);
        let zeros = a.iter().filter(|v| **v == 0.0).count() as f64 / a.len() as f64;
        assert!((zeros - 0.1).abs() < 0.01, "dropped {zeros}");
        let mean = a.iter().sum::<f32>() / a.len() as f32;
        assert!((mean - 1.0).abs() < 0.02, "mean {mean}");
        let off = Dropout::off().apply(&xs).unwrap().to_vec1::<f32>().unwrap();
        assert!(off.iter().all(|v| *v == 1.0));
    }
}
