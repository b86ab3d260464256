//! Sweeps made up for the unit tests: a plan of two variants × two behaviours over some seeds,
//! and records of its runs as the plan numbers them, each as expected unless a test says not.

use timerlab_sim::VerdictKind;

use super::invariant::Breach;
use super::plan::SweepPlan;
use super::record::{KindName, SweepRun};
use super::shard::Shard;

/// `leaky`, `stop` × `--semantics async`, `--semantics sync` over `seeds` (`A..B`).
pub(super) fn plan(seeds: &str) -> SweepPlan {
    let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    SweepPlan::new(
        "s1",
        names(&["leaky", "stop"]),
        names(&["--semantics async", "--semantics sync"]),
        seeds.parse().expect("a valid seed range"),
        "--preset quick",
        &format!("timerlab sweep s1 --semantics both --seeds {seeds} --preset quick"),
    )
    .expect("a small plan")
}

/// The record of run `index` of `plan`: BOUNDED as expected, `10 + index` peak live timers,
/// every other counter 0.
pub(super) fn record(plan: &SweepPlan, index: u64) -> SweepRun {
    let cell = plan.cell(index);
    let variant = plan.variants[cell.variant].clone();
    let behaviour = plan.behaviours[cell.behaviour].trim_start_matches("--semantics ").to_owned();
    let bounded = KindName::of(VerdictKind::Bounded);
    SweepRun {
        index,
        seed: cell.seed,
        repro: format!(
            "cargo run --release -p timerlab -- run s1 {variant} --semantics {behaviour} --seed {} --preset quick",
            cell.seed
        ),
        variant,
        behaviour,
        verdict: "BOUNDED".into(),
        verdict_kind: bounded.clone(),
        expected: bounded,
        mismatch: None,
        breaches: Vec::new(),
        peak_live: 10 + index,
        peak_memory: 0,
        restarts: 0,
        messages: 100,
        timeouts: 0,
        spurious_timeouts: 0,
        missed_timeouts: 0,
        over_bound_checks: 0,
        trace_hash: format!("{index:016x}"),
    }
}

/// `record` turned into a run that was expected to be BOUNDED and showed `verdict` instead.
pub(super) fn unexpected(mut run: SweepRun, verdict: VerdictKind, shown: &str) -> SweepRun {
    run.verdict = shown.to_owned();
    run.verdict_kind = KindName::of(verdict);
    run.mismatch = Some("unexpected".into());
    run.breaches = vec![Breach {
        invariant: "verdict".into(),
        detail: format!("{shown}, expected BOUNDED (unexpected)"),
    }];
    run
}

/// The records of `shard`'s runs of `plan`, each as [`record`] makes it.
pub(super) fn shard_runs(plan: &SweepPlan, shard: Shard) -> Vec<SweepRun> {
    shard.runs(plan.runs).map(|i| record(plan, i)).collect()
}
