//! The text format, like `go vet` and staticcheck: one line per finding on the output,
//! `path:line:col: rule-id: message` (notes say `note:` before the message), with the byte
//! column `go vet` prints; `--explain RULE` has the long story. Problems, warnings, one line on
//! the semantics used, a hint when the semantics in force silenced findings, and the counts go
//! to the error stream.

use std::collections::BTreeMap;
use std::io::{self, Write};

use gotime::Semantics;

use crate::report::Report;
use crate::rules::registry::Level;
use crate::semantics::Reason;

/// Writes one line per finding to `out`.
///
/// # Errors
///
/// Any error writing to `out`.
pub fn render_text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        let note = if f.level == Level::Note { "note: " } else { "" };
        writeln!(
            out,
            "{}:{}:{}: {}: {note}{}",
            f.path,
            f.start.line,
            f.start.column,
            f.rule.id(),
            f.message
        )?;
    }
    Ok(())
}

/// Writes the problems (`path: message`), the warnings (`path: warning: message`), one line on
/// the semantics used, the hint about silenced findings, and the counts to `err`.
///
/// # Errors
///
/// Any error writing to `err`.
pub fn render_text_summary(report: &Report, err: &mut dyn Write) -> io::Result<()> {
    for p in &report.problems {
        writeln!(err, "{}: {}", p.path, p.message)?;
    }
    for w in &report.warnings {
        writeln!(err, "{}: warning: {}", w.path, w.message)?;
    }
    if !report.semantics.is_empty() {
        writeln!(err, "timerlab lint: semantics: {}", semantics_line(report))?;
    }
    for s in Semantics::BOTH {
        let silenced: Vec<String> = report
            .silenced
            .iter()
            .filter(|x| x.semantics == s)
            .map(|x| format!("{} {}", x.count, x.rule.id()))
            .collect();
        if silenced.is_empty() {
            continue;
        }
        let (other, why) = match s {
            Semantics::Sync => {
                ("async", "if the code must also be right built with Go before 1.23 or with asynctimerchan=1")
            }
            Semantics::AsyncCollected => {
                ("async", "if the code must also be right with asynctimerchan=1 or Go before 1.23")
            }
            Semantics::Async => ("sync", "to see what changes once the module moves to go 1.23 or later"),
        };
        let total: usize = report.silenced.iter().filter(|x| x.semantics == s).map(|x| x.count).sum();
        writeln!(
            err,
            "timerlab lint: hint: {} silent under {s} ({}); run with --semantics {other} {why}",
            plural(total, "finding"),
            silenced.join(", "),
        )?;
    }
    writeln!(
        err,
        "timerlab lint: {} checked ({} parsed), {}, {}, {}, {}",
        plural(report.files, "file"),
        report.parsed,
        plural(report.count(Level::Error), "error"),
        plural(report.count(Level::Note), "note"),
        plural(report.warnings.len(), "warning"),
        plural(report.problems.len(), "path not linted"),
    )
}

/// `sync for 900 files (go 1.23+ in 12 go.mod); async for 94 files (no go.mod)`.
fn semantics_line(report: &Report) -> String {
    let mut parts = Vec::new();
    for s in Semantics::BOTH {
        let uses: Vec<_> = report.semantics.iter().filter(|u| u.choice.semantics == s).collect();
        if uses.is_empty() {
            continue;
        }
        let files: usize = uses.iter().map(|u| u.files).sum();
        // Reasons of one kind are counted together: one line for the whole run.
        let mut kinds: BTreeMap<&str, (usize, Vec<String>)> = BTreeMap::new();
        for u in &uses {
            let (kind, detail) = match &u.choice.reason {
                Reason::Flag => ("--semantics", None),
                Reason::Directive(_) => ("//go:debug asynctimerchan", None),
                Reason::Godebug(_) => ("godebug asynctimerchan in go.mod", None),
                Reason::GoLine(_, v) => ("go line of go.mod", Some(v.clone())),
                Reason::NoGoLine(_) => ("go.mod without a go line", None),
                Reason::NoGoMod => ("no go.mod", None),
            };
            let entry = kinds.entry(kind).or_default();
            entry.0 += 1;
            if let Some(v) = detail {
                if !entry.1.contains(&v) {
                    entry.1.push(v);
                }
            }
        }
        let reasons: Vec<String> = kinds
            .into_iter()
            .map(|(kind, (n, versions))| match kind {
                "--semantics" | "no go.mod" => kind.to_owned(),
                "go line of go.mod" => {
                    let mut versions = versions;
                    versions.sort();
                    let shown: Vec<&str> = versions.iter().take(4).map(String::as_str).collect();
                    let more = if versions.len() > 4 { ", ..." } else { "" };
                    format!(
                        "go {}{more} in {n} go.mod file{}",
                        shown.join(", "),
                        if n == 1 { "" } else { "s" }
                    )
                }
                _ => format!("{kind} ({n})"),
            })
            .collect();
        parts.push(format!("{s} for {} ({})", plural(files, "file"), reasons.join("; ")));
    }
    parts.join("; ")
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else if let Some((head, tail)) = what.split_once(' ') {
        format!("{n} {head}s {tail}")
    } else {
        format!("{n} {what}s")
    }
}
