//! SARIF 2.1.0 (OASIS), the format code-scanning services read: one run whose driver lists
//! every rule and `toolchain` (what a toolchain refuses or ignores in a module's settings); one
//! result per diagnostic and per finding; problems as tool execution notifications. Columns are
//! in UTF-16 code units (`columnKind`), which is what those services count.

use std::io::{self, Write};

use serde_json::{json, Value};

use gotime::release::GoVersion;
use gotime::Semantics;

use crate::report::{Diagnostic, Report, Status};
use crate::rules::registry::{Level, Rule};
use crate::syntax::Position;

/// The `$schema` of the document.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The rule id of diagnostics: a setting the toolchain refuses or ignores.
const TOOLCHAIN: &str = "toolchain";

/// Writes the report as a SARIF 2.1.0 log and a newline.
///
/// # Errors
///
/// Any error writing to `out`.
pub fn render_sarif(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "name": r.id(),
                "shortDescription": { "text": r.title() },
                "fullDescription": { "text": r.explanation() },
                "help": { "text": format!(
                    "{} Simulation: {} (and with --semantics async-collected or sync).{}",
                    r.explanation(),
                    r.demo(Semantics::Async),
                    match r.go_issues() {
                        [] => String::new(),
                        issues => format!(" Go issues: {}.", issues.join(", ")),
                    }
                ) },
                // The highest level the rule has in any behaviour (sync-drain speaks only under sync).
                "defaultConfiguration": {
                    "level": Semantics::ALL
                        .into_iter()
                        .filter_map(|s| r.level_under(s))
                        .min()
                        .map_or("none", |l| l.name())
                },
            })
        })
        .collect();
    rules.push(json!({
        "id": TOOLCHAIN,
        "name": TOOLCHAIN,
        "shortDescription": { "text": "a timer setting the toolchain refuses or ignores" },
        "fullDescription": { "text": "A go.mod, go.work or //go:debug asynctimerchan setting, or a go line, that \
            the toolchain refuses (the build or the program's start fails; the message is Go's), or \
            a //go:debug line outside package main, which Go applies only to that package's tests." },
        "help": { "text": "docs/LINT.md, \"Which behaviour\"." },
        "defaultConfiguration": { "level": "error" },
    }));
    // A refusal of a flag (`--godebug` on Go 1.27) is about the invocation, not the code.
    let (in_files, of_flags): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        report.diagnostics.iter().partition(|d| d.line > 0);
    let diagnostics = in_files.into_iter().map(|d| diagnostic(d, Rule::ALL.len()));
    let results: Vec<Value> = diagnostics
        .chain(report.findings.iter().map(|f| {
            let rule_index = Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0);
            let related: Vec<Value> = f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    json!({
                        "id": i,
                        "physicalLocation": physical(&f.path, r.start, r.end),
                        "message": { "text": r.message },
                    })
                })
                .collect();
            json!({
                "ruleId": f.rule.id(),
                "ruleIndex": rule_index,
                "level": f.level.name(),
                "message": { "text": f.message },
                "locations": [{ "physicalLocation": physical(&f.path, f.start, f.end) }],
                "relatedLocations": related,
                "properties": {
                    "semantics": f.semantics.name(),
                    "toolchain": f.toolchain.map(GoVersion::go_name),
                    "demo": f.demo(),
                    "goIssues": f.rule.go_issues(),
                },
            })
        }))
        .collect();
    let notification = |level: &str, p: &crate::report::Problem| {
        json!({
            "level": level,
            "message": { "text": p.message },
            "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&p.path) } } }],
        })
    };
    let notifications: Vec<Value> = of_flags
        .into_iter()
        .map(|d| {
            json!({
                "level": d.level.name(),
                "message": { "text": format!("{}: {} refuses it: {}", d.path, d.toolchain.go_name(), d.message) },
            })
        })
        .chain(report.problems.iter().map(|p| notification("error", p)))
        .chain(report.warnings.iter().map(|p| notification("warning", p)))
        .collect();
    let silenced: Vec<Value> = report
        .silenced
        .iter()
        .map(|s| {
            json!({
                "rule": s.rule.id(),
                "semantics": s.semantics.name(),
                "toolchain": s.toolchain.map(GoVersion::go_name),
                "count": s.count,
            })
        })
        .collect();
    let semantics: Vec<Value> = report
        .semantics
        .iter()
        .map(|u| {
            json!({
                "semantics": u.choice.semantics.name(),
                "toolchain": u.choice.toolchain.as_ref().map(|t| t.version.go_name()),
                "toolchainSource": u.choice.toolchain.as_ref().map(|t| t.from.kind()),
                "reason": u.choice.to_string(),
                "files": u.files,
                "paths": u.paths,
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "timerlab-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/timerlab/timerlab/blob/main/docs/LINT.md",
                "rules": rules,
            } },
            "columnKind": "utf16CodeUnits",
            "results": results,
            "invocations": [{
                "executionSuccessful": report.status() != Status::BadInput,
                "toolExecutionNotifications": notifications,
            }],
            "properties": { "semantics": semantics, "silenced": silenced },
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

/// A diagnostic as a result of the `toolchain` rule, on its whole line (a region with only a
/// `startLine` covers the line).
fn diagnostic(d: &Diagnostic, rule_index: usize) -> Value {
    let location = json!({ "physicalLocation": {
        "artifactLocation": { "uri": uri(&d.path) },
        "region": { "startLine": d.line },
    } });
    json!({
        "ruleId": TOOLCHAIN,
        "ruleIndex": rule_index,
        "level": d.level.name(),
        "message": { "text": match d.level {
            // Go's words, after the toolchain that says them; a note names its toolchain itself.
            Level::Error => format!("{} refuses it: {}", d.toolchain.go_name(), d.message),
            Level::Note => d.message.clone(),
        } },
        "locations": [location],
        "properties": { "toolchain": d.toolchain.go_name() },
    })
}

fn physical(path: &str, start: Position, end: Position) -> Value {
    json!({
        "artifactLocation": { "uri": uri(path) },
        "region": {
            "startLine": start.line,
            "startColumn": start.column_utf16,
            "endLine": end.line,
            "endColumn": end.column_utf16,
        },
    })
}

/// A URI for a path — relative for a relative path, `file://` for an absolute one — with `/`
/// separators, `./` dropped, and every byte outside RFC 3986's unreserved set (and `/`)
/// percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    // An absolute path becomes a file URI.
    let mut out = if path.starts_with('/') { "file://".to_owned() } else { String::new() };
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_relative_uris_with_reserved_bytes_percent_encoded() {
        assert_eq!(uri("./cmd/server/main.go"), "cmd/server/main.go");
        assert_eq!(uri("my dir/a#b.go"), "my%20dir/a%23b.go");
        assert_eq!(uri("héllo.go"), "h%C3%A9llo.go");
        assert_eq!(uri("/src/x.go"), "file:///src/x.go");
    }
}
