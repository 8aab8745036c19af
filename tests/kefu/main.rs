//! kefu's integration tests: one binary, one module per area.

mod chat_cli;
mod foundation;
mod nlu;
mod transport;
