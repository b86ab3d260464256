//! Where the sweep's result goes: `--json FILE`, created before the runs so that a path that
//! cannot be written fails at once and not after the last run of a long sweep; `--json -`,
//! stdout, with the summary moved to stderr so that stdout is the JSON alone; or nowhere.

use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use timerlab_report::sweep::SweepResult;

use crate::error::CliError;

/// The destination of the result file, and with it of the summary.
pub(crate) enum ResultOut {
    /// No `--json`: the summary on stdout, no result file.
    SummaryOnly,
    /// `--json FILE`: the summary on stdout, the result in FILE.
    File(ResultFile),
    /// `--json -`: the result on stdout, the summary on stderr.
    Stdout,
}

impl ResultOut {
    /// The destination `--json` names: `-` is stdout, anything else a file created now.
    ///
    /// # Errors
    ///
    /// A [`CliError::io`] (exit 1) when the file cannot be created.
    pub(crate) fn open(json: Option<&Path>) -> Result<ResultOut, CliError> {
        match json {
            None => Ok(ResultOut::SummaryOnly),
            Some(path) if path == Path::new("-") => Ok(ResultOut::Stdout),
            Some(path) => ResultFile::create(path).map(ResultOut::File),
        }
    }

    /// Prints part of the summary where it goes (stdout, or stderr when stdout is the JSON),
    /// at once: the header is read while the runs go on. A reader that went away (`| head`)
    /// stops the text, not the sweep: its exit status and result file still count.
    pub(crate) fn summary(&self, text: &str) {
        let _ = if let ResultOut::Stdout = self {
            std::io::stderr().lock().write_all(text.as_bytes())
        } else {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush())
        };
    }

    /// Writes `result`, if it has somewhere to go.
    ///
    /// # Errors
    ///
    /// A [`CliError::io`] (exit 1) naming the file and the reason.
    pub(crate) fn write(self, result: &SweepResult) -> Result<(), CliError> {
        match self {
            ResultOut::SummaryOnly => Ok(()),
            ResultOut::File(file) => file.write(result),
            ResultOut::Stdout => {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(result.to_json().as_bytes())
                    .and_then(|()| stdout.flush())
                    .map_err(|e| CliError::io(format!("cannot write the result to stdout: {e}")))
            }
        }
    }

    /// Removes a result file created for a sweep that stopped before it had a result.
    pub(crate) fn discard(self) {
        if let ResultOut::File(file) = self {
            file.discard();
        }
    }
}

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
    fn create(path: &Path) -> Result<ResultFile, CliError> {
        let file = File::create(path).map_err(|e| cannot_write(path, &e))?;
        Ok(ResultFile { path: path.to_owned(), file })
    }

    /// Writes `result` and says so on stderr (stdout is the summary alone).
    fn write(mut self, result: &SweepResult) -> Result<(), CliError> {
        self.file.write_all(result.to_json().as_bytes()).map_err(|e| cannot_write(&self.path, &e))?;
        eprintln!("wrote {}", self.path.display());
        Ok(())
    }

    /// Removes the file.
    fn discard(self) {
        drop(self.file);
        let _ = fs::remove_file(&self.path);
    }
}

fn cannot_write(path: &Path, e: &std::io::Error) -> CliError {
    CliError::io(format!("cannot write {}: {e}", path.display()))
}
