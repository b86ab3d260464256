//! The clock behind a runtime: manual (time moves when told) or driven by tokio's time, which is
//! virtual under turmoil and under a paused tokio runtime.

use crate::Instant;
#[cfg(not(gotime_loom))]
use crate::{runtime::Shared, GoDuration, Runtime};

pub(crate) enum Clock {
    /// Time moves only in `advance`, `advance_to` and `wait`.
    Manual,
    /// Time is tokio's; a driver task fires timers as it passes.
    #[cfg(not(gotime_loom))]
    Tokio(TokioClock),
}

impl Clock {
    /// tokio's now on this runtime's time line; `None` for the manual clock.
    pub(crate) fn now(&self) -> Option<Instant> {
        match self {
            Clock::Manual => None,
            #[cfg(not(gotime_loom))]
            Clock::Tokio(clock) => Some(clock.now()),
        }
    }

    /// Wakes the driver so it re-plans its sleep for an earlier deadline.
    pub(crate) fn replan(&self) {
        match self {
            Clock::Manual => {}
            #[cfg(not(gotime_loom))]
            Clock::Tokio(clock) => clock.replan.notify_one(),
        }
    }
}

#[cfg(not(gotime_loom))]
pub(crate) struct TokioClock {
    origin: tokio::time::Instant,
    replan: std::sync::Arc<tokio::sync::Notify>,
}

#[cfg(not(gotime_loom))]
impl TokioClock {
    pub(crate) fn start() -> TokioClock {
        // tokio's clock: virtual under turmoil and paused tests.
        let origin = tokio::time::Instant::now(); // allow-nondeterminism
        TokioClock { origin, replan: Default::default() }
    }

    fn now(&self) -> Instant {
        Instant::from_start(GoDuration::from(self.origin.elapsed()))
    }

    fn deadline(&self, when: Instant) -> Option<tokio::time::Instant> {
        let offset = when.since_start().to_std()?;
        self.origin.checked_add(offset)
    }
}

#[cfg(not(gotime_loom))]
impl Drop for Shared {
    fn drop(&mut self) {
        // Let a sleeping driver notice that its runtime is gone.
        self.clock().replan();
    }
}

/// The driver task: sleeps until the next deadline (or until told the earliest deadline moved),
/// then fires what is due. Holds only a weak reference, so it ends with its runtime.
#[cfg(not(gotime_loom))]
pub(crate) async fn drive(shared: std::sync::Weak<Shared>) {
    loop {
        let (replan, sleep_until) = {
            let Some(shared) = shared.upgrade() else { return };
            let rt = Runtime { shared };
            rt.catch_up();
            let Clock::Tokio(clock) = rt.shared.clock() else { return };
            let next = rt.next_deadline().filter(|&when| when < Instant::MAX);
            (clock.replan.clone(), next.and_then(|when| clock.deadline(when)))
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
