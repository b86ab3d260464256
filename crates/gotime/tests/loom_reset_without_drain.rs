//! Loom model: seed 2's loop — `t.Reset(d)` on a timer that may have fired unreceived, with no
//! Stop and no drain, then the loop's receive — racing the firing thread.
//!
//! - Async (Go ≤ 1.22): Reset returns false and the stale value stays in the buffer, so the
//!   receive right after Reset gets it at once — a spurious timeout — or a little later, when the
//!   in-flight send lands (golang/go#14038, #11513).
//! - Sync (Go ≥ 1.23): Reset discards the unreceived value; the first value after Reset is the
//!   new deadline's, in every interleaving.

#![cfg(gotime_loom)]

mod loom_support;

use gotime::{Runtime, Semantics};
use loom::thread;
use loom_support::{after_reset, model, secs, snapshot, Outcome, Received};

/// What the user thread saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Seen {
    /// `t.Reset(5s)`'s result.
    reset: bool,
    /// The first value received after Reset: at once or later, stale or fresh.
    first: Received,
}

impl Outcome for Seen {
    const COLUMNS: &'static [&'static str] = &["Reset", "first receive after Reset"];

    fn space() -> Vec<Seen> {
        let mut space = Vec::new();
        for reset in [false, true] {
            for first in Received::ALL {
                space.push(Seen { reset, first });
            }
        }
        space
    }

    fn cells(&self) -> Vec<String> {
        vec![self.reset.to_string(), self.first.to_string()]
    }
}

fn reset_without_drain(semantics: Semantics) -> loom_support::Explored<Seen> {
    model(&format!("reset_without_drain/{semantics}"), move || {
        let rt = Runtime::new(semantics);
        let t = rt.new_timer(secs(1));
        let firing = {
            let rt = rt.clone();
            thread::spawn(move || rt.advance(secs(1)))
        };
        let reset = t.reset(secs(5));
        let first = after_reset(&rt, t.c(), move || firing.join().unwrap());
        Seen { reset, first }
    })
}

#[test]
fn reset_without_drain_delivers_stale_value_in_async_mode() {
    let explored = reset_without_drain(Semantics::Async);
    let spurious = Seen { reset: false, first: Received::StaleAtOnce };
    assert!(explored.outcomes.contains(&spurious), "no spurious timeout:\n{}", explored.table());
    snapshot!(
        "reset_without_drain_async",
        "Reset(5s) without Stop/drain racing the firing at 1s; async (Go <= 1.22)",
        &explored.outcomes
    );
}

#[test]
fn reset_without_drain_never_delivers_a_stale_value_in_sync_mode() {
    let explored = reset_without_drain(Semantics::Sync);
    for seen in &explored.outcomes {
        assert!(seen.first.is_fresh(), "a stale value after Reset: {seen:?}");
        assert!(seen.reset, "Reset of an unreceived timer returned false: {seen:?}");
    }
    snapshot!(
        "reset_without_drain_sync",
        "Reset(5s) without Stop/drain racing the firing at 1s; sync (Go >= 1.23)",
        &explored.outcomes
    );
}

#[test]
fn reset_without_drain_delivers_stale_value_in_async_collected_mode_as_in_async_mode() {
    // asynctimerchan=2 keeps async's buffered channel, and with it the stale value (#11513).
    let explored = reset_without_drain(Semantics::AsyncCollected);
    assert_eq!(explored.outcomes, reset_without_drain(Semantics::Async).outcomes, "{}", explored.table());
    snapshot!(
        "reset_without_drain_async_collected",
        "Reset(5s) without Stop/drain racing the firing at 1s; async-collected (asynctimerchan=2)",
        &explored.outcomes
    );
}
