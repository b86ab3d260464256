//! SEMANTICS.md, "Tickers".

use std::sync::{Arc, Mutex};

use gotime::{Chan, GoDuration, Instant, TryRecvError, WaitError};

use crate::{at, buffered, every, secs, sync_rt};

#[test]
fn ticks_fall_on_the_grid_and_missed_ticks_are_dropped_in_every_mode() {
    every(|rt| {
        let k = rt.new_ticker(secs(2));
        assert_eq!(rt.wait(k.c()), Ok(at(2)));
        assert_eq!(rt.wait(k.c()), Ok(at(4)));
        rt.advance(secs(5)); // now @9s: ticks @6s and @8s come due; at most one is kept
        assert_eq!(k.c().try_recv(), Ok(at(6)));
        assert_eq!(k.c().try_recv(), Err(TryRecvError::Empty), "missed ticks are not queued");
        assert_eq!(rt.wait(k.c()), Ok(at(10)), "the next tick is the first grid point after now");
    });
}

#[test]
fn a_slow_receiver_finds_at_most_one_buffered_tick_in_async_modes() {
    buffered(|rt| {
        let k = rt.new_ticker(secs(1));
        rt.advance(secs(10));
        assert_eq!(k.c().len(), 1);
        assert_eq!(rt.stats().fired, 10, "every tick @1s..@10s fired; nine found the buffer full");
        assert_eq!(k.c().try_recv(), Ok(at(1)));
        assert_eq!(k.c().len(), 0);
    });
}

#[test]
fn a_slow_receiver_gets_the_tick_produced_on_receive_in_sync_mode() {
    let rt = sync_rt();
    let k = rt.new_ticker(secs(1));
    rt.advance(secs(10));
    assert_eq!(k.c().len(), 0, "nothing is buffered");
    assert_eq!(k.c().try_recv(), Ok(at(1)), "the first missed tick, produced by the receive");
    assert_eq!(k.c().try_recv(), Err(TryRecvError::Empty));
}

#[test]
fn a_late_receive_gets_the_first_missed_tick_and_the_next_lands_after_now_in_every_mode() {
    // SEMANTICS.md: d=2s received at 7s delivers @2s; the next tick is @8s.
    every(|rt| {
        let k = rt.new_ticker(secs(2));
        rt.advance(secs(7));
        assert_eq!(k.c().try_recv(), Ok(at(2)));
        assert_eq!(rt.wait(k.c()), Ok(at(8)));
    });
}

#[test]
fn ticker_reset_keeps_a_buffered_tick_in_async_modes() {
    buffered(|rt| {
        let k = rt.new_ticker(secs(2));
        rt.advance(secs(3));
        k.reset(secs(5));
        assert_eq!(k.c().try_recv(), Ok(at(2)), "the tick fired before Reset stays receivable");
        assert_eq!(rt.wait(k.c()), Ok(at(8)), "the new grid starts at Reset: 3s + 5s");
    });
}

#[test]
fn ticker_reset_discards_a_pending_tick_in_sync_mode() {
    let rt = sync_rt();
    let k = rt.new_ticker(secs(2));
    rt.advance(secs(3));
    k.reset(secs(5));
    assert_eq!(k.c().try_recv(), Err(TryRecvError::Empty), "the @2s tick is gone");
    assert_eq!(rt.wait(k.c()), Ok(at(8)));
}

#[test]
fn new_ticker_with_a_non_positive_interval_panics_like_go_in_every_mode() {
    every(|rt| {
        for d in [GoDuration::ZERO, secs(-1)] {
            let panic =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rt.new_ticker(d))).unwrap_err();
            assert_eq!(panic.downcast_ref::<&str>(), Some(&"non-positive interval for NewTicker"));
            assert!(rt.try_new_ticker(d).is_none());
        }
    });
}

#[test]
fn ticker_reset_with_a_non_positive_interval_panics_like_go_in_every_mode() {
    every(|rt| {
        let k = rt.new_ticker(secs(1));
        let panic =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| k.reset(GoDuration::ZERO))).unwrap_err();
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"non-positive interval for Ticker.Reset"));
    });
}

#[test]
#[should_panic(expected = "time: Reset called on uninitialized Ticker")]
fn reset_on_the_zero_ticker_panics_like_go() {
    gotime::Ticker::default().reset(secs(1));
}

#[test]
fn stop_on_the_zero_ticker_does_nothing_like_go() {
    // golang/go#21874: kept non-panicking for old programs.
    gotime::Ticker::default().stop();
}

#[test]
fn tick_with_a_non_positive_interval_returns_nil_in_every_mode() {
    every(|rt| {
        assert!(rt.tick(GoDuration::ZERO).is_nil());
        assert!(rt.tick(secs(-1)).is_nil());
        assert_eq!(rt.stats().created, 0, "no timer was made");
    });
}

#[test]
fn stop_ends_the_ticks_without_closing_the_channel_in_every_mode() {
    every(|rt| {
        let k = rt.new_ticker(secs(1));
        assert_eq!(rt.wait(k.c()), Ok(at(1)));
        k.stop();
        rt.advance(secs(10));
        assert_eq!(k.c().try_recv(), Err(TryRecvError::Empty), "open but silent");
        assert_eq!(rt.wait(k.c()), Err(WaitError::Deadlock));
    });
}

#[test]
fn stop_leaves_a_buffered_tick_receivable_in_async_modes() {
    buffered(|rt| {
        let k = rt.new_ticker(secs(1));
        rt.advance(secs(1));
        k.stop();
        assert_eq!(k.c().try_recv(), Ok(at(1)));
    });
}

#[test]
fn stop_leaves_no_tick_behind_in_sync_mode() {
    let rt = sync_rt();
    let k = rt.new_ticker(secs(1));
    rt.advance(secs(1));
    k.stop();
    assert_eq!(k.c().try_recv(), Err(TryRecvError::Empty));
}

#[test]
fn a_tiny_ticker_over_a_long_advance_takes_one_step_per_kept_tick_in_every_mode() {
    every(|rt| {
        let k = rt.new_ticker(GoDuration::NANOSECOND);
        rt.advance(GoDuration::from_hours(1)); // 3.6e12 grid points: must not loop over them
        assert_eq!(k.c().try_recv(), Ok(gotime::Instant::from_start(GoDuration::NANOSECOND)));
    });
}

#[test]
fn several_unreceived_tickers_over_a_long_advance_keep_their_first_tick_in_every_mode() {
    // Each ticker's dropped ticks are skipped up to the next AfterFunc, not the next tick of
    // another ticker: this advance would otherwise take 7.2e5 steps (and forever to the end of time).
    every(|rt| {
        let a = rt.new_ticker(secs(1));
        let b = rt.new_ticker(secs(1));
        let far = rt.after_func(GoDuration::from_hours(50), || {});
        rt.advance(GoDuration::from_hours(100));
        assert_eq!((a.c().try_recv(), b.c().try_recv()), (Ok(at(1)), Ok(at(1))));
        assert!(!far.stop(), "the AfterFunc on the way ran");
        rt.advance(GoDuration::MAX);
        assert!(a.c().try_recv().is_ok() && b.c().try_recv().is_ok());
    });
}

#[test]
fn an_after_func_armed_before_the_first_ticker_still_bounds_its_skipped_ticks_in_buffered_modes() {
    // A ticker whose tick finds its buffer full skips the ticks nobody could see, up to the next
    // AfterFunc (the only code that runs during an advance). The runtime keeps the AfterFuncs'
    // deadlines from its first such ticker on, so one armed before it must still count: heaped
    // already when the ticker is created, or still waiting to be heaped — in the queue's order,
    // or behind a later timer (the queue is heaped in deadline order).
    for (heaped_before_the_ticker, behind_a_later_timer) in [(true, false), (false, false), (false, true)] {
        buffered(|rt| {
            let _later = behind_a_later_timer.then(|| rt.after_func(secs(8), || {}));
            let ticker_c: Arc<Mutex<Option<Chan>>> = Arc::default();
            let taken: Arc<Mutex<Vec<Instant>>> = Arc::default();
            let (c, into) = (Arc::clone(&ticker_c), Arc::clone(&taken));
            let _drain = rt.after_func(GoDuration::from_millis(5_500), move || {
                let c = c.lock().unwrap();
                while let Ok(tick) = c.as_ref().expect("the ticker exists by now").try_recv() {
                    into.lock().unwrap().push(tick);
                }
            });
            if heaped_before_the_ticker {
                assert_eq!(rt.next_deadline(), Some(Instant::from_start(GoDuration::from_millis(5_500))));
            }
            let k = rt.new_ticker(secs(1));
            *ticker_c.lock().unwrap() = Some(k.c().clone());
            rt.advance(secs(10));
            assert_eq!(*taken.lock().unwrap(), [at(1)], "the AfterFunc at 5.5 s found the first tick");
            assert_eq!(k.c().try_recv(), Ok(at(6)), "the tick after the AfterFunc filled the buffer again");
        });
    }
}
