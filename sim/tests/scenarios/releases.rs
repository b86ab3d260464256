//! Runs of Go programs (`--go`): each builds its runtimes from `gotime::release`'s resolution —
//! the release's behaviour and its cost model — and shows the verdict the registry expects in
//! that behaviour, on both S1 engines.

use gotime::release::{cost_model, GoVersion};
use gotime::{CostModel, Semantics};
use timerlab_sim::{find, run, Behaviour, GoBuild, Preset, RunConfig, RunReport, KNOWN_RELEASES};

use crate::{quick_on, ENGINES, SEED};

/// A quick run of `variant` of `scenario` in `behaviour`, with `params` set.
fn quick_run(scenario: &str, variant: &str, behaviour: Behaviour, params: &[(&str, &str)]) -> RunReport {
    let mut config = RunConfig::new(scenario, variant, behaviour, SEED).with_preset(Preset::Quick);
    for (k, v) in params {
        config = config.with_param(k, v);
    }
    run(&config, &mut |_, _| {}).unwrap_or_else(|e| panic!("{}: {e}", config.repro_command()))
}

/// The newest release timerlab knows of the series `1.minor`.
fn known(minor: u32) -> GoVersion {
    KNOWN_RELEASES.into_iter().find(|r| r.minor() == minor).expect("a known series")
}

#[test]
fn go_1_22_prices_the_same_live_timers_at_its_own_bytes_per_timer_on_both_engines() {
    // A budget no run reaches: an OOM kill at a different moment would make the runs diverge.
    let params = [("budget", "1GiB")];
    let release = cost_model(known(22), Semantics::Async).channel_timer;
    let default = CostModel::default().channel_timer;
    assert_ne!(release, default, "Go 1.22's timers cost less than the default model's");
    for engine in ENGINES {
        let params = [params[0], ("engine", engine)];
        let asked = quick_run("s1", "leaky", Semantics::Async.into(), &params);
        let go = quick_run("s1", "leaky", GoBuild::new("1.22").into(), &params);
        assert_eq!(go.semantics, Semantics::Async, "{engine}: Go 1.22's timers are async");
        assert_eq!(go.behaviour.costs.channel_timer, release, "{engine}");
        assert_eq!(go.samples.len(), asked.samples.len(), "{engine}");
        for (a, g) in asked.samples.iter().zip(&go.samples) {
            assert_eq!(g.live, a.live, "{engine} at {}: the same timers live", a.at);
            // Every live timer of the leaky loop is a time.After: a channel timer.
            let scaled = a.memory as i128 + i128::from(a.live) * (i128::from(release) - i128::from(default));
            assert_eq!(i128::from(g.memory), scaled, "{engine} at {}: {} live timers", a.at, a.live);
        }
        assert_eq!(go.peak_live, asked.peak_live, "{engine}");
        assert!(go.peak_memory < asked.peak_memory, "{engine}: 210 B < 266 B per timer");
    }
}

#[test]
fn go_1_27_runs_as_sync_and_shows_syncs_verdicts_on_both_s1_engines() {
    for engine in ENGINES {
        for variant in find("s1").unwrap().variants {
            let go = quick_run("s1", variant.name, GoBuild::new("1.27").into(), &[("engine", engine)]);
            let sync = quick_on(engine, variant.name, Semantics::Sync);
            assert_eq!(go.semantics, Semantics::Sync, "{engine} {}", variant.name);
            assert_eq!(go.expected, variant.expected(Semantics::Sync), "{engine} {}", variant.name);
            assert_eq!(go.verdict.kind(), sync.verdict.kind(), "{engine} {}: {}", variant.name, go.repro());
            assert!(go.as_expected(), "{engine} {}: {} ({})", variant.name, go.verdict, go.repro());
            // Nothing kills a sync run here, so the timers live as in a sync run.
            let live = |r: &RunReport| r.samples.iter().map(|s| s.live).collect::<Vec<_>>();
            assert_eq!(live(&go), live(&sync), "{engine} {}", variant.name);
        }
    }
}

#[test]
fn go_1_27_runs_s2_as_sync() {
    for variant in find("s2").unwrap().variants {
        let go = quick_run("s2", variant.name, GoBuild::new("1.27").into(), &[]);
        assert_eq!(go.semantics, Semantics::Sync, "{}", variant.name);
        assert_eq!(go.verdict.kind(), variant.expected(Semantics::Sync), "{}: {}", variant.name, go.repro());
    }
}

#[test]
fn asynctimerchan_2_on_go_1_26_is_async_collected_on_both_s1_engines() {
    for engine in ENGINES {
        let go = GoBuild::new("1.26").godebug("asynctimerchan=2");
        let r = quick_run("s1", "leaky", go.into(), &[("engine", engine)]);
        assert_eq!(r.semantics, Semantics::AsyncCollected, "{engine}");
        assert!(r.as_expected(), "{engine}: {} ({})", r.verdict, r.repro());
        assert_eq!(r.restarts, 0, "{engine}: the dropped timers are collected");
    }
}

#[test]
fn a_go_1_22_line_keeps_go_1_22s_timers_on_newer_toolchains() {
    // The leak comes back on Go 1.23-1.26 for a module that still says go 1.22.
    for minor in 23..=26 {
        let go = GoBuild::new(&known(minor).to_string()).go_mod("1.22");
        let r = quick_run("s1", "leaky", go.into(), &[]);
        assert_eq!(r.semantics, Semantics::Async, "go1.{minor}");
        assert!(r.restarts >= 1 && r.as_expected(), "go1.{minor}: {} ({})", r.verdict, r.repro());
        assert_eq!(r.behaviour.costs, cost_model(known(minor), Semantics::Async), "go1.{minor}");
    }
}

#[test]
fn asynctimerchan_2_holds_syncs_live_timers_in_s1_leaky_on_both_engines() {
    // Collection decides how many timers the leaky loop keeps, and asynctimerchan=2 collects as
    // sync does. The one difference: a channel timer whose deadline has just passed stays armed
    // in sync until its receive, while async's firing takes it off the heap at once — so a
    // sample taken between the two may count fewer in async-collected, never more.
    for engine in ENGINES {
        let collected = quick_on(engine, "leaky", Semantics::AsyncCollected);
        let sync = quick_on(engine, "leaky", Semantics::Sync);
        let rows = |r: &RunReport| {
            r.samples.iter().map(|s| (s.at, s.users, s.connections, s.tasks, s.timeouts)).collect::<Vec<_>>()
        };
        assert_eq!(rows(&collected), rows(&sync), "{engine}");
        let pairs = collected.samples.iter().zip(&sync.samples);
        assert!(pairs.clone().all(|(c, s)| c.live <= s.live), "{engine}: never more than sync");
        let differing = pairs.filter(|(c, s)| c.live != s.live).count();
        assert!(differing <= sync.samples.len() / 20, "{engine}: {differing} samples differ");
        assert_eq!(collected.peak_live, sync.peak_live, "{engine}");
        assert_eq!(collected.messages, sync.messages, "{engine}");
    }
}
