//! The timer table: one 48-byte [`Entry`] per slot, slots reused through a free list, and a
//! generation per slot so that a stale [`TimerId`] never matches the timer reusing its slot. What
//! only some timers need lives in an [`Extra`] box; the boxes of freed entries are kept for the
//! next timer that needs one.

use crate::accounting::SiteId;
use crate::wakers::Wakers;
use crate::{GoDuration, Instant, TimerKind};

/// An AfterFunc body, shared once it runs: a Reset can re-arm the timer while a previous run of
/// `f` is still going (Go allows the two to overlap).
pub(crate) type Func = std::sync::Arc<dyn crate::AfterFuncBody>;

/// An AfterFunc body as the program handed it over.
pub(crate) type Body = Box<dyn crate::AfterFuncBody>;

/// Where a timer keeps its AfterFunc body: boxed as given until its first run, then shared. A
/// body without captures — Go's `AfterFunc(d, f)` with a plain function — is then no allocation
/// at all, and most AfterFuncs (timeouts) are stopped before they ever run.
pub(crate) enum FuncCell {
    Owned(Body),
    Shared(Func),
}

impl FuncCell {
    /// The body, shared with the cell: the first call moves it from its box into an `Arc`.
    pub(super) fn share(&mut self) -> Func {
        let func = match self {
            FuncCell::Shared(func) => return std::sync::Arc::clone(func),
            // The placeholder has no captures, so replacing the body allocates nothing.
            FuncCell::Owned(body) => Func::from(std::mem::replace(body, Box::new(|| {}))),
        };
        *self = FuncCell::Shared(std::sync::Arc::clone(&func));
        func
    }
}

/// A reference to an entry: its slot and the slot's generation when the entry was created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimerId {
    pub(super) slot: u32,
    pub(super) gen: u32,
}

/// One slot of the timer table, occupied while `kind` is `Some`. Kept to 48 bytes: in the seeds'
/// leak every retained timer is a slot, so its size is the simulator's own memory per timer
/// (`tests/memory_per_timer.rs`). What only some timers need lives in [`Extra`].
#[derive(Default)]
pub(super) struct Entry {
    /// Bumped when the slot is freed, so a stale [`TimerId`] never matches a new timer.
    gen: u32,
    /// Program references: the handle and every clone of the channel.
    pub(super) refs: u32,
    pub(super) site: SiteId,
    pub(super) kind: Option<TimerKind>,
    /// Creation order, the heap's tie-break.
    pub(super) seq: u64,
    /// The slot is in the deferred heap's queue (`deferred.rs`). Survives the slot being freed,
    /// so that the queue never holds a slot twice.
    pub(super) queued: bool,
    /// The armed deadline; `None` when stopped, fired (one-shot, async) or received (sync).
    pub(super) when: Option<Instant>,
    /// Async mode's one-value channel buffer. Always `None` in sync mode.
    pub(super) buffered: Option<Instant>,
    pub(super) extra: Option<Box<Extra>>,
}

/// The parts of a timer only tickers, AfterFuncs and awaited channels have. Boxes of freed
/// entries are kept for the next timer that needs one ([`SpareExtras`]): a select loop
/// awaits a new timer every iteration.
#[derive(Default)]
pub(super) struct Extra {
    /// Tick interval; zero for one-shot timers.
    pub(super) period: GoDuration,
    pub(super) func: Option<FuncCell>,
    /// Tasks waiting in `Chan::recv_async`.
    pub(super) wakers: Wakers,
}

/// Freed [`Extra`] boxes kept for reuse, at most this many: enough for a burst of selects.
const SPARE_EXTRAS: usize = 64;

impl Entry {
    /// Prefetches the entry: both of its cache lines when it straddles two (48-byte entries
    /// start at 0, 16, 32 or 48 bytes into a 64-byte line), whatever order its fields are in.
    #[inline]
    pub(super) fn prefetch(&self) {
        crate::prefetch::prefetch(self);
        crate::prefetch::prefetch(&self.extra);
        crate::prefetch::prefetch(&self.when);
        crate::prefetch::prefetch(&self.kind);
    }

    /// Prefetches the entry's [`Extra`], if it has one: a load of the entry (keep it for entries
    /// already in the cache), then prefetches of the box's lines.
    #[inline]
    pub(super) fn prefetch_extra(&self) {
        if let Some(extra) = &self.extra {
            crate::prefetch::prefetch(&extra.period);
            crate::prefetch::prefetch(&extra.func);
            crate::prefetch::prefetch(&extra.wakers);
        }
    }

    #[inline]
    pub(super) fn kind(&self) -> TimerKind {
        self.kind.expect("an occupied entry")
    }

    #[inline]
    pub(super) fn period(&self) -> GoDuration {
        self.extra.as_ref().map_or(GoDuration::ZERO, |extra| extra.period)
    }

    #[inline]
    pub(super) fn take_wakers(&mut self) -> Wakers {
        self.extra.as_mut().map(|extra| extra.wakers.take()).unwrap_or_default()
    }
}

/// The table: entries by slot, the free slots, the next creation sequence number and the spare
/// [`Extra`] boxes.
#[derive(Default)]
pub(super) struct Slots {
    entries: Vec<Entry>,
    /// Freed slots, reused last-freed first.
    free: Vec<u32>,
    next_seq: u64,
    spare_extras: SpareExtras,
}

impl Slots {
    /// The entry `id` refers to, which must be occupied: every id passed here comes from a
    /// handle, which holds a reference, or from the heap, which holds only armed timers. Checked
    /// in debug builds (every test); in release builds the check was a tenth of an operation.
    #[inline]
    pub(super) fn get(&self, id: TimerId) -> &Entry {
        let e = &self.entries[id.slot as usize];
        debug_assert!(e.gen == id.gen && e.kind.is_some(), "a handle outlived its entry");
        e
    }

    /// [`Slots::get`], mutably.
    #[inline]
    pub(super) fn get_mut(&mut self, id: TimerId) -> &mut Entry {
        occupied_mut(&mut self.entries, id)
    }

    /// The entry `id` refers to, unless it was freed in the meantime.
    #[inline]
    pub(super) fn get_live_mut(&mut self, id: TimerId) -> Option<&mut Entry> {
        let e = &mut self.entries[id.slot as usize];
        (e.gen == id.gen && e.kind.is_some()).then_some(e)
    }

    /// The entry in `slot`, occupied or not.
    #[inline]
    pub(super) fn at(&self, slot: u32) -> &Entry {
        &self.entries[slot as usize]
    }

    /// [`Slots::at`], mutably.
    #[inline]
    pub(super) fn at_mut(&mut self, slot: u32) -> &mut Entry {
        &mut self.entries[slot as usize]
    }

    /// The id of the entry now in `slot`.
    #[inline]
    pub(super) fn id_at(&self, slot: u32) -> TimerId {
        TimerId { slot, gen: self.entries[slot as usize].gen }
    }

    /// Occupies a free slot (or a new one) with a timer holding one program reference, not armed
    /// yet. Its creation order is the next sequence number.
    #[inline]
    pub(super) fn insert(
        &mut self,
        kind: TimerKind,
        site: SiteId,
        period: GoDuration,
        func: Option<FuncCell>,
    ) -> TimerId {
        let seq = self.next_seq;
        self.next_seq += 1;
        let slot = self.free.pop().unwrap_or_else(|| {
            self.entries.push(Entry::default());
            (self.entries.len() - 1) as u32
        });
        // The next insert's slot: freed a while ago (a firing, a stop), its entry long out of
        // the caches when millions of timers are live; start loading it now.
        if let Some(&next) = self.free.last() {
            self.entries[next as usize].prefetch();
        }
        let extra = (period.is_positive() || func.is_some()).then(|| self.spare_extras.take(period, func));
        let e = &mut self.entries[slot as usize];
        *e = Entry {
            gen: e.gen,
            refs: 1,
            site,
            kind: Some(kind),
            seq,
            queued: e.queued,
            when: None,
            buffered: None,
            extra,
        };
        TimerId { slot, gen: e.gen }
    }

    /// Frees a disarmed entry's slot for the next timer and returns its AfterFunc body: dropping
    /// that may run user code (the body's captures), so the caller decides when.
    #[inline]
    pub(super) fn remove(&mut self, id: TimerId) -> Option<FuncCell> {
        let e = &mut self.entries[id.slot as usize];
        debug_assert!(e.when.is_none(), "a freed timer is disarmed");
        let extra = e.extra.take();
        *e = Entry { gen: e.gen.wrapping_add(1), queued: e.queued, ..Entry::default() };
        self.free.push(id.slot);
        let mut extra = extra?;
        let func = extra.func.take();
        // Nobody can be waiting: the wakers went with the last reference (`State::drop_ref`).
        debug_assert!(extra.wakers.is_empty(), "a freed timer has no waiting task");
        self.spare_extras.keep(extra);
        func
    }

    /// Called when the program dropped its last reference to the entry: nobody can wait on its
    /// channel any more, so its waiting tasks' wakers are handed back, and an [`Extra`] that held
    /// only them goes back to the spare boxes now rather than when the entry is freed. (In async
    /// semantics a dropped timer stays until it fires: the seed-2 loop's timeouts would otherwise
    /// each keep a box, and each iteration allocate a new one.)
    #[inline]
    pub(super) fn unreferenced(&mut self, id: TimerId) -> Wakers {
        let e = occupied_mut(&mut self.entries, id);
        let Some(extra) = e.extra.as_mut() else { return Wakers::default() };
        let wakers = extra.wakers.take();
        if extra.func.is_none() && !extra.period.is_positive() {
            let extra = e.extra.take().expect("checked above");
            self.spare_extras.keep(extra);
        }
        wakers
    }

    /// The entry's [`Extra`], created on first use.
    pub(super) fn extra_mut(&mut self, id: TimerId) -> &mut Extra {
        let e = occupied_mut(&mut self.entries, id);
        e.extra.get_or_insert_with(|| self.spare_extras.take(GoDuration::ZERO, None))
    }
}

/// [`Slots::get_mut`] on the table alone, so that the spare boxes can be borrowed alongside.
#[inline]
fn occupied_mut(entries: &mut [Entry], id: TimerId) -> &mut Entry {
    let e = &mut entries[id.slot as usize];
    debug_assert!(e.gen == id.gen && e.kind.is_some(), "a handle outlived its entry");
    e
}

/// Emptied [`Extra`] boxes of freed entries, at most [`SPARE_EXTRAS`].
#[derive(Default)]
struct SpareExtras(
    #[allow(clippy::vec_box)] // the boxes themselves are the point: reused without allocating
    Vec<Box<Extra>>,
);

impl SpareExtras {
    /// An [`Extra`], from the spare boxes when there is one.
    fn take(&mut self, period: GoDuration, func: Option<FuncCell>) -> Box<Extra> {
        let mut extra = self.0.pop().unwrap_or_default();
        extra.period = period;
        extra.func = func;
        extra
    }

    /// Keeps an emptied box, unless enough are kept already.
    #[inline]
    fn keep(&mut self, mut extra: Box<Extra>) {
        if self.0.len() < SPARE_EXTRAS {
            extra.period = GoDuration::ZERO;
            self.0.push(extra);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_waker() -> std::task::Waker {
        struct Nothing;
        impl std::task::Wake for Nothing {
            fn wake(self: std::sync::Arc<Self>) {}
        }
        std::task::Waker::from(std::sync::Arc::new(Nothing))
    }

    #[test]
    fn an_unreferenced_timer_hands_back_its_wakers_and_a_box_that_held_only_them() {
        let mut slots = Slots::default();
        let awaited = slots.insert(TimerKind::After, 0, GoDuration::ZERO, None);
        slots.extra_mut(awaited).wakers.register(&no_waker());
        let ticker = slots.insert(TimerKind::Tick, 0, GoDuration::SECOND, None);
        slots.extra_mut(ticker).wakers.register(&no_waker());
        let func =
            slots.insert(TimerKind::AfterFunc, 0, GoDuration::ZERO, Some(FuncCell::Owned(Box::new(|| {}))));

        assert!(!slots.unreferenced(awaited).is_empty(), "the waiting task's waker");
        assert!(slots.get(awaited).extra.is_none(), "nobody can wait on it any more");
        assert_eq!(slots.spare_extras.0.len(), 1, "its box is spare for the next select");

        assert!(!slots.unreferenced(ticker).is_empty());
        assert_eq!(slots.get(ticker).period(), GoDuration::SECOND, "a dropped ticker still ticks");
        assert!(slots.unreferenced(func).is_empty());
        assert!(slots.get(func).extra.as_ref().is_some_and(|extra| extra.func.is_some()), "f still runs");
        assert_eq!(slots.spare_extras.0.len(), 1);
    }

    #[test]
    fn a_body_is_shared_from_its_first_run_on_and_stays_the_same_body() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let runs = std::sync::Arc::new(AtomicUsize::new(0));
        let counted = std::sync::Arc::clone(&runs);
        let mut cell = FuncCell::Owned(Box::new(move || {
            counted.fetch_add(1, Ordering::SeqCst);
        }));
        let first = cell.share();
        let second = cell.share();
        assert!(std::sync::Arc::ptr_eq(&first, &second), "one body, shared");
        first.run();
        second.run();
        assert_eq!(runs.load(Ordering::SeqCst), 2, "the program's body, not the placeholder");
    }

    #[test]
    fn a_timer_table_slot_is_48_bytes() {
        // The simulator's memory per retained timer; see `Entry`'s docs before growing it.
        assert_eq!(std::mem::size_of::<Entry>(), 48);
    }
}
