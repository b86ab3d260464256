//! Loom model: `Timer.Stop` on an AfterFunc racing the start of `f` (the firing thread advancing
//! the clock runs `f`). Same in every semantics (docs/SEMANTICS.md, AfterFunc table):
//!
//! - Stop returned true ⇒ `f` never runs;
//! - Stop returned false ⇒ `f` runs exactly once;
//! - Stop never waits for `f`: `f` blocks until Stop has returned, so a Stop that waited would
//!   deadlock (loom would report it), and the outcome "Stop returned while `f` was running" is
//!   reachable.

#![cfg(gotime_loom)]

mod loom_support;

use gotime::{Runtime, Semantics};
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;
use loom_support::{model, secs, snapshot, yes_no, Outcome};

/// What the user thread saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Seen {
    /// `t.Stop()`'s result.
    stopped: bool,
    /// `f` had started, and was blocked waiting for Stop to return, when Stop returned.
    running: bool,
    /// How many times `f` ran in all (2 means "2 or more").
    runs: usize,
}

impl Outcome for Seen {
    const COLUMNS: &'static [&'static str] = &["Stop", "f running when Stop returned", "runs of f"];

    fn space() -> Vec<Seen> {
        let mut space = Vec::new();
        for stopped in [false, true] {
            for running in [false, true] {
                for runs in 0..=2 {
                    space.push(Seen { stopped, running, runs });
                }
            }
        }
        space
    }

    fn cells(&self) -> Vec<String> {
        let runs = if self.runs >= 2 { "2+".to_owned() } else { self.runs.to_string() };
        vec![self.stopped.to_string(), yes_no(self.running), runs]
    }
}

/// A gate `f` waits at until the user thread opens it, right after Stop returned.
#[derive(Default)]
struct Gate {
    open: Mutex<bool>,
    opened: Condvar,
}

fn after_func_stop(semantics: Semantics) -> loom_support::Explored<Seen> {
    model(&format!("after_func_stop/{semantics}"), move || {
        let rt = Runtime::new(semantics);
        let runs = Arc::new(AtomicUsize::new(0));
        let gate = Arc::new(Gate::default());
        let t = {
            let (runs, gate) = (runs.clone(), gate.clone());
            rt.after_func(secs(1), move || {
                runs.fetch_add(1, Ordering::SeqCst);
                let mut open = gate.open.lock().unwrap();
                while !*open {
                    open = gate.opened.wait(open).unwrap();
                }
            })
        };
        let firing = {
            let rt = rt.clone();
            thread::spawn(move || rt.advance(secs(1)))
        };
        let stopped = t.stop();
        let running = runs.load(Ordering::SeqCst) > 0; // started, and held at the gate
        *gate.open.lock().unwrap() = true;
        gate.opened.notify_all();
        firing.join().unwrap();
        Seen { stopped, running, runs: runs.load(Ordering::SeqCst).min(2) }
    })
}

fn check(explored: &loom_support::Explored<Seen>) {
    for seen in &explored.outcomes {
        let expected_runs = if seen.stopped { 0 } else { 1 };
        assert_eq!(seen.runs, expected_runs, "Stop returned {} but f ran {} times", seen.stopped, seen.runs);
    }
    let stop_did_not_wait = Seen { stopped: false, running: true, runs: 1 };
    assert!(
        explored.outcomes.contains(&stop_did_not_wait),
        "Stop never returned while f was running:\n{}",
        explored.table()
    );
}

#[test]
fn after_func_stop_true_means_f_never_runs_and_stop_never_waits_in_async_mode() {
    let explored = after_func_stop(Semantics::Async);
    check(&explored);
    snapshot!(
        "after_func_stop_async",
        "AfterFunc Stop racing the start of f; async (Go <= 1.22)",
        &explored.outcomes
    );
}

#[test]
fn after_func_stop_true_means_f_never_runs_and_stop_never_waits_in_sync_mode() {
    let explored = after_func_stop(Semantics::Sync);
    check(&explored);
    snapshot!(
        "after_func_stop_sync",
        "AfterFunc Stop racing the start of f; sync (Go >= 1.23)",
        &explored.outcomes
    );
}

#[test]
fn after_func_stop_true_means_f_never_runs_and_stop_never_waits_in_async_collected_mode() {
    // An AfterFunc is a heap timer in every behaviour: async-collected reaches what async does.
    let explored = after_func_stop(Semantics::AsyncCollected);
    check(&explored);
    assert_eq!(explored.outcomes, after_func_stop(Semantics::Async).outcomes, "{}", explored.table());
    snapshot!(
        "after_func_stop_async_collected",
        "AfterFunc Stop racing the start of f; async-collected (asynctimerchan=2)",
        &explored.outcomes
    );
}
