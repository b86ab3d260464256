//! Every rule points at a simulation that exists, and docs/LINT.md documents every rule.

use gotime::Semantics;
use timerlab_lint::Rule;

use super::crate_dir;

fn workspace() -> std::path::PathBuf {
    crate_dir().join("../..")
}

#[test]
fn every_demo_command_names_a_registered_scenario_variant_or_an_existing_script() {
    for rule in Rule::ALL {
        for s in Semantics::BOTH {
            check_demo(rule.demo(s), s);
        }
    }
}

/// The demos of the corpus's findings: some shapes of a rule point at a simulation of their own.
#[test]
fn every_finding_of_the_corpus_points_at_a_simulation_that_exists() {
    let snapshots = crate_dir().join("tests/lint/snapshots");
    let mut seen = 0;
    for entry in std::fs::read_dir(&snapshots).expect("the snapshots directory") {
        let text = std::fs::read_to_string(entry.expect("an entry").path()).expect("a snapshot");
        // `see: COMMAND`, in the rules' list followed by `  (golang/go#N)`.
        let demos = text.lines().filter_map(|l| l.trim().strip_prefix("see: "));
        for demo in demos.map(|d| d.split("  (").next().unwrap_or(d)) {
            let name = demo.split_whitespace().last().expect("a semantics");
            let s: Semantics = name.parse().unwrap_or_else(|e| panic!("{demo}: {e}"));
            check_demo(demo, s);
            seen += 1;
        }
    }
    assert!(seen > 100, "only {seen} demos in the corpus snapshots");
}

/// `demo` is a `timerlab run` of a registered scenario variant or a `timerlab replay` of a
/// script with a golden output under `s` (async-collected shares async's and sync's scripts).
fn check_demo(demo: &str, s: Semantics) {
    let words: Vec<&str> = demo.split_whitespace().collect();
    assert_eq!(&words[words.len() - 2..], ["--semantics", s.name()], "{demo}");
    match words[..words.len() - 2] {
        ["timerlab", "run", scenario, variant] => {
            let registry = workspace().join("sim/src/scenarios").join(scenario).join("mod.rs");
            let source = std::fs::read_to_string(&registry)
                .unwrap_or_else(|e| panic!("{demo}: {}: {e}", registry.display()));
            assert!(source.contains(&format!("name: \"{scenario}\"")), "{demo}: no scenario {scenario}");
            assert!(source.contains(&format!("name: \"{variant}\"")), "{demo}: no variant {variant}");
        }
        ["timerlab", "replay", script] => {
            let path = workspace().join(script);
            assert!(path.is_file(), "{demo}: no script {script}");
            // The script has a golden output per semantics: it shows the behaviour in both.
            for s in Semantics::BOTH.into_iter().filter(|b| *b == s || s == Semantics::AsyncCollected) {
                let golden = path.with_extension(format!("{}.out", s.name()));
                assert!(golden.is_file(), "{demo}: no {}", golden.display());
            }
        }
        _ => panic!("{demo}: not a timerlab run/replay command"),
    }
}

#[test]
fn the_scripts_behind_the_rules_show_what_the_rules_say() {
    let golden = |name: &str, s: Semantics| {
        std::fs::read_to_string(workspace().join(format!("scripts/semantics/{name}.{}.out", s.name())))
            .unwrap()
    };
    // tick-leak: the dropped Tick stays live in async mode only.
    assert!(golden("tick_unreferenced_never_collected", Semantics::Async).contains("live = 1"));
    assert!(golden("tick_unreferenced_never_collected", Semantics::Sync).contains("live = 0"));
    // blocking-drain: after a receive, the drain deadlocks in both modes.
    for s in Semantics::BOTH {
        assert!(golden("timer_drain_after_receive_blocks_forever", s).contains("wait t = deadlock"));
    }
    // blocking-drain's stranded goroutines: a timer stopped before it fires never sends; a
    // stopped ticker never ticks again, so the last receive waits forever.
    for s in Semantics::BOTH {
        let out = golden("timer_stop_pending", s);
        assert!(out.contains("stop t = true\nrecv t = empty"), "{out}");
        assert!(golden("ticker_stop_keeps_buffered_tick", s).ends_with("wait k = deadlock\n"));
    }
    // skipped-rearm: a received timer is never sent again until a Reset re-arms it.
    for s in Semantics::BOTH {
        let out = golden("timer_fires_once_until_reset", s);
        assert!(out.contains("recv t = empty\nwait t = deadlock\nreset t = false\nwait t = @13s"), "{out}");
    }
}

#[test]
fn docs_lint_md_describes_every_rule_with_its_issues_and_simulations() {
    let doc = std::fs::read_to_string(workspace().join("docs/LINT.md")).expect("docs/LINT.md");
    for rule in Rule::ALL {
        assert!(doc.contains(&format!("### `{}`", rule.id())), "no section for {}", rule.id());
        for issue in rule.go_issues() {
            assert!(doc.contains(issue.trim_start_matches("golang/go")), "{}: {issue}", rule.id());
        }
        for s in Semantics::BOTH {
            let demo = rule.demo(s).trim_start_matches("timerlab ");
            assert!(doc.contains(demo), "{}: {demo}", rule.id());
        }
    }
}

#[test]
fn the_real_code_manifest_pins_every_repository_and_judges_every_finding_with_a_known_rule() {
    let manifest = std::fs::read_to_string(crate_dir().join("tests/realcode/MANIFEST.toml")).unwrap();
    let value = |line: &str, key: &str| {
        line.strip_prefix(key).and_then(|v| v.strip_prefix(" = ")).map(|v| v.trim_matches('"').to_owned())
    };
    let (mut repos, mut findings) = (Vec::new(), 0);
    let mut section = "";
    for line in manifest.lines() {
        match line {
            "[[repo]]" | "[[finding]]" | "[before]" => {
                section = line;
                findings += usize::from(line == "[[finding]]");
                continue;
            }
            _ => {}
        }
        if section == "[[repo]]" {
            if let Some(commit) = value(line, "commit") {
                assert!(commit.len() == 40 && commit.chars().all(|c| c.is_ascii_hexdigit()), "{line}");
            }
            repos.extend(value(line, "name"));
        }
        if section == "[[finding]]" {
            if let Some(rule) = value(line, "rule") {
                assert!(Rule::from_id(&rule).is_some(), "{line}");
            }
            if let Some(verdict) = value(line, "verdict") {
                assert!(["true", "false", "debatable"].contains(&verdict.as_str()), "{line}");
            }
            if let Some(repo) = value(line, "repo") {
                assert!(repos.contains(&repo), "{repo} is pinned before its findings");
            }
        }
    }
    assert!(repos.len() >= 17, "{repos:?}");
    assert!(findings > 200, "{findings}");
}
