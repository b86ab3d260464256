//! The clap arguments, and the standalone binary's exit codes and streams.

use std::process::Command;

use clap::Parser;
use gotime::Semantics;
use timerlab_lint::cli::{run, LintArgs};
use timerlab_lint::Status;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: LintArgs,
}

fn parse(args: &[&str]) -> Result<LintArgs, clap::Error> {
    Cli::try_parse_from(std::iter::once("timerlab-lint").chain(args.iter().copied())).map(|c| c.args)
}

#[test]
fn arguments_default_to_the_current_directory_and_parse_the_semantics() {
    let args = parse(&[]).unwrap();
    assert_eq!(args.paths, [std::path::PathBuf::from(".")]);
    assert_eq!(parse(&["--semantics", "sync", "x"]).unwrap().semantics, Some(Semantics::Sync));
    let err = parse(&["--semantics", "fast"]).unwrap_err().to_string();
    assert!(err.contains("expected async, async-collected or sync"), "{err}");
    assert!(parse(&["--json", "--sarif"]).is_err(), "one output format at a time");
}

#[test]
fn run_writes_findings_to_out_and_the_summary_to_err() {
    let args = parse(&["tests/corpus/seeds", "--semantics", "async"]).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(run(&args, &mut out, &mut err), Status::Errors);
    let out = String::from_utf8(out).unwrap();
    let err = String::from_utf8(err).unwrap();
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(
        err.ends_with(
            "timerlab lint: semantics: async for 8 files (--semantics)\n\
             timerlab lint: 8 files checked (7 parsed), 3 errors, 1 note, 0 warnings, 0 paths not linted\n"
        ),
        "{err}"
    );
}

#[test]
fn list_rules_prints_every_rule_with_its_levels_and_simulation() {
    let args = parse(&["--list-rules"]).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(run(&args, &mut out, &mut err), Status::Clean);
    insta::assert_snapshot!("list_rules", String::from_utf8(out).unwrap());
}

fn binary(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_timerlab-lint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_binary_exits_1_on_errors_0_on_notes_only_and_2_on_bad_input() {
    let (code, out, _) = binary(&["tests/corpus/seeds"]);
    assert_eq!(code, 1, "no go.mod: async, and the leaky seeds are errors");
    assert!(
        out.starts_with("tests/corpus/seeds/s1_leaky.go:19:10: after-in-loop: time.After(...) in a "),
        "{out}"
    );
    let (code, _, _) = binary(&["--semantics", "sync", "tests/corpus/seeds"]);
    assert_eq!(code, 0, "under sync the seeds give notes only");
    let (code, _, err) = binary(&["tests/corpus/broken"]);
    assert_eq!(code, 1, "good.go's finding; bad.go's parse error is a warning");
    assert!(err.starts_with("tests/corpus/broken/bad.go: warning: parse error at 8:"), "{err}");
    let (code, _, err) = binary(&["tests/corpus/no-such-dir"]);
    assert_eq!(code, 2, "a path that cannot be read");
    assert!(err.starts_with("tests/corpus/no-such-dir: "), "{err}");
    let (code, _, err) = binary(&["--semantics", "fast"]);
    assert_eq!(code, 2, "clap's usage error");
    assert!(err.contains("expected async, async-collected or sync"));
}

#[test]
fn the_binary_prints_json_and_sarif_on_stdout_only() {
    for flag in ["--json", "--sarif"] {
        let (code, out, err) = binary(&[flag, "tests/corpus/seeds"]);
        assert_eq!(code, 1);
        assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok(), "{flag}: {out}");
        assert!(err.is_empty(), "{flag}: {err}");
    }
}

#[test]
fn explain_prints_the_long_story_of_a_rule_and_names_the_rules_when_it_does_not_know_one() {
    let args = parse(&["--explain", "reset-without-drain"]).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(run(&args, &mut out, &mut err), Status::Clean);
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("reset-without-drain: Reset of a timer"), "{out}");
    assert!(
        out.contains("golang/go#11513") && out.contains("timerlab run s2 reset-no-drain --semantics async")
    );
    assert!(out.lines().all(|l| l.len() <= 100), "{out}");
    let args = parse(&["--explain", "after-in-lop"]).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(run(&args, &mut out, &mut err), Status::BadInput);
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("no rule \"after-in-lop\"") && err.contains("after-in-loop, tick-leak"), "{err}");
}

#[test]
fn tests_false_and_exclude_parse_as_go_linters_spell_them() {
    let args = parse(&["--tests=false", "--exclude", "**/gen/**", "--exclude", "*_mock.go"]).unwrap();
    assert!(!args.tests);
    assert_eq!(args.exclude, ["**/gen/**", "*_mock.go"]);
    assert!(parse(&[]).unwrap().tests, "tests are linted by default");
    assert!(parse(&["--tests=maybe"]).is_err());
}

#[test]
fn the_summary_says_the_semantics_in_one_line_and_hints_at_what_sync_silenced() {
    let args = parse(&["tests/corpus/modules"]).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    run(&args, &mut out, &mut err);
    let err = String::from_utf8(err).unwrap();
    assert_eq!(err.matches("timerlab lint: semantics: ").count(), 1, "{err}");
    assert!(err.contains("timerlab lint: hint: 2 findings silent under sync (2 reset-without-drain); run with --semantics async"), "{err}");
}

/// How the `timerlab` binary mounts it: a subcommand holding `LintArgs`.
#[derive(Parser)]
struct Timerlab {
    #[command(subcommand)]
    command: Sub,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Find the Go timer bugs of the scenarios in Go source.
    Lint(LintArgs),
}

#[test]
fn lint_args_mount_as_a_subcommand_of_timerlab() {
    let Sub::Lint(args) =
        Timerlab::try_parse_from(["timerlab", "lint", "--json", "-j", "2", "a", "b"]).unwrap().command;
    assert!(args.json);
    assert_eq!(args.jobs.map(|j| j.get()), Some(2));
    assert_eq!(args.paths, [std::path::PathBuf::from("a"), std::path::PathBuf::from("b")]);
    let code: std::process::ExitCode = Status::Errors.into();
    assert_eq!(format!("{code:?}"), format!("{:?}", std::process::ExitCode::from(1)));
}
