//! The timer heap: an indexed 4-ary min-heap of armed deadlines, like Go's per-P timer heap.
//!
//! Keys are `(deadline, creation sequence)`, so timers due at the same instant fire in the order
//! they were created, whatever the order of arming. Unlike Go's heap, entries are removed eagerly
//! (the heap knows each slot's position), so Stop never leaves a dead entry behind. What is in the
//! heap, and how current its keys are, is the deferred heap's business (`state/deferred.rs`).

use crate::Instant;

const ARITY: usize = 4;
const ABSENT: u32 = u32::MAX;

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

/// Min-heap of `(Key, slot)` with `O(log n)` insert, remove-by-slot and re-key.
#[derive(Debug, Default)]
pub(crate) struct TimerHeap {
    items: Vec<Item>,
    /// `position[slot]` is the slot's index in `items`, or `ABSENT`.
    position: Vec<u32>,
}

impl TimerHeap {
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// The key `slot` is heaped with, if it is in the heap.
    pub(crate) fn key(&self, slot: u32) -> Option<Key> {
        match self.position.get(slot as usize) {
            Some(&at) if at != ABSENT => Some(self.items[at as usize].key),
            _ => None,
        }
    }

    /// Prefetches `slot`'s item, if it is in the heap. (The position is a load: a position
    /// array of 4 bytes per slot mostly stays in the caches, the items do not.)
    #[inline]
    pub(crate) fn warm(&self, slot: u32) {
        if let Some(&at) = self.position.get(slot as usize).filter(|&&at| at != ABSENT) {
            crate::prefetch::prefetch(&self.items[at as usize]);
        }
    }

    pub(crate) fn peek(&self) -> Option<(Key, u32)> {
        self.items.first().map(|item| (item.key, item.slot))
    }

    /// Inserts `slot` with `key`, or re-keys it when it is already present.
    pub(crate) fn upsert(&mut self, slot: u32, key: Key) {
        let s = slot as usize;
        if s >= self.position.len() {
            self.position.resize(s + 1, ABSENT);
        }
        match self.position[s] {
            ABSENT => {
                self.items.push(Item { key, slot });
                let at = self.items.len() - 1;
                self.position[s] = at as u32;
                self.sift_up(at);
            }
            at => {
                let at = at as usize;
                let old = self.items[at].key;
                self.items[at].key = key;
                if key < old {
                    self.sift_up(at);
                } else {
                    self.sift_down(at);
                }
            }
        }
    }

    /// Removes `slot` if present.
    pub(crate) fn remove(&mut self, slot: u32) {
        let Some(&at) = self.position.get(slot as usize) else { return };
        if at == ABSENT {
            return;
        }
        let at = at as usize;
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

    /// Random upserts (insert, re-key earlier or later) and removes against a sorted reference:
    /// the top and every position stay right after every operation.
    #[test]
    fn random_operations_keep_the_heap_and_its_positions_right() {
        use std::collections::BTreeMap;
        let mut heap = TimerHeap::default();
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
            if next() % 3 == 0 {
                heap.remove(slot);
                reference.remove(&slot);
            } else {
                let k = key((next() % 1_000) as i64, step);
                heap.upsert(slot, k);
                reference.insert(slot, k);
            }
            let top = reference.iter().min_by_key(|(_, k)| **k).map(|(s, k)| (*k, *s));
            assert_eq!(heap.peek(), top, "step {step}");
            assert_eq!(heap.len(), reference.len());
            for (at, item) in heap.items.iter().enumerate() {
                assert_eq!(heap.position[item.slot as usize] as usize, at, "step {step}");
                if at > 0 {
                    assert!(heap.items[(at - 1) / ARITY].key <= item.key, "step {step}: heap order");
                }
            }
        }
    }
}
