//! Ports of the timer tests in Go's `src/time/time_test.go`: one timer reset and stopped from many
//! threads at once (golang/go#25686, #37400). Go checks only that nothing crashes or panics; on the
//! virtual clock the final state is also known: the last operation wins.
//!
//! Source: <https://github.com/golang/go/blob/go1.23.5/src/time/time_test.go>. The links name the
//! function without a line: no copy of this file that could be tied to go1.23.5 was at hand to
//! count lines in (see README.md, "Sources").

use std::collections::BTreeSet;
use std::sync::Arc;
use std::thread;

use gotime::{GoDuration, Instant, Runtime};
use timerlab_tests::in_every_semantics;

use crate::support::{at, ns, plus};

const GOROUTINES: i64 = 8;
const TRIES: i64 = 1000;

/// Go's `Hour + Duration(i*j)`.
fn reset_duration(i: i64, j: i64) -> GoDuration {
    plus(GoDuration::HOUR, ns(i * j))
}

/// The deadlines a resetting thread can leave behind as the last writer: its final Reset.
fn last_deadlines() -> BTreeSet<Instant> {
    (0..GOROUTINES).map(|i| at(reset_duration(i, TRIES - 1))).collect()
}

/// Go: `TestConcurrentTimerReset` (golang/go#25686, #37400) —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/time_test.go>, `func TestConcurrentTimerReset`
#[test]
fn a_timer_reset_from_eight_threads_at_once_ends_armed_at_one_last_deadline() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let timer = Arc::new(rt.new_timer(GoDuration::HOUR));
        let goroutines: Vec<_> = (0..GOROUTINES)
            .map(|i| {
                let timer = timer.clone();
                thread::spawn(move || {
                    for j in 0..TRIES {
                        timer.reset(reset_duration(i, j));
                    }
                })
            })
            .collect();
        for goroutine in goroutines {
            goroutine.join().expect("a concurrent Reset panicked");
        }
        let deadline = rt.next_deadline().expect("the timer is armed");
        assert!(last_deadlines().contains(&deadline), "deadline {deadline} is no thread's last Reset");
        assert_eq!(rt.stats().live, 1);
        assert!(timer.stop(), "the reset timer is pending");
        assert_eq!(rt.stats().live, 0);
    });
}

/// Go: `TestConcurrentTimerResetStop` (golang/go#37400) —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/time_test.go>, `func TestConcurrentTimerResetStop`
#[test]
fn a_timer_reset_and_stopped_from_sixteen_threads_at_once_ends_in_a_consistent_state() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let timer = Arc::new(rt.new_timer(GoDuration::HOUR));
        let mut goroutines = Vec::new();
        for i in 0..GOROUTINES {
            let resetter = timer.clone();
            goroutines.push(thread::spawn(move || {
                for j in 0..TRIES {
                    resetter.reset(reset_duration(i, j));
                }
            }));
            let stopper = timer.clone();
            goroutines.push(thread::spawn(move || {
                stopper.stop();
            }));
        }
        for goroutine in goroutines {
            goroutine.join().expect("a concurrent Reset or Stop panicked");
        }
        let armed = rt.stats().live == 1;
        match rt.next_deadline() {
            Some(deadline) => {
                assert!(armed, "a deadline is in the heap but no timer is live");
                // The last operation was a Reset, so it was its thread's final one.
                assert!(
                    last_deadlines().contains(&deadline),
                    "deadline {deadline} is no thread's last Reset"
                );
            }
            None => assert!(!armed, "a live timer has no deadline"),
        }
        assert_eq!(timer.stop(), armed, "Stop reports whether the last operation left the timer armed");
        assert_eq!(rt.stats().live, 0);
        assert!(timer.c().try_recv().is_err(), "no value: the clock never moved");
    });
}
