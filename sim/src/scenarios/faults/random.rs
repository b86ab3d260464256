//! A seeded random schedule (`random:RATE[:KINDS]`): faults arrive as a Poisson process at
//! `RATE` per minute of fault-free time, each of a kind drawn uniformly from those allowed, with
//! its length (and a spike's latency) drawn uniformly from the scenario's ranges. One fault at a
//! time: the next gap starts when the last fault is over (a crash: after the supervisor's
//! back-off), so a random schedule never overlaps itself. Drawn from the run's fault stream, so
//! the seed alone decides it.

use gotime::GoDuration;
use rand::Rng;

use super::fault::{Fault, FaultKind, LossRate};
use super::rules::Rules;
use crate::seed::{self, streams, SimRng};

/// The faults of `random:RATE` over the run of `rules`, drawn from `kinds`; ends at the first
/// draw that would not fit in the run.
pub(super) fn schedule(per_minute: f64, kinds: &[&str], rules: &Rules) -> Vec<Fault> {
    let mut rng = seed::rng(rules.seed, streams::FAULTS);
    let mut faults = Vec::new();
    let mut free_from = GoDuration::ZERO;
    loop {
        let u: f64 = rng.gen();
        let gap = -(1.0 - u).ln() * 60.0 / per_minute;
        let at = free_from.saturating_add(STEP.saturating_mul((gap * 10.0).min(1e12) as i64));
        let kind = match kinds[rng.gen_range(0..kinds.len())] {
            "hold" => FaultKind::Hold { length: between(&mut rng, rules.random.length) },
            "partition" => FaultKind::Partition { length: between(&mut rng, rules.random.length) },
            "latency" => FaultKind::Latency {
                latency: between(&mut rng, rules.random.latency),
                length: between(&mut rng, rules.random.length),
            },
            "loss" => FaultKind::Loss {
                rate: LossRate::new(rng.gen_range(rules.random.loss.0..=rules.random.loss.1))
                    .unwrap_or(LossRate::MIN),
                length: between(&mut rng, rules.random.length),
            },
            _ => FaultKind::Crash,
        };
        let fault = Fault { at, kind };
        if at >= rules.run || fault.end() > rules.run {
            return faults;
        }
        free_from = match kind {
            FaultKind::Crash => at.saturating_add(rules.downtime),
            _ => fault.end(),
        };
        faults.push(fault);
    }
}

/// Random times and lengths are drawn in tenths of a second: they read as the grammar writes
/// them (`hold:12.3s@41.7s`).
const STEP: GoDuration = GoDuration::from_millis(100);

/// A duration drawn uniformly between `low` and `high` inclusive, in [`STEP`]s.
fn between(rng: &mut SimRng, (low, high): (GoDuration, GoDuration)) -> GoDuration {
    let steps = |d: GoDuration| d.as_nanos() / STEP.as_nanos();
    STEP.saturating_mul(rng.gen_range(steps(low)..=steps(high).max(steps(low))))
}
