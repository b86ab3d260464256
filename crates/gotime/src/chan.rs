//! [`Chan`]: the receive side of a timer channel (`t.C`), with Go's three ways to receive —
//! non-blocking, blocking a thread, and awaiting in a task — over one state machine.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::handle::Handle;
use crate::shared::Shared;
use crate::state::TimerId;
use crate::sync::{self, Arc};
use crate::{Instant, Site, TryRecvError};

/// A timer's channel, Go's `<-chan time.Time`. Clones are the same channel and keep the timer
/// reachable, as copies of a Go channel do. [`Chan::nil`] is Go's nil channel: nothing ever
/// arrives on it (an AfterFunc's `C`, `Tick` with `d <= 0`).
pub struct Chan {
    handle: Option<Handle>,
}

impl Chan {
    pub(crate) fn new(rt: Arc<Shared>, id: TimerId) -> Chan {
        Chan { handle: Some(Handle::new(rt, id)) }
    }

    /// Go's nil channel: receives never complete, `len` and `cap` are 0.
    #[must_use]
    pub const fn nil() -> Chan {
        Chan { handle: None }
    }

    /// `true` for the nil channel.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.handle.is_none()
    }

    pub(crate) fn id(&self) -> Option<TimerId> {
        self.handle.as_ref().map(|h| h.id)
    }

    pub(crate) fn handle(&self) -> Option<&Handle> {
        self.handle.as_ref()
    }

    /// The channel of the timer `h` refers to, the reference its own.
    pub(crate) fn from_handle(h: Handle) -> Chan {
        Chan { handle: Some(h) }
    }

    /// The channel's reference to its timer, taken from it; `None` for the nil channel.
    pub(crate) fn into_handle(self) -> Option<Handle> {
        self.handle
    }

    /// A non-blocking receive, Go's `select { case v := <-c: ... default: }`.
    ///
    /// Async semantics: takes the buffered value, if the timer fired and nobody took it yet.
    /// Sync semantics: produces the value — the deadline — if the timer is armed and due.
    ///
    /// # Errors
    ///
    /// [`TryRecvError::Empty`] when no value is ready (always, on the nil channel).
    pub fn try_recv(&self) -> Result<Instant, TryRecvError> {
        let Some(h) = &self.handle else { return Err(TryRecvError::Empty) };
        h.rt.catch_up();
        let value = h.rt.with_state(|st| st.try_recv(h.id));
        value.ok_or(TryRecvError::Empty)
    }

    /// A blocking receive, Go's `<-c`: parks this thread until a value arrives. Another thread
    /// must advance a manual clock (on the manual clock from a single thread, use
    /// [`crate::Runtime::wait`], which moves time itself). Blocks forever on the nil channel, or
    /// when no value will ever come — as Go does.
    pub fn recv(&self) -> Instant {
        let Some(h) = &self.handle else {
            loop {
                sync::park();
            }
        };
        h.rt.catch_up();
        let shared = &h.rt;
        // Held from before each look at the state until the wait releases it: a firing's
        // `notify` takes it, so it cannot signal between the look and the wait.
        let mut parked = sync::lock(&shared.parked);
        loop {
            {
                let mut st = shared.lock();
                if let Some(value) = st.try_recv(h.id) {
                    return value;
                }
                // Counted while the state is locked, so a firing after this point sees it.
                shared.blocked.fetch_add(1, sync::Ordering::SeqCst);
            }
            parked = sync::wait(&shared.ready, parked);
            shared.blocked.fetch_sub(1, sync::Ordering::SeqCst);
        }
    }

    /// Whether a receive on this channel would block forever: no value is waiting, its timer is
    /// not armed at a deadline that will come (stopped, fired and received, never started, or
    /// due at the end of time), and no firing started with [`crate::Runtime::begin_firing`]
    /// will still send one — so nothing but a Reset of the timer can fill it. A timer channel
    /// has no other sender: when only the blocked task could call that Reset, it is Go's
    /// `fatal error: all goroutines are asleep` for that task. True for the nil channel.
    ///
    /// Moves no clock. [`crate::Runtime::wait`] answers [`crate::WaitError::Deadlock`] in exactly
    /// these cases. A firing another thread is running through `advance` is between its two
    /// critical sections for a moment and not seen: ask from the thread that moves the clock.
    ///
    /// ```
    /// use gotime::{GoDuration, Runtime, Semantics};
    ///
    /// for semantics in Semantics::ALL {
    ///     let rt = Runtime::new(semantics);
    ///     let t = rt.new_timer(GoDuration::SECOND);
    ///     assert!(!t.c().would_block_forever(), "armed");
    ///     rt.advance(GoDuration::SECOND);
    ///     assert!(t.c().try_recv().is_ok());
    ///     // golang/go#27169: `if !t.Stop() { <-t.C }` after the value was received.
    ///     assert!(!t.stop());
    ///     assert!(t.c().would_block_forever(), "{semantics}: the drain hangs");
    /// }
    /// ```
    pub fn would_block_forever(&self) -> bool {
        let Some(h) = &self.handle else { return true };
        h.rt.catch_up();
        !h.rt.lock().can_fill(h.id)
    }

    /// Where this channel's timer was created: the constructor's call site, as the per-site
    /// profile names it ([`crate::SiteStats::site`]). `None` for the nil channel.
    pub fn site(&self) -> Option<Site> {
        let h = self.handle.as_ref()?;
        let site = h.rt.lock().site_of(h.id);
        Some(site)
    }

    /// An asynchronous receive, `v := <-c` in a task: resolves when a value arrives. Never
    /// resolves on the nil channel.
    pub fn recv_async(&self) -> Recv<'_> {
        Recv { chan: self }
    }

    /// Go's `len(c)`: 0 or 1 in async semantics, always 0 in sync semantics.
    #[must_use]
    pub fn len(&self) -> usize {
        let Some(h) = &self.handle else { return 0 };
        h.rt.catch_up();
        h.rt.lock().len(h.id)
    }

    /// `len(c) == 0`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Go's `cap(c)`: 1 in async semantics, 0 in sync semantics (and for the nil channel).
    #[must_use]
    pub fn cap(&self) -> usize {
        let Some(h) = &self.handle else { return 0 };
        h.rt.lock().cap()
    }
}

impl Clone for Chan {
    fn clone(&self) -> Chan {
        Chan { handle: self.handle.clone() }
    }
}

impl Default for Chan {
    /// The nil channel.
    fn default() -> Chan {
        Chan::nil()
    }
}

impl fmt::Debug for Chan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.handle {
            None => f.write_str("Chan(nil)"),
            Some(h) => write!(f, "Chan({:?})", h.id),
        }
    }
}

/// The future of [`Chan::recv_async`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct Recv<'a> {
    chan: &'a Chan,
}

impl Future for Recv<'_> {
    type Output = Instant;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Instant> {
        let Some(h) = &self.chan.handle else { return Poll::Pending };
        h.rt.catch_up();
        h.rt.with_state(|st| match st.try_recv(h.id) {
            Some(value) => Poll::Ready(value),
            None => {
                st.register_waker(h.id, cx.waker());
                Poll::Pending
            }
        })
    }
}
