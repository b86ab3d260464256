//! The deferred heap (ground rule 5 of `state/mod.rs`): the heap of armed deadlines, brought up
//! to date only when it is read.
//!
//! Arming a timer that is not in the heap queues it ([`DeferredHeap::unheaped`]); re-arming a
//! heaped timer later than its heap key leaves the key early and stale, to be re-keyed if it
//! reaches the top. So a timer stopped or dropped before time moves — `NewTimer`+`Stop`, a
//! select's `time.After` that lost to a message in sync mode — never costs a heap operation, and
//! a Reset that postpones a timeout costs none either. Go defers the same work: Go 1.23 heaps a
//! channel timer only once a goroutine blocks on it, and marks a postponed timer modified instead
//! of moving it (runtime/time.go, `timerModified`; Go 1.14–1.22 `timerModifiedLater`).
//!
//! Every heap key is at most its timer's deadline, so the settled top is the earliest deadline.
//! Firing up to a time heaps the queue only if time has reached the earliest queued deadline
//! ([`DeferredHeap::unheaped_min`]); until then the heap's settled top is all a firing needs.

use super::slots::{Entry, Slots};
use crate::heap::{Key, TimerHeap};
use crate::{Instant, TimerKind};

/// Queue capacity kept from one heaping to the next (a few hundred kilobytes at most).
const QUEUE_KEPT: usize = 1 << 14;

#[derive(Default)]
pub(super) struct DeferredHeap {
    heap: TimerHeap,
    /// The armed AfterFuncs again, by deadline: the only user code that can run during an
    /// advance, and so the horizon up to which an async ticker's dropped ticks can be skipped.
    /// Kept from the first buffered ticker on ([`DeferredHeap::track_funcs`]).
    funcs: TimerHeap,
    /// Whether [`DeferredHeap::funcs`] is kept.
    tracks_funcs: bool,
    /// Slots armed since the heap was last read and not in it yet. Each slot at most once
    /// ([`Entry::queued`]); a queued slot that was disarmed or freed meanwhile is skipped.
    unheaped: Vec<u32>,
    /// [`DeferredHeap::heap_queued`]'s scratch: the queued timers' keys, to heap in key order.
    batch: Vec<(Key, u32, bool)>,
    /// Whether the queue's keys may be out of order: a slot was queued with a key below the last
    /// one's, or re-armed (or its slot reused) while queued. While they are not, the queue is
    /// heaped as it stands, without the sort and its buffer.
    queue_unordered: bool,
    /// The key the last slot was queued with, since the queue was last heaped.
    last_queued: Option<Key>,
    /// Queues heaped through the sort buffer.
    #[cfg(test)]
    sorted_queues: usize,
    /// At most the deadline of every queued timer (`None`: the queue is empty). Firing needs the
    /// queue heaped only once time reaches it.
    unheaped_min: Option<Instant>,
    /// Set when the earliest deadline moved earlier, so a clock driver must re-plan its sleep.
    earliest_moved: bool,
    /// Whether [`DeferredHeap::earliest_moved`] is kept: only a clock driver reads it.
    watches_earliest: bool,
}

impl DeferredHeap {
    /// Starts keeping [`DeferredHeap::funcs`], from the AfterFuncs heaped so far (the queued
    /// ones join it when heaped). Called when the runtime gets its first ticker whose ticks
    /// buffer (async and async-collected semantics): only such a ticker asks for the next
    /// AfterFunc's deadline, and until one exists a second heap would cost every per-request
    /// AfterFunc (a context's deadline) a second heap to enter and leave.
    pub(super) fn track_funcs(&mut self, slots: &Slots) {
        if std::mem::replace(&mut self.tracks_funcs, true) {
            return;
        }
        for (key, slot) in self.heap.items() {
            if slots.at(slot).kind == Some(TimerKind::AfterFunc) {
                self.funcs.upsert(slot, key);
            }
        }
    }

    /// Takes note that the timer in `slot`, `e`, was just armed at `when` (`e.when` is already
    /// `Some(when)`; `was_armed`: it was armed before): lowers its heap key, or queues it when it
    /// is not heaped.
    #[inline]
    pub(super) fn armed(&mut self, slot: u32, e: &mut Entry, when: Instant, was_armed: bool) {
        let key = Key { when, seq: e.seq };
        // Only an armed timer is heaped (disarming takes it out): a new timer, or one stopped or
        // fired, skips the heap's position table — at a million timers, a cache miss.
        let heaped = if was_armed { self.heap.key(slot) } else { None };
        debug_assert!(was_armed || self.heap.key(slot).is_none(), "an unarmed timer is heaped");
        if let Some(heaped) = heaped {
            // Postponed: the early key stays until it reaches the top (`settle`).
            if key < heaped {
                self.heap.upsert(slot, key);
                if self.tracks_funcs && e.kind == Some(TimerKind::AfterFunc) {
                    self.funcs.upsert(slot, key);
                }
                if self.watches_earliest && self.heap.peek().is_some_and(|(_, top)| top == slot) {
                    self.earliest_moved = true;
                }
            }
            return;
        }
        if e.queued {
            // Re-armed (or its slot reused) while queued: its place may no longer be in order.
            self.queue_unordered = true;
        } else {
            e.queued = true;
            self.unheaped.push(slot);
            self.queue_unordered |= self.last_queued.is_some_and(|last| key < last);
            self.last_queued = Some(key);
        }
        // Also when already queued: a queued timer re-armed earlier lowers the bound.
        self.unheaped_min = Some(self.unheaped_min.map_or(when, |min| min.min(when)));
        // Earlier than everything heaped may mean earlier than everything: a driver re-plans.
        if self.watches_earliest && self.heap.peek().is_none_or(|(earliest, _)| key < earliest) {
            self.earliest_moved = true;
        }
    }

    /// Takes the timer in `slot`, of `kind`, out of the heaps, if it is in them (a queued slot
    /// stays queued, to be skipped). A queued timer is in neither heap — only
    /// [`DeferredHeap::heap_queued`] heaps it, and unqueues it as it does — so stopping one, the
    /// common case of a timeout stopped before time reaches it, skips the position table: at a
    /// million timers, a cache miss.
    #[inline]
    pub(super) fn disarmed(&mut self, slot: u32, kind: TimerKind, queued: bool) {
        if queued {
            debug_assert!(
                self.heap.key(slot).is_none() && self.funcs.key(slot).is_none(),
                "a queued timer is heaped"
            );
            return;
        }
        self.heap.remove(slot);
        if self.tracks_funcs && kind == TimerKind::AfterFunc {
            self.funcs.remove(slot); // only AfterFuncs are ever in it
        }
    }

    /// Prefetches `slot`'s heap item, if it has one.
    #[inline]
    pub(super) fn warm(&self, slot: u32) {
        self.heap.warm(slot);
    }

    /// Starts keeping [`DeferredHeap::earliest_moved`].
    pub(super) fn watch_earliest(&mut self) {
        self.watches_earliest = true;
    }

    /// Whether the earliest deadline moved earlier since the last call.
    #[inline]
    pub(super) fn take_earliest_moved(&mut self) -> bool {
        std::mem::take(&mut self.earliest_moved)
    }

    /// The earliest armed deadline, with the heap brought up to date.
    #[inline]
    pub(super) fn next_deadline(&mut self, slots: &mut Slots) -> Option<Instant> {
        self.heap_queued(slots);
        rekey_top(&mut self.heap, slots);
        rekey_top(&mut self.funcs, slots);
        self.heap.peek().map(|(key, _)| key.when)
    }

    /// Takes the timer with the earliest deadline off the heap if it is due at `target`, and
    /// returns its key and slot. It stays in [`DeferredHeap::funcs`] until it is disarmed.
    #[inline]
    pub(super) fn pop_due(&mut self, slots: &mut Slots, target: Instant) -> Option<(Key, u32)> {
        // Only what can be due by `target` needs the heap: the queue waits while all of it is
        // later (a timer reset on every message is then never heaped at all, Stop or not).
        if self.unheaped_min.is_some_and(|min| min <= target) {
            self.heap_queued(slots);
        }
        rekey_top(&mut self.heap, slots);
        rekey_top(&mut self.funcs, slots);
        self.heap.peek().filter(|(key, _)| key.when <= target)?;
        let (key, slot) = self.heap.pop().expect("the heap has a top");
        // The next firing reads the new top's entry first: start loading it while this one
        // fires (with millions of timers, each entry is a cache miss).
        if let Some((_, next)) = self.heap.peek() {
            slots.at(next).prefetch();
        }
        Some((key, slot))
    }

    /// The earliest armed AfterFunc's deadline, as settled by the last [`DeferredHeap::pop_due`].
    ///
    /// # Panics
    ///
    /// Before [`DeferredHeap::track_funcs`]: only a buffered ticker asks, and its creation
    /// starts the tracking.
    #[inline]
    pub(super) fn next_func_deadline(&self) -> Option<Instant> {
        assert!(self.tracks_funcs, "AfterFuncs are tracked from the first buffered ticker on");
        self.funcs.peek().map(|(key, _)| key.when)
    }

    /// Queues heaped through the sort buffer, rather than as they stood.
    #[cfg(test)]
    pub(super) fn sorted_queues(&self) -> usize {
        self.sorted_queues
    }

    /// Heaped timers that are in the 4-ary heap rather than its run.
    #[cfg(test)]
    pub(super) fn outside_the_run(&self) -> usize {
        self.heap.outside_the_run()
    }

    /// Moves the timers armed since the heap was last read into it, in key order: most arrive
    /// in it anyway (armed `d` from a clock that only moves forward), but a slot keeps its place
    /// in the queue when its timer is freed and the slot re-armed for a new one — and a loop
    /// that stops its timeout and creates the next (`context.WithTimeout` per message) reuses
    /// its slot every time. Out of order, the timers would go to the heap one by one; sorted,
    /// they join its run (`heap.rs`). Sorted as a whole: heaping an in-order prefix as it comes
    /// sends everything after it to the heap when the prefix starts with a slot re-armed late.
    /// A queue known to be in key order (no slot queued below the last, none re-armed while
    /// queued: `queue_unordered`) is heaped as it stands, with no sort buffer.
    fn heap_queued(&mut self, slots: &mut Slots) {
        self.unheaped_min = None;
        let unordered = std::mem::take(&mut self.queue_unordered);
        self.last_queued = None;
        if self.unheaped.is_empty() {
            return;
        }
        if !unordered {
            // A loop's fresh timers, armed `d` from a clock that only moves forward: heaped as
            // they were queued, which is key order.
            let mut queue = std::mem::take(&mut self.unheaped);
            for &slot in &queue {
                let e = slots.at_mut(slot);
                e.queued = false;
                let Some(when) = e.when else { continue }; // disarmed, or freed, while queued
                let is_func = e.kind == Some(TimerKind::AfterFunc);
                self.heap_one(slot, Key { when, seq: e.seq }, is_func);
            }
            queue.clear();
            if queue.capacity() <= QUEUE_KEPT {
                self.unheaped = queue;
            }
            return;
        }
        #[cfg(test)]
        {
            self.sorted_queues += 1;
        }
        let mut queue = std::mem::take(&mut self.unheaped);
        let mut batch = std::mem::take(&mut self.batch);
        let queued = queue.len();
        for (i, slot) in queue.drain(..).enumerate() {
            let e = slots.at_mut(slot);
            e.queued = false;
            let Some(when) = e.when else { continue }; // disarmed, or freed, while queued
            if batch.len() == batch.capacity() {
                batch.reserve(queued - i); // one allocation for the rest, not one per doubling
            }
            batch.push((Key { when, seq: e.seq }, slot, e.kind == Some(TimerKind::AfterFunc)));
        }
        if !batch.is_sorted_by_key(|&(key, ..)| key) {
            batch.sort_unstable_by_key(|&(key, ..)| key);
        }
        for &(key, slot, is_func) in &batch {
            self.heap_one(slot, key, is_func);
        }
        batch.clear();
        // A burst of arming (a million-timer setup) should not pin its queue's memory for good;
        // a loop's steady queue keeps its buffers.
        if queue.capacity() <= QUEUE_KEPT {
            self.unheaped = queue;
        }
        if batch.capacity() <= QUEUE_KEPT {
            self.batch = batch;
        }
    }
}

impl DeferredHeap {
    /// Heaps the queued timer in `slot` with `key` (in the AfterFuncs' heap too, when it is
    /// kept and the timer is one).
    #[inline]
    fn heap_one(&mut self, slot: u32, key: Key, is_func: bool) {
        // A queued timer is in neither heap: it was queued because it was not heaped, and only
        // this heaps the queue.
        self.heap.insert(slot, key);
        if self.tracks_funcs && is_func {
            self.funcs.insert(slot, key);
        }
    }
}

/// Re-keys the timers at the top of `heap` whose deadline was postponed, until the top's key is
/// its deadline.
fn rekey_top(heap: &mut TimerHeap, slots: &Slots) {
    while let Some((key, slot)) = heap.peek() {
        let when = slots.at(slot).when.expect("a heaped timer is armed");
        if when == key.when {
            break;
        }
        debug_assert!(key.when < when, "a heap key is never later than its deadline");
        heap.upsert(slot, Key { when, seq: key.seq });
    }
}
