//! Go's `context.WithTimeout`, as far as the S1 fix needs it: a Done signal armed by an
//! `AfterFunc` (as Go's context package does), and `cancel`, which stops that timer. Both engines
//! use it: the turmoil server's tasks await [`Context::done`], the events engine asks
//! [`Context::is_done`] between two events.
//!
//! Go allocates a new context, Done channel and AfterFunc closure per call; here a context
//! cancelled before its deadline hands its Done signal, which is also the AfterFunc's body, to
//! the next one: nothing closed the signal and no timer can run it any more, so no program could
//! tell the two apart — and at a million connections the allocations and their cache misses were
//! most of the variant's cost. Every context still arms its own AfterFunc, the timer the runtime
//! accounts: [`gotime::Timer::renew`] stops the last one and arms the next with the same body in
//! one step.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use gotime::{AfterFuncBody, GoDuration, Runtime, Timer};
use tokio::sync::Notify;

/// A context that is done after a timeout or when cancelled: one pointer beside the timer, as
/// before the reuse (the events engine keeps one per connection record, a million of them, and a
/// second pointer pushed the record over a cache line).
pub(super) struct Context {
    timer: Timer,
    done: Arc<Done>,
}

/// The context's Done channel, and the deadline's AfterFunc body that closes it: one allocation,
/// whose reference count the timer and the context share (a closure over the signal would be a
/// second, and a second cache miss per request at a million connections).
#[derive(Default)]
struct Done {
    closed: AtomicBool,
    /// Wakes the task awaiting `<-ctx.Done()`.
    waiter: Notify,
}

impl AfterFuncBody for Done {
    fn run(&self) {
        self.closed.store(true, Ordering::Relaxed);
        // One waiter at most: notify_one keeps the signal if the loop is not waiting yet.
        self.waiter.notify_one();
    }
}

impl Context {
    /// `cancel()` on the last iteration's context, if any, then `context.WithTimeout(parent,
    /// d)`: the AfterFunc that cancels the context at the deadline. A context cancelled before
    /// its deadline passes its signal and body on (its AfterFunc renewed: [`gotime::Timer::renew`]);
    /// after the deadline the new context gets new ones. The timer's call site is the caller's
    /// (the per-site profile names the loop).
    #[track_caller]
    pub(super) fn with_timeout(rt: &Runtime, d: GoDuration, cancelled: Option<Context>) -> Context {
        if let Some(Context { timer, done }) = cancelled {
            if let Ok(timer) = timer.renew(d) {
                return Context { timer, done };
            }
        }
        let done = Arc::<Done>::default();
        let timer = rt.after_func_shared(d, Arc::clone(&done) as Arc<dyn AfterFuncBody>);
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
    pub(super) fn cancel(self) {
        self.timer.stop();
    }

    /// Prefetches the Done signal (a hint for the events engine, which handles a million of
    /// these: [`super::events`]).
    pub(super) fn prefetch(&self) {
        crate::prefetch::prefetch(&*self.done);
    }
}
