//! S1's variants, written once: for each, the code of the Go loop between two `select`s — what
//! the iteration that just ended does with its timer, and what the next `select` waits on besides
//! the next message. Both engines run these functions (the turmoil server's tasks and the events
//! engine's connections), so every timer call a variant makes has one call site, here, and the
//! per-site profile names the same line whichever engine ran.
//!
//! An engine owns the `select` itself: it receives on the timeout case ([`Wait::timeout`] in a
//! task, [`Wait::try_timeout`] between two events), tells the loop which case the select took
//! ([`Case`]), and calls [`Wait::next`].

use gotime::{Chan, GoDuration, Runtime, Timer, TimerRef};

use super::config::Variant;
use super::context::Context;

/// Which case of the `select` ended an iteration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Case {
    /// `case msg := <-c.readChan`: a message, handled.
    Message,
    /// The timeout case: the connection was idle for the whole timeout, and was pinged.
    Timeout,
}

/// What a connection's `select` waits on besides the next message: the variant's timer, in the
/// form its Go code holds it. The variant is the enum's case, so a loop never meets another
/// variant's state.
pub(super) enum Wait {
    /// `leaky`: this iteration's `time.After` channel.
    Leaky(Chan),
    /// `stop`: this iteration's timer.
    Stop(Timer),
    /// `reset`: the connection's one timer.
    Reset(Timer),
    /// `context`: this iteration's context.
    Context(Context),
}

impl Wait {
    /// The loop from its top to its first `select`.
    pub(super) fn first(variant: Variant, rt: &Runtime, idle: GoDuration) -> Wait {
        match variant {
            Variant::Leaky => Wait::Leaky(leaky(rt, idle, None)),
            Variant::Stop => Wait::Stop(stop_per_iteration(rt, idle, None)),
            Variant::Reset => Wait::Reset(one_timer_reset(rt, idle, None)),
            Variant::Context => Wait::Context(context_per_iteration(rt, idle, None)),
        }
    }

    /// The loop from the end of a `select` that took `case` to the next `select`.
    pub(super) fn next(&mut self, rt: &Runtime, idle: GoDuration, case: Case) {
        // A timer the variant lets go of or keeps moves into its code; the zero value `take`
        // leaves (Go's nil channel, zero Timer) is overwritten at once; so is the nil channel
        // that holds a context's place while `cancel()` takes it.
        match self {
            Wait::Leaky(c) => *c = leaky(rt, idle, Some((std::mem::take(c), case))),
            Wait::Stop(t) => *t = stop_per_iteration(rt, idle, Some((std::mem::take(t), case))),
            Wait::Reset(t) => *t = one_timer_reset(rt, idle, Some((std::mem::take(t), case))),
            Wait::Context(_) => self.next_context(rt, idle, case),
        }
    }

    /// The loop returns (the client went away): what the variant defers runs.
    pub(super) fn exit(self) {
        match self {
            // Nothing deferred: the channel is let go; Go ≤ 1.22 keeps its timer until it fires.
            Wait::Leaky(_) => {}
            // `defer t.Stop()`.
            Wait::Stop(t) | Wait::Reset(t) => {
                t.stop();
            }
            // `defer cancel()`.
            Wait::Context(ctx) => ctx.cancel(),
        }
    }

    /// The `select`'s timeout case, in a task: resolves when it is ready, taking the value.
    pub(super) async fn timeout(&self) {
        match self {
            Wait::Leaky(c) => {
                c.recv_async().await;
            }
            Wait::Stop(t) | Wait::Reset(t) => {
                t.c().recv_async().await;
            }
            Wait::Context(ctx) => ctx.done().await,
        }
    }

    /// The `select`'s timeout case, between two events: `true` (and the value taken) when it is
    /// ready now.
    pub(super) fn try_timeout(&self) -> bool {
        match self {
            Wait::Leaky(c) => c.try_recv().is_ok(),
            Wait::Stop(t) | Wait::Reset(t) => t.c().try_recv().is_ok(),
            Wait::Context(ctx) => ctx.is_done(),
        }
    }
}

/// The incident: `case <-time.After(3 * time.Second)` creates a timer every iteration, and
/// Go ≤ 1.22 keeps each one until it fires (golang/go#8898).
///
/// ```go
/// for { select { case m := <-c.readChan: c.handle(m); case <-time.After(d): c.ping() } }
/// ```
fn leaky(rt: &Runtime, idle: GoDuration, last: Option<(Chan, Case)>) -> Chan {
    // The last iteration's channel is unreachable once its select is over (let go of as the next is made).
    let last = last.map_or(Chan::nil(), |(c, _)| c);
    rt.after_replacing(last, idle)
}

/// Fix 1: a timer per iteration, stopped when the iteration ends.
///
/// ```go
/// t := time.NewTimer(d); defer t.Stop(); select { case m := <-c.readChan: ...; case <-t.C: ... }
/// ```
fn stop_per_iteration(rt: &Runtime, idle: GoDuration, last: Option<(Timer, Case)>) -> Timer {
    if let Some((t, _)) = last {
        t.stop();
    }
    rt.new_timer(idle)
}

/// Fix 2: one timer per connection; on a message, Stop, drain without blocking, Reset — correct
/// in both semantics (a blocking drain would hang when the value was already received,
/// golang/go#27169). After a timeout its value has been received: Reset alone.
///
/// ```go
/// t := time.NewTimer(d) // once
/// if !t.Stop() { select { case <-t.C: default: } }; t.Reset(d)
/// ```
fn one_timer_reset(rt: &Runtime, idle: GoDuration, last: Option<(Timer, Case)>) -> Timer {
    let Some((t, case)) = last else { return rt.new_timer(idle) };
    if case == Case::Message && !t.stop() {
        let _ = t.c().try_recv();
    }
    t.reset(idle);
    t
}

/// Fix 3: a context per iteration, cancelled when the iteration ends, which stops its timer.
///
/// ```go
/// ctx, cancel := context.WithTimeout(c.ctx, d); select { ...; case <-ctx.Done(): ... }; cancel()
/// ```
fn context_per_iteration(rt: &Runtime, idle: GoDuration, last: Option<(Context, Case)>) -> Context {
    // `cancel()`, then the next context; one cancelled before its deadline passes its signal on
    // (`context.rs`: Go allocates anew, and no program can tell).
    let cancelled = last.map(|(ctx, _)| ctx);
    Context::with_timeout(rt, idle, cancelled)
}

// Below the variants' code, so that the call sites the per-site profiles name stay put.
impl Wait {
    /// The timer behind the `select`'s timeout case (a context's is its deadline's AfterFunc).
    pub(super) fn timer(&self) -> TimerRef<'_> {
        match self {
            Wait::Leaky(c) => c.into(),
            Wait::Stop(t) | Wait::Reset(t) => t.into(),
            Wait::Context(ctx) => ctx.timer().into(),
        }
    }

    /// [`Wait::next`] for a context: `cancel()` takes it, and the nil channel holds its place
    /// until the next one is made.
    fn next_context(&mut self, rt: &Runtime, idle: GoDuration, case: Case) {
        if let Wait::Context(ctx) = std::mem::replace(self, Wait::Leaky(Chan::nil())) {
            *self = Wait::Context(context_per_iteration(rt, idle, Some((ctx, case))));
        }
    }

    /// Prefetches what the variant keeps beside its timer: a context's Done signal.
    pub(super) fn prefetch_own(&self) {
        if let Wait::Context(ctx) = self {
            ctx.prefetch();
        }
    }
}

#[cfg(test)]
mod tests {
    use gotime::{Semantics, Stats};

    use super::*;

    const VARIANTS: [Variant; 4] = [Variant::Leaky, Variant::Stop, Variant::Reset, Variant::Context];

    /// Two messages, then a timeout, on a manual clock: the runtime's stats after each step.
    fn three_iterations(variant: Variant, semantics: Semantics) -> Vec<Stats> {
        let rt = Runtime::new(semantics);
        let idle = GoDuration::from_secs(3);
        let mut wait = Wait::first(variant, &rt, idle);
        let mut stats = vec![rt.stats()];
        for case in [Case::Message, Case::Message] {
            rt.advance(GoDuration::SECOND);
            assert!(!wait.try_timeout(), "{variant:?}/{semantics}: not idle for the timeout yet");
            wait.next(&rt, idle, case);
            stats.push(rt.stats());
        }
        rt.advance(idle);
        assert!(wait.try_timeout(), "{variant:?}/{semantics}: ready at the deadline");
        wait.next(&rt, idle, Case::Timeout);
        stats.push(rt.stats());
        stats
    }

    #[test]
    fn only_the_leaky_loop_in_async_mode_keeps_the_last_iterations_timer() {
        for variant in VARIANTS {
            for semantics in Semantics::BOTH {
                let live: Vec<u64> = three_iterations(variant, semantics).iter().map(|s| s.live).collect();
                // Async keeps each message iteration's timer until it fires, at 3 s and 4 s,
                // before the timeout at 5 s.
                let expected = match (variant, semantics) {
                    (Variant::Leaky, Semantics::Async) => [1, 2, 3, 1],
                    _ => [1, 1, 1, 1],
                };
                assert_eq!(live, expected, "{variant:?}/{semantics}");
            }
        }
    }

    #[test]
    fn a_loop_lets_go_of_the_last_iterations_timer_before_it_creates_the_next() {
        // Go ≥ 1.23 never holds the unreachable channel: the peak is one timer, not two.
        for variant in VARIANTS {
            let peak = three_iterations(variant, Semantics::Sync).last().unwrap().peak;
            assert_eq!(peak, 1, "{variant:?}");
        }
    }

    #[test]
    fn only_the_reset_loop_creates_one_timer_for_the_whole_connection() {
        for variant in VARIANTS {
            for semantics in Semantics::BOTH {
                let created = three_iterations(variant, semantics).last().unwrap().created;
                let expected = if variant == Variant::Reset { 1 } else { 4 };
                assert_eq!(created, expected, "{variant:?}/{semantics}");
            }
        }
    }

    /// Both cases ready at once — a message arriving as the timeout falls due — and the select
    /// picks the message (Go picks at random): the next iteration must still wait a whole
    /// timeout. The loops that make a new timer per iteration get that for free; the reset loop
    /// only from its Stop-and-drain, without which async mode hands the next select the old
    /// timer's value at once (the stale value of golang/go#11513). Also on Go 1.23.0–1.23.1's
    /// runtime (golang/go#69312's race, whose window needs a second thread: here its sync half).
    #[test]
    fn a_message_chosen_over_a_due_timeout_leaves_no_stale_timeout_for_the_next_iteration() {
        let builds =
            Semantics::ALL.into_iter().map(|semantics| (semantics, false)).chain([(Semantics::Sync, true)]);
        for (semantics, race) in builds {
            for variant in VARIANTS {
                let rt = Runtime::builder(semantics).stop_race_69312(race).build();
                let semantics = if race { format!("{semantics}+69312") } else { semantics.to_string() };
                let idle = GoDuration::from_secs(3);
                let mut wait = Wait::first(variant, &rt, idle);
                rt.advance(idle);
                wait.next(&rt, idle, Case::Message);
                assert!(!wait.try_timeout(), "{variant:?}/{semantics}: a timeout right after the message");
                rt.advance(GoDuration::from_millis(2_999));
                assert!(!wait.try_timeout(), "{variant:?}/{semantics}: not idle for the timeout yet");
                rt.advance(GoDuration::from_millis(1));
                assert!(wait.try_timeout(), "{variant:?}/{semantics}: idle for a whole timeout");
            }
        }
    }

    #[test]
    fn the_loops_defers_release_the_timer_when_the_connection_ends() {
        for variant in VARIANTS {
            for semantics in Semantics::BOTH {
                let rt = Runtime::new(semantics);
                Wait::first(variant, &rt, GoDuration::from_secs(3)).exit();
                // The leaky loop has nothing to defer: async keeps its timer until it fires.
                let kept = variant == Variant::Leaky && semantics == Semantics::Async;
                assert_eq!(rt.stats().live, u64::from(kept), "{variant:?}/{semantics}");
            }
        }
    }
}
