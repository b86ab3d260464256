//! The three output formats, on the `modules` corpus (one file per way of choosing semantics).

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
    for line in out.lines() {
        let mut parts = line.splitn(3, ": ");
        let place = parts.next().unwrap();
        let (path, rest) = place.split_once(':').unwrap();
        let (l, c) = rest.split_once(':').unwrap();
        assert!(path.ends_with(".go") && l.parse::<u32>().is_ok() && c.parse::<u32>().is_ok(), "{line}");
        assert!(Rule::from_id(parts.next().unwrap()).is_some(), "{line}");
        let message = parts.next().unwrap();
        assert!(!message.starts_with("error"), "errors are the default and not named: {line}");
        assert!(message.len() < 110, "a short message, --explain has the rest: {line}");
    }
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
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["summary"]["exit_code"], 1, "errors; the parse error is a warning");
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), report().findings.len());
    for f in findings {
        for key in
            ["path", "line", "column", "end_line", "end_column", "rule", "level", "semantics", "message"]
        {
            assert!(!f[key].is_null(), "{key} in {f}");
        }
        assert!(f["demo"].as_str().unwrap().starts_with("timerlab "));
        assert!(f["go_issues"][0].as_str().unwrap().starts_with("golang/go#"));
    }
    assert_eq!(doc["problems"].as_array().map(Vec::len), Some(0));
    assert_eq!(doc["warnings"][0]["path"], "tests/corpus/broken/bad.go");
    assert_eq!(doc["silenced"][0]["rule"], "reset-without-drain");
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
    assert_eq!(ids, Rule::ALL.map(Rule::id));
    for r in rules {
        assert!(r["shortDescription"]["text"].is_string() && r["fullDescription"]["text"].is_string());
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), report().findings.len());
    for res in results {
        let rule = res["ruleId"].as_str().unwrap();
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ids[index], rule, "ruleIndex points at the rule");
        assert!(["error", "warning", "note", "none"].contains(&res["level"].as_str().unwrap()));
        assert!(res["message"]["text"].is_string());
        let loc = &res["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].as_str().unwrap().ends_with(".go"));
        let region = &loc["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1 && region["startColumn"].as_u64().unwrap() >= 1);
    }
    let notes = runs[0]["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "the parse error");
    assert_eq!(notes[0]["level"], "warning");
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
