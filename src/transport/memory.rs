//! Giving memory back after sockets close. glibc keeps what a socket task freed in its
//! per-thread arenas, so after a wave of 10,000 sockets the server's resident size stays at
//! its peak although nothing uses it. When sockets close in numbers (or the last one
//! closes), `malloc_trim` hands the free pages back, on the blocking pool.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Closes between two trims, unless the last socket closed first.
const CLOSES_PER_TRIM: usize = 1024;

#[derive(Default)]
pub(crate) struct MemoryReturn {
    closes: AtomicUsize,
    trimming: AtomicBool,
}

impl MemoryReturn {
    /// A socket closed; `still_open` are left. Trims when enough closed since the last.
    pub(crate) fn socket_closed(&'static self, still_open: i64) {
        let closes = self.closes.fetch_add(1, Ordering::Relaxed) + 1;
        if (still_open > 0 && closes < CLOSES_PER_TRIM)
            || self.trimming.swap(true, Ordering::AcqRel)
        {
            return;
        }
        self.closes.store(0, Ordering::Relaxed);
        tokio::task::spawn_blocking(move || {
            crate::heap::return_free_pages();
            self.trimming.store(false, Ordering::Release);
        });
    }
}

/// One per process: the allocator is.
pub(crate) static MEMORY_RETURN: MemoryReturn = MemoryReturn {
    closes: AtomicUsize::new(0),
    trimming: AtomicBool::new(false),
};
