//! [`Timer`]: Go's `*time.Timer`, made by [`crate::Runtime::new_timer`] (with a channel) or
//! [`crate::Runtime::after_func`] (with a function and a nil channel).

use std::fmt;

use crate::error::go_panic;
use crate::handle::Handle;
use crate::{Chan, GoDuration, GoPanic};

static NIL: Chan = Chan::nil();

/// Go's `*time.Timer`. [`Timer::default`] is Go's zero `Timer{}`, whose Stop and Reset panic.
///
/// Dropping a `Timer` is the program dropping its last reference to it: in async semantics an
/// armed timer stays in the runtime until it fires; in sync semantics it is collected (an armed
/// AfterFunc stays in both).
#[derive(Default)]
pub struct Timer {
    inner: Inner,
}

#[derive(Default)]
enum Inner {
    #[default]
    Uninitialized,
    Channel(Chan),
    Func(Handle),
}

impl Timer {
    pub(crate) fn with_channel(c: Chan) -> Timer {
        Timer { inner: Inner::Channel(c) }
    }

    pub(crate) fn with_func(h: Handle) -> Timer {
        Timer { inner: Inner::Func(h) }
    }

    /// The timer's channel, Go's `t.C`; nil for an AfterFunc timer and the zero Timer.
    #[must_use]
    pub fn c(&self) -> &Chan {
        match &self.inner {
            Inner::Channel(c) => c,
            Inner::Func(_) | Inner::Uninitialized => &NIL,
        }
    }

    /// The timer's handle, channel timer or AfterFunc; `None` for the zero Timer.
    pub(crate) fn any_handle(&self) -> Option<&Handle> {
        match &self.inner {
            Inner::Channel(c) => c.handle(),
            Inner::Func(h) => Some(h),
            Inner::Uninitialized => None,
        }
    }

    /// The timer's handle; on the zero Timer, Go's panic `uninitialized`.
    fn handle(&self, uninitialized: GoPanic) -> &Handle {
        match &self.inner {
            Inner::Channel(c) => c.handle().expect("a channel timer has a live channel"),
            Inner::Func(h) => h,
            Inner::Uninitialized => go_panic(uninitialized),
        }
    }

    /// Go's `t.Stop()`: prevents the timer from firing. True when the call stopped it; false when
    /// it had already expired or been stopped. See docs/SEMANTICS.md for the value left behind.
    ///
    /// # Panics
    ///
    /// On the zero Timer, with Go's message `time: Stop called on uninitialized Timer`.
    pub fn stop(&self) -> bool {
        let h = self.handle(GoPanic::TimerStopUninitialized);
        h.rt.catch_up();
        h.rt.with_state(|st| st.stop(h.id))
    }

    /// Go's `t.Reset(d)`: re-arms the timer to fire `d` from now. True when it had been armed.
    ///
    /// # Panics
    ///
    /// On the zero Timer, with Go's message `time: Reset called on uninitialized Timer`.
    ///
    /// ```
    /// use gotime::{GoDuration, Runtime, Semantics};
    ///
    /// let rt = Runtime::new(Semantics::Sync);
    /// let t = rt.new_timer(GoDuration::from_secs(1));
    /// assert!(t.reset(GoDuration::from_secs(5)), "it was pending");
    /// rt.advance(GoDuration::from_secs(2));
    /// assert!(t.c().try_recv().is_err(), "moved to 5 s");
    /// ```
    pub fn reset(&self, d: impl Into<GoDuration>) -> bool {
        let h = self.handle(GoPanic::TimerResetUninitialized);
        let d = d.into();
        h.rt.catch_up();
        let was_armed = h.rt.with_state(|st| st.reset(h.id, d, None));
        if !d.is_positive() {
            // Async-collected fires a timer reset to a deadline already due at once.
            h.rt.wake_woken();
        }
        was_armed
    }

    /// Go's `if t.Stop() { t = time.NewTimer(d) }` — for an AfterFunc with body `f`,
    /// `if t.Stop() { t = time.AfterFunc(d, f) }` — in one step: `Ok` with the new timer, armed
    /// `d` from now and accounted to the caller's call site like any other, when Stop stopped
    /// this one (which the program then lets go of); `Err` with this timer, unchanged, when it
    /// had already expired or been stopped. A loop that arms a new deadline for every request
    /// and stops the last one (`context.WithTimeout` and `cancel`) does this once per request:
    /// in one critical section instead of three, and an AfterFunc's body moves to the new timer
    /// without its reference count changing hands. `Err` is the moment to decide anew: an
    /// AfterFunc's body may be running, or have run, for the old deadline.
    ///
    /// # Errors
    ///
    /// The timer itself, when Stop did not stop it.
    ///
    /// # Panics
    ///
    /// On the zero Timer, with Go's message `time: Stop called on uninitialized Timer`.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU32, Ordering};
    /// use std::sync::Arc;
    ///
    /// use gotime::{GoDuration, Runtime, Semantics};
    ///
    /// let rt = Runtime::new(Semantics::Sync);
    /// let runs = Arc::new(AtomicU32::new(0));
    /// let counter = Arc::clone(&runs);
    /// let t = rt.after_func(GoDuration::from_secs(1), move || {
    ///     counter.fetch_add(1, Ordering::SeqCst);
    /// });
    /// let t = t.renew(GoDuration::from_secs(5)).expect("it was pending: a new deadline");
    /// rt.advance(GoDuration::from_secs(2));
    /// assert_eq!(runs.load(Ordering::SeqCst), 0, "the first deadline was stopped");
    /// rt.advance(GoDuration::from_secs(3));
    /// assert_eq!(runs.load(Ordering::SeqCst), 1, "the body ran at the new one");
    /// assert!(t.renew(GoDuration::from_secs(1)).is_err(), "it had fired: nothing to renew");
    /// assert_eq!(rt.stats().created, 2);
    /// ```
    #[track_caller]
    pub fn renew(self, d: impl Into<GoDuration>) -> Result<Timer, Timer> {
        let site = std::panic::Location::caller();
        let d = d.into();
        let (mut h, rewrap): (Handle, fn(Handle) -> Timer) = match self.inner {
            Inner::Channel(c) => {
                let h = c.into_handle().expect("a channel timer has a live channel");
                (h, |h| Timer::with_channel(Chan::from_handle(h)))
            }
            Inner::Func(h) => (h, Timer::with_func),
            Inner::Uninitialized => go_panic(GoPanic::TimerStopUninitialized),
        };
        h.rt.catch_up();
        let renewed = h.rt.with_state(|st| st.renew(h.id, d, site));
        let Some((id, released)) = renewed else { return Err(rewrap(h)) };
        // The program's reference to the old timer went with `released`: the handle now counts
        // as the new timer's.
        h.id = id;
        drop(released);
        Ok(rewrap(h))
    }
}

impl fmt::Debug for Timer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Uninitialized => f.write_str("Timer(uninitialized)"),
            Inner::Channel(c) => f.debug_tuple("Timer").field(c).finish(),
            Inner::Func(h) => write!(f, "Timer(func {:?})", h.id),
        }
    }
}
