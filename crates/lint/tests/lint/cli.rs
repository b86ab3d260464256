//! The clap arguments, and the standalone binary's exit codes and streams.

use std::process::Command;

use clap::Parser;
use gotime::Semantics;
use timerlab_lint::cli::{run, LintArgs};
use timerlab_lint::{Rule, Status};

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
             timerlab lint: 8 files checked (8 parsed), 3 errors, 1 note, 0 warnings, 0 paths not linted\n"
        ),
        "{err}"
    );
    // Without the flag: no go.mod, so go1.22.0 is assumed, which has no asynctimerchan.
    let (_, err) = stderr_of(&["tests/corpus/seeds"]);
    assert!(
        err.contains(
            "timerlab lint: semantics: async for 8 files (go1.22.0 assumed without go.mod; \
             no asynctimerchan before go1.23); name the toolchain with --go VERSION or a toolchain line\n"
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
    binary_in("", args)
}

/// The binary run in `dir` (under the crate's directory).
fn binary_in(dir: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_timerlab-lint"))
        .args(args)
        .current_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
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
    let (code, _, err) = binary(&["--go", "1.99.0", "tests/corpus/seeds"]);
    assert_eq!(code, 2, "a bad flag");
    assert!(err.contains("timerlab knows go1.0 to go1.27.x"), "{err}");
    // A go line newer than --go is what that toolchain refuses: a diagnostic, exit 1.
    let (code, out, _) = binary(&["--go", "1.27.3", "tests/corpus/modules/newer"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with(
            "tests/corpus/modules/newer/go.mod:5:1: toolchain: go1.27.3 refuses it: go: go.mod requires go >= 1.28"
        ),
        "{out}"
    );
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

/// A standard output that refuses every write with `kind`.
struct Refusing(std::io::ErrorKind);

impl std::io::Write for Refusing {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(self.0.into())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn output_that_cannot_be_written_is_bad_input_and_said_unless_the_reader_went_away() {
    let args = parse(&["tests/corpus/seeds", "--semantics", "async"]).unwrap();
    let mut err = Vec::new();
    let status = run(&args, &mut Refusing(std::io::ErrorKind::BrokenPipe), &mut err);
    let err = String::from_utf8(err).unwrap();
    assert_eq!(status, Status::BadInput);
    assert!(!err.contains("cannot write"), "`| head` is the reader's choice: {err}");
    let mut err = Vec::new();
    let status = run(&args, &mut Refusing(std::io::ErrorKind::StorageFull), &mut err);
    let err = String::from_utf8(err).unwrap();
    assert_eq!(status, Status::BadInput);
    assert!(err.ends_with("timerlab lint: cannot write the output: no storage space\n"), "{err}");
}

#[test]
fn explain_fills_each_line_with_the_explanations_words_up_to_100_columns() {
    for rule in Rule::ALL {
        let args = parse(&["--explain", rule.id()]).unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run(&args, &mut out, &mut err), Status::Clean);
        let out = String::from_utf8(out).unwrap();
        // The paragraph between the title and the levels.
        let lines: Vec<&str> = out.split("\n\n").nth(1).unwrap().lines().collect();
        let words: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
        assert_eq!(words, rule.explanation().split_whitespace().collect::<Vec<_>>(), "{}", rule.id());
        for pair in lines.windows(2) {
            let next = pair[1].split(' ').next().unwrap();
            assert!(pair[0].len() <= 100, "{}: {:?}", rule.id(), pair[0]);
            assert!(
                pair[0].len() + 1 + next.len() > 100,
                "{}: {:?} had room for {next:?}",
                rule.id(),
                pair[0]
            );
        }
    }
}

#[test]
fn tests_false_and_exclude_parse_as_go_linters_spell_them() {
    let args = parse(&["--tests=false", "--exclude", "**/gen/**", "--exclude", "*_mock.go"]).unwrap();
    assert!(!args.tests);
    assert_eq!(args.exclude, ["**/gen/**", "*_mock.go"]);
    assert!(parse(&[]).unwrap().tests, "tests are linted by default");
    assert!(parse(&["--tests=maybe"]).is_err());
}

fn stderr_of(args: &[&str]) -> (Status, String) {
    let args = parse(args).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = run(&args, &mut out, &mut err);
    (status, String::from_utf8(err).unwrap())
}

#[test]
fn the_summary_says_the_behaviours_and_toolchains_in_one_line_and_hints_at_what_sync_silenced() {
    let (_, err) = stderr_of(&["tests/corpus/modules"]);
    assert_eq!(err.matches("timerlab lint: semantics: ").count(), 1, "{err}");
    // Judged sync, each with a Reset without drain: new/ (2 files, go1.24.1), library's test,
    // testorder/a's two tests and work/ (go1.26.6), newer/ (go1.27.0), toolchain/, work127/,
    // removed/ (4 files) and go127/ (go1.27.3).
    assert!(
        err.contains(
            "timerlab lint: hint: 12 findings silent under sync with go1.24.1, go1.26.6, go1.27.0 and go1.27.3 \
             (12 reset-without-drain); run with --semantics async"
        ),
        "{err}"
    );
    assert!(
        err.contains("; name the toolchain with --go VERSION or a toolchain line\n"),
        "toolchains were assumed: {err}"
    );
}

#[test]
fn with_go_the_summary_names_that_toolchain_for_every_file() {
    // oracle/RELEASES.md, step 5: Go 1.27 is sync whatever the go line or setting.
    let (_, err) = stderr_of(&["--go", "1.27.3", "tests/corpus/modules/old", "tests/corpus/modules/new"]);
    assert!(
        err.contains("timerlab lint: semantics: sync for 3 files (go1.27.3 from --go; asynctimerchan removed in go1.27)\n"),
        "{err}"
    );
    let (_, err) = stderr_of(&["--semantics", "async-collected", "tests/corpus/modules/old"]);
    assert!(err.contains("timerlab lint: semantics: async-collected for 1 file (--semantics)\n"), "{err}");
}

#[test]
fn go_and_godebug_parse_releases_and_settings_and_name_the_valid_values_otherwise() {
    assert_eq!(parse(&["--go", "go1.26.6"]).unwrap().go, Some(gotime::release::GoVersion::release(26, 6)));
    assert_eq!(parse(&["--go", "1.22.10"]).unwrap().go, Some(gotime::release::GoVersion::release(22, 10)));
    assert_eq!(
        parse(&["--godebug", "asynctimerchan=2"]).unwrap().godebug.as_deref(),
        Some("asynctimerchan=2")
    );
    let error = |args: &[&str]| parse(args).unwrap_err().to_string();
    let e = error(&["--go", "1.28.0"]);
    assert!(e.contains("unknown Go release go1.28.0: timerlab knows go1.0 to go1.27.x"), "{e}");
    let e = error(&["--go", "1.23"]);
    assert!(e.contains("name one such as go1.23.0"), "{e}");
    let e = error(&["--go", "latest"]);
    assert!(e.contains("expected 1.N or 1.N.P"), "{e}");
    // RELEASES.md, step 5: Go 1.23-1.26 read asynctimerchan=3 like 2; timerlab takes 0, 1 or 2.
    let e = error(&["--godebug", "asynctimerchan=3"]);
    assert!(
        e.contains("expected asynctimerchan=0, 1 or 2 (Go 1.23 to 1.26 treat any other integer like 2)"),
        "{e}"
    );
    let e = error(&["--godebug", "asynctimerchan"]);
    assert!(e.contains("expected key=value"), "{e}");
    assert!(parse(&["--semantics", "sync", "--go", "1.26.6"]).is_err(), "--semantics decides alone");
    assert!(parse(&["--semantics", "sync", "--godebug", "asynctimerchan=1"]).is_err());
    assert_eq!(
        parse(&["--semantics", "async-collected"]).unwrap().semantics,
        Some(Semantics::AsyncCollected)
    );
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

#[test]
fn a_relative_path_finds_its_go_mod_like_the_go_command() {
    // A bare file name: its directory is the working directory, whose go.mod (go 1.23.4,
    // toolchain go1.24.1) decides.
    let (_, _, err) = binary_in("tests/corpus/modules/new", &["server.go"]);
    assert!(err.contains("semantics: sync for 1 file (go1.24.1 named by toolchain lines"), "{err}");
    // `../..` leaves the module: the file's own directories hold no go.mod, and the working
    // directory's go.mod is not theirs.
    let (_, _, err) = binary_in("tests/corpus/modules/new", &["../../bugs/after_stored_in_loop.go"]);
    assert!(err.contains("semantics: async for 1 file (go1.22.0 assumed without go.mod"), "{err}");
}

#[test]
fn in_sarif_a_refused_flag_is_a_notification_of_the_invocation_not_a_result_in_a_file() {
    let args =
        parse(&["tests/corpus/seeds", "--sarif", "--go", "1.27.3", "--godebug", "asynctimerchan=1"]).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    run(&args, &mut out, &mut err);
    let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().all(|r| r["ruleId"] != "toolchain"), "{results:?}");
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    let refused: Vec<&str> = notes.iter().filter_map(|n| n["message"]["text"].as_str()).collect();
    assert!(refused.iter().any(|t| t.contains("go1.27.3 refuses it")), "{refused:?}");
}

#[test]
fn the_summary_names_up_to_four_go_lines_and_elides_the_rest() {
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lint-go-lines");
    let _ = std::fs::remove_dir_all(&root);
    let summary = |lines: &[&str]| {
        for line in lines {
            let module = root.join(line);
            std::fs::create_dir_all(&module).unwrap();
            std::fs::write(module.join("go.mod"), format!("module example.com/m\n\ngo {line}\n")).unwrap();
            std::fs::write(module.join("main.go"), "package main\n\nfunc main() {}\n").unwrap();
        }
        let (_, err) = stderr_of(&[root.to_str().unwrap(), "--go", "1.26.6"]);
        err.lines().find(|l| l.starts_with("timerlab lint: semantics: ")).unwrap_or_default().to_owned()
    };
    let four = summary(&["1.23", "1.24", "1.25", "1.26"]);
    assert!(four.ends_with("(go1.26.6 from --go; go 1.23, 1.24, 1.25, 1.26 in 4 go.mod files)"), "{four}");
    let five = summary(&["1.24.2"]);
    assert!(
        five.ends_with("(go1.26.6 from --go; go 1.23, 1.24, 1.24.2, 1.25, ... in 5 go.mod files)"),
        "{five}"
    );
    // Without --go each go line assumes its own toolchain: four are named, then a count.
    let (_, err) = stderr_of(&[root.to_str().unwrap()]);
    assert!(
        err.contains("(go1.23.0, go1.24.0, go1.24.2, go1.25.0, ... (5 toolchains) assumed from go lines; "),
        "{err}"
    );
}

#[test]
fn a_file_named_on_the_command_line_obeys_exclude_and_tests_false_and_one_left_unparsed_is_a_warning() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lint-named-files");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("gen")).unwrap();
    let timers = "package p\n\nimport \"time\"\n\nfunc f() { <-time.After(time.Second) }\n";
    for file in ["gen/g.go", "p_test.go", "p.go"] {
        std::fs::write(dir.join(file), timers).unwrap();
    }
    // A package clause without a name: nothing before the first declaration can be recovered.
    std::fs::write(dir.join("broken.go"), timers.replace("package p", "package")).unwrap();
    let path = |file: &str| dir.join(file).to_str().unwrap().to_owned();
    let checked = |args: &[&str]| {
        let (_, err) = stderr_of(args);
        // "timerlab lint: 2 files checked (2 parsed), …" or "1 file checked".
        err.lines().find_map(|l| l.strip_prefix("timerlab lint: ")?.split(' ').next()?.parse::<u32>().ok())
    };
    assert_eq!(checked(&[&path("gen/g.go"), &path("p.go")]), Some(2));
    assert_eq!(checked(&[&path("gen/g.go"), &path("p.go"), "--exclude", "**/gen/**"]), Some(1));
    assert_eq!(checked(&[&path("p_test.go"), &path("p.go"), "--tests=false"]), Some(1));
    let args = parse(&[&path("broken.go"), "--json"]).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    run(&args, &mut out, &mut err);
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["files"], 1, "linted, with nothing found");
    let warning = doc["warnings"][0]["message"].as_str().unwrap_or_default();
    assert!(warning.starts_with("parse error") && warning.ends_with("; file skipped"), "{doc}");
}
