//! golang/go#69312 rebuilt for the loom models only: Go 1.23.0's sync-mode Stop regression.
//! Compiled only under `--cfg gotime_loom`; on only in a runtime built with
//! `Builder::go_1_23_0_stop_regression`, so it never exists in the public API.
//!
//! Go 1.23.0 and 1.23.1 still fired a sync channel timer eagerly and in two phases: the timer
//! left the heap with `t.when = 0`, then `sendTime` sent into a hidden buffer outside the timer's
//! lock — unless a Stop or Reset had bumped the timer's `seq` in between, which voided the send.
//! A Stop in that window saw `when == 0` and returned false, and no value ever came: the drain
//! idiom `if !t.Stop() { <-t.C }` blocked forever. Go 1.23.2 counts in-flight sends (`isSending`)
//! and makes Stop return true when it voided one; this module deliberately lacks that count.
//!
//! Each hook is a no-op unless the regression is on and the semantics is sync.

use super::{Firing, State, TimerId};
use crate::{Instant, Semantics};

impl State {
    /// Turns the regression on (see the module docs).
    pub(crate) fn enable_go_1_23_0_stop_regression(&mut self) {
        self.go_1_23_0_sends = Some(Vec::new());
    }

    /// The sends taken off the heap and not delivered yet — the window the regression lives in —
    /// when the regression is on and the semantics is sync.
    fn go_1_23_0_in_flight(&mut self) -> Option<&mut Vec<TimerId>> {
        match self.semantics {
            Semantics::Sync => self.go_1_23_0_sends.as_mut(),
            Semantics::Async => None,
        }
    }

    /// Phase one of a one-shot sync firing: disarm (Go's `t.when = 0`) and hand the send back to
    /// be delivered in a second critical section, as an async firing is.
    pub(super) fn go_1_23_0_fire(&mut self, id: TimerId, value: Instant) -> Option<Firing> {
        if self.slots.get(id).period().is_positive() {
            return None;
        }
        self.go_1_23_0_in_flight()?.push(id);
        self.disarm(id);
        Some(Firing::Send { id, value })
    }

    /// Phase two's `seq` check: true when a Stop or Reset voided this send since phase one.
    pub(super) fn go_1_23_0_voided(&mut self, id: TimerId) -> bool {
        let Some(in_flight) = self.go_1_23_0_in_flight() else { return false };
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
    pub(super) fn go_1_23_0_void_and_drain(&mut self, id: TimerId, was_armed: bool) -> bool {
        let Some(in_flight) = self.go_1_23_0_in_flight() else { return was_armed };
        in_flight.retain(|&sending| sending != id);
        let drained = self.slots.get_mut(id).buffered.take().is_some();
        drained || was_armed
    }

    /// A receive takes a delivered value from the hidden buffer.
    pub(super) fn go_1_23_0_take(&mut self, id: TimerId) -> Option<Instant> {
        self.go_1_23_0_in_flight()?;
        self.slots.get_mut(id).buffered.take()
    }
}
