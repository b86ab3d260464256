//! Ports of Go's `src/time/sleep_test.go`: Sleep, After, AfterFunc, Stop, Reset, overflow and the
//! zero Timer. The longer ports live in the submodules.
//!
//! Source: <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go>

mod adjust;
mod stop_reset_result;
mod stress;

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;

use gotime::{Chan, GoDuration, Instant, Runtime, Timer};
use timerlab_tests::{in_every_semantics, ms, secs};

use crate::support::{
    at, new_timer_func, ns, panic_message, plus, recv, recv_timer, since, sleep, times, wait_until, GoTimer,
};

/// Go's `Sleep(d)` as the runtime does it: the goroutine parks on a timer of its own.
fn sleep_on_a_timer(rt: &Runtime, d: GoDuration) {
    recv(rt, &rt.after(d));
}

/// Go: `TestSleep` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L57>
///
/// Another goroutine's `Interrupt()` half-way through becomes a timer firing half-way through.
#[test]
fn sleep_lasts_its_whole_delay_even_when_another_timer_fires_half_way() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let delay = ms(100);
        let interrupted = Arc::new(AtomicBool::new(false));
        let flag = interrupted.clone();
        rt.after_func(ms(50), move || flag.store(true, Ordering::SeqCst));
        let start = rt.now();
        sleep_on_a_timer(&rt, delay);
        let duration = since(&rt, start);
        assert!(interrupted.load(Ordering::SeqCst), "the half-way timer did not fire");
        assert!(duration >= delay, "Sleep({delay}) slept for only {duration}");
        assert_eq!(duration, delay, "the virtual clock wakes the sleeper exactly at its deadline");
    });
}

/// Go: `TestAfterFunc` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L75>
///
/// Each run of `f` schedules the next with `AfterFunc(0, f)`; the eleventh run signals `c`.
/// DIFFERENCE: Go's `f` also sleeps 1s in its own goroutine; here `f` runs on the thread that moves
/// the clock, which cannot sleep inside a firing, so that sleep is left out.
#[test]
fn after_func_with_zero_delay_can_reschedule_itself_ten_times() {
    fn f(rt: Runtime, i: Arc<AtomicI32>, c: Arc<AtomicBool>) {
        let left = i.fetch_sub(1, Ordering::SeqCst) - 1;
        if left >= 0 {
            let next = rt.clone();
            rt.after_func(GoDuration::ZERO, move || f(next.clone(), i.clone(), c.clone()));
        } else {
            c.store(true, Ordering::SeqCst);
        }
    }

    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let i = Arc::new(AtomicI32::new(10));
        let c = Arc::new(AtomicBool::new(false));
        let (first, i2, c2) = (rt.clone(), i.clone(), c.clone());
        rt.after_func(GoDuration::ZERO, move || f(first.clone(), i2.clone(), c2.clone()));
        let got = wait_until(&rt, || c.load(Ordering::SeqCst).then_some(()));
        assert_eq!(got, Some(()), "<-c never completed");
        assert_eq!(i.load(Ordering::SeqCst), -1, "f ran {} times, want 11", 10 - i.load(Ordering::SeqCst));
        assert_eq!(rt.now(), Instant::ZERO, "zero-delay AfterFuncs all run at the instant they are due");
        assert_eq!(rt.stats().fired, 11);
    });
}

/// Not a port: the Rust shape of Go's `TestAfterFunc` closures, which hold channels —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L75>. An AfterFunc
/// whose function owns another timer's channel must be droppable after it ran and after it was
/// stopped. Dropping it drops the channel, which takes the runtime's lock; the runtime used to drop
/// a freed AfterFunc's function while holding that lock, and deadlocked here. The drops run on a
/// helper thread so that a regression fails (after 10s of real time) instead of hanging.
#[test]
fn an_after_func_owning_a_timer_channel_can_be_dropped_after_it_ran_or_was_stopped() {
    in_every_semantics(|semantics| {
        let (done_tx, done) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = Runtime::new(semantics);
            let other = rt.new_timer(secs(1));
            let owned = other.c().clone();
            let ran = rt.after_func(ms(5), move || {
                let _ = owned.try_recv();
            });
            rt.advance(ms(5));
            drop(ran);
            let owned = other.c().clone();
            let stopped = rt.after_func(ms(5), move || {
                let _ = owned.try_recv();
            });
            assert!(stopped.stop());
            drop(stopped);
            done_tx.send(rt.stats().live).expect("the test waits for the result");
        });
        let live = done.recv_timeout(std::time::Duration::from_secs(10));
        assert_eq!(live, Ok(1), "dropping an AfterFunc that owns a channel deadlocked the runtime");
    });
}

/// Go: `TestAfter` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L320>
#[test]
fn after_delivers_no_earlier_than_its_delay() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let delay = ms(100);
        let start = rt.now();
        let end = recv(&rt, &rt.after(delay));
        let duration = since(&rt, start);
        assert!(duration >= delay, "After({delay}) slept for only {duration}");
        let min = start.saturating_add(delay);
        assert!(end >= min, "After({delay}) expect >= {min}, got {end}");
        assert_eq!(end, min, "the value is the deadline on the virtual clock");
    });
}

/// Go: `TestAfterTick` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L333>
#[test]
fn ten_sequential_afters_take_ten_deltas() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let (count, delta) = (10, ms(100));
        let t0 = rt.now();
        for _ in 0..count {
            recv(&rt, &rt.after(delta));
        }
        let d = since(&rt, t0);
        let target = times(delta, count);
        assert!(d >= ns(target.as_nanos() * 9 / 10), "{count} ticks of {delta} too fast: took {d}");
        assert!(d <= ns(target.as_nanos() * 30 / 10), "{count} ticks of {delta} too slow: took {d}");
        assert_eq!(d, target);
    });
}

/// Go: `TestAfterStop` / `testAfterStop` —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L355>,
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L364>
///
/// Go retries five times to avoid flakiness and passes on the first success; on the virtual clock
/// the five rounds are deterministic and every one must pass.
fn after_stop<T: GoTimer>(rt: &Runtime, new_timer: impl Fn(&Runtime, GoDuration) -> T) {
    for round in 0..5 {
        rt.after_func(ms(100), || {});
        let t0 = new_timer(rt, ms(50));
        let (c1_tx, c1) = sync_channel(1);
        let t1 = rt.after_func(ms(150), move || {
            c1_tx.try_send(true).expect("c1 has room for one value");
        });
        let c2 = rt.after(ms(200));
        assert!(t0.stop(), "round {round}: failed to stop event 0");
        assert!(t1.stop(), "round {round}: failed to stop event 1");
        recv(rt, &c2);
        assert_eq!(t0.try_recv(), None, "round {round}: event 0 was not stopped");
        assert!(c1.try_recv().is_err(), "round {round}: event 1 was not stopped");
        assert!(!t1.stop(), "round {round}: Stop returned true twice");
    }
}

/// Go: `TestAfterStop`, subtest `impl=chan`.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L355>
#[test]
fn stopped_timers_never_fire_even_after_a_later_timer_did() {
    in_every_semantics(|semantics| after_stop(&Runtime::new(semantics), |rt, d| rt.new_timer(d)));
}

/// Go: `TestAfterStop`, subtest `impl=func`.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L355>
#[test]
fn stopped_func_timers_never_fire_even_after_a_later_timer_did() {
    in_every_semantics(|semantics| after_stop(&Runtime::new(semantics), new_timer_func));
}

/// Go's `slots` in `testAfterQueuing1`.
const SLOTS: [i64; 13] = [5, 3, 6, 6, 6, 1, 1, 2, 7, 9, 4, 8, 0];

/// Go: `testAfterQueuing` / `testAfterQueuing1` —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L429>,
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L456>
///
/// One "goroutine" per slot waits on its channel and reports `(slot, value)`; here they are polled
/// after every step of the clock, in creation order, which is when Go's would be runnable. Go tries
/// up to five deltas until one passes; all five must pass here.
fn after_queuing<T>(
    rt: &Runtime,
    after: impl Fn(&Runtime, GoDuration) -> T,
    take: impl Fn(&T) -> Option<Instant>,
) {
    for attempt in 0..5 {
        let delta = ms(20 + attempt * 50);
        let t0 = rt.now();
        let mut waiting: Vec<(i64, T)> =
            SLOTS.iter().map(|&slot| (slot, after(rt, times(delta, slot)))).collect();
        let mut results: Vec<(i64, Instant)> = Vec::new();
        while !waiting.is_empty() {
            let progressed = wait_until(rt, || {
                let before = results.len();
                waiting.retain(|(slot, c)| match take(c) {
                    Some(value) => {
                        results.push((*slot, value));
                        false
                    }
                    None => true,
                });
                (results.len() > before).then_some(())
            });
            assert_eq!(progressed, Some(()), "a goroutine waits forever for its After");
        }
        let order: Vec<i64> = results.iter().map(|(slot, _)| *slot).collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "After calls returned out of order: {order:?}");
        for (slot, value) in results {
            let dt = value.duration_since(t0);
            let target = times(delta, slot);
            let (lo, hi) = (ns(target.as_nanos() - delta.as_nanos() / 2), plus(target, times(delta, 10)));
            assert!(dt >= lo && dt <= hi, "After({target}) arrived at {dt}, expected [{lo},{hi}]");
            assert_eq!(dt, target, "the value is the deadline on the virtual clock");
        }
    }
}

/// Go: `TestAfterQueuing`, subtest `impl=chan` —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L420>
#[test]
fn afters_started_out_of_order_deliver_in_deadline_order() {
    in_every_semantics(|semantics| {
        after_queuing(&Runtime::new(semantics), |rt, d| rt.after(d), |c: &Chan| c.try_recv().ok());
    });
}

/// Go: `TestAfterQueuing`, subtest `impl=func`, as it is meant: Go's subtest passes a
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L420>
/// `newTimerFunc`-based `after`, but `testAfterQueuing1` ignores its argument and calls `After`, so
/// in Go both subtests run `After`. Here the func-timer path is queued for real.
#[test]
fn func_timers_started_out_of_order_deliver_in_deadline_order() {
    in_every_semantics(|semantics| {
        after_queuing(&Runtime::new(semantics), new_timer_func, |t| t.try_recv());
    });
}

/// Go: `testReset` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L527>
fn reset_once(rt: &Runtime, d: GoDuration) {
    let start = rt.now();
    let t0 = rt.new_timer(times(d, 2));
    sleep(rt, d);
    assert!(t0.reset(times(d, 3)), "d={d}: resetting unfired timer returned false");
    sleep(rt, times(d, 2));
    assert!(t0.c().try_recv().is_err(), "d={d}: timer fired early");
    sleep(rt, times(d, 2));
    let value = t0.c().try_recv().unwrap_or_else(|_| panic!("d={d}: reset timer did not fire"));
    assert_eq!(value, start.saturating_add(times(d, 4)), "fires 3d after the Reset at d");
    assert!(!t0.reset(ms(50)), "d={d}: resetting expired timer returned true");
}

/// Go: `TestReset` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L552>
///
/// Go doubles `d` from 1ms until one run passes (at most 10s); every `d` must pass here.
#[test]
fn reset_moves_a_pending_timer_and_reports_an_expired_one() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let mut d = ms(1);
        while d <= secs(10) {
            reset_once(&rt, d);
            d = times(d, 2);
        }
    });
}

/// Go: `TestOverflowSleep` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L578>
///
/// Go's goroutine in `Sleep(big)` is a timer nobody may ever receive from; at the end the clock is
/// taken to its last instant and neither it nor `After(big)` has fired.
#[test]
fn overflowing_durations_never_fire_and_negative_ones_fire_at_once() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let big = GoDuration::MAX;
        let sleeper = rt.after(big);

        let (c_big, c_short) = (rt.after(big), rt.after(ms(25)));
        let chosen = wait_until(&rt, || {
            let big = c_big.try_recv().ok().map(|_| "After(big)");
            big.or_else(|| c_short.try_recv().ok().map(|_| "After(25ms)"))
        });
        assert_eq!(chosen, Some("After(25ms)"), "big timeout fired");
        assert_eq!(rt.now(), at(ms(25)));

        let neg = GoDuration::MIN;
        let before = rt.now();
        sleep_on_a_timer(&rt, neg);
        assert_eq!(rt.now(), before, "Sleep(neg) returns immediately");
        let (c_neg, c_second) = (rt.after(neg), rt.after(secs(1)));
        let chosen = wait_until(&rt, || {
            let neg = c_neg.try_recv().ok().map(|_| "After(neg)");
            neg.or_else(|| c_second.try_recv().ok().map(|_| "After(1s)"))
        });
        assert_eq!(chosen, Some("After(neg)"), "negative timeout didn't fire");
        assert_eq!(rt.now(), before, "After(neg) is due at once");

        rt.advance_to(Instant::LAST);
        assert!(sleeper.try_recv().is_err(), "big sleep returned");
        assert!(c_big.try_recv().is_err(), "big timeout fired at the end of time");
        assert_eq!(
            rt.next_deadline(),
            Some(Instant::MAX),
            "the overflowing deadlines clamp to the end of time"
        );
    });
}

/// Go: `TestIssue5745` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L607>
///
/// Go's panic is a nil `*Timer` segfaulting inside Stop. There is no nil `Timer` here: the zero
/// Timer's panic and a panicking AfterFunc body, which runs while the runtime fires timers, take
/// its place; after either, `ticker.Stop()` must not deadlock and the runtime keeps working.
#[test]
fn a_panic_in_timer_code_leaves_the_runtime_unlocked() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let ticker = rt.new_ticker(GoDuration::HOUR);
        let message = panic_message(|| {
            Timer::default().stop();
        });
        assert!(message.contains("called on uninitialized Timer"), "panic = {message}");
        rt.after_func(GoDuration::ZERO, || panic!("a panicking AfterFunc body"));
        let message = panic_message(|| rt.advance(GoDuration::ZERO));
        assert_eq!(message, "a panicking AfterFunc body");
        ticker.stop();
        assert_eq!(recv(&rt, &rt.after(secs(1))), at(secs(1)), "timers still fire after the panics");
    });
}

/// Go: `TestOverflowPeriodRuntimeTimer` (via `CheckRuntimeTimerPeriodOverflow`) —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L625>
///
/// Go builds a runtime timer that is due at once with period `1<<63 - 1`, so the re-arm after the
/// first firing overflows, then checks that `<-After(25ms)` still works. Without Go's internal
/// constructor, a ticker whose period is just over half the time line makes the first deadline
/// reachable and the second overflow; `NewTicker(maxDuration)` overflows at creation.
#[test]
fn a_ticker_period_that_overflows_the_next_deadline_disturbs_no_other_timer() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let huge = rt.new_ticker(GoDuration::MAX);
        let period = ns(i64::MAX / 2 + 1);
        let ticker = rt.new_ticker(period);
        rt.advance_to(at(period));
        assert_eq!(ticker.c().try_recv(), Ok(at(period)), "the first tick is due and reachable");
        assert_eq!(rt.next_deadline(), Some(Instant::MAX), "the next tick clamps to the end of time");
        let start = rt.now();
        assert_eq!(recv(&rt, &rt.after(ms(25))), start.saturating_add(ms(25)));
        rt.advance_to(Instant::LAST);
        assert!(ticker.c().try_recv().is_err(), "an overflowed tick fired");
        assert!(huge.c().try_recv().is_err(), "NewTicker(maxDuration) ticked");
        ticker.stop();
        huge.stop();
    });
}

/// Go: `TestZeroTimerResetPanics` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L639>
///
/// The zero Timer belongs to no runtime, so there is no semantics to choose.
#[test]
fn reset_on_the_zero_timer_panics_with_gos_message() {
    let message = panic_message(|| {
        Timer::default().reset(ns(1));
    });
    assert!(message.contains("called on uninitialized Timer"), "panic = {message}");
    assert_eq!(message, "time: Reset called on uninitialized Timer");
}

/// Go: `TestZeroTimerStopPanics` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L645>
#[test]
fn stop_on_the_zero_timer_panics_with_gos_message() {
    let message = panic_message(|| {
        Timer::default().stop();
    });
    assert!(message.contains("called on uninitialized Timer"), "panic = {message}");
    assert_eq!(message, "time: Stop called on uninitialized Timer");
}

/// Go: `testZeroTimer` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L668>
///
/// A million zero-duration timers, each received at once: the regression of golang/go#44868 was
/// a zero timer missed by the scheduler. Go allows 2s per receive; the virtual clock allows none.
fn zero_timer<T: GoTimer>(rt: &Runtime, mut new_timer: impl FnMut(&Runtime, GoDuration) -> T) {
    for i in 0..1_000_000 {
        let s = rt.now();
        let ti = new_timer(rt, GoDuration::ZERO);
        recv_timer(rt, &ti);
        let diff = since(rt, s);
        assert!(diff <= secs(2), "iteration {i}: took {diff} to get a value from the Timer channel");
        assert_eq!(diff, GoDuration::ZERO, "iteration {i}: a zero timer is due at once");
    }
    assert_eq!(rt.stats().live, 0, "every zero timer fired and was received");
}

/// Go: `TestZeroTimer`, subtest `impl=chan` —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L652>
#[test]
fn zero_duration_timers_are_never_missed() {
    in_every_semantics(|semantics| zero_timer(&Runtime::new(semantics), |rt, d| rt.new_timer(d)));
}

/// Go: `TestZeroTimer`, subtest `impl=func`.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L652>
#[test]
fn zero_duration_func_timers_are_never_missed() {
    in_every_semantics(|semantics| zero_timer(&Runtime::new(semantics), new_timer_func));
}

/// Go: `TestZeroTimer`, subtest `impl=cache`: one func timer, Reset to zero a million times.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L652>
#[test]
fn a_func_timer_reset_to_zero_a_million_times_is_never_missed() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let timer = new_timer_func(&rt, GoDuration::HOUR);
        zero_timer(&rt, |_, d| {
            timer.reset(d);
            CachedTimer(&timer)
        });
    });
}

/// The `impl=cache` timer handed out again on each iteration.
struct CachedTimer<'a, T>(&'a T);

impl<T: GoTimer> GoTimer for CachedTimer<'_, T> {
    fn stop(&self) -> bool {
        self.0.stop()
    }

    fn reset(&self, d: GoDuration) -> bool {
        self.0.reset(d)
    }

    fn try_recv(&self) -> Option<Instant> {
        self.0.try_recv()
    }
}
