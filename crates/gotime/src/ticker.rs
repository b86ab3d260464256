//! [`Ticker`]: Go's `*time.Ticker`, made by [`crate::Runtime::new_ticker`].

use crate::error::go_panic;
use crate::{Chan, GoDuration, GoPanic};

/// Go's `*time.Ticker`: delivers ticks on the grid `start + k·d`; a slow receiver loses ticks
/// rather than queueing them. [`Ticker::default`] is Go's zero `Ticker{}`.
#[derive(Debug, Default)]
pub struct Ticker {
    c: Chan,
}

impl Ticker {
    pub(crate) fn with_channel(c: Chan) -> Ticker {
        Ticker { c }
    }

    /// The ticker's channel, Go's `t.C` (nil for the zero Ticker).
    #[must_use]
    pub fn c(&self) -> &Chan {
        &self.c
    }

    /// Go's `t.Stop()`: no more ticks. The channel is not closed; in async semantics a tick
    /// already buffered stays receivable. A no-op on the zero Ticker, as in Go (golang/go#21874).
    pub fn stop(&self) {
        if let Some(h) = self.c.handle() {
            h.rt.catch_up();
            h.rt.with_state(|st| st.stop(h.id));
        }
    }

    /// Go's `t.Reset(d)`: stops the ticker and restarts it with interval `d` from now.
    ///
    /// # Panics
    ///
    /// With Go's messages: `non-positive interval for Ticker.Reset` when `d <= 0`, and
    /// `time: Reset called on uninitialized Ticker` on the zero Ticker.
    pub fn reset(&self, d: impl Into<GoDuration>) {
        let d = d.into();
        if !d.is_positive() {
            go_panic(GoPanic::TickerResetNonPositive);
        }
        let Some(h) = self.c.handle() else { go_panic(GoPanic::TickerResetUninitialized) };
        h.rt.catch_up();
        h.rt.with_state(|st| st.reset(h.id, d, Some(d)));
    }
}
