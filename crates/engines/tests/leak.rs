//! The leak kit on the seeds' loop (a ready message versus a 3-minute timeout, the timeout
//! dropped each iteration): allocation counts and bytes, deterministic, per library. A counting
//! global allocator needs a binary of its own: this one.

#[path = "support/docs.rs"]
mod docs;

use gotime::release::{GoProgram, Resolution};
use gotime::Semantics;
use timerlab_engines::leak::{loops, table, CountingAlloc, LeakRow};

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// A power of two, so that the runtime's tables end exactly full: no spare capacity in the bytes.
const ITERATIONS: u64 = 1 << 16;
const WARMUP: u64 = 1_024;

/// Go programs whose leak the kit prices by their release: a Go 1.22 build, a Go 1.23.1 build of
/// a `go 1.22` module (asynctimerchan=1), and a Go 1.26.6 build of the same module, with and
/// without `GODEBUG=asynctimerchan=2`.
fn releases() -> Vec<Resolution> {
    [
        GoProgram::built_with("1.22.10").go_mod("1.22"),
        GoProgram::built_with("1.23.1").go_mod("1.22"),
        GoProgram::built_with("1.26.6").go_mod("1.22"),
        GoProgram::built_with("1.26.6").go_mod("1.22").godebug("asynctimerchan=2"),
    ]
    .iter()
    .map(|program| program.resolve().expect("a known release"))
    .collect()
}

fn rows() -> Vec<LeakRow> {
    let mut rows = vec![
        loops::tokio_select_sleep(WARMUP, ITERATIONS),
        loops::crossbeam_select_after(WARMUP, ITERATIONS),
    ];
    rows.extend(Semantics::ALL.map(|semantics| loops::gotime_after(semantics, WARMUP, ITERATIONS)));
    rows.extend(releases().iter().map(|go| loops::gotime_after_for(go, WARMUP, ITERATIONS)));
    rows
}

#[test]
fn tokio_sleep_in_select_allocates_nothing_and_retains_nothing() {
    // The Sleep lives inside the select's future and its timer entry is intrusive: registered on
    // first poll, removed from the wheel on drop.
    let row = loops::tokio_select_sleep(WARMUP, ITERATIONS);
    assert_eq!(row.timeouts, 0);
    assert_eq!(row.delta.allocs, 0, "{row:?}");
    assert_eq!(row.delta.live_bytes(), 0, "{row:?}");
}

#[test]
fn crossbeam_after_allocates_one_small_channel_per_iteration_and_frees_it_on_drop() {
    // after() is an Arc of {deadline, received flag}: 16 B of counts + 16 B Instant + 1 B flag,
    // padded to 40 B on 64-bit targets. Nothing runs in the background, nothing is retained.
    let row = loops::crossbeam_select_after(WARMUP, ITERATIONS);
    assert_eq!(row.timeouts, 0);
    assert_eq!((row.delta.allocs, row.delta.frees), (ITERATIONS, ITERATIONS), "{row:?}");
    assert_eq!(row.delta.bytes_allocated, 40 * ITERATIONS, "{row:?}");
    assert_eq!(row.delta.live_bytes(), 0, "{row:?}");
}

#[test]
fn gotime_in_async_mode_retains_every_dropped_after_at_76_simulator_bytes_modelling_go_266() {
    // Go <= 1.22 keeps each dropped time.After in the heap until it fires (golang/go#8898). The
    // simulator holds a 48-byte timer slot, a 24-byte heap item and a 4-byte heap position per
    // retained timer; its cost model charges Go 1.23.5's measured 266 B.
    let row = loops::gotime_after(Semantics::Async, WARMUP, ITERATIONS);
    assert_eq!(row.timeouts, 0);
    let retained = row.delta.live_bytes();
    let per_timer = 48 + 24 + 4;
    assert!(retained >= per_timer * ITERATIONS as i64, "{row:?}");
    assert!(retained < per_timer * ITERATIONS as i64 + 4_096, "one-time bytes beyond the timers: {row:?}");
    assert_eq!(row.go_bytes, Some(266 * ITERATIONS), "{row:?}");
    // Growth is amortized: the tables double, so allocations are logarithmic in the iterations.
    assert!(row.delta.allocs < 64, "{row:?}");
}

#[test]
fn gotime_retains_nothing_for_dropped_afters_where_unreferenced_timers_are_collected() {
    // Go >= 1.23's runtime channel timers, sync or asynctimerchan=2 (golang/go#61542): an
    // unreferenced timer is garbage; its slot is reused by the next iteration.
    for semantics in Semantics::ALL.into_iter().filter(|s| s.collects_unreferenced()) {
        let row = loops::gotime_after(semantics, WARMUP, ITERATIONS);
        assert_eq!(row.timeouts, 0);
        assert_eq!(row.delta.allocs, 0, "{row:?}");
        assert_eq!(row.delta.live_bytes(), 0, "{row:?}");
        assert_eq!(row.go_bytes, Some(0), "{row:?}");
    }
}

#[test]
fn a_release_prices_each_retained_after_at_its_own_measured_cost() {
    // Retained per leaked time.After, measured on each release (oracle/costs/RESULTS.tsv, the
    // median of its runs): 210 B (go1.22.10), 251 B (go1.23.1, asynctimerchan=1: 249-251 B),
    // 267 B (go1.26.6, asynctimerchan=1: 267-268 B); nothing under asynctimerchan=2, which
    // collects it.
    let per_iteration: Vec<Option<u64>> = releases()
        .iter()
        .map(|go| loops::gotime_after_for(go, WARMUP, ITERATIONS).go_bytes.map(|b| b / ITERATIONS))
        .collect();
    assert_eq!(per_iteration, [Some(210), Some(251), Some(267), Some(0)]);
}

#[test]
fn the_measurements_are_the_same_every_run() {
    assert_eq!(rows(), rows());
}

#[test]
fn the_leak_table_of_docs_engines_md_is_the_one_measured() {
    docs::check_block("leak", &table(&rows()));
}
