//! Go's `context.WithTimeout`, as far as the S1 fix needs it: a Done signal armed by an
//! `AfterFunc` (as Go's context package does), and `cancel`, which stops that timer.

use std::sync::Arc;

use gotime::{GoDuration, Runtime, Timer};
use tokio::sync::Notify;

/// A context that is done after a timeout or when cancelled.
pub(super) struct Context {
    timer: Timer,
    done: Arc<Notify>,
}

impl Context {
    /// `context.WithTimeout(parent, d)`: the AfterFunc that cancels the context at the deadline.
    /// The timer's call site is the caller's (the per-site profile names the loop).
    #[track_caller]
    pub(super) fn with_timeout(rt: &Runtime, d: GoDuration) -> Context {
        let done = Arc::new(Notify::new());
        let fire = done.clone();
        // One waiter at most: notify_one keeps the signal if the loop is not waiting yet.
        let timer = rt.after_func(d, move || fire.notify_one());
        Context { timer, done }
    }

    /// `<-ctx.Done()`: resolves once the deadline has passed.
    pub(super) async fn done(&self) {
        self.done.notified().await;
    }

    /// `cancel()`: stops the deadline's timer, so the runtime releases it at once.
    pub(super) fn cancel(&self) {
        self.timer.stop();
    }
}
