//! The tokio-driven clock: the same timers on tokio's (here paused, virtual) time, as under turmoil.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use gotime::{BuildError, GoDuration, Runtime, Semantics, WaitError};

use crate::{at, secs};

fn tokio_rt(semantics: Semantics) -> Runtime {
    Runtime::builder(semantics).build_tokio().expect("inside a tokio runtime")
}

#[test]
fn building_a_tokio_clock_outside_tokio_is_an_error() {
    assert_eq!(Runtime::builder(Semantics::Sync).build_tokio().unwrap_err(), BuildError::NoTokioRuntime);
}

#[tokio::test(start_paused = true)]
async fn recv_async_resolves_at_the_deadline_in_every_mode() {
    for semantics in Semantics::ALL {
        let rt = tokio_rt(semantics);
        let t = rt.new_timer(secs(3));
        let start = tokio::time::Instant::now();
        assert_eq!(t.c().recv_async().await, at(3), "{semantics}");
        assert_eq!(start.elapsed(), std::time::Duration::from_secs(3), "{semantics}");
    }
}

#[tokio::test(start_paused = true)]
async fn the_seed_select_loop_times_out_only_when_no_message_comes_in_every_mode() {
    for semantics in Semantics::ALL {
        let rt = tokio_rt(semantics);
        let (tx, mut rx) = tokio::sync::mpsc::channel::<u32>(8);
        tokio::spawn(async move {
            for i in 0..5 {
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                tx.send(i).await.unwrap();
            }
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        });
        let (mut messages, mut timeouts, mut live_at_last_message) = (0, 0, 0);
        while timeouts == 0 {
            let timeout = rt.after(secs(3));
            tokio::select! {
                Some(_) = rx.recv() => {
                    messages += 1;
                    drop(timeout);
                    live_at_last_message = rt.stats().live;
                }
                _ = timeout.recv_async() => timeouts += 1,
            }
        }
        assert_eq!((messages, timeouts), (5, 1), "{semantics}");
        assert_eq!(rt.now(), at(8), "{semantics}: the timeout fired 3s after the last message");
        // At @5s the afters made at @3s and @4s (deadlines @6s, @7s) were dropped unfired.
        let expected = if semantics.collects_unreferenced() { 0 } else { 2 };
        assert_eq!(live_at_last_message, expected, "{semantics}: retained afters at the last message");
        assert_eq!(rt.stats().live, 0, "{semantics}: by @8s every one has fired or been collected");
    }
}

#[tokio::test(start_paused = true)]
async fn after_funcs_and_tickers_follow_tokio_time_in_every_mode() {
    for semantics in Semantics::ALL {
        let rt = tokio_rt(semantics);
        let runs = Arc::new(AtomicUsize::new(0));
        let r = runs.clone();
        let _f = rt.after_func(secs(2), move || {
            r.fetch_add(1, Ordering::SeqCst);
        });
        let k = rt.new_ticker(secs(1));
        for n in 1..=3 {
            assert_eq!(k.c().recv_async().await, at(n), "{semantics}");
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1, "{semantics}: the driver ran f at @2s");
        assert_eq!(rt.wait(k.c()), Err(WaitError::NotManual));
    }
}

#[tokio::test(start_paused = true)]
async fn a_timer_reset_earlier_wakes_the_driver_in_every_mode() {
    for semantics in Semantics::ALL {
        let rt = tokio_rt(semantics);
        let t = rt.new_timer(secs(100));
        tokio::task::yield_now().await; // let the driver go to sleep until @100s
        let start = tokio::time::Instant::now();
        t.reset(secs(1));
        assert_eq!(t.c().recv_async().await, at(1), "{semantics}");
        assert_eq!(start.elapsed(), std::time::Duration::from_secs(1), "{semantics}: woke at @1s, not @100s");
    }
}

#[tokio::test(start_paused = true)]
async fn a_task_waiting_on_a_timer_reset_to_now_gets_the_value_at_once_in_every_mode() {
    for semantics in Semantics::ALL {
        let rt = tokio_rt(semantics);
        tokio::time::advance(std::time::Duration::from_secs(2)).await;
        let t = Arc::new(rt.new_timer(secs(100)));
        let waiter = {
            let t = Arc::clone(&t);
            tokio::spawn(async move { t.c().recv_async().await })
        };
        tokio::task::yield_now().await; // the waiter registers and sleeps
        t.reset(GoDuration::ZERO);
        let start = tokio::time::Instant::now();
        let woken = tokio::time::timeout(std::time::Duration::from_secs(1), waiter).await;
        assert_eq!(woken.expect("woken, not left waiting").unwrap(), at(2), "{semantics}");
        assert_eq!(start.elapsed(), std::time::Duration::ZERO, "{semantics}: woken at once");
    }
}

#[tokio::test(start_paused = true)]
async fn the_driver_task_ends_with_its_runtime_in_every_mode() {
    let tasks = || tokio::runtime::Handle::current().metrics().num_alive_tasks();
    for semantics in Semantics::ALL {
        let before = tasks();
        let rt = tokio_rt(semantics);
        let pending = rt.new_timer(secs(100)); // the driver sleeps toward it
        tokio::task::yield_now().await;
        assert_eq!(tasks(), before + 1, "{semantics}: one driver task");
        drop((pending, rt)); // the timer's handle holds the runtime too
        tokio::task::yield_now().await;
        assert_eq!(tasks(), before, "{semantics}: the driver noticed at once, not at @100s");
    }
}

#[tokio::test(start_paused = true)]
async fn after_replacing_on_tokio_time_fires_what_is_due_before_making_the_next_timer_in_every_mode() {
    for semantics in Semantics::ALL {
        let rt = tokio_rt(semantics);
        let first = rt.after(secs(1));
        let pending = rt.after(secs(3));
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        // Let go of a pending timer on a clock that moved past another's deadline: the two steps,
        // so the due timer fires (its buffered value taken) before the next timer is made.
        let next = rt.after_replacing(pending, secs(3));
        assert_eq!(rt.stats().fired, 1, "{semantics}: the due timer fired first");
        assert_eq!(first.try_recv(), Ok(at(1)), "{semantics}");
        assert_eq!(next.recv_async().await, at(5), "{semantics}: 3 s from the replacement");
    }
}
