//! Loom model: the drain idiom `if !t.Stop() { <-t.C }` on a timer whose value was never
//! received, racing the firing thread — and Go 1.23.0–1.23.1's race, which it catches.
//!
//! - Async (Go ≤ 1.22) and async-collected (asynctimerchan=2): Stop may return false; the value
//!   is then in the buffer or in flight, so the blocking drain always gets it. No interleaving
//!   blocks, none leaves a stale value.
//! - Sync (Go ≥ 1.23.2): Stop returns true in every interleaving; the drain never runs.
//! - Go 1.23.0–1.23.1 (golang/go#69312): Stop in the window between the eager firing and its
//!   send returned false *and* voided the send, so the drain blocked forever. A runtime built for
//!   go1.23.1 by the release resolver has the race; loom must report the deadlock.

#![cfg(gotime_loom)]

mod loom_support;

use gotime::release::GoProgram;
use gotime::{Runtime, Semantics};
use loom::thread;
use loom_support::{announce, expect_deadlock, model, secs, snapshot, yes_no, Outcome};

/// What the user thread saw. The drain ran exactly when Stop returned false; had it blocked
/// forever, loom would have reported a deadlock instead of an outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Seen {
    /// `t.Stop()`'s result.
    stopped: bool,
    /// A value was still in the channel once the firing thread had finished: stale.
    stale: bool,
}

impl Outcome for Seen {
    const COLUMNS: &'static [&'static str] = &["Stop", "blocking drain", "stale value left"];

    fn space() -> Vec<Seen> {
        let mut space = Vec::new();
        for stopped in [false, true] {
            for stale in [false, true] {
                space.push(Seen { stopped, stale });
            }
        }
        space
    }

    fn cells(&self) -> Vec<String> {
        let drain = if self.stopped { "not run" } else { "got the value" };
        vec![self.stopped.to_string(), drain.to_owned(), yes_no(self.stale)]
    }
}

const MARKER: &str = "drain: Stop returned false; receiving the value it left";

/// Stop racing the firing, then the drain idiom with a blocking receive.
fn drain_vs_fire(rt: Runtime) -> Seen {
    let t = rt.new_timer(secs(1));
    let firing = {
        let rt = rt.clone();
        thread::spawn(move || rt.advance(secs(1)))
    };
    let stopped = t.stop();
    if !stopped {
        announce(MARKER);
        t.c().recv();
    }
    firing.join().unwrap();
    let stale = t.c().try_recv().is_ok();
    Seen { stopped, stale }
}

#[test]
fn drain_idiom_racing_the_firing_always_gets_the_value_in_async_mode() {
    let explored = model("drain_vs_fire/async", || drain_vs_fire(Runtime::new(Semantics::Async)));
    assert!(explored.outcomes.contains(&Seen { stopped: false, stale: false }));
    assert!(
        explored.outcomes.iter().all(|s| !s.stale),
        "a stale value after the drain:\n{}",
        explored.table()
    );
    snapshot!(
        "drain_vs_fire_async",
        "if !t.Stop() { <-t.C } racing the firing, async (Go <= 1.22)",
        &explored.outcomes
    );
}

#[test]
fn drain_idiom_racing_the_firing_never_drains_in_sync_mode() {
    let explored = model("drain_vs_fire/sync", || drain_vs_fire(Runtime::new(Semantics::Sync)));
    let only = Seen { stopped: true, stale: false };
    let outcomes: Vec<Seen> = explored.outcomes.iter().copied().collect();
    assert_eq!(outcomes, vec![only], "Stop returned false on an unreceived timer:\n{}", explored.table());
    snapshot!(
        "drain_vs_fire_sync",
        "if !t.Stop() { <-t.C } racing the firing, sync (Go >= 1.23)",
        &explored.outcomes
    );
}

#[test]
fn drain_idiom_racing_the_firing_in_async_collected_mode_reaches_exactly_what_async_reaches() {
    let model_of = |semantics| move || drain_vs_fire(Runtime::new(semantics));
    let explored = model("drain_vs_fire/async-collected", model_of(Semantics::AsyncCollected));
    let async_outcomes = model("drain_vs_fire/async", model_of(Semantics::Async)).outcomes;
    assert_eq!(explored.outcomes, async_outcomes, "{}", explored.table());
    snapshot!(
        "drain_vs_fire_async_collected",
        "if !t.Stop() { <-t.C } racing the firing, async-collected (asynctimerchan=2)",
        &explored.outcomes
    );
}

/// A runtime for a Go 1.23.1 program in a `go 1.23` module, as the release resolver builds it.
fn go_1_23_1() -> Runtime {
    let go = GoProgram::built_with("1.23.1").go_mod("1.23").resolve().expect("a known release");
    assert!(go.stop_race_69312 && go.semantics == Semantics::Sync, "{}", go.reason);
    Runtime::builder_for(&go).build()
}

#[test]
fn drain_idiom_deadlocks_on_go_1_23_1() {
    expect_deadlock("drain_idiom_deadlocks_on_go_1_23_1", MARKER, || {
        drain_vs_fire(go_1_23_1());
    });
}

#[test]
fn drain_idiom_never_drains_on_go_1_23_2() {
    // golang/go#69312 fixed: the resolver gives go1.23.2 the sync runtime without the race.
    let go = GoProgram::built_with("1.23.2").go_mod("1.23").resolve().expect("a known release");
    assert!(!go.stop_race_69312, "{}", go.reason);
    let explored = model("drain_vs_fire/go1.23.2", move || drain_vs_fire(Runtime::builder_for(&go).build()));
    let only = Seen { stopped: true, stale: false };
    assert_eq!(explored.outcomes.into_iter().collect::<Vec<_>>(), vec![only]);
}

/// Outside the race, Go 1.23.1 kept Go 1.23's contract: the rebuilt race must differ from
/// the sync runtime only in the window between the firing and its send, or the deadlock above
/// would prove nothing about that window.
#[test]
fn outside_the_race_go_1_23_1_keeps_the_sync_contract() {
    loom::model(|| {
        let rt = go_1_23_1();
        let received = rt.new_timer(secs(1));
        let stopped = rt.new_timer(secs(1));
        rt.advance(secs(1)); // both fire; both sends land in the hidden buffers
        assert_eq!(received.c().try_recv().ok(), Some(gotime::Instant::from_start(secs(1))));
        assert!(stopped.stop(), "a Stop that drains a landed value reports it (timerchandrain)");
        assert!(stopped.c().try_recv().is_err(), "and leaves no stale value");
    });
}
