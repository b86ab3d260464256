//! SEMANTICS.md, "Channel timers (NewTimer, After)".

use gotime::{GoDuration, TryRecvError, WaitError};

use crate::{async_collected_rt, async_rt, at, buffered, every, secs, sync_rt};

#[test]
fn stop_on_a_pending_timer_returns_true_and_no_value_ever_arrives_in_every_mode() {
    every(|rt| {
        let t = rt.new_timer(secs(3));
        rt.advance(secs(1));
        assert!(t.stop());
        rt.advance(secs(10));
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty));
        assert_eq!(rt.wait(t.c()), Err(WaitError::Deadlock));
    });
}

#[test]
fn stop_after_expiry_returns_false_and_keeps_the_stale_value_in_async_modes() {
    buffered(|rt| {
        let t = rt.new_timer(secs(1));
        rt.advance(secs(2));
        assert!(!t.stop(), "golang/go#14038: too late to stop");
        assert_eq!(t.c().len(), 1);
        assert_eq!(t.c().try_recv(), Ok(at(1)), "the stale value is still in the buffer");
    });
}

#[test]
fn stop_after_expiry_returns_true_and_discards_the_value_in_sync_mode() {
    let rt = sync_rt();
    let t = rt.new_timer(secs(1));
    rt.advance(secs(2));
    assert!(t.stop(), "Go 1.23: an unreceived value means the timer is still pending");
    assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty));
}

#[test]
fn stop_after_the_value_was_received_returns_false_in_every_mode() {
    every(|rt| {
        let t = rt.new_timer(secs(1));
        assert_eq!(rt.wait(t.c()), Ok(at(1)));
        assert!(!t.stop());
    });
}

#[test]
fn a_received_timer_never_fires_again_until_reset_re_arms_it_in_every_mode() {
    // NewTimer sends once (sleep.go, "after at least duration d"): the loop whose timer case
    // skips its Reset waits on t.C for good (lint rule skipped-rearm).
    every(|rt| {
        let t = rt.new_timer(secs(1));
        assert_eq!(rt.wait(t.c()), Ok(at(1)));
        rt.advance(secs(10));
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "nothing was sent again");
        assert_eq!(rt.wait(t.c()), Err(WaitError::Deadlock), "and nothing ever will be");
        assert!(!t.reset(secs(2)), "not pending");
        assert_eq!(rt.wait(t.c()), Ok(at(13)), "re-armed: it fires again, 2 s after the Reset");
    });
}

#[test]
fn stop_on_a_stopped_timer_returns_false_in_every_mode() {
    every(|rt| {
        let t = rt.new_timer(secs(1));
        assert!(t.stop());
        assert!(!t.stop());
    });
}

#[test]
fn the_drain_idiom_after_the_value_was_received_blocks_forever_in_every_mode() {
    // golang/go#27169: `if !t.Stop() { <-t.C }` when <-t.C already happened.
    every(|rt| {
        let t = rt.new_timer(secs(1));
        assert_eq!(rt.wait(t.c()), Ok(at(1)));
        let stopped = t.stop();
        assert!(!stopped);
        assert_eq!(rt.wait(t.c()), Err(WaitError::Deadlock), "the drain would block forever");
        assert_eq!(rt.now(), at(1), "a deadlocked wait does not move the clock");
    });
}

#[test]
fn the_drain_idiom_on_an_expired_unreceived_timer_drains_the_stale_value_in_async_modes() {
    buffered(|rt| {
        let t = rt.new_timer(secs(1));
        rt.advance(secs(2));
        assert!(!t.stop());
        assert_eq!(rt.wait(t.c()), Ok(at(1)), "the drain takes the stale value at once");
        assert_eq!(rt.now(), at(2));
    });
}

#[test]
fn the_drain_idiom_on_an_expired_unreceived_timer_is_not_needed_in_sync_mode() {
    let rt = sync_rt();
    let t = rt.new_timer(secs(1));
    rt.advance(secs(2));
    assert!(t.stop(), "Stop returns true, so the idiom does not drain");
    assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "and nothing is left to drain");
}

#[test]
fn reset_on_a_pending_timer_returns_true_and_rearms_it_in_every_mode() {
    every(|rt| {
        let t = rt.new_timer(secs(3));
        rt.advance(secs(2));
        assert!(t.reset(secs(3)));
        rt.advance(secs(2));
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "the old deadline @3s passed silently");
        assert_eq!(rt.wait(t.c()), Ok(at(5)));
    });
}

#[test]
fn reset_on_an_expired_unreceived_timer_delivers_the_stale_value_at_once_in_async_modes() {
    // Seed 2's loop: Reset without Stop/drain. golang/go#14038, #11513.
    buffered(|rt| {
        let t = rt.new_timer(secs(1));
        rt.advance(secs(2));
        assert!(!t.reset(secs(3)), "the timer had expired");
        assert_eq!(t.c().try_recv(), Ok(at(1)), "the spurious timeout: the old value, right after Reset");
        assert_eq!(rt.wait(t.c()), Ok(at(5)), "the re-armed timer still fires");
    });
}

#[test]
fn reset_on_an_expired_unreceived_timer_drops_the_new_firing_when_the_buffer_is_full_in_async_modes() {
    buffered(|rt| {
        let t = rt.new_timer(secs(1));
        rt.advance(secs(2));
        t.reset(secs(3));
        rt.advance(secs(4)); // the new firing at @5s finds the stale @1s value in the buffer
        assert_eq!(t.c().try_recv(), Ok(at(1)));
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "the @5s value was dropped");
    });
}

#[test]
fn reset_on_an_expired_unreceived_timer_returns_true_and_discards_the_value_in_sync_mode() {
    let rt = sync_rt();
    let t = rt.new_timer(secs(1));
    rt.advance(secs(2));
    assert!(t.reset(secs(3)), "the unreceived value counts as pending");
    assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "no stale value");
    assert_eq!(rt.wait(t.c()), Ok(at(5)));
}

#[test]
fn len_and_cap_are_one_value_buffer_in_async_modes() {
    buffered(|rt| {
        let t = rt.new_timer(secs(1));
        assert_eq!((t.c().len(), t.c().cap()), (0, 1));
        rt.advance(secs(1));
        assert_eq!((t.c().len(), t.c().cap()), (1, 1));
        t.c().try_recv().unwrap();
        assert_eq!(t.c().len(), 0);
    });
}

#[test]
fn len_and_cap_are_zero_in_sync_mode() {
    let rt = sync_rt();
    let t = rt.new_timer(secs(1));
    assert_eq!((t.c().len(), t.c().cap()), (0, 0));
    rt.advance(secs(1));
    assert_eq!((t.c().len(), t.c().cap()), (0, 0), "even with a value ready to receive");
    assert!(t.c().try_recv().is_ok());
}

#[test]
fn the_value_delivered_is_the_deadline_even_when_received_late_in_every_mode() {
    every(|rt| {
        let t = rt.new_timer(secs(1));
        let c = rt.after(secs(2));
        rt.advance(secs(30));
        assert_eq!(t.c().try_recv(), Ok(at(1)));
        assert_eq!(c.try_recv(), Ok(at(2)));
    });
}

#[test]
fn a_non_positive_duration_fires_at_the_next_runtime_check_in_async_mode() {
    let rt = async_rt();
    rt.advance(secs(4));
    let zero = rt.new_timer(GoDuration::ZERO);
    let negative = rt.new_timer(secs(-5));
    assert_eq!(zero.c().try_recv(), Err(TryRecvError::Empty), "not yet: the runtime has not run timers");
    rt.advance(GoDuration::ZERO);
    assert_eq!(zero.c().try_recv(), Ok(at(4)));
    assert_eq!(negative.c().try_recv(), Ok(at(4)));
}

#[test]
fn a_non_positive_duration_is_receivable_at_once_in_sync_mode() {
    let rt = sync_rt();
    rt.advance(secs(4));
    let zero = rt.new_timer(GoDuration::ZERO);
    let negative = rt.new_timer(secs(-5));
    assert_eq!(zero.c().try_recv(), Ok(at(4)));
    assert_eq!(negative.c().try_recv(), Ok(at(4)));
}

#[test]
fn a_non_positive_duration_is_buffered_at_once_in_async_collected_mode() {
    // asynctimerchan=2 keeps a channel timer nobody waits on in no heap, and every look at it —
    // receive, len, Stop, Reset — first runs it when due (runtime/time.go, maybeRunChan and
    // maybeRunAsync; runtime/chan.go, chanlen). So the value is buffered before any runtime check.
    let rt = async_collected_rt();
    rt.advance(secs(4));
    let zero = rt.new_timer(GoDuration::ZERO);
    let negative = rt.new_timer(secs(-5));
    assert_eq!((zero.c().len(), zero.c().cap()), (1, 1), "buffered, as in async");
    assert!(!negative.stop(), "Stop runs it first, then finds it expired");
    assert_eq!(zero.c().try_recv(), Ok(at(4)));
    assert_eq!(negative.c().try_recv(), Ok(at(4)), "the value stays after Stop, as in async");
}

#[test]
fn a_reset_to_a_non_positive_duration_is_buffered_at_once_in_async_collected_mode() {
    let rt = async_collected_rt();
    let t = rt.new_timer(secs(10));
    rt.advance(secs(1));
    assert!(t.reset(GoDuration::ZERO), "it was pending");
    assert_eq!(t.c().len(), 1);
    assert!(!t.reset(secs(-1)), "the first reset's firing already ran");
    assert_eq!(t.c().try_recv(), Ok(at(1)));
    assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "the second firing found the buffer full");
}

#[test]
fn a_deadline_that_overflows_is_clamped_and_never_fires_in_every_mode() {
    // Go's TestOverflowSleep: no panic, no firing.
    every(|rt| {
        rt.advance(secs(1));
        let t = rt.new_timer(GoDuration::MAX);
        rt.advance(GoDuration::MAX);
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty));
        assert_eq!(rt.wait(t.c()), Err(WaitError::Deadlock));
        assert!(t.stop(), "still pending at the end of time");
    });
}

#[test]
#[should_panic(expected = "time: Stop called on uninitialized Timer")]
fn stop_on_the_zero_timer_panics_like_go() {
    // The zero Timer belongs to no runtime, so it has no semantics: Go panics in every mode.
    gotime::Timer::default().stop();
}

#[test]
#[should_panic(expected = "time: Reset called on uninitialized Timer")]
fn reset_on_the_zero_timer_panics_like_go() {
    gotime::Timer::default().reset(secs(1));
}

#[test]
fn a_timer_moved_earlier_by_reset_fires_at_the_new_time_in_every_mode() {
    // golang/go#47329, TestTimerModifiedEarlier.
    every(|rt| {
        let waiting: Vec<_> = (0..3).map(|_| rt.new_timer(secs(10))).collect();
        let t = rt.new_timer(secs(10));
        assert!(t.reset(secs(1)));
        assert_eq!(rt.wait(t.c()), Ok(at(1)));
        assert!(waiting.iter().all(|w| w.c().try_recv().is_err()));
    });
}

#[test]
fn timers_due_at_the_same_instant_fire_in_creation_order_in_every_mode() {
    every(|rt| {
        let order = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let funcs: Vec<_> = (0..5)
            .map(|i| {
                let order = order.clone();
                rt.after_func(secs(1), move || order.lock().unwrap().push(i))
            })
            .collect();
        // Re-arm in reverse order: the tie-break is creation, not arming.
        for f in funcs.iter().rev() {
            f.reset(secs(2));
        }
        rt.advance(secs(2));
        assert_eq!(*order.lock().unwrap(), [0, 1, 2, 3, 4]);
    });
}

#[test]
fn renew_on_a_pending_timer_gives_a_new_timer_at_the_callers_site_and_the_old_one_never_delivers() {
    // `if t.Stop() { t = time.NewTimer(d) }`, in every mode.
    every(|rt| {
        let t = rt.new_timer(secs(3));
        let old = t.c().clone(); // a copy of the old channel keeps the old timer reachable
        rt.advance(secs(1));
        let (t, line) = (t.renew(secs(5)).expect("pending: Stop stopped it"), line!());
        rt.advance(secs(10));
        assert_eq!(old.try_recv(), Err(TryRecvError::Empty), "the old deadline was stopped");
        assert_eq!(t.c().try_recv(), Ok(at(6)), "the new timer fired 5 s after the renew");
        let sites = rt.sites();
        let renewed = sites.iter().find(|s| (s.site.file, s.site.line) == (file!(), line));
        assert!(renewed.is_some_and(|s| s.created == 1 && s.kind == gotime::TimerKind::Timer), "{sites:?}");
        assert_eq!(rt.stats().created, 2);
    });
}

#[test]
fn renew_after_expiry_gives_the_timer_back_with_its_stale_value_in_async_modes() {
    buffered(|rt| {
        let t = rt.new_timer(secs(1));
        rt.advance(secs(2));
        let t = t.renew(secs(5)).expect_err("golang/go#14038: too late to stop, so nothing is renewed");
        assert_eq!(t.c().try_recv(), Ok(at(1)), "the same timer, its stale value still buffered");
        assert_eq!(rt.stats().created, 1, "nothing was armed");
    });
}

#[test]
fn renew_after_expiry_gives_a_new_timer_and_discards_the_value_in_sync_mode() {
    let rt = sync_rt();
    let t = rt.new_timer(secs(1));
    rt.advance(secs(2));
    let t = t.renew(secs(5)).expect("Go 1.23: an unreceived value means the timer is still pending");
    assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "the old value went with the old timer");
    assert_eq!(rt.wait(t.c()), Ok(at(7)));
}

#[test]
fn renew_after_the_value_was_received_gives_the_timer_back_in_every_mode() {
    every(|rt| {
        let t = rt.new_timer(secs(1));
        assert_eq!(rt.wait(t.c()), Ok(at(1)));
        let t = t.renew(secs(1)).expect_err("received: nothing to stop");
        assert!(!t.reset(secs(1)), "given back as it was: expired, so Reset re-arms it");
        assert_eq!(rt.wait(t.c()), Ok(at(2)));
    });
}

#[test]
#[should_panic(expected = "time: Stop called on uninitialized Timer")]
fn renew_on_the_zero_timer_panics_like_go_s_stop() {
    let _ = gotime::Timer::default().renew(secs(1));
}
