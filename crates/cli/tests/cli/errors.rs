//! Bad input: one line on stderr naming the valid choices or range, exit 2, never a panic.

use super::{run, Output};

/// Asserts exit 2 and a one-line stderr, and returns that line.
fn one_line_error(out: &Output) -> &str {
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stderr.lines().count(), 1, "one line: {:?}", out.stderr);
    assert!(out.stderr.starts_with("error: "), "{:?}", out.stderr);
    out.stderr.trim_end()
}

#[test]
fn an_unknown_scenario_names_the_valid_ones_before_anything_runs() {
    let out = run(&["run", "s9"]);
    assert_eq!(one_line_error(&out), "error: unknown scenario \"s9\" (valid: s1, s2, s3)");
    assert_eq!(out.stdout, "");
}

#[test]
fn scenario_names_are_case_insensitive() {
    let out = run(&["run", "S1", "STOP", "--semantics", "sync", "--preset", "quick", "--duration", "10s"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.starts_with(
        "seed=7\nrepro: cargo run --release -p timerlab -- run s1 stop --semantics sync --seed 7"
    ));
}

#[test]
fn an_unknown_variant_names_the_scenarios_variants() {
    let out = run(&["run", "s1", "--variant", "nope"]);
    assert_eq!(
        one_line_error(&out),
        "error: scenario s1 has no variant \"nope\" (valid: leaky, stop, reset, context)"
    );
    let out = run(&["run", "s2", "nope"]);
    assert_eq!(
        one_line_error(&out),
        "error: scenario s2 has no variant \"nope\" (valid: leaky, hoisted, reset-no-drain, stop-drain-reset)"
    );
}

#[test]
fn a_variant_given_twice_is_a_usage_error() {
    let out = run(&["run", "s1", "stop", "--variant", "reset"]);
    assert!(one_line_error(&out).contains("cannot be used with"), "{:?}", out.stderr);
}

#[test]
fn a_bad_semantics_names_the_valid_values() {
    let out = run(&["run", "--semantics", "go1.22"]);
    assert_eq!(
        one_line_error(&out),
        "error: invalid value 'go1.22' for '--semantics <SEMANTICS>' (valid: async, async-collected, sync, both, all)"
    );
    let out = run(&["replay", "x.tl", "--semantics", "both"]);
    assert_eq!(
        one_line_error(&out),
        "error: invalid value 'both' for '--semantics <SEMANTICS>' (valid: async, async-collected, sync)"
    );
}

#[test]
fn a_duration_that_is_not_go_syntax_says_what_is() {
    let out = run(&["run", "--duration", "10 minutes"]);
    assert_eq!(
        one_line_error(&out),
        "error: invalid value '10 minutes' for '--duration <DURATION>': invalid duration \"10 minutes\": \
         expected Go syntax such as 0, 250ms, 3s, 1m30s, 1h or -5s"
    );
}

#[test]
fn a_duration_out_of_range_names_the_range() {
    let out = run(&["run", "s1", "--duration", "2h"]);
    assert_eq!(
        one_line_error(&out),
        "error: invalid duration \"2h0m0s\": expected a Go duration in 10s..=1h0m0s"
    );
    // The seed comes first, before the run that found the error.
    assert!(out.stdout.starts_with("seed=7\n"), "{:?}", out.stdout);
}

#[test]
fn users_out_of_range_name_the_range() {
    for users in ["0", "20001"] {
        let out = run(&["run", "--users", users]);
        assert_eq!(
            one_line_error(&out),
            format!("error: invalid users \"{users}\": expected an integer in 1..=20000")
        );
    }
    let out = run(&["run", "--users", "many"]);
    assert_eq!(
        one_line_error(&out),
        "error: invalid value 'many' for '--users <USERS>': invalid digit found in string"
    );
}

#[test]
fn a_parameter_the_scenario_does_not_have_names_the_valid_ones() {
    let out = run(&["run", "s2", "--users", "10"]);
    assert!(
        one_line_error(&out)
            .starts_with("error: scenario s2 has no parameter \"users\" (valid: duration, timeout,"),
        "{:?}",
        out.stderr
    );
    let out = run(&["run", "--set", "budget"]);
    assert_eq!(
        one_line_error(&out),
        "error: invalid value 'budget' for '--set <NAME=VALUE>': expected NAME=VALUE, got \"budget\""
    );
    let out = run(&["run", "--set", " =1m"]);
    assert_eq!(
        one_line_error(&out),
        "error: invalid value ' =1m' for '--set <NAME=VALUE>': expected NAME=VALUE, got \" =1m\""
    );
}

#[test]
fn an_unknown_flag_or_subcommand_is_one_line_with_a_suggestion() {
    let out = run(&["run", "--seeds", "3"]);
    assert_eq!(
        one_line_error(&out),
        "error: unexpected argument '--seeds' found (did you mean --seed?); see 'timerlab --help'"
    );
    let out = run(&["lst"]);
    assert_eq!(
        one_line_error(&out),
        "error: unrecognized subcommand 'lst' (did you mean lint or list?) (valid: run, sweep, list, replay, conform, lint, completions, man); see 'timerlab --help'"
    );
}

#[test]
fn help_is_not_an_error() {
    let out = run(&["run", "--help"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("--check-determinism"), "{}", out.stdout);
}

#[test]
fn a_missing_argument_is_named_on_the_one_line() {
    let out = run(&["replay"]);
    assert_eq!(
        one_line_error(&out),
        "error: the following required arguments were not provided: <SCRIPT>; see 'timerlab --help'"
    );
}
