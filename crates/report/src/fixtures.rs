//! Reports for the unit tests: a finished run of S2's `leaky` variant with the fields a test
//! sets itself left empty or zero.

use gotime::{GoDuration, Semantics};
use timerlab_sim::{ResolvedBehaviour, RunConfig, RunReport, RunVerdict, VerdictKind};

/// A run of `s2/leaky/async`, seed 1, that showed `verdict` where `expected` was expected: no
/// samples, events, timers or call sites.
pub(crate) fn report(verdict: RunVerdict, expected: VerdictKind) -> RunReport {
    let config = RunConfig::new("s2", "leaky", Semantics::Async, 1);
    RunReport {
        scenario: config.scenario.clone(),
        variant: config.variant.clone(),
        semantics: Semantics::Async,
        behaviour: ResolvedBehaviour::of(Semantics::Async),
        seed: 1,
        config,
        params: Vec::new(),
        simulated: GoDuration::from_mins(1),
        samples: Vec::new(),
        events: Vec::new(),
        verdict,
        expected,
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
