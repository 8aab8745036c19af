//! kefu's integration tests: one binary, one module per area.

mod foundation;
mod knowledge;
mod nlu;
mod transport;
