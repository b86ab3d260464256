//! The timer heap: the armed deadlines in order, like Go's per-P timer heap — an indexed 4-ary
//! min-heap, beside a *run*: the deadlines that arrived in increasing order, kept as a queue.
//!
//! Keys are `(deadline, creation sequence)`, so timers due at the same instant fire in the order
//! they were created, whatever the order of arming. Most timers are armed `d` from now with the
//! same `d` (a loop's timeout), so their keys arrive in increasing order: those join the run's
//! back and leave from its front, in O(1) and in memory order, where the heap would sift each
//! one through every level (at a million timers, a cache miss per level). A key smaller than the
//! run's last goes to the heap; the earliest of the two fronts is the earliest deadline.
//!
//! Unlike Go's heap, a heap item is removed eagerly (the heap knows each slot's position), so Stop
//! never leaves a dead item behind in it; a removed run item is marked dead in place, skipped at
//! the front, and the run compacted once the dead outnumber the live four to one. What is in the heap, and
//! how current its keys are, is the deferred heap's business (`state/deferred.rs`).

use std::collections::VecDeque;

use crate::Instant;

const ARITY: usize = 4;
const ABSENT: u32 = u32::MAX;
/// A position with this bit is in the run: the low [`RUN_BITS`] bits count run positions from
/// any origin (wrapping), [`TimerHeap::run_base`] being the front's.
const IN_RUN: u32 = 1 << 31;
const RUN_BITS: u32 = 30;
const RUN_MASK: u32 = (1 << RUN_BITS) - 1;
/// The slot of a removed run item.
const DEAD: u32 = u32::MAX;
/// The run is compacted when it holds more dead items than this, and [`DEAD_PER_LIVE`] times as
/// many as live ones. Timeouts stopped before they fire die behind the front and leave at the
/// front as time passes: a loop's steady state holds a few dead per live item (3 s timeouts
/// stopped after 1 s: 2), and compacting then (renumbering every live item's position, a cache
/// miss each at a million timers) would cost more than it frees.
const COMPACT_AT: usize = 64;
const DEAD_PER_LIVE: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Key {
    pub(crate) when: Instant,
    pub(crate) seq: u64,
}

#[derive(Clone, Copy, Debug)]
struct Item {
    key: Key,
    slot: u32,
}

/// Where a slot's item is.
enum At {
    Absent,
    Heap(usize),
    Run(usize),
}

/// The armed deadlines, `(Key, slot)`, with `O(log n)` insert, remove-by-slot and re-key in the
/// heap and `O(1)` in the run.
#[derive(Debug, Default)]
pub(crate) struct TimerHeap {
    items: Vec<Item>,
    /// Keys strictly increasing from front to back; the front is never dead.
    run: VecDeque<Item>,
    /// The run position of `run[0]` (see [`IN_RUN`]).
    run_base: u32,
    /// Dead items in the run.
    run_dead: usize,
    /// `position[slot]`: the slot's index in `items`, its run position with [`IN_RUN`], or
    /// `ABSENT`.
    position: Vec<u32>,
}

impl TimerHeap {
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.items.len() + self.run.len() - self.run_dead
    }

    /// Items in the 4-ary heap, not in the run.
    #[cfg(test)]
    pub(crate) fn outside_the_run(&self) -> usize {
        self.items.len()
    }

    fn at(&self, slot: u32) -> At {
        match self.position.get(slot as usize) {
            None | Some(&ABSENT) => At::Absent,
            Some(&pos) if pos & IN_RUN != 0 => {
                At::Run(((pos & RUN_MASK).wrapping_sub(self.run_base) & RUN_MASK) as usize)
            }
            Some(&pos) => At::Heap(pos as usize),
        }
    }

    /// The key `slot` is in the heap with, if it is in it.
    pub(crate) fn key(&self, slot: u32) -> Option<Key> {
        match self.at(slot) {
            At::Absent => None,
            At::Heap(at) => Some(self.items[at].key),
            At::Run(at) => Some(self.run[at].key),
        }
    }

    /// Prefetches `slot`'s item, if it is in the heap. (The position is a load: a position
    /// array of 4 bytes per slot mostly stays in the caches, the items do not.)
    #[inline]
    pub(crate) fn warm(&self, slot: u32) {
        match self.at(slot) {
            At::Absent => {}
            At::Heap(at) => crate::prefetch::prefetch(&self.items[at]),
            At::Run(at) => crate::prefetch::prefetch(&self.run[at]),
        }
    }

    /// Every item, in no particular order.
    pub(crate) fn items(&self) -> impl Iterator<Item = (Key, u32)> + '_ {
        let run = self.run.iter().filter(|item| item.slot != DEAD);
        self.items.iter().chain(run).map(|item| (item.key, item.slot))
    }

    /// The item with the smallest key.
    pub(crate) fn peek(&self) -> Option<(Key, u32)> {
        let earliest = match (self.items.first(), self.run.front()) {
            (Some(heap), Some(run)) => {
                if heap.key < run.key {
                    heap
                } else {
                    run
                }
            }
            (Some(only), None) | (None, Some(only)) => only,
            (None, None) => return None,
        };
        Some((earliest.key, earliest.slot))
    }

    /// Inserts `slot` with `key`, or re-keys it when it is already present.
    pub(crate) fn upsert(&mut self, slot: u32, key: Key) {
        match self.at(slot) {
            At::Heap(at) if self.run.back().is_some_and(|last| key < last.key) => {
                // Staying in the heap: re-key in place.
                let old = self.items[at].key;
                self.items[at].key = key;
                if key < old {
                    self.sift_up(at);
                } else {
                    self.sift_down(at);
                }
                return;
            }
            At::Absent => {}
            _ => self.remove(slot),
        }
        self.insert(slot, key);
    }

    /// Inserts `slot`, which is not present, with `key`. Unlike [`TimerHeap::upsert`] it never
    /// reads the slot's position: a caller that knows the slot is absent (a timer that was not
    /// armed) saves what is, at a million timers, a cache miss to wait for.
    pub(crate) fn insert(&mut self, slot: u32, key: Key) {
        let s = slot as usize;
        if s >= self.position.len() {
            self.position.resize(s + 1, ABSENT);
        }
        debug_assert!(matches!(self.at(slot), At::Absent), "slot {slot} is already present");
        if self.run.back().is_none_or(|last| last.key < key) {
            let pos = self.run_base.wrapping_add(self.run.len() as u32) & RUN_MASK;
            self.run.push_back(Item { key, slot });
            self.position[s] = IN_RUN | pos;
        } else {
            self.items.push(Item { key, slot });
            self.sift_up(self.items.len() - 1); // writes the slot's position where it stops
        }
    }

    /// Removes `slot` if present.
    pub(crate) fn remove(&mut self, slot: u32) {
        match self.at(slot) {
            At::Absent => {}
            At::Heap(at) => {
                self.position[slot as usize] = ABSENT;
                let last = self.items.pop().expect("a present slot has an item");
                if at < self.items.len() {
                    // The last item fills the hole; it may belong above or below it.
                    self.items[at] = last;
                    if at > 0 && last.key < self.items[(at - 1) / ARITY].key {
                        self.sift_up(at);
                    } else {
                        self.sift_down(at);
                    }
                }
            }
            At::Run(at) => {
                self.position[slot as usize] = ABSENT;
                self.run[at].slot = DEAD;
                self.run_dead += 1;
                self.pop_dead_front();
                self.compact_if_mostly_dead();
            }
        }
    }

    /// Takes out the item with the smallest key. Unlike [`TimerHeap::remove`] it never reads the
    /// slot's position, which it knows: at a million timers that read is a cache miss the
    /// caller waits for, where the store that clears the position does not wait.
    pub(crate) fn pop(&mut self) -> Option<(Key, u32)> {
        let from_run = match (self.items.first(), self.run.front()) {
            // As in `peek`: the heap's item when its key is the smaller one.
            (Some(heap), Some(run)) => heap.key >= run.key,
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (None, None) => return None,
        };
        let item = if from_run {
            let item = self.run.pop_front().expect("the run has a front");
            self.run_base = self.run_base.wrapping_add(1) & RUN_MASK;
            self.pop_dead_front();
            item
        } else {
            let last = self.items.pop().expect("the heap has a top");
            match self.items.first_mut() {
                Some(top) => std::mem::replace(top, last),
                None => last,
            }
        };
        self.position[item.slot as usize] = ABSENT;
        if !from_run && !self.items.is_empty() {
            self.sift_down(0);
        }
        self.compact_if_mostly_dead();
        Some((item.key, item.slot))
    }

    /// Compacts the run once its dead items outnumber the live ones [`DEAD_PER_LIVE`] to one.
    fn compact_if_mostly_dead(&mut self) {
        let live = self.run.len() - self.run_dead;
        if self.run_dead > COMPACT_AT && self.run_dead > DEAD_PER_LIVE * live {
            self.compact_run();
        }
    }

    /// Drops the dead items at the run's front: the front is always live.
    fn pop_dead_front(&mut self) {
        while self.run.front().is_some_and(|item| item.slot == DEAD) {
            self.run.pop_front();
            self.run_dead -= 1;
            self.run_base = self.run_base.wrapping_add(1) & RUN_MASK;
        }
    }

    /// Drops every dead item of the run, renumbering the live ones.
    fn compact_run(&mut self) {
        self.run.retain(|item| item.slot != DEAD);
        self.run_dead = 0;
        self.run_base = 0;
        for (at, item) in self.run.iter().enumerate() {
            self.position[item.slot as usize] = IN_RUN | (at as u32 & RUN_MASK);
        }
    }

    /// Moves the item at `at` up to its place. Parents move down into the hole and the item is
    /// written once, at the end: half the writes of swapping at every level.
    fn sift_up(&mut self, mut at: usize) {
        let item = self.items[at];
        while at > 0 {
            let parent = (at - 1) / ARITY;
            if item.key >= self.items[parent].key {
                break;
            }
            self.place(at, self.items[parent]);
            at = parent;
        }
        self.place(at, item);
    }

    /// Moves the item at `at` down to its place, the smallest child moving up into the hole.
    fn sift_down(&mut self, mut at: usize) {
        let item = self.items[at];
        let len = self.items.len();
        loop {
            let first = at * ARITY + 1;
            if first >= len {
                break;
            }
            let mut smallest = first;
            for child in first + 1..(first + ARITY).min(len) {
                if self.items[child].key < self.items[smallest].key {
                    smallest = child;
                }
            }
            if self.items[smallest].key >= item.key {
                break;
            }
            self.place(at, self.items[smallest]);
            at = smallest;
        }
        self.place(at, item);
    }

    /// Writes `item` at index `at` and records its position.
    fn place(&mut self, at: usize, item: Item) {
        self.items[at] = item;
        self.position[item.slot as usize] = at as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GoDuration;

    fn key(ms: i64, seq: u64) -> Key {
        Key { when: Instant::from_start(GoDuration::from_millis(ms)), seq }
    }

    fn drain(heap: &mut TimerHeap) -> Vec<u32> {
        let mut out = Vec::new();
        while let Some((_, slot)) = heap.peek() {
            heap.remove(slot);
            out.push(slot);
        }
        out
    }

    #[test]
    fn pops_in_deadline_then_creation_order() {
        let mut heap = TimerHeap::default();
        heap.upsert(0, key(30, 0));
        heap.upsert(1, key(10, 1));
        heap.upsert(2, key(10, 2));
        heap.upsert(3, key(20, 3));
        assert_eq!(drain(&mut heap), [1, 2, 3, 0]);
    }

    #[test]
    fn rekeying_moves_an_item_earlier_or_later() {
        let mut heap = TimerHeap::default();
        for slot in 0..10 {
            heap.upsert(slot, key(100 + i64::from(slot), u64::from(slot)));
        }
        heap.upsert(7, key(1, 7));
        heap.upsert(0, key(1_000, 0));
        assert_eq!(drain(&mut heap), [7, 1, 2, 3, 4, 5, 6, 8, 9, 0]);
    }

    #[test]
    fn removing_from_the_middle_keeps_the_order() {
        let mut heap = TimerHeap::default();
        // A pseudo-random but fixed permutation of deadlines.
        let deadlines: Vec<i64> = (0..200).map(|i| (i * 7919) % 211).collect();
        for (slot, &ms) in deadlines.iter().enumerate() {
            heap.upsert(slot as u32, key(ms, slot as u64));
        }
        for slot in (0..200).step_by(3) {
            heap.remove(slot);
        }
        heap.remove(5_000); // absent: no effect
        let order = drain(&mut heap);
        let mut expected: Vec<u32> = (0..200).filter(|s| s % 3 != 0).collect();
        expected.sort_by_key(|&s| (deadlines[s as usize], s));
        assert_eq!(order, expected);
        assert_eq!(heap.len(), 0);
    }

    /// Every invariant of `heap`: heap order, run order, a live run front, the dead count, and
    /// every position.
    fn check(heap: &TimerHeap, step: u64) {
        for (at, item) in heap.items.iter().enumerate() {
            assert_eq!(heap.position[item.slot as usize] as usize, at, "step {step}");
            if at > 0 {
                assert!(heap.items[(at - 1) / ARITY].key <= item.key, "step {step}: heap order");
            }
        }
        assert!(heap.run.front().is_none_or(|item| item.slot != DEAD), "step {step}: a dead front");
        assert_eq!(heap.run.iter().filter(|item| item.slot == DEAD).count(), heap.run_dead, "step {step}");
        for (at, item) in heap.run.iter().enumerate() {
            if at > 0 {
                assert!(heap.run[at - 1].key < item.key, "step {step}: run order");
            }
            if item.slot != DEAD {
                let pos = IN_RUN | (heap.run_base.wrapping_add(at as u32) & RUN_MASK);
                assert_eq!(heap.position[item.slot as usize], pos, "step {step}: run position");
            }
        }
    }

    /// Random upserts (insert, re-key earlier or later) and removes against a sorted reference:
    /// the top and every position stay right after every operation. `key_of(step, random)` makes
    /// the keys: random ones mostly go to the heap, increasing ones to the run.
    fn random_operations(key_of: impl Fn(u64, u64) -> i64, run_base: u32) {
        use std::collections::BTreeMap;
        let mut heap = TimerHeap { run_base, ..TimerHeap::default() };
        let mut reference: BTreeMap<u32, Key> = BTreeMap::new();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for step in 0..20_000u64 {
            let slot = (next() % 300) as u32;
            let op = next() % 6;
            if op == 0 {
                let earliest = reference.iter().min_by_key(|(_, k)| **k).map(|(s, k)| (*k, *s));
                assert_eq!(heap.pop(), earliest, "step {step}: pop");
                if let Some((_, popped)) = earliest {
                    reference.remove(&popped);
                }
            } else if op <= 2 {
                heap.remove(slot);
                reference.remove(&slot);
            } else {
                let k = key(key_of(step, next()), step);
                heap.upsert(slot, k);
                reference.insert(slot, k);
            }
            let top = reference.iter().min_by_key(|(_, k)| **k).map(|(s, k)| (*k, *s));
            assert_eq!(heap.peek(), top, "step {step}");
            assert_eq!(heap.len(), reference.len());
            check(&heap, step);
        }
        let mut expected: Vec<(Key, u32)> = reference.iter().map(|(s, k)| (*k, *s)).collect();
        expected.sort();
        // Emptied by `pop` and by `remove` of the top, in turns.
        let mut by_pop = false;
        let order: Vec<u32> = std::iter::from_fn(|| {
            by_pop = !by_pop;
            if by_pop {
                return heap.pop().map(|(_, slot)| slot);
            }
            let (_, slot) = heap.peek()?;
            heap.remove(slot);
            Some(slot)
        })
        .collect();
        assert_eq!(order, expected.iter().map(|(_, s)| *s).collect::<Vec<_>>());
    }

    #[test]
    fn random_operations_keep_the_heap_and_its_positions_right() {
        random_operations(|_, random| (random % 1_000) as i64, 0);
    }

    #[test]
    fn mostly_increasing_keys_go_to_the_run_and_keep_every_position_right() {
        // A loop's timeouts: `now + d`, now creeping up, some re-armed earlier or later.
        random_operations(|step, random| step as i64 * 3 + (random % 16) as i64, 0);
    }

    #[test]
    fn run_positions_wrap_around() {
        random_operations(|step, random| step as i64 * 3 + (random % 16) as i64, RUN_MASK - 100);
    }

    #[test]
    fn increasing_keys_skip_the_heap() {
        let mut heap = TimerHeap::default();
        for slot in 0..1_000 {
            heap.upsert(slot, key(i64::from(slot), u64::from(slot)));
        }
        assert!(heap.items.is_empty(), "every key was larger than the last");
        heap.upsert(5_000, key(500, 5_000)); // smaller than the run's last: the heap
        assert_eq!(heap.items.len(), 1);
        assert_eq!(drain(&mut heap)[499..502], [499, 500, 5_000]);
    }

    #[test]
    fn a_heap_item_rekeyed_past_the_runs_last_key_moves_to_the_run_and_one_before_it_stays() {
        let mut heap = TimerHeap::default();
        for slot in 0..10 {
            heap.upsert(slot, key(100 + i64::from(slot), u64::from(slot)));
        }
        heap.upsert(10, key(50, 10)); // below the run's last: the heap
        heap.upsert(11, key(60, 11));
        assert_eq!(heap.items.len(), 2);
        heap.upsert(10, key(105, 10)); // postponed, still below the run's last: stays
        assert_eq!(heap.items.len(), 2);
        heap.upsert(11, key(500, 11)); // postponed past the run's last: joins the run
        assert_eq!(heap.items.len(), 1);
        assert_eq!(heap.run.back().map(|item| item.slot), Some(11));
        check(&heap, 0);
        assert_eq!(drain(&mut heap), [0, 1, 2, 3, 4, 5, 10, 6, 7, 8, 9, 11]);
    }

    #[test]
    fn a_run_is_compacted_only_once_its_dead_outnumber_the_live_four_to_one() {
        let mut heap = TimerHeap::default();
        let total = 240usize;
        for slot in 0..total as u32 {
            heap.upsert(slot, key(i64::from(slot), u64::from(slot)));
        }
        // Stopped behind a live front (slot 0 stays): with k of them dead, the live are
        // total - k, so the dead reach four times the live at k = 4/5 of the total.
        let stopped: Vec<u32> = (1..total as u32).collect();
        let most = DEAD_PER_LIVE * total / (DEAD_PER_LIVE + 1);
        assert!(most > COMPACT_AT);
        for &slot in &stopped[..most] {
            heap.remove(slot);
        }
        assert_eq!((heap.run_dead, heap.run.len()), (most, total), "four dead per live: kept");
        heap.remove(stopped[most]);
        assert_eq!(heap.run_dead, 0, "more than four dead per live: compacted");
        assert_eq!(heap.run.len(), total - most - 1);
        check(&heap, 0);
    }

    #[test]
    fn a_run_of_stopped_timers_behind_a_live_front_is_compacted() {
        // One early timer that never fires while a loop arms and stops timeouts behind it: the
        // dead items must not pile up.
        let mut heap = TimerHeap::default();
        heap.upsert(0, key(0, 0));
        for i in 1..100_000u32 {
            heap.upsert(1, key(i64::from(i), u64::from(i)));
            heap.remove(1);
            assert!(heap.run.len() <= COMPACT_AT + 2, "iteration {i}: {} items", heap.run.len());
        }
        assert_eq!(heap.peek(), Some((key(0, 0), 0)));
        check(&heap, 0);
    }
}
