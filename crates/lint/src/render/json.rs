//! The JSON format (docs/LINT.md, "JSON"). Stable: fields are only ever added, and
//! [`JSON_FORMAT_VERSION`] changes if one is renamed, removed or changes meaning. Version 2:
//! parse errors moved from `problems` (now only unreadable paths) to `warnings`; `silenced` and
//! `summary.warnings` added. Version 3: each file's behaviour is decided for a toolchain —
//! `toolchain` in findings and `silenced`; `semantics` groups files by behaviour, toolchain and
//! reason, with `toolchain`, `toolchain_source` and `paths`; `diagnostics` (what a toolchain
//! refuses or ignores), counted in `summary.errors` and `summary.notes`.

use std::io::{self, Write};

use serde::Serialize;

use gotime::release::GoVersion;

use crate::report::{Finding, Report};
use crate::rules::registry::Level;
use crate::syntax::Position;

/// The `version` field of the JSON document.
pub const JSON_FORMAT_VERSION: u32 = 3;

#[derive(Serialize)]
struct Document<'r> {
    version: u32,
    tool: &'static str,
    files: usize,
    parsed: usize,
    findings: Vec<JsonFinding<'r>>,
    diagnostics: Vec<JsonDiagnostic<'r>>,
    problems: Vec<JsonProblem<'r>>,
    warnings: Vec<JsonProblem<'r>>,
    semantics: Vec<JsonSemantics<'r>>,
    silenced: Vec<JsonSilenced>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonSilenced {
    rule: &'static str,
    semantics: &'static str,
    toolchain: Option<String>,
    count: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'r> {
    path: &'r str,
    line: usize,
    level: Level,
    toolchain: String,
    message: &'r str,
}

#[derive(Serialize)]
struct JsonFinding<'r> {
    path: &'r str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    rule: &'static str,
    level: Level,
    semantics: &'static str,
    toolchain: Option<String>,
    message: &'r str,
    go_issues: &'static [&'static str],
    demo: &'static str,
    related: Vec<JsonRelated<'r>>,
}

#[derive(Serialize)]
struct JsonRelated<'r> {
    line: usize,
    column: usize,
    message: &'r str,
}

#[derive(Serialize)]
struct JsonProblem<'r> {
    path: &'r str,
    message: &'r str,
}

#[derive(Serialize)]
struct JsonSemantics<'r> {
    semantics: &'static str,
    toolchain: Option<String>,
    toolchain_source: Option<&'static str>,
    reason: String,
    files: usize,
    paths: &'r [String],
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    notes: usize,
    warnings: usize,
    problems: usize,
    exit_code: u8,
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    let Position { line, column, .. } = f.start;
    JsonFinding {
        path: &f.path,
        line,
        column,
        end_line: f.end.line,
        end_column: f.end.column,
        rule: f.rule.id(),
        level: f.level,
        semantics: f.semantics.name(),
        toolchain: f.toolchain.map(GoVersion::go_name),
        message: &f.message,
        go_issues: f.rule.go_issues(),
        demo: f.demo(),
        related: f
            .related
            .iter()
            .map(|r| JsonRelated { line: r.start.line, column: r.start.column, message: &r.message })
            .collect(),
    }
}

/// Writes the report as one pretty-printed JSON document and a newline.
///
/// # Errors
///
/// Any error writing to `out`.
pub fn render_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let doc = Document {
        version: JSON_FORMAT_VERSION,
        tool: "timerlab lint",
        files: report.files,
        parsed: report.parsed,
        findings: report.findings.iter().map(finding).collect(),
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                path: &d.path,
                line: d.line,
                level: d.level,
                toolchain: d.toolchain.go_name(),
                message: &d.message,
            })
            .collect(),
        problems: report
            .problems
            .iter()
            .map(|p| JsonProblem { path: &p.path, message: &p.message })
            .collect(),
        warnings: report
            .warnings
            .iter()
            .map(|p| JsonProblem { path: &p.path, message: &p.message })
            .collect(),
        silenced: report
            .silenced
            .iter()
            .map(|s| JsonSilenced {
                rule: s.rule.id(),
                semantics: s.semantics.name(),
                toolchain: s.toolchain.map(GoVersion::go_name),
                count: s.count,
            })
            .collect(),
        semantics: report
            .semantics
            .iter()
            .map(|u| JsonSemantics {
                semantics: u.choice.semantics.name(),
                toolchain: u.choice.toolchain.as_ref().map(|t| t.version.go_name()),
                toolchain_source: u.choice.toolchain.as_ref().map(|t| t.from.kind()),
                reason: u.choice.to_string(),
                files: u.files,
                paths: &u.paths,
            })
            .collect(),
        summary: Summary {
            errors: report.count(Level::Error),
            notes: report.count(Level::Note),
            warnings: report.warnings.len(),
            problems: report.problems.len(),
            exit_code: report.status().code(),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}
