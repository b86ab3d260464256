//! `lint_paths`: the walk, problems, warnings and the exit status (the behaviour chosen per file
//! is `modules.rs`'s).

use std::path::PathBuf;

use gotime::Semantics;
use timerlab_lint::{lint_paths, Level, Options, Report, Status};

fn lint(paths: &[&str], options: &Options) -> Report {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    lint_paths(&paths, options)
}

/// (path, rule, level) of every finding.
fn summary(report: &Report) -> Vec<(String, &'static str, &'static str)> {
    report.findings.iter().map(|f| (f.path.clone(), f.rule.id(), f.level.name())).collect()
}

#[test]
fn directories_are_walked_in_sorted_order_skipping_vendor_testdata_and_hidden_directories() {
    let walked = lint(&["tests/corpus/walk"], &Options::default());
    assert_eq!(walked.files, 2, "a.go and sub/b.go");
    assert!(walked.problems.is_empty());

    let all = lint(&["tests/corpus/walk"], &Options { all_dirs: true, ..Options::default() });
    assert_eq!(all.files, 6, "with --all-dirs: .hidden, _skip, testdata and vendor too");
}

#[test]
fn findings_come_in_walk_order_and_are_the_same_on_one_thread_and_many() {
    let one =
        lint(&["tests/corpus"], &Options { jobs: std::num::NonZeroUsize::new(1), ..Options::default() });
    let many =
        lint(&["tests/corpus"], &Options { jobs: std::num::NonZeroUsize::new(4), ..Options::default() });
    assert_eq!(one, many);
    let paths: Vec<&str> = one.findings.iter().map(|f| f.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "the walk is sorted, so findings are too");
}

#[test]
fn a_declaration_that_does_not_parse_is_a_warning_and_everything_else_is_linted() {
    let report = lint(&["tests/corpus/broken"], &Options::default());
    assert_eq!((report.files, report.parsed), (3, 2), "bad.go and good.go parsed, no_timers.go only read");
    assert!(report.problems.is_empty());
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(report.warnings[0].path, "tests/corpus/broken/bad.go");
    let message = &report.warnings[0].message;
    assert!(message.starts_with("parse error at 8:") && message.ends_with("skipped lines 5-11"), "{message}");
    assert_eq!(summary(&report), [("tests/corpus/broken/good.go".to_owned(), "after-in-loop", "error")]);
    assert_eq!(report.status(), Status::Errors, "a parse error does not fail the run");
}

#[test]
fn a_syntax_error_in_a_file_without_timers_is_reported_only_with_parse_all() {
    let report = lint(&["tests/corpus/broken/no_timers.go"], &Options::default());
    assert_eq!((report.files, report.parsed, report.warnings.len()), (1, 0, 0));
    let all = lint(&["tests/corpus/broken/no_timers.go"], &Options { parse_all: true, ..Options::default() });
    assert_eq!(all.warnings.len(), 1);
    assert!(all.warnings[0].message.starts_with("parse error at 4:"), "{}", all.warnings[0].message);
    assert_eq!(all.status(), Status::Clean);
}

#[test]
fn go_1_26_new_of_an_expression_parses_and_a_generic_method_costs_only_its_own_lines() {
    // With --parse-all: otherwise the method, naming no timer call, is not even parsed.
    let report = lint(
        &[
            "tests/corpus/realcode/new_expr_elsewhere.go",
            "tests/corpus/realcode/generic_method_is_skipped.go",
        ],
        &Options { semantics: Some(Semantics::Async), parse_all: true, ..Options::default() },
    );
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert_eq!(report.warnings[0].path, "tests/corpus/realcode/generic_method_is_skipped.go");
    assert!(report.warnings[0].message.ends_with("skipped lines 9-9"), "{}", report.warnings[0].message);
    let rules: Vec<_> = summary(&report).into_iter().map(|(p, r, _)| (p, r)).collect();
    assert_eq!(
        rules,
        [
            ("tests/corpus/realcode/new_expr_elsewhere.go".to_owned(), "after-in-loop"),
            ("tests/corpus/realcode/generic_method_is_skipped.go".to_owned(), "after-in-loop"),
        ],
        "in the order given"
    );
}

#[test]
fn exclude_globs_and_tests_false_leave_paths_out() {
    let all = lint(&["tests/corpus/realcode"], &Options::default());
    let excluded = lint(
        &["tests/corpus/realcode"],
        &Options { exclude: vec!["drain_*.go".into(), "**/len_*".into()], ..Options::default() },
    );
    assert_eq!(
        excluded.files + 3,
        all.files,
        "drain_after_caller_received, drain_after_previous_receive, len_of_timer_channel"
    );
    assert!(excluded.findings.iter().all(|f| !f.path.contains("/drain_") && !f.path.contains("/len_")));
    let no_tests = lint(&["tests/corpus/realcode"], &Options { skip_tests: true, ..Options::default() });
    assert_eq!(
        no_tests.files + 3,
        all.files,
        "bounded_waits_test.go, counting_loop_variable_test.go, require_fail_ends_test_test.go"
    );
    let bad = lint(&["tests/corpus/realcode"], &Options { exclude: vec!["a[".into()], ..Options::default() });
    assert_eq!(bad.problems.len(), 1);
    assert!(bad.problems[0].message.starts_with("not a glob pattern"), "{}", bad.problems[0].message);
    assert_eq!(bad.status(), Status::BadInput);
}

#[test]
fn findings_the_semantics_in_force_silences_are_counted_for_the_hint() {
    let report = lint(
        &["tests/corpus/realcode/channel_copied_before_select.go"],
        &Options { semantics: Some(Semantics::Sync), ..Options::default() },
    );
    assert!(report.findings.is_empty());
    assert_eq!(report.silenced.len(), 1);
    assert_eq!(
        (report.silenced[0].rule, report.silenced[0].count),
        (timerlab_lint::Rule::ResetWithoutDrain, 1)
    );
}

#[test]
fn parse_all_finds_the_same_findings() {
    let fast = lint(&["tests/corpus"], &Options::default());
    let all = lint(&["tests/corpus"], &Options { parse_all: true, ..Options::default() });
    assert_eq!(fast.findings, all.findings);
    assert!(fast.parsed < all.parsed);
}

#[test]
fn a_missing_path_is_a_problem_not_a_panic() {
    let report = lint(&["tests/corpus/no-such-dir", "tests/corpus/seeds/s1_reset.go"], &Options::default());
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].path, "tests/corpus/no-such-dir");
    assert_eq!(report.files, 1);
    assert_eq!(report.status(), Status::BadInput);
}

#[test]
fn the_status_is_errors_with_an_error_clean_with_only_notes() {
    let leaky = ["tests/corpus/seeds/s1_leaky.go"];
    let a = lint(&leaky, &Options { semantics: Some(Semantics::Async), ..Options::default() });
    assert_eq!((a.status(), a.status().code()), (Status::Errors, 1));
    let s = lint(&leaky, &Options { semantics: Some(Semantics::Sync), ..Options::default() });
    assert_eq!(s.count(Level::Note), 1);
    assert_eq!((s.status(), s.status().code()), (Status::Clean, 0));
}

#[test]
fn a_go_style_tree_pattern_walks_the_directory() {
    let dots = lint(&["tests/corpus/walk/..."], &Options::default());
    let dir = lint(&["tests/corpus/walk"], &Options::default());
    assert_eq!((dots.files, dots.problems.len()), (dir.files, 0));
    assert_eq!(dots.findings, dir.findings);
}
