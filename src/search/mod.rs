//! Product retrieval for any catalogue: the shop's own words (a tantivy index over name,
//! brand, category path, options, attributes and description) fused with the encoder's
//! embeddings, under the request's constraints. docs/search.md says how and how well.
//!
//! - [`ProductSearch::build`] indexes a graph (on disk under the data directory, keyed by
//!   the catalogue's content hash, or in RAM); [`ProductSearch::search`] ranks products
//!   for a [`SearchRequest`](crate::types::SearchRequest) in a [`SearchMode`].
//! - The asked product type is resolved against the catalogue ([`TypeMatch`]): when the
//!   shop has nothing of it, no other type is listed and the nearest types are named.
//! - Listings of one item collapse into one [`SearchHit`] (`also` holds the others).
//! - The shop's synonyms (`synonyms.yaml`) stand for each other in the asked type and
//!   in the lexical ranking (`thesaurus`).
//! - [`ProductSearch::vector`]: a product's embedding, for the recommender.

mod audience;
mod cjk;
mod cjk_narrow;
mod collapse;
mod engine;
mod error;
mod filter;
mod fuse;
mod index;
mod narrow;
mod product_type;
mod semantic;
mod sort;
mod thesaurus;
pub(crate) mod vectors;

use serde::{Deserialize, Serialize};

pub use collapse::same_item_key;
pub use engine::ProductSearch;
pub use error::SearchError;
pub use fuse::{Fusion, Signal};
pub use product_type::{TypeMatch, TypeThresholds};

use crate::types::ProductId;

/// Which ranking to use: the served one is `Fused`; the others are for evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchMode {
    /// A plain search box: BM25 over product names, no filters, no type resolution.
    NameBm25,
    /// The lexical index alone (with type resolution and constraints).
    Lexical,
    /// The embeddings alone (with type resolution and constraints).
    Semantic,
    /// Both, fused.
    Fused,
}

impl SearchMode {
    pub const ALL: [SearchMode; 4] = [
        SearchMode::NameBm25,
        SearchMode::Lexical,
        SearchMode::Semantic,
        SearchMode::Fused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SearchMode::NameBm25 => "name_bm25",
            SearchMode::Lexical => "lexical",
            SearchMode::Semantic => "semantic",
            SearchMode::Fused => "fused",
        }
    }
}

/// One item found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub product: ProductId,
    /// The fused score (or the single signal's, outside `Fused`); 0 for a product listed
    /// only because it is of the asked type.
    pub score: f32,
    pub lexical: Option<Signal>,
    pub semantic: Option<Signal>,
    /// Other listings of the same item (same brand and name), best first.
    pub also: Vec<ProductId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub type_match: TypeMatch,
    /// How many products the type and the constraints admitted.
    pub admitted: usize,
}

impl SearchResults {
    fn empty(type_match: TypeMatch) -> Self {
        Self {
            hits: Vec::new(),
            type_match,
            admitted: 0,
        }
    }
}
