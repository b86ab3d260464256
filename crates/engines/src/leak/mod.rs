//! The leak kit: a counting global allocator ([`CountingAlloc`]) and the seeds' loop written in
//! Rust on each library ([`loops`]), measured as allocations and bytes retained per iteration.
//!
//! The loop is SCENARIOS.md's S2 shape: a message is always ready, so `select` takes it and the
//! 3-minute timeout created for this iteration is dropped unfired. Go ≤ 1.22 keeps every such
//! timer in the runtime heap until it fires (golang/go#8898): memory grows by ~266 B per
//! iteration. The numbers here are allocation counts, not timings: the same build measures the
//! same bytes every time.
//!
//! | file | concept |
//! |---|---|
//! | `alloc.rs` | [`CountingAlloc`], per-thread [`AllocCounts`] |
//! | `loops.rs` | the loop on tokio, crossbeam and the gotime runtime |
//! | `mod.rs` | [`Probe`], [`LeakRow`] and the table |

mod alloc;
pub mod loops;

use std::fmt::Write;

pub use alloc::{counts, installed, AllocCounts, CountingAlloc};

/// Measures this thread's allocations between [`Probe::start`] and [`Probe::stop`].
#[derive(Debug)]
pub struct Probe {
    start: AllocCounts,
}

impl Probe {
    /// Starts counting.
    ///
    /// # Panics
    ///
    /// When [`CountingAlloc`] is not the global allocator: every count would read zero.
    pub fn start() -> Probe {
        assert!(installed(), "install timerlab_engines::leak::CountingAlloc as the #[global_allocator]");
        Probe { start: counts() }
    }

    /// What was allocated and freed since [`Probe::start`].
    pub fn stop(self) -> AllocCounts {
        counts().since(self.start)
    }
}

/// One measured loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeakRow {
    /// The loop: library and shape.
    pub pattern: String,
    /// Iterations measured.
    pub iterations: u64,
    /// Allocations during the measured iterations.
    pub delta: AllocCounts,
    /// Iterations that took the timeout branch (0 for a loop whose message is always ready).
    pub timeouts: u64,
    /// Go heap bytes the simulated runtime says the loop retained (gotime's cost model), when
    /// the loop runs on gotime.
    pub go_bytes: Option<u64>,
}

impl LeakRow {
    /// Bytes still allocated after the loop, per iteration.
    pub fn retained_per_iteration(&self) -> f64 {
        self.delta.live_bytes() as f64 / self.iterations as f64
    }

    /// Allocations per iteration.
    pub fn allocs_per_iteration(&self) -> f64 {
        self.delta.allocs as f64 / self.iterations as f64
    }

    /// Modelled Go heap bytes per iteration, when the loop runs on gotime.
    pub fn go_bytes_per_iteration(&self) -> Option<f64> {
        self.go_bytes.map(|b| b as f64 / self.iterations as f64)
    }
}

/// The rows as a Markdown table: pattern, iterations, allocations and bytes per iteration,
/// bytes retained per iteration, and gotime's modelled Go bytes per iteration.
pub fn table(rows: &[LeakRow]) -> String {
    let mut out = String::from(
        "| loop | iterations | allocations / iter | bytes allocated / iter | retained / iter | modelled Go heap / iter |\n\
         |---|---:|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let go = row.go_bytes_per_iteration().map_or("—".to_owned(), |b| format!("{b:.1} B"));
        let _ = writeln!(
            out,
            "| {} | {} | {:.2} | {:.1} B | {:.1} B | {go} |",
            row.pattern,
            row.iterations,
            row.allocs_per_iteration(),
            row.delta.bytes_allocated as f64 / row.iterations as f64,
            row.retained_per_iteration(),
        );
    }
    out
}
