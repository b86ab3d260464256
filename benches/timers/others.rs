//! The other live timers already in the heap while an operation is measured, and the durations
//! every benchmark uses. `oracle/bench/timers_test.go` builds the same set on real Go.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use gotime::{GoDuration, Instant, Runtime, Semantics, Timer};
use tokio::time::Sleep;

use crate::op::Op;

/// Numbers of other live timers: each operation is measured with each of these in the heap.
pub const SIZES: [usize; 4] = [10, 1_000, 100_000, 1_000_000];

/// The duration of every timer a measured operation creates: the seed scenarios' 3 minutes.
/// The clock does not move while an operation is measured, so none of them fires then.
pub const OP: GoDuration = GoDuration::from_mins(3);

/// At most this many timers leaked by a measured loop (async `after`, dropped) stay in the heap:
/// then the clock moves on untimed to fire them. Go's side runs such a loop exactly this many
/// times per process (`-benchtime 10000x`), so both carry the same extra heap.
pub const LEAK_BOUND: u64 = 10_000;

/// The duration of the `i`-th of `n` other timers: `n` values spread evenly over [1m, 61m), in the
/// scrambled order `i·7919 mod n` (7919 is prime, so a permutation for every size in [`SIZES`]).
pub fn other_duration(i: usize, n: usize) -> GoDuration {
    let k = (i as i64 * 7919) % n as i64;
    GoDuration::from_mins(1)
        .saturating_add(GoDuration::from_nanos(k * GoDuration::HOUR.as_nanos() / n as i64))
}

fn noop() {}

/// A timerlab runtime with `n` other live timers: AfterFuncs, armed in every semantics (and in Go's
/// heap in every mode, where a channel timer of Go >= 1.23 is heaped only while a receiver waits).
pub struct GotimeOthers {
    rt: Runtime,
    timers: Vec<Timer>,
    durations: Vec<GoDuration>,
    deadlines: Vec<Instant>,
    /// Timers leaked since the last collection, and by which operation.
    leaked: u64,
    leaker: Option<Op>,
}

impl GotimeOthers {
    pub fn new(semantics: Semantics, n: usize) -> GotimeOthers {
        let rt = Runtime::new(semantics);
        let durations: Vec<GoDuration> = (0..n).map(|i| other_duration(i, n)).collect();
        let timers = durations.iter().map(|&d| rt.after_func(d, noop)).collect();
        let deadlines = durations.iter().map(|&d| rt.now().deadline_after(d)).collect();
        assert_eq!(rt.stats().live, n as u64);
        // Heap them now: the runtime heaps armed timers when the heap is next read, and the
        // others are meant to be in the heap every measured operation works against.
        assert_eq!(rt.next_deadline().is_some(), n > 0);
        GotimeOthers { rt, timers, durations, deadlines, leaked: 0, leaker: None }
    }

    pub fn rt(&self) -> &Runtime {
        &self.rt
    }

    /// Called before a measured loop of `op` that leaks `n` more timers (async `after`, dropped):
    /// fires the leaked timers first when another operation leaked them, or when the heap would
    /// then hold more than [`LEAK_BOUND`]. The leak otherwise carries over from one criterion
    /// sample to the next, so that collections stay rare and every round runs on a warm heap.
    pub fn make_room(&mut self, op: Op, n: u64) {
        if self.rt.semantics().collects_unreferenced() {
            return; // an unreferenced channel timer is collected at once: nothing leaks
        }
        if self.leaker != Some(op) || self.leaked + n > LEAK_BOUND {
            self.collect_leaked();
        }
        self.leaker = Some(op);
        self.leaked += n;
    }

    /// Fires every leaked timer by letting [`OP`] pass, then re-arms the other timers that fired
    /// on the way with their own durations, so the heap holds exactly the `n` others again.
    pub fn collect_leaked(&mut self) {
        if self.leaked == 0 {
            return;
        }
        self.rt.advance(OP);
        let now = self.rt.now();
        for ((timer, deadline), &d) in self.timers.iter().zip(&mut self.deadlines).zip(&self.durations) {
            if *deadline <= now {
                timer.reset(d);
                *deadline = now.deadline_after(d);
            }
        }
        self.leaked = 0;
        assert_eq!(self.rt.stats().live, self.timers.len() as u64, "only the others are left");
        self.rt.next_deadline(); // heap the re-armed others before the next measured round
    }
}

/// A current-thread tokio runtime with paused time and `n` other armed sleeps. Time never moves:
/// nothing here parks the runtime, which is when a paused clock would jump.
pub struct TokioOthers {
    // Dropped before the runtime: a sleep deregisters from its runtime's timer wheel.
    _sleeps: Vec<Pin<Box<Sleep>>>,
    rt: tokio::runtime::Runtime,
}

impl TokioOthers {
    pub fn new(n: usize) -> TokioOthers {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("a current-thread runtime builds");
        let waker = noop_waker();
        let sleeps = {
            let _in_rt = rt.enter();
            (0..n)
                .map(|i| {
                    let d = other_duration(i, n).to_std().expect("a positive duration");
                    let mut sleep = Box::pin(tokio::time::sleep(d));
                    // tokio arms a sleep on its first poll.
                    assert!(poll_once(sleep.as_mut(), &waker).is_pending());
                    sleep
                })
                .collect()
        };
        TokioOthers { _sleeps: sleeps, rt }
    }

    pub fn rt(&self) -> &tokio::runtime::Runtime {
        &self.rt
    }
}

struct NoopWake;

impl Wake for NoopWake {
    fn wake(self: Arc<Self>) {}
}

/// A waker that does nothing: made once per benchmark, so polls allocate nothing.
pub fn noop_waker() -> Waker {
    Waker::from(Arc::new(NoopWake))
}

/// Polls `future` once with `waker`.
pub fn poll_once<F: Future>(future: Pin<&mut F>, waker: &Waker) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(waker))
}
