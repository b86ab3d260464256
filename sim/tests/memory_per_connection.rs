//! The simulator's own memory per simulated connection and per live timer on S1's events engine,
//! measured with a counting global allocator.
//!
//! The engine's goal is S1 at 1,000,000 connections in at most 2 GiB of resident memory
//! (docs/PERFORMANCE.md): about 2 KiB per connection for everything — the engine's records of the
//! user and of its connection, the events in the calendar, the connection's live timers in
//! gotime, and what the allocator and the process add to the bytes allocated. The budgets below
//! give the allocated bytes half of that, 1 KiB per connection with the live timers of the leaky
//! loop in async mode (about three per connection at one message per second), and split it: a
//! connection with its one timer, and each further live timer.
//!
//! Each run's peak is sampled at every progress report (200 per run), from inside the run: the
//! bytes allocated and not yet freed. Byte counts are allocation sizes, not timings: the same
//! build gives the same numbers every run. The allocator counts every thread of this test binary,
//! so the tests take turns (`MEASURING`) and nothing else runs in it.

use std::alloc::System;
use std::sync::Mutex;

use gotime::Semantics;
use stats_alloc::{StatsAlloc, INSTRUMENTED_SYSTEM};
use timerlab_sim::{run, RunConfig, RunReport};

/// The system allocator, counting every allocation of this test binary (and only of it).
#[global_allocator]
static ALLOCATOR: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

static MEASURING: Mutex<()> = Mutex::new(());

/// Enough users that the engine's fixed tables are noise next to what grows with them.
const USERS: u32 = 100_000;

/// Bytes per connection with its one live timer: the records (a 64-byte user, a 64-byte
/// connection), the calendar's pending events (a message and at most one look per connection)
/// and gotime's timer (76 bytes, `crates/gotime/tests/memory_per_timer.rs`), with room for the
/// tables' spare capacity.
const BUDGET_PER_CONNECTION: f64 = 512.0;

/// Bytes per further live timer: gotime's slot, heap item and heap position (76 bytes) in
/// vectors grown by doubling, so up to twice that just past a power of two; the engine keeps
/// nothing per timer.
const BUDGET_PER_TIMER: f64 = 160.0;

/// Bytes per connection with the leaky loop's live timers in async mode: half of the 2 KiB
/// per connection of resident memory.
const BUDGET_PER_LEAKING_CONNECTION: f64 = 1024.0;

/// Bytes allocated and not yet freed, by every thread of this test binary.
fn live_bytes() -> i64 {
    let stats = ALLOCATOR.stats();
    stats.bytes_allocated as i64 - stats.bytes_deallocated as i64
}

/// S1 on the events engine at one message per second per user, with every user connected after
/// 5 s and no kill; returns the report and the peak of bytes allocated during the run.
fn measured(variant: &str, semantics: Semantics) -> (RunReport, i64) {
    let config = RunConfig::new("s1", variant, semantics, 1)
        .with_param("engine", "events")
        .with_param("users", &USERS.to_string())
        .with_param("duration", "15s")
        .with_param("ramp-time", "5s")
        .with_param("rate", "1")
        .with_param("rate-peak", "1")
        .with_param("budget", "64GiB");
    let before = live_bytes();
    let mut peak = 0;
    let report = run(&config, &mut |_, _| peak = peak.max(live_bytes() - before)).expect("a valid config");
    assert_eq!(report.restarts, 0, "no kill: {}", report.repro());
    (report, peak)
}

#[test]
fn a_connection_with_its_timer_costs_the_events_engine_at_most_512_bytes() {
    let _turn = MEASURING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    for semantics in Semantics::BOTH {
        let (report, peak) = measured("reset", semantics);
        assert_eq!(report.peak_live, u64::from(USERS), "one timer per connection");
        let per_connection = peak as f64 / f64::from(USERS);
        println!("reset {semantics}: {per_connection:.1} bytes per connection with its timer");
        assert!(
            per_connection <= BUDGET_PER_CONNECTION,
            "{per_connection:.1} bytes per connection, budget {BUDGET_PER_CONNECTION}"
        );
    }
}

#[test]
fn a_further_live_timer_costs_the_events_engine_at_most_160_bytes() {
    let _turn = MEASURING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // The same users and messages; only the leak differs.
    let (fixed, fixed_peak) = measured("leaky", Semantics::Sync);
    let (leak, leak_peak) = measured("leaky", Semantics::Async);
    let timers = leak.peak_live - fixed.peak_live;
    assert!(timers > u64::from(USERS), "the async leak holds more than a timer per connection: {timers}");
    let per_timer = (leak_peak - fixed_peak) as f64 / timers as f64;
    println!("leaky async: {timers} more live timers than sync, {per_timer:.1} bytes each");
    assert!(per_timer <= BUDGET_PER_TIMER, "{per_timer:.1} bytes per live timer, budget {BUDGET_PER_TIMER}");
    let per_connection = leak_peak as f64 / f64::from(USERS);
    let timers_each = leak.peak_live as f64 / f64::from(USERS);
    println!("leaky async: {per_connection:.1} bytes per connection with its {timers_each:.1} live timers");
    assert!(
        per_connection <= BUDGET_PER_LEAKING_CONNECTION,
        "{per_connection:.1} bytes per connection, budget {BUDGET_PER_LEAKING_CONNECTION}"
    );
}
