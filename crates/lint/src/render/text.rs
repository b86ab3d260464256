//! The text format: one line per finding on the output,
//! `path:line:col: rule-id: level: message [see: timerlab ...]`, with the byte column `go vet`
//! prints; problems and a summary go to the error stream.

use std::io::{self, Write};

use crate::report::Report;
use crate::rules::registry::Level;

/// Writes one line per finding to `out`.
///
/// # Errors
///
/// Any error writing to `out`.
pub fn render_text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        writeln!(
            out,
            "{}:{}:{}: {}: {}: {} [see: {}]",
            f.path,
            f.start.line,
            f.start.column,
            f.rule.id(),
            f.level.name(),
            f.message,
            f.demo()
        )?;
    }
    Ok(())
}

/// Writes the problems (`path: message`), the semantics used and a one-line count to `err`.
///
/// # Errors
///
/// Any error writing to `err`.
pub fn render_text_summary(report: &Report, err: &mut dyn Write) -> io::Result<()> {
    for p in &report.problems {
        writeln!(err, "{}: {}", p.path, p.message)?;
    }
    for u in &report.semantics {
        let files = plural(u.files, "file");
        writeln!(err, "timerlab lint: {} semantics for {files}: {}", u.choice.semantics, u.choice)?;
    }
    writeln!(
        err,
        "timerlab lint: {} checked ({} parsed), {}, {}, {}",
        plural(report.files, "file"),
        report.parsed,
        plural(report.count(Level::Error), "error"),
        plural(report.count(Level::Note), "note"),
        plural(report.problems.len(), "path not linted"),
    )
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
