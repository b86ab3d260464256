//! Firings a caller started with `Runtime::begin_firing` and has not finished: the timer is off
//! the heap and the second half of its firing — the send, the wake-up or `f` — waits for
//! `InFlight::finish`. A Go scheduler may run other goroutines at that point of a firing (Go
//! ≤ 1.22's `sendTime` ran after the timer left the heap; Go 1.23.0's `unlockAndRun` sent outside
//! the timer's lock), so a caller that steps firings can run code there, deterministically.
//!
//! The second halves are kept in the state (`State::held`), not by the caller, for two readers:
//! a blocking receive (`Runtime::wait`) finishes the one its channel waits for, as Go's
//! scheduler runs the sending goroutine while the receiver sleeps; and `Chan::would_block_forever`
//! counts a value on its way. Nothing else reads or writes this table, and it is empty unless a
//! caller steps firings: `advance` and the tokio driver never touch it.

use super::{Firing, State, TimerId};

impl State {
    /// Keeps the second half of a firing just taken off the heap; the ticket finds it again.
    pub(crate) fn hold(&mut self, firing: Firing) -> u64 {
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        self.held.push((ticket, firing));
        ticket
    }

    /// The second half of the firing `ticket`; `None` once something else finished it.
    pub(crate) fn take_held(&mut self, ticket: u64) -> Option<Firing> {
        let i = self.held.iter().position(|(t, _)| *t == ticket)?;
        Some(self.held.remove(i).1)
    }

    /// The second half of the earliest started firing that sends to timer `id`'s channel.
    pub(crate) fn take_held_send(&mut self, id: TimerId) -> Option<Firing> {
        let i = self.held.iter().position(|(_, f)| sends_to(f, id))?;
        Some(self.held.remove(i).1)
    }

    /// A started firing will still put a value in timer `id`'s channel when it finishes: its
    /// send is held and, while golang/go#69312's race is on, no Stop or Reset voided it.
    pub(super) fn held_send_will_land(&self, id: TimerId) -> bool {
        let held = self.held.iter().any(|(_, f)| sends_to(f, id));
        held && (self.go_1_23_0_sends.is_none() || self.go_1_23_0_will_send(id))
    }
}

fn sends_to(firing: &Firing, id: TimerId) -> bool {
    matches!(firing, Firing::Send { id: to, .. } if *to == id)
}
