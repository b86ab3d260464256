//! gotime's tokio clock inside a turmoil host: timers follow the host's virtual time, fire at
//! their deadlines, and a crash drops the runtime with its timers (a restart starts afresh).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use gotime::{Chan, GoDuration, Instant, Runtime, Semantics};

fn sim<'a>() -> turmoil::Sim<'a> {
    turmoil::Builder::new()
        .simulation_duration(Duration::from_secs(60))
        .tick_duration(Duration::from_millis(10))
        .rng_seed(1)
        .build()
}

fn at(secs: i64) -> Instant {
    Instant::from_start(GoDuration::from_secs(secs))
}

/// Receives from `c`, waiting at most `bound` of turmoil's virtual time. A receive that nothing
/// fills (a firing that wakes no task, a timer that never becomes due) fails here, naming the
/// wait, instead of idling until the simulation's end.
async fn recv_within(c: &Chan, bound: Duration, what: &str) -> Instant {
    tokio::time::timeout(bound, c.recv_async()).await.unwrap_or_else(|_| {
        panic!("{what}: no value within {bound:?} of virtual time: nothing can fill this channel")
    })
}

#[test]
fn timers_fire_at_their_deadlines_on_turmoil_time_in_both_modes() {
    for semantics in Semantics::BOTH {
        let mut sim = sim();
        sim.client("app", async move {
            let rt = Runtime::builder(semantics).build_tokio()?;
            let start = turmoil::sim_elapsed().unwrap();
            let t = rt.new_timer(GoDuration::from_secs(3));
            assert_eq!(
                recv_within(t.c(), Duration::from_secs(4), "the 3s timer").await,
                at(3),
                "{semantics}"
            );
            assert_eq!(turmoil::sim_elapsed().unwrap() - start, Duration::from_secs(3), "{semantics}");
            // Reset earlier than a long timer that waits in the heap (golang/go#47329).
            let long = rt.new_timer(GoDuration::from_secs(100));
            let short = rt.new_timer(GoDuration::from_secs(50));
            short.reset(GoDuration::from_secs(2));
            let fired = recv_within(short.c(), Duration::from_secs(3), "the timer reset to 2s").await;
            assert_eq!(fired, at(5), "{semantics}");
            assert!(long.stop(), "{semantics}");
            Ok(())
        });
        sim.run().unwrap();
    }
}

#[test]
fn after_in_a_select_loop_under_turmoil_retains_timers_only_in_async_mode() {
    for semantics in Semantics::BOTH {
        let mut sim = sim();
        sim.client("app", async move {
            let rt = Runtime::builder(semantics).build_tokio()?;
            let mut ticks = tokio::time::interval(Duration::from_millis(100));
            for _ in 0..20 {
                let timeout = rt.after(GoDuration::from_secs(3));
                tokio::select! {
                    biased;
                    _ = ticks.tick() => {}
                    _ = timeout.recv_async() => panic!("no 3s gap"),
                }
            }
            let expected = if semantics == Semantics::Async { 20 } else { 0 };
            assert_eq!(rt.stats().live, expected, "{semantics}");
            tokio::time::sleep(Duration::from_secs(3)).await;
            assert_eq!(rt.stats().live, 0, "{semantics}: all fired by now");
            Ok(())
        });
        sim.run().unwrap();
    }
}

#[test]
fn a_crash_drops_the_runtime_and_its_timers_and_a_restart_starts_a_fresh_one() {
    for semantics in Semantics::BOTH {
        let fired = Arc::new(AtomicBool::new(false));
        let lives: Rc<RefCell<Vec<(u64, Instant)>>> = Rc::default();
        let starts = Rc::new(Cell::new(0u64));
        let mut sim = sim();
        let (f, l, n) = (fired.clone(), lives.clone(), starts.clone());
        sim.host("server", move || {
            let (f, l, n) = (f.clone(), l.clone(), n.clone());
            async move {
                let rt = Runtime::builder(semantics).build_tokio()?;
                n.set(n.get() + 1);
                let life = n.get();
                if life == 1 {
                    // Would run at 5s: the crash at 1s must take it away.
                    let _f = rt.after_func(GoDuration::from_secs(5), move || f.store(true, Ordering::SeqCst));
                    std::future::pending::<()>().await;
                }
                l.borrow_mut().push((life, rt.now()));
                std::future::pending::<()>().await;
                Ok(())
            }
        });
        let step_until = |sim: &mut turmoil::Sim<'_>, secs: u64| {
            while sim.elapsed() < Duration::from_secs(secs) {
                sim.step().unwrap();
            }
        };
        step_until(&mut sim, 1);
        sim.crash("server");
        step_until(&mut sim, 2);
        sim.bounce("server");
        step_until(&mut sim, 10);
        assert!(!fired.load(Ordering::SeqCst), "{semantics}: the killed life's AfterFunc never ran");
        assert_eq!(*lives.borrow(), [(2, Instant::ZERO)], "{semantics}: life 2's clock starts at zero");
    }
}
