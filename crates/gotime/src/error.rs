//! Error types. Each says exactly what went wrong and, where there is one, the valid range.

use std::fmt;

use crate::GoPanic;

/// Panics as Go's time package does, with Go's message. The payload is the message as a
/// `&'static str`, the payload of `panic!("literal")`, so callers of `catch_unwind` read it as
/// they read any Rust panic.
#[track_caller]
pub(crate) fn go_panic(panic: GoPanic) -> ! {
    std::panic::panic_any(panic.message())
}

/// A string that is not a Go duration (see [`crate::GoDuration`]'s `FromStr`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDurationError {
    input: String,
}

impl ParseDurationError {
    pub(crate) fn new(input: &str) -> ParseDurationError {
        ParseDurationError { input: input.to_owned() }
    }
}

impl fmt::Display for ParseDurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid duration {:?}: expected Go syntax such as 0, 250ms, 3s, 1m30s, 1h or -5s",
            self.input
        )
    }
}

impl std::error::Error for ParseDurationError {}

/// Why a non-blocking receive returned nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TryRecvError {
    /// No value is ready now (a later receive may get one). Also what a nil channel says.
    Empty,
}

impl fmt::Display for TryRecvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no value ready on the timer channel")
    }
}

impl std::error::Error for TryRecvError {}

/// Why [`crate::Runtime::wait`] could not complete.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitError {
    /// No value can ever arrive on the channel: Go would block forever.
    Deadlock,
    /// The runtime's clock is driven by tokio; receive with `Chan::recv_async` instead.
    NotManual,
}

impl fmt::Display for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Deadlock => {
                f.write_str("no value can ever arrive on this channel: the receive would block forever")
            }
            WaitError::NotManual => {
                f.write_str("wait needs the manual clock; on a tokio-driven runtime use recv_async")
            }
        }
    }
}

impl std::error::Error for WaitError {}

/// A [`crate::Builder`] that cannot build the runtime it describes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// The tokio-driven clock was asked for outside a tokio runtime.
    NoTokioRuntime,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::NoTokioRuntime => f.write_str(
                "the tokio clock needs a tokio runtime: build it from inside one (e.g. a turmoil host)",
            ),
        }
    }
}

impl std::error::Error for BuildError {}
