//! The runtime brings its heap up to date only when the heap is read (docs/ARCHITECTURE.md, "The
//! deferred heap"): a newly armed timer waits in a queue, and a postponed timer keeps its earlier
//! heap key until it reaches the top. None of that may show: these tests arm, postpone, stop and
//! free timers between reads of the heap and check that deadlines, firing order and the clock
//! driver's wake-ups are exactly those of an eagerly kept heap, in every semantics.

#![cfg(not(gotime_loom))]

use std::sync::{Arc, Mutex};

use gotime::{GoDuration, Instant, Runtime, Semantics};

fn secs(n: i64) -> GoDuration {
    GoDuration::from_secs(n)
}

fn at(seconds: i64) -> Instant {
    Instant::from_start(secs(seconds))
}

/// Runs `test` once per semantics, naming the semantics in a failure.
fn every(test: impl Fn(Semantics, Runtime)) {
    for semantics in Semantics::ALL {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            test(semantics, Runtime::new(semantics));
        }));
        if let Err(panic) = outcome {
            eprintln!("failed in {semantics} semantics");
            std::panic::resume_unwind(panic);
        }
    }
}

/// AfterFuncs that append their name to one log when they run.
struct Log(Arc<Mutex<Vec<&'static str>>>);

impl Log {
    fn new() -> Log {
        Log(Arc::new(Mutex::new(Vec::new())))
    }

    fn after_func(&self, rt: &Runtime, d: GoDuration, name: &'static str) -> gotime::Timer {
        let log = Arc::clone(&self.0);
        rt.after_func(d, move || log.lock().expect("no test panics holding it").push(name))
    }

    fn take(&self) -> Vec<&'static str> {
        std::mem::take(&mut self.0.lock().expect("no test panics holding it"))
    }
}

#[test]
fn a_timer_armed_since_the_last_read_is_the_next_deadline() {
    every(|_, rt| {
        let _late = rt.new_timer(secs(5));
        assert_eq!(rt.next_deadline(), Some(at(5)));
        let _early = rt.new_timer(secs(2)); // queued, not heaped yet
        assert_eq!(rt.next_deadline(), Some(at(2)));
    });
}

#[test]
fn timers_stopped_before_the_heap_is_read_leave_nothing_in_it() {
    every(|_, rt| {
        for _ in 0..1_000 {
            let t = rt.new_timer(secs(3));
            assert!(t.stop());
        }
        assert_eq!(rt.next_deadline(), None);
        assert_eq!(rt.stats().live, 0);
    });
}

#[test]
fn a_postponed_timer_fires_at_its_new_deadline_not_its_old_one() {
    every(|_, rt| {
        let log = Log::new();
        let first = log.after_func(&rt, secs(1), "first");
        let _second = log.after_func(&rt, secs(2), "second");
        assert_eq!(rt.next_deadline(), Some(at(1)), "both heaped");
        assert!(first.reset(secs(3)), "postponed while armed: its heap key still says 1s");
        assert_eq!(rt.next_deadline(), Some(at(2)));
        rt.advance(secs(2));
        assert_eq!(log.take(), ["second"]);
        assert_eq!(rt.now(), at(2), "nothing moved the clock to the stale 1s key and stopped there");
        rt.advance(secs(1));
        assert_eq!(log.take(), ["first"]);
        assert_eq!(rt.stats().live, 0);
    });
}

#[test]
fn a_timer_postponed_to_a_shared_deadline_still_fires_in_creation_order() {
    every(|_, rt| {
        let log = Log::new();
        let older = log.after_func(&rt, secs(1), "older");
        let _newer = log.after_func(&rt, secs(2), "newer");
        let newest = log.after_func(&rt, secs(3), "newest");
        assert!(rt.next_deadline().is_some());
        older.reset(secs(2)); // postponed: stale key
        newest.reset(secs(2)); // brought forward: re-keyed at once
        rt.advance(secs(2));
        assert_eq!(log.take(), ["older", "newer", "newest"]);
    });
}

#[test]
fn postponing_again_and_again_costs_one_firing_at_the_last_deadline() {
    every(|semantics, rt| {
        let t = rt.new_timer(secs(1));
        assert_eq!(rt.next_deadline(), Some(at(1)));
        for n in 2..=100 {
            t.reset(secs(n)); // each later than the last: the heap key stays at 1s
        }
        rt.advance(secs(99));
        assert_eq!(t.c().try_recv().ok(), None, "{semantics}: not due before 100s");
        rt.advance(secs(1));
        assert_eq!(t.c().try_recv().ok(), Some(at(100)), "{semantics}");
        assert_eq!(rt.stats().fired, 1, "{semantics}");
    });
}

#[test]
fn a_freed_slot_still_queued_serves_the_next_timer() {
    every(|_, rt| {
        drop(rt.after(secs(1))); // freed at once where unreferenced timers are collected
        let t = rt.new_timer(secs(2)); // there: the same slot, still in the queue
        let expected = if rt.semantics().collects_unreferenced() { at(2) } else { at(1) };
        assert_eq!(rt.next_deadline(), Some(expected));
        rt.advance(secs(2));
        assert_eq!(t.c().try_recv().ok(), Some(at(2)));
        assert_eq!(rt.next_deadline(), None);
    });
}

#[test]
fn a_ticker_reset_later_ticks_on_its_new_grid() {
    every(|semantics, rt| {
        let ticker = rt.new_ticker(secs(1));
        assert_eq!(rt.next_deadline(), Some(at(1)));
        ticker.reset(secs(10)); // postponed: the heap key still says 1s
        rt.advance(secs(9));
        assert_eq!(ticker.c().try_recv().ok(), None, "{semantics}");
        rt.advance(secs(1));
        assert_eq!(ticker.c().try_recv().ok(), Some(at(10)), "{semantics}");
        assert_eq!(rt.next_deadline(), Some(at(20)), "{semantics}");
    });
}

/// On tokio's clock a driver task sleeps until the earliest deadline; arming an earlier timer must
/// wake it although the new timer is only queued, and postponing the earliest must not make it
/// sleep past the next one.
#[tokio::test(start_paused = true)]
async fn the_tokio_driver_wakes_for_a_queued_earlier_timer_in_every_mode() {
    for semantics in Semantics::ALL {
        let rt = Runtime::builder(semantics).build_tokio().expect("inside a tokio runtime");
        let _late = rt.new_timer(secs(100));
        tokio::task::yield_now().await; // the driver sleeps until @100s
        let start = tokio::time::Instant::now();
        let early = rt.new_timer(secs(1));
        assert_eq!(early.c().recv_async().await, at(1), "{semantics}");
        assert_eq!(start.elapsed(), std::time::Duration::from_secs(1), "{semantics}: woke on time");
    }
}

#[tokio::test(start_paused = true)]
async fn the_tokio_driver_wakes_for_the_next_timer_after_the_earliest_is_postponed_in_every_mode() {
    for semantics in Semantics::ALL {
        let rt = Runtime::builder(semantics).build_tokio().expect("inside a tokio runtime");
        let first = rt.new_timer(secs(1));
        let second = rt.new_timer(secs(2));
        tokio::task::yield_now().await; // the driver sleeps until @1s
        let start = tokio::time::Instant::now();
        first.reset(secs(3));
        assert_eq!(second.c().recv_async().await, at(2), "{semantics}");
        assert_eq!(start.elapsed(), std::time::Duration::from_secs(2), "{semantics}");
        assert_eq!(first.c().recv_async().await, at(3), "{semantics}");
        assert_eq!(start.elapsed(), std::time::Duration::from_secs(3), "{semantics}");
    }
}

#[test]
fn firing_leaves_the_queue_unheaped_until_time_reaches_its_earliest_deadline() {
    every(|_, rt| {
        let log = Log::new();
        let _first = log.after_func(&rt, secs(1), "first");
        rt.advance(GoDuration::from_millis(500)); // `first` is heaped by this read
                                                  // Queued, all later than the next advance: that advance fires from the heap alone.
        let _late = log.after_func(&rt, secs(5), "late");
        let _soon = log.after_func(&rt, secs(1), "soon"); // due at 1.5 s
        rt.advance(GoDuration::from_millis(700)); // to 1.2 s
        assert_eq!(log.take(), ["first"]);
        rt.advance(secs(1)); // to 2.2 s: the queue's earliest deadline has come
        assert_eq!(log.take(), ["soon"]);
        rt.advance(secs(10));
        assert_eq!(log.take(), ["late"]);
    });
}

#[test]
fn a_queued_timer_reset_earlier_still_fires_first() {
    every(|_, rt| {
        let log = Log::new();
        let _heaped = log.after_func(&rt, secs(2), "heaped");
        rt.advance(GoDuration::from_millis(100)); // heaped, the queue empty
        let queued = log.after_func(&rt, secs(9), "queued"); // queued at 9.1 s
        assert!(queued.reset(GoDuration::from_millis(200))); // still queued, now due at 0.3 s
        rt.advance(GoDuration::from_millis(300));
        assert_eq!(log.take(), ["queued"], "the bound the queue keeps followed the reset");
        rt.advance(secs(2));
        assert_eq!(log.take(), ["heaped"]);
    });
}

#[test]
fn timers_queued_out_of_order_in_reused_slots_fire_in_deadline_then_creation_order() {
    // A loop that stops its timeout and creates the next reuses the stopped timer's slot, which
    // keeps its place in the queue: the queue then holds the timers out of deadline order. Some
    // survive, with deadlines that go up and down and some shared.
    every(|_, rt| {
        let names: Vec<&'static str> = (0..200).map(|i| &*format!("t{i}").leak()).collect();
        let log = Log::new();
        let mut kept = Vec::new();
        let mut expected = Vec::new();
        for (i, &name) in names.iter().enumerate() {
            let d = secs(1 + (i as i64 * 37) % 11); // 1s…11s, scrambled, each shared
            let t = log.after_func(&rt, d, name);
            if i % 3 == 0 {
                assert!(t.stop(), "stopped before anything read the heap");
            } else {
                expected.push((rt.now().deadline_after(d), i, name));
                kept.push(t);
            }
            if i % 50 == 49 {
                rt.advance(GoDuration::from_millis(250)); // reads the heap: some heaped, more queued
            }
        }
        expected.sort();
        rt.advance(secs(20));
        assert_eq!(log.take(), expected.iter().map(|&(.., name)| name).collect::<Vec<_>>());
        assert_eq!(rt.stats().live, 0);
    });
}
