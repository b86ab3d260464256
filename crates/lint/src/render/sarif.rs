//! SARIF 2.1.0 (OASIS), the format code-scanning services read: one run whose driver lists
//! every rule; one result per finding; problems as tool execution notifications. Columns are in
//! UTF-16 code units (`columnKind`), which is what those services count.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::report::{Report, Status};
use crate::rules::registry::Rule;
use crate::syntax::Position;

/// The `$schema` of the document.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes the report as a SARIF 2.1.0 log and a newline.
///
/// # Errors
///
/// Any error writing to `out`.
pub fn render_sarif(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "name": r.id(),
                "shortDescription": { "text": r.title() },
                "fullDescription": { "text": r.explanation() },
                "help": { "text": format!(
                    "{} Simulation: {} (and with --semantics sync). Go issues: {}.",
                    r.explanation(),
                    r.demo(gotime::Semantics::Async),
                    r.go_issues().join(", ")
                ) },
                // The highest level the rule has in either semantics (sync-drain speaks only under sync).
                "defaultConfiguration": {
                    "level": gotime::Semantics::BOTH
                        .into_iter()
                        .filter_map(|s| r.level_under(s))
                        .min()
                        .map_or("none", |l| l.name())
                },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
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
                "properties": { "semantics": f.semantics.name(), "demo": f.demo(), "goIssues": f.rule.go_issues() },
            })
        })
        .collect();
    let notification = |level: &str, p: &crate::report::Problem| {
        json!({
            "level": level,
            "message": { "text": p.message },
            "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&p.path) } } }],
        })
    };
    let notifications: Vec<Value> = report
        .problems
        .iter()
        .map(|p| notification("error", p))
        .chain(report.warnings.iter().map(|p| notification("warning", p)))
        .collect();
    let silenced: Vec<Value> = report
        .silenced
        .iter()
        .map(|s| json!({ "rule": s.rule.id(), "semantics": s.semantics.name(), "count": s.count }))
        .collect();
    let semantics: Vec<Value> = report
        .semantics
        .iter()
        .map(|u| json!({ "semantics": u.choice.semantics.name(), "reason": u.choice.to_string(), "files": u.files }))
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
