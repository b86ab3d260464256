//! SEMANTICS.md, "Stop racing the firing", on one thread: `Runtime::begin_firing` stops a firing
//! halfway, after the timer left the heap and before its send, where Go's scheduler may run other
//! goroutines. The window shows exactly what Go had there, in every behaviour and release — and
//! `Chan::would_block_forever` says when a drain in it hangs.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use gotime::release::GoProgram;
use gotime::{GoDuration, Runtime, Semantics, TryRecvError, WaitError};

use crate::{at, buffered, every, secs, sync_rt};

/// A runtime for a Go program of `release` in a `go 1.23` module, as the resolver builds it.
fn built_for(release: &str) -> Runtime {
    let go = GoProgram::built_with(release).go_mod("1.23").resolve().expect("a known release");
    assert_eq!(go.semantics, Semantics::Sync, "{}", go.reason);
    Runtime::builder_for(&go).build()
}

/// Go 1.23.1, with golang/go#69312.
fn go_1_23_1() -> Runtime {
    built_for("1.23.1")
}

/// Go 1.23.2, where #69312 is fixed: the sync runtime.
fn go_1_23_2() -> Runtime {
    built_for("1.23.2")
}

#[test]
fn a_stop_in_the_window_returns_false_and_the_value_lands_after_it_in_async_modes() {
    buffered(|rt| {
        let t = rt.new_timer(secs(1));
        let firing = rt.begin_firing(at(1)).expect("due at 1s");
        assert_eq!(rt.now(), at(1), "the clock is at the deadline");
        assert!(!t.stop(), "Go <= 1.22: the timer has left the heap, so it has fired");
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "but its value is on its way");
        assert!(!t.c().would_block_forever(), "and will land: a blocking drain gets it");
        firing.finish();
        assert_eq!(t.c().try_recv(), Ok(at(1)), "the value Stop could not prevent: stale");
    });
}

#[test]
fn a_stop_in_the_window_returns_true_and_no_value_ever_comes_in_sync_mode() {
    for rt in [sync_rt(), go_1_23_2()] {
        let t = rt.new_timer(secs(1));
        let firing = rt.begin_firing(at(1)).expect("due at 1s");
        assert!(t.stop(), "Go >= 1.23.2: nothing was received, so Stop stopped it");
        firing.finish();
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty));
        assert!(t.c().would_block_forever(), "no drain is needed, and one would hang");
    }
}

#[test]
fn a_stop_in_the_window_returns_false_and_voids_the_value_on_go_1_23_1() {
    let rt = go_1_23_1();
    let t = rt.new_timer(secs(1));
    let firing = rt.begin_firing(at(1)).expect("due at 1s");
    assert!(!t.c().would_block_forever(), "the send is on its way to the hidden buffer");
    assert!(!t.stop(), "golang/go#69312: Stop saw the timer fired");
    assert!(t.c().would_block_forever(), "and voided its send: nothing will ever come");
    firing.finish();
    assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty));
    assert_eq!(rt.wait(t.c()), Err(WaitError::Deadlock), "`if !t.Stop() {{ <-t.C }}` hangs");
}

/// `if !t.Stop() { <-t.C }` with the Stop in the window; the blocking receive is `wait`, which
/// finishes the firing its channel waits for. What the drain got, or `None` when it would hang.
fn drain_in_the_window(rt: &Runtime) -> (bool, Option<Result<gotime::Instant, WaitError>>) {
    let t = rt.new_timer(secs(1));
    let firing = rt.begin_firing(at(1)).expect("due at 1s");
    let stopped = t.stop();
    let drained = (!stopped).then(|| rt.wait(t.c()));
    firing.finish();
    assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "nothing stale is left behind");
    (stopped, drained)
}

#[test]
fn the_drain_idiom_in_the_window_gets_the_value_in_async_modes_and_hangs_only_on_go_1_23_1() {
    buffered(|rt| assert_eq!(drain_in_the_window(&rt), (false, Some(Ok(at(1))))));
    assert_eq!(drain_in_the_window(&sync_rt()), (true, None), "sync: the drain never runs");
    assert_eq!(drain_in_the_window(&go_1_23_2()), (true, None));
    assert_eq!(drain_in_the_window(&go_1_23_1()), (false, Some(Err(WaitError::Deadlock))));
}

#[test]
fn a_reset_in_the_window_leaves_the_old_value_only_in_async_modes() {
    buffered(|rt| {
        let t = rt.new_timer(secs(1));
        let firing = rt.begin_firing(at(1)).expect("due at 1s");
        assert!(!t.reset(secs(5)), "fired");
        firing.finish();
        assert_eq!(t.c().try_recv(), Ok(at(1)), "golang/go#11513: the old deadline's value");
    });
    for (rt, reset) in [(sync_rt(), true), (go_1_23_2(), true), (go_1_23_1(), false)] {
        let t = rt.new_timer(secs(1));
        let firing = rt.begin_firing(at(1)).expect("due at 1s");
        assert_eq!(t.reset(secs(5)), reset, "true when pending; false on Go 1.23.1 (#69312)");
        firing.finish();
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "no value of the old deadline");
        assert_eq!(rt.wait(t.c()), Ok(at(6)), "the new deadline's value, on time");
    }
}

#[test]
fn a_receive_in_the_window_gets_the_value_in_sync_mode_and_waits_for_it_in_async_modes() {
    buffered(|rt| {
        let t = rt.new_timer(secs(1));
        let firing = rt.begin_firing(at(1)).expect("due at 1s");
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "not sent yet");
        firing.finish();
        assert_eq!(t.c().try_recv(), Ok(at(1)));
    });
    for rt in [sync_rt(), go_1_23_2()] {
        let t = rt.new_timer(secs(1));
        let _firing = rt.begin_firing(at(1)).expect("due at 1s");
        assert_eq!(t.c().try_recv(), Ok(at(1)), "a sync channel makes the value on receive");
    }
}

/// An AfterFunc due at 1s, and how many times its body ran.
fn counted_after_func(rt: &Runtime) -> (Arc<AtomicUsize>, gotime::Timer) {
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&runs);
    let t = rt.after_func(secs(1), move || {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    (runs, t)
}

#[test]
fn an_after_func_stopped_in_the_window_returns_false_and_still_runs_in_every_mode() {
    every(|rt| {
        let (runs, t) = counted_after_func(&rt);
        let firing = rt.begin_firing(at(1)).expect("due at 1s");
        assert!(!t.stop(), "f has started, as far as Stop can tell");
        assert_eq!(runs.load(Ordering::SeqCst), 0, "f runs when the firing finishes");
        firing.finish();
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    });
}

#[test]
fn a_renew_in_the_window_renews_only_where_stop_returns_true() {
    // `if t.Stop() { t = time.NewTimer(d) }` between the firing and its send: Go <= 1.22 has
    // fired (the old value lands in the timer given back), Go >= 1.23.2 stops it, Go 1.23.1
    // voids the send and returns false (golang/go#69312): given back with nothing to come.
    buffered(|rt| {
        let t = rt.new_timer(secs(1));
        let firing = rt.begin_firing(at(1)).expect("due at 1s");
        let t = t.renew(secs(5)).expect_err("Go <= 1.22: fired");
        firing.finish();
        assert_eq!(t.c().try_recv(), Ok(at(1)), "the value Stop could not prevent");
    });
    for rt in [sync_rt(), go_1_23_2()] {
        let t = rt.new_timer(secs(1));
        let firing = rt.begin_firing(at(1)).expect("due at 1s");
        let t = t.renew(secs(5)).expect("Go >= 1.23.2: nothing was received, so Stop stopped it");
        firing.finish();
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "no value of the old deadline");
        assert_eq!(rt.wait(t.c()), Ok(at(6)), "the new timer's value, on time");
    }
    let rt = go_1_23_1();
    let t = rt.new_timer(secs(1));
    let firing = rt.begin_firing(at(1)).expect("due at 1s");
    let t = t.renew(secs(5)).expect_err("golang/go#69312: Stop saw the timer fired");
    firing.finish();
    assert!(t.c().would_block_forever(), "and voided its send: nothing will ever come");
}

#[test]
fn an_after_func_renewed_in_the_window_is_given_back_and_still_runs_in_every_mode() {
    every(|rt| {
        let (runs, t) = counted_after_func(&rt);
        let firing = rt.begin_firing(at(1)).expect("due at 1s");
        let _t = t.renew(secs(5)).expect_err("f has started, as far as Stop can tell");
        firing.finish();
        rt.advance(secs(10));
        assert_eq!(runs.load(Ordering::SeqCst), 1, "once, for the deadline it had");
        assert_eq!(rt.stats().created, 1, "nothing was armed");
    });
}

/// What a runtime shows after firing a timer and a ticker up to 3s, either with `advance` or
/// stepping every firing and finishing it untouched.
fn fired_up_to_3s(rt: &Runtime, stepped: bool) -> (Vec<gotime::Instant>, gotime::Stats) {
    let t = rt.new_timer(secs(2));
    let ticker = rt.new_ticker(secs(1));
    if stepped {
        while let Some(firing) = rt.begin_firing(at(3)) {
            firing.finish();
        }
        rt.advance_to(at(3));
    } else {
        rt.advance_to(at(3));
    }
    let values = [t.c(), ticker.c()].iter().filter_map(|c| c.try_recv().ok()).collect();
    (values, rt.stats())
}

#[test]
fn a_firing_stepped_and_finished_untouched_is_what_advance_does_in_every_mode() {
    for semantics in Semantics::ALL {
        let advanced = fired_up_to_3s(&Runtime::new(semantics), false);
        assert_eq!(fired_up_to_3s(&Runtime::new(semantics), true), advanced, "{semantics}");
    }
    assert_eq!(fired_up_to_3s(&go_1_23_1(), true), fired_up_to_3s(&go_1_23_1(), false), "go1.23.1");
}

#[test]
fn begin_firing_with_nothing_due_returns_none_and_leaves_the_clock_in_every_mode() {
    every(|rt| {
        let _t = rt.new_timer(secs(5));
        assert!(rt.begin_firing(at(4)).is_none());
        assert_eq!(rt.now(), at(0), "advance_to moves the clock, begin_firing does not");
        let firing = rt.begin_firing(at(9)).expect("due at 5s");
        assert_eq!(rt.now(), at(5), "the clock stops at the deadline of the firing");
        drop(firing);
        assert!(rt.begin_firing(at(9)).is_none(), "one firing per timer");
    });
}

#[test]
fn dropping_a_firing_in_flight_finishes_it_in_every_mode() {
    every(|rt| {
        let t = rt.new_timer(secs(1));
        drop(rt.begin_firing(at(1)).expect("due at 1s"));
        assert_eq!(t.c().try_recv(), Ok(at(1)), "the value was not lost");
    });
}

#[test]
fn a_blocking_receive_finishes_the_firing_its_channel_waits_for_in_every_mode() {
    every(|rt| {
        let t = rt.new_timer(secs(1));
        let other = rt.new_timer(secs(1));
        let first = rt.begin_firing(at(1)).expect("t, created first");
        let second = rt.begin_firing(at(1)).expect("other");
        assert_eq!(rt.wait(t.c()), Ok(at(1)), "wait runs the send it waits for");
        first.finish(); // already finished by the receive: nothing happens
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty), "no second value");
        if rt.semantics().buffered_channels() {
            assert_eq!(other.c().try_recv(), Err(TryRecvError::Empty), "the other send still waits");
        }
        second.finish();
        assert_eq!(other.c().try_recv(), Ok(at(1)));
    });
}

#[test]
fn a_firing_in_flight_counts_only_for_its_own_timers_channel_in_every_mode() {
    every(|rt| {
        let first = rt.new_timer(secs(1));
        let second = rt.new_timer(secs(1));
        let stopped = rt.new_timer(secs(5));
        assert!(stopped.stop());
        let first_send = rt.begin_firing(at(1)).expect("first, created first");
        let _second_send = rt.begin_firing(at(1)).expect("second");
        assert!(stopped.c().would_block_forever(), "the sends on their way are to other channels");
        assert_eq!(rt.wait(second.c()), Ok(at(1)), "wait runs its own channel's send");
        if rt.semantics().buffered_channels() {
            assert_eq!(first.c().try_recv(), Err(TryRecvError::Empty), "not the first timer's");
        }
        first_send.finish();
        assert_eq!(first.c().try_recv(), Ok(at(1)));
    });
}

#[test]
fn a_receive_would_block_forever_exactly_when_wait_reports_a_deadlock_in_every_mode() {
    every(|rt| {
        let blocks = |c: &gotime::Chan| {
            let forever = c.would_block_forever();
            if forever {
                assert_eq!(rt.wait(c), Err(WaitError::Deadlock));
            }
            forever
        };
        assert!(blocks(&gotime::Chan::nil()), "the nil channel");
        let pending = rt.new_timer(secs(1));
        assert!(!blocks(pending.c()), "armed");
        let stopped = rt.new_timer(secs(1));
        stopped.stop();
        assert!(blocks(stopped.c()), "stopped before it fired");
        let never = rt.new_timer(GoDuration::MAX);
        assert!(blocks(never.c()), "due at the end of time");
        let ticker = rt.new_ticker(secs(1));
        rt.advance(secs(2));
        assert!(!blocks(pending.c()), "fired, not received: buffered, or made on receive");
        assert!(!blocks(ticker.c()), "a running ticker");
        assert_eq!(rt.wait(pending.c()), Ok(at(1)));
        assert!(blocks(pending.c()), "received: nothing more will come");
        ticker.stop();
        let buffered_tick = rt.semantics().buffered_channels();
        assert_eq!(blocks(ticker.c()), !buffered_tick, "a stopped ticker keeps a buffered tick");
        assert!(!pending.reset(secs(1)));
        assert!(!blocks(pending.c()), "re-armed by Reset");
    });
}

#[test]
fn a_channel_names_the_call_site_of_its_timer() {
    let rt = Runtime::new(Semantics::Sync);
    let (t, line) = (rt.new_timer(secs(1)), line!());
    let site = t.c().site().expect("a timer's channel");
    assert_eq!((site.file, site.line), (file!(), line));
    assert_eq!(rt.sites()[0].site, site, "the site the profile names");
    assert_eq!(gotime::Chan::nil().site(), None);
}
