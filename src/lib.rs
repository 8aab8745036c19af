//! kefu (客服): a self-hosted shopping assistant. See README.md and docs/ for the map.
//!
//! Data flows down: transport → dialogue → {nlu, knowledge, recommend, behavior} → store;
//! `retention` sweeps the stores of all of them; `start` wires the dialogue for `serve`,
//! the stories and the tests.
//! `types` is the shared vocabulary and `lexicon` the shared word lists; both depend on
//! nothing below them, nor does `heap` (giving freed memory back), `timing` (the per-stage turn clocks) or `bench` (the
//! arithmetic of `kefu bench chat`). `identity` (the shop's signed shopper tokens)
//! depends only on `types`.

pub mod behavior;
pub mod bench;
pub mod config;
pub mod dialogue;
pub mod heap;
pub mod identity;
pub mod knowledge;
pub mod lexicon;
pub mod model;
pub mod nlu;
pub mod recommend;
pub mod retention;
pub mod search;
pub mod start;
pub mod store;
pub mod stories;
pub mod timing;
pub mod transport;
pub mod types;

pub use transport::{app, AppState};
