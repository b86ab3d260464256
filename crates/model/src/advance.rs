//! Letting time pass: which timer fires next, and what firing does in each semantics.

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
            // Sync mode: a channel timer never "fires" into anything; its value is made by the
            // receive (Go 1.23's lazy channel). Only AfterFuncs run on their own.
            let fires_by_itself = self.semantics == Semantics::Async || !t.has_channel();
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
}
