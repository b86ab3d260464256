//! The simulator's own memory: every run has a cap on live timers (each one a real entry in
//! gotime's heap), and a config that would need far more memory stops at the cap with the
//! SIM-MEMORY-CAP verdict and a clear exit code instead of exhausting the machine
//! (docs/SCENARIOS.md, "The simulator's own memory cap"; docs/TESTING.md, "Hardening").

use std::process::Command;

use gotime::{GoDuration, Semantics};
use timerlab_sim::{run, Event, Preset, RunConfig, RunVerdict};

/// S2's leaky loop at 100,000 messages per second: every message leaves a 3-minute `time.After`
/// in async mode (golang/go#8898), so the plateau is 100,000 × 180 s = 18,000,000 live timers,
/// about 1.9 GB of the simulator at the ~108 B per live timer measured in docs/TESTING.md.
const RATE: u64 = 100_000;
const CAP: u64 = 20_000;
/// S2's monitor checks the cap once per turmoil tick (100 ms), so a run can overshoot the cap
/// by what one tick creates: at most one timer per message, `RATE` × 0.1 s, plus the messages
/// already queued in the 120-slot channel.
const OVERSHOOT: u64 = RATE / 10 + 120;

fn timerlab(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_timerlab")).args(args).output().expect("timerlab runs");
    (
        out.status.code().expect("timerlab exits with a code, not a signal"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn huge_leak(semantics: Semantics, cap: u64) -> RunConfig {
    RunConfig::new("s2", "leaky", semantics, 11)
        .with_preset(Preset::Quick)
        .with_param("rate", &RATE.to_string())
        .with_param("cap", &cap.to_string())
}

#[test]
fn a_leak_that_would_need_gigabytes_stops_at_the_cap_in_async_mode() {
    let r = run(&huge_leak(Semantics::Async, CAP), &mut |_, _| {}).expect("a valid config");
    assert_eq!(r.verdict, RunVerdict::SimMemoryCap { cap: CAP });
    assert!(r.peak_live >= CAP && r.peak_live <= CAP + OVERSHOOT, "peak {} live timers", r.peak_live);
    // At RATE timers per second the cap is reached within the first second of the fast phase.
    assert!(r.simulated <= GoDuration::from_secs(2), "stopped at {}", r.simulated);
    let last = r.events.last().expect("the cap event is the last");
    assert!(matches!(last.event, Event::SimMemoryCap { live, cap: CAP } if live >= CAP), "{last:?}");
}

#[test]
fn the_same_huge_rate_stays_bounded_under_the_cap_in_sync_mode() {
    // Go 1.23 collects an iteration's unreferenced After: at most the one the select waits on is
    // live, so the cap is never reached and the run goes to its end. A 10 s fast phase (about a
    // million messages, some 50 times the cap had they leaked) keeps the test fast.
    let config = huge_leak(Semantics::Sync, CAP)
        .with_param("duration", "1m")
        .with_param("fast-time", "10s")
        .with_param("stall-time", "40s");
    let r = run(&config, &mut |_, _| {}).expect("a valid config");
    assert_eq!(r.verdict, RunVerdict::Bounded);
    assert_eq!(r.simulated, GoDuration::from_mins(1));
    assert!(r.messages > 40 * CAP, "{} messages", r.messages);
    assert!(r.peak_live <= 1, "peak {} live timers", r.peak_live);
}

#[test]
fn the_cli_names_the_cap_and_exits_6_where_a_leak_is_expected() {
    let (code, stdout, stderr) = timerlab(&[
        "run",
        "s2",
        "leaky",
        "--semantics",
        "async",
        "--preset",
        "quick",
        "--set",
        &format!("rate={RATE}"),
        "--set",
        &format!("cap={CAP}"),
    ]);
    // The registry expects LEAK; the cap stopped the run before the plateau showed it, so the
    // expected verdict is not reproduced (docs/CLI.md, exit codes).
    assert_eq!(code, 6, "{stdout}\n{stderr}");
    assert!(stdout.contains("SIM-MEMORY-CAP (20000 live timers)"), "{stdout}");
    assert!(
        stdout.contains("UNEXPECTED s2/leaky/async: SIM-MEMORY-CAP (20000 live timers), expected LEAK"),
        "{stdout}"
    );
    assert!(stdout.ends_with("result: 1 run, 0 as expected: not-reproduced (exit 6)\n"), "{stdout}");
}

#[test]
fn the_cli_exits_3_when_the_cap_stops_a_run_that_should_be_bounded() {
    // stop-drain-reset keeps one timer; a cap of 1 is reached at the first check: a leak
    // verdict where none is expected.
    let (code, stdout, stderr) = timerlab(&[
        "run",
        "s2",
        "stop-drain-reset",
        "--semantics",
        "sync",
        "--preset",
        "quick",
        "--set",
        "cap=1",
        "--json",
    ]);
    assert_eq!(code, 3, "{stdout}\n{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("report.json on stdout");
    assert_eq!(json["outcome"], "unexpected-leak");
    let verdict = &json["runs"][0]["verdict"];
    assert_eq!(verdict["kind"], "sim-memory-cap", "{verdict}");
    assert_eq!(verdict["cap"], 1, "{verdict}");
    assert_eq!(json["runs"][0]["mismatch"], "unexpected-leak");
}

#[test]
fn the_default_cap_is_two_million_live_timers_in_every_scenario_and_preset() {
    // ~108 B of the simulator per live timer (measured, docs/TESTING.md): about 215 MiB at the
    // default cap, and the largest cap accepted (50,000,000) about 5.3 GiB, both well inside a
    // 2-core, 24 GiB machine even with two runs at once.
    for spec in timerlab_sim::scenarios() {
        let cap = spec.params.iter().find(|p| p.name == "cap").expect("every scenario has a cap");
        assert_eq!(
            (cap.default, cap.quick, cap.range),
            ("2000000", "2000000", "1..=50000000"),
            "{}",
            spec.name
        );
    }
}
