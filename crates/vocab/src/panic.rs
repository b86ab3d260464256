//! [`GoPanic`]: the calls of Go's time package that panic rather than return, with Go's own
//! messages.

use std::fmt;

/// A call Go answers with a panic. The messages are Go's, word for word (src/time/tick.go and
/// src/time/sleep.go); programs and tests match on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GoPanic {
    /// `time.NewTicker(d)` with `d <= 0`.
    NewTickerNonPositive,
    /// `(*Ticker).Reset(d)` with `d <= 0`.
    TickerResetNonPositive,
    /// `(*Ticker).Reset` on the zero `Ticker`, which no `NewTicker` made.
    TickerResetUninitialized,
    /// `(*Timer).Stop` on the zero `Timer`, which neither `NewTimer` nor `AfterFunc` made.
    TimerStopUninitialized,
    /// `(*Timer).Reset` on the zero `Timer`.
    TimerResetUninitialized,
}

impl GoPanic {
    /// Every panic, in declaration order.
    pub const ALL: [GoPanic; 5] = [
        GoPanic::NewTickerNonPositive,
        GoPanic::TickerResetNonPositive,
        GoPanic::TickerResetUninitialized,
        GoPanic::TimerStopUninitialized,
        GoPanic::TimerResetUninitialized,
    ];

    /// Go's panic message, word for word.
    pub const fn message(self) -> &'static str {
        match self {
            // src/time/tick.go, NewTicker and (*Ticker).Reset.
            GoPanic::NewTickerNonPositive => "non-positive interval for NewTicker",
            GoPanic::TickerResetNonPositive => "non-positive interval for Ticker.Reset",
            GoPanic::TickerResetUninitialized => "time: Reset called on uninitialized Ticker",
            // src/time/sleep.go, (*Timer).Stop and (*Timer).Reset.
            GoPanic::TimerStopUninitialized => "time: Stop called on uninitialized Timer",
            GoPanic::TimerResetUninitialized => "time: Reset called on uninitialized Timer",
        }
    }
}

impl fmt::Display for GoPanic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for GoPanic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_panic_displays_as_its_message() {
        for panic in GoPanic::ALL {
            assert_eq!(panic.to_string(), panic.message(), "{panic:?}");
        }
    }

    #[test]
    fn the_messages_are_gos() {
        // Copied from Go's source, not from this crate: src/time/tick.go and src/time/sleep.go.
        let go = [
            "non-positive interval for NewTicker",
            "non-positive interval for Ticker.Reset",
            "time: Reset called on uninitialized Ticker",
            "time: Stop called on uninitialized Timer",
            "time: Reset called on uninitialized Timer",
        ];
        assert_eq!(GoPanic::ALL.map(GoPanic::message), go);
    }
}
