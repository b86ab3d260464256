//! Loom model: the drain idiom `if !t.Stop() { <-t.C }` run after the value was already
//! received. Stop returns false (the timer expired and its value is gone), so the drain waits
//! for a value that will never come: the goroutine blocks forever in every semantics
//! (golang/go#27169, #18553). The model asserts that loom *reports* that deadlock; loom's report
//! aborts the process, so the model runs in a child process (`loom_support::expect_deadlock`).

#![cfg(gotime_loom)]

mod loom_support;

use gotime::{Runtime, Semantics};
use loom::thread;
use loom_support::{announce, expect_deadlock, secs};

const MARKER: &str = "drain: Stop returned false after the value was received; receiving again";

/// The user receives the value (a blocking receive racing the firing thread), then runs the
/// drain idiom.
fn drain_after_receive(semantics: Semantics) {
    let rt = Runtime::new(semantics);
    let t = rt.new_timer(secs(1));
    let firing = {
        let rt = rt.clone();
        thread::spawn(move || rt.advance(secs(1)))
    };
    t.c().recv();
    if !t.stop() {
        announce(MARKER);
        t.c().recv();
    }
    firing.join().unwrap();
}

#[test]
fn drain_after_receive_deadlocks_in_async_mode() {
    expect_deadlock("drain_after_receive_deadlocks_in_async_mode", MARKER, || {
        drain_after_receive(Semantics::Async)
    });
}

#[test]
fn drain_after_receive_deadlocks_in_sync_mode() {
    expect_deadlock("drain_after_receive_deadlocks_in_sync_mode", MARKER, || {
        drain_after_receive(Semantics::Sync)
    });
}

#[test]
fn drain_after_receive_deadlocks_in_async_collected_mode() {
    expect_deadlock("drain_after_receive_deadlocks_in_async_collected_mode", MARKER, || {
        drain_after_receive(Semantics::AsyncCollected)
    });
}
