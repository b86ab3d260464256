//! The simulator's own memory per live timer, measured with a counting global allocator.
//!
//! A scenario like S2 leaks millions of simulated timers in async mode, so what one live timer costs
//! the simulator (not the Go process it simulates: that is `CostModel`) bounds how far it can go.
//! The budget is 96 bytes per live timer, everything included: the timer table slot, the heap item,
//! the heap's position index, and the spare capacity of their vectors at a million timers.
//!
//! Byte counts are allocation sizes, not timings: the same build gives the same numbers every run.
//! Each count is taken once the timers are in the heap (`next_deadline` heaps the timers armed since
//! the heap was last read): before that they sit in a queue of 4 bytes per timer instead of the
//! heap's 28, so counting then would flatter the runtime.
//!
//! The allocator counts every thread of the process, and a test binary has more than the test's:
//! libtest's main thread reports results and spawns the next tests while one measures, and other
//! tests allocate. So each test measures [`alone`]: in a child process of this binary that runs
//! that one test and nothing else, once libtest's main thread waits for its result, so that the
//! only thread allocating is the measuring one.

#![cfg(not(gotime_loom))]

use std::alloc::System;
use std::future::Future;
use std::process::Command;

use gotime::{GoDuration, Runtime, Semantics, Timer};
use stats_alloc::{StatsAlloc, INSTRUMENTED_SYSTEM};

/// The system allocator, counting every allocation of this test binary (and only of it).
#[global_allocator]
static ALLOCATOR: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Set, to the test's name, in the child process [`alone`] starts.
const ALONE: &str = "GOTIME_MEMORY_PER_TIMER_ALONE";

/// Runs `measure` in a child process of this test binary that runs only `test` (this test's
/// name, as libtest lists it) on one test thread, and fails with the child's output if it
/// failed. In the child, `alone` runs `measure` itself, once the harness waits.
fn alone(test: &str, measure: impl FnOnce()) {
    if std::env::var(ALONE).is_ok_and(|name| name == test) {
        until_the_harness_waits();
        measure();
        return;
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let out = Command::new(exe)
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(ALONE, test)
        .output()
        .expect("the test binary runs again");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    print!("{stdout}");
    eprint!("{stderr}");
    assert!(out.status.success(), "{test}, measured alone in a child process, failed: {}", out.status);
    assert!(stdout.contains("1 passed"), "{test}: the child ran no test named so");
}

/// Returns once libtest's main thread sleeps, waiting for this test's result. It allocates when
/// it starts waiting (its channel's wait context and waker entry: "2 allocations in 10,000
/// iterations" on a loaded machine, when it started late) and never again until the test ends.
/// Its state is read from `/proc` (Linux); elsewhere, or after 10 s, this returns at once.
fn until_the_harness_waits() {
    // libtest's main thread is the process's first thread: its id is the process id.
    let stat = format!("/proc/self/task/{}/stat", std::process::id());
    for _ in 0..10_000 {
        let Ok(line) = std::fs::read_to_string(&stat) else { return };
        // `pid (command) state …`: the state follows the last ')'; `S` is asleep.
        if line.rsplit_once(')').is_some_and(|(_, rest)| rest.trim_start().starts_with('S')) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

const TIMERS: usize = 1_000_000;
const BUDGET_BYTES_PER_TIMER: f64 = 96.0;

/// Bytes allocated and not yet freed, by every thread of this test binary.
fn live_bytes() -> isize {
    let stats = ALLOCATOR.stats();
    stats.bytes_allocated as isize - stats.bytes_deallocated as isize
}

/// Bytes still allocated per timer since `before`, less `excluded` bytes the test itself holds.
fn per_timer(before: isize, excluded: usize) -> f64 {
    (live_bytes() - before - excluded as isize) as f64 / TIMERS as f64
}

fn three_minutes() -> GoDuration {
    GoDuration::from_mins(3)
}

#[test]
fn a_dropped_after_timer_retained_in_async_mode_costs_at_most_96_bytes() {
    alone("a_dropped_after_timer_retained_in_async_mode_costs_at_most_96_bytes", || {
        let rt = Runtime::new(Semantics::Async);
        let before = live_bytes();
        for _ in 0..TIMERS {
            drop(rt.after(three_minutes())); // the seeds' leak: Go <= 1.22 keeps each until it fires
        }
        assert_eq!(rt.stats().live, TIMERS as u64, "every dropped After timer is still armed");
        assert!(rt.next_deadline().is_some(), "heaped");
        let bytes = per_timer(before, 0);
        println!("async, 1e6 dropped after(3m): {bytes:.2} bytes per live timer");
        assert!(bytes <= BUDGET_BYTES_PER_TIMER, "{bytes:.2} bytes per live timer, budget 96");
        rt.advance(three_minutes());
        assert_eq!(rt.stats().live, 0, "firing releases them");
    });
}

#[test]
fn a_dropped_after_timer_leaves_nothing_behind_in_async_collected_and_sync_modes() {
    alone("a_dropped_after_timer_leaves_nothing_behind_in_async_collected_and_sync_modes", || {
        for semantics in Semantics::ALL.into_iter().filter(|s| s.collects_unreferenced()) {
            let rt = Runtime::new(semantics);
            let before = live_bytes();
            for _ in 0..TIMERS {
                drop(rt.after(three_minutes())); // Go >= 1.23 collects an unreferenced channel timer
            }
            assert_eq!(rt.stats().live, 0);
            // One slot, reused, and queued for the heap once: what remains before the heap is
            // next read is the runtime's fixed tables, not a cost per timer.
            let bytes = per_timer(before, 0);
            println!("{semantics}, 1e6 dropped after(3m): {bytes:.4} bytes per created timer");
            assert!(bytes < 0.01, "{semantics}: {bytes} bytes per collected timer");
            assert_eq!(rt.next_deadline(), None, "{semantics}: nothing to heap");
        }
    });
}

/// A no-op waker, for polling `recv_async` by hand.
struct NoWake;

impl std::task::Wake for NoWake {
    fn wake(self: std::sync::Arc<Self>) {}
}

#[test]
fn a_select_loop_allocates_nothing_per_iteration_in_sync_mode() {
    alone("a_select_loop_allocates_nothing_per_iteration_in_sync_mode", || {
        let rt = Runtime::new(Semantics::Sync);
        let waker = std::task::Waker::from(std::sync::Arc::new(NoWake));
        let mut cx = std::task::Context::from_waker(&waker);
        // The seeds' loop: each iteration awaits a fresh `time.After` and loses to a message.
        let mut iteration = || {
            let timeout = rt.after(three_minutes());
            let mut recv = std::pin::pin!(timeout.recv_async());
            assert!(recv.as_mut().poll(&mut cx).is_pending());
        };
        iteration(); // warm: the slot, the waker's box, the queue
        let before = ALLOCATOR.stats().allocations;
        for _ in 0..10_000 {
            iteration();
        }
        let allocations = ALLOCATOR.stats().allocations - before;
        assert_eq!(allocations, 0, "{allocations} allocations in 10,000 iterations");
    });
}

fn held_timers_cost(semantics: Semantics) -> f64 {
    let rt = Runtime::new(semantics);
    let before = live_bytes();
    let mut held: Vec<Timer> = Vec::with_capacity(TIMERS);
    for _ in 0..TIMERS {
        held.push(rt.new_timer(three_minutes()));
    }
    assert_eq!(rt.stats().live, TIMERS as u64, "every held timer is armed");
    assert!(rt.next_deadline().is_some(), "heaped");
    // The handles themselves are the program's memory, not the runtime's.
    let handles = held.capacity() * std::mem::size_of::<Timer>();
    let bytes = per_timer(before, handles);
    println!("{semantics}, 1e6 held new_timer(3m): {bytes:.2} bytes per live timer (handles excluded)");
    drop(held);
    // Async keeps every armed timer the program dropped (golang/go#8898); async-collected and
    // sync collect them.
    let retained = if semantics.collects_unreferenced() { 0 } else { TIMERS as u64 };
    assert_eq!(rt.stats().live, retained, "{semantics}");
    bytes
}

/// What a live timer costs once heaped: a 48-byte slot, a 24-byte heap item and a 4-byte heap
/// position, each vector at its doubled capacity of 2^20 entries for 1e6 timers.
const SLOT_HEAP_AND_POSITION: f64 = 76.0 * (1 << 20) as f64 / TIMERS as f64;

#[test]
fn nothing_but_the_slot_and_the_heap_stays_once_the_timers_are_heaped() {
    alone("nothing_but_the_slot_and_the_heap_stays_once_the_timers_are_heaped", || {
        for semantics in Semantics::ALL {
            let bytes = held_timers_cost(semantics);
            // Anything more is memory kept after the arming queue was drained (4 B per timer).
            assert!(
                (bytes - SLOT_HEAP_AND_POSITION).abs() < 0.05,
                "{semantics}: {bytes:.2} bytes per live timer, expected {SLOT_HEAP_AND_POSITION:.2}"
            );
        }
    });
}

#[test]
fn a_held_timer_costs_at_most_96_bytes_in_async_mode() {
    alone("a_held_timer_costs_at_most_96_bytes_in_async_mode", || {
        let bytes = held_timers_cost(Semantics::Async);
        assert!(bytes <= BUDGET_BYTES_PER_TIMER, "{bytes:.2} bytes per live timer, budget 96");
    });
}

#[test]
fn a_held_timer_costs_at_most_96_bytes_in_async_collected_and_sync_modes() {
    alone("a_held_timer_costs_at_most_96_bytes_in_async_collected_and_sync_modes", || {
        for semantics in [Semantics::AsyncCollected, Semantics::Sync] {
            let bytes = held_timers_cost(semantics);
            assert!(
                bytes <= BUDGET_BYTES_PER_TIMER,
                "{semantics}: {bytes:.2} bytes per live timer, budget 96"
            );
        }
    });
}
