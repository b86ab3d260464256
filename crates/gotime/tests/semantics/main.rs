//! One test per row of docs/SEMANTICS.md per semantics. Where the two semantics differ, each has
//! its own test named for what it shows; where they agree, one test runs both.

#![cfg(not(gotime_loom))] // the loom build has no tokio clock; the loom models check that build

mod after_func;
mod channel_timers;
mod retention;
mod tickers;
mod tokio_clock;

use gotime::{GoDuration, Instant, Runtime, Semantics};

/// `n` seconds.
pub fn secs(n: i64) -> GoDuration {
    GoDuration::from_secs(n)
}

/// The instant `seconds` after the start.
pub fn at(seconds: i64) -> Instant {
    Instant::from_start(secs(seconds))
}

/// Runs `test` on a fresh manual-clock runtime of each semantics.
pub fn both(test: impl Fn(Runtime)) {
    for semantics in Semantics::BOTH {
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| test(Runtime::new(semantics))));
        if let Err(panic) = outcome {
            eprintln!("failed in {semantics} semantics");
            std::panic::resume_unwind(panic);
        }
    }
}

/// A manual-clock runtime in async semantics (Go ≤ 1.22).
pub fn async_rt() -> Runtime {
    Runtime::new(Semantics::Async)
}

/// A manual-clock runtime in sync semantics (Go ≥ 1.23).
pub fn sync_rt() -> Runtime {
    Runtime::new(Semantics::Sync)
}
