//! kefu's integration tests: one binary, one module per area.

mod dialogue;
mod foundation;
mod nlu;
mod transport;
