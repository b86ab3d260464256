//! The runtime's state machine: one table of timer entries, the heap of armed deadlines, the
//! virtual clock's reading and the accounting — all behind one mutex in [`crate::Runtime`].
//!
//! Ground rules, which every method here keeps:
//!
//! 1. An entry is **armed** while `when` is `Some`. Armed ⇔ live ⇔ counted in the accounting.
//!    Every change of `when` between `None` and `Some` goes through [`State::arm`] or
//!    [`State::disarm`], which keep the heap and the accounting in step.
//! 2. An entry exists while the program holds a reference (`refs > 0`) **or** the Go runtime of
//!    the chosen semantics would keep the timer: async keeps every armed timer; sync keeps only
//!    armed AfterFuncs. [`State::release_if_unreachable`] is the one place that decides.
//! 3. The two semantics differ only where a line is marked `Semantics::Async` / `Semantics::Sync`:
//!    what firing does to a channel timer, what a receive takes, and what `len`/`cap` say.
//!    - Async: firing sends the current time into a one-value buffer (dropped when full). The send
//!      happens in a second critical section ([`State::deliver`]), as in Go ≤ 1.22 where
//!      `sendTime` runs after the timer left the heap; so a Stop between the two returns false and
//!      the value still lands (golang/go#69312's async half).
//!    - Sync: a channel timer has no buffer. It stays armed past its deadline and the value — the
//!      deadline itself — is produced when a receiver takes it; Stop/Reset simply disarm or re-arm,
//!      so no stale value can exist. The heap only tells when to wake receivers.
//! 4. No user code runs under the lock: AfterFunc bodies and wakers are handed back to the caller.
//! 5. The heap is brought up to date only when it is read ([`State::settle_heap`]). Arming a
//!    timer that is not in the heap queues it ([`State::unheaped`]); re-arming a heaped timer
//!    later than its heap key leaves the key early and stale, to be fixed if it reaches the top.
//!    So a timer stopped or dropped before time moves — `NewTimer`+`Stop`, a select's
//!    `time.After` that lost to a message in sync mode — never costs a heap operation, and a
//!    Reset that postpones a timeout costs none either. Go defers the same work: Go 1.23 heaps a
//!    channel timer only once a goroutine blocks on it, and marks a postponed timer modified
//!    instead of moving it (runtime/time.go, `timerModified`; Go 1.14–1.22 `timerModifiedLater`).
//!    Every heap key is at most its timer's deadline, so the settled top is the earliest deadline.
//!    Firing up to a time heaps the queue only if time has reached the earliest queued deadline
//!    ([`State::unheaped_min`]); until then the heap's settled top is all a firing needs.

use std::panic::Location;
use std::task::Waker;

use crate::accounting::{Accounting, SiteId};
use crate::heap::{Key, TimerHeap};
use crate::wakers::Wakers;
use crate::{CostModel, GoDuration, Instant, Semantics, SiteStats, Stats, TimerKind};

#[cfg(gotime_loom)] // Go 1.23.0's golang/go#69312, loom models only: state/go_1_23_0.rs
mod go_1_23_0;

/// An AfterFunc body. Shared so that a Reset can re-arm the timer while a previous run of `f` is
/// still going (Go allows the two to overlap).
pub(crate) type Func = std::sync::Arc<dyn Fn() + Send + Sync>;

/// A reference to an entry: its slot and the slot's generation when the entry was created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimerId {
    slot: u32,
    gen: u32,
}

/// One slot of the timer table, occupied while `kind` is `Some`. Kept to 48 bytes: in the seeds'
/// leak every retained timer is a slot, so its size is the simulator's own memory per timer
/// (`tests/memory_per_timer.rs`). What only some timers need lives in [`Extra`].
#[derive(Default)]
struct Entry {
    /// Bumped when the slot is freed, so a stale [`TimerId`] never matches a new timer.
    gen: u32,
    /// Program references: the handle and every clone of the channel.
    refs: u32,
    site: SiteId,
    kind: Option<TimerKind>,
    /// Creation order, the heap's tie-break.
    seq: u64,
    /// The slot is in [`State::unheaped`]. Survives the slot being freed, so that the queue never
    /// holds a slot twice.
    queued: bool,
    /// The armed deadline; `None` when stopped, fired (one-shot, async) or received (sync).
    when: Option<Instant>,
    /// Async mode's one-value channel buffer. Always `None` in sync mode.
    buffered: Option<Instant>,
    extra: Option<Box<Extra>>,
}

/// The parts of a timer only tickers, AfterFuncs and awaited channels have. Boxes of freed
/// entries are kept for the next timer that needs one ([`State::spare_extras`]): a select loop
/// awaits a new timer every iteration.
#[derive(Default)]
struct Extra {
    /// Tick interval; zero for one-shot timers.
    period: GoDuration,
    func: Option<Func>,
    /// Tasks waiting in `Chan::recv_async`.
    wakers: Wakers,
}

/// Freed [`Extra`] boxes kept for reuse, at most this many: enough for a burst of selects.
const SPARE_EXTRAS: usize = 64;

impl Entry {
    fn kind(&self) -> TimerKind {
        self.kind.expect("an occupied entry")
    }

    fn period(&self) -> GoDuration {
        self.extra.as_ref().map_or(GoDuration::ZERO, |extra| extra.period)
    }

    fn take_wakers(&mut self) -> Wakers {
        self.extra.as_mut().map(|extra| extra.wakers.take()).unwrap_or_default()
    }
}

/// What one step of the clock produced; the caller acts on it outside the lock.
pub(crate) enum Firing {
    /// An AfterFunc is due: run its body.
    Func(Func),
    /// Async mode: a channel timer fired; deliver `value` in a second critical section.
    Send { id: TimerId, value: Instant },
    /// Sync mode: a channel timer's value became ready; wake its receivers.
    Ready(Wakers),
}

/// What [`State::drop_ref`] let go of, dropped by whoever holds it once the lock is released: an
/// AfterFunc body may own timer handles, and dropping a handle takes the lock (so may a waker,
/// which can hold the last reference to a task).
pub(crate) struct Released {
    _func: Option<Func>,
    _wakers: Wakers,
}

pub(crate) struct State {
    semantics: Semantics,
    now: Instant,
    slots: Vec<Entry>,
    free: Vec<u32>,
    heap: TimerHeap,
    next_seq: u64,
    accounting: Accounting,
    /// Set when the earliest deadline moved earlier, so a clock driver must re-plan its sleep.
    earliest_moved: bool,
    /// Slots armed since the heap was last read and not in it yet (ground rule 5). Each slot at
    /// most once; a queued slot that was disarmed or freed meanwhile is skipped.
    unheaped: Vec<u32>,
    /// At most the deadline of every queued timer (`None`: the queue is empty). Firing needs the
    /// queue heaped only once time reaches it.
    unheaped_min: Option<Instant>,
    /// Emptied [`Extra`] boxes of freed entries, at most [`SPARE_EXTRAS`].
    #[allow(clippy::vec_box)] // the boxes themselves are the point: reused without allocating
    spare_extras: Vec<Box<Extra>>,
    /// The armed AfterFuncs again, by deadline: the only user code that can run during an
    /// advance, and so the horizon up to which an async ticker's dropped ticks can be skipped.
    funcs: TimerHeap,
    #[cfg(gotime_loom)] // Go 1.23.0's golang/go#69312, loom models only: state/go_1_23_0.rs
    go_1_23_0: Option<go_1_23_0::InFlight>,
}

impl State {
    pub(crate) fn new(semantics: Semantics, costs: CostModel) -> State {
        State {
            semantics,
            now: Instant::ZERO,
            slots: Vec::new(),
            free: Vec::new(),
            heap: TimerHeap::default(),
            next_seq: 0,
            accounting: Accounting::new(costs),
            earliest_moved: false,
            unheaped: Vec::new(),
            unheaped_min: None,
            spare_extras: Vec::new(),
            funcs: TimerHeap::default(),
            #[cfg(gotime_loom)] // Go 1.23.0's golang/go#69312, loom models only: state/go_1_23_0.rs
            go_1_23_0: None,
        }
    }

    pub(crate) fn now(&self) -> Instant {
        self.now
    }

    pub(crate) fn stats(&self) -> Stats {
        self.accounting.stats()
    }

    pub(crate) fn sites(&self) -> Vec<SiteStats> {
        self.accounting.sites()
    }

    /// The earliest armed deadline still in the heap.
    pub(crate) fn next_deadline(&mut self) -> Option<Instant> {
        self.settle_heap();
        self.heap.peek().map(|(key, _)| key.when)
    }

    /// Brings the heap up to date before it is read (ground rule 5): heaps the queued timers,
    /// then re-keys postponed timers until the top's key is its deadline.
    fn settle_heap(&mut self) {
        self.heap_queued();
        rekey_top(&mut self.heap, &self.slots);
        rekey_top(&mut self.funcs, &self.slots);
    }

    /// Moves the timers armed since the heap was last read into it.
    fn heap_queued(&mut self) {
        self.unheaped_min = None;
        if self.unheaped.is_empty() {
            return;
        }
        for slot in self.unheaped.drain(..) {
            let e = &mut self.slots[slot as usize];
            e.queued = false;
            let Some(when) = e.when else { continue }; // disarmed, or freed, while queued
            let key = Key { when, seq: e.seq };
            self.heap.upsert(slot, key);
            if e.kind == Some(TimerKind::AfterFunc) {
                self.funcs.upsert(slot, key);
            }
        }
        // A burst of arming (a million-timer setup) should not pin its queue's memory for good.
        if self.unheaped.capacity() > 4096 {
            self.unheaped = Vec::new();
        }
    }

    pub(crate) fn take_earliest_moved(&mut self) -> bool {
        std::mem::take(&mut self.earliest_moved)
    }

    fn entry(&self, id: TimerId) -> &Entry {
        let e = &self.slots[id.slot as usize];
        assert!(e.gen == id.gen && e.kind.is_some(), "a handle outlived its entry");
        e
    }

    fn entry_mut(&mut self, id: TimerId) -> &mut Entry {
        let e = &mut self.slots[id.slot as usize];
        assert!(e.gen == id.gen && e.kind.is_some(), "a handle outlived its entry");
        e
    }

    /// Creates an armed timer with one program reference, due `d` from now.
    pub(crate) fn create(
        &mut self,
        kind: TimerKind,
        d: GoDuration,
        period: GoDuration,
        site: &'static Location<'static>,
        func: Option<Func>,
    ) -> TimerId {
        let site = self.accounting.created(site, kind);
        let seq = self.next_seq;
        self.next_seq += 1;
        let slot = self.free.pop().unwrap_or_else(|| {
            self.slots.push(Entry::default());
            (self.slots.len() - 1) as u32
        });
        let extra = (period.is_positive() || func.is_some()).then(|| self.new_extra(period, func));
        let e = &mut self.slots[slot as usize];
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
        let gen = e.gen;
        let id = TimerId { slot, gen };
        self.arm(id, self.now.deadline_after(d));
        id
    }

    /// An [`Extra`], from the spare boxes when there is one.
    fn new_extra(&mut self, period: GoDuration, func: Option<Func>) -> Box<Extra> {
        let mut extra = self.spare_extras.pop().unwrap_or_default();
        extra.period = period;
        extra.func = func;
        extra
    }

    /// The entry's [`Extra`], created on first use.
    fn extra_mut(&mut self, id: TimerId) -> &mut Extra {
        if self.entry(id).extra.is_none() {
            let extra = self.new_extra(GoDuration::ZERO, None);
            self.entry_mut(id).extra = Some(extra);
        }
        self.entry_mut(id).extra.as_mut().expect("just created")
    }

    fn arm(&mut self, id: TimerId, when: Instant) {
        let e = self.entry_mut(id);
        let was_armed = e.when.replace(when).is_some();
        let (kind, site, seq, queued) = (e.kind(), e.site, e.seq, e.queued);
        if !was_armed {
            self.accounting.armed(site, kind);
        }
        let key = Key { when, seq };
        if let Some(heaped) = self.heap.key(id.slot) {
            // Postponed: the early key stays until it reaches the top (`settle_heap`).
            if key < heaped {
                self.heap.upsert(id.slot, key);
                if kind == TimerKind::AfterFunc {
                    self.funcs.upsert(id.slot, key);
                }
                if self.heap.peek().is_some_and(|(_, slot)| slot == id.slot) {
                    self.earliest_moved = true;
                }
            }
            return;
        }
        if !queued {
            self.slots[id.slot as usize].queued = true;
            self.unheaped.push(id.slot);
        }
        // Also when already queued: a queued timer re-armed earlier lowers the bound.
        self.unheaped_min = Some(self.unheaped_min.map_or(when, |min| min.min(when)));
        // Earlier than everything heaped may mean earlier than everything: a driver re-plans.
        if self.heap.peek().map_or(true, |(earliest, _)| key < earliest) {
            self.earliest_moved = true;
        }
    }

    fn disarm(&mut self, id: TimerId) {
        let e = self.entry_mut(id);
        if e.when.take().is_some() {
            let (kind, site) = (e.kind(), e.site);
            self.accounting.disarmed(site, kind);
            self.heap.remove(id.slot);
            self.funcs.remove(id.slot);
        }
    }

    /// Go's `Timer.Stop` / `Ticker.Stop`: true when the call stopped an armed timer.
    pub(crate) fn stop(&mut self, id: TimerId) -> bool {
        let was_armed = self.entry(id).when.is_some();
        self.disarm(id);
        #[cfg(gotime_loom)] // Go 1.23.0's golang/go#69312, loom models only: state/go_1_23_0.rs
        let was_armed = self.go_1_23_0_void_and_drain(id, was_armed);
        // Semantics::Async: a value already in the buffer stays there (the stale value).
        // Semantics::Sync: there is no buffer; the ready value died with `when`.
        was_armed
    }

    /// Go's `Timer.Reset` / `Ticker.Reset`: re-arms `d` from now; true when the timer was armed.
    /// `period` replaces a ticker's interval.
    pub(crate) fn reset(&mut self, id: TimerId, d: GoDuration, period: Option<GoDuration>) -> bool {
        let was_armed = self.entry(id).when.is_some();
        #[cfg(gotime_loom)] // Go 1.23.0's golang/go#69312, loom models only: state/go_1_23_0.rs
        let was_armed = self.go_1_23_0_void_and_drain(id, was_armed);
        if let Some(period) = period {
            self.extra_mut(id).period = period;
        }
        // Semantics::Async: a buffered value survives the Reset (golang/go#11513's stale value).
        // Semantics::Sync: the old deadline's unreceived value is gone with the old deadline.
        self.arm(id, self.now.deadline_after(d));
        was_armed
    }

    /// A non-blocking receive from the timer's channel.
    pub(crate) fn try_recv(&mut self, id: TimerId) -> Option<Instant> {
        #[cfg(gotime_loom)] // Go 1.23.0's golang/go#69312, loom models only: state/go_1_23_0.rs
        if let Some(value) = self.go_1_23_0_take(id) {
            return Some(value);
        }
        match self.semantics {
            Semantics::Async => self.entry_mut(id).buffered.take(),
            Semantics::Sync => {
                let e = self.entry(id);
                let when = e.when.filter(|&when| when <= self.now)?;
                if e.period().is_positive() {
                    let next = next_tick(when, e.period(), self.now);
                    self.arm(id, next);
                } else {
                    self.disarm(id);
                }
                Some(when)
            }
        }
    }

    /// Go's `len(t.C)`.
    pub(crate) fn len(&self, id: TimerId) -> usize {
        match self.semantics {
            Semantics::Async => usize::from(self.entry(id).buffered.is_some()),
            Semantics::Sync => 0,
        }
    }

    /// Go's `cap(t.C)` for a timer channel.
    pub(crate) fn cap(&self) -> usize {
        match self.semantics {
            Semantics::Async => 1,
            Semantics::Sync => 0,
        }
    }

    /// The deadline a receive on this timer's channel can still expect, if any.
    pub(crate) fn pending_deadline(&self, id: TimerId) -> Option<Instant> {
        self.entry(id).when
    }

    pub(crate) fn add_ref(&mut self, id: TimerId) {
        self.entry_mut(id).refs += 1;
    }

    /// Drops one program reference; frees the entry when nothing keeps it. The freed entry is
    /// handed back so that the caller drops it after releasing the lock (ground rule 4): an
    /// AfterFunc body may own timer handles, and dropping a handle takes the lock.
    pub(crate) fn drop_ref(&mut self, id: TimerId) -> Released {
        let e = self.entry_mut(id);
        e.refs -= 1;
        // Nobody is left to receive: the waiting tasks' wakers go now, not at the firing.
        let wakers = if e.refs == 0 { e.take_wakers() } else { Wakers::default() };
        Released { _func: self.release_if_unreachable(id), _wakers: wakers }
    }

    /// Frees the entry when the program holds no reference and the Go runtime would not keep it,
    /// and returns its AfterFunc body: dropping that may run user code (the body's captures).
    fn release_if_unreachable(&mut self, id: TimerId) -> Option<Func> {
        let e = self.entry(id);
        if e.refs > 0 {
            return None;
        }
        let kept_by_runtime = e.when.is_some()
            && match self.semantics {
                // Semantics::Async: the heap holds every armed timer, even unreferenced ones —
                // the leak of `time.After` in a loop (golang/go#8898) and of `time.Tick` (#17757).
                Semantics::Async => true,
                // Semantics::Sync: an unreferenced channel timer is garbage (Go 1.23); only an
                // AfterFunc's pending `f` is still held by the runtime.
                Semantics::Sync => !e.kind().has_channel(),
            };
        if kept_by_runtime {
            return None;
        }
        self.disarm(id);
        let e = &mut self.slots[id.slot as usize];
        let extra = e.extra.take();
        *e = Entry { gen: e.gen.wrapping_add(1), queued: e.queued, ..Entry::default() };
        self.free.push(id.slot);
        let mut extra = extra?;
        let func = extra.func.take();
        // Nobody can be waiting: the wakers went with the last reference (`drop_ref`).
        debug_assert!(extra.wakers.is_empty(), "a freed timer has no waiting task");
        if self.spare_extras.len() < SPARE_EXTRAS {
            extra.period = GoDuration::ZERO;
            self.spare_extras.push(extra);
        }
        func
    }

    /// Takes the next timer due at or before `target` off the heap, moves the clock to its
    /// deadline and fires it. `None` when nothing is due.
    pub(crate) fn fire_next(&mut self, target: Instant) -> Option<Firing> {
        // The clock never goes back: a target in the past (a negative advance) is a check at now.
        let target = target.max(self.now);
        // Only what can be due by `target` needs the heap: the queue waits while all of it is
        // later (a timer reset on every message is then never heaped at all, Stop or not).
        if self.unheaped_min.is_some_and(|min| min <= target) {
            self.heap_queued();
        }
        rekey_top(&mut self.heap, &self.slots);
        rekey_top(&mut self.funcs, &self.slots);
        let (key, slot) = self.heap.peek().filter(|(key, _)| key.when <= target)?;
        self.now = self.now.max(key.when);
        self.heap.remove(slot);
        self.accounting.fired(1);
        let id = TimerId { slot, gen: self.slots[slot as usize].gen };
        let e = self.entry(id);
        if !e.kind().has_channel() {
            let func =
                e.extra.as_ref().and_then(|extra| extra.func.clone()).expect("an AfterFunc has a body");
            self.disarm(id);
            // Safe to drop under the lock: `func` still shares the body, so no capture drops here.
            drop(self.release_if_unreachable(id));
            return Some(Firing::Func(func));
        }
        let periodic = e.period().is_positive();
        match self.semantics {
            Semantics::Async => {
                let value = self.now;
                if periodic {
                    let next = self.next_async_tick(id, key.when, target);
                    self.arm(id, next);
                } else {
                    self.disarm(id);
                    drop(self.release_if_unreachable(id)); // a channel timer owns no user code
                }
                Some(Firing::Send { id, value })
            }
            Semantics::Sync => {
                #[cfg(gotime_loom)] // Go 1.23.0's golang/go#69312, loom models only: state/go_1_23_0.rs
                if let Some(firing) = self.go_1_23_0_fire(id, key.when) {
                    return Some(firing);
                }
                // Still armed, now out of the heap: the value is produced by the receive.
                Some(Firing::Ready(self.entry_mut(id).take_wakers()))
            }
        }
    }

    /// The next deadline of an async ticker that just fired at `fired_at`. When its buffer is
    /// already full, every tick before the next AfterFunc (the only code that could receive
    /// during this advance) and before `target` would be dropped unseen, so they are skipped in
    /// one step: a 1 ns ticker — or several tickers — do not cost a loop iteration per tick of a
    /// long advance.
    fn next_async_tick(&mut self, id: TimerId, fired_at: Instant, target: Instant) -> Instant {
        let e = self.entry(id);
        let (period, buffer_full) = (e.period(), e.buffered.is_some());
        let next = next_tick(fired_at, period, self.now);
        if !buffer_full {
            return next;
        }
        let other = self.funcs.peek().map_or(Instant::MAX, |(key, _)| key.when);
        let horizon = other.min(target.saturating_add(GoDuration::NANOSECOND));
        if next >= horizon {
            return next;
        }
        let behind = horizon.as_nanos() - fired_at.as_nanos();
        let ticks = (behind + period.as_nanos() - 1) / period.as_nanos();
        self.accounting.fired((ticks - 1) as u64);
        grid_point(fired_at, period, ticks)
    }

    /// Async mode's second half of a firing: the non-blocking send into the buffer. A value that
    /// finds the buffer full is dropped, as Go's `sendTime` does.
    pub(crate) fn deliver(&mut self, id: TimerId, value: Instant) -> Wakers {
        #[cfg(gotime_loom)] // Go 1.23.0's golang/go#69312, loom models only: state/go_1_23_0.rs
        if self.go_1_23_0_voided(id) {
            return Wakers::default();
        }
        let e = &mut self.slots[id.slot as usize];
        if e.gen != id.gen || e.kind.is_none() {
            return Wakers::default(); // freed in between: nobody can receive it
        }
        if e.buffered.is_some() {
            return Wakers::default();
        }
        e.buffered = Some(value);
        e.take_wakers()
    }

    /// Moves the clock to `target` when nothing is due before it.
    pub(crate) fn settle(&mut self, target: Instant) {
        self.now = self.now.max(target);
    }

    /// Registers a task to wake when this timer's channel may have a value.
    pub(crate) fn register_waker(&mut self, id: TimerId, waker: &Waker) {
        self.extra_mut(id).wakers.register(waker);
    }
}

/// Re-keys the timers at the top of `heap` whose deadline was postponed, until the top's key is
/// its deadline (ground rule 5).
fn rekey_top(heap: &mut TimerHeap, slots: &[Entry]) {
    while let Some((key, slot)) = heap.peek() {
        let when = slots[slot as usize].when.expect("a heaped timer is armed");
        if when == key.when {
            break;
        }
        debug_assert!(key.when < when, "a heap key is never later than its deadline");
        heap.upsert(slot, Key { when, seq: key.seq });
    }
}

/// The first grid point `fired_at + k·period` strictly after `now` (Go drops missed ticks).
fn next_tick(fired_at: Instant, period: GoDuration, now: Instant) -> Instant {
    let behind = now.as_nanos() - fired_at.as_nanos();
    grid_point(fired_at, period, 1 + behind / period.as_nanos())
}

fn grid_point(origin: Instant, period: GoDuration, k: i64) -> Instant {
    origin.deadline_after(period.saturating_mul(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timer_table_slot_is_48_bytes() {
        // The simulator's memory per retained timer; see `Entry`'s docs before growing it.
        assert_eq!(std::mem::size_of::<super::Entry>(), 48);
    }

    /// Between the two critical sections of an async firing another thread may run; if the fired
    /// timer was freed and its slot reused, the send must not land in the new timer.
    #[test]
    fn an_async_send_for_a_freed_timer_never_reaches_the_timer_reusing_its_slot() {
        let here = Location::caller();
        let mut st = State::new(Semantics::Async, CostModel::GO_1_23);
        let dropped = st.create(TimerKind::After, GoDuration::SECOND, GoDuration::ZERO, here, None);
        drop(st.drop_ref(dropped)); // unreferenced; async mode keeps it armed
        let Some(Firing::Send { id, value }) = st.fire_next(Instant::from_start(GoDuration::SECOND)) else {
            panic!("an async channel timer fires with a send");
        };
        // The other thread: a new timer, in the slot the firing just freed.
        let reuser = st.create(TimerKind::Timer, GoDuration::HOUR, GoDuration::ZERO, here, None);
        assert_eq!(reuser.slot, id.slot, "the freed slot is reused");
        assert!(st.deliver(id, value).is_empty(), "nobody to wake");
        assert_eq!(st.try_recv(reuser), None, "the stale send was dropped");
    }
}
