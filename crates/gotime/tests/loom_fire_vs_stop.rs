//! Loom model: `Timer.Stop` racing the firing of the timer (another thread advancing the clock
//! past the deadline), followed by the non-blocking drain `select { case <-t.C: default: }`.
//!
//! - Async (Go ≤ 1.22): the firing is two-phase (state.rs ground rule 3), so Stop can return
//!   false while the value is still in flight; the drain finds nothing and the value lands after
//!   Stop returned — a stale value for the next receive (golang/go#69312's async half, #14038).
//! - Sync (Go ≥ 1.23): Stop on a timer whose value was not received returns true and no value
//!   ever arrives after it returned.

#![cfg(gotime_loom)]

mod loom_support;

use gotime::{Runtime, Semantics};
use loom::thread;
use loom_support::{model, secs, snapshot, yes_no, Outcome};

/// What the user thread saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Seen {
    /// `t.Stop()`'s result.
    stopped: bool,
    /// The non-blocking drain right after Stop returned found a value.
    drained: bool,
    /// A value was in the channel once the firing thread had finished: it landed after Stop
    /// returned and the drain missed it.
    late: bool,
}

impl Outcome for Seen {
    const COLUMNS: &'static [&'static str] = &["Stop", "drain after Stop", "value landed after Stop"];

    fn space() -> Vec<Seen> {
        let mut space = Vec::new();
        for stopped in [false, true] {
            for drained in [false, true] {
                for late in [false, true] {
                    space.push(Seen { stopped, drained, late });
                }
            }
        }
        space
    }

    fn cells(&self) -> Vec<String> {
        vec![self.stopped.to_string(), got(self.drained), yes_no(self.late)]
    }
}

fn got(value: bool) -> String {
    if value { "got the value" } else { "empty" }.to_owned()
}

fn fire_vs_stop(semantics: Semantics) -> loom_support::Explored<Seen> {
    model(&format!("fire_vs_stop/{semantics}"), move || {
        let rt = Runtime::new(semantics);
        let t = rt.new_timer(secs(1));
        let firing = {
            let rt = rt.clone();
            thread::spawn(move || rt.advance(secs(1)))
        };
        let stopped = t.stop();
        let drained = t.c().try_recv().is_ok();
        firing.join().unwrap();
        let late = t.c().try_recv().is_ok();
        Seen { stopped, drained, late }
    })
}

const STALE: Seen = Seen { stopped: false, drained: false, late: true };

#[test]
fn stop_racing_the_firing_can_return_false_before_the_value_lands_in_async_mode() {
    let explored = fire_vs_stop(Semantics::Async);
    assert!(explored.outcomes.contains(&STALE), "the late value must be reachable:\n{}", explored.table());
    assert!(explored.outcomes.iter().all(|s| !(s.drained && s.late)), "a one-shot timer sent twice");
    snapshot!(
        "fire_vs_stop_async",
        "Stop racing the firing, then a non-blocking drain; async (Go <= 1.22)",
        &explored.outcomes
    );
}

#[test]
fn stop_racing_the_firing_voids_the_value_in_sync_mode() {
    let explored = fire_vs_stop(Semantics::Sync);
    for seen in &explored.outcomes {
        assert!(seen.stopped, "Stop returned false for a timer never received: {seen:?}");
        assert!(!seen.drained && !seen.late, "a value arrived after Stop: {seen:?}");
    }
    assert!(!explored.outcomes.contains(&STALE));
    snapshot!(
        "fire_vs_stop_sync",
        "Stop racing the firing, then a non-blocking drain; sync (Go >= 1.23)",
        &explored.outcomes
    );
}

#[test]
fn stop_racing_the_firing_in_async_collected_mode_reaches_exactly_what_async_reaches() {
    // asynctimerchan=2 keeps async's channel (src/time/sleep.go, syncTimer): the same race.
    let explored = fire_vs_stop(Semantics::AsyncCollected);
    let async_outcomes = fire_vs_stop(Semantics::Async).outcomes;
    assert_eq!(explored.outcomes, async_outcomes, "async-collected:\n{}", explored.table());
    snapshot!(
        "fire_vs_stop_async_collected",
        "Stop racing the firing, then a non-blocking drain; async-collected (asynctimerchan=2)",
        &explored.outcomes
    );
}
