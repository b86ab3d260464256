//! Faults (docs/SCENARIOS.md, "Faults"): what a hold, a partition, a latency spike and a crash
//! do to the timers of S1's server, and what a hold of S2's consumer does to a Reset without a
//! drain. Quick preset, seed 7, one sample per second so the windows' counts can be read off.
//!
//! The quick S1 server: 100 users, 2 messages per second per user for the 10 s ramp, rising to
//! `rate-peak` at 1:00; a 3 s idle timeout; 1,847 channel timers of 266 B fit beside the 100
//! connections ((1792 − 512 − 100 × 8) KiB / 266 B).

use gotime::{GoDuration, Semantics};
use timerlab_sim::{run, Event, FaultPhase, Preset, RunConfig, RunReport, RunVerdict, Sample, VerdictKind};

/// Channel timers that fit beside the quick preset's 100 connections.
const HEADROOM: u64 = (1792 - 512 - 800) * 1024 / 266;

fn secs(n: i64) -> GoDuration {
    GoDuration::from_secs(n)
}

/// A quick run sampled every second, with `params` set.
fn sampled(scenario: &str, variant: &str, semantics: Semantics, params: &[(&str, &str)]) -> RunReport {
    let mut config = RunConfig::new(scenario, variant, semantics, crate::SEED).with_preset(Preset::Quick);
    config.sample_every = Some(GoDuration::SECOND);
    for (name, value) in params {
        config = config.with_param(name, value);
    }
    run(&config, &mut |_, _| {}).unwrap_or_else(|e| panic!("{}: {e}", config.repro_command()))
}

fn at(r: &RunReport, t: GoDuration) -> &Sample {
    r.samples.iter().find(|s| s.at == t).unwrap_or_else(|| panic!("no sample at {t}: {}", r.repro()))
}

/// Timeouts (idle pings) taken between the samples at `from` and `to`.
fn timeouts_between(r: &RunReport, from: GoDuration, to: GoDuration) -> u64 {
    at(r, to).timeouts - at(r, from).timeouts
}

fn fault_events(r: &RunReport) -> Vec<(GoDuration, String, FaultPhase)> {
    r.events
        .iter()
        .filter_map(|e| match &e.event {
            Event::Fault { fault, phase } => Some((e.at, fault.clone(), *phase)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_hold_times_idle_connections_out_and_its_release_bursts_the_async_leak_past_the_budget() {
    // At 2 messages per second the leak holds about 100 × 2/s × 3 s = 600 timers: a LEAK, far
    // from the 1,847 that fit.
    let flat = sampled("s1", "leaky", Semantics::Async, &[("rate-peak", "2")]);
    assert_eq!(flat.verdict.kind(), VerdictKind::Leak, "{}", flat.repro());

    let held = [("rate-peak", "2"), ("faults", "hold:10s@20s")];
    for semantics in Semantics::ALL {
        let r = sampled("s1", "leaky", semantics, &held);
        assert_eq!(
            fault_events(&r),
            [
                (secs(20), "hold:10s".to_owned(), FaultPhase::Begins),
                (secs(30), "hold:10s".to_owned(), FaultPhase::Ends)
            ],
            "{semantics}: the hold begins and ends on time"
        );
        // No message arrives for 10 s: every connection's loop times out every 3 s since its
        // last message, which came less than 3 s before the hold: 3 or 4 times each.
        let pings = timeouts_between(&r, secs(20), secs(30));
        assert!((300..=400).contains(&pings), "{semantics}: {pings} pings during the hold: {}", r.repro());
    }

    // The release delivers the 10 s backlog at once, about 100 × 2/s × 10 s = 2,000 messages:
    // in async each iteration's 3 s timer stays live, and the budget goes within a tick.
    let r = sampled("s1", "leaky", Semantics::Async, &held);
    let kill = r.events.iter().find(|e| matches!(e.event, Event::OomKill { .. })).expect("a kill");
    assert!(
        kill.at >= secs(30) && kill.at <= secs(30).saturating_add(GoDuration::from_millis(20)),
        "{kill:?}"
    );
    assert!(matches!(kill.event, Event::OomKill { live, .. } if live > HEADROOM), "{kill:?}");
    // The collecting behaviours drop each iteration's timer: the burst leaves one per connection.
    for semantics in [Semantics::AsyncCollected, Semantics::Sync] {
        let r = sampled("s1", "leaky", semantics, &held);
        assert_eq!(r.verdict, RunVerdict::Bounded, "{semantics}: {}", r.repro());
    }
}

#[test]
fn a_partition_leaves_half_open_connections_that_time_out_for_the_rest_of_the_run() {
    // Every user sends at 2/s or more, so each stream loses a segment during the 10 s
    // (P(no send) = e^-20); turmoil's TCP does not retransmit, and no reset ever comes.
    for semantics in Semantics::ALL {
        let r = sampled("s1", "reset", semantics, &[("faults", "partition:10s@20s")]);
        assert_eq!(r.verdict, RunVerdict::Bounded, "{semantics}: {}", r.repro());
        for s in r.samples.iter().filter(|s| s.at >= secs(31)) {
            assert_eq!(s.connections, 100, "{semantics} at {}: every connection stays", s.at);
            // One timer each. Messages arrive on tick boundaries, so the idle deadlines and the
            // monitor's checks coincide: a buffered firing leaves the heap at its deadline and
            // the loop re-arms it in the same instant, sometimes after the check; sync keeps
            // a fired timer armed until its receive.
            if semantics == Semantics::Sync {
                assert_eq!(s.live, 100, "sync at {}: one timer per connection", s.at);
            } else {
                assert!(s.live <= 100, "{semantics} at {}: {} timers for 100 connections", s.at, s.live);
            }
        }
        // No message any more: each loop times out every 3 s, 6 or 7 times in 20 s.
        let pings = timeouts_between(&r, secs(40), secs(60));
        assert!((600..=700).contains(&pings), "{semantics}: {pings} pings: {}", r.repro());
    }
}

#[test]
fn message_loss_stalls_the_streams_that_lose_a_segment_and_their_timers_keep_pinging() {
    // Without faults, from 0:40 every user sends at 4/s or more: an idle 3 s has P = e^-12 per
    // gap, so the 20 s from 0:40 see almost no ping.
    let clean = sampled("s1", "reset", Semantics::Sync, &[]);
    assert!(timeouts_between(&clean, secs(40), secs(60)) < 10, "{}", clean.repro());
    // From 0:20 for 10 s each segment sent on a client host's link fails the link with P = 5 %,
    // dropping it and what is in flight. A user sends at 3.6/s or more then: N ~ Poisson(≥ 36)
    // segments, each lost with P ≥ 5 %, so P(a stream keeps all) ≤ E[0.95^N] = e^(−36 × 0.05)
    // ≈ 16.5 %: at most 40 of the 100 keep going (six standard deviations). turmoil's TCP does
    // not retransmit, so a stream that lost one stalls: a half-open connection whose timer
    // fires every 3 s (6 or 7 pings in 20 s), while the users keep writing and never reconnect.
    for semantics in Semantics::ALL {
        let r = sampled("s1", "reset", semantics, &[("faults", "loss:0.05:10s@20s")]);
        assert_eq!(r.verdict, RunVerdict::Bounded, "{semantics}: {}", r.repro());
        let end = r.samples.last().unwrap();
        assert_eq!(end.connections, 100, "{semantics}: nobody notices: {}", r.repro());
        assert!(end.live <= u64::from(end.connections), "{semantics}: one timer per connection at most");
        let pings = timeouts_between(&r, secs(40), secs(60));
        // At least 60 of the 100 connections stalled, at 6 pings or more each.
        assert!((6 * 60..=7 * 100).contains(&pings), "{semantics}: {pings} pings: {}", r.repro());
    }
}

#[test]
fn a_latency_spike_longer_than_the_idle_timeout_times_every_connection_out_about_once() {
    // From 0:20 every message takes 5 s: each connection's last message arrived by 0:20.05 and
    // the next arrives at 0:25 or later, so each loop times out at 3 s. A second timeout needs
    // the first send after 0:20 to come more than 1 s after the last arrival: at λ = 3.6/s
    // (the rate at 0:20), P = E[e^-λ(1-A)] over the last arrival's age A ~ Exp(λ), = (1 + λ)e^-λ
    // ≈ 12.6 %, so 113 ± 3.3 pings: 100..=130 is five standard deviations. After the spike the
    // messages sent during it keep arriving in order, so there is no second gap.
    for semantics in Semantics::ALL {
        let r = sampled("s1", "reset", semantics, &[("faults", "latency:5s:10s@20s")]);
        let pings = timeouts_between(&r, secs(20), secs(30));
        assert!((100..=130).contains(&pings), "{semantics}: {pings} pings: {}", r.repro());
        assert_eq!(r.verdict, RunVerdict::Bounded, "{semantics}: {}", r.repro());
    }
}

#[test]
fn a_crash_is_no_oom_kill_and_the_reconnecting_clients_re_arm_one_timer_each() {
    for semantics in Semantics::ALL {
        let r = sampled("s1", "reset", semantics, &[("faults", "crash@20s")]);
        assert_eq!(r.verdict, RunVerdict::Bounded, "{semantics}: not an OOM loop: {}", r.repro());
        assert_eq!(r.restarts, 0, "{semantics}: the restarts column counts OOM kills");
        assert_eq!(fault_events(&r), [(secs(20), "crash".to_owned(), FaultPhase::Begins)]);
        let up = r.events.iter().find(|e| e.event == Event::Up { life: 2 }).expect("a second life");
        let backoff = up.at.as_nanos() - secs(20).as_nanos();
        assert!(
            (5_000_000_000..5_100_000_000).contains(&backoff),
            "{semantics}: restarted {backoff} ns later"
        );
        assert_eq!(at(&r, secs(21)).connections, 0, "{semantics}: the crash closed every connection");
        // The reconnect storm: every user is back, each connection with its one timer.
        let end = r.samples.last().unwrap();
        assert_eq!((end.connections, end.live), (100, 100), "{semantics}: {}", r.repro());
    }
}

#[test]
fn a_crash_while_the_server_is_down_does_nothing() {
    let r = sampled("s1", "reset", Semantics::Sync, &[("faults", "crash@20s,crash@22s")]);
    let crashes: Vec<_> = fault_events(&r).into_iter().map(|(t, _, phase)| (t, phase)).collect();
    assert_eq!(crashes, [(secs(20), FaultPhase::Begins), (secs(22), FaultPhase::Skipped)]);
    assert_eq!(r.events.iter().filter(|e| matches!(e.event, Event::Up { .. })).count(), 2);
}

#[test]
fn a_hold_of_the_consumer_leaves_reset_without_drain_a_stale_timeout_in_the_buffered_behaviours() {
    // Five minutes of the fast phase only: without a fault no timer ever expires (a message
    // every 10 ms), so no variant times out.
    let fast = [("duration", "5m")];
    for semantics in Semantics::ALL {
        let r = sampled("s2", "reset-no-drain", semantics, &fast);
        assert_eq!(r.verdict, RunVerdict::Bounded, "{semantics}: {}", r.repro());
    }
    // From 0:30 the consumer waits 4 minutes in its handler. The timer Reset at the top of
    // that iteration expires at 3:30, while it waits: async's buffer keeps the value, and the
    // next Reset leaves it there (golang/go#11513), so a select after the release takes it at
    // once; sync's Reset discards it (Go 1.23).
    let held = [("duration", "5m"), ("faults", "hold:4m@30s")];
    for (semantics, stale) in
        [(Semantics::Async, true), (Semantics::AsyncCollected, true), (Semantics::Sync, false)]
    {
        let r = sampled("s2", "reset-no-drain", semantics, &held);
        if stale {
            assert_eq!(r.verdict, RunVerdict::SpuriousTimeout { count: 1 }, "{semantics}: {}", r.repro());
            let timeout = r.events.iter().find(|e| matches!(e.event, Event::Timeout { .. })).unwrap();
            let released = GoDuration::from_secs(270);
            assert!(timeout.at >= released, "{semantics}: taken after the release: {timeout:?}");
            assert!(timeout.at <= released.saturating_add(GoDuration::SECOND), "{timeout:?}");
        } else {
            assert_eq!(r.verdict, RunVerdict::Bounded, "{semantics}: {}", r.repro());
        }
        // Stop, drain, Reset is right in every behaviour, hold or not.
        let fixed = sampled("s2", "stop-drain-reset", semantics, &held);
        assert_eq!(fixed.verdict, RunVerdict::Bounded, "{semantics}: {}", fixed.repro());
    }
}

#[test]
fn a_crash_re_arms_the_hoisted_deadline_and_it_fires_once_more() {
    // Life 1's deadline fires at 3:00 in the fast phase (spurious); the crash at 3:30 starts a
    // life whose deadline fires at 6:30, in the stall, 1m30s after the last message: spurious.
    for semantics in Semantics::ALL {
        let r = sampled("s2", "hoisted", semantics, &[("faults", "crash@3m30s")]);
        assert_eq!(r.verdict, RunVerdict::SpuriousTimeout { count: 2 }, "{semantics}: {}", r.repro());
    }
}

/// S2's memory (docs/SCENARIOS.md): the baseline (4 MiB in the quick preset), 266 B per live
/// channel timer (the default cost model, Go 1.23.5's), 8 B per queued message.
fn s2_memory(live: u64, queued: u64) -> u64 {
    4 * 1024 * 1024 + live * 266 + queued * 8
}

#[test]
fn a_held_consumers_channel_fills_to_its_capacity_and_each_queued_message_is_memory() {
    // From 0:30 the consumer waits 4 minutes in its handler and receives nothing: the producer
    // (100 messages a second) fills the 120-message channel within 1.2 s and waits. Before the
    // hold, and after the release once the backlog is drained, the consumer takes each message
    // as it comes: nothing is queued at a sample.
    let held = [("duration", "5m"), ("faults", "hold:4m@30s")];
    for semantics in Semantics::ALL {
        let r = sampled("s2", "stop-drain-reset", semantics, &held);
        for s in r.samples.iter().filter(|s| s.at >= secs(35) && s.at < secs(270)) {
            assert_eq!(s.memory, s2_memory(s.live, 120), "{semantics}: at {}: {}", s.at, r.repro());
        }
        for t in [10, 29, 280, 299] {
            let s = at(&r, secs(t));
            assert_eq!(s.memory, s2_memory(s.live, 0), "{semantics}: at {}: {}", s.at, r.repro());
        }
    }
}

#[test]
fn a_producer_restarted_in_the_slow_phase_sends_its_first_batch_on_the_phases_schedule() {
    // The quick preset's slow phase begins at 9:00 (5 minutes fast, 4 of stall), a batch every
    // 3m30s (9:00, 12:30, 16:00, 19:30), each handled for a minute. The crash at 10:00 restarts
    // the host at once; its producer resumes the schedule: nothing until 12:30. With a 2-minute
    // timeout the new life's consumer times out at 12:00 (nothing yet), 15:30 and 19:00 (two
    // minutes after the batches of 12:30 and 16:00 were handled).
    let restarted = [("timeout", "2m"), ("faults", "crash@10m")];
    for semantics in Semantics::ALL {
        let r = sampled("s2", "stop-drain-reset", semantics, &restarted);
        let after_the_crash: Vec<GoDuration> = r
            .events
            .iter()
            .filter(|e| matches!(e.event, Event::Timeout { .. }) && e.at > secs(600))
            .map(|e| e.at)
            .collect();
        assert_eq!(after_the_crash, [secs(720), secs(930), secs(1140)], "{semantics}: {}", r.repro());
    }
}

#[test]
fn a_producer_restarted_as_the_stall_begins_starts_in_the_stall() {
    // The fast phase is [0:00, 5:00): a life that starts at 5:00 has no fast phase of its own.
    for semantics in Semantics::ALL {
        let r = sampled("s2", "stop-drain-reset", semantics, &[("faults", "crash@5m")]);
        let phases: Vec<(GoDuration, &str)> = r
            .events
            .iter()
            .filter_map(|e| match &e.event {
                Event::Phase { name } => Some((e.at, name.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            phases,
            [(secs(0), "fast (100/s)"), (secs(300), "stall"), (secs(540), "slow (a 1m0s batch every 3m30s)")],
            "{semantics}: {}",
            r.repro()
        );
    }
}

#[test]
fn the_events_engine_and_bad_schedules_are_refused_in_one_line() {
    let refused = |params: &[(&str, &str)]| {
        let mut config = RunConfig::new("s1", "reset", Semantics::Sync, 1).with_preset(Preset::Quick);
        for (name, value) in params {
            config = config.with_param(name, value);
        }
        run(&config, &mut |_, _| {}).expect_err("refused").to_string()
    };
    assert_eq!(
        refused(&[("engine", "events"), ("faults", "crash@20s")]),
        "invalid faults \"crash@20s\": expected none with engine=events (faults need the turmoil engine's links and hosts)"
    );
    assert_eq!(
        refused(&[("faults", "hold:30s@50s")]),
        "invalid faults \"hold:30s@50s\": expected a fault that ends by the end of the run (1m0s); it ends at 1m20s"
    );
    let s2 = RunConfig::new("s2", "leaky", Semantics::Sync, 1).with_param("faults", "latency:1s:10s@1m");
    assert_eq!(
        run(&s2, &mut |_, _| {}).expect_err("refused").to_string(),
        "invalid faults \"latency:1s:10s@1m\": expected one of the s2 faults (hold, crash): s2 has no network \
         (its hold holds the consumer's downstream)"
    );
}

#[test]
fn a_random_schedule_is_the_seeds_and_lists_faults_only_when_there_are_some() {
    let plan = |seed| {
        let mut config = RunConfig::new("s1", "stop", Semantics::Sync, seed).with_preset(Preset::Quick);
        config = config.with_param("faults", "random:6");
        fault_events(&run(&config, &mut |_, _| {}).unwrap())
    };
    assert!(!plan(3).is_empty(), "six a minute over a minute");
    assert_eq!(plan(3), plan(3));
    assert_ne!(plan(3), plan(4));
    let plain = crate::quick("s1", "stop", Semantics::Sync);
    assert!(plain.params.iter().all(|(name, _)| name != "faults"), "no faults=none in the header");
}
