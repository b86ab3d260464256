//! Leak bounds of the seed loops (SCENARIOS.md S1/S2) on the runtime, for random workloads:
//! several loops, each receiving messages after random gaps (some longer than its timeout, so
//! timeouts happen), each iteration a `select` between the next message and a timer.
//!
//! - The fixes (NewTimer + Stop per iteration, one timer with Stop/drain/Reset, a context-style
//!   deadline stopped when the loop ends) never have more live timers than running loops, at any
//!   instant, in every mode.
//! - `time.After` in the loop: in async mode exactly the live count the reference model predicts,
//!   which is the number of Afters whose deadline has not passed (golang/go#8898); in
//!   async-collected and sync mode, which retain nothing unreferenced (golang/go#61542), at most
//!   the one each running loop holds — and exactly the model's count.
//! - Once every loop ended and the longest timeout has passed, nothing is live.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use gotime::{Chan, GoDuration, Instant, Runtime, Semantics, Timer};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use timerlab_model::{Model, TimerId};

use crate::config::config;

/// A duration in the model's own type (it shares no clock code with the runtime): same nanoseconds.
fn model_duration(d: GoDuration) -> timerlab_model::Duration {
    timerlab_model::Duration::from_nanos(d.as_nanos())
}

/// An instant in the model's own type: the same nanoseconds since the start.
fn model_time(t: Instant) -> timerlab_model::Time {
    timerlab_model::Time::from_nanos(t.as_nanos())
}

/// How each loop waits for its next message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pattern {
    /// `t := time.NewTimer(d); select { ... }; t.Stop()` in every iteration.
    TimerStopPerIteration,
    /// One `NewTimer` per loop; on a message `if !t.Stop() { select { case <-t.C: default: } }`,
    /// then `t.Reset(d)`; on a timeout `t.Reset(d)`.
    OneTimerStopDrainReset,
    /// `context.WithTimeout`: one AfterFunc per loop that cancels it (3 timeouts after the start);
    /// the loop ends on cancellation or after its last message, and `cancel()` stops the AfterFunc.
    ContextCancel,
    /// `case <-time.After(d):` in every iteration: the leak.
    AfterInLoop,
}

/// One loop: when it starts, its timeout, and the gap before each iteration's message.
#[derive(Clone, Debug)]
struct LoopSpec {
    start: GoDuration,
    timeout: GoDuration,
    gaps: Vec<GoDuration>,
}

#[derive(Clone, Debug)]
struct Workload {
    pattern: Pattern,
    loops: Vec<LoopSpec>,
}

fn loop_spec() -> impl Strategy<Value = LoopSpec> {
    (0i64..50, 1i64..=5, proptest::collection::vec(1i64..=80, 1..=8)).prop_map(|(start, timeout, gaps)| {
        LoopSpec {
            start: GoDuration::from_millis(start * 100),
            timeout: GoDuration::from_secs(timeout),
            gaps: gaps.into_iter().map(|g| GoDuration::from_millis(g * 100)).collect(),
        }
    })
}

fn workload(pattern: Pattern) -> impl Strategy<Value = Workload> {
    proptest::collection::vec(loop_spec(), 1..=4).prop_map(move |loops| Workload { pattern, loops })
}

/// A running loop's state.
enum Phase {
    NotStarted,
    Running { iteration: usize, since: Instant },
    Done,
}

struct Loop {
    spec: LoopSpec,
    phase: Phase,
    timer: Option<Timer>,
    after: Option<(Chan, TimerId)>,
    context: Option<(Timer, Instant, Arc<AtomicBool>)>,
}

/// The workload on one runtime (and, for `AfterInLoop`, on the reference model in step).
struct Sim {
    pattern: Pattern,
    rt: Runtime,
    model: Model,
    loops: Vec<Loop>,
    running: u64,
    /// Deadlines of every After created, for the arithmetic prediction.
    after_deadlines: Vec<Instant>,
}

impl Sim {
    fn new(w: &Workload, semantics: Semantics) -> Sim {
        let loops = w
            .loops
            .iter()
            .map(|spec| Loop {
                spec: spec.clone(),
                phase: Phase::NotStarted,
                timer: None,
                after: None,
                context: None,
            })
            .collect();
        Sim {
            pattern: w.pattern,
            rt: Runtime::new(semantics),
            model: Model::new(semantics),
            loops,
            running: 0,
            after_deadlines: Vec::new(),
        }
    }

    /// When loop `i` next does something, and whether it is its timer (rather than a message).
    /// A message at the very instant of the timeout loses: the timer is ready first.
    fn next_event(&self, i: usize) -> Option<(Instant, bool)> {
        let l = &self.loops[i];
        match l.phase {
            Phase::NotStarted => Some((Instant::from_start(l.spec.start), false)),
            Phase::Running { iteration, since } => {
                let message = since.deadline_after(l.spec.gaps[iteration]);
                let timeout = match &l.context {
                    Some((_, deadline, _)) => *deadline,
                    None => since.deadline_after(l.spec.timeout),
                };
                Some(if timeout <= message { (timeout, true) } else { (message, false) })
            }
            Phase::Done => None,
        }
    }

    /// Starts an iteration of loop `i` at `now`: the per-iteration timer of each pattern.
    fn begin_iteration(&mut self, i: usize, iteration: usize, now: Instant) {
        let timeout = self.loops[i].spec.timeout;
        match self.pattern {
            Pattern::TimerStopPerIteration => self.loops[i].timer = Some(self.rt.new_timer(timeout)),
            Pattern::AfterInLoop => {
                let c = self.rt.after(timeout);
                let m = self.model.after(model_duration(timeout));
                self.after_deadlines.push(now.deadline_after(timeout));
                self.loops[i].after = Some((c, m));
            }
            Pattern::OneTimerStopDrainReset | Pattern::ContextCancel => {}
        }
        self.loops[i].phase = Phase::Running { iteration, since: now };
    }

    fn start(&mut self, i: usize, now: Instant) {
        self.running += 1;
        let timeout = self.loops[i].spec.timeout;
        match self.pattern {
            Pattern::OneTimerStopDrainReset => self.loops[i].timer = Some(self.rt.new_timer(timeout)),
            Pattern::ContextCancel => {
                let cancelled = Arc::new(AtomicBool::new(false));
                let flag = Arc::clone(&cancelled);
                let d = timeout.saturating_mul(3);
                let t = self.rt.after_func(d, move || flag.store(true, Ordering::SeqCst));
                self.loops[i].context = Some((t, now.deadline_after(d), cancelled));
            }
            Pattern::TimerStopPerIteration | Pattern::AfterInLoop => {}
        }
        self.begin_iteration(i, 0, now);
    }

    /// Loop `i`'s select returned at `now`: by its timer when `timed_out`, else by a message.
    fn select_returned(&mut self, i: usize, now: Instant, timed_out: bool) -> Result<(), TestCaseError> {
        let Phase::Running { iteration, .. } = self.loops[i].phase else { unreachable!("a running loop") };
        let timeout = self.loops[i].spec.timeout;
        let mut ends = iteration + 1 == self.loops[i].spec.gaps.len();
        let l = &mut self.loops[i];
        match self.pattern {
            Pattern::TimerStopPerIteration => {
                let t = l.timer.take().expect("an iteration timer");
                if timed_out {
                    prop_assert!(t.c().try_recv().is_ok(), "the timeout's value is ready at {now}");
                } else {
                    t.stop();
                }
            }
            Pattern::OneTimerStopDrainReset => {
                let t = l.timer.as_ref().expect("the loop's timer");
                if timed_out {
                    prop_assert!(t.c().try_recv().is_ok(), "the timeout's value is ready at {now}");
                } else if !t.stop() {
                    let _ = t.c().try_recv();
                }
                t.reset(timeout);
            }
            Pattern::ContextCancel => {
                if timed_out {
                    let (_, _, cancelled) = l.context.as_ref().expect("the loop's context");
                    prop_assert!(cancelled.load(Ordering::SeqCst), "the context was cancelled at {now}");
                    ends = true;
                }
            }
            Pattern::AfterInLoop => {
                let (c, m) = l.after.take().expect("an iteration's After");
                if timed_out {
                    prop_assert!(c.try_recv().is_ok(), "the After's value is ready at {now}");
                    prop_assert!(self.model.try_recv(m).is_some(), "the model's After is ready at {now}");
                }
                self.model.drop_ref(m);
            }
        }
        if ends {
            self.end(i);
        } else {
            self.begin_iteration(i, iteration + 1, now);
        }
        Ok(())
    }

    /// The loop returns: it stops what it still holds (`defer t.Stop()`, `cancel()`).
    fn end(&mut self, i: usize) {
        let l = &mut self.loops[i];
        if let Some(t) = l.timer.take() {
            t.stop();
        }
        if let Some((t, _, _)) = l.context.take() {
            t.stop();
        }
        l.phase = Phase::Done;
        self.running -= 1;
    }

    /// The bound of the pattern, checked after every event (live timers only fall in between).
    fn check(&self, semantics: Semantics) -> Result<(), TestCaseError> {
        let now = self.rt.now();
        let live = self.rt.stats().live;
        match (self.pattern, semantics.collects_unreferenced()) {
            (Pattern::AfterInLoop, false) => {
                let predicted = self.after_deadlines.iter().filter(|&&d| d > now).count() as u64;
                prop_assert_eq!(self.model.live() as u64, predicted, "model at {}", now);
                prop_assert_eq!(live, predicted, "runtime live timers at {} (async After leak)", now);
            }
            (Pattern::AfterInLoop, true) => {
                prop_assert_eq!(live, self.model.live() as u64, "runtime vs model at {}", now);
                prop_assert!(
                    live <= self.running,
                    "{} live > {} running loops at {}",
                    live,
                    self.running,
                    now
                );
            }
            _ => {
                prop_assert!(
                    live <= self.running,
                    "{} live > {} running loops at {}",
                    live,
                    self.running,
                    now
                );
            }
        }
        Ok(())
    }

    fn run(mut self, semantics: Semantics) -> Result<(), TestCaseError> {
        loop {
            let next =
                (0..self.loops.len()).filter_map(|i| self.next_event(i).map(|(t, to)| (t, i, to))).min();
            let Some((at, i, timed_out)) = next else { break };
            self.rt.advance_to(at);
            self.model.advance_to(model_time(at));
            match self.loops[i].phase {
                Phase::NotStarted => self.start(i, at),
                _ => self.select_returned(i, at, timed_out)?,
            }
            self.check(semantics)?;
        }
        let peak = self.rt.stats().peak;
        if self.pattern != Pattern::AfterInLoop || semantics.collects_unreferenced() {
            let loops = self.loops.len() as u64;
            prop_assert!(peak <= loops, "peak {} live timers > {} loops", peak, loops);
        }
        let longest = self.loops.iter().map(|l| l.spec.timeout).max().unwrap_or(GoDuration::ZERO);
        self.rt.advance(longest);
        prop_assert_eq!(self.rt.stats().live, 0, "live timers after every loop ended and {} passed", longest);
        Ok(())
    }
}

fn bounded(w: &Workload) -> Result<(), TestCaseError> {
    for semantics in Semantics::ALL {
        Sim::new(w, semantics)
            .run(semantics)
            .map_err(|e| TestCaseError::fail(format!("{semantics} mode: {e}")))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config("leak_bounds", concat!(env!("CARGO_MANIFEST_DIR"), "/properties/proptest-regressions/leak_bounds.txt")))]

    #[test]
    fn new_timer_and_stop_per_iteration_keeps_at_most_one_live_timer_per_loop(
        w in workload(Pattern::TimerStopPerIteration)
    ) {
        bounded(&w)?;
    }

    #[test]
    fn one_timer_with_stop_drain_reset_keeps_at_most_one_live_timer_per_loop(
        w in workload(Pattern::OneTimerStopDrainReset)
    ) {
        bounded(&w)?;
    }

    #[test]
    fn a_context_deadline_stopped_at_loop_end_keeps_at_most_one_live_timer_per_loop(
        w in workload(Pattern::ContextCancel)
    ) {
        bounded(&w)?;
    }

    #[test]
    fn after_in_a_loop_leaks_exactly_the_unexpired_timers_in_async_mode_and_nothing_in_the_others(
        w in workload(Pattern::AfterInLoop)
    ) {
        bounded(&w)?;
    }
}
