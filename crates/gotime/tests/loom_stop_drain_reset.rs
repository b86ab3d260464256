//! Loom model: the protocol that makes Reset safe in every semantics — Stop; drain only when Stop
//! returned false *and* the loop has not received the value yet; then Reset — racing the firing
//! thread, while the loop's own non-blocking receive may already have taken the value.
//!
//! - With a **blocking** drain (`<-t.C`, the idiom in Go's Timer.Stop docs) no interleaving
//!   leaves a stale value and none blocks, in every semantics: in async mode Stop returning false
//!   on an unreceived timer means the value is buffered or in flight, so the drain gets it.
//! - A **non-blocking** drain (`select { case <-t.C: default: }`) is not enough in async mode:
//!   it can run before the in-flight value lands, which then arrives after Reset as a stale value
//!   (golang/go#69312's async half, #14038). In sync mode Stop returns true unless the value was
//!   received, so no drain ever runs and nothing is stale.

#![cfg(gotime_loom)]

mod loom_support;

use gotime::{Runtime, Semantics};
use loom::thread;
use loom_support::{after_reset, model, secs, snapshot, yes_no, Outcome, Received};

/// How the protocol drains the channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drain {
    /// `<-t.C`
    Blocking,
    /// `select { case <-t.C: default: }`
    NonBlocking,
}

/// What the user thread saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Seen {
    /// The loop's receive before Stop got the value.
    received: bool,
    /// `t.Stop()`'s result.
    stopped: bool,
    /// The drain ran and got a value.
    drained: bool,
    /// The first value received after `t.Reset(5s)`.
    first: Received,
}

impl Outcome for Seen {
    const COLUMNS: &'static [&'static str] = &["received", "Stop", "drained", "first receive after Reset"];

    fn space() -> Vec<Seen> {
        let mut space = Vec::new();
        for received in [false, true] {
            for stopped in [false, true] {
                // The protocol drains only when Stop returned false and nothing was received.
                let drains: &[bool] = if !received && !stopped { &[false, true] } else { &[false] };
                for &drained in drains {
                    for first in Received::ALL {
                        space.push(Seen { received, stopped, drained, first });
                    }
                }
            }
        }
        space
    }

    fn cells(&self) -> Vec<String> {
        let drained =
            if !self.received && !self.stopped { yes_no(self.drained) } else { "not run".to_owned() };
        vec![yes_no(self.received), self.stopped.to_string(), drained, self.first.to_string()]
    }
}

fn stop_drain_reset(semantics: Semantics, drain: Drain) -> loom_support::Explored<Seen> {
    model(&format!("stop_drain_reset/{semantics}/{drain:?}"), move || {
        let rt = Runtime::new(semantics);
        let t = rt.new_timer(secs(1));
        let firing = {
            let rt = rt.clone();
            thread::spawn(move || rt.advance(secs(1)))
        };
        let received = t.c().try_recv().is_ok();
        let stopped = t.stop();
        let drained = !stopped
            && !received
            && match drain {
                Drain::Blocking => {
                    t.c().recv();
                    true
                }
                Drain::NonBlocking => t.c().try_recv().is_ok(),
            };
        t.reset(secs(5));
        let first = after_reset(&rt, t.c(), move || firing.join().unwrap());
        Seen { received, stopped, drained, first }
    })
}

fn assert_never_stale(explored: &loom_support::Explored<Seen>) {
    for seen in &explored.outcomes {
        assert!(seen.first.is_fresh(), "a stale value after the protocol's Reset: {seen:?}");
    }
}

#[test]
fn stop_then_blocking_drain_then_reset_never_leaves_a_stale_value_in_async_mode() {
    let explored = stop_drain_reset(Semantics::Async, Drain::Blocking);
    assert_never_stale(&explored);
    let drained = Seen { received: false, stopped: false, drained: true, first: Received::FreshLater };
    assert!(explored.outcomes.contains(&drained), "the drain never ran:\n{}", explored.table());
    snapshot!(
        "stop_drain_reset_async_blocking",
        "Stop, blocking drain if false and unreceived, Reset(5s); async (Go <= 1.22)",
        &explored.outcomes
    );
}

#[test]
fn stop_then_blocking_drain_then_reset_never_leaves_a_stale_value_in_sync_mode() {
    let explored = stop_drain_reset(Semantics::Sync, Drain::Blocking);
    assert_never_stale(&explored);
    assert!(
        explored.outcomes.iter().all(|s| s.stopped != s.received),
        "Stop false without a receive:\n{}",
        explored.table()
    );
    snapshot!(
        "stop_drain_reset_sync_blocking",
        "Stop, blocking drain if false and unreceived, Reset(5s); sync (Go >= 1.23)",
        &explored.outcomes
    );
}

#[test]
fn stop_then_non_blocking_drain_can_leave_a_stale_value_in_async_mode() {
    let explored = stop_drain_reset(Semantics::Async, Drain::NonBlocking);
    assert!(
        explored.outcomes.iter().any(|s| !s.first.is_fresh()),
        "no stale value was reachable:\n{}",
        explored.table()
    );
    snapshot!(
        "stop_drain_reset_async_non_blocking",
        "Stop, non-blocking drain if false and unreceived, Reset(5s); async (Go <= 1.22)",
        &explored.outcomes
    );
}

#[test]
fn stop_then_non_blocking_drain_then_reset_never_leaves_a_stale_value_in_sync_mode() {
    let explored = stop_drain_reset(Semantics::Sync, Drain::NonBlocking);
    assert_never_stale(&explored);
    snapshot!(
        "stop_drain_reset_sync_non_blocking",
        "Stop, non-blocking drain if false and unreceived, Reset(5s); sync (Go >= 1.23)",
        &explored.outcomes
    );
}

#[test]
fn stop_drain_reset_in_async_collected_mode_reaches_exactly_what_async_reaches() {
    // asynctimerchan=2 keeps async's channel: the blocking drain is as safe, the non-blocking
    // drain as unsafe, as in async.
    for drain in [Drain::Blocking, Drain::NonBlocking] {
        let explored = stop_drain_reset(Semantics::AsyncCollected, drain);
        let async_outcomes = stop_drain_reset(Semantics::Async, drain).outcomes;
        assert_eq!(explored.outcomes, async_outcomes, "{drain:?}:\n{}", explored.table());
    }
    let blocking = stop_drain_reset(Semantics::AsyncCollected, Drain::Blocking);
    assert_never_stale(&blocking);
    snapshot!(
        "stop_drain_reset_async_collected_blocking",
        "Stop, blocking drain if false and unreceived, Reset(5s); async-collected (asynctimerchan=2)",
        &blocking.outcomes
    );
    let non_blocking = stop_drain_reset(Semantics::AsyncCollected, Drain::NonBlocking);
    snapshot!(
        "stop_drain_reset_async_collected_non_blocking",
        "Stop, non-blocking drain if false and unreceived, Reset(5s); async-collected (asynctimerchan=2)",
        &non_blocking.outcomes
    );
}
