//! Linting files: read and parse each one on a pool of threads (one tree-sitter parser per
//! thread), detect, then — in file order, on one thread — decide each file's behaviour and turn
//! detections into findings. Results never depend on thread timing.

use std::num::NonZeroUsize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use gotime::release::{GoProgram, GoVersion, ResolveError, NEWEST_SERIES};
use gotime::Semantics;
use tree_sitter::Parser;

use crate::chunks::ranges;
use crate::gofile::GoFile;
use crate::prefilter::{timer_call_names, worth_parsing};
use crate::recover::parse_recovering;
use crate::report::{Finding, Problem, Related, Report, SemanticsUse, Silenced};
use crate::resolve::Directive;
use crate::rules::all::detect;
use crate::rules::detection::Detection;
use crate::semantics::Decider;
use crate::syntax::go_parser;
use crate::walk::{self, Filter};

/// How to lint.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Check every file under this semantics, whatever the toolchain, go.mod and `//go:debug`
    /// say.
    pub semantics: Option<Semantics>,
    /// The Go toolchain that builds the code (`--go`), instead of each module's `toolchain` or
    /// `go` line.
    pub go: Option<GoVersion>,
    /// `GODEBUG` as the environment sets it when the programs start (`--godebug`).
    pub godebug: Option<String>,
    /// Also walk `vendor/`, `testdata/` and directories starting with `.` or `_`.
    pub all_dirs: bool,
    /// Threads to parse with; default: the machine's available parallelism.
    pub jobs: Option<NonZeroUsize>,
    /// Parse every file, even those that cannot hold a finding, so that every syntax error is
    /// reported (see `prefilter.rs`).
    pub parse_all: bool,
    /// Glob patterns of paths not to lint (`**/*_mock.go`, `internal/gen`), matched against each
    /// path as walked and relative to the directory given; a matching directory is not walked.
    pub exclude: Vec<String>,
    /// Leave out `_test.go` files.
    pub skip_tests: bool,
}

/// What one file yielded, before semantics.
#[derive(Default)]
struct Analyzed {
    /// It was parsed (not skipped as unable to hold a finding).
    parsed: bool,
    /// Parse errors that cost a declaration, or the whole file.
    warnings: Vec<String>,
    detections: Vec<Detection>,
    package: String,
    is_test: bool,
    /// Timer `//go:debug` lines: (line, text).
    directives: Vec<(usize, String)>,
}

/// Lints the files and directories `paths`: directories walked in sorted order, each file checked
/// under the behaviour its toolchain and module give it (docs/LINT.md, "Which behaviour"). Never
/// panics on bad input: missing and unreadable paths (and bad `exclude`, `go` or `godebug`
/// options) are reported in [`Report::problems`], parse errors and unreadable settings in
/// [`Report::warnings`] — a declaration the grammar does not accept is skipped, not the file —
/// what the toolchain refuses or ignores in [`Report::diagnostics`], and everything else is
/// linted.
pub fn lint_paths(paths: &[PathBuf], options: &Options) -> Report {
    let bad = |path: &str, message: String| Report {
        problems: vec![Problem { path: path.to_owned(), message }],
        ..Report::default()
    };
    let filter = match Filter::new(&options.exclude, options.all_dirs, options.skip_tests) {
        Ok(filter) => filter,
        Err(message) => return bad("--exclude", message),
    };
    if let Some(go) = options.go {
        if let Err(message) = check_toolchain(&go.to_string()) {
            return bad("--go", message);
        }
    }
    if let Some(godebug) = &options.godebug {
        if let Err(message) = check_godebug(godebug) {
            return bad("--godebug", message);
        }
    }
    let walk = walk::collect(paths, &filter);
    let jobs = options
        .jobs
        .map_or_else(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get), NonZeroUsize::get);
    let analyzed = analyze_all(&walk.files, jobs, options.parse_all);
    let mut report = Report { problems: walk.problems, ..Report::default() };

    let directives = |path: &Path, found: &[(usize, String)]| -> Vec<Directive> {
        if found.is_empty() {
            return Vec::new(); // most files: no allocation
        }
        let display = path.display().to_string();
        found
            .iter()
            .map(|(line, text)| Directive { text: text.clone(), path: display.clone(), line: *line })
            .collect()
    };
    let mut decide = Decider::new(options.semantics, options.go, options.godebug.clone());
    for (path, result) in walk.files.iter().zip(&analyzed) {
        if let Ok(a) = result {
            decide.record(path, a.is_test, &a.package, &directives(path, &a.directives));
        }
    }

    let mut uses: Vec<SemanticsUse> = Vec::new();
    for (path, result) in walk.files.iter().zip(analyzed) {
        let display = path.display().to_string();
        let a = match result {
            Ok(a) => a,
            Err(message) => {
                report.problems.push(Problem { path: display, message });
                continue;
            }
        };
        report.files += 1;
        report.parsed += usize::from(a.parsed);
        for message in a.warnings {
            report.warnings.push(Problem { path: display.clone(), message });
        }
        let choice = decide.choose(path, a.is_test, &a.package, &directives(path, &a.directives));
        let toolchain = choice.toolchain.as_ref().map(|t| t.version);
        for d in &a.detections {
            match judge(&display, d, choice.semantics) {
                Some(finding) => report.findings.push(Finding { toolchain, ..finding }),
                None => count_silenced(&mut report.silenced, d, choice.semantics, toolchain),
            }
        }
        match uses.iter_mut().find(|u| u.choice == choice) {
            Some(u) => {
                u.files += 1;
                u.paths.push(display);
            }
            None => uses.push(SemanticsUse { choice, files: 1, paths: vec![display] }),
        }
    }
    report.semantics = uses;
    let (diagnostics, warnings) = decide.finish();
    report.diagnostics = diagnostics;
    report.warnings.extend(warnings);
    report
}

/// A toolchain `--go` may name: a release timerlab has rules for.
///
/// # Errors
///
/// The resolver's one-line reason (malformed, a language version, newer than timerlab knows).
pub(crate) fn check_toolchain(go: &str) -> Result<GoVersion, String> {
    match GoProgram::built_with(go).resolve() {
        Ok(resolution) => Ok(resolution.toolchain),
        Err(e) => Err(e.to_string()),
    }
}

/// A `GODEBUG` value `--godebug` may give: `key=value` settings, `asynctimerchan` 0, 1 or 2.
///
/// # Errors
///
/// The resolver's one-line reason; for `asynctimerchan=3` and up, also what Go 1.23 to 1.26 do
/// with them (oracle/RELEASES.md, step 5: "any integer ≠ 0, 1" is async-collected).
pub(crate) fn check_godebug(godebug: &str) -> Result<(), String> {
    // Any release that knows the setting checks it; Go 1.27's refusal is not bad input but what
    // that toolchain does (a diagnostic).
    let program =
        GoProgram::built_with(GoVersion::release(NEWEST_SERIES.minor(), 0).to_string()).godebug(godebug);
    match program.resolve() {
        Ok(_) | Err(ResolveError::Go(_)) => Ok(()),
        Err(e @ ResolveError::BadValue { .. }) => {
            let integer = matches!(&e, ResolveError::BadValue { value, .. } if value.parse::<i32>().is_ok());
            let hint = if integer { " (Go 1.23 to 1.26 treat any other integer like 2)" } else { "" };
            Err(format!("{e}{hint}"))
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Counts a detection the behaviour in force makes silent, when the other behaviour would
/// report it: what a module's `go` line, settings or toolchain hide, for the summary's hint.
fn count_silenced(
    silenced: &mut Vec<Silenced>,
    d: &Detection,
    semantics: Semantics,
    toolchain: Option<GoVersion>,
) {
    // The behaviour that answers the other way on what decides most rules: collection.
    let other = match semantics {
        Semantics::Async => Semantics::Sync,
        Semantics::AsyncCollected | Semantics::Sync => Semantics::Async,
    };
    if d.judge(other).is_none() {
        return;
    }
    match silenced
        .iter_mut()
        .find(|s| s.rule == d.rule && s.semantics == semantics && s.toolchain == toolchain)
    {
        Some(s) => s.count += 1,
        None => silenced.push(Silenced { rule: d.rule, semantics, toolchain, count: 1 }),
    }
}

/// Lints one file's source under `semantics`; `path` is only used in the findings. Declarations
/// the grammar does not accept are skipped (see [`lint_paths`]).
///
/// # Errors
///
/// The one-line parse error when nothing of `source` can be linted (an error in its package
/// clause or imports, say).
pub fn lint_source(path: &str, source: &[u8], semantics: Semantics) -> Result<Vec<Finding>, String> {
    let mut parser = go_parser();
    let is_test = path.ends_with("_test.go");
    let a = analyze(&mut parser, source, is_test, false)?;
    Ok(a.detections.iter().filter_map(|d| judge(path, d, semantics)).collect())
}

fn judge(path: &str, d: &Detection, semantics: Semantics) -> Option<Finding> {
    let (level, message) = d.judge(semantics)?;
    Some(Finding {
        path: path.to_owned(),
        start: d.at.start,
        end: d.at.end,
        rule: d.rule,
        level,
        semantics,
        toolchain: None,
        message,
        related: d
            .related
            .iter()
            .map(|(s, m)| Related { start: s.start, end: s.end, message: m.clone() })
            .collect(),
        demo: d.facts.demo(semantics).unwrap_or_else(|| d.rule.demo(semantics)),
    })
}

/// Analyzes `files` on `jobs` threads; the results are in the order of `files`.
fn analyze_all(files: &[PathBuf], jobs: usize, parse_all: bool) -> Vec<Result<Analyzed, String>> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut parser = go_parser();
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = files.get(i) else { break };
            done.push((i, analyze_path(&mut parser, path, parse_all)));
        }
        done
    };
    let mut results: Vec<Option<Result<Analyzed, String>>> = (0..files.len()).map(|_| None).collect();
    let jobs = jobs.clamp(1, files.len().max(1));
    let batches: Vec<Vec<(usize, Result<Analyzed, String>)>> = if jobs == 1 {
        vec![work()]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..jobs).map(|_| s.spawn(work)).collect();
            // A worker catches its own panics (analyze_path), so join only fails if that failed.
            handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
        })
    };
    for (i, r) in batches.into_iter().flatten() {
        results[i] = Some(r);
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("internal error: file not analyzed".to_owned())))
        .collect()
}

fn analyze_path(parser: &mut Parser, path: &Path, parse_all: bool) -> Result<Analyzed, String> {
    let source = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let is_test = path.file_name().is_some_and(|n| n.to_string_lossy().ends_with("_test.go"));
    if !parse_all && !worth_parsing(&source) {
        return Ok(Analyzed { is_test, ..Analyzed::default() });
    }
    match catch_unwind(AssertUnwindSafe(|| analyze(parser, &source, is_test, parse_all))) {
        // A file with nothing to lint is a warning, not a failure: the run goes on.
        Ok(Err(message)) => Ok(Analyzed { is_test, warnings: vec![message], ..Analyzed::default() }),
        Ok(result) => result,
        Err(_) => {
            // The parser may be left mid-parse: start afresh for the next file.
            *parser = go_parser();
            Err("internal error while linting this file (a bug in timerlab-lint: please report it)"
                .to_owned())
        }
    }
}

/// Parses (the relevant functions of, unless `whole`) and detects.
fn analyze(parser: &mut Parser, source: &[u8], is_test: bool, whole: bool) -> Result<Analyzed, String> {
    let parts = if whole { None } else { ranges(source, timer_call_names()) };
    let parsed = parse_recovering(parser, source, parts)?;
    let file = GoFile::new(parsed.tree.root_node(), parsed.source.as_deref().unwrap_or(source));
    let detections = detect(&file, is_test);
    Ok(Analyzed {
        parsed: true,
        warnings: parsed.dropped,
        detections,
        package: file.package.clone(),
        is_test,
        directives: file.directives,
    })
}
