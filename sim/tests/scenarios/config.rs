//! Bad configs are one-line errors naming the valid choices or range; the simulator's own cap
//! stops a run with its own verdict instead of exhausting the machine.

use gotime::{GoDuration, Semantics};
use timerlab_sim::{run, scenarios, ConfigError, Event, Preset, RunConfig, RunVerdict};

fn error(config: RunConfig) -> String {
    let err: ConfigError = run(&config, &mut |_, _| {}).expect_err("an invalid config");
    let message = err.to_string();
    assert!(!message.contains('\n'), "one line: {message}");
    message
}

#[test]
fn an_unknown_scenario_names_the_registered_ones() {
    let message = error(RunConfig::new("s9", "leaky", Semantics::Async, 1));
    assert_eq!(message, "unknown scenario \"s9\" (valid: s1, s2, s3)");
}

#[test]
fn an_unknown_variant_names_the_scenarios_variants() {
    let message = error(RunConfig::new("s2", "nope", Semantics::Async, 1));
    assert_eq!(
        message,
        "scenario s2 has no variant \"nope\" (valid: leaky, hoisted, reset-no-drain, stop-drain-reset)"
    );
}

#[test]
fn an_unknown_parameter_names_the_valid_ones() {
    let message = error(RunConfig::new("s1", "leaky", Semantics::Async, 1).with_param("colour", "red"));
    assert!(
        message.starts_with("scenario s1 has no parameter \"colour\" (valid: users, duration, ramp,"),
        "{message}"
    );
}

#[test]
fn each_engine_has_its_own_users_limit() {
    let s1 = |engine: &str, users: u32| {
        let mut config = RunConfig::new("s1", "reset", Semantics::Sync, 1)
            .with_preset(Preset::Quick)
            .with_param("engine", engine)
            .with_param("duration", "10s")
            .with_param("ramp-time", "2s")
            .with_param("budget", "1GiB");
        config.users = Some(users);
        config
    };
    assert_eq!(error(s1("turmoil", 20_001)), "invalid users \"20001\": expected an integer in 1..=20000");
    assert_eq!(
        error(s1("events", 1_000_001)),
        "invalid users \"1000001\": expected an integer in 1..=1000000"
    );
    let beyond_turmoil =
        run(&s1("events", 20_001), &mut |_, _| {}).expect("within the events engine's limit");
    assert_eq!(beyond_turmoil.peak_live, 20_001, "every user connected, one timer each");
}

#[test]
fn out_of_range_values_name_the_valid_range() {
    let mut config = RunConfig::new("s1", "leaky", Semantics::Async, 1);
    config.users = Some(0);
    assert_eq!(error(config), "invalid users \"0\": expected an integer in 1..=20000");
    let config = RunConfig::new("s1", "stop", Semantics::Sync, 1).with_param("budget", "16MB");
    assert_eq!(
        error(config),
        "invalid budget \"16MB\": expected a size such as 16MiB, 512KiB or 300B in 1024..=68719476736 bytes"
    );
    let config = RunConfig::new("s1", "stop", Semantics::Sync, 1).with_param("ramp", "steps:0");
    assert_eq!(error(config), "invalid ramp \"steps:0\": expected linear or steps:K with K in 1..=100");
    let mut config = RunConfig::new("s2", "leaky", Semantics::Sync, 1);
    config.duration = Some(GoDuration::from_secs(5));
    assert_eq!(error(config), "invalid duration \"5s\": expected a Go duration in 1m0s..=2h0m0s");
    let mut config = RunConfig::new("s2", "leaky", Semantics::Sync, 1);
    config.sample_every = Some(GoDuration::ZERO);
    assert_eq!(error(config), "invalid sample-every \"0s\": expected a positive Go duration");
}

#[test]
fn the_simulator_cap_stops_a_leaking_run_with_its_own_verdict() {
    let config = RunConfig::new("s2", "leaky", Semantics::Async, 3)
        .with_preset(Preset::Quick)
        .with_param("cap", "5000");
    let r = run(&config, &mut |_, _| {}).unwrap();
    assert_eq!(r.verdict, RunVerdict::SimMemoryCap { cap: 5_000 });
    assert!(r.simulated < GoDuration::from_mins(1), "stopped early, at {}", r.simulated);
    assert!(r
        .events
        .iter()
        .any(|e| matches!(e.event, Event::SimMemoryCap { live, cap: 5_000 } if live >= 5_000)));
    let text = timerlab_sim::render_trace(&r);
    assert!(text.contains("simulation memory cap reached: "), "{text}");
}

#[test]
fn the_same_cap_does_not_stop_a_bounded_run() {
    let config = RunConfig::new("s2", "leaky", Semantics::Sync, 3)
        .with_preset(Preset::Quick)
        .with_param("cap", "5000");
    let r = run(&config, &mut |_, _| {}).unwrap();
    assert_eq!(r.verdict, RunVerdict::Bounded);
    assert_eq!(r.simulated, GoDuration::from_mins(20));
}

#[test]
fn progress_reaches_the_end_of_the_run() {
    let config = RunConfig::new("s2", "stop-drain-reset", Semantics::Async, 1).with_preset(Preset::Quick);
    let mut calls = Vec::new();
    run(&config, &mut |now, end| calls.push((now, end))).unwrap();
    assert!(calls.len() >= 100 && calls.len() <= 300, "{} calls", calls.len());
    assert!(calls.windows(2).all(|w| w[0].0 <= w[1].0), "monotonic");
    assert_eq!(calls.last(), Some(&(GoDuration::from_mins(20), GoDuration::from_mins(20))));
}

#[test]
fn every_registered_default_and_quick_parameter_parses() {
    for spec in scenarios() {
        for variant in spec.variants {
            for preset in [Preset::Default, Preset::Quick] {
                // A run that is stopped at once by a cap of one timer: parsing is all it checks.
                let config = RunConfig::new(spec.name, variant.name, Semantics::Sync, 1)
                    .with_preset(preset)
                    .with_param("cap", "1");
                let r = run(&config, &mut |_, _| {});
                assert!(r.is_ok(), "{}/{}/{}: {}", spec.name, variant.name, preset.name(), r.unwrap_err());
            }
        }
    }
}
