//! S2, producer/consumer with a 3-minute timeout: the leak (async only), the overall deadline of
//! a hoisted After, and the stale value of Reset without drain (async and asynctimerchan=2).

use gotime::{GoDuration, Semantics};
use timerlab_sim::{Event, RunReport, RunVerdict, VerdictKind};

use crate::{fresh_with, quick, SEED};

/// The quick preset's fast-phase rate and the timeout.
const RATE: u64 = 100;
const TIMEOUT_SECS: u64 = 180;

fn assert_at_most_one_live_timer(r: &RunReport) {
    for s in &r.samples {
        assert!(
            s.live <= 1,
            "{}/{}: {} live timers at {} ({})",
            r.variant,
            r.semantics,
            s.live,
            s.at,
            r.repro()
        );
    }
    assert_eq!(r.over_bound_checks, 0, "no monitor check saw more: {}", r.repro());
}

fn timeouts(r: &RunReport) -> Vec<(GoDuration, bool)> {
    r.events
        .iter()
        .filter_map(|e| match e.event {
            Event::Timeout { waited, spurious } => Some((waited, spurious)),
            _ => None,
        })
        .collect()
}

#[test]
fn leaky_after_leaks_rate_times_timeout_in_async_mode() {
    let r = quick("s2", "leaky", Semantics::Async);
    let plateau = RATE * TIMEOUT_SECS;
    assert!(
        r.peak_live > plateau * 99 / 100 && r.peak_live <= plateau + 2 * RATE,
        "peak {} vs {plateau}",
        r.peak_live
    );
    match r.verdict {
        RunVerdict::Leak { per_minute } => {
            assert!(
                per_minute.abs_diff(RATE * 60) <= RATE,
                "grows {per_minute}/min, produced {}/min",
                RATE * 60
            )
        }
        other => panic!("expected a leak, got {other}: {}", r.repro()),
    }
    // Each sample reads the monitor's last check: every sample over the bound of one timer is
    // a check over it, and checks come at least as often as samples.
    let over = r.samples.iter().filter(|s| s.live > 1).count() as u64;
    assert!(
        over > 0 && r.over_bound_checks >= over,
        "{} checks, {over} samples over the bound",
        r.over_bound_checks
    );
    // The plateau: once the first timers expire, as many fire as are created.
    let at = |secs: i64| r.samples.iter().find(|s| s.at >= GoDuration::from_secs(secs)).unwrap().live;
    assert!(at(240).abs_diff(at(285)) <= 2 * RATE, "flat between 4m and 4m45s: {} vs {}", at(240), at(285));
}

#[test]
fn leaky_after_is_bounded_in_sync_mode_and_with_asynctimerchan_2() {
    for semantics in [Semantics::AsyncCollected, Semantics::Sync] {
        let r = quick("s2", "leaky", semantics);
        assert_eq!(r.verdict, RunVerdict::Bounded, "{semantics}: {}", r.repro());
        assert_at_most_one_live_timer(&r);
    }
}

#[test]
fn every_loop_times_out_once_in_the_stall_except_the_hoisted_one_in_every_behaviour() {
    for variant in ["leaky", "reset-no-drain", "stop-drain-reset"] {
        for semantics in Semantics::ALL {
            let r = quick("s2", variant, semantics);
            let real: Vec<_> = timeouts(&r).into_iter().filter(|(_, spurious)| !spurious).collect();
            assert_eq!(real.len(), 1, "{variant}/{semantics}: {real:?}");
            // tokio's timer wheel has millisecond resolution: the wake-up is at most 1ms late.
            let waited = real[0].0.as_nanos() - GoDuration::from_secs(TIMEOUT_SECS as i64).as_nanos();
            assert!((0..=1_000_000).contains(&waited), "{variant}/{semantics}: {real:?}");
            assert_eq!(r.missed_timeouts, 0, "{variant}/{semantics}");
        }
    }
}

#[test]
fn hoisted_after_fires_once_while_messages_flow_then_misses_the_stall_in_every_behaviour() {
    for semantics in Semantics::ALL {
        let r = quick("s2", "hoisted", semantics);
        assert_eq!(r.verdict, RunVerdict::SpuriousTimeout { count: 1 }, "{semantics}: {}", r.repro());
        let fired = r.events.iter().find(|e| matches!(e.event, Event::Timeout { .. })).unwrap();
        // An overall deadline: at 3m, in the fast phase, after a wait of a few milliseconds.
        assert!(
            fired.at >= GoDuration::from_secs(180) && fired.at < GoDuration::from_secs(181),
            "{}",
            fired.at
        );
        assert_eq!(timeouts(&r).len(), 1, "{semantics}: never again");
        assert!(r.missed_timeouts >= 1, "{semantics}: the 4-minute stall passes without a timeout");
        assert_at_most_one_live_timer(&r);
    }
}

#[test]
fn reset_without_drain_delivers_stale_value_as_spurious_timeout_with_buffered_channels() {
    // Async and asynctimerchan=2 both buffer the value of a firing: Reset leaves it there.
    for semantics in [Semantics::Async, Semantics::AsyncCollected] {
        let r = quick("s2", "reset-no-drain", semantics);
        assert!(
            matches!(r.verdict, RunVerdict::SpuriousTimeout { count } if count >= 1),
            "{semantics}: {}: {}",
            r.verdict,
            r.repro()
        );
        // The stale value is taken at once: the select did not wait at all.
        let spurious: Vec<_> = timeouts(&r).into_iter().filter(|(_, s)| *s).collect();
        assert!(spurious.iter().all(|(waited, _)| *waited == GoDuration::ZERO), "{semantics}: {spurious:?}");
        assert_at_most_one_live_timer(&r);
    }
}

#[test]
fn reset_without_drain_never_times_out_spuriously_in_sync_mode() {
    let r = quick("s2", "reset-no-drain", Semantics::Sync);
    assert_eq!(r.spurious_timeouts, 0, "{}", r.repro());
    assert_eq!(r.verdict, RunVerdict::Bounded);
    assert_at_most_one_live_timer(&r);
}

#[test]
fn stop_drain_reset_is_bounded_and_correct_in_every_behaviour() {
    for semantics in Semantics::ALL {
        let r = quick("s2", "stop-drain-reset", semantics);
        assert_eq!(r.verdict, RunVerdict::Bounded, "{semantics}: {}", r.repro());
        assert_eq!(r.spurious_timeouts, 0);
        assert_at_most_one_live_timer(&r);
    }
}

#[test]
fn every_variant_shows_its_registered_verdict_in_every_behaviour() {
    use VerdictKind::{Bounded, Leak, SpuriousTimeout};
    // asynctimerchan=2 collects like sync (no leak) and buffers like async (the stale value of
    // a Reset without drain stays: golang/go#14038); a hoisted After is an overall deadline in
    // every behaviour.
    let expected = [
        ("leaky", Leak, Bounded, Bounded),
        ("hoisted", SpuriousTimeout, SpuriousTimeout, SpuriousTimeout),
        ("reset-no-drain", SpuriousTimeout, SpuriousTimeout, Bounded),
        ("stop-drain-reset", Bounded, Bounded, Bounded),
    ];
    for (variant, in_async, in_async_collected, in_sync) in expected {
        let kinds = [in_async, in_async_collected, in_sync];
        for (semantics, kind) in Semantics::ALL.into_iter().zip(kinds) {
            let r = quick("s2", variant, semantics);
            assert_eq!(r.verdict.kind(), kind, "{variant}/{semantics}: {}", r.repro());
            assert_eq!(r.expected, kind, "{variant}/{semantics}: the registry agrees");
        }
    }
}

#[test]
fn a_message_arriving_with_the_timeout_is_gos_choice_not_a_missed_timeout_in_every_behaviour() {
    // A message every second and a 1-second timeout: each select's timer and the next message
    // become ready at the same instant, and Go's select picks either. A message taken then
    // waited exactly the timeout, not longer: the timer did not fail to fire.
    let params = [
        ("duration", "1m"),
        ("fast-time", "1m"),
        ("stall-time", "0s"),
        ("rate", "1"),
        ("batch-every", "1s"),
        ("timeout", "1s"),
    ];
    for variant in ["leaky", "stop-drain-reset"] {
        for semantics in Semantics::ALL {
            let r = fresh_with("s2", variant, semantics, SEED, &params);
            let at_the_tie = timeouts(&r).iter().filter(|&&(waited, _)| waited == GoDuration::SECOND).count();
            // A tie every second; the timer wins some and the message the others.
            assert!(
                (1..50).contains(&at_the_tie),
                "{variant}/{semantics}: {at_the_tie} of 60 ties: {}",
                r.repro()
            );
            assert_eq!(r.missed_timeouts, 0, "{variant}/{semantics}: {}", r.repro());
        }
    }
}
