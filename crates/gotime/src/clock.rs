//! The clock behind a runtime: manual (time moves when told) or tokio's time, which is virtual
//! under turmoil and under a paused tokio runtime. It knows only time — what time it is, when an
//! instant falls on tokio's time line, and the signal that the earliest deadline moved; the task
//! that fires timers as tokio's time passes belongs to the runtime (`driver.rs`).

#[cfg(not(gotime_loom))]
use crate::GoDuration;
use crate::Instant;

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

    /// Whether a driver task sleeps until the earliest deadline (and so must hear of an earlier
    /// one, [`Clock::replan`]).
    pub(crate) fn has_driver(&self) -> bool {
        !matches!(self, Clock::Manual)
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

    /// `when` on tokio's time line; `None` when it is past what tokio can represent.
    pub(crate) fn deadline(&self, when: Instant) -> Option<tokio::time::Instant> {
        let offset = when.since_start().to_std()?;
        self.origin.checked_add(offset)
    }

    /// Notified by [`Clock::replan`]: the earliest deadline moved earlier, or the runtime is gone.
    pub(crate) fn replan_signal(&self) -> &std::sync::Arc<tokio::sync::Notify> {
        &self.replan
    }
}
