//! Go's `context.WithTimeout`, as far as the S1 fix needs it: a Done signal armed by an
//! `AfterFunc` (as Go's context package does), and `cancel`, which stops that timer. Both engines
//! use it: the turmoil server's tasks await [`Context::done`], the events engine asks
//! [`Context::is_done`] between two events.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use gotime::{GoDuration, Runtime, Timer};
use tokio::sync::Notify;

/// A context that is done after a timeout or when cancelled.
pub(super) struct Context {
    timer: Timer,
    done: Arc<Done>,
}

/// The context's Done channel, closed by the deadline's AfterFunc.
#[derive(Default)]
struct Done {
    closed: AtomicBool,
    /// Wakes the task awaiting `<-ctx.Done()`.
    waiter: Notify,
}

impl Context {
    /// `context.WithTimeout(parent, d)`: the AfterFunc that cancels the context at the deadline.
    /// The timer's call site is the caller's (the per-site profile names the loop).
    #[track_caller]
    pub(super) fn with_timeout(rt: &Runtime, d: GoDuration) -> Context {
        let done = Arc::new(Done::default());
        let fire = done.clone();
        let timer = rt.after_func(d, move || {
            fire.closed.store(true, Ordering::Relaxed);
            // One waiter at most: notify_one keeps the signal if the loop is not waiting yet.
            fire.waiter.notify_one();
        });
        Context { timer, done }
    }

    /// The deadline's AfterFunc.
    pub(super) fn timer(&self) -> &Timer {
        &self.timer
    }

    /// `<-ctx.Done()` in a task: resolves once the deadline has passed.
    pub(super) async fn done(&self) {
        self.done.waiter.notified().await;
    }

    /// `select { case <-ctx.Done(): ... default: }`: `true` once the deadline has passed.
    pub(super) fn is_done(&self) -> bool {
        self.done.closed.load(Ordering::Relaxed)
    }

    /// `cancel()`: stops the deadline's timer, so the runtime releases it at once.
    pub(super) fn cancel(&self) {
        self.timer.stop();
    }
}
