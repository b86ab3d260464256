//! `cargo xtask determinism [ARGS]`: every registered scenario × variant × semantics, run twice
//! per seed with the quick preset, full traces compared (`crates/cli/examples/determinism.rs`; the
//! arguments go to it: `--seeds 7,1,99`, `--preset quick|default`, `--jobs N`). `cargo xtask test`
//! runs it after the lints and the architecture check, with its defaults (three seeds).

use crate::cmd::{cargo, run as run_cmd};

/// Builds and runs the determinism check in release mode.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut cmd = cargo();
    cmd.args(["run", "--release", "--locked", "-q", "-p", "timerlab", "--example", "determinism", "--"]);
    cmd.args(args);
    run_cmd(cmd)
        .map_err(|e| format!("determinism check failed (its output names the run and the repro): {e}"))
}
