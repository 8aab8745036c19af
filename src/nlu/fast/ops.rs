//! The element-wise and row-wise kernels of the forward pass (activations, residual +
//! layer norm, attention), written as plain loops that LLVM vectorises; `multiversion!`
//! compiles each for the CPU's widest vectors. `exp` and `erf` are branch-free polynomials
//! so they vectorise too (libm calls would not).

use super::simd::multiversion;
use super::simd::Isa;

/// What follows a linear layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Activation {
    Identity,
    /// `x·Φ(x)` with the exact (erf) normal CDF: BERT's "gelu".
    GeluErf,
    /// The tanh approximation ("gelu_new").
    GeluTanh,
    Relu,
}

/// e^x for f32, relative error below 2e-7 on the range that does not overflow; inputs
/// below -87 give ~1e-38 rather than 0 (harmless where it is used: softmax, erf).
#[inline(always)]
pub(crate) fn exp(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    const ROUND: f32 = 12_582_912.0; // 1.5·2^23: adding it rounds to an integer
    let x = x.clamp(-87.0, 88.0);
    let shifted = x * LOG2E + ROUND;
    let n = shifted - ROUND;
    // The integer n sits in the low mantissa bits of `shifted`.
    let ni = shifted.to_bits() as i32 - ROUND.to_bits() as i32;
    let r = x - n * LN2_HI - n * LN2_LO;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    p * f32::from_bits(((ni + 127) << 23) as u32)
}

/// erf(x), absolute error below 6e-7 (Abramowitz & Stegun 7.1.26, 1.5e-7, plus f32 rounding).
#[inline(always)]
pub(crate) fn erf(x: f32) -> f32 {
    let a = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * a);
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_7 + t * (-1.453_152 + t * 1.061_405_4))));
    (1.0 - poly * exp(-a * a)).copysign(x)
}

#[inline(always)]
fn tanh(x: f32) -> f32 {
    let e = exp(2.0 * x.clamp(-20.0, 20.0));
    (e - 1.0) / (e + 1.0)
}

multiversion! {
    fn gelu_erf(xs: &mut [f32]) {
        for x in xs.iter_mut() {
            *x = 0.5 * *x * (1.0 + erf(*x * std::f32::consts::FRAC_1_SQRT_2));
        }
    }
}

multiversion! {
    fn gelu_tanh(xs: &mut [f32]) {
        const C: f32 = 0.797_884_6; // sqrt(2/π)
        for x in xs.iter_mut() {
            let v = *x;
            *x = 0.5 * v * (1.0 + tanh(C * (v + 0.044_715 * v * v * v)));
        }
    }
}

pub(crate) fn apply_activation(isa: Isa, act: Activation, xs: &mut [f32]) {
    match act {
        Activation::Identity => {}
        Activation::GeluErf => gelu_erf(isa, xs),
        Activation::GeluTanh => gelu_tanh(isa, xs),
        Activation::Relu => xs.iter_mut().for_each(|x| *x = x.max(0.0)),
    }
}

/// Sum of a slice in 16 independent lanes (a single running sum would not vectorise:
/// f32 addition is not associative, so LLVM keeps its order).
#[inline(always)]
fn sum(xs: &[f32]) -> f32 {
    let mut acc = [0.0f32; 16];
    let chunks = xs.chunks_exact(16);
    let tail: f32 = chunks.remainder().iter().sum();
    for c in chunks {
        for i in 0..16 {
            acc[i] += c[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

#[inline(always)]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f32; 16];
    let (ca, cb) = (a.chunks_exact(16), b.chunks_exact(16));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..16 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

multiversion! {
    /// Each row of `xs` (rows of `gamma.len()`) becomes `LayerNorm(xs + residual)`.
    pub(crate) fn add_layer_norm(
        xs: &mut [f32],
        residual: Option<&[f32]>,
        gamma: &[f32],
        beta: &[f32],
        eps: f32,
    ) {
        let h = gamma.len();
        for (r, row) in xs.chunks_exact_mut(h).enumerate() {
            if let Some(res) = residual {
                for (x, y) in row.iter_mut().zip(&res[r * h..(r + 1) * h]) {
                    *x += *y;
                }
            }
            let mean = sum(row) / h as f32;
            for x in row.iter_mut() {
                *x -= mean;
            }
            let mut sq = [0.0f32; 16];
            let chunks = row.chunks_exact(16);
            let tail: f32 = chunks.remainder().iter().map(|x| x * x).sum();
            for c in chunks {
                for i in 0..16 {
                    sq[i] += c[i] * c[i];
                }
            }
            let var = (sq.iter().sum::<f32>() + tail) / h as f32;
            let inv = 1.0 / (var + eps).sqrt();
            for ((x, g), b) in row.iter_mut().zip(gamma).zip(beta) {
                *x = *x * inv * g + b;
            }
        }
    }
}

multiversion! {
    /// Self-attention of one head over one sequence of `t` tokens, with no mask (sequences
    /// are never padded). `qkv` holds the sequence's rows of `[q | k | v]` (3·hidden wide, q
    /// already scaled by 1/√head_dim); the head's context goes to columns `head·d..` of
    /// `ctx`'s rows (hidden wide). `scores` is scratch of at least t values.
    pub(crate) fn attention_head(
        qkv: &[f32],
        t: usize,
        head: usize,
        head_dim: usize,
        ctx: &mut [f32],
        scores: &mut [f32],
    ) {
        let stride = qkv.len() / t;
        let hidden = stride / 3;
        let (q0, k0, v0) = (head * head_dim, hidden + head * head_dim, 2 * hidden + head * head_dim);
        let scores = &mut scores[..t];
        for i in 0..t {
            let q = &qkv[i * stride + q0..i * stride + q0 + head_dim];
            let mut max = f32::NEG_INFINITY;
            for (j, s) in scores.iter_mut().enumerate() {
                *s = dot(q, &qkv[j * stride + k0..j * stride + k0 + head_dim]);
                max = max.max(*s);
            }
            for s in scores.iter_mut() {
                *s = exp(*s - max);
            }
            let inv = 1.0 / sum(scores);
            let out = &mut ctx[i * hidden + q0..i * hidden + q0 + head_dim];
            out.fill(0.0);
            for (j, s) in scores.iter().enumerate() {
                let p = s * inv;
                let v = &qkv[j * stride + v0..j * stride + v0 + head_dim];
                for (o, v) in out.iter_mut().zip(v) {
                    *o += p * v;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_and_erf_match_libm() {
        let mut x = -30.0f32;
        while x < 30.0 {
            let (e, want) = (exp(x), x.exp());
            assert!(
                (e - want).abs() <= 3e-7 * want,
                "exp({x}) = {e}, want {want}"
            );
            let want = libm_erf(x as f64) as f32;
            assert!(
                (erf(x) - want).abs() < 6e-7,
                "erf({x}) = {}, want {want}",
                erf(x)
            );
            x += 0.013;
        }
    }

    /// erf in f64 by its Taylor series (|x| < 3) and continued fraction beyond.
    fn libm_erf(x: f64) -> f64 {
        if x.abs() >= 6.0 {
            return x.signum();
        }
        if x.abs() < 3.0 {
            let mut term = x;
            let mut sum = x;
            for n in 1..200 {
                term *= -x * x / n as f64;
                sum += term / (2 * n + 1) as f64;
            }
            return sum * 2.0 / std::f64::consts::PI.sqrt();
        }
        // erfc(x) = exp(-x²)/(x√π) · 1/(1 + 1/(2x²)/(1 + 2/(2x²)/(1 + …)))
        let a = x.abs();
        let mut f = 0.0;
        for n in (1..60).rev() {
            f = (n as f64 / 2.0) / (a + f);
        }
        let erfc = (-a * a).exp() / std::f64::consts::PI.sqrt() / (a + f);
        (1.0 - erfc) * x.signum()
    }

    #[test]
    fn activations_and_layer_norm_agree_across_isas() {
        let xs: Vec<f32> = (0..389).map(|i| (i as f32 - 190.0) * 0.037).collect();
        let gamma: Vec<f32> = (0..389).map(|i| 1.0 + i as f32 * 1e-3).collect();
        let beta: Vec<f32> = (0..389).map(|i| i as f32 * -1e-3).collect();
        let mut want = xs.clone();
        for x in want.iter_mut() {
            *x = 0.5 * *x * (1.0 + libm_erf(*x as f64 / 2f64.sqrt()) as f32);
        }
        for isa in Isa::available() {
            let mut g = xs.clone();
            apply_activation(isa, Activation::GeluErf, &mut g);
            for (a, b) in g.iter().zip(&want) {
                assert!((a - b).abs() < 1e-5, "{isa:?} gelu {a} vs {b}");
            }
            // Two rows of 389 (a length with a remainder after the 16-wide lanes).
            let mut rows = [xs.clone(), xs.clone()].concat();
            let res = [xs.clone(), vec![0.5; 389]].concat();
            add_layer_norm(isa, &mut rows, Some(&res), &gamma, &beta, 1e-12);
            for r in 0..2 {
                let raw: Vec<f64> = (0..389)
                    .map(|i| (xs[i] + res[r * 389 + i]) as f64)
                    .collect();
                let mean = raw.iter().sum::<f64>() / 389.0;
                let var = raw.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 389.0;
                for i in 0..389 {
                    let want = (raw[i] - mean) / var.sqrt() * gamma[i] as f64 + beta[i] as f64;
                    let got = rows[r * 389 + i] as f64;
                    assert!(
                        (got - want).abs() < 1e-4,
                        "{isa:?} layer norm [{r},{i}] {got} vs {want}"
                    );
                }
            }
        }
    }

    #[test]
    fn attention_matches_naive_softmax_attention() {
        let (t, heads, d) = (5, 3, 7);
        let hidden = heads * d;
        let qkv: Vec<f32> = (0..t * 3 * hidden)
            .map(|i| ((i * 37 % 23) as f32 - 11.0) * 0.1)
            .collect();
        for isa in Isa::available() {
            let mut ctx = vec![f32::NAN; t * hidden];
            let mut scratch = vec![0.0; t];
            for h in 0..heads {
                attention_head(isa, &qkv, t, h, d, &mut ctx, &mut scratch);
            }
            for h in 0..heads {
                for i in 0..t {
                    let q = |c: usize| qkv[i * 3 * hidden + h * d + c] as f64;
                    let s: Vec<f64> = (0..t)
                        .map(|j| {
                            (0..d)
                                .map(|c| q(c) * qkv[j * 3 * hidden + hidden + h * d + c] as f64)
                                .sum()
                        })
                        .collect();
                    let m = s.iter().cloned().fold(f64::MIN, f64::max);
                    let z: f64 = s.iter().map(|x| (x - m).exp()).sum();
                    for c in 0..d {
                        let want: f64 = (0..t)
                            .map(|j| {
                                (s[j] - m).exp() / z
                                    * qkv[j * 3 * hidden + 2 * hidden + h * d + c] as f64
                            })
                            .sum();
                        let got = ctx[i * hidden + h * d + c] as f64;
                        assert!(
                            (got - want).abs() < 1e-5,
                            "{isa:?} head {h} row {i} col {c}: {got} vs {want}"
                        );
                    }
                }
            }
        }
    }
}
