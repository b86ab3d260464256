//! The clock arithmetic at its edges, on the runtime and on the model: negative and zero
//! durations, deadlines that overflow and are clamped to the end of time, a clock a few
//! nanoseconds short of it, and tickers whose next grid point lies past it.
//!
//! The model computes Go's `when(d)` and the ticker grid itself (`timerlab_model::Time`), from
//! Go's source, sharing no code with gotime's `Instant`. So a mistake in either side's arithmetic
//! is a difference here — the random scripts of `differential` rarely get this close to the end of
//! time (a `deadline_after` that clamps a deadline at the last instant to the end of time passes
//! `differential` and fails here). Two properties: the deadline arithmetic itself, value for
//! value, and a short script at the edges whose observations (values received, deadlocks,
//! AfterFunc times, live counts) must match in every semantics; and Go's `when(d)` at hand-derived
//! points, on both.

use gotime::{GoDuration, Instant, Semantics};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use timerlab_model::{Duration, Time};
use timerlab_script::{parse_str, run, EngineKind};

use crate::config::config;
use crate::report::diff;

/// Go's `maxWhen`, the end of time: `1<<63 - 1` nanoseconds.
const END: i64 = i64::MAX;

/// The last instant the clock reaches, one nanosecond before the end of time.
const LAST: i64 = END - 1;

/// Durations at the edges: around zero (negative, zero, one nanosecond), around half the time
/// line (two of them overflow), around the largest and the smallest, and anything at all.
fn edge_duration() -> impl Strategy<Value = i64> {
    prop_oneof![
        -3i64..=3,
        (END / 2 - 2)..=(END / 2 + 2),
        (END - 3)..=END,
        i64::MIN..=(i64::MIN + 2),
        any::<i64>(),
    ]
}

/// Positive durations at the edges, for ticker periods (Go panics on the others).
fn edge_period() -> impl Strategy<Value = i64> {
    prop_oneof![1i64..=3, (END / 2 - 2)..=(END / 2 + 2), (END - 3)..=END, 1..=END]
}

/// Points on the clock at the edges: the start, half the time line, the last few nanoseconds
/// before the end of time and the end itself, and anywhere.
fn edge_time() -> impl Strategy<Value = i64> {
    prop_oneof![0i64..=3, (END / 2 - 2)..=(END / 2 + 2), (END - 3)..=END, 0..=END]
}

/// Where a ticker starts and its period: either both at the edges, or aimed so that its first,
/// second or third tick falls on the last instant the clock reaches, or a nanosecond either side
/// (the ticks after the first come from the grid arithmetic, not from `when(d)`).
fn ticker_start_and_period() -> impl Strategy<Value = (i64, i64)> {
    let aimed = (edge_time(), 1i64..=3, -1i64..=1).prop_map(|(start, ticks, off)| {
        let start = start.min(LAST - ticks);
        (start, ((LAST - start) / ticks + off).max(1))
    });
    prop_oneof![(edge_time(), edge_period()), aimed]
}

/// Timers at the edges, then time passes and everything is observed: the clock moves to `start`,
/// a timer, an After and an AfterFunc start with `d`, a ticker with `period`, `gap` passes, then
/// each channel is received from and waited on (the ticker three times).
fn edge_script(start: i64, d: i64, period: i64, gap: i64) -> String {
    let [start, d, period, gap] = [start, d, period, gap].map(GoDuration::from_nanos);
    format!(
        "advance {start}\ntimer t {d}\nafter a {d}\nafterfunc f {d}\nticker k {period}\nadvance {gap}\n\
         recv t\nrecv a\nrecv k\nlive\nwait k\nwait k\nwait k\nwait t\nwait a\nwait f\nlive\n"
    )
}

/// Runs the script on both engines in `semantics`; a mismatch fails with the script, the diff and
/// the replay commands.
fn same_observations(text: &str, semantics: Semantics) -> Result<(), TestCaseError> {
    let script = parse_str("clock_edges.tl", text)
        .map_err(|e| TestCaseError::fail(format!("an edge script does not parse: {e}\n{text}")))?;
    let model = run(&script, &mut *EngineKind::Model.build(semantics));
    let runtime = run(&script, &mut *EngineKind::Runtime.build(semantics));
    if model == runtime {
        return Ok(());
    }
    Err(TestCaseError::fail(format!(
        "model and runtime differ at the edges of the clock in {semantics} mode.\n\
         --- op script ---\n{text}\
         --- observations (- model, + runtime) ---\n{}\
         repro: cargo run -q -p timerlab -- replay NAME.tl --semantics {semantics} --engine model (then --engine runtime)",
        diff(&model, &runtime)
    )))
}

proptest! {
    #![proptest_config(config("clock_edges", concat!(env!("CARGO_MANIFEST_DIR"), "/properties/proptest-regressions/clock_edges.txt")))]

    #[test]
    fn a_timer_started_at_any_time_for_any_duration_has_the_same_deadline_on_the_runtime_and_the_model(
        now in edge_time(),
        d in edge_duration(),
    ) {
        let runtime = Instant::from_start(GoDuration::from_nanos(now)).deadline_after(GoDuration::from_nanos(d));
        let model = Time::from_nanos(now).when(Duration::from_nanos(d));
        prop_assert_eq!(runtime.as_nanos(), model.as_nanos(), "when({}ns) at {}ns", d, now);
    }

    #[test]
    fn timers_and_tickers_at_the_edges_of_the_clock_are_observed_alike_on_the_runtime_and_the_model(
        (start, period) in ticker_start_and_period(),
        d in edge_duration(),
        gap in edge_duration(),
    ) {
        let text = edge_script(start, d, period, gap);
        for semantics in Semantics::ALL {
            same_observations(&text, semantics)?;
        }
    }
}

/// Cases derived by hand from Go's `when(d)` (src/time/sleep.go): both sides must give them.
#[test]
fn deadlines_at_the_edges_are_gos() {
    let cases = [
        // (now, d, when(d)): d <= 0 is due now; an overflowing sum is maxWhen; the largest sum that
        // fits is itself.
        (5, -1, 5),
        (5, 0, 5),
        (5, i64::MIN, 5),
        (0, END, END),
        (1, END, END),
        (END - 1, 1, END),
        (END - 1, 2, END),
        (END / 2 + 1, END / 2 + 1, END),
        (END / 2, END / 2 + 1, END),
        (END / 2, END / 2, END - 1),
    ];
    for (now, d, when) in cases {
        let runtime =
            Instant::from_start(GoDuration::from_nanos(now)).deadline_after(GoDuration::from_nanos(d));
        let model = Time::from_nanos(now).when(Duration::from_nanos(d));
        assert_eq!(runtime.as_nanos(), when, "runtime: when({d}ns) at {now}ns");
        assert_eq!(model.as_nanos(), when, "model: when({d}ns) at {now}ns");
    }
}
