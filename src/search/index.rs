//! The lexical index: one tantivy document per product, kept on disk under the data
//! directory by the catalogue's content hash (or in RAM for tests and evaluation).
//!
//! Fields, each with a boost (the name counts most): name, brand, category path (names and
//! synonyms), options (sizes, colours), attributes (stated and extracted facts) and the
//! description, all through one English analyser (lowercase, ASCII folding, stop words,
//! Porter stemming). A second copy of the name without stemming (`name_plain`) serves the
//! plain BM25 baseline.
//!
//! The shop's texts in other languages (`knowledge/<locale>/`: product names and
//! descriptions, category and attribute names and synonyms) go into fields of their own
//! through the CJK analyser (`cjk.rs`), so the English fields, their lengths and their
//! BM25 statistics are what they were; a request with no CJK character queries none of
//! them, and ranks as before.

use std::path::Path;

use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST};
use tantivy::tokenizer::{AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter};
use tantivy::tokenizer::{SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer, TokenStream};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::SearchError;
use crate::knowledge::{is_cjk, AttrValue, Graph, Product};

/// Bumped when the fields or analysers change, so an index on disk is rebuilt.
const INDEX_VERSION: u32 = 2;
const ENGLISH: &str = "kefu_en";
const CJK: &str = "kefu_cjk";
const PLAIN: &str = "kefu_plain";
/// Writer memory: tantivy's floor is 15 MB per thread.
const WRITER_BYTES: usize = 64_000_000;
/// Typos are forgiven (edit distance 1) only in words this long; shorter ones are too
/// close to other words ("cap" → "bag").
const FUZZY_FROM: usize = 5;
/// The last word of a request may be unfinished ("hood" → hoodie) from this length.
const PREFIX_FROM: usize = 3;
/// What a fuzzy or prefix match weighs against an exact one in the same field.
const INEXACT: f32 = 0.4;
/// A synonym of the shopper's word (the shop's `synonyms.yaml`) counts this much of it.
const SYNONYM: f32 = 0.5;

/// English words that carry no product meaning in a request ("something to drink from").
const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "by",
    "can",
    "do",
    "does",
    "for",
    "from",
    "have",
    "i",
    "in",
    "is",
    "it",
    "its",
    "me",
    "my",
    "of",
    "on",
    "one",
    "or",
    "some",
    "something",
    "that",
    "the",
    "this",
    "to",
    "want",
    "with",
    "you",
    "your",
    "need",
    "looking",
];

#[derive(Debug, Clone, Copy)]
struct Fields {
    name: Field,
    brand: Field,
    category: Field,
    options: Field,
    attributes: Field,
    description: Field,
    name_plain: Field,
    ix: Field,
    /// The locales' texts, CJK-analysed: name, category path, attributes, description.
    name_cjk: Field,
    category_cjk: Field,
    attributes_cjk: Field,
    description_cjk: Field,
}

impl Fields {
    /// The searched fields with their boosts, and whether typos / prefixes count there
    /// (only in the short fields: in descriptions they would match almost anything).
    fn weighted(&self) -> [(Field, f32, bool); 6] {
        [
            (self.name, 3.0, true),
            (self.brand, 1.5, true),
            (self.category, 1.5, true),
            (self.options, 0.8, false),
            (self.attributes, 0.8, false),
            (self.description, 0.5, false),
        ]
    }

    /// The CJK fields with the boosts of their English counterparts.
    fn cjk_weighted(&self) -> [(Field, f32); 4] {
        [
            (self.name_cjk, 3.0),
            (self.category_cjk, 1.5),
            (self.attributes_cjk, 0.8),
            (self.description_cjk, 0.5),
        ]
    }
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        name: b.add_text_field("name", text(ENGLISH)),
        brand: b.add_text_field("brand", text(ENGLISH)),
        category: b.add_text_field("category", text(ENGLISH)),
        options: b.add_text_field("options", text(ENGLISH)),
        attributes: b.add_text_field("attributes", text(ENGLISH)),
        description: b.add_text_field("description", text(ENGLISH)),
        name_plain: b.add_text_field("name_plain", text(PLAIN)),
        ix: b.add_u64_field("ix", FAST),
        name_cjk: b.add_text_field("name_cjk", text(CJK)),
        category_cjk: b.add_text_field("category_cjk", text(CJK)),
        attributes_cjk: b.add_text_field("attributes_cjk", text(CJK)),
        description_cjk: b.add_text_field("description_cjk", text(CJK)),
    };
    (b.build(), fields)
}

fn english() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The English analyser without the stemmer: the words as typed, to zip with their stems.
fn unstemmed() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
        .build()
}

fn plain() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

fn tokens(analyzer: &TextAnalyzer, text: &str) -> Vec<String> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// A word of a request: as typed (lowercased) and stemmed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub typed: String,
    pub stem: String,
}

pub(crate) struct LexicalIndex {
    reader: IndexReader,
    fields: Fields,
    english: TextAnalyzer,
    unstemmed: TextAnalyzer,
    plain: TextAnalyzer,
    /// Per segment, per document: the product's position in the catalogue.
    doc_product: Vec<Vec<u32>>,
}

impl LexicalIndex {
    /// Opens the index of this catalogue under `root` (`<root>/<hash>-v<version>/`),
    /// building it when missing; other catalogues' indexes there are removed. `None`
    /// builds one in RAM.
    pub fn open_or_build(graph: &Graph, root: Option<&Path>) -> Result<Self, SearchError> {
        let (schema, fields) = schema();
        let index = match root {
            None => {
                let index = Index::create_in_ram(schema);
                register(&index);
                fill(&index, fields, graph)?;
                index
            }
            Some(root) => {
                let hash: String = graph.content_hash().chars().take(24).collect();
                let name = format!("{hash}-v{INDEX_VERSION}");
                let dir = root.join(&name);
                std::fs::create_dir_all(root).map_err(|e| SearchError::dir(root, e))?;
                remove_stale(root, &name);
                if dir.join("meta.json").is_file() {
                    let index = Index::open_in_dir(&dir)?;
                    register(&index);
                    index
                } else {
                    // Built aside and renamed, so a crash never leaves half an index
                    // under the name that says it is whole.
                    let tmp = root.join(format!("{name}.tmp-{}", std::process::id()));
                    let _ = std::fs::remove_dir_all(&tmp);
                    std::fs::create_dir_all(&tmp).map_err(|e| SearchError::dir(&tmp, e))?;
                    let index = Index::create_in_dir(&tmp, schema)?;
                    register(&index);
                    fill(&index, fields, graph)?;
                    drop(index);
                    std::fs::rename(&tmp, &dir).map_err(|e| SearchError::dir(&dir, e))?;
                    let index = Index::open_in_dir(&dir)?;
                    register(&index);
                    index
                }
            }
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let mut doc_product = Vec::new();
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().u64("ix")?;
            doc_product.push(
                (0..segment.max_doc())
                    .map(|d| column.first(d).unwrap_or(u64::MAX) as u32)
                    .collect(),
            );
        }
        Ok(LexicalIndex {
            reader,
            fields,
            english: english(),
            unstemmed: unstemmed(),
            plain: plain(),
            doc_product,
        })
    }

    fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The content words of `text`, typed and stemmed (CJK runs are not English words:
    /// they are looked up by [`cjk_terms`](Self::cjk_terms)).
    pub fn words(&self, text: &str) -> Vec<Word> {
        let typed = tokens(&self.unstemmed, text);
        let stems = tokens(&self.english, text);
        typed
            .into_iter()
            .zip(stems)
            .filter(|(typed, _)| !typed.chars().any(is_cjk))
            .map(|(typed, stem)| Word { typed, stem })
            .collect()
    }

    /// The CJK terms of `text` a request looks up (empty for English text).
    pub fn cjk_terms(&self, text: &str) -> Vec<String> {
        super::cjk::query_terms(text)
    }

    /// `text` with its spacing slips mended where the shop's own words say so: two words
    /// the shop writes as one ("rain coat" → "raincoat", "sweat shirt"), one word it
    /// writes as two ("waterbottle" → "water bottle", where some product is labelled with
    /// both). `None` when nothing needed mending.
    pub fn respace(&self, text: &str) -> Result<Option<String>, SearchError> {
        let mut said: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        let bare = |w: &str| -> Option<String> {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            (w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic())).then_some(w)
        };
        let known = |word: &str| -> Result<bool, SearchError> {
            match self.stem(word) {
                Some(stem) => self.is_labelled(&stem),
                None => Ok(false),
            }
        };
        let together = |a: &str, b: &str| -> Result<bool, SearchError> {
            match (self.stem(a), self.stem(b)) {
                (Some(a), Some(b)) => self.labelled_together(&a, &b),
                _ => Ok(false),
            }
        };
        let mut changed = false;
        let mut i = 0;
        while i < said.len() {
            let Some(word) = bare(&said[i]) else {
                i += 1;
                continue;
            };
            if let Some(next) = said.get(i + 1).and_then(|n| bare(n)) {
                let joined = format!("{word}{next}");
                if known(&joined)? && !together(&word, &next)? {
                    said[i] = joined;
                    said.remove(i + 1);
                    changed = true;
                    i += 1;
                    continue;
                }
            }
            if word.len() >= 6 && !known(&word)? {
                for at in 3..=word.len() - 3 {
                    let (left, right) = word.split_at(at);
                    if known(left)? && known(right)? && together(left, right)? {
                        said[i] = format!("{left} {right}");
                        changed = true;
                        break;
                    }
                }
            }
            i += 1;
        }
        Ok(changed.then(|| said.join(" ")))
    }

    /// The stem of one word as the index stores it ("Bottles" → "bottl").
    pub fn stem(&self, word: &str) -> Option<String> {
        tokens(&self.english, word).pop()
    }

    /// Products matching any of `words`, best first, with their BM25 score: per word the
    /// best field (a little of the others counts too), typos and an unfinished last word
    /// forgiven in the short fields.
    /// `cjk` terms are looked up in the locales' fields, each its best field.
    /// `synonyms` are phrases (stems) of the shop's synonym groups for the request's
    /// words: a product matching all of a phrase's stems scores as a word, at
    /// `SYNONYM` of its weight, so the shopper's own word ranks first.
    pub fn lexical(
        &self,
        words: &[Word],
        synonyms: &[Vec<String>],
        cjk: &[String],
        k: usize,
    ) -> Result<Vec<(u32, f32)>, SearchError> {
        let searcher = self.searcher();
        let mut per_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let last = i + 1 == words.len();
            let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
            for (field, boost, inexact) in self.fields.weighted() {
                let term = Term::from_field_text(field, &w.stem);
                alternatives.push(Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                    boost,
                )));
                if !inexact {
                    continue;
                }
                // A word the field has as such is no typo there: its near words would
                // only add postings to score (and other products to the list).
                if w.typed.chars().count() >= FUZZY_FROM && searcher.doc_freq(&term)? == 0 {
                    alternatives.push(Box::new(BoostQuery::new(
                        Box::new(FuzzyTermQuery::new(term.clone(), 1, true)),
                        boost * INEXACT,
                    )));
                }
                if last && w.typed.chars().count() >= PREFIX_FROM {
                    let typed = Term::from_field_text(field, &w.typed);
                    alternatives.push(Box::new(BoostQuery::new(
                        Box::new(FuzzyTermQuery::new_prefix(typed, 0, true)),
                        boost * INEXACT,
                    )));
                }
            }
            per_word.push((
                Occur::Should,
                Box::new(DisjunctionMaxQuery::with_tie_breaker(alternatives, 0.1)),
            ));
        }
        for phrase in synonyms {
            let all: Vec<(Occur, Box<dyn Query>)> = phrase
                .iter()
                .map(|stem| {
                    let alternatives: Vec<Box<dyn Query>> = self
                        .fields
                        .weighted()
                        .into_iter()
                        .map(|(field, boost, _)| {
                            let term = Term::from_field_text(field, stem);
                            Box::new(BoostQuery::new(
                                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                                boost,
                            )) as Box<dyn Query>
                        })
                        .collect();
                    (
                        Occur::Must,
                        Box::new(DisjunctionMaxQuery::with_tie_breaker(alternatives, 0.1))
                            as Box<dyn Query>,
                    )
                })
                .collect();
            per_word.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(BooleanQuery::new(all)), SYNONYM)),
            ));
        }
        for term in cjk {
            let alternatives: Vec<Box<dyn Query>> = self
                .fields
                .cjk_weighted()
                .into_iter()
                .map(|(field, boost)| {
                    let term = Term::from_field_text(field, term);
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                        boost,
                    )) as Box<dyn Query>
                })
                .collect();
            per_word.push((
                Occur::Should,
                Box::new(DisjunctionMaxQuery::with_tie_breaker(alternatives, 0.1)),
            ));
        }
        self.top(&BooleanQuery::new(per_word), k)
    }

    /// Plain BM25 over the product names alone: the search box the shop would have
    /// without kefu (the evaluation's baseline).
    pub fn name_bm25(&self, text: &str, k: usize) -> Result<Vec<(u32, f32)>, SearchError> {
        let terms: Vec<(Occur, Box<dyn Query>)> = tokens(&self.plain, text)
            .into_iter()
            .map(|t| {
                let term = Term::from_field_text(self.fields.name_plain, &t);
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)) as Box<dyn Query>,
                )
            })
            .collect();
        self.top(&BooleanQuery::new(terms), k)
    }

    /// Products whose name holds every one of these stems (exactly, or within one edit
    /// when `typos` and the word is long enough): positions in the catalogue.
    pub fn named(&self, stems: &[String], typos: bool) -> Result<Vec<u32>, SearchError> {
        if stems.is_empty() {
            return Ok(Vec::new());
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = stems
            .iter()
            .map(|s| {
                let term = Term::from_field_text(self.fields.name, s);
                let q: Box<dyn Query> = if typos && s.chars().count() >= FUZZY_FROM - 1 {
                    Box::new(FuzzyTermQuery::new(term, 1, true))
                } else {
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
                };
                (Occur::Must, q)
            })
            .collect();
        let searcher = self.searcher();
        let collector = Positions {
            doc_product: &self.doc_product,
        };
        Ok(searcher.search(&BooleanQuery::new(clauses), &collector)?)
    }

    /// Whether the shop labels any product with this stem (see [`Self::labelled`]).
    pub fn is_labelled(&self, stem: &str) -> Result<bool, SearchError> {
        let searcher = self.searcher();
        for field in self.label_fields() {
            if searcher.doc_freq(&Term::from_field_text(field, stem))? > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Whether some product is labelled with both stems.
    fn labelled_together(&self, a: &str, b: &str) -> Result<bool, SearchError> {
        let both = BooleanQuery::new(vec![
            (Occur::Must, Box::new(self.labels(a)) as Box<dyn Query>),
            (Occur::Must, Box::new(self.labels(b))),
        ]);
        Ok(self.searcher().search(&both, &tantivy::collector::Count)? > 0)
    }

    fn label_fields(&self) -> [Field; 5] {
        let f = self.fields;
        [f.name, f.brand, f.category, f.options, f.attributes]
    }

    /// The products labelled with a stem in any label field, as a query.
    fn labels(&self, stem: &str) -> BooleanQuery {
        BooleanQuery::new(
            self.label_fields()
                .into_iter()
                .map(|field| {
                    let term = Term::from_field_text(field, stem);
                    let q: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, q)
                })
                .collect(),
        )
    }

    /// Products the shop labels with this stem: in their name, brand, category, options
    /// or attributes (not the description): positions in the catalogue, each once.
    pub fn labelled(&self, stem: &str) -> Result<Vec<u32>, SearchError> {
        let collector = Positions {
            doc_product: &self.doc_product,
        };
        Ok(self.searcher().search(&self.labels(stem), &collector)?)
    }

    fn top(&self, query: &dyn Query, k: usize) -> Result<Vec<(u32, f32)>, SearchError> {
        if k == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.searcher();
        let top = searcher.search(query, &TopDocs::with_limit(k).order_by_score())?;
        Ok(top
            .into_iter()
            .filter_map(|(score, a)| self.product_of(a.segment_ord, a.doc_id).map(|p| (p, score)))
            .collect())
    }

    fn product_of(&self, segment: u32, doc: u32) -> Option<u32> {
        self.doc_product
            .get(segment as usize)?
            .get(doc as usize)
            .copied()
            .filter(|&p| p != u32::MAX)
    }
}

/// Collects the matching products' positions in the catalogue (no scores, no set of
/// document addresses to hash).
struct Positions<'a> {
    doc_product: &'a [Vec<u32>],
}

struct SegmentDocs {
    segment: SegmentOrdinal,
    docs: Vec<DocId>,
}

impl Collector for Positions<'_> {
    type Fruit = Vec<u32>;
    type Child = SegmentDocs;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentDocs> {
        Ok(SegmentDocs {
            segment,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(SegmentOrdinal, Vec<DocId>)>) -> tantivy::Result<Vec<u32>> {
        let mut out = Vec::new();
        for (segment, docs) in fruits {
            if let Some(products) = self.doc_product.get(segment as usize) {
                out.extend(
                    docs.iter()
                        .filter_map(|&d| products.get(d as usize).copied())
                        .filter(|&p| p != u32::MAX),
                );
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentDocs {
    type Fruit = (SegmentOrdinal, Vec<DocId>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs.push(doc);
    }

    fn harvest(self) -> Self::Fruit {
        (self.segment, self.docs)
    }
}

fn register(index: &Index) {
    index.tokenizers().register(ENGLISH, english());
    index.tokenizers().register(PLAIN, plain());
    index
        .tokenizers()
        .register(CJK, TextAnalyzer::builder(super::cjk::CjkTokenizer).build());
}

/// Removes other catalogues' indexes (and leftovers of interrupted builds) under `root`;
/// a folder that cannot be removed is only logged.
fn remove_stale(root: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name != keep && entry.path().is_dir() {
            if let Err(e) = std::fs::remove_dir_all(entry.path()) {
                tracing::warn!(
                    "cannot remove old search index {}: {e}",
                    entry.path().display()
                );
            }
        }
    }
}

fn fill(index: &Index, f: Fields, graph: &Graph) -> Result<(), SearchError> {
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_BYTES)?;
    for (i, p) in graph.products().iter().enumerate() {
        writer.add_document(document(f, graph, p, i as u64))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

fn document(f: Fields, graph: &Graph, p: &Product, ix: u64) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.ix, ix);
    doc.add_text(f.name, &p.name);
    doc.add_text(f.name_plain, &p.name);
    match graph.brand(&p.brand) {
        Some(b) => doc.add_text(f.brand, &b.name),
        None => doc.add_text(f.brand, &p.brand),
    }
    for c in graph.category_ancestors(&p.category) {
        doc.add_text(f.category, &c.name);
        for s in &c.synonyms {
            doc.add_text(f.category, s);
        }
    }
    for v in &p.variants {
        for option in [&v.size, &v.colour].into_iter().flatten() {
            doc.add_text(f.options, option);
        }
    }
    let defs = &graph.catalog().attributes;
    for fact in graph.facts(p.id.as_str()) {
        match &fact.value {
            AttrValue::Text(t) => doc.add_text(f.attributes, t),
            // A yes says the product has the feature: its name and the words for it.
            AttrValue::Bool(true) => {
                if let Some(def) = defs.iter().find(|d| d.id == fact.attribute) {
                    doc.add_text(f.attributes, &def.name);
                    for s in &def.synonyms {
                        doc.add_text(f.attributes, s);
                    }
                }
            }
            _ => {}
        }
    }
    doc.add_text(f.description, &p.description);
    for texts in graph.catalog().locales.values() {
        add_locale(&mut doc, f, graph, texts, p);
    }
    doc
}

/// A locale's texts of the product into the CJK fields (the English document's shape:
/// name, category path with synonyms, the names of its yes-attributes, description).
fn add_locale(
    doc: &mut TantivyDocument,
    f: Fields,
    graph: &Graph,
    texts: &crate::knowledge::LocaleTexts,
    p: &Product,
) {
    if let Some(t) = texts.product(p.id.as_str()) {
        doc.add_text(f.name_cjk, &t.name);
        if !t.description.is_empty() {
            doc.add_text(f.description_cjk, &t.description);
        }
    }
    for c in graph.category_ancestors(&p.category) {
        if let Some(n) = texts.category(&c.id) {
            doc.add_text(f.category_cjk, &n.name);
            for s in &n.synonyms {
                doc.add_text(f.category_cjk, s);
            }
        }
    }
    for fact in graph.facts(p.id.as_str()) {
        if fact.value == AttrValue::Bool(true) {
            if let Some(n) = texts.attribute(&fact.attribute) {
                doc.add_text(f.attributes_cjk, &n.name);
                for s in &n.synonyms {
                    doc.add_text(f.attributes_cjk, s);
                }
            }
        }
    }
}
