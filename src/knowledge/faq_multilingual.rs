//! FAQ lookup by meaning in a locale, with a multilingual encoder (multilingual-e5-small)
//! when one is served: the locale's own questions and alternates embedded, the shopper's
//! question compared by cosine. On the Chinese calibration questions it answers 46 of 48
//! right with one false answer at 0.90, against 39 of 48 with two for the characters
//! (docs/knowledge.md); without it the characters match (`faq_words`).

use std::collections::HashMap;
use std::sync::Arc;

use super::faq::phrasing;
use super::schema::FaqEntry;
use super::KnowledgeError;
use crate::types::{Embed, EmbedError};

/// A multilingual encoder and the text it wants before each input (`query: ` for e5).
#[derive(Clone)]
pub struct MultilingualEncoder {
    pub embed: Arc<dyn Embed>,
    pub prefix: String,
}

impl std::fmt::Debug for MultilingualEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MultilingualEncoder")
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// Per FAQ entry the best (cosine, phrasing index), if any phrasing scored.
pub(crate) type BestPerEntry = Vec<Option<(f32, usize)>>;

/// Each locale's FAQ phrasing vectors: (faq index, phrasing index, vector).
pub(crate) struct LocaleFaqVectors {
    pub encoder: MultilingualEncoder,
    pub by_locale: HashMap<String, Vec<(usize, usize, Vec<f32>)>>,
}

impl LocaleFaqVectors {
    pub fn build<'a>(
        encoder: MultilingualEncoder,
        locales: impl Iterator<Item = (&'a String, &'a [FaqEntry])>,
    ) -> Result<Self, KnowledgeError> {
        let mut by_locale = HashMap::new();
        for (locale, faq) in locales {
            let mut keys = Vec::new();
            for (i, e) in faq.iter().enumerate() {
                for j in 0..=e.alternates.len() {
                    keys.push((i, j, format!("{}{}", encoder.prefix, phrasing(e, j))));
                }
            }
            let mut rows = Vec::with_capacity(keys.len());
            for chunk in keys.chunks(32) {
                let texts: Vec<&str> = chunk.iter().map(|k| k.2.as_str()).collect();
                for (k, v) in chunk.iter().zip(encoder.embed.embed(&texts)?) {
                    rows.push((k.0, k.1, v));
                }
            }
            by_locale.insert(locale.clone(), rows);
        }
        Ok(Self { encoder, by_locale })
    }

    /// Per FAQ entry of `locale` the best (cosine, phrasing index); `None` when the
    /// locale has no vectors.
    pub fn best(
        &self,
        locale: &str,
        query: &str,
        entries: usize,
    ) -> Result<Option<BestPerEntry>, KnowledgeError> {
        let Some(rows) = self.by_locale.get(locale) else {
            return Ok(None);
        };
        let text = format!("{}{query}", self.encoder.prefix);
        let q = self
            .encoder
            .embed
            .embed(&[text.as_str()])?
            .pop()
            .ok_or_else(|| EmbedError("the encoder returned no vector".into()))?;
        let mut best: BestPerEntry = vec![None; entries];
        for (i, j, v) in rows {
            let s: f32 = v.iter().zip(&q).map(|(a, b)| a * b).sum();
            if best[*i].is_none_or(|(b, _)| s > b) {
                best[*i] = Some((s, *j));
            }
        }
        Ok(Some(best))
    }
}
