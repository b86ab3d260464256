//! Bad input of every class — command-line flags, op scripts, scenario parameters — gives one
//! line on stderr naming the valid range or form, exit code 2, and never a panic. This file adds
//! the cases `tests/cli/errors.rs` does not cover (docs/TESTING.md, "Hardening").

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gotime::Semantics;
use timerlab_sim::{run, scenarios, ConfigError, Preset, RunConfig};

/// What one invocation produced.
#[derive(Debug)]
struct Output {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `timerlab ARGS`, killing it after `limit` of wall time (`code` is `None` then): a guard
/// against input that makes the command spin, so that such a bug fails the test instead of
/// hanging the suite. Wall time is only the watchdog here; it reaches no output.
fn timerlab_within(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_timerlab"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the timerlab binary starts");
    let start = Instant::now(); // allow-nondeterminism: a hang guard, never in a trace
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for timerlab") {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = child.wait_with_output().expect("timerlab's output");
    Output {
        code: status.and_then(|s| s.code()),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn timerlab(args: &[&str]) -> Output {
    // Below the suite's limit of 60 s per test (.config/nextest.toml), so the command is named.
    timerlab_within(args, Duration::from_secs(45))
}

/// Asserts exit 2, exactly one `error: ` line on stderr (no panic, no usage block) and no run
/// on stdout, and returns that line.
fn one_line_error(args: &[&str]) -> String {
    let out = timerlab(args);
    assert_eq!(out.code, Some(2), "timerlab {args:?}: {out:?}");
    assert_eq!(out.stderr.lines().count(), 1, "timerlab {args:?}: one line: {:?}", out.stderr);
    assert!(out.stderr.starts_with("error: "), "timerlab {args:?}: {:?}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "timerlab {args:?}: {:?}", out.stderr);
    // Nothing ran: at most the seed and repro lines, printed before the first run.
    assert!(!out.stdout.contains("result:"), "timerlab {args:?}: {:?}", out.stdout);
    out.stderr.trim_end().to_owned()
}

// --- command-line flags ---------------------------------------------------------------------

#[test]
fn an_unknown_flag_is_one_line_in_every_subcommand() {
    for args in [&["run", "--frobnicate"][..], &["list", "--all"], &["replay", "x.tl", "--speed", "2"]] {
        let line = one_line_error(args);
        assert!(line.starts_with("error: unexpected argument '"), "{args:?}: {line}");
        assert!(line.ends_with("; see 'timerlab --help'"), "{args:?}: {line}");
    }
}

// --- Go programs: --go, --go-mod, --godebug -------------------------------------------------

/// The releases timerlab knows, as every version error names them.
const KNOWN: &str = "go1.21.13, go1.22.10, go1.23.9, go1.24.11, go1.25.5, go1.26.6, go1.27.3";

#[test]
fn a_malformed_or_unknown_go_version_names_the_forms_and_the_known_releases() {
    for command in [&["run", "s1"][..], &["replay", "x.tl"], &["conform", "--engine", "tokio"]] {
        let with = |flags: &[&'static str]| [command, flags].concat();
        assert_eq!(
            one_line_error(&with(&["--go", "1.2x"])),
            format!(
                "error: --go 1.2x: toolchain: malformed Go version \"1.2x\": expected 1.N or 1.N.P, with or \
                 without a go prefix (1.22, 1.22.10, go1.23.1); known releases: {KNOWN}; a bare 1.N means \
                 the one of its series"
            )
        );
        assert_eq!(
            one_line_error(&with(&["--go", "1.28.1"])),
            format!(
                "error: --go 1.28.1: unknown Go release go1.28.1: timerlab knows go1.0 to go1.27.x; \
                 known releases: {KNOWN}; a bare 1.N means the one of its series"
            )
        );
        assert_eq!(
            one_line_error(&with(&["--go", "1.30"])),
            format!(
                "error: --go 1.30: unknown Go release series 1.30: timerlab knows {KNOWN}; a bare 1.N \
                 means the one of its series"
            )
        );
        let line = one_line_error(&with(&["--go", "1.26.6", "--go-mod", "1.26.x"]));
        assert!(
            line.starts_with("error: --go 1.26.6 --go-mod 1.26.x: go.mod go line: malformed Go version"),
            "{line}"
        );
    }
}

#[test]
fn asynctimerchan_3_is_refused_and_the_error_says_what_go_1_23_to_1_26_do_with_it() {
    assert_eq!(
        one_line_error(&["run", "s1", "--go", "1.26.6", "--godebug", "asynctimerchan=3"]),
        "error: --go 1.26.6 --godebug asynctimerchan=3: asynctimerchan=3 (GODEBUG environment) is not a \
         value Go gives it: expected asynctimerchan=0, 1 or 2; Go 1.23–1.26 run any other integer as 2 \
         (async-collected): write asynctimerchan=2"
    );
    let line = one_line_error(&["run", "s1", "--go", "1.26.6", "--godebug", "asynctimerchan"]);
    assert!(line.ends_with("expected key=value, such as asynctimerchan=1"), "{line}");
}

#[test]
fn a_go_line_newer_than_the_toolchain_is_gos_refusal_in_gos_words() {
    assert_eq!(
        one_line_error(&["run", "s1", "--go", "1.22.10", "--go-mod", "1.23"]),
        "error: --go 1.22.10 --go-mod 1.23: Go refuses the program: go: go.mod requires go >= 1.23 \
         (running go 1.22.10; GOTOOLCHAIN=local); valid: a --go-mod no newer than the toolchain, 1.22.10"
    );
}

#[test]
fn go_1_27_refuses_asynctimerchan_1_in_gos_words_and_names_what_it_accepts() {
    for command in [&["run", "s1"][..], &["replay", "x.tl"], &["conform", "--engine", "tokio"]] {
        let args = [command, &["--go", "1.27", "--godebug", "asynctimerchan=1"]].concat();
        assert_eq!(
            one_line_error(&args),
            "error: --go 1.27.3 --godebug asynctimerchan=1: Go refuses the program: fatal error: removed \
             GODEBUG \"asynctimerchan\" set to old value \"1\" in environment \
             (https://go.dev/doc/godebug#go-127); go1.27.3 accepts asynctimerchan=0 or no setting: its timer \
             channels are always sync"
        );
    }
}

#[test]
fn go_flags_conflict_with_semantics_and_need_go() {
    let line = one_line_error(&["run", "s1", "--semantics", "sync", "--go", "1.26.6"]);
    assert!(line.contains("'--semantics <SEMANTICS>' cannot be used with '--go <VERSION>'"), "{line}");
    assert_eq!(
        one_line_error(&["run", "s1", "--go-mod", "1.22"]),
        "error: the following required arguments were not provided: --go <VERSION>; see 'timerlab --help'"
    );
    let line = one_line_error(&["run", "s1", "--go", "all", "--godebug", "asynctimerchan=1"]);
    assert!(line.ends_with("--go-mod and --godebug need one release, such as --go 1.26.6"), "{line}");
    assert_eq!(
        one_line_error(&["replay", "x.tl", "--go", "all"]),
        format!("error: --go all is for timerlab run; replay takes one release (known: {KNOWN})")
    );
}

#[test]
fn an_unknown_engine_or_preset_names_the_valid_values() {
    assert_eq!(
        one_line_error(&["replay", "x.tl", "--engine", "jvm"]),
        "error: invalid value 'jvm' for '--engine <ENGINE>' (valid: model, runtime)"
    );
    assert_eq!(
        one_line_error(&["run", "--preset", "huge"]),
        "error: invalid value 'huge' for '--preset <PRESET>' (valid: default, quick)"
    );
}

#[test]
fn a_seed_that_is_not_an_unsigned_64_bit_integer_is_one_line() {
    assert_eq!(
        one_line_error(&["run", "--seed", "abc"]),
        "error: invalid value 'abc' for '--seed <SEED>': expected an integer in 0..=18446744073709551615"
    );
    for negative in [&["run", "--seed=-1"][..], &["run", "--seed", "-1"]] {
        assert_eq!(
            one_line_error(negative),
            "error: invalid value '-1' for '--seed <SEED>': expected an integer in 0..=18446744073709551615"
        );
    }
    assert_eq!(
        one_line_error(&["run", "--seed", "18446744073709551616"]),
        "error: invalid value '18446744073709551616' for '--seed <SEED>': \
         expected an integer in 0..=18446744073709551615"
    );
}

#[test]
fn a_user_count_beyond_u32_names_the_integer_range() {
    assert_eq!(
        one_line_error(&["run", "--users", "4294967296"]),
        "error: invalid value '4294967296' for '--users <USERS>': 4294967296 is not in 0..=4294967295"
    );
    assert_eq!(
        one_line_error(&["run", "--users", "-5"]),
        "error: invalid value '-5' for '--users <USERS>': -5 is not in 0..=4294967295"
    );
}

#[test]
fn negative_and_zero_durations_name_the_scenarios_range() {
    // With or without `=`: a negative duration is a value, not an unknown flag.
    for negative in [&["run", "s1", "--duration=-5s"][..], &["run", "s1", "--duration", "-5s"]] {
        assert_eq!(
            one_line_error(negative),
            "error: invalid duration \"-5s\": expected a Go duration in 10s..=1h0m0s"
        );
    }
    assert_eq!(
        one_line_error(&["run", "s2", "--duration", "0"]),
        "error: invalid duration \"0s\": expected a Go duration in 1m0s..=2h0m0s"
    );
    // Beyond GoDuration's own range (about 292 years): a parse error, not an overflow panic.
    assert_eq!(
        one_line_error(&["run", "--duration", "9999999999h"]),
        "error: invalid value '9999999999h' for '--duration <DURATION>': invalid duration \"9999999999h\": \
         expected Go syntax such as 0, 250ms, 3s, 1m30s, 1h or -5s"
    );
}

#[test]
fn a_sample_interval_that_is_not_positive_is_one_line() {
    for (given, shown) in [("0", "0s"), ("-1s", "-1s")] {
        assert_eq!(
            one_line_error(&["run", "s1", &format!("--sample-every={given}")]),
            format!("error: invalid sample-every \"{shown}\": expected a positive Go duration")
        );
    }
}

/// A 1 ns sample interval is positive, so it is accepted; it must not make the harness spin
/// (the quick S1 run takes well under a second with the default interval). Either a clear
/// one-line refusal (exit 2) or a finished run (exit 0) is fine; running past the limit is not.
#[test]
fn a_one_nanosecond_sample_interval_finishes_or_is_refused_instead_of_spinning() {
    let args = ["run", "s1", "stop", "--semantics", "sync", "--preset", "quick", "--sample-every", "1ns"];
    let out = timerlab_within(&args, Duration::from_secs(20));
    match out.code {
        Some(0) => {}
        Some(2) => assert_eq!(out.stderr.lines().count(), 1, "{out:?}"),
        _ => panic!("timerlab {args:?} did not finish within 20 s or failed: {out:?}"),
    }
}

// --- op scripts -----------------------------------------------------------------------------

/// Writes `src` to a fresh file named `name` and returns its path.
fn script(name: &str, src: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hardening_bad_input");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, src).expect("script written");
    path
}

/// Asserts that `timerlab replay` on `src` fails with `error: FILE:LINE:COL: ...` at the given
/// position, with `needle` in the message, on both engines and in both semantics.
fn script_error(name: &str, src: &[u8], line: usize, column: usize, needle: &str) {
    let path = script(name, src);
    let file = path.display().to_string();
    for engine in ["model", "runtime"] {
        for semantics in ["async", "sync"] {
            let out = one_line_error(&["replay", &file, "--engine", engine, "--semantics", semantics]);
            let prefix = format!("error: {file}:{line}:{column}: ");
            assert!(out.starts_with(&prefix), "{name}: expected {prefix:?}..., got {out:?}");
            assert!(out.contains(needle), "{name}: expected {needle:?} in {out:?}");
        }
    }
}

#[test]
fn a_script_syntax_error_points_at_the_extra_word() {
    script_error("extra.tl", b"timer t 1s\ntimer u 3 seconds\n", 2, 11, "unexpected \"seconds\"");
    // A missing argument is reported where it would go: one space after the line's last word.
    script_error("missing.tl", b"# header\n\nadvance\n", 3, 9, "missing argument");
}

#[test]
fn an_unknown_op_names_every_op() {
    script_error(
        "unknown_op.tl",
        b"timer t 1s\n  sleep 3s\n",
        2,
        3,
        "unknown op \"sleep\": expected one of mode,",
    );
}

#[test]
fn an_unknown_or_dropped_name_is_reported_where_it_is_used() {
    script_error("unknown_name.tl", b"timer t 1s\nstop u\n", 2, 6, "unknown name \"u\"");
    script_error("dropped_name.tl", b"timer t 1s\ndrop t\nrecv t\n", 3, 6, "t was dropped at line 2");
}

#[test]
fn a_bad_duration_names_the_go_syntax() {
    script_error("bad_duration.tl", b"timer t 1x\n", 1, 9, "invalid duration \"1x\": expected Go syntax");
    script_error("no_unit.tl", b"after a 5s\nadvance 3\n", 2, 9, "invalid duration \"3\"");
}

#[test]
fn a_script_that_is_not_utf8_is_one_line() {
    script_error("binary.tl", b"timer t 1s\nstop \xff\xfe\n", 2, 6, "invalid UTF-8");
}

// --- scenario parameters --------------------------------------------------------------------

#[test]
fn zero_rates_name_the_range() {
    assert_eq!(
        one_line_error(&["run", "s1", "--set", "rate=0"]),
        "error: invalid rate \"0\": expected a number in 0.01..=100"
    );
    assert_eq!(
        one_line_error(&["run", "s1", "--set", "rate-peak=0"]),
        "error: invalid rate-peak \"0\": expected a number in 0.01..=100"
    );
    assert_eq!(
        one_line_error(&["run", "s2", "--set", "rate=0"]),
        "error: invalid rate \"0\": expected an integer in 1..=100000"
    );
}

#[test]
fn negative_parameter_durations_name_the_range() {
    assert_eq!(
        one_line_error(&["run", "s1", "--set", "idle-timeout=-3s"]),
        "error: invalid idle-timeout \"-3s\": expected a Go duration in 1ms..=1h0m0s"
    );
    assert_eq!(
        one_line_error(&["run", "s2", "--set", "timeout=-1m"]),
        "error: invalid timeout \"-1m\": expected a Go duration in 1s..=1h0m0s"
    );
}

#[test]
fn absurd_sizes_name_the_range() {
    let cases = [
        (
            "s1",
            "budget=1000GiB",
            "error: invalid budget \"1000GiB\": expected a size such as 16MiB, 512KiB or 300B in 1024..=68719476736 bytes",
        ),
        (
            "s1",
            "message-size=1GiB",
            "error: invalid message-size \"1GiB\": expected a size such as 16MiB, 512KiB or 300B in 1..=65536 bytes",
        ),
        ("s1", "rate=1e400", "error: invalid rate \"1e400\": expected a number in 0.01..=100"),
        ("s1", "ramp=steps:0", "error: invalid ramp \"steps:0\": expected linear or steps:K with K in 1..=100"),
        ("s1", "cap=100000000", "error: invalid cap \"100000000\": expected an integer in 1..=50000000"),
        ("s1", "max-latency=1s", "error: invalid max-latency \"1s\": expected a Go duration in 2ms..=200ms"),
        (
            "s1",
            "max-latency=2.5ms",
            "error: invalid max-latency \"2.5ms\": expected a whole number of milliseconds in 2ms..=200ms",
        ),
        ("s2", "cap=0", "error: invalid cap \"0\": expected an integer in 1..=50000000"),
        ("s2", "capacity=0", "error: invalid capacity \"0\": expected an integer in 1..=100000"),
    ];
    for (scenario, set, expected) in cases {
        assert_eq!(one_line_error(&["run", scenario, "--set", set]), expected, "{scenario} --set {set}");
    }
}

/// A fault schedule (`--set faults=...`, docs/SCENARIOS.md "Faults") outside the run, or
/// malformed, is one line naming the valid range or forms.
#[test]
fn a_fault_schedule_outside_the_run_or_malformed_names_the_range_and_the_forms() {
    let forms =
        "expected none, random:RATE[:KIND+KIND...] (faults per minute, at most 60), or a comma-separated \
                 list of hold:DURATION@AT, partition:DURATION@AT, latency:LATENCY:DURATION@AT, \
                 loss:RATE:DURATION@AT, crash@AT";
    let quick = |faults: &str| {
        one_line_error(&["run", "s1", "--preset", "quick", "--set", &format!("faults={faults}")])
    };
    assert_eq!(
        quick("crash@5m"),
        "error: invalid faults \"crash@5m0s\": expected a fault that begins within the run (before 1m0s)"
    );
    assert_eq!(
        quick("hold:30s@50s"),
        "error: invalid faults \"hold:30s@50s\": expected a fault that ends by the end of the run (1m0s); it ends at 1m20s"
    );
    // The default preset's run is 2 minutes long.
    assert_eq!(
        one_line_error(&["run", "s1", "reset", "--set", "faults=partition:1m@1m30s"]),
        "error: invalid faults \"partition:1m0s@1m30s\": expected a fault that ends by the end of the run (2m0s); it ends at 2m30s"
    );
    for bad in ["boom@10s", "hold:30s", "crash:5s@10s", "hold@10s", "latency:2s@10s"] {
        assert_eq!(quick(bad), format!("error: invalid faults {bad:?}: {forms}"));
    }
    assert_eq!(
        quick("hold:30s@10s,latency:1s:5s@20s"),
        "error: invalid faults \"latency:1s:5s@20s\": expected faults that do not overlap: it begins before \
         hold:30s@10s ends at 40s"
    );
    assert_eq!(
        quick("loss:2:10s@10s"),
        "error: invalid faults \"loss:2:10s@10s\": expected a loss rate in (0, 1] such as 0.05 (the chance a \
         segment fails its link)"
    );
    assert_eq!(
        quick("random:61"),
        "error: invalid faults \"random:61\": expected a rate of faults per minute in (0, 60], as in random:2"
    );
    assert_eq!(
        one_line_error(&["run", "s1", "--set", "engine=events", "--set", "faults=crash@20s"]),
        "error: invalid faults \"crash@20s\": expected none with engine=events (faults need the turmoil engine's links \
         and hosts)"
    );
    assert_eq!(
        one_line_error(&["run", "s2", "--set", "faults=loss:0.1:10s@1m"]),
        "error: invalid faults \"loss:0.1:10s@1m\": expected one of the s2 faults (hold, crash): s2 has no network \
         (its hold holds the consumer's downstream)"
    );
}

/// Every parameter of every registered scenario refuses values no parameter accepts, with a
/// one-line error that names the parameter and what it expects — through the library, so a new
/// scenario or parameter is covered without a new test.
#[test]
fn every_parameter_of_every_scenario_refuses_garbage_with_a_one_line_error() {
    let garbage = [
        "",
        "garbage",
        "-1",
        "-1s",
        "NaN",
        "inf",
        "1e400",
        "99999999999999999999999",
        "0x10",
        "1 2",
        "\u{1F4A5}",
    ];
    let mut checked = 0;
    for spec in scenarios() {
        for param in spec.params {
            for value in garbage {
                let config = RunConfig::new(spec.name, spec.variants[0].name, Semantics::Async, 7)
                    .with_preset(Preset::Quick)
                    .with_param(param.name, value);
                match run(&config, &mut |_, _| {}) {
                    Err(ConfigError::Invalid { name, value: shown, expected }) => {
                        assert_eq!(name, param.name, "{} {}={value:?}", spec.name, param.name);
                        assert_eq!(shown, value, "the error quotes the value as given");
                        assert!(!expected.is_empty() && !expected.contains('\n'), "{expected:?}");
                        let message = ConfigError::Invalid { name, value: shown, expected }.to_string();
                        assert_eq!(message.lines().count(), 1, "{message:?}");
                    }
                    Err(other) => panic!("{} {}={value:?}: wrong error {other}", spec.name, param.name),
                    Ok(_) => panic!("{} {}={value:?} was accepted", spec.name, param.name),
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 11 * 20, "only {checked} cases: the registry lost its parameters?");
}
