//! What the three semantics do differently (ground rules 2 and 3 of `state/mod.rs`): what firing
//! does to a channel timer, what a receive takes, what `len`/`cap` say, which unreferenced
//! timers the runtime keeps, and when async-collected fires a timer armed already due. Every
//! branch is a `match self.semantics`, each arm commented with the Go behaviour — and the Go
//! issue — it reproduces.

use super::{Firing, FuncCell, State, TimerId};
use crate::wakers::Wakers;
use crate::{GoDuration, Instant, Semantics};

impl State {
    /// Fires a channel timer that was just taken off the heap at its deadline `fired_at`.
    #[inline]
    pub(super) fn fire_channel(&mut self, id: TimerId, fired_at: Instant, target: Instant) -> Firing {
        let periodic = self.slots.get(id).period().is_positive();
        match self.semantics {
            // Go ≤ 1.22's heap timer, and asynctimerchan=2's runtime channel timer, which the
            // runtime heaps while a receiver waits and otherwise runs when looked at: either way
            // the value reaches the buffer at the deadline, as far as any receiver can tell.
            Semantics::Async | Semantics::AsyncCollected => {
                let value = self.now;
                if periodic {
                    let next = self.next_async_tick(id, fired_at, target);
                    self.arm(id, next);
                } else {
                    self.disarm(id);
                    drop(self.release_if_unreachable(id)); // a channel timer owns no user code
                }
                Firing::Send { id, value }
            }
            Semantics::Sync => {
                if self.go_1_23_0_sends.is_some() {
                    if let Some(firing) = self.go_1_23_0_fire(id, fired_at) {
                        return firing;
                    }
                }
                // Still armed, now out of the heap: the value is produced by the receive.
                Firing::Ready(self.slots.get_mut(id).take_wakers())
            }
        }
    }

    /// The next deadline of an async ticker that just fired at `fired_at`. When its buffer is
    /// already full, every tick before the next AfterFunc (the only code that could receive
    /// during this advance) and before `target` would be dropped unseen, so they are skipped in
    /// one step: a 1 ns ticker — or several tickers — do not cost a loop iteration per tick of a
    /// long advance.
    fn next_async_tick(&mut self, id: TimerId, fired_at: Instant, target: Instant) -> Instant {
        let e = self.slots.get(id);
        let (period, buffer_full) = (e.period(), e.buffered.is_some());
        let next = next_tick(fired_at, period, self.now);
        if !buffer_full {
            return next;
        }
        let other = self.deferred.next_func_deadline().unwrap_or(Instant::MAX);
        let horizon = other.min(target.saturating_add(GoDuration::NANOSECOND));
        if next >= horizon {
            return next;
        }
        let behind = horizon.as_nanos() - fired_at.as_nanos();
        let ticks = (behind + period.as_nanos() - 1) / period.as_nanos();
        self.accounting.fired((ticks - 1) as u64);
        grid_point(fired_at, period, ticks)
    }

    /// A buffered firing's second half: the non-blocking send into the buffer. A value that
    /// finds the buffer full is dropped, as Go's `sendTime` does.
    pub(crate) fn deliver(&mut self, id: TimerId, value: Instant) -> Wakers {
        if self.go_1_23_0_sends.is_some() && self.go_1_23_0_voided(id) {
            return Wakers::default();
        }
        let Some(e) = self.slots.get_live_mut(id) else {
            return Wakers::default(); // freed in between: nobody can receive it
        };
        if e.buffered.is_some() {
            return Wakers::default();
        }
        e.buffered = Some(value);
        e.take_wakers()
    }

    /// A non-blocking receive from the timer's channel.
    pub(crate) fn try_recv(&mut self, id: TimerId) -> Option<Instant> {
        match self.semantics {
            Semantics::Async | Semantics::AsyncCollected => self.slots.get_mut(id).buffered.take(),
            Semantics::Sync => {
                if self.go_1_23_0_sends.is_some() {
                    if let Some(value) = self.go_1_23_0_take(id) {
                        return Some(value);
                    }
                }
                let e = self.slots.get(id);
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
            Semantics::Async | Semantics::AsyncCollected => {
                usize::from(self.slots.get(id).buffered.is_some())
            }
            // runtime/chan.go, chanlen: a timer channel "present[s] to users as unbuffered".
            Semantics::Sync => 0,
        }
    }

    /// Go's `cap(t.C)` for a timer channel.
    pub(crate) fn cap(&self) -> usize {
        match self.semantics {
            Semantics::Async | Semantics::AsyncCollected => 1,
            Semantics::Sync => 0,
        }
    }

    /// Called when a one-shot timer was just armed with `d <= 0`, so due now, before any clock
    /// step could fire it.
    ///
    /// Semantics::AsyncCollected: Go keeps such a channel timer in no heap; every look at the
    /// channel — a receive, `len`, Stop, Reset — first runs it if it is due (runtime/time.go,
    /// `maybeRunChan`, `maybeRunAsync`). So the value is in the buffer for the very next look:
    /// it is sent now. Its receivers are woken once the lock is released ([`State::take_woken`]).
    /// Semantics::Async: Go ≤ 1.22's heap fires it at the next runtime check, here the next clock
    /// step. Semantics::Sync: the receive produces it; nothing to do. An AfterFunc is a heap
    /// timer in every semantics and runs at the next clock step.
    #[cold]
    pub(super) fn fire_if_armed_due(&mut self, id: TimerId) {
        match self.semantics {
            Semantics::AsyncCollected => {}
            Semantics::Async | Semantics::Sync => return,
        }
        let e = self.slots.get(id);
        let Some(when) = e.when.filter(|&when| when <= self.now) else { return };
        if !e.kind().has_channel() {
            return;
        }
        self.accounting.fired(1);
        if let Firing::Send { id, value } = self.fire_channel(id, when, self.now) {
            let wakers = self.deliver(id, value);
            self.woken.append(wakers);
        }
    }

    /// Frees the entry when the program holds no reference and the Go runtime would not keep it,
    /// and returns its AfterFunc body: dropping that may run user code (the body's captures).
    /// The one place that decides retention (ground rule 2).
    #[inline]
    pub(super) fn release_if_unreachable(&mut self, id: TimerId) -> Option<FuncCell> {
        let e = self.slots.get(id);
        if e.refs > 0 {
            return None;
        }
        let kept_by_runtime = e.when.is_some()
            && match self.semantics {
                // Semantics::Async: the heap holds every armed timer, even unreferenced ones —
                // the leak of `time.After` in a loop (golang/go#8898) and of `time.Tick` (#17757).
                Semantics::Async => true,
                // Semantics::AsyncCollected, Sync: an unreferenced channel timer is garbage
                // (Go 1.23, golang/go#61542; asynctimerchan=2 keeps that and only the buffer of
                // async); only an AfterFunc's pending `f` is still held by the runtime.
                Semantics::AsyncCollected | Semantics::Sync => !e.kind().has_channel(),
            };
        if kept_by_runtime {
            return None;
        }
        self.disarm(id);
        self.slots.remove(id)
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
    use std::panic::Location;

    use super::*;
    use crate::{CostModel, TimerKind};

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
