//! `timerlab lint`: the command-line face of the crate, as a clap subcommand the `timerlab`
//! binary mounts (and the standalone `timerlab-lint` binary runs).

use std::io::Write;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use gotime::release::GoVersion;
use gotime::Semantics;

use crate::engine::{check_godebug, check_toolchain, lint_paths, Options};
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
    /// Timer behaviour to check every file under, whatever the toolchain, go.mod and //go:debug
    /// say.
    #[arg(long, value_name = "async|async-collected|sync", conflicts_with_all = ["go", "godebug"])]
    pub semantics: Option<Semantics>,
    /// The Go release that builds the code (1.26.6, go1.27.3), instead of each go.mod's
    /// toolchain or go line.
    #[arg(long, value_name = "VERSION", value_parser = toolchain_flag)]
    pub go: Option<GoVersion>,
    /// GODEBUG as the programs' environment sets it (asynctimerchan=2).
    #[arg(long, value_name = "SETTINGS", value_parser = godebug_flag)]
    pub godebug: Option<String>,
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
    /// Leave out paths matching this glob (`**/*_mock.go`, `internal/gen`); repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Lint `_test.go` files (`--tests=false` leaves them out).
    #[arg(long, value_name = "true|false", default_value_t = true, action = clap::ArgAction::Set)]
    pub tests: bool,
    /// Print what a rule finds, why it matters in each behaviour, and the fix; then exit.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
    /// Threads to parse with (default: available cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
    /// List the rules, with the simulation behind each, and exit.
    #[arg(long)]
    pub list_rules: bool,
}

/// Runs `timerlab lint`: findings and what the toolchains say of the modules' settings (or the
/// JSON / SARIF document) to `out`; problems, warnings, the behaviours used and a summary to
/// `err`. Returns the exit status: 0 clean, 1 error-level findings or settings the toolchain
/// refuses, 2 a path could not be read (missing, unreadable) or an argument is wrong. Parse
/// errors are warnings: the declarations the grammar rejects are skipped, the rest is linted.
pub fn run(args: &LintArgs, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    if args.list_rules {
        return match list_rules(out) {
            Ok(()) => Status::Clean,
            Err(e) => write_failed(err, &e),
        };
    }
    if let Some(id) = &args.explain {
        let Some(rule) = Rule::from_id(id) else {
            let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
            let _ = writeln!(err, "timerlab lint: no rule {id:?}; the rules are {}", ids.join(", "));
            return Status::BadInput;
        };
        return match explain(rule, out) {
            Ok(()) => Status::Clean,
            Err(e) => write_failed(err, &e),
        };
    }
    let options = Options {
        semantics: args.semantics,
        go: args.go,
        godebug: args.godebug.clone(),
        all_dirs: args.all_dirs,
        jobs: args.jobs,
        parse_all: args.parse_all,
        exclude: args.exclude.clone(),
        skip_tests: !args.tests,
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

/// `--go`: a release timerlab has rules for.
fn toolchain_flag(go: &str) -> Result<GoVersion, String> {
    check_toolchain(go)
}

/// `--godebug`: `key=value` settings, `asynctimerchan` 0, 1 or 2.
fn godebug_flag(godebug: &str) -> Result<String, String> {
    check_godebug(godebug).map(|()| godebug.to_owned())
}

fn write_failed(err: &mut dyn Write, e: &std::io::Error) -> Status {
    // A closed pipe (`| head`) is not worth a message; either way the output is incomplete.
    if e.kind() != std::io::ErrorKind::BrokenPipe {
        let _ = writeln!(err, "timerlab lint: cannot write the output: {e}");
    }
    Status::BadInput
}

/// `--explain RULE`: the title, the explanation wrapped at 100 columns, the levels, the
/// simulations and the Go issues.
fn explain(rule: Rule, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}: {}\n", rule.id(), rule.title())?;
    let mut line = String::new();
    for word in rule.explanation().split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > 100 {
            writeln!(out, "{line}")?;
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    writeln!(out, "{line}\n")?;
    for s in Semantics::ALL {
        let level = rule.level_under(s).map_or("silent", |l| l.name());
        writeln!(out, "{:<15}  {level:<6}  see: {}", s.name(), rule.demo(s))?;
    }
    match rule.go_issues() {
        [] => writeln!(out, "Go issues: none (a misuse of the documented API, not a Go bug)"),
        issues => writeln!(out, "Go issues: {}", issues.join(", ")),
    }
}

fn list_rules(out: &mut dyn Write) -> std::io::Result<()> {
    for rule in Rule::ALL {
        let level = |s| match rule.level_under(s) {
            Some(l) => l.name(),
            None => "silent",
        };
        writeln!(
            out,
            "{:<20} async: {:<6} async-collected: {:<6} sync: {:<6} {}",
            rule.id(),
            level(Semantics::Async),
            level(Semantics::AsyncCollected),
            level(Semantics::Sync),
            rule.title()
        )?;
        let issues = match rule.go_issues() {
            [] => String::new(),
            issues => format!("  ({})", issues.join(", ")),
        };
        writeln!(out, "{:<20} see: {}{issues}", "", rule.demo(Semantics::Async))?;
    }
    Ok(())
}
