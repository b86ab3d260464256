//! The tokio driver task of a runtime built with [`crate::Builder::build_tokio`]: sleeps until
//! the next deadline on tokio's time (or until told the earliest deadline moved), then fires what
//! is due. The runtime spawns it; it sees the runtime only through [`Shared`], so the clock below
//! both stays a leaf.

use std::sync::Weak;

use crate::clock::Clock;
use crate::shared::Shared;
use crate::Instant;

/// Runs until the runtime is gone: holds only a weak reference, and dropping the last strong one
/// wakes it (`Shared`'s `Drop`).
pub(crate) async fn drive(shared: Weak<Shared>) {
    loop {
        let (replan, sleep_until) = {
            let Some(shared) = shared.upgrade() else { return };
            shared.catch_up();
            let Clock::Tokio(clock) = &shared.clock else { return };
            let next = shared.lock().next_deadline().filter(|&when| when < Instant::MAX);
            (clock.replan_signal().clone(), next.and_then(|when| clock.deadline(when)))
        };
        match sleep_until {
            Some(deadline) => {
                tokio::select! {
                    () = tokio::time::sleep_until(deadline) => {}
                    () = replan.notified() => {}
                }
            }
            None => replan.notified().await,
        }
    }
}
