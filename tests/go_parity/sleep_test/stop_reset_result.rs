//! sleep_test.go's `TestStopResult` and `TestResetResult` (golang/go#69312): when two timers fire
//! together and a goroutine, woken by one, stops or resets the other, the result must say whether
//! a value can still be read — `if !t.Stop() { <-t.C }` must never hang.
//!
//! Go runs 1000 goroutines × 100 rounds under `asynctimerchan=0,1,2`. Here: once on one thread,
//! where the outcome of each semantics is exact, and once on threads racing the clock's firing.
//! DIFFERENCE: 8 threads × 100 rounds instead of 1000 goroutines (the machine has 2 cores).
//! `asynctimerchan=0,1,2` are sync, async and async-collected here.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;

use gotime::{GoDuration, Runtime, Semantics, Timer};
use timerlab_tests::{in_every_semantics, ms};

use crate::support::{seed, wait_until, Rng};

/// Go's `stopOrReset`.
fn stop_or_reset(timer: &Timer, test_stop: bool) -> bool {
    if test_stop {
        timer.stop()
    } else {
        timer.reset(GoDuration::HOUR)
    }
}

/// Go: `testStopResetResult` —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L799>
///
/// One goroutine's rounds, on the manual clock: both timers fire in the same step, the `select`
/// takes one (chosen at random, as Go's select does among ready cases) and stops or resets the
/// other. Async: the other's value is already in its buffer, so the result is false and the drain
/// receives it at once. Sync: the value is not produced until received, so the result is true and
/// no value remains.
fn stop_reset_result_in_step(semantics: Semantics, test_stop: bool, rnd: &mut Rng) {
    let rt = Runtime::new(semantics);
    for round in 0..100 {
        let timer1 = rt.new_timer(ms(1));
        let timer2 = rt.new_timer(ms(1));
        let take_first = rnd.intn(2) == 0;
        let woke = wait_until(&rt, || {
            let (a, b) = if take_first { (&timer1, &timer2) } else { (&timer2, &timer1) };
            let first = a.c().try_recv().ok().map(|_| a);
            first.or_else(|| b.c().try_recv().ok().map(|_| b))
        });
        let woke = woke.expect("neither timer fired");
        let other = if std::ptr::eq(woke, &timer1) { &timer2 } else { &timer1 };
        let pending = stop_or_reset(other, test_stop);
        let value = other.c().try_recv();
        // Both fired: a buffered channel holds the other's value, so Stop/Reset finds it expired;
        // a sync channel's value is still to be made, so the timer is pending.
        let expected = !semantics.buffered_channels();
        assert_eq!(pending, expected, "round {round}: Stop/Reset result in {semantics}");
        assert_eq!(value.is_ok(), !pending, "round {round}: a value is readable iff the result was false");
    }
}

/// Go: `TestStopResult` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L788>
#[test]
fn stop_on_a_timer_that_fired_with_its_sibling_tells_whether_a_value_is_readable() {
    let seed = seed("stop_on_a_timer_that_fired_with_its_sibling_tells_whether_a_value_is_readable");
    in_every_semantics(|semantics| stop_reset_result_in_step(semantics, true, &mut Rng::new(seed)));
}

/// Go: `TestResetResult` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L792>
#[test]
fn reset_on_a_timer_that_fired_with_its_sibling_tells_whether_a_value_is_readable() {
    let seed = seed("reset_on_a_timer_that_fired_with_its_sibling_tells_whether_a_value_is_readable");
    in_every_semantics(|semantics| stop_reset_result_in_step(semantics, false, &mut Rng::new(seed)));
}

const WORKERS: usize = 8;
const ROUNDS: usize = 100;

/// Go: `testStopResetResult` with goroutines racing the firing. Each round: every worker makes two
/// timers due in 1ms; the main thread moves the clock 1ms, firing all of them one by one, while
/// each worker spins on a `select` over its two channels and stops or resets the other timer as
/// soon as one value shows up — possibly while the other is half-way through firing. After the
/// clock's step has finished, a false result must leave a value to drain and a true result none.
fn stop_reset_result_racing_the_clock(semantics: Semantics, test_stop: bool) {
    let rt = Runtime::new(semantics);
    let created = Arc::new(Barrier::new(WORKERS + 1));
    let fired = Arc::new(Barrier::new(WORKERS + 1));
    let checked = Arc::new(Barrier::new(WORKERS + 1));
    let advanced = Arc::new(AtomicBool::new(false));
    // A failed check is recorded rather than panicking, so that no thread leaves the barriers.
    let failures = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..WORKERS)
        .map(|w| {
            let (rt, created, fired, checked, advanced, failures) = (
                rt.clone(),
                created.clone(),
                fired.clone(),
                checked.clone(),
                advanced.clone(),
                failures.clone(),
            );
            thread::spawn(move || {
                let fail = |msg: String| failures.lock().unwrap().push(msg);
                for round in 0..ROUNDS {
                    let timer1 = rt.new_timer(ms(1));
                    let timer2 = rt.new_timer(ms(1));
                    created.wait();
                    let other = loop {
                        let clock_done = advanced.load(Ordering::SeqCst);
                        if timer1.c().try_recv().is_ok() {
                            break Some(&timer2);
                        }
                        if timer2.c().try_recv().is_ok() {
                            break Some(&timer1);
                        }
                        if clock_done {
                            fail(format!("worker {w} round {round}: neither timer fired"));
                            break None;
                        }
                        thread::yield_now();
                    };
                    let pending = other.map(|other| stop_or_reset(other, test_stop));
                    fired.wait();
                    if let (Some(other), Some(pending)) = (other, pending) {
                        match (pending, other.c().try_recv()) {
                            (false, Err(_)) => fail(format!(
                                "worker {w} round {round}: result false but no value to drain: <-C would hang"
                            )),
                            (true, Ok(value)) => fail(format!(
                                "worker {w} round {round}: result true but the value {value} was readable"
                            )),
                            (false, Ok(_)) | (true, Err(_)) => {}
                        }
                    }
                    checked.wait();
                }
            })
        })
        .collect();
    for _ in 0..ROUNDS {
        created.wait();
        rt.advance(ms(1));
        advanced.store(true, Ordering::SeqCst);
        fired.wait();
        advanced.store(false, Ordering::SeqCst);
        checked.wait();
    }
    for worker in workers {
        worker.join().expect("a worker panicked");
    }
    let failures = failures.lock().unwrap();
    assert!(failures.is_empty(), "{} failed rounds, first: {}", failures.len(), failures[0]);
}

/// Go: `TestStopResult`, with the clock firing while the workers Stop.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L788>
#[test]
fn stop_racing_the_firing_of_its_timer_tells_whether_a_value_is_readable() {
    in_every_semantics(|semantics| stop_reset_result_racing_the_clock(semantics, true));
}

/// Go: `TestResetResult`, with the clock firing while the workers Reset.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L792>
#[test]
fn reset_racing_the_firing_of_its_timer_tells_whether_a_value_is_readable() {
    in_every_semantics(|semantics| stop_reset_result_racing_the_clock(semantics, false));
}
