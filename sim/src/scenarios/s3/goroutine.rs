//! A simulated goroutine on one thread: its code is an `async` block that the scheduler polls
//! after every step of the simulation (no wakers: a poll costs little, and none is missed), and
//! its blocking receive `<-c`, which finds out when the receive can never complete.

use std::cell::Cell;
use std::future::Future;
use std::panic::Location;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use gotime::{Chan, Instant};

use crate::verdict::Hang;

/// A goroutine's name, and what the scheduler learns about it.
pub(super) struct Goroutine {
    name: &'static str,
    hang: Cell<Option<Hang>>,
}

impl Goroutine {
    pub(super) fn new(name: &'static str) -> Rc<Goroutine> {
        Rc::new(Goroutine { name, hang: Cell::new(None) })
    }

    /// Go's blocking receive `<-c`, at the caller's line. It waits while a value can still come;
    /// when none ever can ([`Chan::would_block_forever`]: no value waiting, no armed timer, no
    /// send in flight — and only this goroutine holds the timer, so no Reset will come either),
    /// it records the [`Hang`] and never completes, as Go's receive never returns.
    #[track_caller]
    pub(super) fn recv<'a>(&'a self, c: &'a Chan) -> Recv<'a> {
        Recv { g: self, c, site: Location::caller() }
    }

    /// The receive this goroutine is blocked in forever, if it is.
    pub(super) fn hang(&self) -> Option<Hang> {
        self.hang.get()
    }
}

/// The future of [`Goroutine::recv`].
pub(super) struct Recv<'a> {
    g: &'a Goroutine,
    c: &'a Chan,
    site: &'static Location<'static>,
}

impl Future for Recv<'_> {
    type Output = Instant;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Instant> {
        if let Ok(value) = self.c.try_recv() {
            return Poll::Ready(value);
        }
        if self.g.hang.get().is_none() && self.c.would_block_forever() {
            let hang = Hang { task: self.g.name, receive: self.site.into(), timer: self.c.site() };
            self.g.hang.set(Some(hang));
        }
        Poll::Pending
    }
}

/// A goroutine's code, running: polled by [`Running::run`] until it waits for something.
pub(super) struct Running {
    g: Rc<Goroutine>,
    code: Pin<Box<dyn Future<Output = ()>>>,
    waker: Waker,
    returned: bool,
}

impl Running {
    /// `go code()`: starts nothing yet; the first [`Running::run`] does.
    pub(super) fn spawn(g: Rc<Goroutine>, code: impl Future<Output = ()> + 'static) -> Running {
        Running { g, code: Box::pin(code), waker: Waker::from(Arc::new(Unused)), returned: false }
    }

    /// Runs the goroutine until it waits for something that is not ready. Nothing once it
    /// returned, or hung: a goroutine blocked forever never runs again.
    pub(super) fn run(&mut self) {
        if self.returned || self.g.hang().is_some() {
            return;
        }
        let mut cx = Context::from_waker(&self.waker);
        self.returned = self.code.as_mut().poll(&mut cx).is_ready();
    }
}

/// The waker nobody needs: the scheduler polls every goroutine after every step.
struct Unused;

impl Wake for Unused {
    fn wake(self: Arc<Self>) {}
}
