//! kefu's integration tests: one binary, one module per area.

mod adversarial;
mod analytics;
mod behavior;
mod chat_cli;
mod dialogue;
mod distil;
mod ensemble;
mod feeds;
mod foundation;
mod http;
mod knowledge;
mod locale;
mod multilingual;
mod nlu;
mod nlu_engine;
mod pg_support;
mod properties;
mod recommend;
mod replicas;
mod search;
mod shipped_model;
mod shop_site;
mod store_migrate;
mod support;
mod transport;
mod turn;
