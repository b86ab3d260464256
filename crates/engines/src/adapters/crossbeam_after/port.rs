//! Go's timer API on crossbeam-channel, written the way a Rust port of a Go program writes it:
//! `NewTimer(d)` is `after(d)`, a channel that is ready from a deadline on, computed lazily
//! (no thread, no heap entry); `Stop` swaps the channel for `never()` and reports whether the
//! deadline was still ahead; `Reset` swaps in a fresh `after(d)`. A ticker is `tick(d)`.
//! crossbeam-channel has no AfterFunc. Nothing here knows about scripts or Go's semantics.

use std::time::{Duration, Instant};

use crossbeam_channel::{after as cb_after, never, tick as cb_tick, Receiver};

/// Go's `*time.Timer`.
#[derive(Debug)]
pub struct Timer {
    c: Receiver<Instant>,
    /// Armed, with its deadline; `Some(None)` is a deadline past the end of time.
    deadline: Option<Option<Instant>>,
}

impl Timer {
    /// `time.NewTimer(d)`.
    pub fn new(d: Duration) -> Timer {
        Timer { c: cb_after(d), deadline: Some(Instant::now().checked_add(d)) } // allow-nondeterminism: real-time adapter
    }

    /// `t.C`: the current channel (Stop and Reset replace it).
    pub fn c(&self) -> &Receiver<Instant> {
        &self.c
    }

    /// `t.Stop()`: true if the deadline was still ahead.
    pub fn stop(&mut self) -> bool {
        let active = match self.deadline.take() {
            Some(Some(at)) => Instant::now() < at, // allow-nondeterminism: real-time adapter
            Some(None) => true,
            None => false,
        };
        self.c = never();
        active
    }

    /// `t.Reset(d)`: a fresh channel ready `d` from now; true if the deadline was still ahead.
    pub fn reset(&mut self, d: Duration) -> bool {
        let active = self.stop();
        *self = Timer::new(d);
        active
    }
}

/// `time.After(d)`.
pub fn after(d: Duration) -> Receiver<Instant> {
    cb_after(d)
}

/// Go's `*time.Ticker`.
#[derive(Debug)]
pub struct Ticker {
    c: Receiver<Instant>,
}

impl Ticker {
    /// `time.NewTicker(d)`, or `None` where Go panics (`d` is zero).
    pub fn try_new(d: Duration) -> Option<Ticker> {
        (!d.is_zero()).then(|| Ticker { c: cb_tick(d) })
    }

    /// `t.C`.
    pub fn c(&self) -> &Receiver<Instant> {
        &self.c
    }

    /// `t.Stop()`: the channel never delivers again.
    pub fn stop(&mut self) {
        self.c = never();
    }

    /// `t.Reset(d)`: ticks restart `d` from now with period `d`.
    ///
    /// # Panics
    ///
    /// When `d` is zero, with Go's message.
    pub fn reset(&mut self, d: Duration) {
        assert!(!d.is_zero(), "{}", timerlab_script::GoPanic::TickerResetNonPositive);
        self.c = cb_tick(d);
    }
}

/// `time.Tick(d)`: `None` (Go's nil channel) when `d` is zero.
pub fn tick(d: Duration) -> Option<Receiver<Instant>> {
    (!d.is_zero()).then(|| cb_tick(d))
}
