//! The result file of `--json FILE`, created before the runs: a path that cannot be written
//! fails at once, not after the last run of a long sweep.

use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use timerlab_report::sweep::SweepResult;

use crate::error::CliError;

/// A result file created empty, to be written once.
pub(crate) struct ResultFile {
    path: PathBuf,
    file: File,
}

impl ResultFile {
    /// Creates (or truncates) `path`.
    ///
    /// # Errors
    ///
    /// A [`CliError::io`] (exit 1) naming the file and the reason.
    pub(crate) fn create(path: &Path) -> Result<ResultFile, CliError> {
        let file = File::create(path).map_err(|e| cannot_write(path, &e))?;
        Ok(ResultFile { path: path.to_owned(), file })
    }

    /// Writes `result` and says so on stderr (stdout is the summary alone).
    ///
    /// # Errors
    ///
    /// A [`CliError::io`] (exit 1) naming the file and the reason.
    pub(crate) fn write(mut self, result: &SweepResult) -> Result<(), CliError> {
        self.file.write_all(result.to_json().as_bytes()).map_err(|e| cannot_write(&self.path, &e))?;
        eprintln!("wrote {}", self.path.display());
        Ok(())
    }

    /// Removes the file: the sweep stopped before it had a result.
    pub(crate) fn discard(self) {
        drop(self.file);
        let _ = fs::remove_file(&self.path);
    }
}

fn cannot_write(path: &Path, e: &std::io::Error) -> CliError {
    CliError::io(format!("cannot write {}: {e}", path.display()))
}
