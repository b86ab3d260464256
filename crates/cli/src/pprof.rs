//! The files of `--pprof DIR` — each run's heap profiles, at its peak and at its end — and the
//! `go tool pprof` commands printed after them (`--pprof-diff`: what Go 1.23 took away).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use timerlab_report::pprof::{file_name, DiffPair, Moment, ProfileFile};
use timerlab_report::{worst_run, Run};

use crate::args::SemanticsArg;
use crate::error::CliError;

/// `--pprof-diff` compares each variant's async run with its sync run, so it needs both
/// semantics, named with `--semantics` (a `--go` program has one behaviour, `--go all` several
/// of each).
///
/// # Errors
///
/// [`CliError::input`] when `--pprof-diff` is given with one semantics or with `--go`.
pub(crate) fn check(diff: bool, semantics: SemanticsArg, go: Option<&str>) -> Result<(), CliError> {
    if !diff {
        return Ok(());
    }
    if go.is_some() {
        return Err(CliError::input(
            "--pprof-diff subtracts each variant's sync run from its async run: use --semantics all|both, not --go",
        ));
    }
    if !matches!(semantics, SemanticsArg::Both | SemanticsArg::All) {
        return Err(CliError::input(
            "--pprof-diff subtracts each variant's sync run from its async run: it needs --semantics all (the default) or both",
        ));
    }
    Ok(())
}

/// Writes both heap profiles of every run into `dir`, creating it if needed, and returns what
/// to print: the files written and the commands that read them.
///
/// # Errors
///
/// A [`CliError::io`] (exit 1) naming the file and the reason.
pub(crate) fn write(dir: &Path, runs: &[Run], diff: bool) -> Result<String, CliError> {
    let io = |what: &Path, e: &dyn std::fmt::Display| {
        CliError::io(format!("cannot write {}: {e}", what.display()))
    };
    fs::create_dir_all(dir).map_err(|e| io(dir, &e))?;
    for run in runs {
        for file in ProfileFile::both(&run.report) {
            let path = dir.join(&file.name);
            fs::write(&path, &file.bytes).map_err(|e| io(&path, &e))?;
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "wrote {} heap profiles to {} (the peak and the end of every run)",
        2 * runs.len(),
        dir.display()
    );
    if let Some(worst) = worst_run(runs) {
        let path = dir.join(file_name(&runs[worst].report, Moment::Peak));
        let _ = writeln!(out, "the worst run at its peak: go tool pprof -top {}", path.display());
    }
    if diff {
        let _ = writeln!(out, "what Go 1.23 took away (the async run's peak, the sync run's as its base):");
        for pair in DiffPair::all(runs) {
            let _ = writeln!(out, "  {:<16} {}", pair.label(), pair.command(dir, Moment::Peak));
        }
    }
    Ok(out)
}
