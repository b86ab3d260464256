//! [`Invariant`]: what a sweep holds every run to, and [`Breach`]: how a run broke one.
//!
//! The first is the one `timerlab run` checks: the verdict is the registry's expectation for the
//! variant and behaviour. The others read counters of the run's report that the verdict does not
//! show once a more severe verdict has been decided, or that it does not decide at all, and
//! apply where Go's semantics leave no room: a program the registry expects not to leak never
//! holds more live timers than it can reach, so it is never killed; a correct timeout loop (the
//! fixes, BOUNDED) neither times out early nor stays silent past its timeout.

use serde::{Deserialize, Serialize};
use timerlab_sim::{RunReport, VerdictKind};

use crate::mismatch::Mismatch;

/// One invariant of a sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Invariant {
    /// The verdict is the kind the registry expects.
    Verdict,
    /// Where no leak is expected: `over_bound_checks == 0`.
    WithinBound,
    /// Where no leak is expected: `restarts == 0`.
    NoRestart,
    /// Where BOUNDED is expected: `spurious_timeouts == 0`.
    NoSpuriousTimeout,
    /// Where BOUNDED is expected: `missed_timeouts == 0`.
    NoMissedTimeout,
}

/// A run that broke an invariant: which, and the numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breach {
    /// [`Invariant::name`].
    pub invariant: String,
    /// What the run showed: `LEAK (+460 timers/min), expected OOM-LOOP (not-reproduced)`,
    /// `missed_timeouts = 2 where BOUNDED is expected`.
    pub detail: String,
}

/// An invariant as the result file states it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvariantRule {
    /// [`Invariant::name`].
    pub name: String,
    /// [`Invariant::rule`].
    pub rule: String,
}

/// Where the registry expects no leak: BOUNDED or SPURIOUS-TIMEOUT (not LEAK, OOM-LOOP, and not
/// a verdict whose live timers the invariants cannot judge).
fn no_leak_expected(expected: VerdictKind) -> bool {
    matches!(expected, VerdictKind::Bounded | VerdictKind::SpuriousTimeout)
}

impl Invariant {
    /// Every invariant, in the order the summary states them.
    pub const ALL: [Invariant; 5] = [
        Invariant::Verdict,
        Invariant::WithinBound,
        Invariant::NoRestart,
        Invariant::NoSpuriousTimeout,
        Invariant::NoMissedTimeout,
    ];

    /// `verdict`, `within-bound`, `no-restart`, `no-spurious-timeout`, `no-missed-timeout`.
    pub const fn name(self) -> &'static str {
        match self {
            Invariant::Verdict => "verdict",
            Invariant::WithinBound => "within-bound",
            Invariant::NoRestart => "no-restart",
            Invariant::NoSpuriousTimeout => "no-spurious-timeout",
            Invariant::NoMissedTimeout => "no-missed-timeout",
        }
    }

    /// The rule, one phrase.
    pub const fn rule(self) -> &'static str {
        match self {
            Invariant::Verdict => "the verdict is the one the registry expects for the variant and behaviour",
            Invariant::WithinBound => {
                "where no leak is expected (BOUNDED, SPURIOUS-TIMEOUT), over_bound_checks = 0"
            }
            Invariant::NoRestart => "where no leak is expected (BOUNDED, SPURIOUS-TIMEOUT), restarts = 0",
            Invariant::NoSpuriousTimeout => "where BOUNDED is expected, spurious_timeouts = 0",
            Invariant::NoMissedTimeout => "where BOUNDED is expected, missed_timeouts = 0",
        }
    }

    /// How `report` breaks this invariant, or `None` when it holds (or does not apply).
    pub fn breach(self, report: &RunReport) -> Option<String> {
        let expected = report.expected;
        let counter = |name: &str, value: u64, applies: bool, where_: &str| {
            (applies && value > 0).then(|| format!("{name} = {value} where {where_}"))
        };
        let no_leak = format!("no leak is expected ({expected})");
        let bounded = format!("{expected} is expected");
        let is_bounded = expected == VerdictKind::Bounded;
        match self {
            Invariant::Verdict => Mismatch::of(report)
                .map(|m| format!("{}, expected {expected} ({})", report.verdict, m.name())),
            Invariant::WithinBound => {
                counter("over_bound_checks", report.over_bound_checks, no_leak_expected(expected), &no_leak)
            }
            Invariant::NoRestart => {
                counter("restarts", report.restarts.into(), no_leak_expected(expected), &no_leak)
            }
            Invariant::NoSpuriousTimeout => {
                counter("spurious_timeouts", report.spurious_timeouts, is_bounded, &bounded)
            }
            Invariant::NoMissedTimeout => {
                counter("missed_timeouts", report.missed_timeouts, is_bounded, &bounded)
            }
        }
    }

    /// The invariant as the result file states it.
    pub fn as_rule(self) -> InvariantRule {
        InvariantRule { name: self.name().to_owned(), rule: self.rule().to_owned() }
    }
}

/// Every invariant `report` breaks, in [`Invariant::ALL`]'s order; empty when it holds them all.
pub fn breaches(report: &RunReport) -> Vec<Breach> {
    Invariant::ALL
        .iter()
        .filter_map(|&inv| {
            inv.breach(report).map(|detail| Breach { invariant: inv.name().to_owned(), detail })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use gotime::{GoDuration, Semantics};
    use timerlab_sim::RunVerdict;

    use super::*;

    /// A report of `verdict` where the registry expects `expected`, with every counter 0.
    fn report(verdict: RunVerdict, expected: VerdictKind) -> RunReport {
        let mut report =
            crate::fixtures::report_of("stop-drain-reset", Semantics::Sync, 3, verdict, expected);
        report.simulated = GoDuration::from_mins(20);
        report.peak_live = 1;
        report
    }

    fn names(report: &RunReport) -> Vec<String> {
        breaches(report).into_iter().map(|b| b.invariant).collect()
    }

    #[test]
    fn a_run_as_expected_with_clean_counters_breaks_nothing() {
        assert_eq!(breaches(&report(RunVerdict::Bounded, VerdictKind::Bounded)), []);
    }

    #[test]
    fn a_verdict_other_than_the_expected_one_breaks_the_verdict_invariant() {
        let r = report(RunVerdict::Leak { per_minute: 460 }, VerdictKind::OomLoop);
        assert_eq!(
            breaches(&r),
            [Breach {
                invariant: "verdict".into(),
                detail: "LEAK (+460 timers/min), expected OOM-LOOP (not-reproduced)".into()
            }]
        );
    }

    #[test]
    fn a_bounded_run_that_missed_a_timeout_breaks_its_invariant_though_the_verdict_holds() {
        let mut r = report(RunVerdict::Bounded, VerdictKind::Bounded);
        r.missed_timeouts = 2;
        assert_eq!(
            breaches(&r),
            [Breach {
                invariant: "no-missed-timeout".into(),
                detail: "missed_timeouts = 2 where BOUNDED is expected".into()
            }]
        );
    }

    #[test]
    fn where_spurious_timeouts_are_expected_only_the_leak_counters_apply() {
        let mut r = report(RunVerdict::SpuriousTimeout { count: 2 }, VerdictKind::SpuriousTimeout);
        (r.spurious_timeouts, r.missed_timeouts) = (2, 5);
        assert_eq!(names(&r), Vec::<String>::new());
        r.over_bound_checks = 1;
        assert_eq!(names(&r), ["within-bound"]);
    }

    #[test]
    fn where_a_leak_is_expected_its_counters_are_the_leak_itself() {
        let mut r = report(RunVerdict::OomLoop { restarts: 3 }, VerdictKind::OomLoop);
        (r.restarts, r.over_bound_checks, r.spurious_timeouts) = (3, 40, 1);
        assert_eq!(names(&r), Vec::<String>::new());
    }

    #[test]
    fn an_unexpected_oom_loop_breaks_every_leak_invariant_with_its_numbers() {
        let mut r = report(RunVerdict::OomLoop { restarts: 2 }, VerdictKind::Bounded);
        (r.restarts, r.over_bound_checks) = (2, 7);
        let b = breaches(&r);
        assert_eq!(names(&r), ["verdict", "within-bound", "no-restart"]);
        assert_eq!(b[1].detail, "over_bound_checks = 7 where no leak is expected (BOUNDED)");
        assert_eq!(b[2].detail, "restarts = 2 where no leak is expected (BOUNDED)");
    }
}
