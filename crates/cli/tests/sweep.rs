//! `timerlab sweep`, run as a user or a CI job runs it: a small real sweep of S1 on the events
//! engine (seconds), its summary and exit status, the same bytes whatever `--jobs`, shards
//! merged back into the unsharded sweep, and one line per bad input. stderr is not a terminal
//! here, so no progress bar can reach the output.

#[path = "sweep/errors.rs"]
mod errors;
#[path = "sweep/shards.rs"]
mod shards;
#[path = "sweep/summary.rs"]
mod summary;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A small sweep: S1's four variants × three behaviours over seeds 0..3, quick preset, on the
/// events engine (36 runs in a few seconds of a debug build).
const SMALL: &[&str] = &["sweep", "s1", "--seeds", "0..3", "--preset", "quick", "--set", "engine=events"];

/// S1's leaky loop on Go <= 1.22 keeps every `time.After` timer until it fires, so live timers
/// grow with the message rate; with a 64GiB budget the server is never OOM-killed, so the run
/// shows LEAK where the registry expects OOM-LOOP.
const NEVER_KILLED: &[&str] = &[
    "sweep",
    "s1",
    "--variant",
    "leaky",
    "--semantics",
    "async",
    "--seeds",
    "0..2",
    "--preset",
    "quick",
    "--set",
    "engine=events",
    "--set",
    "budget=64GiB",
];

/// What one invocation produced.
#[derive(Debug)]
struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `timerlab ARGS` in `dir` and captures everything.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_timerlab"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("timerlab starts");
    Output {
        code: out.status.code().expect("timerlab exits with a code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// A new empty directory under cargo's per-test-target temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sweep").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// `head` followed by `tail`.
fn with<'a>(head: &[&'a str], tail: &[&'a str]) -> Vec<&'a str> {
    head.iter().chain(tail).copied().collect()
}

/// The contents of `dir/name`.
fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}
