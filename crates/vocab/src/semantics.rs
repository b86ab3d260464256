//! [`Semantics`]: which of Go's timer-channel behaviours a runtime follows.

use std::fmt;
use std::str::FromStr;

/// Go's three timer behaviours. Every runtime, and the reference model, follows exactly one.
///
/// They differ in two independent ways, which the two questions below answer as data:
///
/// | | channel | an unreferenced armed timer | `GODEBUG` |
/// |---|---|---|---|
/// | [`Async`](Semantics::Async) | one-value buffer, stale values | kept until it fires (forever for a ticker) | `asynctimerchan=1`, and every Go ≤ 1.22 |
/// | [`AsyncCollected`](Semantics::AsyncCollected) | one-value buffer, stale values | collected | `asynctimerchan=2` (Go 1.23–1.26) |
/// | [`Sync`](Semantics::Sync) | unbuffered: no stale value | collected | `asynctimerchan=0`, the default of Go ≥ 1.23 |
///
/// Which one a given Go program gets — from its toolchain, its main module's `go` line and its
/// GODEBUG settings — is `gotime::release`'s business, not this crate's. Each implementation
/// marks the places where it matches on this (in gotime: `state/semantics.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Semantics {
    /// Go ≤ 1.22, or Go 1.23–1.26 with `GODEBUG=asynctimerchan=1` (the default when the main
    /// module's `go` line is older than 1.23): timer channels have a one-value buffer filled when
    /// the timer fires; the runtime keeps every started timer until it fires or is stopped.
    Async,
    /// Go 1.23–1.26 with `GODEBUG=asynctimerchan=2`: the channel of [`Semantics::Async`] (a
    /// one-value buffer, stale values after Stop and Reset), built on Go 1.23's runtime channel
    /// timers, so an unreferenced timer is collected as in [`Semantics::Sync`]. Go's own comment
    /// (src/time/sleep.go, `syncTimer`): "it enables the new GC-able timer channels (#61542) but
    /// not the sync channels (#37196)".
    AsyncCollected,
    /// Go ≥ 1.23: timer channels are unbuffered (len = cap = 0); the value is produced when it is
    /// received, Stop and Reset discard a ready value, and an unreferenced timer is collected.
    Sync,
}

impl Semantics {
    /// Every behaviour, in the order every table and loop in timerlab uses: async,
    /// async-collected, sync.
    pub const ALL: [Semantics; 3] = [Semantics::Async, Semantics::AsyncCollected, Semantics::Sync];

    /// Go's default before and after Go 1.23 — async, then sync — without the opt-in
    /// `asynctimerchan=2` behaviour. Loops that mean "every behaviour" use [`Semantics::ALL`].
    pub const BOTH: [Semantics; 2] = [Semantics::Async, Semantics::Sync];

    /// The lower-case name used on command lines, in op scripts and in traces: `async`,
    /// `async-collected` or `sync`.
    pub const fn name(self) -> &'static str {
        match self {
            Semantics::Async => "async",
            Semantics::AsyncCollected => "async-collected",
            Semantics::Sync => "sync",
        }
    }

    /// The `GODEBUG=asynctimerchan=N` value that selects this behaviour on Go 1.23–1.26.
    pub const fn asynctimerchan(self) -> u8 {
        match self {
            Semantics::Async => 1,
            Semantics::AsyncCollected => 2,
            Semantics::Sync => 0,
        }
    }

    /// Does a timer channel have a one-value buffer (`cap` 1), filled when the timer fires and
    /// left alone by Stop and Reset — the stale value of golang/go#11513 and #14038?
    pub const fn buffered_channels(self) -> bool {
        match self {
            Semantics::Async | Semantics::AsyncCollected => true,
            Semantics::Sync => false,
        }
    }

    /// Does the Go runtime collect an armed channel timer (or ticker) that the program no longer
    /// references (golang/go#61542), instead of keeping it until it fires (golang/go#8898) or,
    /// for a ticker, forever (#17757)? A pending AfterFunc is kept in every behaviour.
    pub const fn collects_unreferenced(self) -> bool {
        match self {
            Semantics::Async => false,
            Semantics::AsyncCollected | Semantics::Sync => true,
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
        write!(f, "unknown semantics {:?}: expected async, async-collected or sync", self.0)
    }
}

impl std::error::Error for ParseSemanticsError {}

impl FromStr for Semantics {
    type Err = ParseSemanticsError;

    /// # Errors
    ///
    /// [`ParseSemanticsError`] for anything but `async`, `async-collected` or `sync`.
    fn from_str(s: &str) -> Result<Semantics, ParseSemanticsError> {
        Semantics::ALL
            .into_iter()
            .find(|semantics| semantics.name() == s)
            .ok_or_else(|| ParseSemanticsError(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back_to_its_semantics() {
        for semantics in Semantics::ALL {
            assert_eq!(semantics.name().parse::<Semantics>(), Ok(semantics));
            assert_eq!(semantics.to_string(), semantics.name());
        }
    }

    #[test]
    fn a_name_of_no_semantics_is_a_one_line_error_naming_the_valid_ones() {
        let err = "async_collected".parse::<Semantics>().unwrap_err().to_string();
        assert_eq!(err, "unknown semantics \"async_collected\": expected async, async-collected or sync");
    }

    #[test]
    fn async_collected_has_the_channel_of_async_and_the_collection_of_sync() {
        // src/time/sleep.go, syncTimer: asynctimerchan=2 "enables the new GC-able timer channels
        // (#61542) but not the sync channels (#37196)".
        let ac = Semantics::AsyncCollected;
        assert_eq!(ac.buffered_channels(), Semantics::Async.buffered_channels());
        assert_eq!(ac.collects_unreferenced(), Semantics::Sync.collects_unreferenced());
        assert!(Semantics::Async.buffered_channels() && !Semantics::Sync.buffered_channels());
        assert!(!Semantics::Async.collects_unreferenced() && Semantics::Sync.collects_unreferenced());
    }

    #[test]
    fn each_behaviour_is_selected_by_its_own_asynctimerchan_value() {
        // Go 1.23's doc/godebug.md: asynctimerchan=1 async, =2 async on the runtime's timers, =0 sync.
        assert_eq!(Semantics::ALL.map(Semantics::asynctimerchan), [1, 2, 0]);
    }
}
