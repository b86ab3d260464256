//! The three output formats, on the `modules` corpus (one module per way Go decides the
//! behaviour, some with settings their toolchain refuses).

use std::path::PathBuf;

use serde_json::Value;
use timerlab_lint::{
    lint_paths, render_json, render_sarif, render_text, render_text_summary, Options, Report, Rule,
};

fn report() -> Report {
    lint_paths(
        &[PathBuf::from("tests/corpus/modules"), PathBuf::from("tests/corpus/broken")],
        &Options::default(),
    )
}

fn text(render: fn(&Report, &mut dyn std::io::Write) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    render(&report(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn text_lines_are_path_line_col_rule_and_a_short_message() {
    let out = text(render_text);
    let mut toolchain_lines = 0;
    for line in out.lines() {
        let mut parts = line.splitn(3, ": ");
        let place = parts.next().unwrap();
        let (path, rest) = place.split_once(':').unwrap();
        let (l, c) = rest.split_once(':').unwrap();
        assert!(l.parse::<u32>().is_ok() && c.parse::<u32>().is_ok(), "{line}");
        let id = parts.next().unwrap();
        let message = parts.next().unwrap();
        assert!(!message.starts_with("error"), "errors are the default and not named: {line}");
        if id == "toolchain" {
            // Go's own message, after the toolchain that gives it: as long as Go makes it.
            assert!(
                path.ends_with(".go") || path.ends_with("/go.mod") || path.ends_with("/go.work"),
                "{line}"
            );
            assert!(message.starts_with("note: ") || message.contains(" refuses it: "), "{line}");
            toolchain_lines += 1;
            continue;
        }
        assert!(path.ends_with(".go"), "{line}");
        assert!(Rule::from_id(id).is_some(), "{line}");
        assert!(message.len() < 110, "a short message, --explain has the rest: {line}");
    }
    assert_eq!(toolchain_lines, report().diagnostics.len());
    assert!(out.starts_with(&format!("{}:", report().diagnostics[0].path)), "diagnostics come first");
    insta::assert_snapshot!("text", out);
}

#[test]
fn the_text_summary_names_problems_and_the_semantics_of_each_group_of_files() {
    insta::assert_snapshot!("text_summary", text(render_text_summary));
}

#[test]
fn json_is_one_versioned_document_with_findings_problems_semantics_and_a_summary() {
    let out = text(render_json);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["version"], 3);
    assert_eq!(doc["summary"]["exit_code"], 1, "errors; the parse error is a warning");
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), report().findings.len());
    for f in findings {
        for key in [
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "rule",
            "level",
            "semantics",
            "toolchain",
            "message",
        ] {
            assert!(!f[key].is_null(), "{key} in {f}");
        }
        assert!(f["demo"].as_str().unwrap().starts_with("timerlab "));
        assert!(f["go_issues"][0].as_str().unwrap().starts_with("golang/go#"));
    }
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), report().diagnostics.len());
    for d in diagnostics {
        for key in ["path", "line", "level", "toolchain", "message"] {
            assert!(!d[key].is_null(), "{key} in {d}");
        }
    }
    // Every file checked is in exactly one group, with its behaviour and toolchain.
    let groups = doc["semantics"].as_array().unwrap();
    let paths: usize = groups.iter().map(|g| g["paths"].as_array().unwrap().len()).sum();
    assert_eq!(paths, doc["files"].as_u64().unwrap() as usize);
    for g in groups {
        assert!(g["toolchain"].as_str().unwrap().starts_with("go1."), "{g}");
        assert!(g["toolchain_source"].is_string() && g["reason"].is_string(), "{g}");
        assert_eq!(g["files"].as_u64().unwrap() as usize, g["paths"].as_array().unwrap().len());
    }
    assert_eq!(doc["problems"].as_array().map(Vec::len), Some(0));
    assert_eq!(doc["warnings"][0]["path"], "tests/corpus/broken/bad.go");
    assert_eq!(doc["silenced"][0]["rule"], "reset-without-drain");
    assert!(doc["silenced"][0]["toolchain"].is_string());
    insta::assert_snapshot!("json", out);
}

#[test]
fn sarif_has_every_field_code_scanning_requires() {
    let out = text(render_sarif);
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "timerlab-lint");
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids[..Rule::ALL.len()], Rule::ALL.map(Rule::id));
    assert_eq!(ids[Rule::ALL.len()..], ["toolchain"], "what a toolchain refuses or ignores");
    for r in rules {
        assert!(r["shortDescription"]["text"].is_string() && r["fullDescription"]["text"].is_string());
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), report().findings.len() + report().diagnostics.len());
    for res in results {
        let rule = res["ruleId"].as_str().unwrap();
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ids[index], rule, "ruleIndex points at the rule");
        assert!(["error", "warning", "note", "none"].contains(&res["level"].as_str().unwrap()));
        assert!(res["message"]["text"].is_string());
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            uri.ends_with(".go") || (rule == "toolchain" && uri.ends_with(".mod") || uri.ends_with(".work")),
            "{uri}"
        );
        let region = &loc["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        // A finding points at its code; a toolchain diagnostic at its whole line.
        assert!(rule == "toolchain" || region["startColumn"].as_u64().unwrap() >= 1, "{res}");
    }
    let notes = runs[0]["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(
        notes.len(),
        3,
        "the parse error, newer/go.mod's go line newer than timerlab knows, toolchain121/go.mod's language version"
    );
    assert!(notes.iter().all(|n| n["level"] == "warning"));
    assert_eq!(runs[0]["invocations"][0]["executionSuccessful"], true);
    insta::assert_snapshot!("sarif", out);
}

#[test]
fn sarif_columns_count_utf16_units_and_text_columns_count_bytes() {
    let go = "package p\n\nimport \"time\"\n\nfunc f(in chan int) {\n\tfor {\n\t\tselect {\n\t\tcase <-in:\n\t\t/* é𝄞 */ case <-time.After(1):\n\t\t}\n\t}\n}\n";
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lint-utf16");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("u.go"), go).unwrap();
    let report = lint_paths(&[dir.join("u.go")], &Options::default());
    let f = &report.findings[0];
    // Two tabs, "/* ", é (2 bytes, 1 unit), 𝄞 (4 bytes, 2 units), " */ case <-": time is at
    // byte column 2+3+2+4+11+1 = 23 and UTF-16 column 2+3+1+2+11+1 = 20.
    assert_eq!((f.start.line, f.start.column, f.start.column_utf16), (9, 23, 20));
    let mut out = Vec::new();
    render_sarif(&report, &mut out).unwrap();
    let log: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"], 20);
}
