//! Bad input gives one line on stderr naming the valid values, exit 2, nothing on stdout and no
//! panic — before any run starts.

use std::path::Path;

use super::run_in;

/// Asserts exit 2, exactly one `error: ` line on stderr and an empty stdout; returns the line.
fn one_line_error(args: &[&str]) -> String {
    let out = run_in(Path::new(env!("CARGO_TARGET_TMPDIR")), &[&["sweep"][..], args].concat());
    assert_eq!(out.code, 2, "sweep {args:?}: {out:?}");
    assert_eq!(out.stdout, "", "sweep {args:?}: nothing ran");
    assert_eq!(out.stderr.lines().count(), 1, "sweep {args:?}: {:?}", out.stderr);
    assert!(out.stderr.starts_with("error: "), "sweep {args:?}: {:?}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "sweep {args:?}: {:?}", out.stderr);
    out.stderr.trim_end().to_owned()
}

/// What every `--seeds` error says a range is.
const SEEDS_FORM: &str = "expected A..B, seeds A up to but not including B, with A < B and both in \
                          0..=18446744073709551615 (e.g. 0..100)";

#[test]
fn an_empty_or_reversed_seed_range_names_the_valid_form() {
    assert_eq!(
        one_line_error(&["s1", "--seeds", "5..5"]),
        format!(
            "error: invalid value '5..5' for '--seeds <A..B>': the seed range 5..5 is empty: {SEEDS_FORM}"
        )
    );
    assert_eq!(
        one_line_error(&["s1", "--seeds", "9..3"]),
        format!(
            "error: invalid value '9..3' for '--seeds <A..B>': the seed range 9..3 is empty: {SEEDS_FORM}"
        )
    );
}

#[test]
fn a_malformed_seed_range_names_the_valid_form() {
    for bad in ["7", "1..=5", "a..b", "-1..5", "0..18446744073709551616"] {
        assert_eq!(
            one_line_error(&["s1", "--seeds", bad]),
            format!("error: invalid value '{bad}' for '--seeds <A..B>': {SEEDS_FORM}")
        );
    }
}

#[test]
fn a_shard_outside_one_to_n_names_the_valid_range() {
    assert_eq!(
        one_line_error(&["s1", "--seeds", "0..3", "--shard", "5/4"]),
        "error: invalid value '5/4' for '--shard <K/N>': there is no shard 5 of 4: K must be in 1..=4"
    );
    assert_eq!(
        one_line_error(&["s1", "--seeds", "0..3", "--shard", "0/4"]),
        "error: invalid value '0/4' for '--shard <K/N>': there is no shard 0 of 4: K must be in 1..=4"
    );
    assert_eq!(
        one_line_error(&["s1", "--seeds", "0..3", "--shard", "1/0"]),
        "error: invalid value '1/0' for '--shard <K/N>': 0 shards: N must be at least 1 (K/N with 1 <= K <= N, e.g. 2/4)"
    );
    for bad in ["2", "2-4", "a/b", "-1/4", "1/2/3"] {
        assert_eq!(
            one_line_error(&["s1", "--seeds", "0..3", "--shard", bad]),
            format!(
                "error: invalid value '{bad}' for '--shard <K/N>': expected K/N, the K-th of N shards with 1 <= K <= N \
                 (e.g. 2/4)"
            )
        );
    }
}

#[test]
fn an_unknown_scenario_or_variant_names_the_registered_ones() {
    let scenarios: Vec<&str> = timerlab_sim::scenarios().iter().map(|s| s.name).collect();
    assert_eq!(
        one_line_error(&["s9", "--seeds", "0..3"]),
        format!("error: unknown scenario \"s9\" (valid: {})", scenarios.join(", "))
    );
    let variants: Vec<&str> = timerlab_sim::find("s1").unwrap().variants.iter().map(|v| v.name).collect();
    assert_eq!(
        one_line_error(&["s1", "--variant", "nope", "--seeds", "0..3"]),
        format!("error: scenario s1 has no variant \"nope\" (valid: {})", variants.join(", "))
    );
}

#[test]
fn jobs_and_missing_or_conflicting_arguments_are_one_line() {
    assert_eq!(
        one_line_error(&["s1", "--seeds", "0..3", "--jobs", "0"]),
        "error: invalid value '0' for '--jobs <N>': expected a number of threads in 1..=1024"
    );
    let missing = one_line_error(&["s1"]);
    assert!(missing.contains("--seeds <A..B>"), "{missing}");
    let missing = one_line_error(&["--seeds", "0..3"]);
    assert!(missing.contains("<SCENARIO>"), "{missing}");
    let conflict = one_line_error(&["--merge", "a.json", "--shard", "1/2"]);
    assert!(conflict.contains("'--merge <FILE>...' cannot be used with '--shard <K/N>'"), "{conflict}");
}

#[test]
fn a_parameter_the_scenario_refuses_is_the_only_output_and_leaves_no_result_file() {
    let dir = super::scratch("refused_parameter");
    let out = run_in(
        &dir,
        &[
            "sweep",
            "s1",
            "--seeds",
            "0..2",
            "--preset",
            "quick",
            "--set",
            "faults=partition:5s@2h",
            "--json",
            "result.json",
        ],
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stdout, "");
    // The quick preset simulates 1m: a fault at 2h would never begin.
    assert_eq!(
        out.stderr,
        "error: invalid faults \"partition:5s@2h0m0s\": expected a fault that begins within the run (before 1m0s)\n"
    );
    assert!(!dir.join("result.json").exists());
    let scenario_params: Vec<&str> =
        timerlab_sim::find("s1").unwrap().params.iter().map(|p| p.name).collect();
    assert_eq!(
        one_line_error(&["s1", "--seeds", "0..2", "--set", "nope=1"]),
        format!("error: scenario s1 has no parameter \"nope\" (valid: {})", scenario_params.join(", "))
    );
}
