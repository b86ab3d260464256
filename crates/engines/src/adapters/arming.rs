//! [`Arming`]: what an adapter knows about a timer from the calls it made — only to bound how
//! long a blocking receive (`wait`) listens before it calls the silence a deadlock, never to
//! decide an observation (the Go oracle's rule, `oracle/run.go`).

use gotime::{GoDuration, Instant};

/// From this length on a duration means "never within a script" (the oracle's `infinite`).
pub(crate) const NEVER: GoDuration = GoDuration::from_nanos(1 << 62);

/// What the calls made so far say about when an object's next value could come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Arming {
    /// Nothing can come: a nil channel, a stopped timer, a deadline beyond the end of time.
    Idle,
    /// A one-shot timer armed for this instant. Once it is past, a value is there at once or
    /// never (it was received, or the implementation dropped it).
    Once(Instant),
    /// A ticker with this period.
    Every(GoDuration),
}

impl Arming {
    /// A one-shot timer armed at `now` for `d`.
    pub(crate) fn once(now: Instant, d: GoDuration) -> Arming {
        if d.as_nanos() >= NEVER.as_nanos() {
            Arming::Idle
        } else {
            Arming::Once(now.saturating_add(if d.is_positive() { d } else { GoDuration::ZERO }))
        }
    }

    /// A ticker of period `d` (positive).
    pub(crate) fn every(d: GoDuration) -> Arming {
        if d.as_nanos() >= NEVER.as_nanos() {
            Arming::Idle
        } else {
            Arming::Every(d)
        }
    }

    /// The latest instant a value could arrive, seen from `now`; `None` when none can.
    pub(crate) fn latest(self, now: Instant) -> Option<Instant> {
        match self {
            Arming::Idle => None,
            Arming::Once(at) => Some(at.max(now)),
            Arming::Every(period) => Some(now.saturating_add(period)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_shot_timer_can_deliver_until_its_deadline_and_never_beyond_the_end_of_time() {
        let now = Instant::from_start(GoDuration::from_secs(5));
        let t = Arming::once(now, GoDuration::from_secs(2));
        assert_eq!(t.latest(now), Some(Instant::from_start(GoDuration::from_secs(7))));
        assert_eq!(
            t.latest(Instant::from_start(GoDuration::from_secs(9))),
            Some(Instant::from_start(GoDuration::from_secs(9)))
        );
        assert_eq!(Arming::once(now, GoDuration::MAX).latest(now), None);
        assert_eq!(Arming::once(now, GoDuration::from_secs(-1)).latest(now), Some(now));
        assert_eq!(
            Arming::every(GoDuration::from_secs(2)).latest(now),
            Some(Instant::from_start(GoDuration::from_secs(7)))
        );
    }
}
