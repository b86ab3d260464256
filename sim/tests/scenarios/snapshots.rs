//! The sampled trace of every variant in every behaviour, as a reviewer reads it: fixed columns,
//! seed first, at most 80 lines. A behaviour change is a reviewable snapshot diff.

use gotime::GoDuration;
use gotime::Semantics;
use timerlab_sim::{find, render_trace, run, Preset, RunConfig};

use crate::s3::quick_s3;
use crate::{quick, quick_on};

fn assert_traces(scenario: &'static str, semantics: Semantics) {
    for variant in find(scenario).unwrap().variants {
        let trace = render_trace(&quick(scenario, variant.name, semantics));
        let lines = trace.lines().count();
        assert!(lines <= 80, "{scenario}/{}/{semantics}: {lines} lines", variant.name);
        insta::assert_snapshot!(format!("{scenario}_{}_{}", variant.name, semantics.name()), trace);
    }
}

fn assert_event_engine_traces(semantics: Semantics) {
    for variant in find("s1").unwrap().variants {
        let trace = render_trace(&quick_on("events", variant.name, semantics));
        assert!(trace.lines().count() <= 80, "s1/{}/{semantics} on events", variant.name);
        insta::assert_snapshot!(format!("s1_events_{}_{}", variant.name, semantics.name()), trace);
    }
}

#[test]
fn s1_traces_in_async_mode_match_their_snapshots() {
    assert_traces("s1", Semantics::Async);
}

#[test]
fn s1_traces_in_sync_mode_match_their_snapshots() {
    assert_traces("s1", Semantics::Sync);
}

#[test]
fn s1_traces_on_the_events_engine_in_async_mode_match_their_snapshots() {
    assert_event_engine_traces(Semantics::Async);
}

#[test]
fn s1_traces_on_the_events_engine_in_sync_mode_match_their_snapshots() {
    assert_event_engine_traces(Semantics::Sync);
}

#[test]
fn s1_traces_with_asynctimerchan_2_match_their_snapshots() {
    assert_traces("s1", Semantics::AsyncCollected);
}

#[test]
fn s1_traces_on_the_events_engine_with_asynctimerchan_2_match_their_snapshots() {
    assert_event_engine_traces(Semantics::AsyncCollected);
}

#[test]
fn s2_traces_with_asynctimerchan_2_match_their_snapshots() {
    assert_traces("s2", Semantics::AsyncCollected);
}

#[test]
fn s2_traces_in_async_mode_match_their_snapshots() {
    assert_traces("s2", Semantics::Async);
}

#[test]
fn s2_traces_in_sync_mode_match_their_snapshots() {
    assert_traces("s2", Semantics::Sync);
}

/// S3's trace of every variant in `semantics`, on the behaviour alone or on the release `go`.
fn assert_s3_traces(semantics: Semantics, go: Option<&'static str>) {
    for variant in find("s3").unwrap().variants {
        let trace = render_trace(&quick_s3(variant.name, semantics, go));
        assert!(trace.lines().count() <= 80, "s3/{}/{semantics} go={go:?}", variant.name);
        let release = go.map_or(String::new(), |go| format!("go{go}_"));
        insta::assert_snapshot!(format!("s3_{release}{}_{}", variant.name, semantics.name()), trace);
    }
}

#[test]
fn s3_traces_in_async_mode_match_their_snapshots() {
    assert_s3_traces(Semantics::Async, None);
}

#[test]
fn s3_traces_in_async_collected_mode_match_their_snapshots() {
    assert_s3_traces(Semantics::AsyncCollected, None);
}

#[test]
fn s3_traces_in_sync_mode_match_their_snapshots() {
    assert_s3_traces(Semantics::Sync, None);
}

#[test]
fn s3_traces_on_go_1_23_1_in_sync_mode_match_their_snapshots() {
    assert_s3_traces(Semantics::Sync, Some("1.23.1"));
}

/// One faulted run per scenario, sampled every 2 s (S1) or 10 s (S2) so that the fault's window
/// reads off the rows.
fn assert_faulted_trace(scenario: &str, variant: &str, semantics: Semantics, params: &[(&str, &str)]) {
    let mut config = RunConfig::new(scenario, variant, semantics, crate::SEED).with_preset(Preset::Quick);
    config.sample_every = Some(GoDuration::from_secs(if scenario == "s1" { 2 } else { 10 }));
    for (name, value) in params {
        config = config.with_param(name, value);
    }
    let trace = render_trace(&run(&config, &mut |_, _| {}).unwrap());
    assert!(trace.lines().count() <= 80, "{scenario}/{variant}/{semantics} faulted");
    insta::assert_snapshot!(format!("{scenario}_{variant}_{}_faulted", semantics.name()), trace);
}

#[test]
fn s1_a_hold_whose_release_bursts_the_async_leak_matches_its_snapshot() {
    assert_faulted_trace("s1", "leaky", Semantics::Async, &[("rate-peak", "2"), ("faults", "hold:10s@20s")]);
}

#[test]
fn s2_a_hold_that_leaves_reset_without_drain_a_stale_timeout_matches_its_snapshot() {
    assert_faulted_trace(
        "s2",
        "reset-no-drain",
        Semantics::Async,
        &[("duration", "5m"), ("faults", "hold:4m@30s")],
    );
}
