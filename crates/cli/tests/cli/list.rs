//! `timerlab list`: every scenario, variant and parameter, one line each.

use super::run;

#[test]
fn list_shows_each_scenario_with_its_variants_and_expected_verdicts() {
    let out = run(&["list"]);
    assert_eq!(out.code, 0, "{out:?}");
    for (variant, expected) in [
        ("leaky", "OOM-LOOP  BOUNDED"),
        ("stop", "BOUNDED   BOUNDED"),
        ("reset-no-drain", "SPURIOUS-TIMEOUT  BOUNDED"),
    ] {
        assert!(
            out.stdout.lines().any(|l| l.trim_start().starts_with(variant) && l.contains(expected)),
            "{variant} {expected}:\n{}",
            out.stdout
        );
    }
    // The snapshot ignores blank lines around the text; the first line is the first scenario's.
    assert!(out.stdout.starts_with("s1  "), "{}", out.stdout);
    insta::assert_snapshot!("list", out.stdout);
}
