//! A typed, ordered key-value store on one of two backends: sled (embedded, the default)
//! or PostgreSQL (shared by several kefu replicas). Every tree holds one serde type; the
//! store carries a schema version, and migrations run in order when an older one is
//! opened. Modules see only [`Store`], [`Tree`], [`WriteSet`] and [`AgeIndex`]; which
//! backend sits behind them is the config's business (docs/store.md).

mod age_index;
mod config;
mod copy;
mod error;
mod handle;
mod migrate_v2;
pub mod postgres;
mod raw;
mod schema;
#[doc(hidden)]
pub mod testing;
mod time_key;
mod tree;
mod write_set;

pub use age_index::{day_of, AgeIndex};
pub use config::{BackendKind, StoreConfig};
pub use copy::{copy_store, CopyProgress};
pub use error::StoreError;
pub(crate) use handle::Backend;
pub use handle::Store;
pub use postgres::Lease;
pub use raw::RawEntry;
pub use schema::{Migration, SCHEMA_VERSION};
pub use time_key::{seq_of, time_key, time_seq_key};
pub use tree::Tree;
pub use write_set::WriteSet;
