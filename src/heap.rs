//! Handing freed memory back to the OS. glibc keeps what a thread freed in its arenas, so a
//! process that loaded large things and dropped them (the candle copies of models once the
//! fast engine packed them, closed sockets' buffers) stays at its peak resident size until
//! `malloc_trim` returns the free pages.

/// Returns the allocator's free pages to the OS; a no-op off glibc.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn return_free_pages() {
    // SAFETY: malloc_trim only walks glibc's own heap under its locks; 0 keeps no padding.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Returns the allocator's free pages to the OS; a no-op off glibc.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn return_free_pages() {}
