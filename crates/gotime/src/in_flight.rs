//! [`InFlight`]: a timer firing stopped halfway by [`crate::Runtime::begin_firing`], so that the
//! caller can run code where a Go scheduler could — after the timer left the heap, before its
//! send — and then finish it.

use std::fmt;

use crate::shared::Shared;
use crate::sync::Arc;

/// A firing taken off the heap whose second half has not run yet: the send into a buffered
/// channel (async, async-collected, and Go 1.23.0–1.23.1's sync channel), the wake-up of a sync
/// channel's receivers, or an AfterFunc's `f`. Made by [`crate::Runtime::begin_firing`].
///
/// What a program sees while it is in flight is what Go's programs could see in that window:
///
/// | | Stop / Reset returns | the value |
/// |---|---|---|
/// | async, async-collected (Go ≤ 1.22, `asynctimerchan=1`, `=2`) | false: the timer has fired | lands when the firing finishes, after Stop returned: stale unless received (golang/go#14038) |
/// | sync (Go ≥ 1.23.2) | true: nothing was received, the timer is still pending | never comes after Stop; a receive in the window gets it |
/// | sync on Go 1.23.0–1.23.1 (`Builder::stop_race_69312`) | false | voided by the Stop: never comes (golang/go#69312) |
/// | AfterFunc, every semantics | false: `f` has started | `f` runs when the firing finishes |
///
/// Finish it with [`InFlight::finish`]; dropping it finishes it too (except while the thread
/// panics), so a value is never lost by accident. A receive that blocks in [`crate::Runtime::wait`]
/// finishes the firing its channel waits for itself, as Go's scheduler runs the sending goroutine
/// while the receiver sleeps.
#[must_use = "the firing's second half runs when it is finished or dropped"]
pub struct InFlight {
    /// `None` once finished.
    shared: Option<Arc<Shared>>,
    ticket: u64,
}

impl InFlight {
    pub(crate) fn new(shared: Arc<Shared>, ticket: u64) -> InFlight {
        InFlight { shared: Some(shared), ticket }
    }

    /// Runs the second half: delivers the value (unless a Stop or Reset voided it on Go
    /// 1.23.0–1.23.1, or a value already fills the buffer, as Go's `sendTime` drops it), wakes
    /// the receivers, or runs `f` on this thread. Nothing, if a blocking receive finished it first.
    pub fn finish(mut self) {
        self.complete();
    }

    fn complete(&mut self) {
        let Some(shared) = self.shared.take() else { return };
        // Bound first: the guard must be gone before `complete` locks again.
        let held = shared.lock().take_held(self.ticket);
        if let Some(firing) = held {
            shared.complete(firing);
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        // Unwinding: `f` must not run (a second panic aborts); the value is lost with the thread.
        if !std::thread::panicking() {
            self.complete();
        }
    }
}

impl fmt::Debug for InFlight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InFlight")
            .field("ticket", &self.ticket)
            .field("finished", &self.shared.is_none())
            .finish()
    }
}
