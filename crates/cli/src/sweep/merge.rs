//! `timerlab sweep --merge FILE...`: the result files of a sweep's shards, read and merged into
//! the whole sweep, whose summary and exit status are the unsharded sweep's.

use std::fs;
use std::path::{Path, PathBuf};

use timerlab_report::sweep::{merge as merge_results, render_sweep_summary, NamedResult, SweepResult};

use crate::error::CliError;
use crate::sweep::output::ResultOut;

/// Merges `files`, prints the summary, writes `json` if given (`-`: stdout, the summary then on
/// stderr), and returns the exit code.
///
/// # Errors
///
/// [`CliError::input`] (exit 2, one line) for a file that cannot be read or is not a sweep
/// result, and for files that do not merge (`timerlab_report::sweep::merge`); [`CliError::io`]
/// when `json` cannot be written.
pub(crate) fn merge(files: &[PathBuf], json: Option<&Path>) -> Result<u8, CliError> {
    let mut results = Vec::with_capacity(files.len());
    for path in files {
        let name = path.display().to_string();
        let text =
            fs::read_to_string(path).map_err(|e| CliError::input(format!("cannot read {name}: {e}")))?;
        let result = SweepResult::from_json(&text).map_err(|e| CliError::input(format!("{name}: {e}")))?;
        results.push(NamedResult { name, result });
    }
    let merged = merge_results(results).map_err(CliError::input)?;
    let out = ResultOut::open(json)?;
    out.summary(&render_sweep_summary(&merged));
    out.write(&merged)?;
    Ok(merged.exit_code())
}
