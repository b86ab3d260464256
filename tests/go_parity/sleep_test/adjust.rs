//! sleep_test.go's heap-adjustment regressions: timers moved earlier (golang/go#47329) and timers
//! moved earlier and later at random (golang/go#47762).

use gotime::{GoDuration, Runtime};
use timerlab_tests::{in_every_semantics, mins, ms, secs};

use crate::support::{new_timer_func, recv_timer, seed, since, wait_until, GoTimer, Rng};

/// Go's `Until(Unix(0, 0))`: the Unix epoch, seen from a clock in 2023 — about 54 years ago.
const PAST: GoDuration = GoDuration::from_secs(-1_700_000_000);

/// Go: `TestTimerModifiedEarlier` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L685>
///
/// A timer reset ten times to a past deadline must still fire, before a 10s deadline timer; Go
/// allows 8s, the virtual clock none. The deadline timers are stopped at the end, as Go's `defer`s.
fn timer_modified_earlier<T: GoTimer>(rt: &Runtime, new_timer: impl Fn(&Runtime, GoDuration) -> T) {
    #[derive(Debug)]
    enum Won {
        Timer,
        Deadline,
    }
    let mut deadlines = Vec::new();
    for i in 0..1000 {
        let timer = new_timer(rt, GoDuration::HOUR);
        for _ in 0..10 {
            if !timer.stop() {
                recv_timer(rt, &timer);
            }
            timer.reset(PAST);
        }
        let deadline = rt.new_timer(secs(10));
        let now = rt.now();
        let won = wait_until(rt, || {
            let fired = timer.try_recv().map(|_| Won::Timer);
            fired.or_else(|| deadline.c().try_recv().ok().map(|_| Won::Deadline))
        });
        match won {
            Some(Won::Timer) => {
                let took = since(rt, now);
                assert!(took <= secs(8), "iteration {i}: timer took too long ({took})");
                assert_eq!(took, GoDuration::ZERO, "iteration {i}: a timer reset into the past is due now");
            }
            Some(Won::Deadline) => panic!("iteration {i}: deadline expired"),
            None => panic!("iteration {i}: the timer was dropped and nothing is left to fire"),
        }
        deadlines.push(deadline);
    }
    for deadline in deadlines {
        deadline.stop();
    }
    assert_eq!(rt.stats().live, 0);
}

/// Go: `TestTimerModifiedEarlier`, as written (with `newTimerFunc`).
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L685>
#[test]
fn a_func_timer_moved_into_the_past_ten_times_still_fires_at_once() {
    in_every_semantics(|semantics| timer_modified_earlier(&Runtime::new(semantics), new_timer_func));
}

/// Go: `TestTimerModifiedEarlier` with `NewTimer`: the channel path of the same regression.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L685>
#[test]
fn a_channel_timer_moved_into_the_past_ten_times_still_fires_at_once() {
    in_every_semantics(|semantics| timer_modified_earlier(&Runtime::new(semantics), |rt, d| rt.new_timer(d)));
}

/// Go: `TestAdjustTimers` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L724>
///
/// A hundred timers walk through eleven states in a random interleaving: fire at once, be
/// received, be reset to long durations and stopped three times, be reset to zero and received.
/// Go seeds from the wall clock; here the seed is printed first. Go only logs a false Stop in
/// states 3, 5 and 7; here no virtual time passes between those Resets and Stops, so Stop is
/// always true and a false one fails the port.
fn adjust_timers<T: GoTimer>(rt: &Runtime, rnd: &mut Rng, new_timer: impl Fn(&Runtime, GoDuration) -> T) {
    let mut timers: Vec<Option<T>> = (0..100).map(|_| None).collect();
    let mut states = vec![0; timers.len()];
    let mut indices = rnd.perm(timers.len());

    while !indices.is_empty() {
        let ii = rnd.intn(indices.len());
        let i = indices[ii];
        let state = states[i];
        states[i] += 1;
        let timer = || timers[i].as_ref().expect("state 0 made the timer");

        match state {
            0 => timers[i] = Some(new_timer(rt, GoDuration::ZERO)),
            1 => {
                recv_timer(rt, timer()); // Timer is now idle.
            }
            // Reset to various long durations, which we'll cancel.
            2 => assert!(!timer().reset(mins(1)), "shouldn't be active (1)"),
            4 => assert!(!timer().reset(mins(3)), "shouldn't be active (3)"),
            6 => assert!(!timer().reset(mins(2)), "shouldn't be active (2)"),
            // Stop and drain a long-duration timer.
            3 | 5 | 7 => {
                assert!(timer().stop(), "timer {i} state {state} Stop returned false with no time passing");
            }
            // Start a short-duration timer we expect to select without blocking.
            8 => assert!(!timer().reset(GoDuration::ZERO), "timer.Reset returned true"),
            9 => {
                let now = rt.now();
                recv_timer(rt, timer());
                let dur = since(rt, now);
                assert!(dur <= ms(750), "timer {i} took {dur} to complete");
            }
            // Timer is done. Swap with tail and remove.
            10 => {
                indices.swap_remove(ii);
            }
            _ => unreachable!("a timer leaves the walk after state 10"),
        }
    }
    assert_eq!(rt.stats().live, 0, "every timer ends received");
}

/// Go: `TestAdjustTimers`, as written (with `newTimerFunc`).
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L724>
#[test]
fn func_timers_moved_earlier_and_later_at_random_lose_no_firing() {
    let seed = seed("func_timers_moved_earlier_and_later_at_random_lose_no_firing");
    in_every_semantics(|semantics| {
        adjust_timers(&Runtime::new(semantics), &mut Rng::new(seed), new_timer_func);
    });
}

/// Go: `TestAdjustTimers` with `NewTimer`: the channel path of the same regression.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L724>
#[test]
fn channel_timers_moved_earlier_and_later_at_random_lose_no_firing() {
    let seed = seed("channel_timers_moved_earlier_and_later_at_random_lose_no_firing");
    in_every_semantics(|semantics| {
        adjust_timers(&Runtime::new(semantics), &mut Rng::new(seed), |rt, d| rt.new_timer(d));
    });
}
