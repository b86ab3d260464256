//! The timer heap: an indexed 4-ary min-heap of armed deadlines, like Go's per-P timer heap.
//!
//! Keys are `(deadline, creation sequence)`, so timers due at the same instant fire in the order
//! they were created, whatever the order of arming. Unlike Go's heap, entries are removed eagerly
//! (the heap knows each slot's position), so Stop never leaves a dead entry behind. What is in the
//! heap, and how current its keys are, is the runtime state's business (`state.rs`, rule 5).

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
        let last = self.items.len() - 1;
        self.items.swap(at, last);
        self.items.pop();
        self.position[slot as usize] = ABSENT;
        if at < self.items.len() {
            let moved = self.items[at].slot;
            self.position[moved as usize] = at as u32;
            // The moved item may belong above or below its new place.
            self.sift_up(at);
            self.sift_down(self.position[moved as usize] as usize);
        }
    }

    fn sift_up(&mut self, mut at: usize) {
        while at > 0 {
            let parent = (at - 1) / ARITY;
            if self.items[at].key >= self.items[parent].key {
                break;
            }
            self.swap(at, parent);
            at = parent;
        }
    }

    fn sift_down(&mut self, mut at: usize) {
        loop {
            let first = at * ARITY + 1;
            if first >= self.items.len() {
                break;
            }
            let last = (first + ARITY).min(self.items.len());
            let smallest = (first..last).min_by_key(|&c| self.items[c].key).unwrap_or(first);
            if self.items[smallest].key >= self.items[at].key {
                break;
            }
            self.swap(at, smallest);
            at = smallest;
        }
    }

    fn swap(&mut self, a: usize, b: usize) {
        self.items.swap(a, b);
        self.position[self.items[a].slot as usize] = a as u32;
        self.position[self.items[b].slot as usize] = b as u32;
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
}
