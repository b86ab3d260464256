//! Go's timer API on futures-timer's `Delay`, written the way a Rust port of a Go program writes
//! it on a single-threaded `futures` executor: a timer is a spawned task that awaits a `Delay`
//! and then `try_send`s the time into an `async_channel::bounded(1)` (Go's buffered `C`); Stop
//! aborts the task and reports whether it had finished; Reset aborts and spawns again. A ticker
//! is one task that re-arms its `Delay` for the next point of its grid, skipping missed ones.
//! Nothing here knows about scripts or Go's semantics.

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use async_channel::{bounded, Receiver, Sender};
use futures::future::{AbortHandle, Abortable};
use futures::task::{LocalSpawn, LocalSpawnExt};
use futures_timer::Delay;

/// A spawned timer task: how to abort it, and whether it got past its `Delay`.
struct Task {
    abort: AbortHandle,
    fired: Rc<Cell<bool>>,
}

impl Task {
    /// Aborts the task; true if it had not fired yet.
    fn stop(self) -> bool {
        self.abort.abort();
        !self.fired.get()
    }
}

/// The executor the timers' tasks run on: what `time` is to a Go program.
#[derive(Clone)]
pub struct Timers {
    spawner: Rc<dyn LocalSpawn>,
}

impl Timers {
    /// Timers whose tasks run on `spawner` (e.g. a `LocalPool`'s spawner).
    pub fn new(spawner: impl LocalSpawn + 'static) -> Timers {
        Timers { spawner: Rc::new(spawner) }
    }

    /// Spawns `body` to run once `d` has passed; the deadline is fixed now.
    ///
    /// # Panics
    ///
    /// When the executor has shut down.
    fn spawn_after(&self, d: Duration, body: impl FnOnce() + 'static) -> Task {
        let delay = Delay::new(d);
        let fired = Rc::new(Cell::new(false));
        let flag = Rc::clone(&fired);
        let (abort, registration) = AbortHandle::new_pair();
        let task = Abortable::new(
            async move {
                delay.await;
                flag.set(true);
                body();
            },
            registration,
        );
        self.spawner
            .spawn_local(async move {
                let _ = task.await;
            })
            .expect("the executor of the timers is running");
        Task { abort, fired }
    }

    fn spawn_send(&self, tx: Sender<Instant>, d: Duration) -> Task {
        self.spawn_after(d, move || {
            let _ = tx.try_send(Instant::now()); // allow-nondeterminism: real-time adapter
        })
    }

    /// `time.NewTimer(d)`.
    pub fn new_timer(&self, d: Duration) -> Timer {
        let (tx, c) = bounded(1);
        let task = Some(self.spawn_send(tx.clone(), d));
        Timer { timers: self.clone(), c, tx, task }
    }

    /// `time.After(d)`: the channel of a timer nobody can stop.
    pub fn after(&self, d: Duration) -> Receiver<Instant> {
        let (tx, c) = bounded(1);
        drop(self.spawn_send(tx, d));
        c
    }

    /// `time.AfterFunc(d, f)`.
    pub fn after_func(&self, d: Duration, f: Rc<dyn Fn()>) -> AfterFunc {
        let g = Rc::clone(&f);
        let task = Some(self.spawn_after(d, move || g()));
        AfterFunc { timers: self.clone(), f, task }
    }

    /// `time.NewTicker(d)`, or `None` where Go panics (`d` is zero).
    pub fn new_ticker(&self, d: Duration) -> Option<Ticker> {
        if d.is_zero() {
            return None;
        }
        let (tx, c) = bounded(1);
        let task = Some(self.spawn_ticks(tx.clone(), d));
        Some(Ticker { timers: self.clone(), c, tx, task })
    }

    /// `time.Tick(d)`: `None` (Go's nil channel) when `d` is zero.
    pub fn tick(&self, d: Duration) -> Option<Receiver<Instant>> {
        if d.is_zero() {
            return None;
        }
        let (tx, c) = bounded(1);
        drop(self.spawn_ticks(tx, d));
        Some(c)
    }

    /// Ticks at `start + k·d`; after a delay the next tick is the first grid point after now.
    fn spawn_ticks(&self, tx: Sender<Instant>, d: Duration) -> Task {
        let mut delay = Delay::new(d);
        let mut next = Instant::now().checked_add(d); // allow-nondeterminism: real-time adapter
        let (abort, registration) = AbortHandle::new_pair();
        let task = Abortable::new(
            async move {
                while let Some(at) = next {
                    (&mut delay).await;
                    let _ = tx.try_send(at);
                    let now = Instant::now(); // allow-nondeterminism: real-time adapter
                    next = at.checked_add(d);
                    while let Some(n) = next.filter(|n| *n <= now) {
                        next = n.checked_add(d);
                    }
                    if let Some(n) = next {
                        let now = Instant::now(); // allow-nondeterminism: real-time adapter
                        delay.reset(n.saturating_duration_since(now));
                    }
                }
                // A grid past the end of time never ticks.
                futures::future::pending::<()>().await;
            },
            registration,
        );
        self.spawner
            .spawn_local(async move {
                let _ = task.await;
            })
            .expect("the executor of the timers is running");
        Task { abort, fired: Rc::new(Cell::new(false)) }
    }
}

/// Go's `*time.Timer`.
pub struct Timer {
    timers: Timers,
    c: Receiver<Instant>,
    tx: Sender<Instant>,
    task: Option<Task>,
}

impl Timer {
    /// `t.C`.
    pub fn c(&self) -> &Receiver<Instant> {
        &self.c
    }

    /// `t.Stop()`: true if the timer had not fired.
    pub fn stop(&mut self) -> bool {
        self.task.take().is_some_and(Task::stop)
    }

    /// `t.Reset(d)`: stops the timer and starts it again; true if it had been active.
    pub fn reset(&mut self, d: Duration) -> bool {
        let active = self.stop();
        self.task = Some(self.timers.spawn_send(self.tx.clone(), d));
        active
    }
}

/// Go's `time.AfterFunc` timer.
pub struct AfterFunc {
    timers: Timers,
    f: Rc<dyn Fn()>,
    task: Option<Task>,
}

impl AfterFunc {
    /// `t.Stop()`: true if `f` had not started.
    pub fn stop(&mut self) -> bool {
        self.task.take().is_some_and(Task::stop)
    }

    /// `t.Reset(d)`: `f` runs (again) `d` from now; true if it had been pending.
    pub fn reset(&mut self, d: Duration) -> bool {
        let active = self.stop();
        let f = Rc::clone(&self.f);
        self.task = Some(self.timers.spawn_after(d, move || f()));
        active
    }
}

/// Go's `*time.Ticker`.
pub struct Ticker {
    timers: Timers,
    c: Receiver<Instant>,
    tx: Sender<Instant>,
    task: Option<Task>,
}

impl Ticker {
    /// `t.C`.
    pub fn c(&self) -> &Receiver<Instant> {
        &self.c
    }

    /// `t.Stop()`.
    pub fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.stop();
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
        self.task = Some(self.timers.spawn_ticks(self.tx.clone(), d));
    }
}
