//! [`TimerKind`]: which Go constructor made a timer.

use std::fmt;

/// Which Go constructor made a timer. The kind decides whether the timer has a channel, whether it
/// repeats, and what it costs in the accounting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimerKind {
    /// `time.NewTimer`: a one-shot timer with a channel and a handle to Stop/Reset it.
    Timer,
    /// `time.After`: `NewTimer(d).C`, the channel alone.
    After,
    /// `time.AfterFunc`: a one-shot timer that runs a function; no channel.
    AfterFunc,
    /// `time.NewTicker`: a repeating timer with a channel and a handle.
    Ticker,
    /// `time.Tick`: `NewTicker(d).C`, the channel alone; it can never be stopped.
    Tick,
}

impl TimerKind {
    /// Every kind, in declaration order.
    pub const ALL: [TimerKind; 5] =
        [TimerKind::Timer, TimerKind::After, TimerKind::AfterFunc, TimerKind::Ticker, TimerKind::Tick];

    /// `true` for the kinds that deliver on a channel (all but AfterFunc).
    pub const fn has_channel(self) -> bool {
        !matches!(self, TimerKind::AfterFunc)
    }

    /// The Go expression that makes this kind, for reports: `time.NewTimer`, `time.After`, ...
    pub const fn go_name(self) -> &'static str {
        match self {
            TimerKind::Timer => "time.NewTimer",
            TimerKind::After => "time.After",
            TimerKind::AfterFunc => "time.AfterFunc",
            TimerKind::Ticker => "time.NewTicker",
            TimerKind::Tick => "time.Tick",
        }
    }
}

impl fmt::Display for TimerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.go_name())
    }
}
