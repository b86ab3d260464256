//! The tokio counterparts of the measured operations, on a current-thread runtime with paused time
//! and `n` other armed sleeps. AfterFunc has none: tokio has no timer that runs a callback.

use std::hint::black_box;
use std::pin::pin;
use std::task::Context;
use std::time::{Duration, Instant as WallInstant};

use criterion::{BenchmarkId, Criterion};
use tokio::time::{interval_at, sleep, sleep_until};

use crate::op::Op;
use crate::others::{noop_waker, poll_once, TokioOthers, OP};

/// Benchmarks the tokio counterpart of every [`Op`] that has one, with `n` other armed sleeps.
pub fn bench_all(c: &mut Criterion, n: usize) {
    let mut others: Option<TokioOthers> = None;
    let id = BenchmarkId::new("tokio", n);
    for op in Op::ALL.into_iter().filter(|&op| has_counterpart(op)) {
        c.benchmark_group(op.id()).bench_function(id.clone(), |b| {
            let others = others.get_or_insert_with(|| TokioOthers::new(n));
            b.iter_custom(|iters| measured(op, others, iters));
        });
    }
}

/// Whether tokio has a counterpart of `op`: all but AfterFunc.
pub fn has_counterpart(op: Op) -> bool {
    op != Op::AfterFuncStop
}

/// Runs the counterpart of `op` `iters` times and returns the time it took. tokio's time stays
/// paused at one instant throughout: nothing here parks the runtime.
///
/// # Panics
///
/// For [`Op::AfterFuncStop`], which has no counterpart.
#[inline(never)]
pub fn measured(op: Op, others: &TokioOthers, iters: u64) -> Duration {
    let waker = noop_waker();
    let op_duration = OP.to_std().expect("a positive duration");
    let later = op_duration + Duration::from_secs(60);
    let rt = others.rt();
    let _in_rt = rt.enter();
    let start = tokio::time::Instant::now();
    match op {
        // A sleep is armed by its first poll and disarmed by its drop: NewTimer + Stop.
        Op::NewTimerStop => time(iters, || {
            let s = pin!(sleep(op_duration));
            poll_once(s, &waker).is_pending()
        }),
        Op::ResetActive => {
            let mut s = Box::pin(sleep(op_duration));
            assert!(poll_once(s.as_mut(), &waker).is_pending());
            let mut flip = false;
            time(iters, || {
                flip = !flip; // two deadlines, so that every reset moves the entry
                s.as_mut().reset(start + if flip { later } else { op_duration });
            })
        }
        // time.After's counterpart, never read: a sleep never polled is never armed.
        Op::AfterDropped => time(iters, || drop(black_box(sleep_until(start + op_duration)))),
        Op::AfterFuncStop => panic!("tokio has no AfterFunc"),
        // interval_at: the first tick is 3 minutes away, so the poll arms it.
        Op::TickerStop => time(iters, || {
            let mut ticker = interval_at(start + op_duration, op_duration);
            ticker.poll_tick(&mut Context::from_waker(&waker)).is_pending()
        }),
        Op::Seed2Loop => seed2_loop(rt, iters, op_duration),
    }
}

/// Times `iters` calls of `f`, keeping each result observable.
fn time<T>(iters: u64, mut f: impl FnMut() -> T) -> Duration {
    let start = WallInstant::now();
    for _ in 0..iters {
        black_box(f());
    }
    start.elapsed()
}

/// The seed-2 consumer's iteration in tokio: `select! { biased; sleep(3m), recv }` with a message
/// ready; polling the sleep first arms it, taking the message drops (disarms) it.
fn seed2_loop(rt: &tokio::runtime::Runtime, iters: u64, op_duration: Duration) -> Duration {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<u64>();
    rt.block_on(async {
        let start = WallInstant::now();
        for i in 0..iters {
            tx.send(i).expect("the receiver is alive");
            tokio::select! {
                biased;
                () = sleep(op_duration) => panic!("the 3-minute timeout fired: time does not move here"),
                m = rx.recv() => { black_box(m); }
            }
        }
        start.elapsed()
    })
}
