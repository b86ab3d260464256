//! The invariants, checked on one run's report at every sample. Each failure message carries
//! the sample and the run's repro line.

use gotime::{GoDuration, Semantics};
use proptest::prelude::*;
use timerlab_sim::{Event, RunReport, Sample};

use crate::case::{Case, S1Params, S2Params};
use crate::sizing;

/// Live timers a fix may show above one per open connection at a sample. A sample's `live` is
/// the monitor's last check, up to a tick before its `connections`, counted when the sample is
/// taken (docs/SCENARIOS.md, "Reading a trace"): a connection that closed in between still had
/// its timer at the check. Within a process life a server connection closes only when its
/// client's did, which happens only after the connection broke: a few per tick at most. The
/// monitor's own checks read both at one instant and are held to no slack
/// (`over_bound_checks`).
const TICK_SLACK: u64 = 2;

/// The samples of the first process life taken before `until` (the first fault).
fn first_life(r: &RunReport, until: Option<GoDuration>) -> impl Iterator<Item = &Sample> {
    let killed = r.events.iter().find(|e| matches!(e.event, Event::OomKill { .. })).map(|e| e.at);
    let end = [killed, until].into_iter().flatten().min();
    r.samples.iter().filter(move |s| end.map_or(true, |end| s.at < end))
}

/// Every S1 invariant of `case`'s run `r`.
pub fn s1(case: &Case<S1Params>, r: &RunReport) -> Result<(), TestCaseError> {
    let p = &case.params;
    let collects = case.semantics.collects_unreferenced();
    let fix = case.variant() != "leaky" || collects;
    // Every fix, and `leaky` where unreferenced timers are collected: one timer per
    // connection (Stop, Reset, cancel, or collection let go of the last one first). Exactly at
    // every monitor check, which reads both at one instant; within a slack at every sample.
    if fix {
        prop_assert_eq!(r.over_bound_checks, 0, "checks with more timers than connections: {}", r.repro());
    }
    for s in &r.samples {
        if fix {
            prop_assert!(
                s.live <= u64::from(s.connections) + TICK_SLACK,
                "{} live timers for {} connections at {}: {}",
                s.live,
                s.connections,
                s.at,
                r.repro()
            );
        }
        // S1's loops never leave a fired value in a channel past a Stop or Reset: no behaviour
        // takes a stale timeout, least of all sync, which never keeps one.
        prop_assert_eq!(s.spurious, 0, "a spurious idle timeout at {}: {}", s.at, r.repro());
    }
    // A behaviour that collects unreferenced timers holds one per connection: when the budget
    // fits that (docs' sizing: baseline + users × (per-connection + one timer)), no OOM kill.
    let one_each =
        p.baseline + u64::from(p.users) * (p.per_connection + sizing::s1_timer_bytes(case.variant()) + 64);
    if collects && one_each < p.budget {
        let kill = r.events.iter().find(|e| matches!(e.event, Event::OomKill { .. }));
        prop_assert!(kill.is_none(), "{:?} although one timer each fits ({one_each} B): {}", kill, r.repro());
    }
    // Little's law for the async leak, in the first life, once the window is all after the
    // ramp's last connect, while under the budget and before any fault.
    if case.variant() == "leaky" && case.semantics == Semantics::Async {
        let settled = p.ramp_time.saturating_add(p.idle).saturating_add(GoDuration::SECOND);
        for s in first_life(r, case.first_fault).filter(|s| s.at >= settled && s.memory < p.budget) {
            let (low, high) = sizing::little(p, s.connections, s.at);
            let live = s.live as f64;
            prop_assert!(
                (low..=high).contains(&live),
                "{} live timers at {}, Little's law says {low:.0}..={high:.0}: {}",
                s.live,
                s.at,
                r.repro()
            );
        }
    }
    if case.first_fault.is_none() {
        if let Some(expected) = sizing::s1_verdict(case) {
            prop_assert_eq!(r.verdict.kind(), expected, "{}", r.repro());
        }
    }
    Ok(())
}

/// Every S2 invariant of `case`'s run `r`.
pub fn s2(case: &Case<S2Params>, r: &RunReport) -> Result<(), TestCaseError> {
    let p = &case.params;
    let fix = case.variant() != "leaky" || case.semantics.collects_unreferenced();
    if fix {
        prop_assert_eq!(r.over_bound_checks, 0, "checks with more than one timer: {}", r.repro());
    }
    for s in &r.samples {
        // S2's program holds one timer; a sample shows the monitor's check (no connections).
        if fix {
            prop_assert!(s.live <= 1, "{} live timers at {}: {}", s.live, s.at, r.repro());
        }
        // Sync's Stop and Reset discard a fired value (Go 1.23): a select never takes a stale
        // one. `hoisted` is the exception in every behaviour: its one deadline is the
        // program's, armed once, and fires in the fast phase whatever the semantics.
        if case.semantics == Semantics::Sync && case.variant() != "hoisted" {
            prop_assert_eq!(s.spurious, 0, "a spurious timeout in sync at {}: {}", s.at, r.repro());
        }
    }
    if case.variant() == "leaky" && case.semantics == Semantics::Async {
        let (low, high) = sizing::s2_little(p);
        let window =
            |s: &&Sample| s.at >= p.timeout.saturating_add(GoDuration::from_secs(5)) && s.at < p.fast_time;
        for s in first_life(r, case.first_fault).filter(window) {
            let live = s.live as f64;
            prop_assert!(
                (low..=high).contains(&live),
                "{} live timers at {}, Little's law says {low:.0}..={high:.0}: {}",
                s.live,
                s.at,
                r.repro()
            );
        }
    }
    if case.first_fault.is_none() {
        prop_assert_eq!(
            r.verdict.kind(),
            sizing::s2_verdict(case.variant(), case.semantics),
            "{}",
            r.repro()
        );
    }
    Ok(())
}
