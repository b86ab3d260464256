//! What every loom model shares: the checker with its preemption bound, the outcome table that
//! insta snapshots, and the child-process harness that asserts loom reports a deadlock.
//!
//! A model is a closure that builds a fresh [`gotime::Runtime`], races a firing thread
//! (`rt.advance`) against a user thread (Stop / Reset / drain / receive) and returns what the
//! user observed. [`model`] runs it under every interleaving loom explores and collects the
//! outcomes into a [`BTreeSet`], so the set — and the snapshot made from it — is deterministic.

#![allow(dead_code)] // each model file uses part of this module

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use gotime::{GoDuration, Instant};

/// Loom's preemption bound unless `LOOM_MAX_PREEMPTIONS` sets one: none, so loom explores
/// every interleaving (its DPOR search skips only orderings that cannot change any outcome).
///
/// Why that is affordable: every model has two threads — the user and the firing thread — and
/// each thread's steps are the runtime's critical sections (one lock each) plus a few atomics,
/// so the largest model (`stop_drain_reset`, async) has 156 interleavings and all models run in
/// well under a second. A bound of 3 finds the same outcome sets (measured); 2 does not: it
/// misses the stale value arriving right after Reset past a non-blocking drain
/// (`stop_drain_reset`, async), which takes three preemptions. A future model too big to explore
/// in full should get a bound, checked the same way: its snapshots must not change between that
/// bound and a larger one.
pub const PREEMPTION_BOUND: Option<usize> = None;

/// Interleavings explored in this process; printed by a deadlock child when loom's report comes.
static EXPLORED: AtomicUsize = AtomicUsize::new(0);

/// The environment variable that turns a test process into a deadlock child (see
/// [`expect_deadlock`]); its value is the name of the one test to run.
const CHILD: &str = "GOTIME_LOOM_DEADLOCK_CHILD";

/// What one model explored: the set of reachable outcomes and the number of interleavings.
pub struct Explored<O> {
    /// Every outcome some interleaving produced, in order.
    pub outcomes: BTreeSet<O>,
    /// How many times loom ran the model closure.
    pub interleavings: usize,
}

/// The loom checker with this project's bound: [`PREEMPTION_BOUND`], unless the environment
/// sets `LOOM_MAX_PREEMPTIONS`.
pub fn builder() -> loom::model::Builder {
    let mut builder = loom::model::Builder::new(); // reads LOOM_MAX_PREEMPTIONS, if set
    builder.preemption_bound = builder.preemption_bound.or(PREEMPTION_BOUND);
    // A model cut short would report a partial outcome set as if it were complete.
    assert!(
        builder.max_permutations.is_none() && builder.max_duration.is_none(),
        "unset LOOM_MAX_PERMUTATIONS and LOOM_MAX_DURATION: the loom models must be explored in full"
    );
    builder
}

/// The bound in force, for the printed summary.
fn bound() -> String {
    builder().preemption_bound.map_or_else(|| "none (exhaustive)".to_owned(), |b| b.to_string())
}

/// Runs `body` under every interleaving loom explores and collects what it returns.
/// Prints `name`, the number of interleavings and the bound.
pub fn model<O, F>(name: &str, body: F) -> Explored<O>
where
    O: Ord + Send + 'static,
    F: Fn() -> O + Send + Sync + 'static,
{
    let outcomes = Arc::new(Mutex::new(BTreeSet::new()));
    let count = Arc::new(AtomicUsize::new(0));
    {
        let (outcomes, count) = (outcomes.clone(), count.clone());
        builder().check(move || {
            count.fetch_add(1, Ordering::Relaxed);
            EXPLORED.fetch_add(1, Ordering::Relaxed);
            let outcome = body();
            outcomes.lock().unwrap().insert(outcome);
        });
    }
    let interleavings = count.load(Ordering::Relaxed);
    let outcomes = std::mem::take(&mut *outcomes.lock().unwrap());
    println!(
        "loom model {name}: {interleavings} interleavings, {} outcomes, preemption bound {}",
        outcomes.len(),
        bound()
    );
    Explored { outcomes, interleavings }
}

/// An observation a model can return: a row of the snapshot table.
pub trait Outcome: Ord + Sized {
    /// Column headers, one per field.
    const COLUMNS: &'static [&'static str];
    /// Every outcome the model's own code could produce, whatever the runtime did: the rows.
    fn space() -> Vec<Self>;
    /// The fields, rendered for the table.
    fn cells(&self) -> Vec<String>;
}

/// The fixed-column table `outcome columns | reachable` over the model's whole outcome space,
/// which is what each model snapshots.
///
/// # Panics
///
/// When an outcome was reached that is not in [`Outcome::space`] (the space is wrong).
pub fn table<O: Outcome>(reached: &BTreeSet<O>) -> String {
    let space = O::space();
    for outcome in reached {
        assert!(space.contains(outcome), "reached outcome {:?} is missing from the space", outcome.cells());
    }
    let mut rows: Vec<Vec<String>> = vec![O::COLUMNS.iter().map(|c| c.to_string()).collect()];
    rows[0].push("reachable".to_owned());
    for outcome in &space {
        let mut row = outcome.cells();
        row.push(if reached.contains(outcome) { "yes" } else { "no" }.to_owned());
        rows.push(row);
    }
    let widths: Vec<usize> =
        (0..rows[0].len()).map(|i| rows.iter().map(|r| r[i].len()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        writeln!(out, "{}", cells.join(" | ").trim_end()).unwrap();
    }
    out
}

/// Asserts that loom reports a deadlock in `body` — some interleaving in which every thread is
/// blocked for good — and that the blocked receive is the one announced by `marker`.
///
/// loom's report is a panic that aborts the process, so `catch_unwind` cannot see it: the test
/// re-runs itself (`test`, its exact name) in a child process that runs the model, and asserts
/// on the child's exit status and stderr. `body` must call [`announce`] with `marker` right
/// before the receive that is expected to block forever.
pub fn expect_deadlock<F>(test: &str, marker: &str, body: F)
where
    F: Fn() + Send + Sync + 'static,
{
    if std::env::var(CHILD).as_deref() == Ok(test) {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            eprintln!("loom: panic after {} interleavings", EXPLORED.load(Ordering::Relaxed));
            default_hook(info);
        }));
        builder().check(move || {
            EXPLORED.fetch_add(1, Ordering::Relaxed);
            body();
        });
        eprintln!("loom: no deadlock in {} interleavings", EXPLORED.load(Ordering::Relaxed));
        return; // the child passes, which the parent reports as the failure it is
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let output = Command::new(exe)
        .args([test, "--exact", "--nocapture", "--test-threads", "1"])
        .env(CHILD, test)
        .output()
        .expect("cannot run the test binary as a deadlock child");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let report_at = stderr.find("deadlock; threads = ");
    assert!(
        !output.status.success() && report_at.is_some(),
        "{test}: expected loom to report a deadlock, but the child exited with {} and said:\n{stderr}",
        output.status
    );
    let (before, report) = stderr.split_at(report_at.unwrap_or(0));
    // The receive that blocked must be the announced one, made before loom gave up.
    assert!(before.contains(marker), "{test}: loom reported a deadlock, but not after {marker:?}:\n{stderr}");
    let report = report.lines().next().unwrap_or("");
    let explored = stderr.lines().find(|l| l.starts_with("loom: ")).unwrap_or("");
    println!("loom model {test}: deadlock reported as expected ({explored}): {report}");
}

/// Prints `marker` to stderr in a deadlock child (see [`expect_deadlock`]) and nowhere else, so
/// a model shared by both kinds of test stays quiet when it is only collecting outcomes.
pub fn announce(marker: &str) {
    if std::env::var_os(CHILD).is_some() {
        eprintln!("{marker}");
    }
}

/// `n` seconds.
pub fn secs(n: i64) -> GoDuration {
    GoDuration::from_secs(n)
}

/// The instant `n` seconds after the start.
pub fn at(n: i64) -> Instant {
    Instant::from_start(secs(n))
}

/// `yes`/`no`, for table cells.
pub fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

/// Snapshots a model's outcome table ([`table`]) under `name`, with `description` (what the
/// model is and in which semantics) in the snapshot's header.
#[allow(unused_macros)] // not every model snapshots
macro_rules! snapshot {
    ($name:expr, $description:expr, $outcomes:expr) => {
        insta::with_settings!({ description => $description, omit_expression => true }, {
            insta::assert_snapshot!($name, $crate::loom_support::table($outcomes));
        })
    };
}
#[allow(unused_imports)]
pub(crate) use snapshot;

/// The first value a loop's receive gets after `t.Reset(5s)` on a timer due at 1s: when (right
/// after Reset, or only later) and whose (the old deadline's or the new one's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Received {
    /// The old deadline's value was ready right after Reset: a spurious timeout.
    StaleAtOnce,
    /// Nothing right after Reset, but the old deadline's value landed later: still spurious.
    StaleLater,
    /// A value of the new deadline, ready right after Reset (impossible: it is in the future).
    FreshAtOnce,
    /// The new deadline's value, when the clock reached it: the correct outcome.
    FreshLater,
}

impl Received {
    /// Every case, in table order.
    pub const ALL: [Received; 4] =
        [Received::StaleAtOnce, Received::StaleLater, Received::FreshAtOnce, Received::FreshLater];

    /// The value belongs to the deadline set by Reset.
    pub fn is_fresh(self) -> bool {
        matches!(self, Received::FreshAtOnce | Received::FreshLater)
    }

    fn of(value: Instant, at_once: bool) -> Received {
        // The timer was due at 1s; Reset(5s) ran at 0s or 1s, so the new deadline is 5s or 6s.
        let fresh = match value {
            v if v == at(1) => false,
            v if v == at(5) || v == at(6) => true,
            other => panic!("a value no deadline explains: {other}"),
        };
        match (fresh, at_once) {
            (false, true) => Received::StaleAtOnce,
            (false, false) => Received::StaleLater,
            (true, true) => Received::FreshAtOnce,
            (true, false) => Received::FreshLater,
        }
    }
}

impl std::fmt::Display for Received {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Received::StaleAtOnce => "stale @1s, at once (spurious timeout)",
            Received::StaleLater => "stale @1s, later (spurious timeout)",
            Received::FreshAtOnce => "new deadline's, at once",
            Received::FreshLater => "new deadline's, when due",
        })
    }
}

/// The loop's receive after `t.Reset(5s)`: a non-blocking look right after Reset, then — once
/// `join_firing` has let the firing thread finish — a receive that lets virtual time pass.
pub fn after_reset(rt: &gotime::Runtime, c: &gotime::Chan, join_firing: impl FnOnce()) -> Received {
    if let Ok(value) = c.try_recv() {
        join_firing();
        return Received::of(value, true);
    }
    join_firing();
    let value = rt.wait(c).expect("the reset timer fires at its new deadline");
    Received::of(value, false)
}

impl<O: Outcome> Explored<O> {
    /// The outcome table ([`table`]), for failure messages.
    pub fn table(&self) -> String {
        table(&self.outcomes)
    }
}
