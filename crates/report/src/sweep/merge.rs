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
    let wrong = |why: String| MergeError(format!("{}: shard {shard} is not what the sweep ran: {why}", file.name));
    if shard.index == 0 || shard.index > shard.count {
        return Err(wrong(format!("there is no shard {shard}")));
    }
    let range = shard.runs(r.sweep.runs);
    if r.shard.runs != range {
        return Err(wrong(format!("it names runs {}, and the shard is runs {}", span(&r.shard.runs), span(&range))));
    }
    let indices: Vec<u64> = r.runs.iter().map(|run| run.index).collect();
    if !indices.iter().copied().eq(range.clone()) {
        return Err(wrong(format!("it holds {} run records, not one for each of runs {}", indices.len(), span(&range))));
    }
    for run in &r.runs {
        let cell = r.sweep.cell(run.index);
        if run.seed != cell.seed || r.sweep.variants.get(cell.variant) != Some(&run.variant) {
            return Err(wrong(format!("run {} is {} seed {}, not the plan's", run.index, run.variant, run.seed)));
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
