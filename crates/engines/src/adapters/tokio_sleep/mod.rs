//! Go's timers ported to `tokio::time` ([`port`]) and run on a paused clock ([`TokioEngine`]).
//!
//! The port is what a Rust port of a Go program writes: `NewTimer` spawns a task that sleeps
//! and `try_send`s into an mpsc channel of capacity 1, `Stop` aborts the task and reports whether
//! it had finished, `Reset` aborts and respawns. That is Go ≤ 1.22's design (a buffered channel
//! filled by the runtime), so it should match the async column; docs/ENGINES.md has the table.

pub mod port;

mod engine;

pub use engine::TokioEngine;

use timerlab_script::Engine;

use crate::subject::{Candidate, Subject};

/// The tokio port as a conformance [`Subject`] named `tokio`.
pub fn subject() -> impl Subject {
    Candidate::new("tokio", |semantics| Box::new(TokioEngine::new(semantics)) as Box<dyn Engine>)
        .description("tokio::time::sleep_until in a spawned task + mpsc channel(1), paused clock")
        .semantics_blind()
}
