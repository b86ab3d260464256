//! Go's timers ported to futures-timer's `Delay` ([`port`]) on a `futures::executor::LocalPool`,
//! run in real time on the script's grid ([`FuturesEngine`]).
//!
//! futures-timer has no virtual clock: its `Delay`s are fired by a helper thread on the wall
//! clock. The port has Go ≤ 1.22's shape (a task fills a one-value buffer), with one difference
//! the conformance table shows: the pool runs the tasks only while the program lets time pass.

pub mod port;

mod engine;

pub use engine::FuturesEngine;

use crate::adapters::grid::DEFAULT_REAL_QUANTUM;
use crate::adapters::realtime::RealTime;
use crate::subject::{Subject, Support};

/// The futures-timer port as a conformance [`Subject`] named `futures-timer`, one script quantum
/// lasting [`DEFAULT_REAL_QUANTUM`] of wall time.
pub fn subject() -> impl Subject {
    RealTime::new(
        "futures-timer",
        "futures_timer::Delay in tasks on futures::executor::LocalPool + async_channel::bounded(1), real time (20 ms per script quantum)",
        Support::ALL,
        DEFAULT_REAL_QUANTUM,
        FuturesEngine::new,
    )
}
