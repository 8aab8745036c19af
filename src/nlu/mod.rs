//! Natural-language understanding: one BERT encoder, intent / slot / sentiment heads.

mod config;

pub use config::NluConfig;
