//! Timer benchmarks: timerlab's runtime in both semantics next to tokio's timers, each operation
//! with 10, 1e3, 1e5 and 1e6 other live timers in the heap. `oracle/bench` measures the same on
//! real Go; `cargo xtask bench [--quick]` runs both and prints one table (docs/PERFORMANCE.md).
//!
//! Benchmark ids are `OPERATION/IMPLEMENTATION/OTHERS`: `new_timer_stop/timerlab-async/1000`.
//! Everything is deterministic but the timings: fixed durations, no randomness, a clock that only
//! moves between measurements. With `TIMERLAB_BENCH_COUNT` set, the binary runs one operation a
//! fixed number of times instead, for an instruction counter (`count.rs`).

mod count;
mod gotime_ops;
mod others;
mod tokio_ops;

use criterion::Criterion;
use gotime::Semantics;

/// The measured operations. Go's counterparts: `oracle/bench/timers_test.go`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    /// `t := NewTimer(3m); t.Stop()`.
    NewTimerStop,
    /// `t.Reset(d)` of an armed timer, alternating between 3m and 4m.
    ResetActive,
    /// `After(3m)`, never read: kept until it fires in async mode, collected in sync mode.
    AfterDropped,
    /// `t := AfterFunc(3m, f); t.Stop()`.
    AfterFuncStop,
    /// `t := NewTicker(3m); t.Stop()`.
    TickerStop,
    /// One iteration of the seed-2 consumer: a fresh `After(3m)` in a select whose message is ready.
    Seed2Loop,
}

impl Op {
    const ALL: [Op; 6] = [
        Op::NewTimerStop,
        Op::ResetActive,
        Op::AfterDropped,
        Op::AfterFuncStop,
        Op::TickerStop,
        Op::Seed2Loop,
    ];

    /// The benchmark group, also the first column `cargo xtask bench` reads back.
    fn id(self) -> &'static str {
        match self {
            Op::NewTimerStop => "new_timer_stop",
            Op::ResetActive => "reset_active",
            Op::AfterDropped => "after_dropped",
            Op::AfterFuncStop => "after_func_stop",
            Op::TickerStop => "ticker_stop",
            Op::Seed2Loop => "seed2_loop",
        }
    }

    /// Whether an iteration leaks a timer in async mode (it stays armed until it fires).
    fn leaks(self) -> bool {
        matches!(self, Op::AfterDropped | Op::Seed2Loop)
    }
}

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
        for semantics in Semantics::BOTH {
            gotime_ops::bench_all(&mut c, semantics, n);
        }
        tokio_ops::bench_all(&mut c, n);
    }
    c.final_summary();
    std::process::ExitCode::SUCCESS
}
