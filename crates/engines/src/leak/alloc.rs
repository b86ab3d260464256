//! [`CountingAlloc`]: the system allocator, counting what each thread allocates and frees.
//!
//! Counts are per thread, so tests running in parallel in one binary do not see each other's
//! allocations; a loop measured here must therefore allocate and free on the measuring thread
//! (a current-thread tokio runtime, crossbeam's lazy timers and gotime's manual clock all do).
//! This is the one module of the crate with unsafe code: `GlobalAlloc` is an unsafe trait.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Allocation totals of one thread since it started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AllocCounts {
    /// Allocations (a `realloc` counts as one allocation and one free).
    pub allocs: u64,
    /// Frees.
    pub frees: u64,
    /// Bytes allocated.
    pub bytes_allocated: u64,
    /// Bytes freed.
    pub bytes_freed: u64,
}

impl AllocCounts {
    const ZERO: AllocCounts = AllocCounts { allocs: 0, frees: 0, bytes_allocated: 0, bytes_freed: 0 };

    /// Bytes allocated and not freed.
    pub fn live_bytes(&self) -> i64 {
        self.bytes_allocated as i64 - self.bytes_freed as i64
    }

    /// What happened between `earlier` and `self`.
    pub fn since(&self, earlier: AllocCounts) -> AllocCounts {
        AllocCounts {
            allocs: self.allocs - earlier.allocs,
            frees: self.frees - earlier.frees,
            bytes_allocated: self.bytes_allocated - earlier.bytes_allocated,
            bytes_freed: self.bytes_freed - earlier.bytes_freed,
        }
    }
}

thread_local! {
    // Const-initialized and without a destructor: reading it never allocates, so the allocator
    // can use it.
    static COUNTS: Cell<AllocCounts> = const { Cell::new(AllocCounts::ZERO) };
}

fn record(f: impl FnOnce(&mut AllocCounts)) {
    let _ = COUNTS.try_with(|cell| {
        let mut counts = cell.get();
        f(&mut counts);
        cell.set(counts);
    });
}

/// This thread's totals so far (all zero unless [`CountingAlloc`] is the global allocator).
pub fn counts() -> AllocCounts {
    COUNTS.try_with(Cell::get).unwrap_or_default()
}

/// Is [`CountingAlloc`] the global allocator of this program?
pub fn installed() -> bool {
    let before = counts();
    let probe = std::hint::black_box(Box::new(0_u64));
    drop(probe);
    counts().allocs > before.allocs
}

/// The system allocator, counting per thread. Install it in a binary of its own (a test binary
/// with `harness` on is fine: counts are per thread):
///
/// ```
/// use timerlab_engines::leak::{installed, CountingAlloc, Probe};
///
/// #[global_allocator]
/// static ALLOC: CountingAlloc = CountingAlloc;
///
/// fn main() {
///     assert!(installed());
///     let probe = Probe::start();
///     let kept = vec![0_u8; 100];
///     assert_eq!(probe.stop().live_bytes(), 100);
///     drop(kept);
/// }
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct CountingAlloc;

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, and only
// then updates a thread-local counter that never allocates; the allocator contract is System's.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is; the caller upholds `alloc`'s contract.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            record(|c| {
                c.allocs += 1;
                c.bytes_allocated += layout.size() as u64;
            });
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is; the caller upholds `alloc_zeroed`'s contract.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            record(|c| {
                c.allocs += 1;
                c.bytes_allocated += layout.size() as u64;
            });
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is; the caller upholds `dealloc`'s contract.
        unsafe { System.dealloc(ptr, layout) };
        record(|c| {
            c.frees += 1;
            c.bytes_freed += layout.size() as u64;
        });
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is; the caller upholds `realloc`'s contract.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            record(|c| {
                c.allocs += 1;
                c.frees += 1;
                c.bytes_allocated += new_size as u64;
                c.bytes_freed += layout.size() as u64;
            });
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_the_system_allocator_nothing_is_counted_and_the_counter_is_not_installed() {
        // This crate's unit tests run on the system allocator; `tests/leak.rs` installs the
        // counting one.
        let kept = std::hint::black_box(vec![0_u8; 64]);
        assert_eq!(counts(), AllocCounts::default());
        assert!(!installed());
        drop(kept);
    }
}
