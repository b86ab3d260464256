//! Letting time pass: which timer fires next, and what firing does in each semantics — and
//! async-collected's firing of a channel timer when the program looks at it.

use timerlab_vocab::Semantics;

use crate::{Duration, Model, Time, TimerId};

impl Model {
    /// Lets `d` pass (a negative `d`: none), firing every timer due on the way. Even `advance(0)`
    /// is a runtime check that fires timers due now, such as async timers created with `d <= 0`.
    pub fn advance(&mut self, d: Duration) {
        self.advance_to(self.now.advanced_by(d));
    }

    /// Moves the clock to `target` (never backwards, never to the end of time), firing every
    /// timer due at or before it: earliest deadline first, equal deadlines in creation order.
    /// A target in the past is a runtime check at now: timers due now fire.
    pub fn advance_to(&mut self, target: Time) {
        let target = target.max(self.now).min(Time::LAST);
        while let Some(index) = self.next_due(target) {
            let deadline = self.timers[index].deadline.expect("a due timer is armed");
            self.now = self.now.max(deadline);
            self.fire(index, target);
        }
        self.now = self.now.max(target);
    }

    /// The timer that fires next, if one is due by `target`: a linear scan for the smallest
    /// `(deadline, creation index)`.
    fn next_due(&self, target: Time) -> Option<usize> {
        let mut best: Option<(Time, usize)> = None;
        for (index, t) in self.timers.iter().enumerate() {
            let Some(deadline) = t.deadline else { continue };
            let fires_by_itself = match self.semantics {
                // Go <= 1.22's heap fires every timer at its deadline.
                Semantics::Async => true,
                // Async-collected: a channel timer is in no heap and fires when looked at
                // (`Model::look`). Sync: it never "fires" into anything; its value is made by
                // the receive (Go 1.23's lazy channel). Either way only AfterFuncs run on their
                // own: the runtime must call f.
                Semantics::AsyncCollected | Semantics::Sync => !t.has_channel(),
            };
            let earlier = best.map_or(true, |(b, _)| deadline < b);
            if fires_by_itself && deadline <= target && earlier {
                best = Some((deadline, index));
            }
        }
        best.map(|(_, index)| index)
    }

    /// Timer `index` reached its deadline (which is now).
    fn fire(&mut self, index: usize, target: Time) {
        let now = self.now;
        let t = &mut self.timers[index];
        if !t.has_channel() {
            // AfterFunc: f starts now, once; the timer is spent (Reset may re-arm it).
            t.deadline = None;
            self.fired.push((TimerId(index), now));
            self.collect_if_unreachable(index);
            return;
        }
        // Async mode: Go's `sendTime` is a non-blocking send of Now() into the one-value buffer;
        // when the buffer is still full the value is dropped.
        let delivered = t.buffer.is_none();
        if delivered {
            t.buffer = Some(now);
        }
        if !t.is_ticker() {
            t.deadline = None;
            self.collect_if_unreachable(index);
            return;
        }
        // A ticker moves to the next grid point after now. When this tick was dropped, every tick
        // until `target` will be dropped too (nothing receives while time passes), so the ticker
        // jumps straight past `target`: same observations, no loop per missed tick.
        let deadline = t.deadline.expect("a firing ticker is armed");
        let after = if delivered { now } else { target };
        t.deadline = Some(deadline.next_tick(t.period, after));
    }

    /// The program looks at the channel of timer `index`: a receive, `len`, Stop or Reset.
    ///
    /// Async-collected (asynctimerchan=2) keeps a channel timer nobody blocks on in no heap, and
    /// every look first runs it if it is due (runtime/time.go, `maybeRunChan` for a receive or
    /// `len`, `maybeRunAsync` for Stop and Reset): `sendTime` makes a non-blocking send of the
    /// deadline (it subtracts the delay: src/time/sleep.go) into the one-value buffer, and a
    /// ticker moves to the first grid point after now. A blocking receive is no exception here:
    /// Go heaps the timer while the receiver waits and fires it at the deadline, which is where
    /// `wait` moves the clock before it looks again. The other semantics fire in `advance`.
    pub(crate) fn look(&mut self, index: usize) {
        if self.semantics != Semantics::AsyncCollected {
            return;
        }
        let now = self.now;
        let t = &mut self.timers[index];
        if !t.has_channel() {
            return;
        }
        let Some(deadline) = t.deadline.filter(|&deadline| deadline <= now) else { return };
        if t.buffer.is_none() {
            t.buffer = Some(deadline);
        }
        t.deadline = t.is_ticker().then(|| deadline.next_tick(t.period, now));
    }

    /// Async-collected: a channel timer past its deadline that nothing has looked at yet. Any
    /// look would run it first, so every observation treats it as fired.
    pub(crate) fn due_unlooked(&self, index: usize) -> bool {
        let t = &self.timers[index];
        self.semantics == Semantics::AsyncCollected
            && t.has_channel()
            && t.deadline.is_some_and(|deadline| deadline <= self.now)
    }
}
