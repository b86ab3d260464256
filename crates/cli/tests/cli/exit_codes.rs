//! Exit codes (docs/CLI.md, "Exit codes"): 0 when every verdict is the expected one, a distinct
//! code per failure class. The failing configs shrink a scenario until a verdict changes:
//! what the registry expects is for the preset sizes, so these runs are meant to disagree.

use super::run;

/// A tiny S1: 20 users for 20 s of virtual time; the quick preset's budget is never reached.
const TINY: &[&str] = &["--preset", "quick", "--users", "20", "--duration", "20s"];

fn args<'a>(head: &[&'a str], tail: &[&'a str]) -> Vec<&'a str> {
    head.iter().chain(TINY).chain(tail).copied().collect()
}

#[test]
fn every_verdict_as_expected_exits_0() {
    let out = run(&args(&["run", "s1", "stop"], &[]));
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.ends_with("result: 3 runs, 3 as expected: ok (exit 0)\n"), "{}", out.stdout);
}

#[test]
fn a_leak_where_none_is_expected_exits_3_and_prints_the_runs_repro() {
    // baseline 512KiB + 20 connections x 8KiB = 672KiB: over a 600KiB budget even without a leak.
    let out = run(&args(&["run", "s1", "stop", "--semantics", "sync"], &["--set", "budget=600KiB"]));
    assert_eq!(out.code, 3, "{out:?}");
    assert!(out.stdout.contains("UNEXPECTED s1/stop/sync: OOM-LOOP ("), "{}", out.stdout);
    assert!(out.stdout.contains("expected BOUNDED (unexpected-leak)"), "{}", out.stdout);
    assert!(out.stdout.contains(
        "  seed=7 repro: cargo run --release -p timerlab -- run s1 stop --semantics sync --seed 7 --preset quick \
         --users 20 --duration 20s --set budget=600KiB\n"
    ));
    assert!(
        out.stdout.ends_with("result: 1 run, 0 as expected: unexpected-leak (exit 3)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_expected_oom_loop_that_does_not_reproduce_exits_6() {
    // The leak is there (LEAK), but 20 users cannot exhaust the budget: no OOM loop. The
    // async-collected and sync runs collect the dropped timers: BOUNDED, as expected.
    let out = run(&args(&["run", "s1", "leaky"], &[]));
    assert_eq!(out.code, 6, "{out:?}");
    assert!(out.stdout.contains("UNEXPECTED s1/leaky/async: LEAK (+"), "{}", out.stdout);
    assert!(out.stdout.contains("expected OOM-LOOP (not-reproduced)"), "{}", out.stdout);
    assert!(
        out.stdout.ends_with("result: 3 runs, 2 as expected: not-reproduced (exit 6)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_most_serious_class_decides_the_exit_code() {
    // leaky/async does not reproduce (6), stop/async leaks unexpectedly (3): 3 wins.
    let out = run(&args(&["run", "s1", "--semantics", "async"], &["--set", "budget=600KiB"]));
    assert_eq!(out.code, 3, "{out:?}");
}

/// `timerlab … | head`: the reader goes away before the text is written. The command's text
/// stops there, but its exit status still says what the runs showed, and nothing panics.
#[test]
fn a_reader_that_goes_away_stops_the_text_not_the_exit_status() {
    use std::process::{Command, Stdio};
    for command in [&["list"][..], &["run", "s1", "stop", "--semantics", "sync", "--preset", "quick"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_timerlab"))
            .args(command)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("timerlab starts");
        drop(child.stdout.take()); // the read end closes before the first write
        let out = child.wait_with_output().expect("timerlab ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{command:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{command:?}: {stderr}");
    }
}

/// `timerlab ARGS` with its standard output on `stdout`: (exit code, stderr).
fn with_stdout(args: &[&str], stdout: impl Into<std::process::Stdio>) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_timerlab"))
        .current_dir(super::scratch(&args.join("_")))
        .args(args)
        .stdout(stdout)
        .output()
        .expect("timerlab starts");
    (out.status.code().expect("exits"), String::from_utf8(out.stderr).expect("utf-8 stderr"))
}

#[test]
fn a_reader_that_went_away_ends_the_text_not_the_exit_status() {
    // `timerlab run … | head -0`: the pipe's reader is gone before the first write.
    let failing = args(&["run", "s1", "stop", "--semantics", "sync"], &["--set", "budget=600KiB"]);
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let (code, stderr) = with_stdout(&failing, writer);
    assert_eq!((code, stderr.as_str()), (3, ""), "the runs' exit code, and no complaint");
}

#[cfg(target_os = "linux")]
#[test]
fn any_other_failure_to_write_stdout_is_one_line_on_stderr_and_the_command_goes_on() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let (code, stderr) = with_stdout(&["list"], full);
    assert_eq!(code, 0);
    assert_eq!(stderr, "timerlab: cannot write to stdout: No space left on device (os error 28)\n");
}
