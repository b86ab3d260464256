//! The event queue of the discrete-event engine: a calendar of tick-wide buckets, each with two
//! lanes that give each kind of event the order it needs and no more.
//!
//! Why not one binary heap: S1 at 10,000 users delivers 10,000 messages per virtual second, and a
//! heap of every pending event pays O(log n) for each; that was a third of the engine's time.
//! Almost every event lands within seconds, so a ring of one bucket per network tick takes a push
//! in O(1), and inside a bucket only the events that move the server's clock need sorting:
//!
//! - [`Lane::Timed`]: exact time order (sorted when the bucket comes; what is scheduled into the
//!   current bucket meanwhile waits in a small heap): the server's timer deadlines, connects,
//!   timeouts.
//! - [`Lane::Delivery`]: the network's deliveries, all at the bucket's end (the tick boundary),
//!   first in, first out, after the bucket's timed events up to that instant.
//!
//! A bucket is drained until both lanes are empty (an event may schedule another into the current
//! bucket). The rare event beyond the ring's horizon waits in an overflow heap. Every order is a
//! function of the scheduling order, so a run is reproducible.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use gotime::GoDuration;

use super::chunks::{List, Pool};

/// Buckets in the ring: at a 10 ms tick the ring spans 41 virtual seconds.
const RING: usize = 4_096;

/// How an event is ordered within its bucket (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lane {
    /// Exact time order, then scheduling order.
    Timed,
    /// At the bucket's end, in scheduling order.
    Delivery,
}

/// An event with its time and the key that orders it.
#[derive(Clone, Copy, Debug)]
struct Scheduled<E> {
    at: i64,
    seq: u64,
    lane: Lane,
    event: E,
}

impl<E> PartialEq for Scheduled<E> {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}

impl<E> Eq for Scheduled<E> {}

impl<E> PartialOrd for Scheduled<E> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<E> Ord for Scheduled<E> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at, self.seq).cmp(&(other.at, other.seq))
    }
}

/// One tick's events, by lane (their chunks are in the calendar's pools).
#[derive(Clone, Copy, Default)]
struct Bucket {
    timed: List,
    deliveries: List,
}

/// Events in buckets of one tick: bucket `k` holds the times in `((k-1)·tick, k·tick]`, so an
/// event at a tick boundary belongs to the tick it ends.
pub(super) struct Calendar<E> {
    tick: i64,
    /// `⌊(2⁶⁴ − 1) / tick⌋`, so finding an event's bucket is a multiplication, not a division (a
    /// 64-bit division per event was a tenth of the engine's time).
    reciprocal: u64,
    /// The bucket being drained.
    current: u64,
    /// The current bucket's timed events, sorted latest first (taken from the end).
    timed: Vec<Scheduled<E>>,
    /// Timed events scheduled into the current bucket while it drains, earliest first.
    late: BinaryHeap<Reverse<Scheduled<E>>>,
    /// The current bucket's deliveries (its timed lane is in `timed`).
    deliveries: List,
    /// Bucket `k` (for `current < k < current + RING`) at index `k % RING`.
    ring: Vec<Bucket>,
    timed_chunks: Pool<Scheduled<E>>,
    delivery_chunks: Pool<E>,
    /// Events of buckets `current + RING` and later.
    overflow: BinaryHeap<Reverse<Scheduled<E>>>,
    seq: u64,
}

impl<E: Copy> Calendar<E> {
    /// An empty calendar whose buckets are `tick` wide, starting at time zero.
    ///
    /// # Panics
    ///
    /// If `tick` is not positive (S1's parameters allow 1 ms to 100 ms).
    pub(super) fn new(tick: GoDuration) -> Calendar<E> {
        assert!(tick.is_positive(), "the calendar's tick must be positive, got {tick}");
        Calendar {
            tick: tick.as_nanos(),
            reciprocal: u64::MAX / tick.as_nanos() as u64,
            current: 0,
            timed: Vec::new(),
            late: BinaryHeap::new(),
            deliveries: List::default(),
            ring: vec![Bucket::default(); RING],
            timed_chunks: Pool::new(),
            delivery_chunks: Pool::new(),
            overflow: BinaryHeap::new(),
            seq: 0,
        }
    }

    /// The bucket holding time `at`.
    fn bucket(&self, at: i64) -> u64 {
        // Ceiling division: a boundary belongs to the tick it ends. The reciprocal's quotient
        // is at most one short (`at` < 2⁶³), fixed by one comparison.
        let (at, tick) = (at.max(0) as u64, self.tick as u64);
        let mut q = ((u128::from(at) * u128::from(self.reciprocal)) >> 64) as u64;
        let mut r = at - q * tick;
        if r >= tick {
            q += 1;
            r -= tick;
        }
        q + u64::from(r != 0)
    }

    /// The end of the current bucket: the time of its deliveries.
    pub(super) fn boundary(&self) -> GoDuration {
        GoDuration::from_nanos(self.current as i64 * self.tick)
    }

    /// The first tick boundary at or after `at`: when the network delivers what was sent then.
    pub(super) fn boundary_at_or_after(&self, at: GoDuration) -> GoDuration {
        GoDuration::from_nanos(self.bucket(at.as_nanos()) as i64 * self.tick)
    }

    /// Schedules `event` at `at` in `lane`. A delivery must be at a tick boundary; an event in
    /// the past of the current bucket is taken as due now.
    #[inline(always)] // the caller builds the event in place: no store-to-load stall
    pub(super) fn push(&mut self, at: GoDuration, lane: Lane, event: E) {
        let at = at.as_nanos();
        debug_assert!(
            lane != Lane::Delivery || at % self.tick == 0,
            "a delivery at {at} ns is off the tick grid"
        );
        let item = Scheduled { at, seq: self.seq, lane, event };
        self.seq += 1;
        let bucket = self.bucket(at).max(self.current);
        if bucket == self.current {
            match lane {
                Lane::Timed => self.late.push(Reverse(item)),
                Lane::Delivery => self.delivery_chunks.push(&mut self.deliveries, event),
            }
        } else if bucket - self.current < RING as u64 {
            let b = &mut self.ring[(bucket % RING as u64) as usize];
            match lane {
                Lane::Timed => self.timed_chunks.push(&mut b.timed, item),
                Lane::Delivery => self.delivery_chunks.push(&mut b.deliveries, event),
            }
        } else {
            self.overflow.push(Reverse(item));
        }
    }

    /// The next event of the current bucket with its time; `None` when the bucket is drained
    /// (then [`Calendar::next_bucket`] moves on).
    pub(super) fn pop(&mut self) -> Option<(GoDuration, E)> {
        // The earlier of the sorted lane's next and the late heap's next.
        let from_late = match (self.timed.last(), self.late.peek()) {
            (Some(sorted), Some(Reverse(late))) => late < sorted,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        let item = if from_late { self.late.pop().map(|Reverse(item)| item) } else { self.timed.pop() };
        if let Some(item) = item {
            return Some((GoDuration::from_nanos(item.at), item.event));
        }
        let event = self.delivery_chunks.pop_front(&mut self.deliveries)?;
        Some((self.boundary(), event))
    }

    /// Up to `n` of the events [`Calendar::pop`] returns next (those scheduled into the current
    /// bucket while it drains aside), without taking them: what the engine reads ahead.
    pub(super) fn ahead(&self, n: usize) -> impl Iterator<Item = &E> {
        let timed = self.timed.iter().rev().map(|item| &item.event);
        timed.chain(self.delivery_chunks.iter(&self.deliveries)).take(n)
    }

    /// Moves to the next bucket and makes its events poppable.
    pub(super) fn next_bucket(&mut self) {
        debug_assert!(self.timed.is_empty() && self.late.is_empty(), "the bucket was not drained");
        debug_assert!(self.delivery_chunks.iter(&self.deliveries).next().is_none(), "undelivered");
        self.current += 1;
        let bucket = std::mem::take(&mut self.ring[(self.current % RING as u64) as usize]);
        self.deliveries = bucket.deliveries;
        // The timed lane is sorted once (cheaper than a heap's pop per event).
        let mut timed = bucket.timed;
        self.timed_chunks.drain_into(&mut timed, &mut self.timed);
        self.timed.sort_unstable_by(|a, b| b.cmp(a));
        while self.overflow.peek().is_some_and(|Reverse(e)| self.bucket(e.at) <= self.current) {
            let Reverse(item) = self.overflow.pop().unwrap();
            match item.lane {
                Lane::Timed => self.late.push(Reverse(item)),
                Lane::Delivery => self.delivery_chunks.push(&mut self.deliveries, item.event),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: i64) -> GoDuration {
        GoDuration::from_millis(n)
    }

    /// Pops everything up to `end`, bucket by bucket, as the engine does.
    fn drain(c: &mut Calendar<u32>, end: GoDuration) -> Vec<(i64, u32)> {
        let mut out = Vec::new();
        while c.boundary() <= end {
            while let Some((at, e)) = c.pop() {
                out.push((at.as_nanos() / 1_000_000, e));
            }
            c.next_bucket();
        }
        out
    }

    #[test]
    fn timed_events_come_out_by_time_then_by_scheduling_order() {
        let mut c = Calendar::new(ms(10));
        for (i, at) in [25, 3, 10, 25, 0, 9_000_000, 47, 10].into_iter().enumerate() {
            c.push(ms(at), Lane::Timed, i as u32);
        }
        let out = drain(&mut c, ms(9_000_010));
        let expected = [(0, 4), (3, 1), (10, 2), (10, 7), (25, 0), (25, 3), (47, 6), (9_000_000, 5)];
        assert_eq!(out, expected);
    }

    #[test]
    fn buckets_are_ceiling_divisions_by_the_tick() {
        for tick in [1_000_000, 10_000_000, 100_000_000, 1, 2, 3, 7_919] {
            let c: Calendar<u32> = Calendar::new(GoDuration::from_nanos(tick));
            let edges = [0, 1, tick - 1, tick, tick + 1, 2 * tick, i64::MAX / 2, i64::MAX - 1, i64::MAX];
            let mut rng = crate::seed::rng(tick as u64, 0);
            let random = (0..10_000).map(|_| rand::Rng::gen_range(&mut rng, 0..i64::MAX));
            for at in edges.into_iter().chain(random) {
                assert_eq!(c.bucket(at), (at as u64).div_ceil(tick as u64), "{at} ns at tick {tick} ns");
            }
        }
    }

    #[test]
    fn a_boundary_belongs_to_the_tick_it_ends() {
        let c: Calendar<u32> = Calendar::new(ms(10));
        assert_eq!(c.boundary_at_or_after(ms(10)), ms(10));
        assert_eq!(c.boundary_at_or_after(GoDuration::from_nanos(10_000_001)), ms(20));
        assert_eq!(c.boundary_at_or_after(ms(0)), ms(0));
    }

    #[test]
    fn within_a_bucket_deliveries_come_last_in_scheduling_order() {
        let mut c = Calendar::new(ms(10));
        c.push(ms(20), Lane::Delivery, 1);
        c.push(ms(20), Lane::Delivery, 2);
        c.push(ms(20), Lane::Timed, 3);
        c.push(ms(12), Lane::Timed, 4);
        c.push(ms(19), Lane::Timed, 5);
        c.next_bucket();
        assert_eq!(drain(&mut c, ms(20)), [(12, 4), (19, 5), (20, 3), (20, 1), (20, 2)]);
    }

    #[test]
    fn an_event_scheduled_into_the_current_bucket_is_taken_in_its_lanes_order() {
        let mut c = Calendar::new(ms(10));
        c.next_bucket();
        c.next_bucket(); // bucket 2, (10, 20] ms, is current
        c.push(ms(15), Lane::Timed, 1);
        c.push(ms(20), Lane::Delivery, 2);
        assert_eq!(c.pop(), Some((ms(15), 1)));
        // What the first event causes for later in the same tick.
        c.push(ms(19), Lane::Timed, 3);
        c.push(ms(16), Lane::Timed, 4);
        c.push(ms(21), Lane::Timed, 5);
        assert_eq!(c.pop(), Some((ms(16), 4)));
        assert_eq!(c.pop(), Some((ms(19), 3)));
        assert_eq!(c.pop(), Some((ms(20), 2)));
        // A delivery taken, then one more event for this instant: still taken before moving on.
        c.push(ms(20), Lane::Timed, 6);
        assert_eq!(c.pop(), Some((ms(20), 6)));
        assert_eq!(c.pop(), None, "the 21 ms event waits for the next bucket");
        c.next_bucket();
        assert_eq!(c.pop(), Some((ms(21), 5)));
    }

    #[test]
    fn events_beyond_the_ring_wait_in_the_overflow_and_keep_their_lane() {
        let mut c = Calendar::new(ms(1));
        let far = RING as i64 * 3;
        c.push(ms(far), Lane::Delivery, 1);
        c.push(ms(far), Lane::Timed, 2);
        c.push(ms(far - 1), Lane::Timed, 3);
        c.push(ms(far), Lane::Delivery, 4);
        c.push(ms(2), Lane::Timed, 5);
        assert_eq!(drain(&mut c, ms(far)), [(2, 5), (far - 1, 3), (far, 2), (far, 1), (far, 4)]);
    }
}
