//! tick_test.go's `TestLongAdjustTimers`: a heap built up by 5000 sleepers, then a million
//! `select`s that each start an `After(5s)` and never receive from it.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use gotime::Runtime;
use timerlab_tests::{in_every_semantics, secs};

use crate::support::{at, sleep, us};

/// Go: `TestLongAdjustTimers` — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L153>
///
/// Go checks that the scheduler's timer adjustment stays fast with a big heap: the work must finish
/// before a 60s AfterFunc closes `done`, and each receive before an `After(5s)`. On the virtual
/// clock the work takes no time at all, so the check becomes: in every one of the million
/// `select`s the queued work is ready and neither the `After(5s)` nor `done` is. DIFFERENCE: the
/// queuing goroutine's channel ping-pong is a FIFO here (no scheduler to exercise). What the port
/// adds is the retention each semantics implies: async keeps all million unreceived `After(5s)`
/// timers live until they fire (golang/go#8898), async-collected and sync collect each one as its
/// `select` ends.
#[test]
fn a_million_selects_against_after_with_a_large_heap_never_time_out() {
    const COUNT: usize = 5000;
    const ROUNDS: usize = 50_000;
    const TRY: usize = 20;

    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);

        // Build up the timer heap.
        let sleepers: Vec<_> = (0..COUNT).map(|_| rt.after(us(10))).collect();
        for _ in 0..COUNT {
            sleep(&rt, us(1));
        }
        for sleeper in &sleepers {
            assert_eq!(sleeper.try_recv(), Ok(at(us(10))), "a sleeper did not wake at its deadline");
        }
        drop(sleepers);
        assert_eq!(rt.stats().live, 0);

        let done = Arc::new(AtomicBool::new(false));
        let close = done.clone();
        rt.after_func(secs(60), move || close.store(true, Ordering::SeqCst));

        let start = rt.now();
        let mut queue = VecDeque::new();
        for i in 0..ROUNDS {
            queue.extend((0..TRY).map(|_| i));
            for _ in 0..TRY {
                let timeout = rt.after(secs(5));
                assert!(timeout.try_recv().is_err(), "failed to read work, iteration {i}");
                assert!(!done.load(Ordering::SeqCst), "timer expired");
                assert_eq!(queue.pop_front(), Some(i), "output channel is closed");
            }
        }
        assert_eq!(rt.now(), start, "the work takes no virtual time");

        let stats = rt.stats();
        // Kept until they fire (async), or collected as each select ends: then the AfterFunc, and
        // at the peak one After besides it.
        let (live, peak) =
            if semantics.collects_unreferenced() { (1, 2) } else { (ROUNDS * TRY + 1, ROUNDS * TRY + 1) };
        assert_eq!(
            stats.live, live as u64,
            "live timers after the loop: the After(5s)s and the 60s AfterFunc"
        );
        assert_eq!(stats.peak, (COUNT.max(peak)) as u64);
        sleep(&rt, secs(5));
        assert_eq!(rt.stats().live, 1, "every After(5s) has fired or was collected; the 60s AfterFunc waits");
        sleep(&rt, secs(55));
        assert!(done.load(Ordering::SeqCst), "the 60s AfterFunc fires at 60s");
        assert_eq!(rt.stats().live, 0);
    });
}
