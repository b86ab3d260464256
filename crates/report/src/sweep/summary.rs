//! The summary of a sweep: what it runs and holds every run to ([`render_sweep_header`], printed
//! before the first run), then the verdicts per variant × behaviour, the runs that failed and the
//! worst runs, each with its repro command ([`render_sweep_report`]). Both read only a
//! [`SweepResult`]'s records, so a merged sweep prints what the unsharded one printed.

use std::fmt::Write as _;

use super::invariant::Invariant;
use super::plan::SweepPlan;
use super::record::SweepRun;
use super::result::SweepResult;
use super::shard::Shard;
use crate::repro::cargo_command;
use crate::table::{layout, Align};

/// Failed runs listed by name; the rest are counted (every one is in the result file).
const FAILED_SHOWN: usize = 20;

/// Runs shown per metric under "worst runs".
const WORST_SHOWN: usize = 3;

/// The lines before the runs: the sweep and its size, the command that repeats it, the shard's
/// runs, and the invariants.
///
/// ```text
/// sweep s1: 4 seeds (0..4) × 4 variants × 3 behaviours = 48 runs
/// repro: cargo run --release -p timerlab -- sweep s1 --seeds 0..4 --preset quick
/// invariants: every run holds each of these, or the sweep exits 1
///   verdict              the verdict is the one the registry expects for the variant and behaviour
///   ...
/// ```
pub fn render_sweep_header(plan: &SweepPlan, shard: Shard) -> String {
    let mut out = format!(
        "sweep {}: {} ({}) × {} × {} = {}\n",
        plan.scenario,
        counted(plan.seeds.len(), "seed"),
        plan.seeds,
        counted(plan.variants.len() as u64, "variant"),
        counted(plan.behaviours.len() as u64, "behaviour"),
        counted(plan.runs, "run"),
    );
    if shard.count > 1 {
        let runs = shard.runs(plan.runs);
        let _ = writeln!(out, "repro: {} --shard {shard}", cargo_command(&plan.command));
        let _ = writeln!(
            out,
            "shard {shard}: runs {}..{} of {} (this summary covers them only; --merge the shards for the whole sweep)",
            runs.start, runs.end, plan.runs
        );
    } else {
        let _ = writeln!(out, "repro: {}", cargo_command(&plan.command));
    }
    out.push_str("invariants: every run holds each of these, or the sweep exits 1\n");
    let width = Invariant::ALL.iter().map(|i| i.name().len()).max().unwrap_or(0);
    for invariant in Invariant::ALL {
        let _ = writeln!(out, "  {:<width$}  {}", invariant.name(), invariant.rule());
    }
    out
}

/// The lines after the runs: the table of variant × behaviour (runs, expected verdict, verdicts
/// counted, peak live timers, restarts and spurious timeouts from the least to the most over
/// the seeds, failed runs), the failed runs, the worst runs, and the result line.
pub fn render_sweep_report(result: &SweepResult) -> String {
    let mut out = String::from("\n");
    if result.runs.is_empty() {
        out.push_str("no runs: this shard of the sweep is empty\n");
    } else {
        out.push_str(&cells(result));
    }
    out.push_str(&failed(result));
    out.push_str(&worst(result));
    let o = &result.outcome;
    let _ = writeln!(
        out,
        "\nresult: {}, {} passed, {} failed (exit {})",
        counted(o.runs, "run"),
        o.passed,
        o.failed,
        o.exit_code
    );
    out
}

/// [`render_sweep_header`] and [`render_sweep_report`]: what `timerlab sweep` printed, from its
/// result alone.
pub fn render_sweep_summary(result: &SweepResult) -> String {
    render_sweep_header(&result.sweep, result.shard.shard()) + &render_sweep_report(result)
}

/// One row per variant × behaviour, in the sweep's order.
fn cells(result: &SweepResult) -> String {
    use Align::{Left, Right};
    let mut groups: Vec<((&str, &str), Vec<&SweepRun>)> = Vec::new();
    for run in &result.runs {
        let key = (run.variant.as_str(), run.behaviour.as_str());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, runs)) => runs.push(run),
            None => groups.push((key, vec![run])),
        }
    }
    let header = [
        ("variant", Left),
        ("behaviour", Left),
        ("runs", Right),
        ("expected", Left),
        ("verdicts", Left),
        ("peak live", Right),
        ("restarts", Right),
        ("spurious", Right),
        ("failed", Right),
    ];
    let rows: Vec<Vec<String>> = groups
        .iter()
        .map(|((variant, behaviour), runs)| {
            let mut expected: Vec<&str> = runs.iter().map(|r| r.expected.label.as_str()).collect();
            expected.dedup();
            vec![
                (*variant).to_owned(),
                (*behaviour).to_owned(),
                runs.len().to_string(),
                expected.join("/"),
                verdicts(runs),
                spread(runs.iter().map(|r| r.peak_live)),
                spread(runs.iter().map(|r| u64::from(r.restarts))),
                spread(runs.iter().map(|r| r.spurious_timeouts)),
                runs.iter().filter(|r| !r.holds()).count().to_string(),
            ]
        })
        .collect();
    layout(&header, &rows)
}

/// `3 BOUNDED, 1 LEAK`: each verdict kind with its count, the most frequent first.
fn verdicts(runs: &[&SweepRun]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for run in runs {
        let label = run.verdict_kind.label.as_str();
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => counts.push((label, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts.iter().map(|(label, n)| format!("{n} {label}")).collect::<Vec<_>>().join(", ")
}

/// `463..480` from the least to the most, or `480` when every seed gave the same.
fn spread(values: impl Iterator<Item = u64>) -> String {
    let values: Vec<u64> = values.collect();
    let (min, max) = (values.iter().min().copied().unwrap_or(0), values.iter().max().copied().unwrap_or(0));
    if min == max {
        max.to_string()
    } else {
        format!("{min}..{max}")
    }
}

/// The runs that broke an invariant, each with what it showed and its repro command.
fn failed(result: &SweepResult) -> String {
    let failed: Vec<&SweepRun> = result.runs.iter().filter(|r| !r.holds()).collect();
    if failed.is_empty() {
        return String::new();
    }
    let mut out = format!("\nfailed: {} of {}", failed.len(), counted(result.runs.len() as u64, "run"));
    if failed.len() > FAILED_SHOWN {
        let _ = write!(out, " (the first {FAILED_SHOWN} below; every one is in the --json result file)");
    }
    out.push('\n');
    for run in failed.iter().take(FAILED_SHOWN) {
        let why: Vec<String> = run.breaches.iter().map(|b| format!("{}: {}", b.invariant, b.detail)).collect();
        let _ = writeln!(out, "  {} seed={}: {}", label(result, run), run.seed, why.join("; "));
        let _ = writeln!(out, "    repro: {}", run.repro);
    }
    if failed.len() > FAILED_SHOWN {
        let _ = writeln!(out, "  ... and {} more", failed.len() - FAILED_SHOWN);
    }
    out
}

/// For each metric, the runs with the most of it (above 0), the earlier run first among equals.
fn worst(result: &SweepResult) -> String {
    let metrics: [(&str, fn(&SweepRun) -> u64); 3] = [
        ("peak live timers", |r| r.peak_live),
        ("restarts", |r| u64::from(r.restarts)),
        ("spurious timeouts", |r| r.spurious_timeouts),
    ];
    let width = metrics.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    let mut out = format!("\nworst runs (the {WORST_SHOWN} with the most of each, the earlier run first among equals):\n");
    for (name, metric) in metrics {
        let mut runs: Vec<&SweepRun> = result.runs.iter().filter(|r| metric(r) > 0).collect();
        runs.sort_by_key(|r| (std::cmp::Reverse(metric(r)), r.index));
        runs.truncate(WORST_SHOWN);
        if runs.is_empty() {
            let _ = writeln!(out, "  {name:<width$}  none: 0 in every run");
            continue;
        }
        let digits = runs.iter().map(|r| metric(r).to_string().len()).max().unwrap_or(1);
        for run in runs {
            let _ = writeln!(out, "  {name:<width$}  {:>digits$}  {} seed={}", metric(run), label(result, run), run.seed);
            let _ = writeln!(out, "    repro: {}", run.repro);
        }
    }
    out
}

/// `s1/leaky/async`: how the summary names a run (with its seed beside it).
fn label(result: &SweepResult, run: &SweepRun) -> String {
    format!("{}/{}/{}", result.sweep.scenario, run.variant, run.behaviour)
}

/// `1 run`, `48 runs`.
fn counted(n: u64, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
