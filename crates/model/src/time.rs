//! [`Duration`] and [`Time`]: the model's own reading of Go's clock arithmetic.
//!
//! Written from Go's source, not shared with the gotime runtime: the differential tests compare
//! the two, and arithmetic they shared would be a bug neither could show. Each computation is done
//! exactly in `i128` and then clamped the way Go clamps, so there is no overflow to reason about.

/// Go's `time.Duration`: an `int64` count of nanoseconds, negative allowed (src/time/time.go).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration(i64);

impl Duration {
    /// No time at all.
    pub const ZERO: Duration = Duration(0);
    /// Go's `time.Nanosecond`.
    pub const NANOSECOND: Duration = Duration(1);
    /// Go's `time.Millisecond`.
    pub const MILLISECOND: Duration = Duration(1_000_000);
    /// Go's `time.Second`.
    pub const SECOND: Duration = Duration(1_000_000_000);
    /// The longest duration, `1<<63 - 1` nanoseconds.
    pub const MAX: Duration = Duration(i64::MAX);
    /// The most negative duration, `-1 << 63` nanoseconds.
    pub const MIN: Duration = Duration(i64::MIN);

    /// `n` nanoseconds.
    pub const fn from_nanos(n: i64) -> Duration {
        Duration(n)
    }

    /// `n` milliseconds, clamped to [`Duration::MIN`]..=[`Duration::MAX`].
    pub const fn from_millis(n: i64) -> Duration {
        Duration(n.saturating_mul(Duration::MILLISECOND.0))
    }

    /// `n` seconds, clamped to [`Duration::MIN`]..=[`Duration::MAX`].
    pub const fn from_secs(n: i64) -> Duration {
        Duration(n.saturating_mul(Duration::SECOND.0))
    }

    /// The duration in nanoseconds.
    pub const fn as_nanos(self) -> i64 {
        self.0
    }

    /// `d > 0`: the tests Go writes as `d <= 0` are `!d.is_positive()`.
    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }
}

/// A point on the model's clock: nanoseconds since the model started. It plays Go's
/// `runtimeNano()`, the monotonic clock a runtime timer's `when` is measured on. Never negative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(i64);

/// Go's `maxWhen` (src/runtime/time.go), `1<<63 - 1`, as an exact integer.
const MAX_WHEN: i128 = i64::MAX as i128;

impl Time {
    /// The model's start.
    pub const START: Time = Time(0);
    /// The end of time, Go's `maxWhen`: where a deadline that overflows is clamped. The clock
    /// never gets there, so a timer due then never fires (Go's `TestOverflowSleep`).
    pub const END: Time = Time(i64::MAX);
    /// The latest time the clock reaches, one nanosecond before [`Time::END`].
    pub const LAST: Time = Time(i64::MAX - 1);

    /// `n` nanoseconds after the start; a negative `n` is the start itself.
    pub const fn from_nanos(n: i64) -> Time {
        Time(if n < 0 { 0 } else { n })
    }

    /// Nanoseconds since the start.
    pub const fn as_nanos(self) -> i64 {
        self.0
    }

    /// Go's `when(d)` with `self` as `runtimeNano()`: the deadline of a timer started now for `d`.
    ///
    /// src/time/sleep.go:
    ///
    /// ```go
    /// if d <= 0 { return runtimeNano() }
    /// t := runtimeNano() + int64(d)
    /// if t < 0 { t = 1<<63 - 1 } // math.MaxInt64
    /// ```
    ///
    /// Go sees the overflow as a sum that wrapped negative; with both terms non-negative, that
    /// is exactly an exact sum above `1<<63 - 1`.
    pub const fn when(self, d: Duration) -> Time {
        if d.0 <= 0 {
            return self;
        }
        let t = self.0 as i128 + d.0 as i128;
        if t > MAX_WHEN {
            return Time::END;
        }
        Time(t as i64)
    }

    /// A ticker due at `self` has fired at `now` (`self <= now`): its next deadline, the first
    /// point of the grid `self + k·period` after `now`. Ticks missed in between are dropped.
    ///
    /// src/runtime/time.go, where a timer with `period > 0` runs (`unlockAndRun`, Go 1.23;
    /// `runOneTimer` before, with `delta = t.when - now` and the same result):
    ///
    /// ```go
    /// delay := now - t.when
    /// next = t.when + t.period*(1+delay/t.period)
    /// if next < 0 { // check for overflow.
    ///     next = maxWhen
    /// }
    /// ```
    pub const fn next_tick(self, period: Duration, now: Time) -> Time {
        let (when, period) = (self.0 as i128, period.0 as i128);
        let delay = now.0 as i128 - when;
        let next = when + period * (1 + delay / period);
        if next > MAX_WHEN {
            return Time::END;
        }
        Time(next as i64)
    }

    /// Where letting `d` pass takes a clock at `self`: `d` later, but no earlier than `self` (a
    /// negative `d` lets no time pass) and no later than [`Time::LAST`]. Not Go arithmetic: the
    /// simulation's own rule for moving its clock.
    pub const fn advanced_by(self, d: Duration) -> Time {
        let d = if d.0 < 0 { 0 } else { d.0 };
        let target = self.0 as i128 + d as i128;
        if target > Time::LAST.0 as i128 {
            return Time::LAST;
        }
        Time(target as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEC: i64 = 1_000_000_000;

    fn at(secs: i64) -> Time {
        Time::from_nanos(secs * SEC)
    }

    #[test]
    fn a_non_positive_duration_is_due_now() {
        assert_eq!(at(5).when(Duration::ZERO), at(5));
        assert_eq!(at(5).when(Duration::from_secs(-3)), at(5));
        assert_eq!(at(5).when(Duration::MIN), at(5));
    }

    #[test]
    fn a_deadline_is_now_plus_the_duration_up_to_the_end_of_time() {
        assert_eq!(at(5).when(Duration::SECOND), at(6));
        assert_eq!(Time::START.when(Duration::MAX), Time::END, "exactly maxWhen, no overflow");
        assert_eq!(Time::from_nanos(1).when(Duration::from_nanos(i64::MAX - 2)), Time::LAST);
    }

    #[test]
    fn an_overflowing_deadline_is_the_end_of_time() {
        assert_eq!(at(1).when(Duration::MAX), Time::END);
        assert_eq!(Time::LAST.when(Duration::from_nanos(2)), Time::END);
    }

    #[test]
    fn the_next_tick_is_the_first_grid_point_after_now() {
        let period = Duration::from_secs(2);
        // Due at 10s: fired on time, then 1s, 2s and 5s late.
        assert_eq!(at(10).next_tick(period, at(10)), at(12));
        assert_eq!(at(10).next_tick(period, at(11)), at(12));
        assert_eq!(at(10).next_tick(period, at(12)), at(14), "the tick due exactly now is this firing's");
        assert_eq!(at(10).next_tick(period, at(15)), at(16));
    }

    #[test]
    fn a_next_tick_past_the_end_of_time_is_the_end_of_time() {
        // Go's TestOverflowPeriodRuntimeTimer: a first tick at half the time line, then overflow.
        let half = i64::MAX / 2 + 1;
        let first = Time::from_nanos(half);
        assert_eq!(first.next_tick(Duration::from_nanos(half), first), Time::END);
        assert_eq!(Time::from_nanos(1).next_tick(Duration::MAX, Time::LAST), Time::END);
        assert_eq!(Time::LAST.next_tick(Duration::SECOND, Time::LAST), Time::END);
    }

    #[test]
    fn the_clock_moves_forward_only_and_stops_short_of_the_end_of_time() {
        assert_eq!(at(5).advanced_by(Duration::SECOND), at(6));
        assert_eq!(at(5).advanced_by(Duration::from_secs(-3)), at(5));
        assert_eq!(at(5).advanced_by(Duration::MAX), Time::LAST);
        assert_eq!(Time::START.advanced_by(Duration::MAX), Time::LAST);
    }

    #[test]
    fn a_duration_counts_nanoseconds_and_clamps_like_go() {
        assert_eq!(Duration::from_millis(3).as_nanos(), 3_000_000);
        assert_eq!(Duration::from_secs(-2).as_nanos(), -2 * SEC);
        assert_eq!(Duration::from_secs(i64::MAX), Duration::MAX);
        assert_eq!(Duration::from_millis(i64::MIN), Duration::MIN);
        assert_eq!(Duration::NANOSECOND.as_nanos(), 1);
    }

    #[test]
    fn nothing_comes_before_the_start() {
        assert_eq!(Time::from_nanos(-1), Time::START);
        assert_eq!(Time::from_nanos(i64::MIN).as_nanos(), 0);
    }
}
