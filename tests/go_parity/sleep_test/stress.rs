//! sleep_test.go's stress tests, on threads: tickers received from many threads, AfterFunc
//! against runnable threads, and many AfterFuncs stopped at once.
//!
//! The clock is manual and moved by the test's main thread; the other threads block in
//! `Chan::recv` or call Stop. The assertions hold whatever the interleaving.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Barrier, Mutex};
use std::thread;

use gotime::{Instant, Runtime};
use timerlab_tests::{in_every_semantics, secs};

use crate::support::{at, ns, recv, us};

/// How many clock steps a stress port may take before its receivers count as starved.
const MAX_STEPS: u64 = 10_000_000;

/// Go: `TestTickerStress` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L93>
///
/// DIFFERENCE: Go's second goroutine loops on `runtime.GC()`; there is no collector to stress here.
#[test]
fn a_one_nanosecond_ticker_delivers_a_hundred_ticks_on_its_grid() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let ticker = rt.new_ticker(ns(1));
        for k in 1..=100 {
            assert_eq!(recv(&rt, ticker.c()), at(ns(k)), "tick {k}");
        }
        ticker.stop();
        rt.advance(secs(1));
        assert!(ticker.c().try_recv().is_err(), "a stopped ticker ticked");
        assert_eq!(rt.stats().live, 0);
    });
}

/// Go: `TestTickerConcurrentStress` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L112>
///
/// Ten threads each take a hundred ticks from one 1ns ticker while the main thread moves the clock
/// a nanosecond at a time. Every tick is received at most once, by one thread, on the tick grid.
#[test]
fn ten_threads_share_one_ticker_and_no_tick_is_received_twice() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let ticker = rt.new_ticker(ns(1));
        let receivers: Vec<_> = (0..10)
            .map(|_| {
                let c = ticker.c().clone();
                thread::spawn(move || (0..100).map(|_| c.recv()).collect::<Vec<Instant>>())
            })
            .collect();
        let mut steps = 0;
        while !receivers.iter().all(|r| r.is_finished()) {
            assert!(steps < MAX_STEPS, "the receivers starved after {steps} clock steps");
            rt.advance(ns(1));
            steps += 1;
            thread::yield_now();
        }
        ticker.stop();
        let mut all = BTreeSet::new();
        for receiver in receivers {
            let ticks = receiver.join().expect("a receiver panicked");
            assert!(ticks.windows(2).all(|w| w[0] < w[1]), "one thread saw ticks out of order: {ticks:?}");
            for tick in ticks {
                assert!(tick > Instant::ZERO && tick <= rt.now(), "tick {tick} is off the grid");
                assert!(all.insert(tick), "tick {tick} was received twice");
            }
        }
        assert_eq!(all.len(), 1000);
        assert_eq!(rt.stats().live, 0, "a stopped ticker is not live");
    });
}

/// Go: `TestAfterFuncStarvation` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L139>
///
/// Virtual-time equivalent of golang/go#65178: two threads ping-pong on a one-value channel, so one
/// of them is always runnable, until an AfterFunc due after 1µs stops them. The clock still reaches
/// the AfterFunc, exactly at its deadline.
#[test]
fn an_after_func_fires_while_other_threads_stay_runnable() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, rx) = sync_channel::<bool>(1);
        let sender = {
            let stop = stop.clone();
            thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    tx.send(true).expect("the receiver outlives the sender");
                }
            })
        };
        let receiver = thread::spawn(move || rx.iter().count());
        let fired_at = Arc::new(Mutex::new(None));
        let (clock, slot, flag) = (rt.clone(), fired_at.clone(), stop.clone());
        rt.after_func(us(1), move || {
            *slot.lock().unwrap() = Some(clock.now());
            flag.store(true, Ordering::SeqCst);
        });
        rt.advance(us(1));
        sender.join().expect("the sender panicked");
        receiver.join().expect("the receiver panicked");
        assert_eq!(*fired_at.lock().unwrap(), Some(at(us(1))));
    });
}

/// Go: `TestTimerStopStress` — <https://github.com/golang/go/blob/go1.23.5/src/time/sleep_test.go#L488>
///
/// A hundred threads each start an AfterFunc due in 2s; at 1s they all Stop theirs at once; at 3s
/// none has run. On the virtual clock every Stop comes before the deadline, so every Stop is true.
#[test]
fn a_hundred_after_funcs_stopped_concurrently_never_run() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let ran = Arc::new(AtomicUsize::new(0));
        let created = Arc::new(Barrier::new(101));
        let slept = Arc::new(Barrier::new(101));
        let goroutines: Vec<_> = (0..100)
            .map(|i| {
                let (rt, ran, created, slept) = (rt.clone(), ran.clone(), created.clone(), slept.clone());
                thread::spawn(move || {
                    let timer = rt.after_func(secs(2), move || {
                        ran.fetch_add(1, Ordering::SeqCst);
                        eprintln!("timer {i} was not stopped");
                    });
                    created.wait();
                    slept.wait(); // Sleep(1 * Second)
                    timer.stop()
                })
            })
            .collect();
        created.wait();
        rt.advance(secs(1));
        slept.wait();
        for goroutine in goroutines {
            assert!(
                goroutine.join().expect("a goroutine panicked"),
                "Stop before the deadline returned false"
            );
        }
        rt.advance(secs(2)); // the main goroutine's Sleep(3 * Second) ends
        assert_eq!(ran.load(Ordering::SeqCst), 0, "stopped timers ran");
        assert_eq!(rt.stats().live, 0);
        assert_eq!(rt.stats().fired, 0);
    });
}
