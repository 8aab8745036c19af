//! The search itself: type → constraints → lexical and semantic rankings → fusion →
//! one hit per item → sort wish.

use lru::LruCache;
use parking_lot::Mutex;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::audience;
use super::cjk_narrow::CjkLabels;
use super::collapse::{collapse, items};
use super::filter::{brand_said, BrandSaid, Constraints, Stated};
use super::fuse::{fuse, single, Fused, Fusion};
use super::index::{LexicalIndex, Word};
use super::narrow;
use super::product_type::{TypeNames, TypeResolver, TypeThresholds};
use super::semantic::{ProductVectors, SemanticRanking};
use super::thesaurus::Thesaurus;
use super::{sort, SearchError, SearchHit, SearchMode, SearchResults, TypeMatch};
use crate::knowledge::Graph;
use crate::lexicon::audience::{is_audience_word, Marks};
use crate::store::Store;
use crate::types::{Embed, ProductId, SearchRequest};

/// How many lexical matches are ranked at most (more than any list shows, with room for
/// the constraints to remove some).
const LEXICAL_DEPTH: usize = 300;
/// Up to this many admitted products the semantic signal scores them all; above, only
/// the lexical matches and the products of the asked type (a brute-force pass over a
/// very large catalogue costs more than a chat turn should).
const SEMANTIC_ALL: usize = 20_000;
/// How many products the semantic signal ranks at most (the fusion's candidates; more
/// than a list shows with room for collapsing). The rest of a type's products follow,
/// best reviewed first.
const SEMANTIC_DEPTH: usize = 1000;
/// Request texts whose vectors are kept (a shopper refining a search repeats words).
const QUERY_CACHE: usize = 512;
/// Without a product type, a hit by meaning alone stays only with at least this share of
/// the best hit's fused score.
const MEANING_ONLY_FLOOR: f32 = 0.6;
/// Without a product type, any hit stays only with at least this share of the best hit's
/// fused score: what matched one incidental word of the request ("youtube pin badge" →
/// every YouTube product; "google cloud notebook" → every Google journal) is no answer
/// beside what matched it all (docs/search.md, fifth round).
const UNTYPED_FLOOR: f32 = 0.5;
/// Products of the type the words did not reach, kept per hit asked for (room for
/// listings that collapse into one).
const TAIL_PER_SHOWN: usize = 4;
/// Up to this many words (stop words left out), a request without a type is read as
/// one: its last word says what kind of thing is wanted.
const SHORT_REQUEST: usize = 3;
/// With a sort wish and no product type, how far down the relevance list it reorders.
const SORT_HEAD: usize = 10;

/// Product search over one catalogue. Rebuild it when the knowledge changes (the index
/// on disk is keyed by the catalogue's content hash, so an unchanged one opens at once).
pub struct ProductSearch {
    graph: Arc<Graph>,
    embed: Arc<dyn Embed>,
    index: LexicalIndex,
    vectors: ProductVectors,
    types: TypeNames,
    /// The shop's synonym groups, stemmed as the index stems.
    thesaurus: Thesaurus,
    stated: Stated,
    /// Each product's item (listings of one item share it): see `collapse`.
    item_of: Vec<u32>,
    /// Each product's `in_stock()`, so a request asking nothing else reads no product.
    in_stock: Vec<bool>,
    /// Who each product is for, as its name and facts say.
    audience: Vec<Marks>,
    fusion: Fusion,
    thresholds: TypeThresholds,
    /// The shop's Chinese (CJK) words, when it has texts in such a locale.
    cjk_labels: Option<CjkLabels>,
    query_vectors: Mutex<LruCache<String, Arc<Vec<f32>>>>,
}

impl ProductSearch {
    /// Indexes `graph`: the lexical index under `index_dir` (see [`Self::index_dir`];
    /// `None` keeps it in memory) and the product vectors, read from `store` where already
    /// computed.
    pub fn build(
        graph: Arc<Graph>,
        embed: Arc<dyn Embed>,
        store: Option<&Store>,
        index_dir: Option<&Path>,
    ) -> Result<Self, SearchError> {
        let index = LexicalIndex::open_or_build(&graph, index_dir)?;
        let vectors = ProductVectors::build(&graph, embed.as_ref(), store)?;
        let cjk_labels = CjkLabels::build(&graph);
        let thesaurus = Thesaurus::build(graph.synonyms(), |w| {
            index.words(w).into_iter().map(|w| w.stem).collect()
        });
        let types = TypeNames::build(&graph, &index, embed.as_ref(), &vectors, &thesaurus)?;
        Ok(Self {
            thesaurus,
            stated: Stated::of(&graph),
            item_of: items(graph.products()),
            in_stock: graph.products().iter().map(|p| p.in_stock()).collect(),
            audience: audience::marks(&graph),
            graph,
            embed,
            index,
            vectors,
            types,
            fusion: Fusion::default(),
            thresholds: TypeThresholds::default(),
            cjk_labels,
            query_vectors: Mutex::new(LruCache::new(
                NonZeroUsize::new(QUERY_CACHE).expect("non-zero"),
            )),
        })
    }

    /// Where the indexes live under a data directory.
    pub fn index_dir(data_dir: &Path) -> PathBuf {
        data_dir.join("search")
    }

    /// Fuse the two signals this way instead of the default.
    pub fn with_fusion(mut self, fusion: Fusion) -> Self {
        self.fusion = fusion;
        self
    }

    /// Resolve product types with these thresholds instead of the calibrated ones.
    pub fn with_type_thresholds(mut self, thresholds: TypeThresholds) -> Self {
        self.thresholds = thresholds;
        self
    }

    pub fn fusion(&self) -> Fusion {
        self.fusion
    }

    pub fn graph(&self) -> &Arc<Graph> {
        &self.graph
    }

    /// A product's vector (unit length), for similarity between products.
    pub fn vector(&self, id: &ProductId) -> Option<&[f32]> {
        self.vectors.of(id)
    }

    /// The vector of a request text (cached).
    pub fn query_vector(&self, text: &str) -> Result<Arc<Vec<f32>>, SearchError> {
        let key = text.trim().to_lowercase();
        if let Some(v) = self.query_vectors.lock().get(&key) {
            return Ok(v.clone());
        }
        let v = Arc::new(
            self.embed
                .embed(&[key.as_str()])?
                .pop()
                .unwrap_or_else(|| vec![0.0; self.embed.dim()]),
        );
        self.query_vectors.lock().put(key, v.clone());
        Ok(v)
    }

    /// Up to `limit` hits for `req`, best first. An empty request finds nothing (and is
    /// not an error).
    pub fn search(
        &self,
        req: &SearchRequest,
        limit: usize,
        mode: SearchMode,
    ) -> Result<SearchResults, SearchError> {
        // The baseline is a plain search box: the words as typed.
        if mode == SearchMode::NameBm25 {
            let products = self.graph.products();
            if limit == 0 || req.is_empty() {
                return Ok(SearchResults::empty(TypeMatch::NotAsked));
            }
            let ranked = self.index.name_bm25(&request_text(req), limit.max(50))?;
            let mut hits = collapse(single(&ranked, true), products, &self.item_of, limit);
            hits.truncate(limit);
            return Ok(SearchResults {
                admitted: products.len(),
                hits,
                type_match: TypeMatch::NotAsked,
            });
        }
        let as_typed = req.text.clone();
        // Spacing slips mended in the shop's words first ("rain coat", "waterbottle").
        let mut mended = req.clone();
        if let Some(t) = self.index.respace(&req.text)? {
            mended.text = t;
        }
        if let Some(t) = req.product_type.as_deref() {
            if let Some(t) = self.index.respace(t)? {
                mended.product_type = Some(t);
            }
        }
        let req = &mended;
        let text = request_text(req);
        let mut asked = req.clone();
        asked.product_type = req.product_type.clone().filter(|t| !t.trim().is_empty());
        // A type the reader clipped ("sweatshirt" of "hooded sweatshirt") is the whole
        // phrase when the shop's synonyms name that phrase.
        if let Some(t) = &asked.product_type {
            // The phrase may be the shop's list's in the words as typed ("long sleeve
            // t-shirt", which the mending made "longsleeve t-shirt").
            let type_words = self.index.words(t);
            let widened = self
                .thesaurus
                .widen(&type_words, &self.index.words(&req.text))
                .or_else(|| {
                    self.thesaurus
                        .widen(&type_words, &self.index.words(&as_typed))
                });
            if let Some(w) = widened {
                asked.product_type = Some(w);
            }
        }
        let named_with_a_typo = |w: &str| {
            self.index
                .stem(w)
                .and_then(|stem| self.index.named(&[stem], true).ok())
                .is_some_and(|named| !named.is_empty())
        };
        // A lone "brand" the shop never mentions, with no type asked, is what the shopper
        // wants a kind of ("flask" misread as a brand): the type resolution then finds it
        // by meaning, or says the shop sells nothing of the kind ("nike": the nearest
        // types), where a brand filter would list nothing and say nothing.
        if asked.product_type.is_none() && asked.brands.len() == 1 {
            let said = asked.brands[0].trim().to_lowercase();
            if let BrandSaid::Unknown(v) =
                brand_said(&self.graph, &self.stated, &said, &named_with_a_typo)
            {
                asked.product_type = Some(v);
                asked.brands.clear();
            }
        }
        if limit == 0 || asked.is_empty() {
            return Ok(SearchResults::empty(TypeMatch::NotAsked));
        }
        let products = self.graph.products();
        let (type_match, of_type) = match asked.product_type.as_deref().map(str::trim) {
            Some(asked) if !asked.is_empty() => {
                let resolver = self.type_resolver(&text);
                resolver.resolve(asked, |t| Ok(self.query_vector(t)?.to_vec()))?
            }
            _ => (TypeMatch::NotAsked, None),
        };
        if matches!(type_match, TypeMatch::NoneOfType { .. }) {
            return Ok(SearchResults::empty(type_match));
        }
        let (constraints, wishes) = Constraints::resolve(
            &self.graph,
            &asked,
            &self.stated,
            &self.thesaurus,
            &named_with_a_typo,
        );
        let text = with_wishes(text, &wishes);
        let words = self.index.words(&text);
        let cjk = self.index.cjk_terms(&text);
        let synonyms = self.thesaurus.expansions(&words);
        let lexical_wanted = matches!(mode, SearchMode::Lexical | SearchMode::Fused);
        // On a large catalogue with no type asked, only the lexical matches can be shown
        // (the semantic pass scores no others): check the constraints on those alone.
        let lexical_first = of_type.is_none()
            && products.len() > SEMANTIC_ALL
            && lexical_wanted
            && !(words.is_empty() && cjk.is_empty());
        let mut lexical: Vec<(u32, f32)> =
            if lexical_wanted && !(words.is_empty() && cjk.is_empty()) {
                self.index.lexical(&words, &synonyms, &cjk, LEXICAL_DEPTH)?
            } else {
                Vec::new()
            };
        let mut admitted: Vec<u32> = match &of_type {
            Some(of_type) => of_type.clone(),
            None if lexical_first => lexical.iter().map(|x| x.0).collect(),
            None => (0..products.len() as u32).collect(),
        };
        match constraints.stock_only() {
            Some(true) => admitted.retain(|&i| self.in_stock[i as usize]),
            Some(false) => {}
            None => admitted.retain(|&i| constraints.admits(&self.graph, &products[i as usize])),
        }
        admitted.sort_unstable();
        // Words said no to ("t-shirt without a pocket"): what the index names so goes,
        // matched by stem as the ranking matches ("pockets" is "pocket").
        if !req.not_words.is_empty() {
            let mut said_no = std::collections::HashSet::new();
            for word in &req.not_words {
                let stems: Vec<String> =
                    self.index.words(word).into_iter().map(|w| w.stem).collect();
                said_no.extend(self.index.named(&stems, false)?);
            }
            // One pass: a common word may name thousands of products.
            admitted.retain(|i| !said_no.contains(i));
        }
        if let Some(a) = req.audience {
            audience::keep(a, &self.audience, &mut admitted);
        }
        if of_type.is_some() || !words.is_empty() {
            // The type's head and its synonym phrases narrow nothing (what the type's
            // products are called may be another word of the phrase's group); a modifier
            // outside them does ("mechanical keyboard" beside the other keyboards).
            let type_stems: Vec<String> = asked
                .product_type
                .as_deref()
                .map(|t| {
                    let words = self.index.words(t);
                    let in_phrase = self.thesaurus.in_phrases(&words);
                    let last = words.len().saturating_sub(1);
                    words
                        .into_iter()
                        .zip(in_phrase)
                        .enumerate()
                        .filter(|(i, (_, p))| *p || *i == last)
                        .map(|(_, (w, _))| w.stem)
                        .collect()
                })
                .unwrap_or_default();
            let typed = of_type.is_some();
            if let Some(narrowed) =
                narrow::by_words(&self.index, &words, &type_stems, &admitted, typed)?
            {
                admitted = narrowed;
            }
        }
        if let (Some(labels), false) = (&self.cjk_labels, cjk.is_empty()) {
            if let Some(narrowed) = labels.narrow(&text, &admitted) {
                admitted = narrowed;
            }
        }
        let mut is_admitted = vec![false; products.len()];
        for &i in &admitted {
            is_admitted[i as usize] = true;
        }

        lexical.retain(|(i, _)| is_admitted[*i as usize]);
        let semantic: SemanticRanking =
            if matches!(mode, SearchMode::Semantic | SearchMode::Fused) && !text.is_empty() {
                let query = self.query_vector(&text)?;
                if admitted.len() <= SEMANTIC_ALL || of_type.is_some() {
                    self.vectors.rank(&query, &admitted, SEMANTIC_DEPTH)
                } else {
                    let scored: Vec<u32> = lexical.iter().map(|x| x.0).collect();
                    self.vectors.rank(&query, &scored, SEMANTIC_DEPTH)
                }
            } else {
                SemanticRanking::default()
            };

        let mut ranked: Vec<Fused> = match mode {
            SearchMode::Lexical => single(&lexical, true),
            SearchMode::Semantic => single(&semantic.top, false),
            _ => fuse(&lexical, &semantic.top, semantic.lowest, self.fusion),
        };
        // A Chinese request no word of the shop's found lists nothing by meaning alone:
        // the served encoder (all-MiniLM-L6-v2) has no Chinese vocabulary, and its nearest
        // neighbours of one are noise ("冲浪板" is not sold; docs/search.md).
        if of_type.is_none() && lexical.is_empty() && words.is_empty() && !cjk.is_empty() {
            ranked.clear();
        }
        // Without a type to keep the list to, a hit the words did not match must be
        // nearly as close in meaning as the best one: a list holds what was asked for,
        // not the nearest neighbours of a misspelling.
        // And whatever the signal, a hit far below the best is no answer beside it.
        if mode == SearchMode::Fused && of_type.is_none() {
            let best = ranked.iter().map(|f| f.score).fold(0.0f32, f32::max);
            ranked.retain(|f| {
                let by_words = lexical.is_empty() || f.lexical.is_some();
                (by_words || f.score >= MEANING_ONLY_FLOOR * best)
                    && f.score >= UNTYPED_FLOOR * best
            });
        }
        if of_type.is_none() {
            self.keep_the_kind_of_a_short_request(&text, &words, &mut ranked)?;
        }
        // Products of the asked type the words did not reach still belong in the list,
        // after the ones they did (best rated first); so does everything a request of
        // constraints alone admits.
        if of_type.is_some() || text.is_empty() {
            let mut listed = is_admitted;
            for f in &ranked {
                listed[f.ix as usize] = false;
            }
            let mut rest: Vec<u32> = admitted
                .iter()
                .copied()
                .filter(|&i| listed[i as usize])
                .collect();
            let by_reviews = |a: &u32, b: &u32| {
                let (a, b) = (&products[*a as usize], &products[*b as usize]);
                b.review_count
                    .cmp(&a.review_count)
                    .then(b.rating.unwrap_or(0.0).total_cmp(&a.rating.unwrap_or(0.0)))
            };
            // Without a sort wish only the head of the tail can be shown.
            let keep = TAIL_PER_SHOWN * limit + 50;
            if req.sort.is_none() && rest.len() > keep {
                rest.select_nth_unstable_by(keep, by_reviews);
                rest.truncate(keep);
            }
            rest.sort_by(by_reviews);
            ranked.extend(rest.into_iter().map(|ix| Fused {
                ix,
                score: 0.0,
                lexical: None,
                semantic: None,
            }));
        }

        if let Some(a) = req.audience {
            ranked = audience::marked_first(a, &self.audience, ranked);
        }
        // Only the hits a list can show are made (a sort wish over a whole type needs
        // them all).
        let whole_type_sorted = req.sort.is_some() && (of_type.is_some() || text.is_empty());
        let max_hits = match req.sort {
            _ if whole_type_sorted => usize::MAX,
            Some(_) => SORT_HEAD.max(limit),
            None => limit,
        };
        let mut hits: Vec<SearchHit> = collapse(ranked, products, &self.item_of, max_hits);
        if let Some(wish) = req.sort {
            let head = if whole_type_sorted {
                hits.len()
            } else {
                hits.len().min(SORT_HEAD.max(limit))
            };
            sort::apply(&mut hits[..head], wish, &self.graph);
        }
        hits.truncate(limit);
        Ok(SearchResults {
            hits,
            type_match,
            admitted: admitted.len(),
        })
    }
}

impl ProductSearch {
    /// A few words without a type read as one ("pins", "smart plug"): of the ranked
    /// candidates (the words found them; the rest of the catalogue is not listed), those
    /// of another kind than the last word says go. Who it is for is no kind: "t-shirts
    /// for kids" is read by "t-shirts".
    fn keep_the_kind_of_a_short_request(
        &self,
        text: &str,
        words: &[Word],
        ranked: &mut Vec<Fused>,
    ) -> Result<(), SearchError> {
        let kind_words: Vec<&Word> = words
            .iter()
            .filter(|w| !is_audience_word(&w.typed))
            .collect();
        let Some(last) = kind_words.last() else {
            return Ok(());
        };
        if kind_words.len() > SHORT_REQUEST {
            return Ok(());
        }
        // A word the shop labels nothing with may be its word misspelt ("keybaord").
        let typo = !self.index.is_labelled(&last.stem)?;
        let candidates: Vec<u32> = ranked.iter().map(|f| f.ix).collect();
        let mut kept = self
            .type_resolver(text)
            .of_the_kind(&last.typed, &[], candidates, typo);
        kept.sort_unstable();
        ranked.retain(|f| kept.binary_search(&f.ix).is_ok());
        Ok(())
    }

    fn type_resolver(&self, text: &str) -> TypeResolver<'_> {
        TypeResolver {
            thresholds: self.thresholds,
            graph: &self.graph,
            index: &self.index,
            names: &self.types,
            thesaurus: &self.thesaurus,
            said: self.index.words(text).into_iter().map(|w| w.stem).collect(),
        }
    }
}

/// `text` and the wished values it does not already say.
fn with_wishes(text: String, wishes: &[String]) -> String {
    let lower = text.to_lowercase();
    let extra: Vec<&str> = wishes
        .iter()
        .map(String::as_str)
        .filter(|w| !lower.contains(*w))
        .collect();
    if extra.is_empty() {
        text
    } else {
        format!("{text} {}", extra.join(" ")).trim().to_string()
    }
}

/// The words to rank by: the type (when the text does not already say it) and the text.
fn request_text(req: &SearchRequest) -> String {
    let text = req.text.trim();
    match req.product_type.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() && !text.to_lowercase().contains(&t.to_lowercase()) => {
            format!("{t} {text}").trim().to_string()
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_text_says_the_type_once() {
        let mut req = SearchRequest::text("a blue water bottle");
        req.product_type = Some("water bottle".into());
        assert_eq!(request_text(&req), "a blue water bottle");
        req.text = "for hiking".into();
        assert_eq!(request_text(&req), "water bottle for hiking");
        req.text = "  ".into();
        assert_eq!(request_text(&req), "water bottle");
    }
}
