//! SEMANTICS.md, "Runtime bookkeeping": which timers stay live, and the per-site profile.

use gotime::{GoDuration, Semantics, TimerKind};

use crate::{async_rt, collecting, every, secs};

#[test]
fn a_hundred_thousand_dropped_afters_stay_live_until_they_fire_in_async_mode_only() {
    for semantics in Semantics::ALL {
        let rt = gotime::Runtime::new(semantics);
        for _ in 0..100_000 {
            drop(rt.after(GoDuration::from_mins(3)));
        }
        rt.advance(secs(1));
        // Go ≤ 1.22 and asynctimerchan=1: the heap holds each one (golang/go#8898); Go ≥ 1.23's
        // runtime channel timers, sync or asynctimerchan=2: unreferenced timers are garbage.
        let expected = if semantics.collects_unreferenced() { 0 } else { 100_000 };
        assert_eq!(rt.stats().live, expected, "{semantics}");
        rt.advance(GoDuration::from_mins(3));
        assert_eq!(rt.stats().live, 0, "{semantics}: every timer fired or was collected");
    }
}

#[test]
fn the_site_table_names_the_line_of_the_leaking_after() {
    let rt = async_rt();
    let line = line!() + 2;
    for _ in 0..1_000 {
        drop(rt.after(GoDuration::from_mins(3)));
    }
    let held = rt.new_timer(secs(5)); // a second site, holding one timer
    let sites = rt.sites();
    assert_eq!(sites.len(), 2);
    let worst = &sites[0];
    assert_eq!((worst.site.file, worst.site.line), (file!(), line));
    assert_eq!((worst.kind, worst.live, worst.created), (TimerKind::After, 1_000, 1_000));
    assert_eq!(worst.bytes, 1_000 * rt_cost(TimerKind::After));
    assert_eq!((sites[1].kind, sites[1].live), (TimerKind::Timer, 1));
    drop(held);
}

fn rt_cost(kind: TimerKind) -> u64 {
    gotime::CostModel::default().bytes(kind)
}

#[test]
fn the_site_table_shows_no_live_timers_for_the_same_loop_in_async_collected_and_sync_modes() {
    collecting(|rt| {
        for _ in 0..1_000 {
            drop(rt.after(GoDuration::from_mins(3)));
        }
        let sites = rt.sites();
        assert_eq!((sites[0].live, sites[0].created, sites[0].peak), (0, 1_000, 1));
    });
}

#[test]
fn an_unreferenced_unstopped_tick_is_never_collected_in_async_mode() {
    // golang/go#17757.
    let rt = async_rt();
    drop(rt.tick(secs(1)));
    rt.advance(GoDuration::from_hours(24));
    assert_eq!(rt.stats().live, 1);
    assert!(rt.stats().fired > 0);
}

#[test]
fn an_unreferenced_tick_is_collected_in_async_collected_and_sync_modes() {
    collecting(|rt| {
        drop(rt.tick(secs(1)));
        assert_eq!(rt.stats().live, 0);
    });
}

#[test]
fn a_dropped_ticker_stays_live_in_async_mode_and_is_collected_in_the_others() {
    for semantics in Semantics::ALL {
        let expected = if semantics.collects_unreferenced() { 0 } else { 1 };
        let rt = gotime::Runtime::new(semantics);
        drop(rt.new_ticker(secs(1)));
        rt.advance(secs(60));
        assert_eq!(rt.stats().live, expected, "{semantics}");
    }
}

#[test]
fn a_pending_after_func_stays_live_after_its_timer_is_dropped_in_every_mode() {
    every(|rt| {
        let ran = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let r = ran.clone();
        drop(rt.after_func(secs(1), move || r.store(true, std::sync::atomic::Ordering::SeqCst)));
        assert_eq!(rt.stats().live, 1, "the runtime holds f");
        rt.advance(secs(1));
        assert!(ran.load(std::sync::atomic::Ordering::SeqCst));
        assert_eq!(rt.stats().live, 0);
    });
}

#[test]
fn a_stopped_timer_is_not_live_and_a_held_timer_is_live_exactly_when_stop_would_return_true() {
    every(|rt| {
        let t = rt.new_timer(secs(1));
        assert_eq!(rt.stats().live, 1);
        rt.advance(secs(2));
        let live = rt.stats().live;
        assert_eq!(live == 1, t.stop(), "{}: live iff Stop would stop it", rt.semantics());
        assert_eq!(rt.stats().live, 0);
    });
}

#[test]
fn a_channel_clone_keeps_a_timer_reachable_in_async_collected_and_sync_modes() {
    collecting(|rt| {
        let t = rt.new_timer(secs(5));
        let c = t.c().clone();
        drop(t);
        assert_eq!(rt.stats().live, 1, "the channel still references the timer");
        assert_eq!(rt.wait(&c), Ok(crate::at(5)));
        drop(c);
        assert_eq!(rt.stats().live, 0);
    });
}

#[test]
fn a_held_armed_timer_is_live_in_every_mode() {
    // Only unreferenced timers are collected: a held one costs memory whatever the semantics.
    every(|rt| {
        let t = rt.new_timer(GoDuration::from_mins(3));
        let k = rt.new_ticker(secs(1));
        rt.advance(secs(30));
        assert_eq!(rt.stats().live, 2, "{}", rt.semantics());
        assert_eq!(
            rt.stats().bytes,
            gotime::CostModel::default().channel_timer + gotime::CostModel::default().ticker
        );
        drop((t, k));
    });
}

#[test]
fn peak_and_bytes_follow_the_cost_model() {
    let costs = gotime::CostModel { channel_timer: 100, func_timer: 10, ticker: 1_000 };
    let rt = gotime::Runtime::builder(Semantics::Async).cost_model(costs).build();
    let a = rt.after(secs(1));
    let f = rt.after_func(secs(1), || {});
    let k = rt.new_ticker(secs(10));
    let s = rt.stats();
    assert_eq!((s.live, s.bytes), (3, 1_110));
    rt.advance(secs(1));
    let s = rt.stats();
    assert_eq!((s.live, s.bytes, s.peak, s.peak_bytes, s.created), (1, 1_000, 3, 1_110, 3));
    drop((a, f, k));
}

/// A loop of `time.After(d)` whose iterations end by message (the channel never read), by
/// timeout (the value taken) or late (fired, the value left in an async channel), with `step`
/// letting go of the last channel and making the next: what the runtime keeps and reports.
fn after_loop(rt: &gotime::Runtime, step: impl Fn(&gotime::Runtime, gotime::Chan) -> gotime::Chan) -> String {
    let mut c = rt.after(secs(3));
    let mut seen = Vec::new();
    for i in 0..30 {
        match i % 3 {
            0 => rt.advance(secs(1)),
            1 => {
                rt.advance(secs(3));
                seen.push(c.try_recv().ok());
            }
            _ => rt.advance(secs(4)),
        }
        c = step(rt, c);
        seen.push(c.try_recv().ok());
    }
    let stats = rt.stats();
    let sites: Vec<_> =
        rt.sites().into_iter().map(|s| (s.kind, s.live, s.peak, s.created, s.bytes)).collect();
    format!("{stats:?} {sites:?} {seen:?}")
}

#[test]
fn after_replacing_keeps_collects_and_delivers_what_dropping_the_last_channel_would_in_every_behaviour() {
    // Every behaviour, Go 1.23.0–1.23.1's sync runtime with the Stop/Reset race included
    // (golang/go#69312): the one-step call against the two steps it stands for.
    let builds = Semantics::ALL.into_iter().map(|s| (s.to_string(), gotime::Runtime::builder(s))).chain([(
        "sync, go1.23.1".to_owned(),
        gotime::Runtime::builder(Semantics::Sync).stop_race_69312(true),
    )]);
    for (name, builder) in builds {
        let build = || builder.clone().build();
        let two_steps = after_loop(&build(), |rt, last| {
            drop(last);
            rt.after(secs(3))
        });
        let one_step = after_loop(&build(), |rt, last| rt.after_replacing(last, secs(3)));
        assert_eq!(one_step, two_steps, "{name}");
    }
}

#[test]
fn after_replacing_leaves_every_dropped_timeout_live_in_async_mode_only() {
    for semantics in Semantics::ALL {
        let rt = gotime::Runtime::new(semantics);
        let mut c = rt.after(GoDuration::from_mins(3));
        for _ in 0..999 {
            c = rt.after_replacing(c, GoDuration::from_mins(3));
        }
        // golang/go#8898: async mode keeps every one until it fires; the others collect all but
        // the one still referenced.
        let expected = if semantics.collects_unreferenced() { 1 } else { 1_000 };
        assert_eq!(rt.stats().live, expected, "{semantics}");
        assert_eq!(rt.stats().created, 1_000, "{semantics}");
    }
}

#[test]
fn after_replacing_a_nil_or_another_runtimes_channel_lets_it_go_and_makes_the_timer_here() {
    collecting(|rt| {
        let other = gotime::Runtime::new(rt.semantics());
        let theirs = other.after(secs(3));
        let ours = rt.after_replacing(theirs, secs(3));
        assert_eq!(other.stats().live, 0, "the other runtime's timer was let go of, and collected");
        assert_eq!(rt.stats().live, 1);
        let ours = rt.after_replacing(ours, secs(3));
        let fresh = rt.after_replacing(gotime::Chan::nil(), secs(5));
        assert_eq!(rt.stats().live, 2);
        rt.advance(secs(5));
        assert!(ours.try_recv().is_ok() && fresh.try_recv().is_ok());
    });
}
