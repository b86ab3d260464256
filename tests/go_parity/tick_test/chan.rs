//! tick_test.go's `TestChan` / `testTimerChan`: one Timer and one Ticker walked through Stop,
//! Reset, blocked receivers and `select`s, with Go's `asynctimerchan` branches.
//!
//! Go's goroutines are closures here, polled by a small scheduler whenever the clock moves; when
//! goroutines are blocked, Sleep moves the clock one deadline at a time so that they receive a value
//! when it fires, as Go's blocked receivers do. Every step runs in one thread, so every outcome is
//! exact. Go runs it under `asynctimerchan=0`, `1` and `2`, passing `synctimerchan` for `0` only;
//! here async, async-collected and sync, `synctimerchan` for sync only.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use gotime::{Chan, GoDuration, Runtime};
use timerlab_tests::{in_every_semantics, ms, secs};

use crate::support::{ns, GoTimer, TickerTimer};

/// Go's retry parameters.
const SCHED: GoDuration = ms(10);
const TRIES: usize = 100;
const DRAIN_TRIES: usize = 5;

/// A goroutine: polled until it returns true (finished).
type Goroutine<'a> = Box<dyn FnMut() -> bool + 'a>;

/// Runs the port's goroutines as the clock moves.
struct Sched<'a> {
    rt: &'a Runtime,
    goroutines: RefCell<Vec<Goroutine<'a>>>,
}

impl<'a> Sched<'a> {
    fn new(rt: &'a Runtime) -> Sched<'a> {
        Sched { rt, goroutines: RefCell::new(Vec::new()) }
    }

    /// `go f()`.
    fn go(&self, g: impl FnMut() -> bool + 'a) {
        self.goroutines.borrow_mut().push(Box::new(g));
        self.run();
    }

    /// Lets every blocked goroutine that can make progress run to its end.
    fn run(&self) {
        self.goroutines.borrow_mut().retain_mut(|g| !g());
    }

    /// Go's `Sleep(d)`.
    fn sleep(&self, d: GoDuration) {
        let target = self.rt.now().saturating_add(d);
        loop {
            self.run();
            let blocked = !self.goroutines.borrow().is_empty();
            match self.rt.next_deadline() {
                Some(when) if blocked && when <= target => self.rt.advance_to(when),
                _ => break,
            }
        }
        self.rt.advance_to(target);
        self.run();
    }
}

/// A Go `chan bool` used only to signal: `done <- true`, `close(done)`, `<-done`.
#[derive(Clone)]
struct Signal(Rc<RefCell<SignalState>>);

struct SignalState {
    cap: usize,
    queued: VecDeque<bool>,
    closed: bool,
}

impl Signal {
    /// `make(chan bool, cap)`.
    fn make(cap: usize) -> Signal {
        Signal(Rc::new(RefCell::new(SignalState { cap, queued: VecDeque::new(), closed: false })))
    }

    fn send(&self) {
        let mut s = self.0.borrow_mut();
        assert!(s.queued.len() < s.cap, "done <- true would block: the port's channel is full");
        s.queued.push_back(true);
    }

    fn close(&self) {
        self.0.borrow_mut().closed = true;
    }

    /// `select { case <-done: true; default: false }`.
    fn try_recv(&self) -> bool {
        let mut s = self.0.borrow_mut();
        s.queued.pop_front().is_some() || s.closed
    }
}

/// `testTimerChan`'s state and helper closures.
struct TimerChan<'a, T: GoTimer> {
    sched: Sched<'a>,
    tim: &'a T,
    c: Chan,
    synctimerchan: bool,
    is_ticker: bool,
}

impl<T: GoTimer> TimerChan<'_, T> {
    fn sleep(&self, d: GoDuration) {
        self.sched.sleep(d);
    }

    /// `drain1`: removes one potential stale value.
    fn drain1(&self) {
        for _ in 0..DRAIN_TRIES {
            if self.c.try_recv().is_ok() {
                return;
            }
            self.sleep(SCHED);
        }
    }

    /// `drainAsync`: stale values only exist in async mode; a ticker may leave two.
    fn drain_async(&self) {
        if self.synctimerchan {
            return;
        }
        self.drain1();
        if self.is_ticker {
            self.drain1();
        }
    }

    #[track_caller]
    fn no_tick(&self, step: &str) {
        if let Ok(value) = self.c.try_recv() {
            panic!("{step}: extra tick {value}");
        }
    }

    #[track_caller]
    fn assert_tick(&self, step: &str) {
        if self.c.try_recv().is_ok() {
            return;
        }
        for _ in 0..TRIES {
            self.sleep(SCHED);
            if self.c.try_recv().is_ok() {
                return;
            }
        }
        panic!("{step}: missing tick");
    }

    #[track_caller]
    fn assert_len(&self, step: &str) {
        if self.synctimerchan {
            let n = self.c.len();
            assert_eq!(n, 0, "{step}: synctimer has len(C) = {n}, want 0 (always)");
            return;
        }
        if self.c.len() == 1 {
            return;
        }
        for _ in 0..TRIES {
            self.sleep(SCHED);
            if self.c.len() == 1 {
                return;
            }
        }
        panic!("{step}: len(C) = {}, want 1", self.c.len());
    }

    #[track_caller]
    fn not_done(&self, done: &Signal, step: &str) {
        assert!(!done.try_recv(), "{step}: early done");
    }

    #[track_caller]
    fn wait_done(&self, done: &Signal, step: &str) {
        for _ in 0..TRIES {
            self.sleep(SCHED);
            if done.try_recv() {
                return;
            }
        }
        panic!("{step}: never got done");
    }
}

/// Go: `testTimerChan` — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L351>
///
/// Step names in the messages quote Go's comments; `Lnnn` is the line in tick_test.go.
fn timer_chan(rt: &Runtime, tim: &impl GoTimer, c: &Chan, is_ticker: bool) {
    let t = TimerChan {
        sched: Sched::new(rt),
        tim,
        c: c.clone(),
        // tick_test.go, TestChan: `testTimerChan(t, tim, tim.C, name == "0")`.
        synctimerchan: !rt.semantics().buffered_channels(),
        is_ticker,
    };
    let tim = t.tim;

    // L452: Test simple stop; timer never in heap.
    tim.stop();
    t.no_tick("L454 simple stop");

    // L456: Test modify of timer not in heap.
    tim.reset(secs(10000));
    t.no_tick("L458 modify of timer not in heap");

    if t.synctimerchan {
        // L461: Test modify of timer in heap.
        tim.reset(ns(1));
        t.sleep(SCHED);
        // Go's check of len(C), cap(C) here is commented out (L465); the sync semantics says 0, 0.
        assert_eq!((c.len(), c.cap()), (0, 0), "L464 len(C), cap(C)");
        t.assert_tick("L467 modify of timer in heap");
    } else {
        // L469: Test modify of timer in heap.
        tim.reset(ns(1));
        t.assert_tick("L471 modify of timer in heap");
        t.sleep(SCHED);
        tim.reset(secs(10000));
        t.drain_async();
        t.no_tick("L475 reset far away after a tick");

        // L477: Test that len sees an immediate tick arrive for Reset of timer in heap.
        tim.reset(ns(1));
        t.assert_len("L480 len after Reset of timer in heap");
        t.assert_tick("L481 tick after Reset of timer in heap");

        // L483: Test that len sees an immediate tick arrive for Reset of timer NOT in heap.
        tim.stop();
        t.drain_async();
        tim.reset(ns(1));
        t.assert_len("L488 len after Reset of timer not in heap");
        t.assert_tick("L489 tick after Reset of timer not in heap");
    }

    // L492: Sleep long enough that a second tick must happen if this is a ticker.
    // Test that Reset does not lose the tick that should have happened.
    t.sleep(SCHED);
    tim.reset(secs(10000));
    t.drain_async();
    t.no_tick("L497 reset after a second tick");

    // L521: Reset timer in heap (already reset above, but just in case).
    tim.reset(secs(10000));
    t.drain_async();

    // L525: Test stop while timer in heap (because goroutine is blocked on <-C).
    let done = Signal::make(0);
    t.not_done(&done, "L527");
    {
        let (c, done) = (c.clone(), done.clone());
        t.sched.go(move || {
            let got = c.try_recv().is_ok();
            if got {
                done.close();
            }
            got
        });
    }
    t.sleep(SCHED);
    t.not_done(&done, "L533 goroutine blocked on <-C");

    // L535: Test reset far away while timer in heap.
    tim.reset(secs(20000));
    t.sleep(SCHED);
    t.not_done(&done, "L538 reset far away while timer in heap");

    // L540: Test imminent reset while in heap.
    tim.reset(ns(1));
    t.wait_done(&done, "L542 imminent reset while in heap");

    // L544: If this is a ticker, another tick should have come in already (they are 1ns apart).
    // If a timer, it should have stopped.
    if is_ticker {
        t.assert_tick("L547 another tick");
    } else {
        t.no_tick("L549 a timer fires once");
    }

    tim.stop();
    t.drain_async();
    t.no_tick("L554 after stop");

    // L556: Again using select and with two goroutines waiting.
    tim.reset(secs(10000));
    t.drain_async();
    let done = Signal::make(2);
    let done1 = Signal::make(0);
    let done2 = Signal::make(0);
    let stop = Signal::make(0);
    for finished in [&done1, &done2] {
        let (c, done, stop, finished) = (c.clone(), done.clone(), stop.clone(), finished.clone());
        t.sched.go(move || {
            if c.try_recv().is_ok() {
                done.send();
            } else if !stop.try_recv() {
                return false;
            }
            finished.close();
            true
        });
    }
    t.sleep(SCHED);
    t.not_done(&done, "L580 two goroutines blocked in select");
    tim.reset(ns(SCHED.as_nanos() / 2));
    t.sleep(SCHED);
    t.wait_done(&done, "L583 one select receives");
    tim.stop();
    stop.close();
    t.wait_done(&done1, "L586 first goroutine finished");
    t.wait_done(&done2, "L587 second goroutine finished");
    if is_ticker {
        // L589: extra send might have sent done again (handled by buffering done above).
        done.try_recv();
        // L595: extra send after that might have filled C.
        let _ = c.try_recv();
    }
    t.not_done(&done, "L601 a stopped timer wakes no other select");

    // L603: Test enqueueTimerChan when timer is stopped.
    let stop = Signal::make(0);
    let done = Signal::make(2);
    for _ in 0..2 {
        let (c, done, stop) = (c.clone(), done.clone(), stop.clone());
        t.sched.go(move || {
            if let Ok(value) = c.try_recv() {
                panic!("L610 unexpected data {value}");
            }
            if !stop.try_recv() {
                return false;
            }
            done.send();
            true
        });
    }
    t.sleep(SCHED);
    stop.close();
    t.wait_done(&done, "L618 first goroutine saw stop");
    t.wait_done(&done, "L619 second goroutine saw stop");

    // L621: Test that Stop and Reset block old values from being received.
    // (Proposal go.dev/issue/37196.)
    if t.synctimerchan {
        tim.reset(ns(1));
        t.sleep(ms(10));
        let pending = tim.stop();
        assert!(pending, "L626 tim.Stop() = {pending}, want true");
        t.no_tick("L629 Stop discards the ready value");

        tim.reset(GoDuration::HOUR);
        t.no_tick("L632 Reset discards nothing new");
        let pending = tim.reset(ns(1));
        assert!(pending, "L633 tim.Reset(1) = {pending}, want true");
        t.assert_tick("L636 tick after Reset(1)");
        t.sleep(ms(10));
        if is_ticker {
            t.assert_tick("L639 a ticker keeps ticking");
            t.sleep(ms(10));
        } else {
            t.no_tick("L642 a timer fires once");
        }
        let (pending, want) = (tim.reset(GoDuration::HOUR), is_ticker);
        assert_eq!(pending, want, "L644 tim.Reset(Hour) = {pending}, want {want}");
        t.no_tick("L647 Reset discards the ticker's ready value");
    }
}

/// Go: `TestChan`, subtest `Timer` — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L309>
///
/// `asynctimerchan=1` is async mode, `asynctimerchan=2` async-collected, `asynctimerchan=0` (Go
/// 1.23's default) sync mode.
#[test]
fn a_timer_channel_behaves_as_go_1_23_tests_it_in_each_mode() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let tim = rt.new_timer(secs(10000));
        timer_chan(&rt, &tim, tim.c(), false);
    });
}

/// Go: `TestChan`, subtest `Ticker`, through tick_test.go's `tickerTimer` wrapper —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L309>
#[test]
fn a_ticker_channel_behaves_as_go_1_23_tests_it_in_each_mode() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let tim = TickerTimer::new(rt.new_ticker(secs(10000)));
        let c = tim.ticker.c().clone();
        timer_chan(&rt, &tim, &c, true);
    });
}
