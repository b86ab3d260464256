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
