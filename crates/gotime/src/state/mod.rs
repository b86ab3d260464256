//! The runtime's state machine: the timer table, the heap of armed deadlines, the virtual
//! clock's reading and the accounting — all behind one lock in [`crate::Runtime`] — and the Go
//! operations every timer call goes through.
//!
//! | file | concept |
//! |---|---|
//! | `mod.rs` | [`State`] and the operations that are the same in every semantics |
//! | `slots.rs` | the timer table: 48-byte entries, generations, free list, [`Extra`](slots::Extra) boxes |
//! | `deferred.rs` | the deferred heap: the queue of unheaped timers, settling, re-keying (rule 5) |
//! | `semantics.rs` | what firing, receive, `len`/`cap` and retention do per semantics (rules 2, 3) |
//! | `go_1_23_0.rs` | Go 1.23.0–1.23.1's Stop race (golang/go#69312), on when a runtime is built for them |
//! | `held.rs` | firings a caller started (`Runtime::begin_firing`) and has not finished |
//!
//! Ground rules, which every method here keeps:
//!
//! 1. An entry is **armed** while `when` is `Some`. Armed ⇔ live ⇔ counted in the accounting.
//!    Every change of `when` between `None` and `Some` goes through [`State::arm`] or
//!    [`State::disarm`], which keep the heap and the accounting in step.
//! 2. An entry exists while the program holds a reference (`refs > 0`) **or** the Go runtime of
//!    the chosen semantics would keep the timer: async keeps every armed timer; async-collected
//!    and sync keep only armed AfterFuncs. [`State::release_if_unreachable`] (`semantics.rs`) is
//!    the one place that decides.
//! 3. The semantics differ only in `semantics.rs`, where each branch is a match on
//!    [`Semantics`]: what firing does to a channel timer, what a receive takes, what `len`/`cap`
//!    say, retention (rule 2), and async-collected's firing of a timer armed already due — and in
//!    `go_1_23_0.rs`, on only for Go 1.23.0–1.23.1 in sync semantics. Stop and Reset are the same
//!    code in all; comments marked with the semantics say what each leaves behind.
//!    - Async and async-collected: firing sends the deadline into a one-value buffer (dropped
//!      when full). The send happens in a second critical section ([`State::deliver`]), as in
//!      Go ≤ 1.22 where `sendTime` runs after the timer left the heap; so a Stop between the two
//!      returns false and the value still lands (golang/go#69312's async half).
//!    - Sync: a channel timer has no buffer. It stays armed past its deadline and the value — the
//!      deadline itself — is produced when a receiver takes it; Stop/Reset simply disarm or re-arm,
//!      so no stale value can exist. The heap only tells when to wake receivers.
//! 4. No user code runs under the lock: AfterFunc bodies and wakers are handed back to the caller.
//! 5. The heap is brought up to date only when it is read ([`DeferredHeap`], `deferred.rs`, whose
//!    docs say how and why): a timer stopped, dropped or postponed before time moves never costs a
//!    heap operation. Every heap key is at most its timer's deadline, so the settled top is the
//!    earliest deadline.

use std::panic::Location;
use std::task::Waker;

use crate::accounting::Accounting;
use crate::wakers::Wakers;
use crate::{CostModel, GoDuration, Instant, Semantics, Site, SiteStats, Stats, TimerKind};
use deferred::DeferredHeap;
use slots::Slots;
pub(crate) use slots::{Body, Func, FuncCell, TimerId};

mod deferred;
mod go_1_23_0;
mod held;
mod semantics;
mod slots;

/// What one step of the clock produced; the caller acts on it outside the lock.
pub(crate) enum Firing {
    /// An AfterFunc is due: run its body.
    Func(Func),
    /// A buffered channel (async, async-collected, or Go 1.23.0's hidden buffer) fired: deliver
    /// `value` in a second critical section.
    Send { id: TimerId, value: Instant },
    /// Sync mode: a channel timer's value became ready; wake its receivers.
    Ready(Wakers),
}

/// What [`State::drop_ref`] let go of, dropped by whoever holds it once the lock is released: an
/// AfterFunc body may own timer handles, and dropping a handle takes the lock (so may a waker,
/// which can hold the last reference to a task).
pub(crate) struct Released {
    func: Option<FuncCell>,
    _wakers: Wakers,
}

pub(crate) struct State {
    semantics: Semantics,
    now: Instant,
    slots: Slots,
    deferred: DeferredHeap,
    accounting: Accounting,
    /// The sends taken off the heap and not delivered yet, while Go 1.23.0–1.23.1's Stop race is
    /// on (`None`: off, which every hook checks first; `go_1_23_0.rs`).
    go_1_23_0_sends: Option<Vec<TimerId>>,
    /// Receivers of a timer that a Reset fired at once (async-collected, `d <= 0`), to be woken
    /// once the lock is released ([`State::take_woken`]).
    woken: Wakers,
    /// Firings started by `Runtime::begin_firing` and not finished, by ticket, in the order they
    /// were started (`held.rs`); empty unless a caller steps firings.
    held: Vec<(u64, Firing)>,
    /// The ticket of the next firing held.
    next_ticket: u64,
}

impl State {
    pub(crate) fn new(semantics: Semantics, costs: CostModel) -> State {
        State {
            semantics,
            now: Instant::ZERO,
            slots: Slots::default(),
            deferred: DeferredHeap::default(),
            accounting: Accounting::new(costs),
            go_1_23_0_sends: None,
            woken: Wakers::default(),
            held: Vec::new(),
            next_ticket: 0,
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
        self.deferred.next_deadline(&mut self.slots)
    }

    /// Starts noting when the earliest deadline moves earlier ([`State::take_earliest_moved`]),
    /// for a clock driver that sleeps until it. Without one nobody asks, and arming a timer
    /// skips the comparison with the heap's top.
    pub(crate) fn watch_earliest(&mut self) {
        self.deferred.watch_earliest();
    }

    /// Whether the earliest deadline moved earlier since the last call; always false until
    /// [`State::watch_earliest`].
    #[inline]
    pub(crate) fn take_earliest_moved(&mut self) -> bool {
        self.deferred.take_earliest_moved()
    }

    /// Creates an armed timer with one program reference, due `d` from now.
    pub(crate) fn create(
        &mut self,
        kind: TimerKind,
        d: GoDuration,
        period: GoDuration,
        site: &'static Location<'static>,
        func: Option<FuncCell>,
    ) -> TimerId {
        let site = self.accounting.created(site, kind);
        if period.is_positive() && self.semantics.buffered_channels() {
            // A ticker whose ticks buffer skips the ones nobody can see up to the next AfterFunc.
            self.deferred.track_funcs(&self.slots);
        }
        let id = self.slots.insert(kind, site, period, func);
        self.arm(id, self.now.deadline_after(d));
        if !d.is_positive() {
            self.fire_if_armed_due(id);
        }
        id
    }

    fn arm(&mut self, id: TimerId, when: Instant) {
        let e = self.slots.get_mut(id);
        let was_armed = e.when.replace(when).is_some();
        if !was_armed {
            self.accounting.armed(e.site, e.kind());
        }
        self.deferred.armed(id.slot, e, when, was_armed);
    }

    fn disarm(&mut self, id: TimerId) {
        let e = self.slots.get_mut(id);
        if e.when.take().is_some() {
            let (kind, site) = (e.kind(), e.site);
            self.accounting.disarmed(site, kind);
            self.deferred.disarmed(id.slot, kind, e.queued);
        }
    }

    /// Go's `Timer.Stop` / `Ticker.Stop`: true when the call stopped an armed timer.
    pub(crate) fn stop(&mut self, id: TimerId) -> bool {
        let was_armed = self.slots.get(id).when.is_some();
        self.disarm(id);
        // Semantics::Async, AsyncCollected: a value already in the buffer stays there (the stale
        // value). Semantics::Sync: there is no buffer; the ready value died with `when`.
        if self.go_1_23_0_sends.is_some() {
            return self.go_1_23_0_void_and_drain(id, was_armed);
        }
        was_armed
    }

    /// Go's `Timer.Reset` / `Ticker.Reset`: re-arms `d` from now; true when the timer was armed.
    /// `period` replaces a ticker's interval.
    pub(crate) fn reset(&mut self, id: TimerId, d: GoDuration, period: Option<GoDuration>) -> bool {
        let mut was_armed = self.slots.get(id).when.is_some();
        if self.go_1_23_0_sends.is_some() {
            was_armed = self.go_1_23_0_void_and_drain(id, was_armed);
        }
        if let Some(period) = period {
            self.slots.extra_mut(id).period = period;
        }
        // Semantics::Async, AsyncCollected: a buffered value survives the Reset (golang/go#11513's
        // stale value). Semantics::Sync: the old deadline's unreceived value is gone with it.
        self.arm(id, self.now.deadline_after(d));
        if !d.is_positive() {
            self.fire_if_armed_due(id);
        }
        was_armed
    }

    /// The receivers to wake for what a Reset fired at once (see `fire_if_armed_due`).
    pub(crate) fn take_woken(&mut self) -> Wakers {
        self.woken.take()
    }

    /// The deadline a receive on this timer's channel can still expect, if any.
    pub(crate) fn pending_deadline(&self, id: TimerId) -> Option<Instant> {
        self.slots.get(id).when
    }

    /// Whether a value can still reach this timer's channel without the program re-arming the
    /// timer: one is waiting (a buffer, Go 1.23.0's hidden buffer), the timer is armed at a
    /// deadline that will come, or a started firing will still send it. A timer channel has no
    /// other sender; when this is false, a receive blocks until a Reset — forever, if nobody
    /// else holds the timer.
    pub(crate) fn can_fill(&self, id: TimerId) -> bool {
        let e = self.slots.get(id);
        e.buffered.is_some() || e.when.is_some_and(|when| when < Instant::MAX) || self.held_send_will_land(id)
    }

    /// Prefetches timer `id`'s entry and heap item (`Runtime::warm`).
    #[inline]
    pub(crate) fn warm(&self, id: TimerId) {
        self.slots.at(id.slot).prefetch();
        self.deferred.warm(id.slot);
    }

    /// Prefetches what dropping `id`'s last reference touches (`Runtime::warm_to_drop`).
    #[inline]
    pub(crate) fn warm_to_drop(&self, id: TimerId) {
        self.slots.at(id.slot).prefetch();
        if self.semantics.collects_unreferenced() {
            self.deferred.warm(id.slot);
        }
    }

    /// Prefetches timer `id`'s [`slots::Extra`] box, reading its entry.
    pub(crate) fn warm_extra(&self, id: TimerId) {
        self.slots.at(id.slot).prefetch_extra();
    }

    /// Where timer `id` was created.
    pub(crate) fn site_of(&self, id: TimerId) -> Site {
        self.accounting.site(self.slots.get(id).site)
    }

    pub(crate) fn add_ref(&mut self, id: TimerId) {
        self.slots.get_mut(id).refs += 1;
    }

    /// Drops one program reference; frees the entry when nothing keeps it. The freed entry is
    /// handed back so that the caller drops it after releasing the lock (ground rule 4): an
    /// AfterFunc body may own timer handles, and dropping a handle takes the lock.
    pub(crate) fn drop_ref(&mut self, id: TimerId) -> Released {
        let e = self.slots.get_mut(id);
        e.refs -= 1;
        // Nobody is left to receive: the waiting tasks' wakers go now, not at the firing.
        let wakers = match (e.refs, &e.extra) {
            (0, Some(_)) => self.slots.unreferenced(id),
            _ => Wakers::default(),
        };
        Released { func: self.release_if_unreachable(id), _wakers: wakers }
    }

    /// Go's `if t.Stop() { t = time.NewTimer(d) }`, or `time.AfterFunc(d, f)` for an AfterFunc
    /// `t` with body `f`, in one critical section: `None`, and `id` left as it was, when Stop did
    /// not stop it; else the new timer, created at `site` as `create` does, and what the program's
    /// reference to `id` let go of, to drop after the lock. An AfterFunc's body moves to the new
    /// timer when the old one is released (no count changes hands) and is shared otherwise.
    pub(crate) fn renew(
        &mut self,
        id: TimerId,
        d: GoDuration,
        site: &'static Location<'static>,
    ) -> Option<(TimerId, Released)> {
        if !self.stop(id) {
            return None;
        }
        let kind = self.slots.get(id).kind();
        let mut released = self.drop_ref(id);
        let func = if kind.has_channel() {
            None
        } else {
            // Not released: something else still holds the old timer, which keeps its body too.
            Some(released.func.take().unwrap_or_else(|| {
                let extra = self.slots.get_mut(id).extra.as_mut();
                FuncCell::Shared(
                    extra.and_then(|extra| extra.func.as_mut()).expect("an AfterFunc has a body").share(),
                )
            }))
        };
        Some((self.create(kind, d, GoDuration::ZERO, site, func), released))
    }

    /// Takes the next timer due at or before `target` off the heap, moves the clock to its
    /// deadline and fires it. `None` when nothing is due.
    pub(crate) fn fire_next(&mut self, target: Instant) -> Option<Firing> {
        // The clock never goes back: a target in the past (a negative advance) is a check at now.
        let target = target.max(self.now);
        let (key, slot) = self.deferred.pop_due(&mut self.slots, target)?;
        self.now = self.now.max(key.when);
        self.accounting.fired(1);
        let id = self.slots.id_at(slot);
        let e = self.slots.get_mut(id);
        if !e.kind().has_channel() {
            let func =
                e.extra.as_mut().and_then(|extra| extra.func.as_mut()).expect("an AfterFunc has a body");
            let func = func.share();
            self.disarm(id);
            // Safe to drop under the lock: `func` still shares the body, so no capture drops here.
            drop(self.release_if_unreachable(id));
            return Some(Firing::Func(func));
        }
        Some(self.fire_channel(id, key.when, target))
    }

    /// Moves the clock to `target` when nothing is due before it.
    pub(crate) fn settle(&mut self, target: Instant) {
        self.now = self.now.max(target);
    }

    /// Registers a task to wake when this timer's channel may have a value.
    pub(crate) fn register_waker(&mut self, id: TimerId, waker: &Waker) {
        self.slots.extra_mut(id).wakers.register(waker);
    }
}

#[cfg(test)]
mod tests {
    use std::panic::Location;

    use super::{State, TimerId};
    use crate::{CostModel, GoDuration, Semantics, TimerKind};

    /// The deferred heap (`deferred.rs`) heaps its queue in key order. 100 connections, each
    /// with a 3-second timeout that every message stops and replaces (the new timer takes the
    /// stopped one's slot, queued where the slot was first armed); messages come in a different
    /// order each round, so in queue order the keys go up and down.
    #[test]
    fn a_loop_that_replaces_its_stopped_timeout_leaves_its_timers_in_the_run() {
        for semantics in Semantics::ALL {
            let mut st = State::new(semantics, CostModel::GO_1_23);
            let site = Location::caller();
            let timeout = GoDuration::from_secs(3);
            let new = |st: &mut State| st.create(TimerKind::Timer, timeout, GoDuration::ZERO, site, None);
            let mut conns: Vec<TimerId> = (0..100).map(|_| new(&mut st)).collect();
            assert!(st.next_deadline().is_some());
            for round in 0..5 {
                for i in 0..conns.len() {
                    let c = (i * 37 + round * 11) % conns.len();
                    assert!(st.stop(conns[c]));
                    drop(st.drop_ref(conns[c]));
                    conns[c] = new(&mut st);
                }
                let later = st.now().deadline_after(GoDuration::from_millis(100));
                st.settle(later); // nothing is due before the timeouts, 3 s ahead
            }
            assert!(st.next_deadline().is_some()); // heaps the queue
            assert_eq!(st.deferred.outside_the_run(), 0, "{semantics}: every timeout joined the run");
            assert!(st.deferred.sorted_queues() > 0, "{semantics}: the reused slots needed sorting");
        }
    }

    #[test]
    fn fresh_timeouts_armed_as_the_clock_moves_join_the_run_without_a_sort() {
        for semantics in Semantics::ALL {
            let mut st = State::new(semantics, CostModel::GO_1_23);
            let site = Location::caller();
            let new = |st: &mut State| {
                st.create(TimerKind::After, GoDuration::from_secs(3), GoDuration::ZERO, site, None)
            };
            for _ in 0..100 {
                new(&mut st);
                new(&mut st); // the same deadline: creation order breaks the tie
                let later = st.now().deadline_after(GoDuration::from_millis(10));
                st.settle(later);
            }
            assert!(st.next_deadline().is_some()); // heaps the queue
            assert_eq!(st.deferred.outside_the_run(), 0, "{semantics}: every timeout joined the run");
            assert_eq!(
                st.deferred.sorted_queues(),
                0,
                "{semantics}: queued in key order, heaped as it stood"
            );
            // A queued timer moved earlier breaks the order, and so does a fresh timer due
            // before the last one queued: each of those queues is sorted.
            let a = new(&mut st);
            let b = new(&mut st);
            assert!(st.reset(b, GoDuration::from_secs(1), None));
            assert_eq!(st.next_deadline(), Some(st.now().deadline_after(GoDuration::from_secs(1))));
            assert_eq!(st.deferred.sorted_queues(), 1, "{semantics}: re-armed while queued");
            let c = new(&mut st);
            let d = st.create(TimerKind::After, GoDuration::from_secs(2), GoDuration::ZERO, site, None);
            assert_eq!(st.next_deadline(), Some(st.now().deadline_after(GoDuration::from_secs(1))));
            assert_eq!(st.deferred.sorted_queues(), 2, "{semantics}: queued below the last");
            drop((st.drop_ref(c), st.drop_ref(d)));
            drop((st.drop_ref(a), st.drop_ref(b)));
        }
    }
}
