//! The sweep: run this shard's runs on `--jobs` threads, print what it runs and the summary,
//! write `--json`, and exit 1 when a run broke an invariant.

use std::sync::Once;

use timerlab_report::sweep::{render_sweep_header, render_sweep_report, Shard, SweepResult, SweepRun};
use timerlab_report::Run;
use timerlab_sim::ConfigError;

use crate::args::SweepArgs;
use crate::error::CliError;
use crate::sweep::merge::merge;
use crate::sweep::output::ResultOut;
use crate::sweep::plan::Sweep;
use crate::sweep::pool;
use crate::sweep::progress::SweepProgress;

/// Runs `timerlab sweep` and returns its exit code.
///
/// # Errors
///
/// [`CliError::input`] for bad input (nothing is printed then and no result file is left) and
/// for result files that do not merge; [`CliError::io`] when `--json` cannot be written (before the runs, if it cannot be
/// created).
pub(crate) fn sweep(args: &SweepArgs) -> Result<u8, CliError> {
    if !args.merge.is_empty() {
        return merge(&args.merge, args.json.as_deref());
    }
    let sweep = Sweep::new(args)?;
    let out = ResultOut::open(args.json.as_deref())?;
    let shard = args.shard.unwrap_or(Shard::WHOLE);
    let runs = shard.runs(sweep.plan.runs);

    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let count = runs.end - runs.start;
    let progress = SweepProgress::new(count, &label(shard, &sweep.plan.scenario));
    // What runs and the command that repeats it, printed when the first run is done: after the
    // scenario has accepted the parameters (one it refuses, found as a run starts, is then the
    // only output) and long before the last run of a long sweep.
    let header = Once::new();
    let show_header =
        || header.call_once(|| progress.suspend(|| out.summary(&render_sweep_header(&sweep.plan, shard))));
    let records: Result<Vec<SweepRun>, ConfigError> = pool::map(count as usize, jobs, |i| {
        let index = runs.start + i as u64;
        let report = timerlab_sim::run(&sweep.config(index), &mut |_, _| {})?;
        show_header();
        let record = SweepRun::new(index, &Run::new(report));
        progress.finished(!record.holds());
        Ok(record)
    });
    progress.clear();
    let records = match records {
        Ok(records) => records,
        Err(e) => {
            out.discard();
            return Err(CliError::input(e));
        }
    };

    show_header(); // a shard with no runs
    let result = SweepResult::new(sweep.plan, shard, records);
    out.summary(&render_sweep_report(&result));
    out.write(&result)?;
    Ok(result.exit_code())
}

/// The progress bar's label: the scenario for a whole sweep, `shard K/N` for a shard.
fn label(shard: Shard, scenario: &str) -> String {
    if shard == Shard::WHOLE {
        format!("sweep {scenario}")
    } else {
        format!("shard {shard}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_names_a_whole_sweep_by_its_scenario_and_a_shard_by_its_place() {
        assert_eq!(label(Shard::WHOLE, "s1"), "sweep s1");
        assert_eq!(label("2/4".parse().unwrap(), "s1"), "shard 2/4");
    }
}
