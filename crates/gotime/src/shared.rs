//! [`Shared`]: what every clone of a [`crate::Runtime`] and every timer handle share — the state
//! machine under its lock, the signal for receivers blocked on a thread, and the clock — and the
//! work all of them do on it: running an operation under the lock, catching up with tokio's time,
//! and firing what is due with no lock held while user code runs.

use crate::clock::Clock;
use crate::state::{Firing, State};
use crate::sync::{self, AtomicUsize, Condvar, Ordering, Parked, StateLock};
use crate::wakers::Wakers;
use crate::{Instant, Semantics};

pub(crate) struct Shared {
    pub(crate) semantics: Semantics,
    pub(crate) state: StateLock<State>,
    /// Signalled whenever a channel may have become ready, for blocking receivers; they wait
    /// holding `parked`, never the state's lock.
    pub(crate) ready: Condvar,
    /// `ready`'s mutex: a blocked receiver holds it from before its look at the state until it
    /// waits ([`crate::Chan::recv`]), and a firing takes it before signalling.
    pub(crate) parked: Parked,
    /// Threads parked on `ready` in [`crate::Chan::recv`]. A firing signals `ready` only when
    /// one is: std's `notify_all` is a system call even with no waiter, and a simulation fires
    /// thousands of timers per wall second with none.
    pub(crate) blocked: AtomicUsize,
    pub(crate) clock: Clock,
}

impl Shared {
    pub(crate) fn new(state: State, semantics: Semantics, clock: Clock) -> Shared {
        Shared {
            semantics,
            state: StateLock::new(state),
            ready: Condvar::new(),
            parked: Parked::new(()),
            blocked: AtomicUsize::new(0),
            clock,
        }
    }

    /// Runs `op` on the state under the lock, then tells the clock driver if the earliest
    /// deadline moved.
    #[inline]
    pub(crate) fn with_state<R>(&self, op: impl FnOnce(&mut State) -> R) -> R {
        let mut st = self.lock();
        let out = op(&mut st);
        let moved = st.take_earliest_moved();
        drop(st);
        if moved {
            self.clock.replan();
        }
        out
    }

    #[inline]
    pub(crate) fn lock(&self) -> sync::StateGuard<'_, State> {
        sync::lock_state(&self.state)
    }

    /// On a tokio-driven runtime, fires everything due up to tokio's now, as Go's scheduler checks
    /// timers before running goroutines. No-op on the manual clock.
    pub(crate) fn catch_up(&self) {
        if let Some(now) = self.clock.now() {
            self.run_until(now.min(Instant::LAST));
        }
    }

    /// Fires every timer due at or before `target`, one at a time, never holding the lock while
    /// user code runs, then moves the clock to `target`.
    pub(crate) fn run_until(&self, target: Instant) {
        loop {
            let firing = {
                let mut st = self.lock();
                match st.fire_next(target) {
                    Some(firing) => firing,
                    None => {
                        st.settle(target);
                        break;
                    }
                }
            };
            self.complete(firing);
        }
    }

    /// The second half of a firing, with no lock held while user code runs: `f`, the buffered
    /// send (a second critical section), or the wake-up of a sync channel's receivers.
    #[inline]
    pub(crate) fn complete(&self, firing: Firing) {
        match firing {
            Firing::Func(f) => f.run(),
            Firing::Send { id, value } => {
                let wakers = self.lock().deliver(id, value);
                self.notify(wakers);
            }
            Firing::Ready(wakers) => self.notify(wakers),
        }
    }

    /// Wakes the receivers of a timer an operation fired at once (async-collected's Reset to a
    /// deadline already due: `State::take_woken`).
    #[cold]
    pub(crate) fn wake_woken(&self) {
        let wakers = self.lock().take_woken();
        self.notify(wakers);
    }

    fn notify(&self, wakers: Wakers) {
        // A receiver counts itself under the state lock before it parks, and the firing changed
        // the state under that lock before this load: a receiver about to park is always seen
        // here. It holds `parked` from before its look at the state until it waits, so taking
        // `parked` here waits until it listens.
        if self.blocked.load(Ordering::SeqCst) > 0 {
            drop(sync::lock(&self.parked));
            self.ready.notify_all();
        }
        wakers.wake_all();
    }
}

#[cfg(not(gotime_loom))]
impl Drop for Shared {
    fn drop(&mut self) {
        // Let a sleeping driver notice that its runtime is gone.
        self.clock.replan();
    }
}
