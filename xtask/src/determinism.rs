//! `cargo xtask determinism [ARGS]`: every registered scenario × variant × semantics, run twice
//! per seed with the quick preset, full traces compared (`crates/cli/examples/determinism.rs`; the
//! arguments go to it: `--seeds 7,1,99`, `--preset quick|default`, `--jobs N`). `cargo xtask test`
//! runs it after the lints and the architecture check, with its defaults (three seeds), from the
//! build the tests use (the test profile): no build of its own.

use std::process::Command;

use crate::cmd::{root, run as run_cmd};
use crate::runner::{Built, Suite};

/// The example's target name.
const EXAMPLE: &str = "determinism";

/// Builds the workspace tests (which builds the example) and runs the check.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let built = Suite::workspace().build()?;
    run_built(&built, args)
}

/// Runs the check from an existing build.
pub(crate) fn run_built(built: &Built, args: &[String]) -> Result<(), String> {
    let (_, exe) = built
        .executables
        .iter()
        .find(|(target, _)| target == EXAMPLE)
        .ok_or("the build has no determinism example: is crates/cli/examples/determinism.rs there?")?;
    let mut cmd = Command::new(exe);
    cmd.current_dir(root()).args(args);
    run_cmd(cmd)
        .map_err(|e| format!("determinism check failed (its output names the run and the repro): {e}"))
}
