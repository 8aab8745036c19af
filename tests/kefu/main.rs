//! kefu's integration tests: one binary, one module per area.

mod adversarial;
mod analytics;
mod behavior;
mod chat_cli;
mod dialogue;
mod ensemble;
mod feeds;
mod foundation;
mod http;
mod knowledge;
mod nlu;
mod nlu_engine;
mod properties;
mod recommend;
mod search;
mod shipped_model;
mod shop_site;
mod support;
mod transport;
mod turn;
