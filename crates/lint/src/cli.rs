//! `timerlab lint`: the command-line face of the crate, as a clap subcommand the `timerlab`
//! binary mounts (and the standalone `timerlab-lint` binary runs).

use std::io::Write;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use gotime::Semantics;

use crate::engine::{lint_paths, Options};
use crate::render::{render_json, render_sarif, render_text, render_text_summary};
use crate::report::Status;
use crate::rules::registry::Rule;

/// Find the Go timer bugs of timerlab's scenarios in Go source, and name the simulation that shows
/// each one.
#[derive(Clone, Debug, clap::Args)]
pub struct LintArgs {
    /// Go files and directories (walked recursively, skipping vendor/ and testdata/).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Timer semantics to check under, instead of what go.mod and //go:debug say.
    #[arg(long, value_name = "async|sync")]
    pub semantics: Option<Semantics>,
    /// Print one JSON document (docs/LINT.md, "JSON").
    #[arg(long, conflicts_with = "sarif")]
    pub json: bool,
    /// Print a SARIF 2.1.0 log, for code scanning.
    #[arg(long)]
    pub sarif: bool,
    /// Also walk vendor/, testdata/ and directories whose names start with . or _.
    #[arg(long)]
    pub all_dirs: bool,
    /// Parse every file, to report syntax errors even in files that cannot hold a finding.
    #[arg(long)]
    pub parse_all: bool,
    /// Threads to parse with (default: available cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
    /// List the rules, with the simulation behind each, and exit.
    #[arg(long)]
    pub list_rules: bool,
}

/// Runs `timerlab lint`: findings (or the JSON / SARIF document) to `out`; problems, the
/// semantics used and a summary to `err`. Returns the exit status: 0 clean, 1 error-level
/// findings, 2 a path could not be linted (missing, unreadable, not valid Go).
pub fn run(args: &LintArgs, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    if args.list_rules {
        return match list_rules(out) {
            Ok(()) => Status::Clean,
            Err(e) => write_failed(err, &e),
        };
    }
    let options = Options {
        semantics: args.semantics,
        all_dirs: args.all_dirs,
        jobs: args.jobs,
        parse_all: args.parse_all,
    };
    let report = lint_paths(&args.paths, &options);
    let written = if args.json {
        render_json(&report, out)
    } else if args.sarif {
        render_sarif(&report, out)
    } else {
        render_text(&report, out)
    };
    let summary = if args.json || args.sarif {
        report.problems.iter().try_for_each(|p| writeln!(err, "{}: {}", p.path, p.message))
    } else {
        render_text_summary(&report, err)
    };
    match written.and(summary) {
        Ok(()) => report.status(),
        Err(e) => write_failed(err, &e),
    }
}

fn write_failed(err: &mut dyn Write, e: &std::io::Error) -> Status {
    // A closed pipe (`| head`) is not worth a message; either way the output is incomplete.
    if e.kind() != std::io::ErrorKind::BrokenPipe {
        let _ = writeln!(err, "timerlab lint: cannot write the output: {e}");
    }
    Status::BadInput
}

fn list_rules(out: &mut dyn Write) -> std::io::Result<()> {
    for rule in Rule::ALL {
        let level = |s| match rule.level_under(s) {
            Some(l) => l.name(),
            None => "silent",
        };
        writeln!(
            out,
            "{:<20} async: {:<6} sync: {:<6} {}",
            rule.id(),
            level(Semantics::Async),
            level(Semantics::Sync),
            rule.title()
        )?;
        writeln!(out, "{:<20} see: {}  ({})", "", rule.demo(Semantics::Async), rule.go_issues().join(", "))?;
    }
    Ok(())
}
