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

/// A counter of a run that the worst runs are ranked by.
type Metric = fn(&SweepRun) -> u64;

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
        let why: Vec<String> =
            run.breaches.iter().map(|b| format!("{}: {}", b.invariant, b.detail)).collect();
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
    let metrics: [(&str, Metric); 3] = [
        ("peak live timers", |r| r.peak_live),
        ("restarts", |r| u64::from(r.restarts)),
        ("spurious timeouts", |r| r.spurious_timeouts),
    ];
    let shown: Vec<(&str, Metric, Vec<&SweepRun>)> = metrics
        .into_iter()
        .map(|(name, metric)| {
            let mut runs: Vec<&SweepRun> = result.runs.iter().filter(|r| metric(r) > 0).collect();
            runs.sort_by_key(|r| (std::cmp::Reverse(metric(r)), r.index));
            runs.truncate(WORST_SHOWN);
            (name, metric, runs)
        })
        .collect();
    let width = shown.iter().map(|(name, _, _)| name.len()).max().unwrap_or(0);
    let digits = shown
        .iter()
        .flat_map(|(_, metric, runs)| runs.iter().map(|r| metric(r).to_string().len()))
        .max()
        .unwrap_or(1);
    let mut out = format!(
        "\nworst runs (the {WORST_SHOWN} with the most of each, the earlier run first among equals):\n"
    );
    for (name, metric, runs) in shown {
        if runs.is_empty() {
            let _ = writeln!(out, "  {name:<width$}  none: 0 in every run");
        }
        for run in runs {
            let _ = writeln!(
                out,
                "  {name:<width$}  {:>digits$}  {} seed={}",
                metric(run),
                label(result, run),
                run.seed
            );
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

#[cfg(test)]
mod tests {
    use timerlab_sim::VerdictKind;

    use super::*;
    use crate::sweep::fixtures::{plan, record, shard_runs, unexpected};

    /// The result file of `shard` of `plan`, every run as expected.
    fn shard_result(plan: &SweepPlan, shard: Shard) -> SweepResult {
        SweepResult::new(plan.clone(), shard, shard_runs(plan, shard))
    }

    /// The lines of `text` from the one starting with `from` up to the next blank line.
    fn section<'a>(text: &'a str, from: &str) -> Vec<&'a str> {
        text.lines().skip_while(|l| !l.starts_with(from)).take_while(|l| !l.is_empty()).collect()
    }

    #[test]
    fn the_header_names_the_runs_their_product_and_the_command_that_repeats_them() {
        let header = render_sweep_header(&plan("0..3"), Shard::WHOLE);
        let lines: Vec<&str> = header.lines().collect();
        assert_eq!(lines[0], "sweep s1: 3 seeds (0..3) × 2 variants × 2 behaviours = 12 runs");
        assert_eq!(
            lines[1],
            "repro: cargo run --release -p timerlab -- sweep s1 --semantics both --seeds 0..3 --preset quick"
        );
        assert_eq!(lines.len(), 3 + Invariant::ALL.len());
        // Each rule as docs/CLI.md ("timerlab sweep") states it.
        assert_eq!(
            lines[3..],
            [
                "  verdict              the verdict is the one the registry expects for the variant and behaviour",
                "  within-bound         where no leak is expected (BOUNDED, SPURIOUS-TIMEOUT), over_bound_checks = 0",
                "  no-restart           where no leak is expected (BOUNDED, SPURIOUS-TIMEOUT), restarts = 0",
                "  no-spurious-timeout  where BOUNDED is expected, spurious_timeouts = 0",
                "  no-missed-timeout    where BOUNDED is expected, missed_timeouts = 0",
            ]
        );
    }

    #[test]
    fn a_shards_header_repeats_the_shard_and_says_which_runs_it_covers() {
        let header = render_sweep_header(&plan("0..3"), Shard { index: 2, count: 3 });
        assert!(
            header.contains("-- sweep s1 --semantics both --seeds 0..3 --preset quick --shard 2/3\n"),
            "{header}"
        );
        assert!(header.contains("\nshard 2/3: runs 4..8 of 12 "), "{header}");
    }

    #[test]
    fn the_table_has_one_row_per_variant_and_behaviour_in_plan_order() {
        let text = render_sweep_summary(&shard_result(&plan("0..3"), Shard::WHOLE));
        let rows: Vec<Vec<&str>> =
            section(&text, "variant").iter().map(|l| l.split_whitespace().collect()).collect();
        // Runs 0..12, variant-major within a seed: leaky/async is 0, 4, 8 (peak live 10, 14, 18).
        assert_eq!(rows[1], ["leaky", "async", "3", "BOUNDED", "3", "BOUNDED", "10..18", "0", "0", "0"]);
        assert_eq!(rows[4][..2], ["stop", "sync"]);
        assert_eq!(rows.len(), 5);
    }

    #[test]
    fn verdicts_are_counted_the_most_frequent_first_and_failed_runs_listed_with_their_repro() {
        let plan = plan("0..3");
        let mut result = shard_result(&plan, Shard::WHOLE);
        result.runs[4] = unexpected(record(&plan, 4), VerdictKind::Leak, "LEAK (+5 timers/min)");
        let result = SweepResult::new(plan, Shard::WHOLE, result.runs);
        let text = render_sweep_summary(&result);
        let leaky_async = section(&text, "variant")[1];
        assert!(leaky_async.contains("2 BOUNDED, 1 LEAK"), "{leaky_async}");
        assert!(leaky_async.trim_end().ends_with(" 1"), "one failed: {leaky_async}");
        assert_eq!(
            section(&text, "failed"),
            [
                "failed: 1 of 12 runs",
                "  s1/leaky/async seed=1: verdict: LEAK (+5 timers/min), expected BOUNDED (unexpected)",
                "    repro: cargo run --release -p timerlab -- run s1 leaky --semantics async --seed 1 --preset quick",
            ]
        );
        assert!(text.ends_with("\nresult: 12 runs, 11 passed, 1 failed (exit 1)\n"), "{text}");
    }

    /// The summary of a sweep over `seeds` whose every run leaked where none was expected.
    fn every_run_failed(seeds: &str) -> String {
        let plan = plan(seeds);
        let runs: Vec<SweepRun> = (0..plan.runs)
            .map(|i| unexpected(record(&plan, i), VerdictKind::Leak, "LEAK (+1 timers/min)"))
            .collect();
        render_sweep_summary(&SweepResult::new(plan, Shard::WHOLE, runs))
    }

    #[test]
    fn exactly_twenty_failed_runs_are_all_shown_with_nothing_left_to_count() {
        let text = every_run_failed("0..5");
        let failed = section(&text, "failed");
        assert_eq!(failed[0], "failed: 20 of 20 runs");
        assert_eq!(failed.len(), 1 + 2 * 20, "{text}");
    }

    #[test]
    fn past_twenty_failed_runs_the_rest_are_counted() {
        let text = every_run_failed("0..6");
        let failed = section(&text, "failed");
        assert_eq!(
            failed[0],
            "failed: 24 of 24 runs (the first 20 below; every one is in the --json result file)"
        );
        assert_eq!(failed.len(), 1 + 2 * FAILED_SHOWN + 1);
        assert_eq!(failed.last(), Some(&"  ... and 4 more"));
    }

    #[test]
    fn the_worst_runs_are_the_most_of_each_metric_the_earlier_first_among_equals() {
        let plan = plan("0..3");
        let mut runs: Vec<SweepRun> = (0..plan.runs).map(|i| record(&plan, i)).collect();
        (runs[2].restarts, runs[9].restarts, runs[5].restarts) = (2, 2, 7);
        let text = render_sweep_summary(&SweepResult::new(plan, Shard::WHOLE, runs));
        // Names padded to the longest ("spurious timeouts"), numbers right-aligned to the widest.
        let worst: Vec<&str> = section(&text, "worst runs")
            .into_iter()
            .filter(|l| !l.trim_start().starts_with("repro:"))
            .collect();
        assert_eq!(
            worst[1..],
            [
                "  peak live timers   21  s1/stop/sync seed=2",
                "  peak live timers   20  s1/stop/async seed=2",
                "  peak live timers   19  s1/leaky/sync seed=2",
                "  restarts            7  s1/leaky/sync seed=1",
                "  restarts            2  s1/stop/async seed=0",
                "  restarts            2  s1/leaky/sync seed=2",
                "  spurious timeouts  none: 0 in every run",
            ]
        );
    }

    #[test]
    fn an_empty_shard_says_so_and_passes() {
        // 12 runs over 20 shards: shard 1/20 is runs 0..0 (12·0/20 to 12·1/20, rounded down).
        let text = render_sweep_summary(&shard_result(&plan("0..3"), Shard { index: 1, count: 20 }));
        assert!(text.contains("\nno runs: this shard of the sweep is empty\n"), "{text}");
        assert!(text.ends_with("\nresult: 0 runs, 0 passed, 0 failed (exit 0)\n"), "{text}");
    }
}
