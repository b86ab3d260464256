//! [`Semantics`]: which of Go's two timer-channel behaviours a runtime follows.

use std::fmt;
use std::str::FromStr;

/// Go's two timer-channel semantics. Every runtime, and the reference model, follows exactly one.
///
/// They differ in the channel buffer, in what Stop/Reset do to a value that is ready but not
/// received, and in whether the runtime keeps a timer the program no longer references. Each
/// implementation marks the places where it matches on this (in gotime: `state.rs`, search for
/// `Semantics::Async`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Semantics {
    /// Go ≤ 1.22, or Go ≥ 1.23 with `GODEBUG=asynctimerchan=1`: timer channels have a one-value
    /// buffer filled when the timer fires; the runtime keeps every started timer until it fires or
    /// is stopped.
    Async,
    /// Go ≥ 1.23: timer channels are unbuffered (len = cap = 0); the value is produced when it is
    /// received, Stop and Reset discard a ready value, and an unreferenced timer is collected.
    Sync,
}

impl Semantics {
    /// Both semantics, async first: the order every table and loop in timerlab uses.
    pub const BOTH: [Semantics; 2] = [Semantics::Async, Semantics::Sync];

    /// The lower-case name used on command lines and in traces: `async` or `sync`.
    pub const fn name(self) -> &'static str {
        match self {
            Semantics::Async => "async",
            Semantics::Sync => "sync",
        }
    }
}

impl fmt::Display for Semantics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A string that names no semantics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseSemanticsError(String);

impl fmt::Display for ParseSemanticsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown semantics {:?}: expected async or sync", self.0)
    }
}

impl std::error::Error for ParseSemanticsError {}

impl FromStr for Semantics {
    type Err = ParseSemanticsError;

    /// # Errors
    ///
    /// [`ParseSemanticsError`] for anything but `async` or `sync`.
    fn from_str(s: &str) -> Result<Semantics, ParseSemanticsError> {
        match s {
            "async" => Ok(Semantics::Async),
            "sync" => Ok(Semantics::Sync),
            _ => Err(ParseSemanticsError(s.to_owned())),
        }
    }
}
