//! [`GoPanic`]: the operations where Go panics rather than returning, with Go's own messages
//! (src/time/tick.go).

use std::fmt;

/// A call Go answers with a panic. The model returns it instead of unwinding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoPanic {
    /// `time.NewTicker(d)` with `d <= 0`.
    NewTickerNonPositive,
    /// `(*Ticker).Reset(d)` with `d <= 0`.
    TickerResetNonPositive,
}

impl GoPanic {
    /// Go's panic message, word for word.
    pub const fn message(self) -> &'static str {
        match self {
            GoPanic::NewTickerNonPositive => "non-positive interval for NewTicker",
            GoPanic::TickerResetNonPositive => "non-positive interval for Ticker.Reset",
        }
    }
}

impl fmt::Display for GoPanic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for GoPanic {}
