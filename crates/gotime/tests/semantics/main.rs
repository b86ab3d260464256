//! One test per row of docs/SEMANTICS.md per semantics. Where the semantics differ, each
//! behaviour has a test named for what it shows (`..._in_async_modes` runs async and
//! async-collected, whose channels are the same); where they agree, one test runs all three.

#![cfg(not(gotime_loom))] // the loom build has no tokio clock; the loom models check that build

mod after_func;
mod channel_timers;
mod firing_window;
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

/// Runs `test` on a fresh manual-clock runtime of each semantics in `semantics`, naming the
/// semantics in any failure.
fn each(semantics: &[Semantics], test: impl Fn(Runtime)) {
    for &semantics in semantics {
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| test(Runtime::new(semantics))));
        if let Err(panic) = outcome {
            eprintln!("failed in {semantics} semantics");
            std::panic::resume_unwind(panic);
        }
    }
}

/// Runs `test` in every semantics: a row where all three agree.
pub fn every(test: impl Fn(Runtime)) {
    each(&Semantics::ALL, test);
}

/// Runs `test` in the semantics whose channel has a one-value buffer: async and async-collected
/// (`Semantics::buffered_channels`), for the channel rows of "async" in SEMANTICS.md.
pub fn buffered(test: impl Fn(Runtime)) {
    let semantics: Vec<Semantics> = Semantics::ALL.into_iter().filter(|s| s.buffered_channels()).collect();
    assert_eq!(semantics, [Semantics::Async, Semantics::AsyncCollected]);
    each(&semantics, test);
}

/// Runs `test` in the semantics that collect an unreferenced timer: async-collected and sync
/// (`Semantics::collects_unreferenced`), for the retention rows of "sync" in SEMANTICS.md.
pub fn collecting(test: impl Fn(Runtime)) {
    let semantics: Vec<Semantics> =
        Semantics::ALL.into_iter().filter(|s| s.collects_unreferenced()).collect();
    assert_eq!(semantics, [Semantics::AsyncCollected, Semantics::Sync]);
    each(&semantics, test);
}

/// A manual-clock runtime in async semantics (Go ≤ 1.22, asynctimerchan=1).
pub fn async_rt() -> Runtime {
    Runtime::new(Semantics::Async)
}

/// A manual-clock runtime in async-collected semantics (asynctimerchan=2).
pub fn async_collected_rt() -> Runtime {
    Runtime::new(Semantics::AsyncCollected)
}

/// A manual-clock runtime in sync semantics (Go ≥ 1.23).
pub fn sync_rt() -> Runtime {
    Runtime::new(Semantics::Sync)
}
