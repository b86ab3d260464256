//! SEMANTICS.md, "AfterFunc". Every semantics agrees on every row; each test runs all three.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use gotime::{TryRecvError, WaitError};

use crate::{at, every, secs};

fn recorder(rt: &gotime::Runtime) -> (Arc<Mutex<Vec<gotime::Instant>>>, impl Fn() + Send + Sync + 'static) {
    let runs = Arc::new(Mutex::new(Vec::new()));
    let rt = rt.clone();
    let log = runs.clone();
    (runs, move || log.lock().unwrap().push(rt.now()))
}

#[test]
fn reset_while_pending_returns_true_and_f_runs_once_at_the_new_time_in_every_mode() {
    every(|rt| {
        let (runs, f) = recorder(&rt);
        let t = rt.after_func(secs(2), f);
        rt.advance(secs(1));
        assert!(t.reset(secs(5)));
        rt.advance(secs(10));
        assert_eq!(*runs.lock().unwrap(), [at(6)]);
    });
}

#[test]
fn stop_before_f_starts_returns_true_and_f_never_runs_in_every_mode() {
    every(|rt| {
        let (runs, f) = recorder(&rt);
        let t = rt.after_func(secs(2), f);
        assert!(t.stop());
        rt.advance(secs(10));
        assert!(runs.lock().unwrap().is_empty());
    });
}

#[test]
fn stop_after_f_started_returns_false_without_waiting_for_f_in_every_mode() {
    every(|rt| {
        let (started_tx, started_rx) = mpsc::channel();
        let (release_tx, release_rx) = mpsc::channel::<()>();
        let release_rx = Mutex::new(release_rx);
        let t = rt.after_func(secs(1), move || {
            started_tx.send(()).unwrap();
            release_rx.lock().unwrap().recv().unwrap(); // f keeps running until released
        });
        let clock = rt.clone();
        let advancer = std::thread::spawn(move || clock.advance(secs(1)));
        started_rx.recv().unwrap();
        assert!(!t.stop(), "f has started: too late to stop it");
        // Stop returned while f is still blocked: it did not wait for f.
        release_tx.send(()).unwrap();
        advancer.join().unwrap();
    });
}

#[test]
fn reset_after_f_ran_rearms_and_f_runs_again_in_every_mode() {
    every(|rt| {
        let (runs, f) = recorder(&rt);
        let t = rt.after_func(secs(1), f);
        rt.advance(secs(2));
        assert!(!t.reset(secs(3)), "f already ran: Reset reports the timer was not pending");
        rt.advance(secs(5));
        assert_eq!(*runs.lock().unwrap(), [at(1), at(5)]);
    });
}

#[test]
fn the_channel_of_an_after_func_timer_is_nil_in_every_mode() {
    every(|rt| {
        let count = Arc::new(AtomicUsize::new(0));
        let c = count.clone();
        let t = rt.after_func(secs(1), move || {
            c.fetch_add(1, Ordering::SeqCst);
        });
        assert!(t.c().is_nil());
        rt.advance(secs(2));
        assert_eq!(count.load(Ordering::SeqCst), 1);
        assert_eq!(t.c().try_recv(), Err(TryRecvError::Empty));
        assert_eq!((t.c().len(), t.c().cap()), (0, 0));
        assert_eq!(rt.wait(t.c()), Err(WaitError::Deadlock), "receiving from nil blocks forever");
    });
}

#[test]
fn f_may_reset_its_own_timer_in_every_mode() {
    // A common Go idiom (a self-rearming AfterFunc); f runs outside the runtime's lock.
    every(|rt| {
        let slot: Arc<Mutex<Option<gotime::Timer>>> = Arc::new(Mutex::new(None));
        let runs = Arc::new(AtomicUsize::new(0));
        let (s, r) = (slot.clone(), runs.clone());
        let t = rt.after_func(secs(1), move || {
            if r.fetch_add(1, Ordering::SeqCst) < 2 {
                s.lock().unwrap().as_ref().unwrap().reset(secs(1));
            }
        });
        *slot.lock().unwrap() = Some(t);
        rt.advance(secs(10));
        assert_eq!(runs.load(Ordering::SeqCst), 3);
        slot.lock().unwrap().take(); // break the cycle f -> slot -> timer
    });
}

#[test]
fn a_shared_body_runs_once_per_timer_that_fires_and_each_timer_is_counted_at_its_call_site() {
    every(|rt| {
        let (runs, record) = recorder(&rt);
        let body: Arc<dyn gotime::AfterFuncBody> = Arc::new(record);
        let (stopped, line) = (rt.after_func_shared(secs(1), Arc::clone(&body)), line!());
        let fired = rt.after_func_shared(secs(2), Arc::clone(&body));
        let again = rt.after_func_shared(secs(3), Arc::clone(&body));
        assert!(stopped.stop());
        rt.advance(secs(5));
        assert_eq!(*runs.lock().unwrap(), [at(2), at(3)], "once per timer that fired, at its deadline");
        assert!(!fired.stop() && !again.stop());
        let sites = rt.sites();
        assert_eq!(sites.len(), 3, "one site per call: {sites:?}");
        assert!(sites.iter().all(|s| s.kind == gotime::TimerKind::AfterFunc && s.created == 1));
        assert!(sites.iter().any(|s| (s.site.file, s.site.line) == (file!(), line)), "{sites:?}");
        drop((stopped, fired, again));
        assert_eq!(Arc::strong_count(&body), 1, "the runtime lets go of the body with its timers");
    });
}

#[test]
fn a_body_of_the_programs_own_type_runs_once_per_timer_that_fires_and_goes_with_its_timers() {
    /// The state the body acts on and the body in one allocation (a context's Done signal).
    struct Closes(AtomicUsize);
    impl gotime::AfterFuncBody for Closes {
        fn run(&self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
    every(|rt| {
        let body = Arc::new(Closes(AtomicUsize::new(0)));
        let stopped = rt.after_func_shared(secs(1), body.clone());
        let fired = rt.after_func_shared(secs(2), body.clone());
        assert!(stopped.stop());
        rt.advance(secs(3));
        assert_eq!(body.0.load(Ordering::SeqCst), 1, "the stopped timer never ran it");
        assert!(!fired.reset(secs(1)), "fired already: Reset re-arms it");
        rt.advance(secs(1));
        assert_eq!(body.0.load(Ordering::SeqCst), 2, "once more, for the re-armed timer");
        drop((stopped, fired));
        assert_eq!(Arc::strong_count(&body), 1, "the runtime lets go of the body with its timers");
    });
}

#[test]
fn renewing_a_pending_after_func_moves_its_body_to_a_new_timer_counted_at_the_callers_site() {
    // `if t.Stop() { t = time.AfterFunc(d, f) }`, as a loop with a context per request does.
    every(|rt| {
        let (runs, record) = recorder(&rt);
        let body: Arc<dyn gotime::AfterFuncBody> = Arc::new(record);
        let t = rt.after_func_shared(secs(2), Arc::clone(&body));
        rt.advance(secs(1));
        let (t, line) = (t.renew(secs(3)).expect("pending: Stop stopped it"), line!());
        assert_eq!(Arc::strong_count(&body), 2, "the body moved: ours and the new timer's");
        rt.advance(secs(10));
        assert_eq!(*runs.lock().unwrap(), [at(4)], "once, at the new deadline, never at the old");
        let sites = rt.sites();
        let renewed = sites.iter().find(|s| (s.site.file, s.site.line) == (file!(), line));
        assert!(
            renewed.is_some_and(|s| s.created == 1 && s.kind == gotime::TimerKind::AfterFunc),
            "{sites:?}"
        );
        assert_eq!((rt.stats().created, rt.stats().fired), (2, 1));
        drop(t);
        assert_eq!(Arc::strong_count(&body), 1, "the runtime lets go of the body with the timer");
    });
}

#[test]
fn renewing_an_after_func_that_fired_or_was_stopped_gives_it_back_and_arms_nothing() {
    every(|rt| {
        let (runs, f) = recorder(&rt);
        let fired = rt.after_func(secs(1), f);
        rt.advance(secs(1));
        let fired = fired.renew(secs(5)).expect_err("fired: Stop returns false");
        let (stopped_runs, g) = recorder(&rt);
        let stopped = rt.after_func(secs(1), g);
        assert!(stopped.stop());
        let stopped = stopped.renew(secs(1)).expect_err("stopped: Stop returns false");
        rt.advance(secs(10));
        assert_eq!(*runs.lock().unwrap(), [at(1)], "the body ran for its one deadline");
        assert!(stopped_runs.lock().unwrap().is_empty());
        assert_eq!(rt.stats().created, 2, "renew armed nothing");
        assert!(!fired.reset(secs(1)), "given back as it was: Reset re-arms it");
        rt.advance(secs(1));
        assert_eq!(*runs.lock().unwrap(), [at(1), at(12)]);
        drop(stopped);
    });
}
