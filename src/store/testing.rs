//! Stores for tests, on either backend, so one suite runs against both: [`TestStore`] and
//! the [`crate::store_tests!`] macro, which turns each test into a `sled` and a `postgres`
//! test (`cargo test tracker::tests::handoff_index::postgres`). The postgres stores are
//! fresh databases on one real server per test process ([`TempPostgres::shared`]).

use std::path::Path;

use super::postgres::test_server::TempPostgres;
use super::Store;

/// Where a test's store lives; [`TestStore::open`] may be called again to reopen it.
pub enum TestStore {
    Sled(tempfile::TempDir),
    Postgres(String),
}

impl TestStore {
    pub fn sled() -> TestStore {
        TestStore::Sled(tempfile::tempdir().expect("a temporary directory"))
    }

    /// A new, empty database on this process's test server.
    pub fn postgres() -> TestStore {
        TestStore::Postgres(TempPostgres::shared().fresh_database())
    }

    pub fn open(&self) -> Store {
        match self {
            // Without sled's flusher thread, which holds the directory's lock for up to
            // 500 ms after the last handle went: a test may close and reopen its store.
            TestStore::Sled(dir) => Store::open_configured(
                dir.path(),
                super::SCHEMA_VERSION,
                super::schema::MIGRATIONS,
                false,
            ),
            TestStore::Postgres(url) => Store::open_postgres(url, 2),
        }
        .unwrap_or_else(|e| panic!("opening the {} test store: {e}", self.backend()))
    }

    /// The sled directory.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            TestStore::Sled(dir) => Some(dir.path()),
            TestStore::Postgres(_) => None,
        }
    }

    pub fn url(&self) -> Option<&str> {
        match self {
            TestStore::Postgres(url) => Some(url),
            TestStore::Sled(_) => None,
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            TestStore::Sled(_) => "sled",
            TestStore::Postgres(_) => "postgres",
        }
    }
}

/// Each test inside becomes a module with a `sled` and a `postgres` test; the body gets
/// the [`TestStore`] under the name given in parentheses:
///
/// ```ignore
/// store_tests! {
///     fn keeps_what_it_was_given(ts) { let store = ts.open(); … }
///     async fn flushes(ts) { … }
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! store_tests {
    () => {};
    ($(#[$m:meta])* fn $name:ident($ts:ident) $body:block $($rest:tt)*) => {
        $(#[$m])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[test]
            fn sled() {
                let $ts = $crate::store::testing::TestStore::sled();
                $body
            }
            #[test]
            fn postgres() {
                let $ts = $crate::store::testing::TestStore::postgres();
                $body
            }
        }
        $crate::store_tests! { $($rest)* }
    };
    ($(#[$m:meta])* async fn $name:ident($ts:ident) $body:block $($rest:tt)*) => {
        $(#[$m])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test]
            async fn sled() {
                let $ts = $crate::store::testing::TestStore::sled();
                $body
            }
            #[tokio::test]
            async fn postgres() {
                let $ts = $crate::store::testing::TestStore::postgres();
                $body
            }
        }
        $crate::store_tests! { $($rest)* }
    };
}
