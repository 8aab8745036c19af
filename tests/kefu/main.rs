//! kefu's integration tests: one binary, one module per area.

mod behavior;
mod foundation;
mod nlu;
mod recommend;
mod transport;
