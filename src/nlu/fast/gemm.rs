//! `C = A·W + bias` for the small, tall-and-thin products of BERT inference: A is a few
//! to a few hundred token rows, W is fixed and packed once at load time into column panels
//! of [`NR`] so the micro-kernel streams it with aligned-stride loads and keeps up to
//! [`MR_MAX`]×[`NR`] accumulators in registers.

use super::ops::{apply_activation, Activation};
use super::pool::{Par, SyncPtr};
use super::simd::Isa;

/// Columns per packed panel: two 512-bit registers.
pub(crate) const NR: usize = 32;
/// Most rows one micro-kernel call handles (24 accumulators of the 32 AVX-512 registers).
pub(crate) const MR_MAX: usize = 12;

/// A weight matrix `K × N` (in × out) packed as `ceil(N / NR)` panels of `K × NR`, plus its
/// bias padded to whole panels.
pub(crate) struct PackedLinear {
    k: usize,
    n: usize,
    panels: Panels,
    bias: Vec<f32>,
}

/// The packed weights in f32, or in bfloat16 (the top half of each f32, rounded to nearest
/// even): half the bytes to stream, widened back to f32 in registers, so the arithmetic
/// stays f32 and only the weights lose precision (8 bits of mantissa).
enum Panels {
    F32(Vec<f32>),
    Bf16(Vec<u16>),
}

/// f32 → bfloat16, round to nearest even (NaN stays NaN).
pub(crate) fn to_bf16(x: f32) -> u16 {
    let bits = x.to_bits();
    if x.is_nan() {
        return ((bits >> 16) | 0x40) as u16;
    }
    let round = 0x7fff + ((bits >> 16) & 1);
    (bits.wrapping_add(round) >> 16) as u16
}

impl PackedLinear {
    /// From PyTorch's layout: `weight` is `[n × k]` (out × in) row-major, `bias` `[n]`.
    pub(crate) fn from_out_in(weight: &[f32], bias: &[f32], n: usize, k: usize) -> Self {
        assert_eq!(weight.len(), n * k, "weight is not {n}×{k}");
        assert_eq!(bias.len(), n, "bias is not {n} long");
        let np = n.div_ceil(NR);
        let mut panels = vec![0.0; np * k * NR];
        for col in 0..n {
            let (p, j) = (col / NR, col % NR);
            let panel = &mut panels[p * k * NR..(p + 1) * k * NR];
            for (kk, w) in weight[col * k..(col + 1) * k].iter().enumerate() {
                panel[kk * NR + j] = *w;
            }
        }
        let mut padded = vec![0.0; np * NR];
        padded[..n].copy_from_slice(bias);
        Self {
            k,
            n,
            panels: Panels::F32(panels),
            bias: padded,
        }
    }

    /// The same matrix with bfloat16 weights (the bias stays f32).
    pub(crate) fn into_bf16(self) -> Self {
        let panels = match self.panels {
            Panels::F32(p) => Panels::Bf16(p.iter().map(|&w| to_bf16(w)).collect()),
            bf16 => bf16,
        };
        Self { panels, ..self }
    }

    pub(crate) fn in_dim(&self) -> usize {
        self.k
    }

    pub(crate) fn out_dim(&self) -> usize {
        self.n
    }

    fn n_panels(&self) -> usize {
        self.n.div_ceil(NR)
    }

    /// `c[m × n] = act(a[m × k] · W + bias)`, the panels split over `par`'s threads.
    pub(crate) fn forward(
        &self,
        isa: Isa,
        par: &Par,
        a: &[f32],
        m: usize,
        c: &mut [f32],
        act: Activation,
    ) {
        let (k, n) = (self.k, self.n);
        assert!(
            a.len() >= m * k && c.len() >= m * n,
            "matmul operands too short"
        );
        if m == 0 {
            return;
        }
        let np = self.n_panels();
        let parts = par.threads().min(np);
        let out = SyncPtr(c.as_mut_ptr());
        par.for_each(parts, |part| {
            let (p0, p1) = (part * np / parts, (part + 1) * np / parts);
            for p in p0..p1 {
                // SAFETY: panel p writes only columns p*NR.. of each row; parts own
                // disjoint panel ranges, and `c` holds m×n values (checked above).
                unsafe { self.panel(isa, a, m, p, out, act) };
            }
        });
    }

    /// All rows of A against panel `p`, in row blocks of at most MR_MAX split evenly
    /// (13 rows run as 7 + 6, not 12 + 1).
    unsafe fn panel(&self, isa: Isa, a: &[f32], m: usize, p: usize, c: SyncPtr, act: Activation) {
        let (k, n) = (self.k, self.n);
        let range = p * k * NR..(p + 1) * k * NR;
        let panel = match &self.panels {
            Panels::F32(w) => Panel::F32(&w[range]),
            Panels::Bf16(w) => Panel::Bf16(&w[range]),
        };
        let bias = &self.bias[p * NR..(p + 1) * NR];
        let col0 = p * NR;
        let cols = (n - col0).min(NR);
        let blocks = m.div_ceil(MR_MAX);
        let mut row = 0;
        for b in 0..blocks {
            let rows = (m - row).div_ceil(blocks - b);
            let a_blk = &a[row * k..(row + rows) * k];
            let c_blk = c.get().add(row * n + col0);
            tile(isa, rows, k, a_blk, panel, bias, c_blk, n, cols);
            if act != Activation::Identity {
                for r in 0..rows {
                    let s = std::slice::from_raw_parts_mut(c_blk.add(r * n), cols);
                    apply_activation(isa, act, s);
                }
            }
            row += rows;
        }
    }
}

/// One panel's weights.
#[derive(Clone, Copy)]
enum Panel<'a> {
    F32(&'a [f32]),
    Bf16(&'a [u16]),
}

/// A packed weight element the kernels can widen to f32.
trait Weight: Copy {
    const BF16: bool;
    fn to_f32(self) -> f32;
}

impl Weight for f32 {
    const BF16: bool = false;
    #[inline(always)]
    fn to_f32(self) -> f32 {
        self
    }
}

impl Weight for u16 {
    const BF16: bool = true;
    #[inline(always)]
    fn to_f32(self) -> f32 {
        f32::from_bits((self as u32) << 16)
    }
}

/// Dispatches one `rows × cols` tile (rows ≤ MR_MAX, cols ≤ NR) to the kernel for `isa`.
#[allow(clippy::too_many_arguments)]
unsafe fn tile(
    isa: Isa,
    rows: usize,
    k: usize,
    a: &[f32],
    panel: Panel<'_>,
    bias: &[f32],
    c: *mut f32,
    ldc: usize,
    cols: usize,
) {
    macro_rules! by_rows {
        ($kernel:ident, $w:expr) => {
            match rows {
                1 => $kernel::<1, _>(k, a, $w, bias, c, ldc, cols),
                2 => $kernel::<2, _>(k, a, $w, bias, c, ldc, cols),
                3 => $kernel::<3, _>(k, a, $w, bias, c, ldc, cols),
                4 => $kernel::<4, _>(k, a, $w, bias, c, ldc, cols),
                5 => $kernel::<5, _>(k, a, $w, bias, c, ldc, cols),
                6 => $kernel::<6, _>(k, a, $w, bias, c, ldc, cols),
                7 => $kernel::<7, _>(k, a, $w, bias, c, ldc, cols),
                8 => $kernel::<8, _>(k, a, $w, bias, c, ldc, cols),
                9 => $kernel::<9, _>(k, a, $w, bias, c, ldc, cols),
                10 => $kernel::<10, _>(k, a, $w, bias, c, ldc, cols),
                11 => $kernel::<11, _>(k, a, $w, bias, c, ldc, cols),
                12 => $kernel::<12, _>(k, a, $w, bias, c, ldc, cols),
                _ => unreachable!("row block of {rows}"),
            }
        };
    }
    macro_rules! by_weights {
        ($kernel:ident) => {
            match panel {
                Panel::F32(w) => by_rows!($kernel, w),
                Panel::Bf16(w) => by_rows!($kernel, w),
            }
        };
    }
    match isa {
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512 => by_weights!(tile_avx512),
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2 => by_weights!(tile_avx2),
        _ => by_weights!(tile_portable),
    }
}

/// The AVX-512 micro-kernel: MR rows × 32 columns in 2·MR zmm accumulators, one broadcast
/// of A and two loads of W per step of k.
/// bfloat16 weights are widened in registers (zero-extend to 32 bits, shift left 16).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn tile_avx512<const MR: usize, W: Weight>(
    k: usize,
    a: &[f32],
    panel: &[W],
    bias: &[f32],
    c: *mut f32,
    ldc: usize,
    cols: usize,
) {
    use std::arch::x86_64::*;
    debug_assert!(a.len() >= MR * k && panel.len() >= k * NR && bias.len() >= NR);
    let a = a.as_ptr();
    let mut lo = [_mm512_setzero_ps(); MR];
    let mut hi = [_mm512_setzero_ps(); MR];
    for p in 0..k {
        let (w0, w1) = if W::BF16 {
            let w = panel.as_ptr().cast::<u16>().add(p * NR);
            let h0 = _mm256_loadu_si256(w.cast::<__m256i>());
            let h1 = _mm256_loadu_si256(w.add(16).cast::<__m256i>());
            (
                _mm512_castsi512_ps(_mm512_slli_epi32::<16>(_mm512_cvtepu16_epi32(h0))),
                _mm512_castsi512_ps(_mm512_slli_epi32::<16>(_mm512_cvtepu16_epi32(h1))),
            )
        } else {
            let w = panel.as_ptr().cast::<f32>().add(p * NR);
            (_mm512_loadu_ps(w), _mm512_loadu_ps(w.add(16)))
        };
        for i in 0..MR {
            let x = _mm512_set1_ps(*a.add(i * k + p));
            lo[i] = _mm512_fmadd_ps(x, w0, lo[i]);
            hi[i] = _mm512_fmadd_ps(x, w1, hi[i]);
        }
    }
    let b0 = _mm512_loadu_ps(bias.as_ptr());
    let b1 = _mm512_loadu_ps(bias.as_ptr().add(16));
    let m0: __mmask16 = if cols >= 16 {
        0xffff
    } else {
        (1u16 << cols) - 1
    };
    let m1: __mmask16 = if cols >= NR {
        0xffff
    } else if cols > 16 {
        (1u16 << (cols - 16)) - 1
    } else {
        0
    };
    for i in 0..MR {
        let row = c.add(i * ldc);
        _mm512_mask_storeu_ps(row, m0, _mm512_add_ps(lo[i], b0));
        _mm512_mask_storeu_ps(row.add(16), m1, _mm512_add_ps(hi[i], b1));
    }
}

/// The AVX2 micro-kernel. AVX2 has 16 ymm registers, so the AVX-512 tile (2·MR
/// accumulators of 16 lanes) does not fit: written as plain Rust it spilled its
/// accumulators to the stack on every step of k and ran at a fifth of the machine's speed.
/// Here the tile is cut into blocks of at most 6 rows × 16 columns (half a panel): 12
/// accumulators, two weight vectors and one broadcast, the shape of BLIS's Haswell kernel.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn tile_avx2<const MR: usize, W: Weight>(
    k: usize,
    a: &[f32],
    panel: &[W],
    bias: &[f32],
    c: *mut f32,
    ldc: usize,
    cols: usize,
) {
    debug_assert!(a.len() >= MR * k && panel.len() >= k * NR && bias.len() >= NR);
    let mut row = 0;
    while row < MR {
        let rows = (MR - row).min(6);
        let a = a.as_ptr().add(row * k);
        let c = c.add(row * ldc);
        for half in [0, 16] {
            if half >= cols {
                break;
            }
            let args = (k, a, panel.as_ptr(), half, bias, c, ldc, cols);
            match rows {
                1 => block_avx2::<1, W>(args),
                2 => block_avx2::<2, W>(args),
                3 => block_avx2::<3, W>(args),
                4 => block_avx2::<4, W>(args),
                5 => block_avx2::<5, W>(args),
                _ => block_avx2::<6, W>(args),
            }
        }
        row += rows;
    }
}

/// `k`, A's first row, the panel, the first column of the half, bias, C's first row, C's
/// row stride, the tile's columns.
#[cfg(target_arch = "x86_64")]
type BlockArgs<'b, W> = (
    usize,
    *const f32,
    *const W,
    usize,
    &'b [f32],
    *mut f32,
    usize,
    usize,
);

/// R rows × the 16 columns from `half` of one tile, k steps of one broadcast and two FMAs
/// per row.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn block_avx2<const R: usize, W: Weight>(
    (k, a, panel, half, bias, c, ldc, cols): BlockArgs<'_, W>,
) {
    use std::arch::x86_64::*;
    let mut lo = [_mm256_setzero_ps(); R];
    let mut hi = [_mm256_setzero_ps(); R];
    for p in 0..k {
        let (w0, w1) = if W::BF16 {
            let w = panel.cast::<u16>().add(p * NR + half);
            let h0 = _mm_loadu_si128(w.cast::<__m128i>());
            let h1 = _mm_loadu_si128(w.add(8).cast::<__m128i>());
            (
                _mm256_castsi256_ps(_mm256_slli_epi32::<16>(_mm256_cvtepu16_epi32(h0))),
                _mm256_castsi256_ps(_mm256_slli_epi32::<16>(_mm256_cvtepu16_epi32(h1))),
            )
        } else {
            let w = panel.cast::<f32>().add(p * NR + half);
            (_mm256_loadu_ps(w), _mm256_loadu_ps(w.add(8)))
        };
        for i in 0..R {
            let x = _mm256_set1_ps(*a.add(i * k + p));
            lo[i] = _mm256_fmadd_ps(x, w0, lo[i]);
            hi[i] = _mm256_fmadd_ps(x, w1, hi[i]);
        }
    }
    let b0 = _mm256_loadu_ps(bias.as_ptr().add(half));
    let b1 = _mm256_loadu_ps(bias.as_ptr().add(half + 8));
    let n = (cols - half).min(16);
    for i in 0..R {
        let mut out = [0.0f32; 16];
        _mm256_storeu_ps(out.as_mut_ptr(), _mm256_add_ps(lo[i], b0));
        _mm256_storeu_ps(out.as_mut_ptr().add(8), _mm256_add_ps(hi[i], b1));
        std::ptr::copy_nonoverlapping(out.as_ptr(), c.add(i * ldc + half), n);
    }
}

/// The tile in plain Rust: LLVM vectorises the inner loop over the 32 columns.
#[inline(always)]
unsafe fn tile_portable<const MR: usize, W: Weight>(
    k: usize,
    a: &[f32],
    panel: &[W],
    bias: &[f32],
    c: *mut f32,
    ldc: usize,
    cols: usize,
) {
    let mut acc = [[0.0f32; NR]; MR];
    let mut w = [0.0f32; NR];
    for (p, ws) in panel.chunks_exact(NR).take(k).enumerate() {
        for (w, ws) in w.iter_mut().zip(ws) {
            *w = ws.to_f32();
        }
        for (i, acc) in acc.iter_mut().enumerate() {
            let x = a[i * k + p];
            for j in 0..NR {
                acc[j] += x * w[j];
            }
        }
    }
    for (i, acc) in acc.iter().enumerate() {
        let row = std::slice::from_raw_parts_mut(c.add(i * ldc), cols);
        for j in 0..cols {
            row[j] = acc[j] + bias[j];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[f32], w: &[f32], bias: &[f32], m: usize, k: usize, n: usize) -> Vec<f32> {
        let mut c = vec![0.0f32; m * n];
        for i in 0..m {
            for j in 0..n {
                let mut s = bias[j] as f64;
                for p in 0..k {
                    s += a[i * k + p] as f64 * w[j * k + p] as f64;
                }
                c[i * n + j] = s as f32;
            }
        }
        c
    }

    fn values(len: usize, seed: u32) -> Vec<f32> {
        // A small LCG: deterministic, no dependency.
        let mut s = seed.wrapping_mul(2654435761).wrapping_add(1);
        (0..len)
            .map(|_| {
                s = s.wrapping_mul(1664525).wrapping_add(1013904223);
                (s >> 8) as f32 / (1u32 << 24) as f32 * 2.0 - 1.0
            })
            .collect()
    }

    #[test]
    fn bf16_rounds_to_nearest_even() {
        assert_eq!(to_bf16(1.0), 0x3f80);
        // 1 + 2^-8 is halfway between two bf16 values: ties go to the even one (1.0).
        assert_eq!(to_bf16(1.0 + 1.0 / 256.0), 0x3f80);
        assert_eq!(to_bf16(1.0 + 3.0 / 256.0), 0x3f82);
        assert_eq!(to_bf16(-2.5), 0xc020);
        assert!(f32::from_bits((to_bf16(f32::NAN) as u32) << 16).is_nan());
    }

    #[test]
    fn matches_naive_product_for_odd_shapes_on_every_isa_and_thread_count() {
        let pool2 = Par::pool(2);
        for isa in Isa::available() {
            for &(m, k, n) in &[
                (1, 1, 1),
                (13, 384, 384),
                (7, 33, 31),
                (25, 17, 65),
                (12, 5, 32),
                (29, 64, 100),
                (3, 1536, 47),
            ] {
                let a = values(m * k, 1 + m as u32);
                let w = values(n * k, 2 + n as u32);
                let bias = values(n, 3);
                let want = naive(&a, &w, &bias, m, k, n);
                let packed = PackedLinear::from_out_in(&w, &bias, n, k);
                for par in [Par::serial(), pool2.clone()] {
                    let mut c = vec![f32::NAN; m * n];
                    par.run(|par| packed.forward(isa, par, &a, m, &mut c, Activation::Identity));
                    for (i, (g, w)) in c.iter().zip(&want).enumerate() {
                        assert!(
                            (g - w).abs() <= 1e-4 * (1.0 + w.abs()),
                            "{isa:?} {m}×{k}×{n} threads {}: element {i} is {g}, want {w}",
                            par.threads()
                        );
                    }
                }
                // bfloat16 weights: exactly the product with the rounded weights.
                let w16: Vec<f32> = w
                    .iter()
                    .map(|&x| f32::from_bits((to_bf16(x) as u32) << 16))
                    .collect();
                let want16 = naive(&a, &w16, &bias, m, k, n);
                let packed16 = PackedLinear::from_out_in(&w, &bias, n, k).into_bf16();
                let mut c = vec![f32::NAN; m * n];
                packed16.forward(isa, &Par::serial(), &a, m, &mut c, Activation::Identity);
                for (i, (g, w)) in c.iter().zip(&want16).enumerate() {
                    assert!(
                        (g - w).abs() <= 1e-4 * (1.0 + w.abs()),
                        "{isa:?} bf16 {m}×{k}×{n}: element {i} is {g}, want {w}"
                    );
                }
            }
        }
    }
}
