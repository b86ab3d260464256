//! [`Instant`]: a point on a runtime's virtual clock.

use std::fmt;

use crate::GoDuration;

/// A point in virtual time: nanoseconds since the runtime started, like Go's monotonic clock.
///
/// [`Instant::MAX`] is the end of time, where Go clamps deadlines that overflow; the clock never
/// reaches it, so a timer set that far never fires (Go's `TestOverflowSleep`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(i64);

impl Instant {
    /// The runtime's start.
    pub const ZERO: Instant = Instant(0);
    /// The end of time: Go's `maxWhen` (`1<<63 - 1` ns). Deadlines that would overflow land here.
    pub const MAX: Instant = Instant(i64::MAX);
    /// The latest instant the clock can reach, one nanosecond before the end of time.
    pub const LAST: Instant = Instant(i64::MAX - 1);

    /// The instant `since_start` after the runtime started; negative offsets clamp to the start.
    pub const fn from_start(since_start: GoDuration) -> Instant {
        let n = since_start.as_nanos();
        Instant(if n < 0 { 0 } else { n })
    }

    /// Time since the runtime started.
    pub const fn since_start(self) -> GoDuration {
        GoDuration::from_nanos(self.0)
    }

    /// Go's `when(d)`: the deadline of a timer started now with duration `d` — now itself for
    /// `d <= 0`, and [`Instant::MAX`] when the sum overflows.
    pub const fn deadline_after(self, d: GoDuration) -> Instant {
        if d.as_nanos() <= 0 {
            return self;
        }
        match self.0.checked_add(d.as_nanos()) {
            Some(n) => Instant(n),
            None => Instant::MAX,
        }
    }

    /// `self + d` clamped to `[ZERO, LAST]`: where `advance(d)` takes the clock.
    pub const fn saturating_add(self, d: GoDuration) -> Instant {
        let n = self.0.saturating_add(d.as_nanos());
        Instant(if n < 0 {
            0
        } else if n > Instant::LAST.0 {
            Instant::LAST.0
        } else {
            n
        })
    }

    /// `self - earlier`, or zero when `earlier` is later.
    pub const fn duration_since(self, earlier: Instant) -> GoDuration {
        let n = self.0.saturating_sub(earlier.0);
        GoDuration::from_nanos(if n < 0 { 0 } else { n })
    }

    /// Nanoseconds since the start, as stored.
    pub const fn as_nanos(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Instant {
    /// `@` and the offset from the start in Go's duration syntax: `@150ms`, `@1m30s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}", self.since_start())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_positive_duration_is_due_now() {
        let now = Instant::from_start(GoDuration::from_secs(5));
        assert_eq!(now.deadline_after(GoDuration::ZERO), now);
        assert_eq!(now.deadline_after(GoDuration::from_secs(-3)), now);
    }

    #[test]
    fn an_overflowing_deadline_clamps_to_the_end_of_time() {
        let now = Instant::from_start(GoDuration::SECOND);
        assert_eq!(now.deadline_after(GoDuration::MAX), Instant::MAX);
        assert_eq!(Instant::ZERO.deadline_after(GoDuration::MAX), Instant::MAX);
    }

    #[test]
    fn the_clock_stops_short_of_the_end_of_time() {
        assert_eq!(Instant::ZERO.saturating_add(GoDuration::MAX), Instant::LAST);
        assert!(Instant::LAST < Instant::MAX);
    }

    #[test]
    fn displays_as_an_offset_from_the_start() {
        assert_eq!(Instant::from_start(GoDuration::from_millis(150)).to_string(), "@150ms");
    }
}
