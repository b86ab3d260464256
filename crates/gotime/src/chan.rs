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
use crate::{Instant, TryRecvError};

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
        let mut st = sync::lock(&shared.state);
        loop {
            if let Some(value) = st.try_recv(h.id) {
                return value;
            }
            // Counted while the lock is held, so a firing after this point sees it (`notify`).
            shared.blocked.fetch_add(1, sync::Ordering::SeqCst);
            st = sync::wait(&shared.ready, st);
            shared.blocked.fetch_sub(1, sync::Ordering::SeqCst);
        }
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
