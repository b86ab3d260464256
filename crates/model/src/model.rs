//! [`Model`]: the clock, the list of timers and Go's timer API, one method per Go call.

use timerlab_vocab::{GoPanic, Semantics, TimerKind};

use crate::timer::TimerState;
use crate::{Duration, Time};

/// A timer in a [`Model`]: its index in creation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimerId(pub(crate) usize);

impl TimerId {
    /// The timer's position in creation order, from 0.
    pub const fn index(self) -> usize {
        self.0
    }
}

/// A single-threaded model of one Go process's timers on a virtual clock.
///
/// Every method takes ids this model returned; passing an id from another model is a bug in the
/// caller (the model panics on an index out of range).
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) semantics: Semantics,
    pub(crate) now: Time,
    /// Every timer ever created, in creation order: the order of firing for equal deadlines.
    pub(crate) timers: Vec<TimerState>,
    /// AfterFunc bodies that ran and when, oldest first, until [`Model::take_fired`].
    pub(crate) fired: Vec<(TimerId, Time)>,
}

impl Model {
    /// An empty model at [`Time::START`].
    pub fn new(semantics: Semantics) -> Model {
        Model { semantics, now: Time::START, timers: Vec::new(), fired: Vec::new() }
    }

    /// The semantics modelled.
    pub fn semantics(&self) -> Semantics {
        self.semantics
    }

    /// Go's `time.Now()`.
    pub fn now(&self) -> Time {
        self.now
    }

    fn create(&mut self, kind: TimerKind, d: Duration, period: Duration) -> TimerId {
        // Go's `when(d)` (`Time::when`): `d <= 0` is due now (it fires at the next runtime check:
        // the next advance in async mode, or the first receive in sync mode); an overflowing
        // deadline is clamped to the end of time and never fires (TestOverflowSleep).
        let deadline = self.now.when(d);
        self.timers.push(TimerState::new(kind, deadline, period));
        TimerId(self.timers.len() - 1)
    }

    /// Go's `time.NewTimer(d)`.
    pub fn new_timer(&mut self, d: Duration) -> TimerId {
        self.create(TimerKind::Timer, d, Duration::ZERO)
    }

    /// Go's `time.After(d)`: a timer whose only reference is its channel.
    pub fn after(&mut self, d: Duration) -> TimerId {
        self.create(TimerKind::After, d, Duration::ZERO)
    }

    /// Go's `time.AfterFunc(d, f)`: when it fires, the model records `(id, now)` in the list that
    /// [`Model::take_fired`] returns. Its channel is nil.
    pub fn after_func(&mut self, d: Duration) -> TimerId {
        self.create(TimerKind::AfterFunc, d, Duration::ZERO)
    }

    /// Go's `time.NewTicker(d)`.
    ///
    /// # Errors
    ///
    /// [`GoPanic::NewTickerNonPositive`] when `d <= 0`, where Go panics.
    pub fn new_ticker(&mut self, d: Duration) -> Result<TimerId, GoPanic> {
        if !d.is_positive() {
            return Err(GoPanic::NewTickerNonPositive);
        }
        Ok(self.create(TimerKind::Ticker, d, d))
    }

    /// Go's `time.Tick(d)`: `None` is the nil channel Go returns for `d <= 0`.
    pub fn tick(&mut self, d: Duration) -> Option<TimerId> {
        d.is_positive().then(|| self.create(TimerKind::Tick, d, d))
    }

    /// Go's `(*Timer).Stop` (NewTimer or AfterFunc): true when it stopped an armed timer.
    ///
    /// | | async, async-collected | sync |
    /// |---|---|---|
    /// | pending | true | true |
    /// | expired, not received | false; the value stays buffered (golang/go#14038) | true; nothing left |
    /// | received, or stopped | false | false |
    ///
    /// Sync mode's "expired, not received" needs no special case: its timer is still armed
    /// (the value is made by the receive), so the general rule answers true. Nor does
    /// async-collected's: the look runs the due timer first (`Model::look`), which disarms it.
    pub fn timer_stop(&mut self, id: TimerId) -> bool {
        self.look(id.0);
        let t = &mut self.timers[id.0];
        t.deadline.take().is_some()
    }

    /// Go's `(*Timer).Reset(d)`: re-arms `d` from now and returns whether the timer was armed.
    /// Async mode keeps a buffered value — received right after the Reset, the spurious timeout of
    /// golang/go#11513 — and a firing that finds it there is dropped. Sync mode has no buffer: the
    /// old deadline's value is gone with the old deadline.
    pub fn timer_reset(&mut self, id: TimerId, d: Duration) -> bool {
        self.look(id.0);
        let deadline = self.now.when(d);
        let t = &mut self.timers[id.0];
        t.deadline.replace(deadline).is_some()
    }

    /// Go's `(*Ticker).Stop`: no more ticks. Async mode: a buffered tick stays receivable.
    pub fn ticker_stop(&mut self, id: TimerId) {
        self.look(id.0);
        self.timers[id.0].deadline = None;
    }

    /// Go's `(*Ticker).Reset(d)`: a new grid `now + k·d`. Async mode keeps a buffered tick; sync
    /// mode's pending tick is discarded with the old deadline.
    ///
    /// # Errors
    ///
    /// [`GoPanic::TickerResetNonPositive`] when `d <= 0`, where Go panics; the ticker is unchanged.
    pub fn ticker_reset(&mut self, id: TimerId, d: Duration) -> Result<(), GoPanic> {
        if !d.is_positive() {
            return Err(GoPanic::TickerResetNonPositive);
        }
        self.look(id.0);
        let deadline = self.now.when(d);
        let t = &mut self.timers[id.0];
        t.period = d;
        t.deadline = Some(deadline);
        Ok(())
    }

    /// A non-blocking receive from the timer's channel: `select { case v := <-c: default: }`.
    pub fn try_recv(&mut self, id: TimerId) -> Option<Time> {
        self.look(id.0);
        let now = self.now;
        let t = &mut self.timers[id.0];
        if !t.has_channel() {
            return None; // nil channel
        }
        match self.semantics {
            // The runtime sent the value into the buffer when the timer fired (async), or when
            // this receive looked at it (async-collected).
            Semantics::Async | Semantics::AsyncCollected => t.buffer.take(),
            // No buffer: an armed timer whose deadline passed hands out its deadline. A ticker
            // then moves to the first grid point after now: the missed ticks are dropped, and the
            // value received is the first missed tick's time (SEMANTICS.md, tickers).
            Semantics::Sync => {
                let deadline = t.deadline.filter(|&when| when <= now)?;
                t.deadline = t.is_ticker().then(|| deadline.next_tick(t.period, now));
                Some(deadline)
            }
        }
    }

    /// A blocking receive, `<-c`: lets time pass until a value is there and takes it. `None` when
    /// no value can ever come (Go blocks forever): a nil channel, an unarmed timer with nothing
    /// buffered, a deadline at the end of time. The clock does not move then.
    pub fn wait(&mut self, id: TimerId) -> Option<Time> {
        loop {
            if let Some(value) = self.try_recv(id) {
                return Some(value);
            }
            let t = &self.timers[id.0];
            let deadline = t.deadline.filter(|&when| t.has_channel() && when < Time::END)?;
            self.advance_to(deadline);
        }
    }

    /// Go's `len(c)`: the buffered value in async modes; always 0 in sync mode and on a nil
    /// channel. Async-collected's `len` looks at the channel (runtime/chan.go, `chanlen`), so a
    /// due timer's value counts as there.
    pub fn len(&self, id: TimerId) -> usize {
        match self.semantics {
            Semantics::Async => usize::from(self.timers[id.0].buffer.is_some()),
            Semantics::AsyncCollected => {
                usize::from(self.timers[id.0].buffer.is_some() || self.due_unlooked(id.0))
            }
            Semantics::Sync => 0,
        }
    }

    /// Go's `cap(c)`: 1 in async modes, 0 in sync mode and on a nil channel.
    pub fn cap(&self, id: TimerId) -> usize {
        match self.semantics {
            Semantics::Async | Semantics::AsyncCollected if self.timers[id.0].has_channel() => 1,
            _ => 0,
        }
    }

    /// The program drops its last reference to the timer (its Timer, Ticker or channel). Whether
    /// the Go runtime keeps it is the retention rule of `timer.rs`.
    pub fn drop_ref(&mut self, id: TimerId) {
        self.timers[id.0].referenced = false;
        self.collect_if_unreachable(id.0);
    }

    /// Marks timer `index` collected when neither the program nor the runtime holds it.
    pub(crate) fn collect_if_unreachable(&mut self, index: usize) {
        let t = &mut self.timers[index];
        if !t.collected && !t.is_retained(self.semantics) {
            t.collected = true;
            t.deadline = None;
        }
    }

    /// Live timers: the armed ones, whether the program or only the runtime holds them
    /// (see gotime's accounting docs). A collected timer is never armed. An async-collected
    /// one-shot timer past its deadline counts as fired: any look would fire it (Stop would
    /// return false).
    pub fn live(&self) -> usize {
        (0..self.timers.len())
            .filter(|&i| {
                let t = &self.timers[i];
                t.deadline.is_some() && (t.is_ticker() || !self.due_unlooked(i))
            })
            .count()
    }

    /// Has the Go runtime let go of this timer (or would it, at the next collection)?
    pub fn is_collected(&self, id: TimerId) -> bool {
        self.timers[id.0].collected
    }

    /// The AfterFuncs that ran since the last call, with the time each ran, in the order they ran.
    pub fn take_fired(&mut self) -> Vec<(TimerId, Time)> {
        std::mem::take(&mut self.fired)
    }
}
