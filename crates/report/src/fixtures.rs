//! Reports for the unit tests: a finished run of a scenario's variant with the fields a test sets
//! itself left empty or zero.

use gotime::{GoDuration, Semantics};
use timerlab_sim::{ResolvedBehaviour, RunConfig, RunReport, RunVerdict, VerdictKind};

/// A run of `s2/leaky/async`, seed 1, that showed `verdict` where `expected` was expected: no
/// samples, events, timers or call sites.
pub(crate) fn report(verdict: RunVerdict, expected: VerdictKind) -> RunReport {
    report_of("leaky", Semantics::Async, 1, verdict, expected)
}

/// A one-minute run of S2's `variant` in `semantics` with `seed` that showed `verdict` where
/// `expected` was expected: no samples, events, timers or call sites, every counter 0.
pub(crate) fn report_of(
    variant: &str,
    semantics: Semantics,
    seed: u64,
    verdict: RunVerdict,
    expected: VerdictKind,
) -> RunReport {
    RunReport { verdict, expected, ..run("s2", variant, semantics, seed) }
}

/// A one-minute run of `scenario`'s `variant` in `semantics` with `seed`, bounded as expected:
/// no samples, events, timers or call sites, every counter 0.
pub(crate) fn run(scenario: &str, variant: &str, semantics: Semantics, seed: u64) -> RunReport {
    let config = RunConfig::new(scenario, variant, semantics, seed);
    RunReport {
        scenario: config.scenario.clone(),
        variant: config.variant.clone(),
        semantics,
        behaviour: ResolvedBehaviour::of(semantics),
        seed,
        config,
        params: Vec::new(),
        simulated: GoDuration::from_mins(1),
        samples: Vec::new(),
        events: Vec::new(),
        verdict: RunVerdict::Bounded,
        expected: VerdictKind::Bounded,
        peak_live: 0,
        peak_memory: 0,
        budget: None,
        restarts: 0,
        messages: 0,
        timeouts: 0,
        spurious_timeouts: 0,
        missed_timeouts: 0,
        over_bound_checks: 0,
        sites: Vec::new(),
        end_sites: Vec::new(),
    }
}
