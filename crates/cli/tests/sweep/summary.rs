//! The summary of one sweep and its exit status: the table against the registry's expectations,
//! a run that breaks its expected verdict, `--jobs` that changes nothing printed.

use gotime::Semantics;

use super::{read, run_in, scratch, with, NEVER_KILLED, SMALL};

#[test]
fn a_small_sweep_of_s1_holds_every_invariant_and_exits_0() {
    let out = run_in(&scratch("small"), SMALL);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "", "no bar, no message off a terminal");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "sweep s1: 3 seeds (0..3) × 4 variants × 3 behaviours = 36 runs");
    assert_eq!(
        lines[1],
        "repro: cargo run --release -p timerlab -- sweep s1 --seeds 0..3 --preset quick --set engine=events"
    );
    // `--semantics`' default is all three behaviours, as for `run`.
    assert_rows_as_registered(&out.stdout, "s1", 3);
    assert!(!out.stdout.contains("\nfailed:"), "{}", out.stdout);
    assert!(out.stdout.ends_with("\nresult: 36 runs, 36 passed, 0 failed (exit 0)\n"), "{}", out.stdout);
}

/// The summary's table has one row per variant × semantics of `scenario`, in the registry's
/// order, each expecting what the registry says Go does there and showing it on all `seeds`.
fn assert_rows_as_registered(stdout: &str, scenario: &str, seeds: usize) {
    let spec = timerlab_sim::find(scenario).expect("a registered scenario");
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("variant "))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect())
        .collect();
    let mut expected_rows = Vec::new();
    for variant in spec.variants {
        for semantics in [Semantics::Async, Semantics::AsyncCollected, Semantics::Sync] {
            expected_rows.push((variant.name, semantics.name(), variant.expected(semantics).label()));
        }
    }
    assert_eq!(rows.len(), expected_rows.len(), "{stdout}");
    let seeds = seeds.to_string();
    for (row, (variant, behaviour, expected)) in rows.iter().zip(expected_rows) {
        assert_eq!(row[..6], [variant, behaviour, &seeds, expected, &seeds, expected], "{row:?}");
        assert_eq!(row.last(), Some(&"0"), "no failed run: {row:?}");
    }
}

#[test]
fn a_small_sweep_of_s3_shows_the_drain_after_receive_hang_in_every_behaviour_and_passes() {
    let out = run_in(&scratch("s3"), &["sweep", "s3", "--seeds", "0..2", "--preset", "quick"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_rows_as_registered(&out.stdout, "s3", 2);
    assert!(out.stdout.contains("\ndrain-after-receive  async "), "{}", out.stdout);
    assert_eq!(out.stdout.matches(" 2 HANG ").count(), 3, "{}", out.stdout);
}

/// Go 1.23.0-1.23.1 (golang/go#69312) lets a timer's value arrive after Stop reported it
/// stopped it, so otel-go's blocking drain waits for a second value that never comes.
#[test]
fn the_blocking_drain_hangs_on_go_1_23_1_as_expected_and_the_sweep_passes() {
    let out = run_in(
        &scratch("s3_go1231"),
        &[
            "sweep",
            "s3",
            "--variant",
            "blocking-drain",
            "--go",
            "1.23.1",
            "--seeds",
            "0..2",
            "--preset",
            "quick",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let row: Vec<&str> = out
        .stdout
        .lines()
        .find(|l| l.starts_with("blocking-drain "))
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default();
    assert_eq!(
        row[..6],
        ["blocking-drain", "sync@go1.23.1/go1.23", "2", "HANG", "2", "HANG"],
        "{}",
        out.stdout
    );
}

#[test]
fn the_same_sweep_prints_and_writes_the_same_bytes_whatever_the_number_of_jobs() {
    let dir = scratch("jobs");
    let one = run_in(&dir, &with(SMALL, &["--jobs", "1", "--json", "one.json"]));
    let four = run_in(&dir, &with(SMALL, &["--jobs", "4", "--json", "four.json"]));
    assert_eq!((one.code, four.code), (0, 0), "{one:?} {four:?}");
    assert_eq!(one.stdout, four.stdout);
    assert_eq!(read(&dir, "one.json"), read(&dir, "four.json"));
}

#[test]
fn a_run_that_breaks_its_expected_verdict_fails_the_sweep_with_exit_1_and_a_repro_that_replays_it() {
    let dir = scratch("breach");
    let out = run_in(&dir, NEVER_KILLED);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.contains("\nfailed: 2 of 2 runs\n"), "{}", out.stdout);
    assert!(out.stdout.ends_with("\nresult: 2 runs, 0 passed, 2 failed (exit 1)\n"), "{}", out.stdout);
    let failure = out
        .stdout
        .lines()
        .find(|l| l.starts_with("  s1/leaky/async seed=1: verdict: LEAK ("))
        .unwrap_or_else(|| panic!("seed 1's failure: {}", out.stdout));
    assert!(failure.ends_with(", expected OOM-LOOP (not-reproduced)"), "{failure}");
    let repro = "    repro: cargo run --release -p timerlab -- run s1 leaky --semantics async --seed 1 --preset quick \
                 --set budget=64GiB --set engine=events";
    assert!(out.stdout.contains(&format!("{failure}\n{repro}\n")), "{}", out.stdout);

    // The repro is `timerlab run`'s: the same verdict, and run's exit code for it.
    let verdict = failure.split("verdict: ").nth(1).and_then(|v| v.split(", expected").next()).unwrap();
    let args: Vec<&str> = repro.split(" -- ").nth(1).unwrap().split(' ').collect();
    let replayed = run_in(&dir, &args);
    assert_eq!(replayed.code, 6, "expected verdict not reproduced: {replayed:?}");
    assert!(replayed.stdout.contains(verdict), "{verdict} in {}", replayed.stdout);
}

#[test]
fn json_to_stdout_is_the_result_file_and_the_summary_moves_to_stderr() {
    let dir = scratch("stdout");
    let file = run_in(&dir, &with(NEVER_KILLED, &["--json", "result.json"]));
    let piped = run_in(&dir, &with(NEVER_KILLED, &["--json", "-"]));
    assert_eq!((file.code, piped.code), (1, 1));
    assert_eq!(piped.stdout, read(&dir, "result.json"));
    assert_eq!(piped.stderr, file.stdout);
    let json: serde_json::Value = serde_json::from_str(&piped.stdout).expect("JSON");
    assert_eq!(json["schema"], "timerlab-sweep");
    assert_eq!(json["outcome"]["failed"], 2);
    assert_eq!(json["runs"][1]["seed"], 1);
    assert_eq!(json["runs"][1]["breaches"][0]["invariant"], "verdict");
}

#[test]
fn a_go_program_is_one_behaviour_named_in_the_sweeps_repro() {
    let out = run_in(
        &scratch("go"),
        &[
            "sweep",
            "s1",
            "--variant",
            "stop",
            "--go",
            "1.26",
            "--seeds",
            "4..6",
            "--preset",
            "quick",
            "--set",
            "engine=events",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.starts_with("sweep s1: 2 seeds (4..6) × 1 variant × 1 behaviour = 2 runs\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(" -- sweep s1 --variant stop --go 1.26.6 --seeds 4..6 "), "{}", out.stdout);
}
