//! The threads a forward pass runs on: its own rayon pool of exactly `threads` workers (so
//! the count never depends on the environment or on what else uses the global pool), entered
//! once per forward pass; each operation then splits into at most `threads` parts.

use rayon::prelude::*;
use std::sync::Arc;

#[derive(Clone)]
pub(crate) struct Par {
    threads: usize,
    pool: Option<Arc<rayon::ThreadPool>>,
}

impl Par {
    /// Everything on the calling thread.
    pub(crate) fn serial() -> Self {
        Self {
            threads: 1,
            pool: None,
        }
    }

    /// A dedicated pool of `threads` workers (serial for 1, or when the pool cannot start).
    pub(crate) fn pool(threads: usize) -> Self {
        if threads <= 1 {
            return Self::serial();
        }
        match rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("kefu-nlu-{i}"))
            .build()
        {
            Ok(pool) => Self {
                threads,
                pool: Some(Arc::new(pool)),
            },
            Err(e) => {
                tracing::warn!("cannot start {threads} NLU compute threads ({e}); running on one");
                Self::serial()
            }
        }
    }

    pub(crate) fn threads(&self) -> usize {
        self.threads
    }

    /// Runs `f` inside the pool, so the `for_each` calls it makes stay on the pool's threads.
    pub(crate) fn run<R: Send>(&self, f: impl FnOnce(&Par) -> R + Send) -> R {
        match &self.pool {
            Some(pool) => pool.install(|| f(self)),
            None => f(self),
        }
    }

    /// `f(0) … f(parts - 1)`, spread over the threads.
    pub(crate) fn for_each(&self, parts: usize, f: impl Fn(usize) + Sync + Send) {
        if self.pool.is_none() || parts <= 1 {
            (0..parts).for_each(f);
        } else {
            (0..parts).into_par_iter().with_max_len(1).for_each(f);
        }
    }
}

/// A raw output pointer shared by parts that write disjoint elements.
#[derive(Clone, Copy)]
pub(crate) struct SyncPtr(pub *mut f32);

impl SyncPtr {
    /// The pointer (a method, so closures capture the whole `Send` wrapper, not the field).
    pub(crate) fn get(self) -> *mut f32 {
        self.0
    }
}
// SAFETY: every user writes only the elements its part owns.
unsafe impl Send for SyncPtr {}
unsafe impl Sync for SyncPtr {}
