//! One timer's state, and the rule that decides whether the Go runtime keeps a timer the program
//! no longer references.

use timerlab_vocab::{Semantics, TimerKind};

use crate::{Duration, Time};

/// Everything the model knows about one timer. Timers are never removed from the model's list;
/// a collected timer is simply marked, so ids stay valid and a reader can see what happened.
#[derive(Clone, Debug)]
pub(crate) struct TimerState {
    pub(crate) kind: TimerKind,
    /// `Some(deadline)` while the timer is armed: it could still fire (or, in sync mode, still
    /// produce a value) and `Stop` would return true. Armed timers are exactly the live ones.
    pub(crate) deadline: Option<Time>,
    /// Tick interval of a ticker; zero for one-shot timers.
    pub(crate) period: Duration,
    /// The one-value channel buffer of the async modes. Sync mode never fills it: the value is
    /// the deadline, produced lazily when a receiver asks (Go 1.23).
    pub(crate) buffer: Option<Time>,
    /// The program still holds a reference (the Timer, the Ticker or the channel).
    pub(crate) referenced: bool,
    /// The Go runtime let go of it: unreferenced and not retained. Never fires again.
    pub(crate) collected: bool,
}

impl TimerState {
    pub(crate) fn new(kind: TimerKind, deadline: Time, period: Duration) -> TimerState {
        TimerState {
            kind,
            deadline: Some(deadline),
            period,
            buffer: None,
            referenced: true,
            collected: false,
        }
    }

    /// Does the timer deliver on a channel? An AfterFunc's channel is nil.
    pub(crate) fn has_channel(&self) -> bool {
        self.kind != TimerKind::AfterFunc
    }

    pub(crate) fn is_ticker(&self) -> bool {
        self.period.is_positive()
    }

    /// Would the Go runtime of `semantics` still hold this timer?
    pub(crate) fn is_retained(&self, semantics: Semantics) -> bool {
        if self.referenced {
            return true;
        }
        if self.deadline.is_none() {
            // Stopped, fired or received: nothing left to run, the runtime lets go in every mode.
            return false;
        }
        match semantics {
            // Go <= 1.22: the timer heap holds every started, unfired timer, referenced or not:
            // `time.After` in a loop leaks until each fires (golang/go#8898), and an unreferenced
            // `time.Tick` ticker never goes away (golang/go#17757).
            Semantics::Async => true,
            // Go >= 1.23's runtime channel timers, sync or asynctimerchan=2 (golang/go#61542):
            // an unreferenced channel timer is garbage even while armed; only a pending AfterFunc
            // is held, because the runtime must still call f.
            Semantics::AsyncCollected | Semantics::Sync => !self.has_channel(),
        }
    }
}
