//! Go's test vocabulary on the virtual clock: `Sleep`, `<-c`, `select`, `newTimerFunc`, the
//! `tickerTimer` wrapper, panics with Go's messages, and a seeded random source.
//!
//! The ports run on a manual clock: time moves only when a port sleeps or blocks, and a blocking
//! receive lets time pass one deadline at a time until a value arrives. "Go would block forever"
//! is a `None` here, never a hang.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{sync_channel, Receiver};

use gotime::{Chan, GoDuration, Instant, Runtime, Ticker, Timer};

/// `n` nanoseconds (Go's untyped `Duration(n)` and `n * Nanosecond`).
pub const fn ns(n: i64) -> GoDuration {
    GoDuration::from_nanos(n)
}

/// `n` microseconds.
pub const fn us(n: i64) -> GoDuration {
    GoDuration::from_nanos(n * 1_000)
}

/// `d * k`, as Go writes `Duration(k) * d`.
pub const fn times(d: GoDuration, k: i64) -> GoDuration {
    GoDuration::from_nanos(d.as_nanos() * k)
}

/// `a + b`.
pub const fn plus(a: GoDuration, b: GoDuration) -> GoDuration {
    GoDuration::from_nanos(a.as_nanos() + b.as_nanos())
}

/// The instant `d` after the runtime started.
pub const fn at(d: GoDuration) -> Instant {
    Instant::from_start(d)
}

/// Go's `Since(start)` on the runtime's clock.
pub fn since(rt: &Runtime, start: Instant) -> GoDuration {
    rt.now().duration_since(start)
}

/// Go's `Sleep(d)`: lets `d` of virtual time pass, firing what is due on the way.
pub fn sleep(rt: &Runtime, d: GoDuration) {
    rt.advance(d);
}

/// A blocking receive, or a `select` without `default`, on the manual clock: checks `ready`, and
/// while it yields nothing lets time pass to the next deadline. `None` when nothing is left that
/// could ever fire: Go would block forever.
pub fn wait_until<T>(rt: &Runtime, mut ready: impl FnMut() -> Option<T>) -> Option<T> {
    loop {
        if let Some(value) = ready() {
            return Some(value);
        }
        match rt.next_deadline() {
            Some(when) if when < Instant::MAX => rt.advance_to(when),
            _ => return None,
        }
    }
}

/// Go's `<-c` on a timer channel.
///
/// # Panics
///
/// When no value can ever arrive: the Go test would hang there.
#[track_caller]
pub fn recv(rt: &Runtime, c: &Chan) -> Instant {
    wait_until(rt, || c.try_recv().ok()).expect("<-C would block forever: no timer left to fire")
}

/// The Go `*Timer` operations the ports need, so one port runs against `NewTimer` (impl=chan) and
/// `newTimerFunc` (impl=func), as Go's own tests do since Go 1.23.
pub trait GoTimer {
    /// `t.Stop()`.
    fn stop(&self) -> bool;
    /// `t.Reset(d)`.
    fn reset(&self, d: GoDuration) -> bool;
    /// `select { case v := <-t.C: ...; default: }`.
    fn try_recv(&self) -> Option<Instant>;
}

impl GoTimer for Timer {
    fn stop(&self) -> bool {
        Timer::stop(self)
    }

    fn reset(&self, d: GoDuration) -> bool {
        Timer::reset(self, d)
    }

    fn try_recv(&self) -> Option<Instant> {
        self.c().try_recv().ok()
    }
}

/// `<-t.C` for any [`GoTimer`].
///
/// # Panics
///
/// When no value can ever arrive: the Go test would hang there.
#[track_caller]
pub fn recv_timer(rt: &Runtime, t: &impl GoTimer) -> Instant {
    wait_until(rt, || t.try_recv()).expect("<-t.C would block forever: no timer left to fire")
}

/// Go's `newTimerFunc` (sleep_test.go): an AfterFunc whose function sends `Now()` on a channel
/// with a one-value buffer, so a test exercises the AfterFunc path with `NewTimer`'s shape.
pub struct FuncTimer {
    timer: Timer,
    c: Receiver<Instant>,
}

/// Makes a [`FuncTimer`] due `d` from now.
///
/// The function panics if it finds the buffer full, where Go's AfterFunc goroutine would block;
/// none of the ported tests lets that happen.
pub fn new_timer_func(rt: &Runtime, d: GoDuration) -> FuncTimer {
    let (tx, c) = sync_channel(1);
    let clock = rt.clone();
    let timer = rt.after_func(d, move || {
        tx.try_send(clock.now()).expect("newTimerFunc: c <- Now() would block on a full buffer");
    });
    FuncTimer { timer, c }
}

impl GoTimer for FuncTimer {
    fn stop(&self) -> bool {
        self.timer.stop()
    }

    fn reset(&self, d: GoDuration) -> bool {
        self.timer.reset(d)
    }

    fn try_recv(&self) -> Option<Instant> {
        self.c.try_recv().ok()
    }
}

/// tick_test.go's `tickerTimer`: a Ticker with Timer-shaped Stop and Reset that report whether the
/// ticker was running.
pub struct TickerTimer {
    /// The wrapped ticker.
    pub ticker: Ticker,
    stopped: Cell<bool>,
}

impl TickerTimer {
    /// Wraps a running ticker.
    pub fn new(ticker: Ticker) -> TickerTimer {
        TickerTimer { ticker, stopped: Cell::new(false) }
    }
}

impl GoTimer for TickerTimer {
    fn stop(&self) -> bool {
        let pending = !self.stopped.replace(true);
        self.ticker.stop();
        pending
    }

    fn reset(&self, d: GoDuration) -> bool {
        let pending = !self.stopped.replace(false);
        self.ticker.reset(d);
        pending
    }

    fn try_recv(&self) -> Option<Instant> {
        self.ticker.c().try_recv().ok()
    }
}

/// Runs `f`, which must panic, and returns its panic message (`recover()` in Go).
///
/// # Panics
///
/// When `f` returns normally, or panics with something other than a string.
#[track_caller]
pub fn panic_message(f: impl FnOnce()) -> String {
    let payload = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(()) => panic!("expected a panic, but none happened"),
        Err(payload) => payload,
    };
    if let Some(s) = payload.downcast_ref::<&str>() {
        return (*s).to_owned();
    }
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(_) => panic!("the panic value is not a string"),
    }
}

/// The seed for the ports that Go seeds from the wall clock: `TIMERLAB_SEED`, or a fixed default.
/// Printed first, so a failure can be replayed.
pub fn seed(test: &str) -> u64 {
    let seed = std::env::var("TIMERLAB_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_1e55);
    println!(
        "seed={seed} (repro: TIMERLAB_SEED={seed} cargo test -p timerlab-tests --test go_parity {test})"
    );
    seed
}

/// SplitMix64: a small, portable, seeded random source, standing in for Go's `math/rand`.
pub struct Rng(u64);

impl Rng {
    /// A source started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Go's `rnd.Intn(n)`: uniform in `0..n`.
    pub fn intn(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Go's `rnd.Perm(n)`: a random permutation of `0..n`.
    pub fn perm(&mut self, n: usize) -> Vec<usize> {
        let mut p: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            p.swap(i, self.intn(i + 1));
        }
        p
    }
}
