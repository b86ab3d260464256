//! S1, the comm server, on both engines: the incident OOM-loops in async mode only (not with
//! asynctimerchan=2, which collects the dropped timers), and every fix keeps live timers within
//! one per connection at every sample, in every behaviour.

use gotime::Semantics;
use timerlab_sim::{Event, RunReport, RunVerdict, VerdictKind};

use crate::{quick_on, ENGINES};

const FIXES: [&str; 3] = ["stop", "reset", "context"];

fn assert_live_within_connections(r: &RunReport) {
    for s in &r.samples {
        assert!(
            s.live <= u64::from(s.connections),
            "{}/{} {}: {} live timers > {} connections at {} ({})",
            r.variant,
            r.semantics,
            r.config.preset.name(),
            s.live,
            s.connections,
            s.at,
            r.repro()
        );
    }
    assert_eq!(r.over_bound_checks, 0, "no monitor check saw more: {}", r.repro());
}

#[test]
fn leaky_after_per_iteration_oom_loops_in_async_mode() {
    for engine in ENGINES {
        let r = quick_on(engine, "leaky", Semantics::Async);
        assert!(
            matches!(r.verdict, RunVerdict::OomLoop { restarts } if restarts >= 2),
            "{engine}: {}: {}",
            r.verdict,
            r.repro()
        );
        // Go ≤ 1.22 keeps each iteration's timer for 3 s: far more live timers than connections.
        let users = r.samples.iter().map(|s| s.users).max().unwrap();
        assert!(r.peak_live > 10 * u64::from(users), "{engine}: peak {} live for {users} users", r.peak_live);
        assert!(r.peak_memory > r.budget.unwrap(), "{engine}: killed only above the budget");
    }
}

#[test]
fn every_oom_kill_is_followed_by_a_restart_and_reconnecting_clients_in_async_mode() {
    for engine in ENGINES {
        let r = quick_on(engine, "leaky", Semantics::Async);
        let kills: Vec<_> = r.events.iter().filter(|e| matches!(e.event, Event::OomKill { .. })).collect();
        let ups: Vec<_> = r.events.iter().filter(|e| matches!(e.event, Event::Up { .. })).collect();
        assert_eq!(kills.len() as u32, r.restarts, "{engine}");
        // One more life than kills, unless the run ended inside the last back-off.
        assert!(
            ups.len() == kills.len() + 1 || ups.len() == kills.len(),
            "{engine}: {} lives, {} kills",
            ups.len(),
            kills.len()
        );
        for (kill, next) in kills.iter().zip(ups.iter().skip(1)) {
            let backoff = next.at.as_nanos() - kill.at.as_nanos();
            assert!(
                (5_000_000_000..5_100_000_000).contains(&backoff),
                "{engine}: restart {backoff} ns after the kill"
            );
        }
        let reconnected = r.samples.iter().any(|s| s.restarts >= 1 && s.connections > 0);
        assert!(reconnected, "{engine}: clients came back after a restart");
    }
}

#[test]
fn async_leak_climbs_memory_while_the_task_count_stays_flat() {
    for engine in ENGINES {
        let r = quick_on(engine, "leaky", Semantics::Async);
        // Between two samples of the first life after the ramp: same tasks, more memory.
        let first_life: Vec<_> = r
            .samples
            .iter()
            .skip_while(|s| s.connections == 0)
            .take_while(|s| s.restarts == 0 && s.connections > 0)
            .collect();
        let all = r.samples.iter().map(|s| s.users).max().unwrap();
        let flat: Vec<_> = first_life.iter().filter(|s| s.users == all && s.connections == all).collect();
        let (first, last) = (flat.first().expect("a flat stretch"), flat.last().unwrap());
        assert_eq!(first.tasks, last.tasks, "{engine}: tasks stay flat");
        assert!(
            last.memory > first.memory + first.memory / 10,
            "{engine}: memory climbs: {} -> {}",
            first.memory,
            last.memory
        );
        assert!(
            last.live > first.live,
            "{engine}: because live timers climb: {} -> {}",
            first.live,
            last.live
        );
    }
}

#[test]
fn leaky_after_per_iteration_stays_bounded_in_sync_mode_and_with_asynctimerchan_2() {
    // Both collect the timer each iteration drops: no more live timers than connections.
    for engine in ENGINES {
        for semantics in [Semantics::AsyncCollected, Semantics::Sync] {
            let r = quick_on(engine, "leaky", semantics);
            assert_eq!(r.verdict, RunVerdict::Bounded, "{engine} {semantics}: {}", r.repro());
            assert_eq!(r.restarts, 0, "{engine} {semantics}");
            assert_live_within_connections(&r);
        }
    }
}

#[test]
fn every_fix_keeps_live_timers_within_connections_at_every_sample_in_every_behaviour() {
    for engine in ENGINES {
        for variant in FIXES {
            for semantics in Semantics::ALL {
                let r = quick_on(engine, variant, semantics);
                assert_eq!(r.verdict, RunVerdict::Bounded, "{engine} {variant}/{semantics}: {}", r.repro());
                assert_live_within_connections(&r);
                assert!(r.peak_live > 0, "{engine} {variant}/{semantics}: the loop did use timers");
            }
        }
    }
}

#[test]
fn every_variant_shows_its_registered_verdict_in_every_behaviour() {
    use VerdictKind::{Bounded, OomLoop};
    // Only the leak OOM-loops, and only where a dropped, unfired timer stays live: async.
    // asynctimerchan=2 collects it as sync does (Semantics::collects_unreferenced).
    let expected = [
        ("leaky", OomLoop, Bounded, Bounded),
        ("stop", Bounded, Bounded, Bounded),
        ("reset", Bounded, Bounded, Bounded),
        ("context", Bounded, Bounded, Bounded),
    ];
    for engine in ENGINES {
        for (variant, in_async, in_async_collected, in_sync) in expected {
            let kinds = [in_async, in_async_collected, in_sync];
            for (semantics, kind) in Semantics::ALL.into_iter().zip(kinds) {
                let r = quick_on(engine, variant, semantics);
                assert_eq!(r.verdict.kind(), kind, "{engine} {variant}/{semantics}: {}", r.repro());
                assert_eq!(r.expected, kind, "{engine} {variant}/{semantics}: the registry agrees");
            }
        }
    }
}

#[test]
fn the_site_profile_names_the_variants_call_site_the_same_on_both_engines() {
    let cases = [
        ("leaky", "time.After"),
        ("stop", "time.NewTimer"),
        ("reset", "time.NewTimer"),
        ("context", "time.AfterFunc"),
    ];
    for (variant, kind) in cases {
        let sites = ENGINES.map(|engine| {
            let r = quick_on(engine, variant, Semantics::Async);
            let top = r.sites.first().expect("a profile").clone();
            assert_eq!(top.kind, kind, "{engine} {variant}");
            assert!(top.site.contains("scenarios/s1/variants.rs:"), "{engine} {variant}: {}", top.site);
            assert_eq!(top.live, r.peak_live, "{engine} {variant}: the one site holds them all");
            top.site
        });
        assert_eq!(sites[0], sites[1], "{variant}: one variant, one call site, whatever the engine");
    }
    for engine in ENGINES {
        // One timer per connection, created once per connection: not once per message.
        let r = quick_on(engine, "reset", Semantics::Async);
        let users = r.samples.iter().map(|s| s.users).max().unwrap();
        assert!(r.sites[0].created <= u64::from(users), "{engine}: {} created", r.sites[0].created);
    }
}

#[test]
fn idle_clients_get_pinged_in_both_modes() {
    for engine in ENGINES {
        for semantics in Semantics::BOTH {
            let r = quick_on(engine, "reset", semantics);
            assert!(r.timeouts > 0, "{engine} {semantics}: some users were idle for 3 s");
            assert!(r.messages > 1_000, "{engine} {semantics}: and most sent messages");
        }
    }
}
