//! The product knowledge graph: the shop's files, validated, in memory and in sled.

mod config;

pub use config::KnowledgeConfig;
