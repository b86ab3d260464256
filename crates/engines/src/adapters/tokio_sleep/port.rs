//! Go's timer API on tokio, written the way a Rust port of a Go program writes it: a timer is a
//! spawned task that sleeps until its deadline and then `try_send`s the time into a channel of
//! capacity 1 (Go's buffered `C`); Stop aborts the task; Reset aborts it and spawns a new one.
//! Nothing here knows about scripts or Go's semantics.
//!
//! Every constructor spawns, so it must be called inside a tokio runtime.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::{channel, Receiver, Sender};
use tokio::task::JoinHandle;
use tokio::time::{interval_at, sleep_until, Instant, MissedTickBehavior};

/// 30 years: what tokio and futures-timer use for "never" when `now + d` overflows.
const FAR_FUTURE: Duration = Duration::from_secs(86_400 * 365 * 30);

fn deadline(d: Duration) -> Instant {
    let now = Instant::now(); // allow-nondeterminism: tokio's paused clock
    now.checked_add(d).unwrap_or_else(|| now + FAR_FUTURE)
}

/// Sleeps until `now + d`, then sends the time without blocking: dropped if the buffer is full.
fn spawn_send(tx: Sender<Instant>, d: Duration) -> JoinHandle<()> {
    let at = deadline(d);
    tokio::spawn(async move {
        sleep_until(at).await;
        let _ = tx.try_send(Instant::now()); // allow-nondeterminism: tokio's paused clock
    })
}

/// Go's `*time.Timer`.
#[derive(Debug)]
pub struct Timer {
    c: Receiver<Instant>,
    tx: Sender<Instant>,
    task: Option<JoinHandle<()>>,
}

impl Timer {
    /// `time.NewTimer(d)`.
    pub fn new(d: Duration) -> Timer {
        let (tx, c) = channel(1);
        let task = Some(spawn_send(tx.clone(), d));
        Timer { c, tx, task }
    }

    /// `t.C`.
    pub fn c(&mut self) -> &mut Receiver<Instant> {
        &mut self.c
    }

    /// `t.Stop()`: true if the task had not finished (the timer had not fired).
    pub fn stop(&mut self) -> bool {
        match self.task.take() {
            Some(task) => {
                let active = !task.is_finished();
                task.abort();
                active
            }
            None => false,
        }
    }

    /// `t.Reset(d)`: stops the timer and starts it again; true if it had been active.
    pub fn reset(&mut self, d: Duration) -> bool {
        let active = self.stop();
        self.task = Some(spawn_send(self.tx.clone(), d));
        active
    }
}

/// `time.After(d)`: the channel of a timer nobody can stop.
pub fn after(d: Duration) -> Receiver<Instant> {
    let (tx, c) = channel(1);
    drop(spawn_send(tx, d));
    c
}

/// Go's `time.AfterFunc(d, f)`: `f` runs in a task of its own.
pub struct AfterFunc {
    f: Arc<dyn Fn() + Send + Sync>,
    task: Option<JoinHandle<()>>,
}

impl AfterFunc {
    /// `time.AfterFunc(d, f)`.
    pub fn new(d: Duration, f: Arc<dyn Fn() + Send + Sync>) -> AfterFunc {
        let task = Some(spawn_call(Arc::clone(&f), d));
        AfterFunc { f, task }
    }

    /// `t.Stop()`: true if `f` had not started.
    pub fn stop(&mut self) -> bool {
        match self.task.take() {
            Some(task) => {
                let active = !task.is_finished();
                task.abort();
                active
            }
            None => false,
        }
    }

    /// `t.Reset(d)`: `f` runs (again) `d` from now; true if it had been pending.
    pub fn reset(&mut self, d: Duration) -> bool {
        let active = self.stop();
        self.task = Some(spawn_call(Arc::clone(&self.f), d));
        active
    }
}

fn spawn_call(f: Arc<dyn Fn() + Send + Sync>, d: Duration) -> JoinHandle<()> {
    let at = deadline(d);
    tokio::spawn(async move {
        sleep_until(at).await;
        f();
    })
}

/// Go's `*time.Ticker`: a task ticking on `start + k·d`, skipping the ticks it missed.
#[derive(Debug)]
pub struct Ticker {
    c: Receiver<Instant>,
    tx: Sender<Instant>,
    task: Option<JoinHandle<()>>,
}

impl Ticker {
    /// `time.NewTicker(d)`, or `None` where Go panics (`d` is zero).
    pub fn try_new(d: Duration) -> Option<Ticker> {
        if d.is_zero() {
            return None;
        }
        let (tx, c) = channel(1);
        let task = Some(spawn_ticks(tx.clone(), d));
        Some(Ticker { c, tx, task })
    }

    /// `t.C`.
    pub fn c(&mut self) -> &mut Receiver<Instant> {
        &mut self.c
    }

    /// `t.Stop()`.
    pub fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }

    /// `t.Reset(d)`: ticks restart `d` from now with period `d`.
    ///
    /// # Panics
    ///
    /// When `d` is zero, with Go's message.
    pub fn reset(&mut self, d: Duration) {
        assert!(!d.is_zero(), "{}", timerlab_script::GoPanic::TickerResetNonPositive);
        self.stop();
        self.task = Some(spawn_ticks(self.tx.clone(), d));
    }
}

fn spawn_ticks(tx: Sender<Instant>, d: Duration) -> JoinHandle<()> {
    let start = deadline(d);
    tokio::spawn(async move {
        let mut ticks = interval_at(start, d);
        ticks.set_missed_tick_behavior(MissedTickBehavior::Skip);
        loop {
            let at = ticks.tick().await;
            let _ = tx.try_send(at);
        }
    })
}

/// `time.Tick(d)`: a ticker's channel, `None` (Go's nil channel) when `d` is zero.
pub fn tick(d: Duration) -> Option<Receiver<Instant>> {
    if d.is_zero() {
        return None;
    }
    let (tx, c) = channel(1);
    drop(spawn_ticks(tx, d));
    Some(c)
}
