//! [`Instant`]: a point on a runtime's virtual clock.

use std::fmt;
use std::num::NonZeroU64;

use crate::GoDuration;

/// A point in virtual time: nanoseconds since the runtime started, like Go's monotonic clock.
///
/// [`Instant::MAX`] is the end of time, where Go clamps deadlines that overflow; the clock never
/// reaches it, so a timer set that far never fires (Go's `TestOverflowSleep`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(NonZeroU64);
// Stored as nanoseconds + 1, so that `Option<Instant>` is eight bytes: the timer table keeps two
// of them per timer (deadline and buffered value), and its size is the simulator's memory cost.

impl Instant {
    /// The runtime's start.
    pub const ZERO: Instant = Instant::from_nanos(0);
    /// The end of time: Go's `maxWhen` (`1<<63 - 1` ns). Deadlines that would overflow land here.
    pub const MAX: Instant = Instant::from_nanos(i64::MAX);
    /// The latest instant the clock can reach, one nanosecond before the end of time.
    pub const LAST: Instant = Instant::from_nanos(i64::MAX - 1);

    /// `n` nanoseconds after the start; `n` is in `0..=i64::MAX` by construction everywhere.
    const fn from_nanos(n: i64) -> Instant {
        match NonZeroU64::new(n as u64 + 1) {
            Some(stored) => Instant(stored),
            None => panic!("an instant is never negative"),
        }
    }

    /// The instant `since_start` after the runtime started; negative offsets clamp to the start.
    #[must_use]
    pub const fn from_start(since_start: GoDuration) -> Instant {
        let n = since_start.as_nanos();
        Instant::from_nanos(if n < 0 { 0 } else { n })
    }

    /// Time since the runtime started.
    #[must_use]
    pub const fn since_start(self) -> GoDuration {
        GoDuration::from_nanos(self.as_nanos())
    }

    /// Go's `when(d)`: the deadline of a timer started now with duration `d` — now itself for
    /// `d <= 0`, and [`Instant::MAX`] when the sum overflows.
    #[must_use]
    pub const fn deadline_after(self, d: GoDuration) -> Instant {
        if d.as_nanos() <= 0 {
            return self;
        }
        match self.as_nanos().checked_add(d.as_nanos()) {
            Some(n) => Instant::from_nanos(n),
            None => Instant::MAX,
        }
    }

    /// `self + d` clamped to `[ZERO, LAST]`: where `advance(d)` takes the clock.
    #[must_use]
    pub const fn saturating_add(self, d: GoDuration) -> Instant {
        let n = self.as_nanos().saturating_add(d.as_nanos());
        Instant::from_nanos(if n < 0 {
            0
        } else if n > Instant::LAST.as_nanos() {
            Instant::LAST.as_nanos()
        } else {
            n
        })
    }

    /// `self - earlier`, or zero when `earlier` is later.
    #[must_use]
    pub const fn duration_since(self, earlier: Instant) -> GoDuration {
        let n = self.as_nanos() - earlier.as_nanos();
        GoDuration::from_nanos(if n < 0 { 0 } else { n })
    }

    /// Nanoseconds since the start.
    #[must_use]
    pub const fn as_nanos(self) -> i64 {
        (self.0.get() - 1) as i64
    }
}

impl Default for Instant {
    /// [`Instant::ZERO`].
    fn default() -> Instant {
        Instant::ZERO
    }
}

impl fmt::Debug for Instant {
    /// The offset from the start, as in `Display`: never the stored nanoseconds + 1.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Instant(@{})", self.since_start())
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
    fn nothing_goes_before_the_start() {
        let second = Instant::from_start(GoDuration::SECOND);
        assert_eq!(Instant::from_start(-GoDuration::SECOND), Instant::ZERO);
        assert_eq!(second.saturating_add(-GoDuration::HOUR), Instant::ZERO);
        assert_eq!(Instant::ZERO.duration_since(second), GoDuration::ZERO);
        assert_eq!(second.duration_since(Instant::ZERO), GoDuration::SECOND);
    }

    #[test]
    fn an_optional_instant_costs_no_more_than_an_instant() {
        assert_eq!(std::mem::size_of::<Option<Instant>>(), 8);
        assert_eq!(Instant::MAX.as_nanos(), i64::MAX);
        assert_eq!(Instant::ZERO.as_nanos(), 0);
    }

    #[test]
    fn displays_as_an_offset_from_the_start() {
        assert_eq!(Instant::from_start(GoDuration::from_millis(150)).to_string(), "@150ms");
        assert_eq!(format!("{:?}", Instant::ZERO), "Instant(@0s)");
    }
}
