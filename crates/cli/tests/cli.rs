//! The `timerlab` command, run as a user runs it (assert_cmd): its text output (insta
//! snapshots), report.json against docs/report.schema.json, timers.svg, the heap profiles of
//! `--pprof`, the exit codes, and one line per bad input. Runs use the quick preset or smaller;
//! stderr is not a terminal here, so no progress bar can reach the output.

#[path = "cli/errors.rs"]
mod errors;
#[path = "cli/exit_codes.rs"]
mod exit_codes;
#[path = "cli/json.rs"]
mod json;
#[path = "cli/list.rs"]
mod list;
#[path = "cli/pprof.rs"]
mod pprof;
#[path = "cli/releases.rs"]
mod releases;
#[path = "cli/replay.rs"]
mod replay;
#[path = "cli/schema.rs"]
mod schema;
#[path = "cli/svg.rs"]
mod svg;
#[path = "cli/text.rs"]
mod text;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use assert_cmd::Command;

/// The binary under test.
fn timerlab() -> Command {
    Command::new(env!("CARGO_BIN_EXE_timerlab"))
}

/// What one invocation produced.
#[derive(Debug)]
struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

/// How long one invocation may take (wall time, as a watchdog only: the slowest, the shared S1
/// run, takes a few seconds). It is below the suite's limit in `.config/nextest.toml`, so a
/// command that hangs is named here, with its arguments, before the test is killed.
const COMMAND_LIMIT: Duration = Duration::from_secs(90);

/// Runs `timerlab ARGS` in `dir` and captures everything.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let out = timerlab()
        .current_dir(dir)
        .args(args)
        .timeout(COMMAND_LIMIT)
        .output()
        .unwrap_or_else(|e| panic!("timerlab {args:?} does not start: {e}"));
    let code = out.status.code().unwrap_or_else(|| {
        panic!("timerlab {args:?} was killed ({}): still running after {COMMAND_LIMIT:?}, a hang", out.status)
    });
    Output {
        code,
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// Runs `timerlab ARGS` in a fresh scratch directory.
fn run(args: &[&str]) -> Output {
    run_in(&scratch(&args.join("_")), args)
}

/// A new empty directory under cargo's per-test-target temporary directory, in a directory of
/// the calling test's own (libtest names each test's thread after the test): two processes
/// running different tests of this binary at once, as nextest runs them, never share one.
fn scratch(name: &str) -> PathBuf {
    let safe = |name: &str| -> String {
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).take(80).collect()
    };
    let test = std::thread::current().name().map_or_else(|| "main".to_owned(), safe);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli").join(test).join(safe(name));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// The arguments of the shared run: S1, every variant, every behaviour, quick preset, with
/// `--out out` (relative, so the output names no machine-specific path).
const S1_QUICK: &[&str] = &["run", "s1", "--preset", "quick", "--out", "out"];

/// The shared S1 quick run and the directory it wrote `out/` into; run once per test binary.
fn s1_quick() -> &'static (Output, PathBuf) {
    static RUN: OnceLock<(Output, PathBuf)> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = scratch("s1_quick");
        (run_in(&dir, S1_QUICK), dir.join("out"))
    })
}
