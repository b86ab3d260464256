//! The behaviour of each file as Go gives it: one small module of `tests/corpus/modules/` per way
//! a toolchain, a `go.mod` or `go.work`, a `//go:debug` line or GODEBUG decides it. Every
//! expectation comes from oracle/RELEASES.md (recorded on the real toolchains), cited where it
//! is made.

use std::path::PathBuf;

use gotime::release::GoVersion;
use gotime::Semantics;
use timerlab_lint::{lint_paths, Choice, Diagnostic, Level, Options, Reason, Report, Status, ToolchainFrom};

const MODULES: &str = "tests/corpus/modules";

fn lint(dirs: &[&str], options: &Options) -> Report {
    let paths: Vec<PathBuf> = dirs.iter().map(|d| PathBuf::from(format!("{MODULES}/{d}"))).collect();
    lint_paths(&paths, options)
}

fn go(minor: u32, patch: u32) -> Option<GoVersion> {
    Some(GoVersion::release(minor, patch))
}

fn with_go(version: &str) -> Options {
    Options { go: Some(version.parse().unwrap()), ..Options::default() }
}

/// The choice made for the file `module/file`.
fn choice<'r>(report: &'r Report, file: &str) -> &'r Choice {
    let path = format!("{MODULES}/{file}");
    let found = report.semantics.iter().find(|u| u.paths.contains(&path));
    &found.unwrap_or_else(|| panic!("{path} not linted: {:#?}", report.semantics)).choice
}

/// (behaviour, toolchain) of the file `module/file`.
fn judged(report: &Report, file: &str) -> (Semantics, Option<GoVersion>) {
    let c = choice(report, file);
    (c.semantics, c.toolchain.as_ref().map(|t| t.version))
}

/// (path under the corpus, line, level, message) of every diagnostic.
fn said(report: &Report) -> Vec<(String, usize, Level, String)> {
    let short = |d: &Diagnostic| d.path.strip_prefix(&format!("{MODULES}/")).unwrap_or(&d.path).to_owned();
    report.diagnostics.iter().map(|d| (short(d), d.line, d.level, d.message.clone())).collect()
}

/// (rule, level) of the findings in `module/file`.
fn findings(report: &Report, file: &str) -> Vec<(&'static str, &'static str)> {
    let path = format!("{MODULES}/{file}");
    report.findings.iter().filter(|f| f.path == path).map(|f| (f.rule.id(), f.level.name())).collect()
}

#[test]
fn a_go_line_before_1_23_is_async_and_from_1_23_sync_under_the_toolchain_it_asks_for() {
    let report = lint(&["old", "new"], &Options::default());
    // No toolchain line in old/: go 1.21 asks for go1.21.0, which has no asynctimerchan
    // (RELEASES.md, step 5: "Go ≤ 1.22: async, whatever GODEBUG says").
    assert_eq!(judged(&report, "old/server.go"), (Semantics::Async, go(21, 0)));
    let old = choice(&report, "old/server.go");
    assert_eq!(old.reason, Reason::NotASetting);
    assert_eq!(old.toolchain.as_ref().unwrap().from, ToolchainFrom::GoLine(format!("{MODULES}/old/go.mod")));
    // new/ names go1.24.1; its go 1.23.4 line is ≥ 1.23: sync (step 5, "nothing set").
    assert_eq!(judged(&report, "new/sub/inner.go"), (Semantics::Sync, go(24, 1)));
    assert_eq!(
        choice(&report, "new/server.go").reason,
        Reason::GoLine(format!("{MODULES}/new/go.mod"), "1.23.4".into())
    );
    assert_eq!(
        findings(&report, "old/server.go"),
        [("after-in-loop", "error"), ("reset-without-drain", "error")]
    );
    assert_eq!(findings(&report, "new/server.go"), [("after-in-loop", "note")]);
    assert!(report.diagnostics.is_empty());
}

#[test]
fn the_toolchain_line_names_the_toolchain_and_go_1_27_is_sync_whatever_the_go_line() {
    // toolchain/go.mod: go 1.22, toolchain go1.27.3. RELEASES.md, step 5: Go 1.27 is sync with
    // "any go line, including 1.22".
    let report = lint(&["toolchain"], &Options::default());
    assert_eq!(judged(&report, "toolchain/server.go"), (Semantics::Sync, go(27, 3)));
    assert_eq!(choice(&report, "toolchain/server.go").reason, Reason::Removed);
    // The same go line under the toolchain it asks for, go1.22.0, is async.
    let older = lint(&["toolchain"], &with_go("1.22.0"));
    assert_eq!(judged(&older, "toolchain/server.go"), (Semantics::Async, go(22, 0)));
    // And on go1.26.6, the go 1.22 line keeps asynctimerchan=1 (step 5.1: "asynctimerchan=1 when
    // it is below 1.23").
    let between = lint(&["toolchain"], &with_go("go1.26.6"));
    assert_eq!(judged(&between, "toolchain/server.go"), (Semantics::Async, go(26, 6)));
    assert_eq!(
        choice(&between, "toolchain/server.go").reason,
        Reason::GoLine(format!("{MODULES}/toolchain/go.mod"), "1.22".into())
    );
}

#[test]
fn a_godebug_block_in_go_mod_wins_over_the_go_line() {
    // godebug/go.mod: go 1.24 and `godebug ( asynctimerchan=1 )`; go1.24.0 is assumed.
    // RELEASES.md, step 3: the block form is accepted on 1.23-1.26; step 5: go.mod godebug beats
    // the go line, =1 is async.
    let report = lint(&["godebug"], &Options::default());
    assert_eq!(judged(&report, "godebug/server.go"), (Semantics::Async, go(24, 0)));
    assert_eq!(
        choice(&report, "godebug/server.go").reason,
        Reason::Godebug(format!("{MODULES}/godebug/go.mod"))
    );
    assert_eq!(report.count(Level::Error), 2);
}

#[test]
fn a_go_debug_line_in_package_main_applies_to_every_file_of_the_package() {
    // directive/: go 1.24, main.go `//go:debug asynctimerchan=1`. RELEASES.md, step 5.1: a
    // //go:debug in package main beats go.mod and the go line.
    let report = lint(&["directive"], &Options::default());
    assert_eq!((report.files, report.parsed), (3, 2), "flags.go, without timers, is not parsed");
    assert_eq!(report.semantics.len(), 1, "flags.go is of the same package: {:?}", report.semantics);
    assert_eq!(judged(&report, "directive/server.go"), (Semantics::Async, go(24, 0)));
    assert_eq!(
        choice(&report, "directive/server.go").reason,
        Reason::Directive(format!("{MODULES}/directive/main.go"))
    );
    assert_eq!(report.count(Level::Error), 2, "server.go is judged like main.go");
}

#[test]
fn a_test_binary_applies_the_external_test_packages_go_debug_line_last() {
    // testorder/: go 1.23 on go1.26.6; in a/ the internal test file says asynctimerchan=1 and
    // the external test package's file 0, in b/ the other way round. RELEASES.md, "A test
    // binary's //go:debug lines" (go1.23.1–go1.26.6): the package's files, then its tests, then
    // the external test package's, later wins — a/'s tests are sync, b/'s async, both files.
    let report = lint(&["testorder"], &Options::default());
    for file in ["a/internal_test.go", "a/external_test.go"] {
        let path = format!("testorder/{file}");
        assert_eq!(judged(&report, &path), (Semantics::Sync, go(26, 6)), "{file}");
        assert_eq!(
            choice(&report, &path).reason,
            Reason::Directive(format!("{MODULES}/testorder/a/external_test.go"))
        );
        assert!(findings(&report, &path).is_empty(), "sync: the Reset discards the value");
    }
    for file in ["b/internal_test.go", "b/external_test.go"] {
        let path = format!("testorder/{file}");
        assert_eq!(judged(&report, &path), (Semantics::Async, go(26, 6)), "{file}");
        assert_eq!(
            choice(&report, &path).reason,
            Reason::Directive(format!("{MODULES}/testorder/b/external_test.go"))
        );
        assert_eq!(findings(&report, &path), [("reset-without-drain", "error")], "{file}");
    }
    assert!(report.diagnostics.is_empty() && report.warnings.is_empty(), "{report:#?}");
}

#[test]
fn a_go_mod_without_a_go_line_reads_as_go_1_16_and_no_go_mod_assumes_go_1_22() {
    // RELEASES.md, step 2: "go.mod without a go line: 1.16 (gover.DefaultGoModVersion)".
    let report = lint_paths(
        &[PathBuf::from(format!("{MODULES}/nogoline")), PathBuf::from("tests/corpus/seeds/s1_leaky.go")],
        &Options::default(),
    );
    let nogoline = choice(&report, "nogoline/server.go");
    assert_eq!(
        (nogoline.semantics, nogoline.toolchain.as_ref().map(|t| t.version)),
        (Semantics::Async, Some(GoVersion::language(16)))
    );
    let seed = &report.semantics.iter().find(|u| u.paths[0].ends_with("s1_leaky.go")).unwrap().choice;
    let toolchain = seed.toolchain.as_ref().unwrap();
    assert_eq!(
        (seed.semantics, toolchain.version, &toolchain.from),
        (Semantics::Async, GoVersion::release(22, 0), &ToolchainFrom::NoGoMod)
    );
}

#[test]
fn in_a_workspace_go_work_s_go_line_decides_and_the_module_s_godebug_is_ignored() {
    // work/go.work: go 1.23, toolchain go1.26.6, use ./svc; svc/go.mod: go 1.22 and
    // asynctimerchan=1. RELEASES.md, step 2: in a workspace the go line is go.work's; step 3:
    // "the modules' go.mod godebug lines are ignored in workspace mode". So: sync.
    let report = lint(&["work"], &Options::default());
    assert_eq!(judged(&report, "work/svc/server.go"), (Semantics::Sync, go(26, 6)));
    let c = choice(&report, "work/svc/server.go");
    assert_eq!(c.reason, Reason::GoLine(format!("{MODULES}/work/go.work"), "1.23".into()));
    assert_eq!(
        c.toolchain.as_ref().unwrap().from,
        ToolchainFrom::ToolchainLine(format!("{MODULES}/work/go.work"))
    );
}

#[test]
fn a_go_work_godebug_setting_applies_to_its_modules() {
    // workdebug/go.work: godebug asynctimerchan=2 on go1.26.6. RELEASES.md, step 3: "accepted,
    // and applied"; step 5: =2 is async-collected — the stale value stays (reset-without-drain
    // is an error), the dropped timer is collected (after-in-loop is a note).
    let report = lint(&["workdebug"], &Options::default());
    assert_eq!(judged(&report, "workdebug/svc/server.go"), (Semantics::AsyncCollected, go(26, 6)));
    assert_eq!(
        findings(&report, "workdebug/svc/server.go"),
        [("after-in-loop", "note"), ("reset-without-drain", "error")]
    );
}

#[test]
fn go_1_27_refuses_asynctimerchan_1_and_2_where_they_are_written_in_go_s_words() {
    // RELEASES.md, "Refusals, verbatim", Go 1.27: go.mod godebug, go.work godebug and //go:debug
    // with an old value; the go command joins its two lines with ": " here (gotime::release).
    let report = lint(&["removed", "work127"], &Options::default());
    let removed = |v: &str| {
        format!(
            "removed GODEBUG \"asynctimerchan\" set to old value \"{v}\" (https://go.dev/doc/godebug#go-127)"
        )
    };
    assert_eq!(
        said(&report),
        [
            (
                "removed/cmd/server/main.go".to_owned(),
                1,
                Level::Error,
                format!("invalid //go:debug: {}", removed("2"))
            ),
            (
                "removed/go.mod".to_owned(),
                10,
                Level::Error,
                format!("go: error loading go.mod: go.mod: {}", removed("1"))
            ),
            (
                "work127/go.work".to_owned(),
                10,
                Level::Error,
                format!("go: error loading go.work: go.work: {}", removed("1"))
            ),
        ],
        "work127/svc/go.mod's asynctimerchan=2 is not even checked in workspace mode (step 3)"
    );
    // Step 5: every file is sync on Go 1.27.
    for file in ["removed/cmd/server/main.go", "removed/server.go", "work127/svc/server.go"] {
        assert_eq!(judged(&report, file), (Semantics::Sync, go(27, 3)), "{file}");
    }
    assert_eq!(report.status(), Status::Errors, "the build fails there: exit 1, not bad input");
}

#[test]
fn go_1_27_refuses_an_old_asynctimerchan_in_godebug_as_the_program_starts() {
    // RELEASES.md, step 4: "fatal error: removed GODEBUG "asynctimerchan" set to old value "1" in
    // environment (https://go.dev/doc/godebug#go-127)"; asynctimerchan=0 is accepted.
    let options = Options { godebug: Some("asynctimerchan=1".into()), ..with_go("1.27.3") };
    let report = lint(&["new"], &options);
    assert_eq!(
        said(&report),
        [(
            "--godebug".to_owned(),
            0,
            Level::Error,
            "fatal error: removed GODEBUG \"asynctimerchan\" set to old value \"1\" in environment (https://go.dev/doc/godebug#go-127)".to_owned()
        )]
    );
    assert_eq!(judged(&report, "new/server.go"), (Semantics::Sync, go(27, 3)));
    let zero = lint(&["new"], &Options { godebug: Some("asynctimerchan=0".into()), ..with_go("1.27.3") });
    assert!(zero.diagnostics.is_empty());
}

#[test]
fn godebug_asynctimerchan_2_is_async_collected_on_1_23_to_1_26_and_ignored_before() {
    // RELEASES.md, step 5: "=2 (any source) → async-collected" on 1.23-1.26, GODEBUG beating the
    // go line; "Go ≤ 1.22: async, whatever GODEBUG says".
    let godebug = Some("asynctimerchan=2".to_owned());
    let on_1_26 = lint(&["old"], &Options { godebug: godebug.clone(), ..with_go("1.26.6") });
    assert_eq!(judged(&on_1_26, "old/server.go"), (Semantics::AsyncCollected, go(26, 6)));
    assert_eq!(choice(&on_1_26, "old/server.go").reason, Reason::Environment);
    let on_1_22 = lint(&["old"], &Options { godebug, ..with_go("1.22.10") });
    assert_eq!(judged(&on_1_22, "old/server.go"), (Semantics::Async, go(22, 10)));
    assert_eq!(choice(&on_1_22, "old/server.go").reason, Reason::NotASetting);
}

#[test]
fn a_go_debug_line_outside_package_main_is_a_note_and_applies_only_to_the_package_s_tests() {
    // library/lib.go (package lib): //go:debug asynctimerchan=0 on go1.26.6, go 1.22. RELEASES.md,
    // step 5.1: "a //go:debug in another package is validated but never applied"; "go vet and
    // go test": the directive analyzer says "//go:debug directive only valid in package main or
    // test". The test binary takes the package's directives (cmd/go/internal/load/test.go,
    // defaultGODEBUG; on go1.26.6, `go test -vet=off` of such a package reports cap(t.C) == 0).
    let report = lint(&["library"], &Options::default());
    let notes = said(&report);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!((notes[0].0.as_str(), notes[0].1, notes[0].2), ("library/lib.go", 1, Level::Note));
    let note = &notes[0].3;
    assert!(
        note.starts_with("go1.26.6 builds ignore //go:debug asynctimerchan=0 outside package main"),
        "{note}"
    );
    assert!(note.contains("\"//go:debug directive only valid in package main or test\""), "{note}");
    assert_eq!(judged(&report, "library/lib.go"), (Semantics::Async, go(26, 6)));
    assert_eq!(
        findings(&report, "library/lib.go"),
        [("after-in-loop", "error"), ("reset-without-drain", "error")]
    );
    assert_eq!(judged(&report, "library/lib_test.go"), (Semantics::Sync, go(26, 6)));
    assert!(findings(&report, "library/lib_test.go").is_empty(), "sync: the Reset discards the value");
    assert_eq!(report.status(), Status::Errors, "lib.go's own findings; the note alone would not fail");
}

#[test]
fn default_go1_22_in_package_main_gives_go_1_22_s_defaults() {
    // default122/: go 1.26 on go1.26.6, main.go `//go:debug default=go1.22`. RELEASES.md, step
    // 2: default=go1.22 "replaces the go line for all defaults": asynctimerchan=1, async.
    let report = lint(&["default122"], &Options::default());
    assert_eq!(judged(&report, "default122/main.go"), (Semantics::Async, go(26, 6)));
    assert_eq!(
        choice(&report, "default122/main.go").reason,
        Reason::DefaultSetting { path: format!("{MODULES}/default122/main.go"), version: "go1.22".into() }
    );
}

#[test]
fn go_1_22_refuses_the_settings_it_does_not_know_and_stays_async() {
    // go122/: go 1.22 with no toolchain line, so go1.22.0; go.mod godebug and //go:debug
    // asynctimerchan=0. RELEASES.md, step 3: Go 1.21 and 1.22 refuse both; step 5: async.
    let report = lint(&["go122"], &Options::default());
    let d = said(&report);
    assert_eq!(d.len(), 2, "{d:?}");
    // Go 1.22 reports `go: errors parsing go.mod: go.mod:8: unknown directive: godebug`; the
    // place and the refusal are what is checked here.
    assert_eq!((d[0].0.as_str(), d[0].1, d[0].2), ("go122/go.mod", 8, Level::Error));
    assert!(d[0].3.starts_with("go: error") && d[0].3.contains("godebug"), "{}", d[0].3);
    assert_eq!(
        d[1],
        (
            "go122/main.go".to_owned(),
            1,
            Level::Error,
            "invalid //go:debug: unknown //go:debug setting \"asynctimerchan\"".to_owned()
        )
    );
    assert_eq!(judged(&report, "go122/main.go"), (Semantics::Async, go(22, 0)));
}

#[test]
fn a_go_line_newer_than_the_toolchain_is_refused_per_module_not_a_crash() {
    // RELEASES.md, step 1: "go: go.mod requires go >= 1.28 (running go 1.27.3; GOTOOLCHAIN=local)".
    let report = lint(&["newer", "old"], &with_go("1.27.3"));
    assert_eq!(
        said(&report),
        [(
            "newer/go.mod".to_owned(),
            5,
            Level::Error,
            "go: go.mod requires go >= 1.28 (running go 1.27.3; GOTOOLCHAIN=local)".to_owned()
        )]
    );
    assert_eq!(judged(&report, "newer/server.go"), (Semantics::Sync, go(27, 3)));
    assert_eq!(judged(&report, "old/server.go"), (Semantics::Sync, go(27, 3)), "the other module is linted");
    assert_eq!(report.status(), Status::Errors);
    // Assumed rather than named, the toolchain cannot be older than the go line: go 1.28 is newer
    // than timerlab knows, a warning, and go1.27.0 judges it.
    let assumed = lint(&["newer"], &Options::default());
    assert!(assumed.diagnostics.is_empty());
    assert_eq!(assumed.warnings.len(), 1);
    assert!(
        assumed.warnings[0].message.contains("go 1.28 is newer than every release timerlab knows"),
        "{:?}",
        assumed.warnings
    );
    assert_eq!(judged(&assumed, "newer/server.go"), (Semantics::Sync, go(27, 0)));
}

#[test]
fn the_semantics_flag_overrides_the_toolchain_go_mod_and_directives() {
    let sync = lint_paths(
        &[PathBuf::from(MODULES)],
        &Options { semantics: Some(Semantics::Sync), ..Options::default() },
    );
    assert!(sync.diagnostics.is_empty(), "no toolchain is consulted");
    assert!(sync
        .semantics
        .iter()
        .all(|u| u.choice == Choice { semantics: Semantics::Sync, toolchain: None, reason: Reason::Flag }));
    // 28 files: 19 copies of the server (S1's loop, S2's Reset without drain), directive/main.go
    // and flags.go without timers, library/lib_test.go with a Reset without drain, and
    // testorder/'s two lib.go without timers and four test files with a Reset without drain.
    // Under sync the loop is a note and the Resets are fine; under async the loops and the 24
    // Resets are errors.
    assert_eq!(sync.files, 28);
    assert_eq!((sync.count(Level::Error), sync.count(Level::Note)), (0, 19));
    let asynch = lint_paths(
        &[PathBuf::from(MODULES)],
        &Options { semantics: Some(Semantics::Async), ..Options::default() },
    );
    assert_eq!(asynch.count(Level::Error), 19 + 24);
}

#[test]
fn default_go1_22_in_go_mod_gives_go_1_22_s_defaults_as_the_module_s_setting() {
    // godebugdefault/: go 1.26 on go1.26.6, go.mod `godebug default=go1.22`. RELEASES.md, step 2:
    // as `//go:debug default=go1.22` does, from the go.mod, whatever the package.
    let report = lint(&["godebugdefault"], &Options::default());
    assert_eq!(judged(&report, "godebugdefault/main.go"), (Semantics::Async, go(26, 6)));
    assert_eq!(
        choice(&report, "godebugdefault/main.go").reason,
        Reason::DefaultSetting { path: format!("{MODULES}/godebugdefault/go.mod"), version: "go1.22".into() }
    );
    assert!(report.diagnostics.is_empty() && report.warnings.is_empty(), "{report:#?}");
}

#[test]
fn a_go_line_naming_a_release_of_the_newest_series_asks_for_that_release_without_a_warning() {
    // go127/: `go 1.27.3`, no toolchain line. RELEASES.md, step 1: the release the go line names.
    let report = lint(&["go127"], &Options::default());
    assert_eq!(judged(&report, "go127/server.go"), (Semantics::Sync, go(27, 3)));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn a_toolchain_line_naming_a_language_version_is_read_as_none() {
    // toolchain121/: `go 1.21`, `toolchain go1.21` (a language version): the go line decides.
    let report = lint(&["toolchain121"], &Options::default());
    assert_eq!(judged(&report, "toolchain121/server.go"), (Semantics::Async, go(21, 0)));
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(
        report.warnings[0].message.contains("toolchain go1.21: not a Go release"),
        "{:?}",
        report.warnings
    );
}

#[test]
fn go_1_27_refuses_an_old_asynctimerchan_outside_main_and_says_nothing_of_ignoring_it() {
    // RELEASES.md, step 3: `//go:debug asynctimerchan=N` "in any package of the build (main or
    // not)": Go 1.27 refuses N = 1 or 2. A refused line is not also "ignored outside package
    // main" (that note is for the lines Go accepts there, Go 1.23-1.26).
    let dir = std::env::temp_dir().join(format!("timerlab-lint-removed-library-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("go.mod"), "module example.com/lib\n\ngo 1.27.3\n").unwrap();
    std::fs::write(dir.join("lib.go"), "//go:debug asynctimerchan=1\n\npackage lib\n").unwrap();
    let report = lint_paths(std::slice::from_ref(&dir), &Options::default());
    std::fs::remove_dir_all(&dir).unwrap();
    let said: Vec<(usize, Level, &str)> =
        report.diagnostics.iter().map(|d| (d.line, d.level, d.message.as_str())).collect();
    assert_eq!(
        said,
        [(
            1,
            Level::Error,
            "invalid //go:debug: removed GODEBUG \"asynctimerchan\" set to old value \"1\" \
             (https://go.dev/doc/godebug#go-127)"
        )]
    );
}

#[test]
fn a_test_file_the_linter_does_not_parse_still_takes_its_test_binarys_behaviour() {
    // RELEASES.md, "A test binary's //go:debug lines": every _test.go file of a package is
    // built into one test binary, whose behaviour the tests' //go:debug lines decide — so a
    // test file with no timer (never parsed) and one the parser gives up on (skipped with a
    // warning) are judged as the test with the line, not as the library beside them.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lint-unparsed-tests");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let write = |file: &str, text: &str| std::fs::write(dir.join(file), text).unwrap();
    write("go.mod", "module example.com/p\n\ngo 1.23\n\ntoolchain go1.26.6\n");
    write("p.go", "package p\n\nimport \"time\"\n\nfunc Wait() { <-time.After(time.Second) }\n");
    write("p_test.go", "//go:debug asynctimerchan=1\n\npackage p\n\nimport \"testing\"\n\nfunc TestWait(t *testing.T) { Wait() }\n");
    write("helpers_test.go", "package p\n\nfunc helper() {}\n");
    // A package clause without a name: nothing before the first declaration can be recovered.
    write("broken_test.go", "package\n\nimport \"time\"\n\nfunc f() { <-time.After(time.Second) }\n");
    let report = lint_paths(std::slice::from_ref(&dir), &Options::default());
    let judged = |file: &str| {
        let path = dir.join(file).display().to_string();
        let found = report.semantics.iter().find(|u| u.paths.contains(&path));
        let choice = &found.unwrap_or_else(|| panic!("{path} not linted: {:#?}", report.semantics)).choice;
        (choice.semantics, choice.toolchain.as_ref().map(|t| t.version), choice.reason.clone())
    };
    let from_the_test = Reason::Directive(dir.join("p_test.go").display().to_string());
    for file in ["p_test.go", "helpers_test.go", "broken_test.go"] {
        assert_eq!(judged(file), (Semantics::Async, go(26, 6), from_the_test.clone()), "{file}");
    }
    assert_eq!(judged("p.go").0, Semantics::Sync, "the library: go 1.23 without a line of its own");
    assert_eq!(report.warnings.len(), 1, "broken_test.go skipped: {:#?}", report.warnings);
    std::fs::remove_dir_all(&dir).unwrap();
}
