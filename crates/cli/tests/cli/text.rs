//! The text report: seed and repro first, then the comparison table, then the profile of the
//! worst run — snapshotted whole (nothing redacted: the output is deterministic).

use super::{run, s1_quick};

#[test]
fn the_s1_report_prints_seed_repro_table_and_profile_in_that_order() {
    let (out, _) = s1_quick();
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "", "nothing on stderr when it is not a terminal");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "seed=7");
    assert_eq!(lines[1], "repro: cargo run --release -p timerlab -- run s1 --seed 7 --preset quick");
    let at = |needle: &str| {
        out.stdout.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the output:\n{}", out.stdout))
    };
    assert!(at("params: ") < at("behaviour: --semantics async → async; "));
    assert!(at("behaviour: --semantics async → async; ") < at("behaviour: --semantics async-collected → "));
    assert!(at("behaviour: --semantics async-collected → ") < at("behaviour: --semantics sync → sync; "));
    assert!(at("behaviour: --semantics sync → ") < at("variant  semantics"));
    assert!(at("variant  semantics") < at("profile of the worst run: s1/leaky/async"));
    assert!(at("profile of the worst run") < at("result: 12 runs, 12 as expected: ok (exit 0)"));
    insta::assert_snapshot!("s1_quick", out.stdout);
}

#[test]
fn the_worst_runs_profile_names_the_time_after_call_site_holding_the_timers() {
    let (out, _) = s1_quick();
    let profile = &out.stdout[out.stdout.find("profile of the worst run").expect("a profile")..];
    let row = profile
        .lines()
        .find(|l| l.contains("scenarios/s1/variants.rs:"))
        .unwrap_or_else(|| panic!("no S1 variant call site in\n{profile}"));
    assert!(row.contains("time.After"), "{row}");
    assert!(row.contains("100.0%"), "the one site holds every live timer: {row}");
}

#[test]
fn the_same_seed_prints_the_same_bytes_and_the_seed_is_in_the_repro_line() {
    let args = ["run", "s2", "hoisted", "--preset", "quick", "--seed", "11"];
    let (a, b) = (run(&args), run(&args));
    assert_eq!(a.stdout, b.stdout);
    assert!(a.stdout.starts_with(
        "seed=11\nrepro: cargo run --release -p timerlab -- run s2 hoisted --seed 11 --preset quick\n"
    ));
}

#[test]
fn check_determinism_runs_twice_and_prints_identical_hashes() {
    let out = run(&["run", "s2", "reset-no-drain", "--preset", "quick", "--check-determinism"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains("determinism: every run ran twice; 3 of 3 trace hashes identical"),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!("s2_reset_no_drain_determinism", out.stdout);
}

#[test]
fn the_repro_line_reproduces_the_run_byte_for_byte() {
    let first = run(&[
        "run",
        "S1",
        "--variant",
        "STOP",
        "--semantics",
        "async",
        "--seed",
        "3",
        "--preset",
        "quick",
        "--users",
        "20",
        "--duration",
        "20s",
        "--set",
        "rate=3",
    ]);
    assert_eq!(first.code, 0, "{first:?}");
    let repro = first.stdout.lines().nth(1).expect("a repro line");
    let args = repro.strip_prefix("repro: cargo run --release -p timerlab -- ").expect("a cargo command");
    assert_eq!(
        args,
        "run s1 stop --semantics async --seed 3 --preset quick --users 20 --duration 20s --set rate=3"
    );
    let again = run(&args.split(' ').collect::<Vec<_>>());
    assert_eq!(again.stdout, first.stdout);
}

#[test]
fn the_params_line_holds_up_to_100_columns_and_wraps_past_them() {
    // S2's quick parameters with a 5-character slow-work reach exactly 100 columns.
    let out =
        run(&["run", "s2", "leaky", "--semantics", "sync", "--preset", "quick", "--set", "slow-work=1m30s"]);
    assert_eq!(out.code, 0, "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().skip_while(|l| !l.starts_with("params:")).take(2).collect();
    assert_eq!(
        lines,
        [
            "params: duration=20m timeout=3m rate=100 fast-time=5m stall-time=4m slow-every=3m30s slow-work=1m30s",
            "        capacity=120 batch-every=10ms baseline=4MiB tick=100ms cap=2000000",
        ]
    );
    assert_eq!(lines[0].len(), 100);
}

#[test]
fn every_variant_named_as_all_is_repeated_as_none() {
    // A value the scenario refuses as the first run starts: only the seed lines are printed.
    let out = run(&["run", "s2", "ALL", "--preset", "quick", "--set", "capacity=0"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stdout,
        "seed=7\nrepro: cargo run --release -p timerlab -- run s2 --seed 7 --preset quick --set capacity=0\n"
    );
}
