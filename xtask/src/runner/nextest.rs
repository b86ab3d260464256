//! The runner when cargo-nextest is installed: `cargo nextest run`, which reads the limits from
//! `.config/nextest.toml` itself, then its JUnit report, so a test killed at its limit is named
//! at the end with the limit, its seed lines and a cargo-only repro, as the libtest runner does.

use std::path::Path;
use std::process::Command;

use super::limits::{Limits, TestId, CONFIG};
use super::report::{repro, Problem, Summary, Verdict};
use crate::cmd::cargo;

/// Is `cargo nextest` installed?
pub(crate) fn available() -> bool {
    let mut cmd = cargo();
    cmd.args(["nextest", "--version"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd.status().is_ok_and(|s| s.success())
}

/// `cargo nextest run ARGS` (with `env`) in nextest's `profile`, then the JUnit report it wrote in
/// its store under `workspace`. The store is `target/nextest` of the workspace whatever target
/// directory the build uses (nextest's `[store] dir` default is relative to the workspace root:
/// the loom models, built in `target/loom`, report there too), a directory per profile: two runs
/// at once need two profiles. With `printed`, nextest's output is appended there instead of
/// going to the terminal (a run beside another).
pub(crate) fn run(
    args: &[&str],
    env: &[(&str, &str)],
    workspace: &Path,
    limits: &Limits,
    profile: &str,
    printed: Option<&mut String>,
) -> Result<Summary, String> {
    let report = workspace.join(format!("target/nextest/{profile}/junit.xml"));
    let _ = std::fs::remove_file(&report);
    let mut cmd: Command = cargo();
    cmd.args(["nextest", "run", "--no-fail-fast", "--no-tests=fail", "--profile", profile])
        .args(args)
        .envs(env.iter().copied());
    let line = format!("$ {cmd:?}");
    let status = match printed {
        None => {
            eprintln!("{line}");
            cmd.status().map_err(|e| format!("cannot run {cmd:?}: {e}"))?
        }
        Some(printed) => {
            let output = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
            printed.push_str(&line);
            printed.push('\n');
            printed.push_str(&String::from_utf8_lossy(&output.stdout));
            printed.push_str(&String::from_utf8_lossy(&output.stderr));
            output.status
        }
    };
    let xml = std::fs::read_to_string(&report).map_err(|e| {
        format!(
            "{cmd:?} exited with {status} and wrote no JUnit report at {} ({e}): see its output above",
            report.display()
        )
    })?;
    let summary = parse_junit(&xml, limits)?;
    if !status.success() && summary.problems.is_empty() {
        return Err(format!(
            "{cmd:?} failed with {status}, yet its report names no failed test (see {CONFIG})"
        ));
    }
    Ok(summary)
}

/// Passed tests and problems from nextest's JUnit report: a `<testsuite>` per binary, a
/// `<testcase>` per test, a `<failure>` or `<error>` child when it did not pass.
fn parse_junit(xml: &str, limits: &Limits) -> Result<Summary, String> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| format!("nextest's JUnit report: {e}"))?;
    let mut summary = Summary::default();
    for suite in doc.descendants().filter(|n| n.has_tag_name("testsuite")) {
        let binary_id = suite.attribute("name").unwrap_or_default();
        for case in suite.children().filter(|n| n.has_tag_name("testcase")) {
            let name = case.attribute("name").unwrap_or_default();
            let failure = case.children().find(|n| n.has_tag_name("failure") || n.has_tag_name("error"));
            let skipped = case.children().any(|n| n.has_tag_name("skipped"));
            let Some(failure) = failure else {
                summary.passed += usize::from(!skipped);
                continue;
            };
            let said = format!(
                "{} {}",
                failure.attribute("type").unwrap_or_default(),
                failure.attribute("message").unwrap_or_default()
            );
            let package = binary_id.split("::").next().unwrap_or(binary_id);
            let verdict = if said.to_ascii_lowercase().contains("timeout") {
                Verdict::TimedOut { limit: limits.of(TestId { package, binary_id, name }) }
            } else {
                Verdict::Failed
            };
            let output: String = case
                .descendants()
                .filter(|n| n.has_tag_name("system-out") || n.has_tag_name("system-err"))
                .filter_map(|n| n.text())
                .collect::<Vec<_>>()
                .join("\n");
            summary.problems.push(Problem {
                test: format!("{binary_id} {name}"),
                verdict,
                repro: repro(binary_id, name),
                output,
            });
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: &str = "[profile.default]\nslow-timeout = { period = \"30s\", terminate-after = 2 }\n";

    #[test]
    fn the_junit_report_gives_the_counts_the_failures_and_the_timeouts_with_their_limits() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="nextest-run" tests="3" failures="2" errors="0">
  <testsuite name="timerlab-sim::scenarios" tests="3" disabled="0" errors="0" failures="2">
    <testcase name="s1::ok" classname="timerlab-sim::scenarios" timestamp="x" time="0.1"/>
    <testcase name="hang_check::blocks" classname="timerlab-sim::scenarios" timestamp="x" time="5.0">
      <failure type="test timeout">test timeout</failure>
      <system-out>seed=7 repro: cargo run -p timerlab -- run s1 --seed 7</system-out>
      <system-err></system-err>
    </testcase>
    <testcase name="s2::bad" classname="timerlab-sim::scenarios" timestamp="x" time="0.1">
      <failure type="test failure with exit code 101">thread panicked</failure>
    </testcase>
  </testsuite>
</testsuites>"#;
        let limits = Limits::parse(LIMITS).unwrap();
        let summary = parse_junit(xml, &limits).unwrap();
        assert_eq!(summary.passed, 1);
        let [hang, bad] = &summary.problems[..] else { panic!("{summary:?}") };
        assert_eq!(hang.verdict, Verdict::TimedOut { limit: std::time::Duration::from_secs(60) });
        assert_eq!(
            hang.repro,
            "cargo test -p timerlab-sim --test scenarios -- --exact 'hang_check::blocks' --include-ignored"
        );
        assert!(hang.describe().contains("seed=7"), "{}", hang.describe());
        assert_eq!(bad.verdict, Verdict::Failed);
    }
}
