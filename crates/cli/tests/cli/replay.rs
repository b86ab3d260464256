//! `timerlab replay SCRIPT`: the op-script library's output, verbatim, in both semantics and on
//! both engines; a script that cannot be read or parsed is one line and exit 2.

use super::{run_in, scratch};

/// A timer that expired unreceived, then Stop and a receive (docs/SEMANTICS.md, "Stop after
/// expiry, value not received"; golang/go#14038, #37196). Async (Go <= 1.22): Stop is too late
/// (false) and the stale value stays buffered. Sync (Go >= 1.23): Stop returns true and discards
/// the value.
const STALE: &str = "timer t 1s\nadvance 2s\nstop t\nrecv t\n";

#[test]
fn replay_prints_the_observations_of_each_semantics_on_both_engines() {
    let dir = scratch("replay_stale");
    std::fs::write(dir.join("stale.tl"), STALE).unwrap();
    for engine in ["model", "runtime"] {
        let out = run_in(&dir, &["replay", "stale.tl", "--semantics", "async", "--engine", engine]);
        assert_eq!((out.code, out.stdout.as_str()), (0, "stop t = false\nrecv t = @1s\n"), "{engine}");
        let out = run_in(&dir, &["replay", "stale.tl", "--semantics", "sync", "--engine", engine]);
        assert_eq!((out.code, out.stdout.as_str()), (0, "stop t = true\nrecv t = empty\n"), "{engine}");
    }
}

#[test]
fn replay_follows_the_scripts_mode_line_unless_the_flag_overrides_it() {
    let dir = scratch("replay_mode");
    std::fs::write(dir.join("sync.tl"), format!("mode sync\n{STALE}")).unwrap();
    let out = run_in(&dir, &["replay", "sync.tl"]);
    assert_eq!(out.stdout, "stop t = true\nrecv t = empty\n");
    let out = run_in(&dir, &["replay", "sync.tl", "--semantics", "async"]);
    assert_eq!(out.stdout, "stop t = false\nrecv t = @1s\n");
}

#[test]
fn a_script_error_is_one_line_with_file_line_and_column() {
    let dir = scratch("replay_errors");
    std::fs::write(dir.join("bad.tl"), "timer t 1s\nadvance soon\n").unwrap();
    let out = run_in(&dir, &["replay", "bad.tl"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stderr.lines().count(), 1, "{:?}", out.stderr);
    assert!(out.stderr.starts_with("error: bad.tl:2:"), "{:?}", out.stderr);
    let out = run_in(&dir, &["replay", "missing.tl"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stderr.lines().count(), 1, "{:?}", out.stderr);
    assert!(out.stderr.starts_with("error: missing.tl: cannot read: "), "{:?}", out.stderr);
}
