//! [`SweepRun`]: what a sweep keeps of one run — its place, verdict, counters, trace hash,
//! broken invariants and repro command — once the run's trace is dropped. The summary and
//! `--merge` read nothing else, so a merged summary is the unsharded one.

use serde::{Deserialize, Serialize};
use timerlab_sim::VerdictKind;

use super::invariant::{breaches, Breach};
use crate::json::kind_name;
use crate::repro::cargo_command;
use crate::run::Run;

/// One run of a sweep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepRun {
    /// Its number in the sweep's order (`SweepPlan::cell`).
    pub index: u64,
    /// Its seed.
    pub seed: u64,
    /// Its variant.
    pub variant: String,
    /// Its behaviour as tables name it: `async`, or `async@go1.26.6/go1.22` for a Go program.
    pub behaviour: String,
    /// What the run showed, as tables print it: `LEAK (+460 timers/min)`.
    pub verdict: String,
    /// The kind of that verdict.
    pub verdict_kind: KindName,
    /// The verdict kind the registry expects.
    pub expected: KindName,
    /// `Mismatch::name` when the verdict is not the expected kind.
    pub mismatch: Option<String>,
    /// The invariants the run broke (the verdict's included); empty when it holds them all.
    pub breaches: Vec<Breach>,
    /// Most live timers at any check.
    pub peak_live: u64,
    /// Most modelled memory at any check, bytes.
    pub peak_memory: u64,
    /// OOM kills, each followed by a restart.
    pub restarts: u32,
    /// Messages handled.
    pub messages: u64,
    /// Timeout branches taken.
    pub timeouts: u64,
    /// Timeouts taken before the full timeout elapsed.
    pub spurious_timeouts: u64,
    /// Idle stretches longer than the timeout without a timeout.
    pub missed_timeouts: u64,
    /// Checks at which live timers exceeded what the program holds.
    pub over_bound_checks: u64,
    /// `TraceHash` of the run, 16 hex digits: the same on every machine for the same run.
    pub trace_hash: String,
    /// The command that replays this run alone (`cargo run --release -p timerlab -- run ...`).
    pub repro: String,
}

/// A verdict kind by its two names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct KindName {
    /// As report.json names it: `bounded`, `leak`, `oom-loop`, ...
    pub kind: String,
    /// As tables print it: `BOUNDED`, `LEAK`, `OOM-LOOP`, ...
    pub label: String,
}

impl KindName {
    pub(super) fn of(kind: VerdictKind) -> KindName {
        KindName { kind: kind_name(kind).to_owned(), label: kind.label().to_owned() }
    }
}

impl SweepRun {
    /// The record of `run`, the sweep's run number `index`.
    pub fn new(index: u64, run: &Run) -> SweepRun {
        let r = &run.report;
        SweepRun {
            index,
            seed: r.seed,
            variant: r.variant.clone(),
            behaviour: match run.release() {
                Some(release) => format!("{}@{release}", r.semantics.name()),
                None => r.semantics.name().to_owned(),
            },
            verdict: r.verdict.to_string(),
            verdict_kind: KindName::of(r.verdict.kind()),
            expected: KindName::of(r.expected),
            mismatch: run.mismatch().map(|m| m.name().to_owned()),
            breaches: breaches(r),
            peak_live: r.peak_live,
            peak_memory: r.peak_memory,
            restarts: r.restarts,
            messages: r.messages,
            timeouts: r.timeouts,
            spurious_timeouts: r.spurious_timeouts,
            missed_timeouts: r.missed_timeouts,
            over_bound_checks: r.over_bound_checks,
            trace_hash: run.hash.to_string(),
            repro: cargo_command(&r.config.repro_command()),
        }
    }

    /// `true` when the run holds every invariant.
    pub fn holds(&self) -> bool {
        self.breaches.is_empty()
    }
}
