//! The timer table: one 48-byte [`Entry`] per slot, slots reused through a free list, and a
//! generation per slot so that a stale [`TimerId`] never matches the timer reusing its slot. What
//! only some timers need lives in an [`Extra`] box; the boxes of freed entries are kept for the
//! next timer that needs one.

use crate::accounting::SiteId;
use crate::wakers::Wakers;
use crate::{GoDuration, Instant, TimerKind};

/// An AfterFunc body. Shared so that a Reset can re-arm the timer while a previous run of `f` is
/// still going (Go allows the two to overlap).
pub(crate) type Func = std::sync::Arc<dyn Fn() + Send + Sync>;

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
    pub(super) func: Option<Func>,
    /// Tasks waiting in `Chan::recv_async`.
    pub(super) wakers: Wakers,
}

/// Freed [`Extra`] boxes kept for reuse, at most this many: enough for a burst of selects.
const SPARE_EXTRAS: usize = 64;

impl Entry {
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
    /// The entry `id` refers to.
    ///
    /// # Panics
    ///
    /// When the entry was freed: a handle never outlives its entry.
    #[inline]
    pub(super) fn get(&self, id: TimerId) -> &Entry {
        let e = &self.entries[id.slot as usize];
        assert!(e.gen == id.gen && e.kind.is_some(), "a handle outlived its entry");
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
        func: Option<Func>,
    ) -> TimerId {
        let seq = self.next_seq;
        self.next_seq += 1;
        let slot = self.free.pop().unwrap_or_else(|| {
            self.entries.push(Entry::default());
            (self.entries.len() - 1) as u32
        });
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
    pub(super) fn remove(&mut self, id: TimerId) -> Option<Func> {
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
    assert!(e.gen == id.gen && e.kind.is_some(), "a handle outlived its entry");
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
    fn take(&mut self, period: GoDuration, func: Option<Func>) -> Box<Extra> {
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

    #[test]
    fn a_timer_table_slot_is_48_bytes() {
        // The simulator's memory per retained timer; see `Entry`'s docs before growing it.
        assert_eq!(std::mem::size_of::<Entry>(), 48);
    }
}
