//! The product knowledge graph: the shop's files, validated, in memory and in sled.
//!
//! ```text
//! knowledge/*.jsonl|yaml|csv|md ──parse──▶ records ──validate──▶ Catalog (+ facts from descriptions)
//!        ▲                                                          │            │
//!   admin edits                                               sled snapshot   Graph (petgraph + indexes)
//!   (edit::*)                                                 (content hash)     │
//!                                                      LiveGraph: watch files, rebuild aside, swap
//! ```
//!
//! - [`KnowledgeBase::load`] gives an `Arc<Graph>` and a [`LoadReport`] (parsed, or
//!   loaded from the snapshot because the files are unchanged).
//! - [`Graph`] answers the dialogue's questions: `product`, `products_in_category`,
//!   `by_brand`, `in_price_range`, `with_attribute`, `in_stock_variant`, `search_name`,
//!   `accessories_of`, `compatible_with`, `substitutes_of`, `bought_together`,
//!   `attribute_answer`, `faq_lookup`, `policy`, `order`, `orders_of`.
//! - [`LiveGraph`] holds the graph being served and swaps in rebuilt ones.
//! - Texts in other languages (`knowledge/<locale>/`, keyed by the English ids) ride in
//!   the catalogue's [`LocaleTexts`]; `Graph::product_name`, `category_name`,
//!   `attribute_label`, `policy_in` and `faq_lookup_in` answer in a locale, falling back
//!   to English.
//! - [`import_feed`] turns a product feed (Google Retail / Merchant, Shopify) into a
//!   knowledge directory.
//! - File formats: docs/knowledge.md.

mod config;
mod countries;
mod csv_products;
mod edit;
mod error;
mod export;
mod extract;
mod faq;
mod faq_multilingual;
mod faq_words;
mod feed;
mod generate;
mod graph;
mod graph_locale;
mod live;
mod load;
mod locale;
mod locale_check;
mod parse;
mod product_fields;
mod schema;
mod search;
mod shared;
mod sizes;
mod snapshot;
mod source;
mod synonyms;
mod validate;

pub use config::KnowledgeConfig;
pub use countries::{country, country_in, delivers_to, means_eu, Country};
pub use edit::EditError;
pub use error::{KnowledgeError, Problem, Severity};
pub use export::{to_dot, to_json};
pub use extract::{extract_facts, score_extraction, ExtractionScore};
pub use faq::{FaqHit, FaqMatch, FAQ_MIN_MEANING, FAQ_MIN_MULTILINGUAL, FAQ_MIN_WORDS};
pub use faq_multilingual::MultilingualEncoder;
pub use faq_words::{fold_width, is_cjk};
pub use feed::{
    import_feed, FeedError, FeedFormat, ImportOptions, ImportReport, RowNote, FALLBACK_BRAND,
    FALLBACK_CATEGORY, NOMINAL_STOCK,
};
pub use generate::{generate_catalogue, GenerateReport};
pub use graph::{Answer, Edge, Graph, Node, Stats, Verdict};
pub use live::{LiveGraph, ReloadStatus, Reloaded, WatchHandle};
pub use load::{KnowledgeBase, LoadReport, LoadSource};
pub use locale::{LocalName, LocaleTexts, ProductText};
pub use schema::{
    colour_matches, AttrType, AttrValue, AttributeDef, Brand, Category, Fact, FactSource, FaqEntry,
    Order, OrderItem, OrderStatus, Policy, PolicyKind, Product, Relation, RelationKind, Tracking,
    Variant,
};
pub use shared::{catch_up, follow};
pub use sizes::{compare_sizes, is_size_number, size_in_name, size_matches, squashed};
pub use source::SourceSet;
pub use synonyms::SynonymGroup;
pub use validate::Catalog;
