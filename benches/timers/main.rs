//! Timer benchmarks: timerlab's runtime in each semantics next to tokio's timers, each operation
//! with 10, 1e3, 1e5 and 1e6 other live timers in the heap. `oracle/bench` measures the same on
//! real Go; `cargo xtask bench [--quick]` runs both and prints one table (docs/PERFORMANCE.md).
//!
//! Benchmark ids are `OPERATION/IMPLEMENTATION/OTHERS`: `new_timer_stop/timerlab-async/1000`.
//! Everything is deterministic but the timings: fixed durations, no randomness, a clock that only
//! moves between measurements. With `TIMERLAB_BENCH_COUNT` set, the binary runs one operation a
//! fixed number of times instead, for an instruction counter (`count.rs`).

mod count;
mod gotime_ops;
mod op;
mod others;
mod tokio_ops;

use criterion::Criterion;
use gotime::Semantics;

fn main() -> std::process::ExitCode {
    if let Ok(spec) = std::env::var(count::VAR) {
        return match count::run(&spec) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{message}");
                std::process::ExitCode::from(2)
            }
        };
    }
    let mut c = Criterion::default().configure_from_args();
    // Sizes outermost: the million-timer heaps are built once each, and one at a time.
    for n in others::SIZES {
        for semantics in Semantics::ALL {
            gotime_ops::bench_all(&mut c, semantics, n);
        }
        tokio_ops::bench_all(&mut c, n);
    }
    c.final_summary();
    std::process::ExitCode::SUCCESS
}
