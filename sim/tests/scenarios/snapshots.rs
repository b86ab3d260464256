//! The sampled trace of every variant in every behaviour, as a reviewer reads it: fixed columns,
//! seed first, at most 80 lines. A behaviour change is a reviewable snapshot diff.

use gotime::Semantics;
use timerlab_sim::{find, render_trace};

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
