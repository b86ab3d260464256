//! golang/go#69312: the Stop/Reset race of Go 1.23.0 and 1.23.1's sync timer channels, on in a
//! runtime built for those releases (`Builder::stop_race_69312`, or a `release::Resolution` that
//! says so) and off everywhere else. Every hook is behind one `go_1_23_0_sends.is_some()` check
//! at its call site, so a runtime without the race pays a load and a branch per hook.
//!
//! Go 1.23.0 and 1.23.1 still fired a sync channel timer eagerly and in two phases: the timer
//! left the heap with `t.when = 0`, then `sendTime` sent into a hidden buffer outside the timer's
//! lock — unless a Stop or Reset had bumped the timer's `seq` in between, which voided the send.
//! A Stop in that window saw `when == 0` and returned false, and no value ever came: the drain
//! idiom `if !t.Stop() { <-t.C }` blocked forever. Go 1.23.2 counts in-flight sends (`isSending`,
//! runtime/time.go) and makes Stop return true when it voided one; this module deliberately lacks
//! that count.
//!
//! On one thread the two phases are adjacent and nothing can be seen between them; with real
//! threads (or loom's) a program can hang exactly as Go's did. One thing differs from the sync
//! runtime even on one thread, as it did in Go: a fired, unreceived one-shot timer is disarmed
//! (its value waits in the hidden buffer), so it no longer counts as live.

use super::{Firing, State, TimerId};
use crate::{Instant, Semantics};

impl State {
    /// Turns the race on, in sync semantics only: Go's bug was in the sync channel code, and
    /// `asynctimerchan=1` and `=2` never took that path.
    pub(crate) fn enable_go_1_23_0_stop_race(&mut self) {
        if self.semantics == Semantics::Sync {
            self.go_1_23_0_sends = Some(Vec::new());
        }
    }

    /// The sends taken off the heap and not delivered yet: the window the race lives in.
    fn go_1_23_0_in_flight(&mut self) -> &mut Vec<TimerId> {
        self.go_1_23_0_sends.as_mut().expect("called only while the race is on")
    }

    /// Phase one of a one-shot sync firing: disarm (Go's `t.when = 0`) and hand the send back to
    /// be delivered in a second critical section, as a buffered firing is. `None` for a ticker.
    #[cold]
    pub(super) fn go_1_23_0_fire(&mut self, id: TimerId, value: Instant) -> Option<Firing> {
        if self.slots.get(id).period().is_positive() {
            return None;
        }
        self.go_1_23_0_in_flight().push(id);
        self.disarm(id);
        Some(Firing::Send { id, value })
    }

    /// Phase two's `seq` check: true when a Stop or Reset voided this send since phase one.
    #[cold]
    pub(super) fn go_1_23_0_voided(&mut self, id: TimerId) -> bool {
        let in_flight = self.go_1_23_0_in_flight();
        match in_flight.iter().position(|&sending| sending == id) {
            Some(i) => {
                in_flight.remove(i);
                false
            }
            None => true,
        }
    }

    /// Phase two will deliver: no Stop or Reset voided the send since phase one.
    #[cold]
    pub(super) fn go_1_23_0_will_send(&self, id: TimerId) -> bool {
        self.go_1_23_0_sends.as_ref().is_some_and(|in_flight| in_flight.contains(&id))
    }

    /// What Go 1.23.0's Stop and Reset add: void any in-flight send (`t.seq++`) without counting
    /// it as pending — the bug — and drain the hidden buffer (`timerchandrain`), which does count:
    /// the result is `was_armed`, or true when a value was drained.
    #[cold]
    pub(super) fn go_1_23_0_void_and_drain(&mut self, id: TimerId, was_armed: bool) -> bool {
        self.go_1_23_0_in_flight().retain(|&sending| sending != id);
        let drained = self.slots.get_mut(id).buffered.take().is_some();
        drained || was_armed
    }

    /// A receive takes a delivered value from the hidden buffer.
    #[cold]
    pub(super) fn go_1_23_0_take(&mut self, id: TimerId) -> Option<Instant> {
        self.slots.get_mut(id).buffered.take()
    }
}

#[cfg(test)]
mod tests {
    use std::panic::Location;

    use super::*;
    use crate::{CostModel, GoDuration, TimerKind};

    /// A sync runtime with or without the race, holding a 1s timer.
    fn sync_state(stop_race_69312: bool) -> (State, TimerId) {
        let mut st = State::new(Semantics::Sync, CostModel::GO_1_23);
        if stop_race_69312 {
            st.enable_go_1_23_0_stop_race();
        }
        let t = st.create(TimerKind::Timer, GoDuration::SECOND, GoDuration::ZERO, Location::caller(), None);
        (st, t)
    }

    /// Phase one of the firing at 1s: the send to deliver in a second critical section.
    fn fire(st: &mut State) -> (TimerId, Instant) {
        match st.fire_next(Instant::from_start(GoDuration::SECOND)) {
            Some(Firing::Send { id, value }) => (id, value),
            _ => panic!("Go 1.23.0 fires a sync channel timer in two phases"),
        }
    }

    /// Another thread can run between the two critical sections of the firing; driving the state
    /// machine through that window shows the bug on one thread.
    #[test]
    fn a_stop_between_the_firing_and_its_send_returns_false_and_no_value_ever_comes() {
        let (mut st, t) = sync_state(true);
        let (id, value) = fire(&mut st);
        assert!(!st.stop(t), "golang/go#69312: Stop saw the timer fired (when == 0)");
        assert!(st.deliver(id, value).is_empty(), "Stop voided the send (seq++)");
        assert_eq!(st.try_recv(t), None, "so `if !t.Stop() {{ <-t.C }}` blocks forever");
    }

    #[test]
    fn a_reset_in_the_window_voids_the_send_too() {
        let (mut st, t) = sync_state(true);
        let (id, value) = fire(&mut st);
        assert!(!st.reset(t, GoDuration::SECOND, None), "Reset saw the timer fired");
        assert!(st.deliver(id, value).is_empty());
        assert_eq!(st.try_recv(t), None, "the old deadline's value never comes");
    }

    #[test]
    fn a_stop_after_the_send_drains_the_value_and_returns_true() {
        // runtime/time.go, stop: timerchandrain reports the value it drained as pending.
        let (mut st, t) = sync_state(true);
        let (id, value) = fire(&mut st);
        drop(st.deliver(id, value));
        assert_eq!(st.stats().live, 0, "the fired timer is disarmed; its value waits in the buffer");
        assert!(st.stop(t));
        assert_eq!(st.try_recv(t), None, "and nothing is left");
    }

    #[test]
    fn a_receive_after_the_send_takes_the_deadline() {
        let (mut st, t) = sync_state(true);
        let (id, value) = fire(&mut st);
        drop(st.deliver(id, value));
        assert_eq!(st.try_recv(t), Some(Instant::from_start(GoDuration::SECOND)));
        assert!(!st.stop(t), "received: nothing pending");
    }

    #[test]
    fn without_the_race_the_sync_firing_is_one_step_and_stop_returns_true() {
        let (mut st, t) = sync_state(false);
        let firing = st.fire_next(Instant::from_start(GoDuration::SECOND));
        assert!(matches!(firing, Some(Firing::Ready(_))), "Go 1.23.2+: the value is made on receive");
        assert!(st.stop(t), "still pending");
        assert_eq!(st.try_recv(t), None);
    }

    #[test]
    fn the_race_is_switched_on_in_sync_semantics_only() {
        for semantics in [Semantics::Async, Semantics::AsyncCollected] {
            let mut st = State::new(semantics, CostModel::GO_1_23);
            st.enable_go_1_23_0_stop_race();
            assert!(st.go_1_23_0_sends.is_none(), "{semantics}: asynctimerchan=1 and 2 never took that path");
        }
    }
}
