//! S1's discrete-event engine is held to the turmoil engine, the reference, on every variant in
//! every behaviour (docs/SCENARIOS.md, "Engines"). The users draw the same message times from the same
//! seeded streams on both engines, so the engines differ only in what they model differently —
//! the network's delivery of each message and connect — and the tolerances below bound that.

use gotime::{GoDuration, Semantics};
use timerlab_sim::{find, render_trace, run, Event, Preset, RunConfig, RunReport, RunVerdict};

use crate::{fresh_on, quick_on};

/// Every (variant, behaviour) pair of S1, in `Semantics::ALL` order.
fn every_run() -> Vec<(&'static str, Semantics)> {
    let variants = find("s1").unwrap().variants.iter().map(|v| v.name);
    variants.flat_map(|v| Semantics::ALL.into_iter().map(move |s| (v, s))).collect()
}

fn both(variant: &'static str, semantics: Semantics) -> (RunReport, RunReport) {
    (quick_on("turmoil", variant, semantics), quick_on("events", variant, semantics))
}

/// `|a - b| <= tolerance`, with a message naming the run and both repro commands.
fn assert_close(what: &str, a: u64, b: u64, tolerance: u64, t: &RunReport, e: &RunReport) {
    assert!(
        a.abs_diff(b) <= tolerance,
        "{}/{} {what}: turmoil {a}, events {b} (tolerance {tolerance})\n  {}\n  {}",
        t.variant,
        t.semantics,
        t.repro(),
        e.repro()
    );
}

#[test]
fn both_engines_give_every_variant_the_same_verdict() {
    for (variant, semantics) in every_run() {
        let (t, e) = both(variant, semantics);
        assert_eq!(
            t.verdict.kind(),
            e.verdict.kind(),
            "{variant}/{semantics}: {} / {}",
            t.repro(),
            e.repro()
        );
    }
}

#[test]
fn both_engines_handle_the_same_messages_and_ping_the_same_idle_users() {
    for (variant, semantics) in every_run() {
        let (t, e) = both(variant, semantics);
        // The same send times on both; they differ by when a connection opens and whether a
        // message at the very end is delivered in time: well under 1 % without kills. Kills cut
        // sessions at slightly different times, which moves a few percent of the messages.
        let percent = if t.restarts > 0 { 5 } else { 1 };
        assert_close("messages", t.messages, e.messages, t.messages * percent / 100, &t, &e);
        // An idle gap is a user's own interval draw; only one within a latency (≤ 50 ms) of the
        // 3 s timeout could go either way.
        assert_close("timeouts", t.timeouts, e.timeouts, 2, &t, &e);
    }
}

#[test]
fn both_engines_hold_one_timer_per_connection_in_every_bounded_run() {
    for (variant, semantics) in every_run() {
        let (t, e) = both(variant, semantics);
        if t.restarts == 0 {
            // Every user connected: one timer each, at the peak, on both.
            assert_eq!(t.peak_live, e.peak_live, "{variant}/{semantics}: {} / {}", t.repro(), e.repro());
        }
    }
}

#[test]
fn both_engines_grow_the_async_leak_at_the_same_pace_and_kill_as_often() {
    let (t, e) = both("leaky", Semantics::Async);
    // The first life, sample by sample: live timers are the rate times the 3 s timeout on both.
    let first_life = |r: &RunReport| -> Vec<u64> {
        r.samples.iter().take_while(|s| s.restarts == 0).map(|s| s.live).collect()
    };
    let (lt, le) = (first_life(&t), first_life(&e));
    assert!(
        lt.len() > 10 && le.len() > 10,
        "a first life of some length: {} / {} samples",
        lt.len(),
        le.len()
    );
    for (i, (&a, &b)) in lt.iter().zip(&le).enumerate() {
        assert_close(&format!("live timers at sample {i}"), a, b, 20 + a / 10, &t, &e);
    }
    assert_close("peak live timers", t.peak_live, e.peak_live, t.peak_live / 10, &t, &e);
    assert_close("restarts", u64::from(t.restarts), u64::from(e.restarts), 1, &t, &e);
}

#[test]
fn the_events_engine_is_deterministic_and_its_seed_matters() {
    let a = fresh_on("s1", "leaky", Semantics::Async, 42, Some("events"));
    let b = fresh_on("s1", "leaky", Semantics::Async, 42, Some("events"));
    assert_eq!(render_trace(&a), render_trace(&b));
    assert_eq!((a.samples, a.events, a.messages), (b.samples, b.events, b.messages));
    let c = fresh_on("s1", "leaky", Semantics::Async, 43, Some("events"));
    assert_ne!(a.messages, c.messages, "another seed, other message times");
}

#[test]
fn on_both_engines_the_simulator_cap_stops_a_leaking_run_with_its_own_verdict() {
    for engine in crate::ENGINES {
        let config = RunConfig::new("s1", "leaky", Semantics::Async, 3)
            .with_preset(Preset::Quick)
            .with_param("engine", engine)
            .with_param("budget", "1GiB")
            .with_param("cap", "500");
        let r = run(&config, &mut |_, _| {}).unwrap();
        assert_eq!(r.verdict, RunVerdict::SimMemoryCap { cap: 500 }, "{engine}: {}", r.repro());
        assert!(r.simulated < GoDuration::from_secs(30), "{engine}: stopped early, at {}", r.simulated);
        let capped =
            r.events.iter().any(|e| matches!(e.event, Event::SimMemoryCap { live, cap: 500 } if live >= 500));
        assert!(capped, "{engine}: the trace says why it stopped");
    }
}

/// The events engine at the edges of every parameter's range: it runs to the end (or its cap)
/// with the registered verdict, in both modes. A bug in its scheduling — an event in the past,
/// a deadline beyond the calendar's ring — would panic or hang here.
#[test]
fn the_events_engine_runs_at_the_edges_of_every_parameter_range() {
    let edges: &[&[(&str, &str)]] = &[
        &[("tick", "1ms")],
        &[("tick", "100ms")],
        &[("idle-timeout", "1ms"), ("users", "10"), ("duration", "10s")],
        &[("idle-timeout", "1h"), ("duration", "10s")],
        &[("idle-timeout", "2m"), ("duration", "5m"), ("users", "10")],
        &[("rate", "0.01"), ("rate-peak", "0.01")],
        &[("rate", "100"), ("rate-peak", "100"), ("users", "5"), ("duration", "10s")],
        &[("ramp", "steps:3"), ("ramp-time", "0s")],
        &[("restart-backoff", "0s")],
        &[("budget", "1KiB")],
        &[("reconnect-backoff", "1m"), ("budget", "1KiB")],
        &[("users", "1")],
    ];
    for params in edges {
        for variant in ["leaky", "reset", "context"] {
            for semantics in Semantics::BOTH {
                let mut config = RunConfig::new("s1", variant, semantics, 5)
                    .with_preset(Preset::Quick)
                    .with_param("engine", "events");
                for (k, v) in *params {
                    config = config.with_param(k, v);
                }
                let r = run(&config, &mut |_, _| {}).unwrap_or_else(|e| panic!("{params:?}: {e}"));
                let duration = r.params.iter().find(|(k, _)| k == "duration").unwrap().1.parse().unwrap();
                let end_of_run =
                    r.simulated >= duration || matches!(r.verdict, RunVerdict::SimMemoryCap { .. });
                assert!(
                    end_of_run,
                    "{params:?} {variant}/{semantics}: ended at {} of {duration}",
                    r.simulated
                );
                if *params == [("budget", "1KiB")] {
                    assert!(r.restarts > 0, "{params:?}: killed at once, again and again");
                }
            }
        }
    }
}
