//! `--go`, `--go-mod`, `--godebug`: a run of a Go program says which behaviour it got and why,
//! prices its timers with that release's cost model, and its repro command names the exact
//! release; `--go all` compares every known release in one table.

use gotime::release::{cost_model, GoVersion};
use gotime::Semantics;
use serde_json::Value;

use super::json::assert_valid;
use super::{run, run_in, scratch};

/// The quick S1 leaky run, smaller: 20 users for 20 s never reach the budget.
const TINY: &[&str] = &["--preset", "quick", "--users", "20", "--duration", "20s"];

#[test]
fn a_go_1_22_run_reports_go_1_22s_behaviour_and_bytes_per_timer_in_text_and_json() {
    let args = [&["run", "s1", "leaky", "--go", "1.22"][..], TINY, &["--json"]].concat();
    let out = run(&args);
    let doc: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_valid(&doc);
    let run = &doc["runs"][0];
    let costs = cost_model(GoVersion::release(22, 10), Semantics::Async);
    assert_eq!(run["semantics"], "async");
    assert_eq!(run["toolchain"], "go1.22.10", "a bare 1.22 is the newest 1.22 release timerlab knows");
    assert_eq!(run["go_mod"], "1.22", "the module's go line is the toolchain's");
    assert_eq!(run["stop_race_69312"], false);
    assert_eq!(run["cost_model"]["channel_timer"], costs.channel_timer);
    assert_eq!(run["cost_model"]["func_timer"], costs.func_timer);
    let line = "go1.22.10, go.mod go 1.22 → no asynctimerchan before go1.23 → async";
    assert!(run["behaviour"].as_str().unwrap().starts_with(line), "{}", run["behaviour"]);
    // Every live timer of the leaky loop is a time.After, priced at Go 1.22's bytes.
    let site = &run["sites"][0];
    assert_eq!(site["bytes"], site["live"].as_u64().unwrap() * costs.channel_timer);
    assert!(out.stderr.contains(" run s1 leaky --go 1.22.10 --seed 7 "), "{}", out.stderr);
}

#[test]
fn the_behaviour_line_follows_the_params_and_the_repro_reproduces_a_go_program_exactly() {
    let flags = ["--go", "1.26", "--go-mod", "1.22", "--godebug", "asynctimerchan=2"];
    let first = run(&[&["run", "s1", "leaky"][..], &flags, TINY].concat());
    assert_eq!(first.code, 0, "{first:?}");
    let lines: Vec<&str> = first.stdout.lines().collect();
    let params_end = lines.iter().rposition(|l| l.starts_with("params:") || l.starts_with("    ")).unwrap();
    assert_eq!(
        lines[params_end + 1].split(';').next(),
        Some(
            "behaviour: go1.26.6, go.mod go 1.22 → asynctimerchan=2 (GODEBUG environment) → async-collected"
        )
    );
    let repro = lines[1].strip_prefix("repro: cargo run --release -p timerlab -- ").expect("a cargo command");
    assert_eq!(
        repro,
        "run s1 leaky --go 1.26.6 --go-mod 1.22 --godebug asynctimerchan=2 --seed 7 --preset quick --users 20 \
         --duration 20s"
    );
    let again = run(&repro.split(' ').collect::<Vec<_>>());
    assert_eq!(again.stdout, first.stdout);
}

#[test]
fn go_all_runs_every_known_release_on_its_go_line_and_on_go_1_22_where_that_keeps_the_old_timers() {
    let dir = scratch("go_all");
    let out = run_in(&dir, &["run", "s1", "leaky", "--go", "all", "--preset", "quick"]);
    assert_eq!(out.code, 0, "{out:?}");
    insta::assert_snapshot!("s1_leaky_go_all", out.stdout);
}

#[test]
fn replay_and_conform_take_a_go_program_and_say_which_behaviour_it_gave() {
    let dir = scratch("replay_go");
    std::fs::write(dir.join("stale.tl"), "timer t 1s\nadvance 2s\nstop t\nrecv t\n").unwrap();
    let old = run_in(&dir, &["replay", "stale.tl", "--go", "1.26.6", "--go-mod", "1.22"]);
    let async_ = run_in(&dir, &["replay", "stale.tl", "--semantics", "async"]);
    assert_eq!((old.code, &old.stdout), (0, &async_.stdout), "go 1.22 line: Go 1.22's timers");
    assert_eq!(
        old.stderr,
        "behaviour: go1.26.6, go.mod go 1.22 → asynctimerchan=1 (default for go < 1.23) → async\n"
    );
    let new = run_in(&dir, &["replay", "stale.tl", "--go", "1.27"]);
    assert_eq!(new.stdout, "stop t = true\nrecv t = empty\n", "Go 1.27: sync");
    // Go 1.23.0–1.23.1's Stop race (golang/go#69312) needs a second thread; a script has one.
    let raced = run_in(&dir, &["replay", "stale.tl", "--go", "1.23.1"]);
    assert_eq!(raced.stdout, "stop t = true\nrecv t = empty\n", "Go 1.23.1: sync");
    assert!(raced.stderr.contains("→ sync, with golang/go#69312"), "{}", raced.stderr);
    assert!(raced.stderr.ends_with(") (replayed without the race)\n"), "{}", raced.stderr);
    assert!(!new.stderr.contains("race"), "{}", new.stderr);
    let conform = run(&["conform", "--engine", "tokio", "--go", "1.26.6", "--godebug", "asynctimerchan=2"]);
    assert!(
        conform.stdout.starts_with(
            "behaviour: go1.26.6, go.mod go 1.26 → asynctimerchan=2 (GODEBUG environment) → async-collected\n"
        ),
        "{}",
        conform.stdout
    );
    assert!(conform.stdout.contains("claimed semantics: async-collected"), "{}", conform.stdout);
}
