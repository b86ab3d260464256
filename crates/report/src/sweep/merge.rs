//! [`merge`]: the result files of a sweep's shards back into the whole sweep — refusing files
//! of different sweeps or builds, and shards that overlap or leave runs out.

use std::fmt;
use std::ops::Range;

use super::record::SweepRun;
use super::result::SweepResult;
use super::shard::Shard;

/// Why result files do not merge: one line naming the files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeError(pub String);

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MergeError {}

/// One result file and the name it goes by in messages (its path).
pub struct NamedResult {
    /// The path, as given.
    pub name: String,
    /// Its contents.
    pub result: SweepResult,
}

/// The whole sweep from the results of its shards: one result of shard 1/1 whose runs are every
/// shard's, in the sweep's order — the same result, byte for byte, as the unsharded sweep.
/// Shards of different N merge too, as long as their runs tile the sweep.
///
/// # Errors
///
/// [`MergeError`] when no file is given; a file whose runs are not its shard's; files written
/// by different timerlab versions or of different sweeps (scenario, variants, behaviours, seeds
/// or overrides); the same shard twice; shards whose runs overlap; runs no file holds.
pub fn merge(files: Vec<NamedResult>) -> Result<SweepResult, MergeError> {
    let first = files.first().ok_or_else(|| MergeError("--merge needs at least one result file".into()))?;
    for file in &files {
        check_runs(file)?;
        if file.result.timerlab_version != first.result.timerlab_version {
            return Err(MergeError(format!(
                "{} was written by timerlab {}, {} by {}: the shards of a sweep come from one build",
                file.name, file.result.timerlab_version, first.name, first.result.timerlab_version
            )));
        }
        if let Some(d) = first.result.sweep.difference(&file.result.sweep) {
            return Err(MergeError(format!(
                "{} and {} are not shards of one sweep: {} {} in {}, {} in {}",
                first.name, file.name, d.what, d.this, first.name, d.other, file.name
            )));
        }
    }
    check_tiling(&files)?;
    let plan = first.result.sweep.clone();
    let runs: Vec<SweepRun> = files.into_iter().flat_map(|f| f.result.runs).collect();
    Ok(SweepResult::new(plan, Shard::WHOLE, runs))
}

/// A file holds exactly its shard's runs, in order: the range `--shard K/N` gives, one record
/// per index, each of the seed and variant the plan puts there.
fn check_runs(file: &NamedResult) -> Result<(), MergeError> {
    let r = &file.result;
    let shard = r.shard.shard();
    let wrong =
        |why: String| MergeError(format!("{}: shard {shard} is not what the sweep ran: {why}", file.name));
    if shard.index == 0 || shard.index > shard.count {
        return Err(wrong(format!("there is no shard {shard}")));
    }
    let range = shard.runs(r.sweep.runs);
    if r.shard.runs != range {
        return Err(wrong(format!(
            "it names runs {}, and the shard is runs {}",
            span(&r.shard.runs),
            span(&range)
        )));
    }
    let indices: Vec<u64> = r.runs.iter().map(|run| run.index).collect();
    if !indices.iter().copied().eq(range.clone()) {
        return Err(wrong(format!(
            "it holds {} run records, not one for each of runs {}",
            indices.len(),
            span(&range)
        )));
    }
    for run in &r.runs {
        let cell = r.sweep.cell(run.index);
        if run.seed != cell.seed || r.sweep.variants.get(cell.variant) != Some(&run.variant) {
            return Err(wrong(format!(
                "run {} is {} seed {}, not the plan's",
                run.index, run.variant, run.seed
            )));
        }
    }
    Ok(())
}

/// Every run of the sweep is in exactly one file.
fn check_tiling(files: &[NamedResult]) -> Result<(), MergeError> {
    let mut order: Vec<&NamedResult> = files.iter().collect();
    let key = |f: &&NamedResult| {
        let s = &f.result.shard;
        (s.runs.start, s.runs.end, s.count, s.index)
    };
    order.sort_by_key(key);
    for pair in order.windows(2) {
        let (a, b) = (&pair[0].result.shard, &pair[1].result.shard);
        if (a.index, a.count) == (b.index, b.count) {
            return Err(MergeError(format!(
                "{} and {} are both shard {}: give each shard once",
                pair[0].name,
                pair[1].name,
                a.shard()
            )));
        }
    }
    let total = files[0].result.sweep.runs;
    let mut covered: Option<&NamedResult> = None;
    let mut next = 0;
    let mut missing: Vec<Range<u64>> = Vec::new();
    for file in order.iter().filter(|f| !f.result.shard.runs.is_empty()) {
        let runs = &file.result.shard.runs;
        if runs.start < next {
            let previous = covered.expect("a run below `next` was covered by an earlier file");
            return Err(MergeError(format!(
                "{} (shard {}, runs {}) and {} (shard {}, runs {}) overlap: runs {} are in both",
                previous.name,
                previous.result.shard.shard(),
                span(&previous.result.shard.runs),
                file.name,
                file.result.shard.shard(),
                span(runs),
                span(&(runs.start..next.min(runs.end)))
            )));
        }
        if runs.start > next {
            missing.push(next..runs.start);
        }
        next = runs.end;
        covered = Some(file);
    }
    if next < total {
        missing.push(next..total);
    }
    if missing.is_empty() {
        return Ok(());
    }
    let spans: Vec<String> = missing.iter().map(span).collect();
    let mut message = format!("missing runs {} of {total}: no file holds them", spans.join(", "));
    let count = files[0].result.shard.count;
    if files.iter().all(|f| f.result.shard.count == count) {
        let absent: Vec<String> = (1..=count)
            .map(|k| Shard { index: k, count })
            .filter(|s| {
                let r = s.runs(total);
                missing.iter().any(|m| m.start < r.end && r.start < m.end)
            })
            .map(|s| s.to_string())
            .collect();
        message.push_str(&format!(" (shard {} not given)", absent.join(", ")));
    }
    Err(MergeError(message))
}

fn span(r: &Range<u64>) -> String {
    format!("{}..{}", r.start, r.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::fixtures::{plan, shard_runs};
    use crate::sweep::plan::SweepPlan;
    use crate::sweep::summary::render_sweep_summary;

    /// The result file of `shard` of `plan`, every run as expected.
    fn shard_result(plan: &SweepPlan, shard: Shard) -> SweepResult {
        SweepResult::new(plan.clone(), shard, shard_runs(plan, shard))
    }

    fn shard(index: u64, count: u64) -> Shard {
        Shard { index, count }
    }

    /// The result files of `shards` of the 12-run sweep over seeds 0..3, named `K-of-N.json`.
    fn files(shards: &[(u64, u64)]) -> Vec<NamedResult> {
        let plan = plan("0..3");
        shards
            .iter()
            .map(|&(k, n)| NamedResult {
                name: format!("{k}-of-{n}.json"),
                result: shard_result(&plan, shard(k, n)),
            })
            .collect()
    }

    fn refusal(files: Vec<NamedResult>) -> String {
        merge(files).expect_err("these files do not merge").to_string()
    }

    #[test]
    fn the_shards_merged_in_any_order_are_the_unsharded_sweep_byte_for_byte() {
        let whole = shard_result(&plan("0..3"), Shard::WHOLE);
        for n in 1..=5 {
            let mut given: Vec<(u64, u64)> = (1..=n).map(|k| (k, n)).collect();
            given.reverse();
            let merged = merge(files(&given)).expect("the shards tile the sweep");
            assert_eq!(merged.to_json(), whole.to_json(), "{n} shards");
            assert_eq!(render_sweep_summary(&merged), render_sweep_summary(&whole), "{n} shards");
        }
    }

    #[test]
    fn shards_of_different_counts_merge_when_their_runs_tile_the_sweep() {
        // 12 runs: 1/2 is runs 0..6, 3/4 is 6..9, 4/4 is 9..12.
        let merged = merge(files(&[(4, 4), (1, 2), (3, 4)])).expect("they tile 0..12");
        assert_eq!(merged.to_json(), shard_result(&plan("0..3"), Shard::WHOLE).to_json());
    }

    #[test]
    fn more_shards_than_runs_leave_some_empty_and_still_merge() {
        let given: Vec<(u64, u64)> = (1..=20).map(|k| (k, 20)).collect();
        let f = files(&given);
        assert!(f.iter().any(|f| f.result.runs.is_empty()));
        assert_eq!(merge(f).map(|m| m.outcome.runs), Ok(12));
    }

    #[test]
    fn no_file_is_refused() {
        assert_eq!(refusal(Vec::new()), "--merge needs at least one result file");
    }

    #[test]
    fn a_missing_shard_is_named_with_its_runs() {
        // 3 shards of 12 runs: 0..4, 4..8, 8..12.
        assert_eq!(
            refusal(files(&[(1, 3), (3, 3)])),
            "missing runs 4..8 of 12: no file holds them (shard 2/3 not given)"
        );
        assert_eq!(
            refusal(files(&[(2, 3)])),
            "missing runs 0..4, 8..12 of 12: no file holds them (shard 1/3, 3/3 not given)"
        );
    }

    #[test]
    fn the_same_shard_twice_is_refused() {
        assert_eq!(
            refusal(files(&[(1, 2), (2, 2), (1, 2)])),
            "1-of-2.json and 1-of-2.json are both shard 1/2: give each shard once"
        );
    }

    #[test]
    fn overlapping_shards_are_refused_with_the_runs_in_both() {
        // 1/2 is runs 0..6, 2/3 is 4..8.
        assert_eq!(
            refusal(files(&[(1, 2), (2, 3), (3, 3)])),
            "1-of-2.json (shard 1/2, runs 0..6) and 2-of-3.json (shard 2/3, runs 4..8) overlap: runs 4..6 are in both"
        );
    }

    #[test]
    fn shards_of_another_sweep_are_refused_with_what_differs() {
        let mut f = files(&[(1, 2)]);
        f.push(NamedResult { name: "other.json".into(), result: shard_result(&plan("0..4"), shard(2, 2)) });
        assert_eq!(refusal(f), "1-of-2.json and other.json are not shards of one sweep: seeds 0..3 in 1-of-2.json, 0..4 in other.json");
    }

    #[test]
    fn shards_written_by_another_version_are_refused() {
        let mut f = files(&[(1, 2), (2, 2)]);
        f[1].result.timerlab_version = "0.0.1".into();
        assert_eq!(
            refusal(f),
            format!(
                "2-of-2.json was written by timerlab 0.0.1, 1-of-2.json by {}: the shards of a sweep come from one build",
                env!("CARGO_PKG_VERSION")
            )
        );
    }

    #[test]
    fn a_file_whose_runs_are_not_its_shards_is_refused() {
        let mut f = files(&[(1, 2), (2, 2)]);
        f[0].result.runs.pop();
        assert_eq!(
            refusal(f),
            "1-of-2.json: shard 1/2 is not what the sweep ran: it holds 5 run records, not one for each of runs 0..6"
        );
        let mut f = files(&[(1, 2), (2, 2)]);
        f[1].result.runs[0].seed = 9;
        assert_eq!(
            refusal(f),
            "2-of-2.json: shard 2/2 is not what the sweep ran: run 6 is stop seed 9, not the plan's"
        );
        // A shard number outside 1..=N, as an edited file could name it.
        for (index, count) in [(0, 2), (3, 2)] {
            let mut f = files(&[(1, 2), (2, 2)]);
            f[1].result.shard.index = index;
            f[1].result.shard.count = count;
            assert_eq!(
                refusal(f),
                format!("2-of-2.json: shard {index}/{count} is not what the sweep ran: there is no shard {index}/{count}")
            );
        }
        let mut f = files(&[(1, 2), (2, 2)]);
        f[1].result.shard.runs = 5..12;
        assert_eq!(
            refusal(f),
            "2-of-2.json: shard 2/2 is not what the sweep ran: it names runs 5..12, and the shard is runs 6..12"
        );
    }
}
