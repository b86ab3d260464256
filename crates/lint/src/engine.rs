//! Linting files: read and parse each one on a pool of threads (one tree-sitter parser per
//! thread), detect, then — in file order, on one thread — decide each file's semantics and turn
//! detections into findings. Results never depend on thread timing.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use gotime::Semantics;
use tree_sitter::Parser;

use crate::chunks::ranges;
use crate::gofile::GoFile;
use crate::prefilter::{timer_call_names, worth_parsing};
use crate::report::{Finding, Problem, Related, Report, SemanticsUse};
use crate::rules::all::detect;
use crate::rules::detection::Detection;
use crate::semantics::{Choice, Reason, Resolver};
use crate::syntax::{go_parser, parse_ranges};
use crate::walk;

/// How to lint.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Check every file under this semantics, whatever go.mod and `//go:debug` say.
    pub semantics: Option<Semantics>,
    /// Also walk `vendor/`, `testdata/` and directories starting with `.` or `_`.
    pub all_dirs: bool,
    /// Threads to parse with; default: the machine's available parallelism.
    pub jobs: Option<NonZeroUsize>,
    /// Parse every file, even those that cannot hold a finding, so that every syntax error is
    /// reported (see `prefilter.rs`).
    pub parse_all: bool,
}

/// What one file yielded, before semantics.
#[derive(Default)]
struct Analyzed {
    /// It was parsed (not skipped as unable to hold a finding).
    parsed: bool,
    detections: Vec<Detection>,
    package: String,
    is_test: bool,
    directive: Option<Semantics>,
}

/// Lints the files and directories `paths`: directories walked in sorted order, each file checked
/// under the semantics its module asks for (docs/LINT.md, "Which semantics"). Never panics on
/// bad input: missing, unreadable and unparseable files are reported in [`Report::problems`] and
/// the others are linted.
pub fn lint_paths(paths: &[PathBuf], options: &Options) -> Report {
    let walk = walk::collect(paths, options.all_dirs);
    let jobs = options
        .jobs
        .map_or_else(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get), NonZeroUsize::get);
    let analyzed = analyze_all(&walk.files, jobs, options.parse_all);
    let mut report = Report { problems: walk.problems, ..Report::default() };

    // A //go:debug line in package main applies to its directory; one in a test file, to the tests.
    let mut directives: BTreeMap<(&Path, bool), (Semantics, String)> = BTreeMap::new();
    for (path, result) in walk.files.iter().zip(&analyzed) {
        if let Ok(a) = result {
            if let Some(s) = a.directive {
                if a.is_test || a.package == "main" {
                    let dir = path.parent().unwrap_or(Path::new(""));
                    directives.entry((dir, a.is_test)).or_insert((s, path.display().to_string()));
                }
            }
        }
    }

    let mut resolver = Resolver::default();
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
        let dir = path.parent().unwrap_or(Path::new(""));
        let choice = if let Some(semantics) = options.semantics {
            Choice { semantics, reason: Reason::Flag }
        } else if let Some((semantics, file)) = (a.is_test)
            .then(|| directives.get(&(dir, true)))
            .flatten()
            .or_else(|| directives.get(&(dir, false)))
        {
            Choice { semantics: *semantics, reason: Reason::Directive(file.clone()) }
        } else {
            resolver.by_go_mod(dir)
        };
        for d in &a.detections {
            report.findings.extend(judge(&display, d, choice.semantics));
        }
        match uses.iter_mut().find(|u| u.choice == choice) {
            Some(u) => u.files += 1,
            None => uses.push(SemanticsUse { choice, files: 1 }),
        }
    }
    report.semantics = uses;
    report
}

/// Lints one file's source under `semantics`; `path` is only used in the findings.
///
/// # Errors
///
/// The one-line parse error when `source` is not valid Go.
pub fn lint_source(path: &str, source: &[u8], semantics: Semantics) -> Result<Vec<Finding>, String> {
    let mut parser = go_parser();
    let is_test = path.ends_with("_test.go");
    let a = analyze(&mut parser, source, is_test, false)?;
    debug_assert!(a.parsed);
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
        message,
        related: d
            .related
            .iter()
            .map(|(s, m)| Related { start: s.start, end: s.end, message: m.clone() })
            .collect(),
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
    let tree = parse_ranges(parser, source, parts)?;
    let file = GoFile::new(tree.root_node(), source);
    let detections = detect(&file, is_test);
    Ok(Analyzed {
        parsed: true,
        detections,
        package: file.package.clone(),
        is_test,
        directive: file.directive,
    })
}
