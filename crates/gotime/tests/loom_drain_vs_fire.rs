//! Loom model: the drain idiom `if !t.Stop() { <-t.C }` on a timer whose value was never
//! received, racing the firing thread — and Go 1.23.0's regression, which it catches.
//!
//! - Async (Go ≤ 1.22): Stop may return false; the value is then in the buffer or in flight, so
//!   the blocking drain always gets it. No interleaving blocks, none leaves a stale value.
//! - Sync (Go ≥ 1.23): Stop returns true in every interleaving; the drain never runs.
//! - Go 1.23.0–1.23.1 (golang/go#69312): Stop in the window between the eager firing and its
//!   send returned false *and* voided the send, so the drain blocked forever. Rebuilt under
//!   `--cfg gotime_loom` by `Builder::go_1_23_0_stop_regression`; loom must report the deadlock.

#![cfg(gotime_loom)]

mod loom_support;

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
fn drain_idiom_deadlocks_under_the_go_1_23_0_stop_regression() {
    expect_deadlock("drain_idiom_deadlocks_under_the_go_1_23_0_stop_regression", MARKER, || {
        drain_vs_fire(Runtime::builder(Semantics::Sync).go_1_23_0_stop_regression().build());
    });
}

/// Outside the race, Go 1.23.0 kept Go 1.23's contract: the rebuilt regression must differ from
/// the sync runtime only in the window between the firing and its send, or the deadlock above
/// would prove nothing about that window.
#[test]
fn outside_the_race_the_go_1_23_0_regression_keeps_the_sync_contract() {
    loom::model(|| {
        let rt = Runtime::builder(Semantics::Sync).go_1_23_0_stop_regression().build();
        let received = rt.new_timer(secs(1));
        let stopped = rt.new_timer(secs(1));
        rt.advance(secs(1)); // both fire; both sends land in the hidden buffers
        assert_eq!(received.c().try_recv().ok(), Some(gotime::Instant::from_start(secs(1))));
        assert!(stopped.stop(), "a Stop that drains a landed value reports it (timerchandrain)");
        assert!(stopped.c().try_recv().is_err(), "and leaves no stale value");
    });
}
