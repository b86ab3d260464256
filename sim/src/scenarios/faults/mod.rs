//! Faults not caused by the program: network holds, partitions, latency spikes and message loss
//! between S1's client hosts and its server, and crashes of the process, as a seeded schedule in a scenario
//! parameter (`--set faults=hold:30s@1m,crash@90s`, or `random:RATE`). docs/SCENARIOS.md,
//! "Faults", gives the grammar and what each fault does to the timers.
//!
//! | module | what |
//! |---|---|
//! | `grammar` | the parameter's text: parsing, checks, one-line errors |
//! | `random` | a seeded random schedule at a rate |
//! | `network` | applying a network fault to a turmoil simulation's links |
//!
//! This module holds the schedule ([`FaultPlan`]) and walks it ([`Schedule`]); the harness
//! applies what is due between turmoil steps (network faults through `network`, crashes as the
//! supervisor), and a scenario that models a fault inside its process (S2's hold) asks the plan.

mod grammar;
pub(crate) mod network;
mod random;

use std::fmt;

use gotime::GoDuration;

pub(crate) use grammar::Rules;
pub(crate) use random::RandomFaults;

/// One fault: what, and when it begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fault {
    /// When it begins (virtual time since the run started).
    pub at: GoDuration,
    /// What it does.
    pub kind: FaultKind,
}

/// What a fault does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FaultKind {
    /// Messages wait for `length`, then arrive at once, in order (turmoil's `hold`, then
    /// `release`). S1: the links between the client hosts and the server; S2: the consumer's
    /// downstream, so the consumer waits in its handler.
    Hold { length: GoDuration },
    /// Messages are dropped for `length` (turmoil's `partition`, then `repair`).
    Partition { length: GoDuration },
    /// Every message takes `latency` for `length`, then the links' usual latency comes back.
    Latency { latency: GoDuration, length: GoDuration },
    /// For `length`, each link fails at each turmoil step with probability `rate` (turmoil's
    /// fail rate), dropping what is in flight on it, and is repaired at the next step.
    Loss { rate: LossRate, length: GoDuration },
    /// The process is killed (not for memory) and the supervisor restarts it after its back-off.
    Crash,
}

/// The grammar's name of each kind, in the order error messages list them.
pub(crate) const KINDS: [&str; 5] = ["hold", "partition", "latency", "loss", "crash"];

/// A per-step probability of a link failing, in millionths, so that a fault compares and
/// prints exactly: `0.05` is 50,000.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct LossRate(u32);

impl LossRate {
    /// One in a million, the smallest rate.
    pub(crate) const MIN: LossRate = LossRate(1);

    /// The probability as turmoil takes it.
    pub(crate) fn probability(self) -> f64 {
        f64::from(self.0) / 1e6
    }

    /// `p` rounded to millionths; `None` unless 0 < p ≤ 1 and it rounds to at least one.
    pub(crate) fn new(p: f64) -> Option<LossRate> {
        let millionths = (p * 1e6).round();
        (p > 0.0 && p <= 1.0 && millionths >= 1.0).then_some(LossRate(millionths as u32))
    }
}

impl fmt::Display for LossRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.probability())
    }
}

impl FaultKind {
    /// The grammar's name: `hold`, `partition`, `latency`, `crash`.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            FaultKind::Hold { .. } => "hold",
            FaultKind::Partition { .. } => "partition",
            FaultKind::Latency { .. } => "latency",
            FaultKind::Loss { .. } => "loss",
            FaultKind::Crash => "crash",
        }
    }

    /// How long it lasts; `None` for a crash, which is over when the process restarts.
    pub(crate) const fn length(self) -> Option<GoDuration> {
        match self {
            FaultKind::Hold { length }
            | FaultKind::Partition { length }
            | FaultKind::Latency { length, .. }
            | FaultKind::Loss { length, .. } => Some(length),
            FaultKind::Crash => None,
        }
    }
}

impl Fault {
    /// When it ends; `at` for a crash.
    pub(crate) fn end(&self) -> GoDuration {
        self.at.saturating_add(self.kind.length().unwrap_or(GoDuration::ZERO))
    }

    /// The fault as the grammar writes it, without its time: `hold:30s`, `latency:2s:10s`,
    /// `crash`. What the trace's fault events show.
    pub(crate) fn label(&self) -> String {
        match self.kind {
            FaultKind::Hold { length } | FaultKind::Partition { length } => {
                format!("{}:{length}", self.kind.name())
            }
            FaultKind::Latency { latency, length } => format!("latency:{latency}:{length}"),
            FaultKind::Loss { rate, length } => format!("loss:{rate}:{length}"),
            FaultKind::Crash => "crash".to_owned(),
        }
    }
}

impl fmt::Display for Fault {
    /// The grammar's form: `hold:30s@1m0s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.label(), self.at)
    }
}

/// A run's faults, in time order, none overlapping another of the network (or a crash's
/// downtime): what the `faults` parameter resolved to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FaultPlan {
    faults: Vec<Fault>,
}

impl FaultPlan {
    /// The faults, in time order.
    #[cfg(test)]
    pub(crate) fn faults(&self) -> &[Fault] {
        &self.faults
    }

    /// `true` when the run has no fault.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.faults.is_empty()
    }

    /// The end of the hold that covers `now`, if one does: until then, whatever the hold
    /// stands between waits.
    pub(crate) fn held_until(&self, now: GoDuration) -> Option<GoDuration> {
        self.faults
            .iter()
            .filter(|f| matches!(f.kind, FaultKind::Hold { .. }))
            .find(|f| f.at <= now && now < f.end())
            .map(Fault::end)
    }
}

/// A change the schedule makes at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// The fault begins.
    Begins(Fault),
    /// The fault's length is over (not for crashes: the restart ends those).
    Ends(Fault),
}

/// A walk through a [`FaultPlan`]: the changes due by each step's end, in time order.
pub(crate) struct Schedule {
    changes: Vec<(GoDuration, Change)>,
    next: usize,
}

impl Schedule {
    pub(crate) fn new(plan: &FaultPlan) -> Schedule {
        let mut changes = Vec::new();
        for &f in &plan.faults {
            changes.push((f.at, Change::Begins(f)));
            if f.kind.length().is_some() {
                changes.push((f.end(), Change::Ends(f)));
            }
        }
        // Stable, and an end sorts before a begin of the same instant: a link is released
        // before the next fault takes it.
        changes.sort_by_key(|&(at, change)| (at, matches!(change, Change::Begins(_))));
        Schedule { changes, next: 0 }
    }

    /// The changes due by `now` that were not returned yet, in time order.
    pub(crate) fn due(&mut self, now: GoDuration) -> Vec<Change> {
        let start = self.next;
        while self.changes.get(self.next).is_some_and(|&(at, _)| at <= now) {
            self.next += 1;
        }
        self.changes[start..self.next].iter().map(|&(_, c)| c).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: i64) -> GoDuration {
        GoDuration::from_secs(n)
    }

    fn plan(faults: &[Fault]) -> FaultPlan {
        FaultPlan { faults: faults.to_vec() }
    }

    #[test]
    fn the_schedule_releases_a_link_before_the_next_fault_of_the_same_instant_takes_it() {
        let hold = Fault { at: secs(10), kind: FaultKind::Hold { length: secs(5) } };
        let partition = Fault { at: secs(15), kind: FaultKind::Partition { length: secs(5) } };
        let crash = Fault { at: secs(17), kind: FaultKind::Crash };
        let mut s = Schedule::new(&plan(&[hold, partition, crash]));
        assert_eq!(s.due(secs(9)), []);
        assert_eq!(s.due(secs(10)), [Change::Begins(hold)]);
        assert_eq!(s.due(secs(15)), [Change::Ends(hold), Change::Begins(partition)]);
        assert_eq!(s.due(secs(60)), [Change::Begins(crash), Change::Ends(partition)], "a crash never ends");
        assert_eq!(s.due(secs(61)), []);
    }

    #[test]
    fn a_hold_covers_its_window_and_nothing_else() {
        let hold = Fault { at: secs(10), kind: FaultKind::Hold { length: secs(5) } };
        let partition = Fault { at: secs(20), kind: FaultKind::Partition { length: secs(5) } };
        let p = plan(&[hold, partition]);
        assert_eq!(p.held_until(secs(9)), None);
        assert_eq!(p.held_until(secs(10)), Some(secs(15)));
        assert_eq!(p.held_until(GoDuration::from_millis(14_999)), Some(secs(15)));
        assert_eq!(p.held_until(secs(15)), None);
        assert_eq!(p.held_until(secs(21)), None, "a partition is not a hold");
    }

    #[test]
    fn faults_print_in_the_grammars_form() {
        let latency = Fault {
            at: GoDuration::from_secs(90),
            kind: FaultKind::Latency { latency: GoDuration::from_millis(2_500), length: secs(10) },
        };
        assert_eq!(latency.to_string(), "latency:2.5s:10s@1m30s");
        assert_eq!(Fault { at: secs(5), kind: FaultKind::Crash }.to_string(), "crash@5s");
        let loss = FaultKind::Loss { rate: LossRate::new(0.05).unwrap(), length: secs(10) };
        assert_eq!(Fault { at: secs(20), kind: loss }.to_string(), "loss:0.05:10s@20s");
    }

    #[test]
    fn a_loss_rate_is_a_probability_of_at_least_one_in_a_million() {
        assert_eq!(LossRate::new(1.0).map(LossRate::probability), Some(1.0));
        assert_eq!(LossRate::new(0.000_001).map(LossRate::probability), Some(0.000_001));
        for bad in [0.0, -0.5, 1.5, 0.000_000_4, f64::NAN] {
            assert_eq!(LossRate::new(bad), None, "{bad}");
        }
    }
}
