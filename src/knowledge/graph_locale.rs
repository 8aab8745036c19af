//! The graph in a locale: the shop's texts from `knowledge/<locale>/`, each falling back
//! to the English one where the locale has none (or no locale is asked for).

use super::faq::{hits, FaqHit, FaqMatch};
use super::faq_multilingual::{LocaleFaqVectors, MultilingualEncoder};
use super::faq_words::is_cjk;
use super::graph::Graph;
use super::locale::{self, LocaleTexts};
use super::schema::{Category, Policy, PolicyKind, Product};
use super::KnowledgeError;
use crate::types::Embed;

impl Graph {
    /// The texts of the locale folder that answers `locale` (`zh-CN` → `zh/`), if any.
    pub fn locale(&self, locale: &str) -> Option<&LocaleTexts> {
        locale::resolve(&self.catalog.locales, locale)
    }

    /// The locales the shop has texts for (`zh` for `knowledge/zh/`).
    pub fn locales(&self) -> impl Iterator<Item = &str> {
        self.catalog.locales.keys().map(String::as_str)
    }

    /// A product's name in `locale`, else its English name.
    pub fn product_name<'a>(&'a self, product: &'a Product, locale: &str) -> &'a str {
        self.locale(locale)
            .and_then(|t| t.product(product.id.as_str()))
            .map_or(product.name.as_str(), |p| p.name.as_str())
    }

    /// A product's description in `locale`, else the English one.
    pub fn product_description<'a>(&'a self, product: &'a Product, locale: &str) -> &'a str {
        self.locale(locale)
            .and_then(|t| t.product(product.id.as_str()))
            .map(|p| p.description.as_str())
            .filter(|d| !d.trim().is_empty())
            .unwrap_or(product.description.as_str())
    }

    /// A category's name in `locale`, else its English name.
    pub fn category_name<'a>(&'a self, category: &'a Category, locale: &str) -> &'a str {
        self.locale(locale)
            .and_then(|t| t.category(&category.id))
            .map_or(category.name.as_str(), |c| c.name.as_str())
    }

    /// An attribute's name (by id) in `locale`, else the English one; `None` when the
    /// attribute is not declared.
    pub fn attribute_label(&self, id: &str, locale: &str) -> Option<&str> {
        self.locale(locale)
            .and_then(|t| t.attribute(id))
            .map(|a| a.name.as_str())
            .or_else(|| self.attribute_name(id))
    }

    /// A policy in `locale` (title, summary and body translated; the terms are the
    /// English ones), else the English policy.
    pub fn policy_in(&self, kind: PolicyKind, locale: &str) -> Option<&Policy> {
        self.locale(locale)
            .and_then(|t| t.policy(kind))
            .or_else(|| self.policy(kind))
    }

    /// The `k` FAQ entries closest to `query`, with the entries in `locale` where it has
    /// them. With a multilingual encoder set ([`Graph::set_multilingual`]) a locale's own
    /// FAQ is matched by meaning ([`FaqMatch::Multilingual`]); else by shared characters ([`FaqMatch::Words`]) when
    /// the question is written in a script without spaces (Chinese: the English encoder
    /// cannot read it) or shares enough with a phrasing; else the English FAQ is matched
    /// by meaning and each hit answered in the locale where translated.
    pub fn faq_lookup_in(
        &self,
        query: &str,
        embed: &dyn Embed,
        k: usize,
        locale: &str,
    ) -> Result<Vec<FaqHit<'_>>, KnowledgeError> {
        let Some((name, texts)) = self.locale(locale).and_then(|t| {
            self.catalog
                .locales
                .iter()
                .find(|(_, x)| std::ptr::eq(*x, t))
        }) else {
            return self.faq_lookup(query, embed, k);
        };
        if let Some(vectors) = self.faq_multilingual.get() {
            if let Some(best) = vectors.best(name, query, texts.faq.len())? {
                return Ok(hits(&texts.faq, best, k, FaqMatch::Multilingual));
            }
        }
        if let Some(words) = self.faq_words.get(name) {
            let hits = hits(
                &texts.faq,
                words.best(query, texts.faq.len()),
                k,
                FaqMatch::Words,
            );
            let top = hits.first().map_or(0.0, |h| h.score);
            if query.chars().any(is_cjk) || top >= WORDS_ENOUGH {
                return Ok(hits);
            }
        }
        let mut hits = self.faq_lookup(query, embed, k)?;
        for hit in &mut hits {
            if let Some(entry) = texts.faq_entry(&hit.entry.id) {
                hit.entry = entry;
            }
        }
        Ok(hits)
    }

    /// Matches locale FAQ questions by meaning with `encoder` from now on (the
    /// multilingual encoder; `prefix` is what it wants before each text, `query: ` for
    /// e5): embeds every locale's phrasings now. A second call changes nothing.
    pub fn set_multilingual(&self, encoder: MultilingualEncoder) -> Result<(), KnowledgeError> {
        if self.faq_multilingual.get().is_some() {
            return Ok(());
        }
        let vectors = LocaleFaqVectors::build(
            encoder,
            self.catalog
                .locales
                .iter()
                .filter(|(_, t)| !t.faq.is_empty())
                .map(|(l, t)| (l, t.faq.as_slice())),
        )?;
        let _ = self.faq_multilingual.set(vectors);
        Ok(())
    }
}

/// A question in another script that shares this much with a locale phrasing is
/// matched by its words rather than by the English encoder.
const WORDS_ENOUGH: f32 = 0.5;
