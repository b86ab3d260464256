//! Go's timers ported to crossbeam-channel's `after` / `tick` / `never` ([`port`]) and run in
//! real time on the script's grid ([`CrossbeamEngine`]).
//!
//! crossbeam computes its timer channels lazily from a deadline: a channel is ready once the
//! deadline has passed, nothing runs in the background, nothing is retained when the receiver is
//! dropped. There is no way to stop a channel, so Stop swaps in `never()` — which discards a value
//! nobody received, as Go 1.23 does, while Stop reports false as Go 1.22 does. crossbeam has no
//! AfterFunc and nothing counts live timers: those rows cannot be checked.

pub mod port;

mod engine;

pub use engine::CrossbeamEngine;

use timerlab_script::Ctor;

use crate::adapters::grid::DEFAULT_REAL_QUANTUM;
use crate::adapters::realtime::RealTime;
use crate::subject::{Subject, Support};

/// The crossbeam port as a conformance [`Subject`] named `crossbeam`, one script quantum lasting
/// [`DEFAULT_REAL_QUANTUM`] of wall time.
pub fn subject() -> impl Subject {
    RealTime::new(
        "crossbeam",
        "crossbeam_channel::after / tick / never, real time (20 ms per script quantum)",
        Support::ALL.without(Ctor::AfterFunc).without_live(),
        DEFAULT_REAL_QUANTUM,
        CrossbeamEngine::new,
    )
}
