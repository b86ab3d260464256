//! The measured operations on timerlab's runtime, in one semantics, with `n` other live timers.

use std::hint::black_box;
use std::time::{Duration, Instant as WallInstant};

use criterion::{BenchmarkId, Criterion};
use gotime::{GoDuration, Runtime, Semantics};

use crate::op::Op;
use crate::others::{GotimeOthers, LEAK_BOUND, OP};

fn noop() {}

/// Benchmarks every [`Op`] on one runtime holding `n` other live timers, built on first use (so
/// a filter that selects nothing here builds nothing).
pub fn bench_all(c: &mut Criterion, semantics: Semantics, n: usize) {
    let mut others: Option<GotimeOthers> = None;
    let id = BenchmarkId::new(format!("timerlab-{semantics}"), n);
    for op in Op::ALL {
        c.benchmark_group(op.id()).bench_function(id.clone(), |b| {
            let others = others.get_or_insert_with(|| GotimeOthers::new(semantics, n));
            b.iter_custom(|iters| measured(op, others, iters));
        });
    }
}

/// Runs `op` `iters` times and returns the time it took. Operations that leak a timer per
/// iteration (async `after`, dropped) run in rounds of at most [`LEAK_BOUND`]; firing the leaked
/// timers between rounds is not timed.
#[inline(never)]
pub fn measured(op: Op, others: &mut GotimeOthers, iters: u64) -> Duration {
    if !op.leaks() {
        others.collect_leaked(); // a leaking operation's timers are not this one's heap
    }
    let mut elapsed = Duration::ZERO;
    let mut left = iters;
    while left > 0 {
        let round = if op.leaks() { left.min(LEAK_BOUND) } else { left };
        if op.leaks() {
            others.make_room(op, round);
        }
        elapsed += round_of(op, others, round);
        left -= round;
    }
    elapsed
}

fn round_of(op: Op, others: &GotimeOthers, iters: u64) -> Duration {
    let rt = others.rt();
    match op {
        Op::NewTimerStop => time(rt, iters, || {
            let t = rt.new_timer(OP);
            t.stop()
        }),
        Op::ResetActive => {
            let t = rt.new_timer(OP);
            // Heaped before the loop: a Reset then re-keys a heap item, as it does in a running
            // simulation, rather than a timer still waiting to be heaped.
            black_box(rt.next_deadline());
            let later = OP.saturating_add(GoDuration::MINUTE);
            let mut flip = false;
            let elapsed = time(rt, iters, || {
                flip = !flip; // two deadlines, so that every Reset moves the timer
                t.reset(if flip { later } else { OP })
            });
            t.stop(); // not left armed in async mode, where a dropped timer stays
            elapsed
        }
        Op::AfterDropped => time(rt, iters, || drop(black_box(rt.after(OP)))),
        Op::AfterFuncStop => time(rt, iters, || {
            let t = rt.after_func(OP, noop);
            t.stop()
        }),
        Op::TickerStop => time(rt, iters, || {
            let t = rt.new_ticker(OP);
            t.stop();
        }),
        Op::Seed2Loop => seed2_loop(others, iters),
    }
}

/// Times `iters` calls of `f`, keeping each result observable, and then heaps what they armed.
fn time<T>(rt: &Runtime, iters: u64, mut f: impl FnMut() -> T) -> Duration {
    let start = WallInstant::now();
    for _ in 0..iters {
        black_box(f());
    }
    heap_the_armed(rt);
    start.elapsed()
}

/// The runtime heaps a timer when the heap is next read, not when it is armed; reading it inside
/// the timed window charges each operation for the timers it left armed (async mode's leak) —
/// work that would otherwise fall into the untimed firing between rounds.
fn heap_the_armed(rt: &Runtime) {
    black_box(rt.next_deadline());
}

/// One iteration of the seed-2 consumer: `select { case m := <-msgs: ...; case <-time.After(3m): }`
/// with a message ready. The timeout branch is polled first (`biased`), so every iteration arms
/// and registers its timer as a select whose timeout is live does; then the message is taken and
/// the timer dropped (leaked until it fires, in async mode).
fn seed2_loop(others: &GotimeOthers, iters: u64) -> Duration {
    let exec = tokio::runtime::Builder::new_current_thread().build().expect("a current-thread runtime");
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<u64>();
    let rt = others.rt();
    exec.block_on(async {
        let start = WallInstant::now();
        for i in 0..iters {
            tx.send(i).expect("the receiver is alive");
            let timeout = rt.after(OP);
            tokio::select! {
                biased;
                _ = timeout.recv_async() => panic!("the 3-minute timeout fired: time does not move here"),
                m = rx.recv() => { black_box(m); }
            }
        }
        heap_the_armed(rt);
        start.elapsed()
    })
}
