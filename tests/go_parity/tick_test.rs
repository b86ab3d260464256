//! Ports of Go's `src/time/tick_test.go`: tickers, Tick, the non-positive-interval panics, the
//! value a late receive gets. The longer ports live in the submodules.
//!
//! Source: <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go>

mod chan;
mod long_adjust;
mod timer_gc;

use gotime::{GoDuration, Runtime, Ticker};
use timerlab_tests::{in_every_semantics, ms, secs};

use crate::support::{ns, panic_message, recv, since, sleep, times};

/// Go: `TestTicker` — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L15>
///
/// `count/2` ticks of `delta`, a Reset to `2·delta`, `count/2` more: `3·delta·count/2` in all,
/// within Go's 30% slop (exact on the virtual clock); then a stopped ticker stays silent. Go runs
/// the second configuration only when the first fails; both must pass here. DIFFERENCE: Go's
/// darwin/arm64 configuration (6 ticks of 100ms) is a platform workaround and is not ported.
#[test]
fn a_ticker_reset_to_twice_its_period_ticks_on_the_new_period_then_stops() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        for (count, delta) in [(10, ms(20)), (8, secs(1))] {
            let ticker = rt.new_ticker(delta);
            let t0 = rt.now();
            for _ in 0..count / 2 {
                recv(&rt, ticker.c());
            }
            ticker.reset(times(delta, 2));
            for _ in 0..count - count / 2 {
                recv(&rt, ticker.c());
            }
            ticker.stop();
            let dt = since(&rt, t0);
            let target = times(delta, 3 * (count / 2));
            let slop = ns(target.as_nanos() * 3 / 10);
            let (lo, hi) = (ns(target.as_nanos() - slop.as_nanos()), ns(target.as_nanos() + slop.as_nanos()));
            assert!(
                dt >= lo && dt <= hi,
                "{} {delta} ticks then {} {} ticks took {dt}, expected [{lo},{hi}]",
                count / 2,
                count / 2,
                times(delta, 2)
            );
            assert_eq!(dt, target);
            sleep(&rt, times(delta, 2));
            assert!(ticker.c().try_recv().is_err(), "Ticker did not shut down");
        }
    });
}

/// Go: `TestTickerStopWithDirectInitialization` (golang/go#21874) —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L103>
///
/// DIFFERENCE: Go builds `&Ticker{C: c}` around a channel of its own; a `Ticker` here cannot hold a
/// foreign channel, so the zero Ticker stands in. Semantics-independent: it has no runtime.
#[test]
fn stop_on_a_ticker_the_runtime_never_started_does_not_panic() {
    let tk = Ticker::default();
    tk.stop();
    assert!(tk.c().is_nil());
}

/// Go: `TestTeardown` — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L110>
#[test]
fn tickers_started_received_and_stopped_in_turn_tear_down_cleanly() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let delta = ms(100);
        for _ in 0..3 {
            let start = rt.now();
            let ticker = rt.new_ticker(delta);
            assert_eq!(recv(&rt, ticker.c()), start.saturating_add(delta));
            ticker.stop();
        }
        assert_eq!(rt.stats().live, 0);
    });
}

/// Go: `TestTick` — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L125>
#[test]
fn tick_with_a_negative_duration_returns_nil() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let got = rt.tick(ns(-1));
        assert!(got.is_nil(), "Tick(-1) = {got:?}; want nil");
        assert_eq!(rt.stats().created, 0, "no ticker was made");
    });
}

/// Go: `TestNewTickerLtZeroDuration` — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L133>
#[test]
fn new_ticker_with_a_negative_duration_panics() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let message = panic_message(|| {
            rt.new_ticker(ns(-1));
        });
        assert_eq!(message, "non-positive interval for NewTicker");
    });
}

/// Go: `TestTickerResetLtZeroDuration` — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L143>
#[test]
fn ticker_reset_to_zero_panics() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let tk = rt.new_ticker(secs(1));
        let message = panic_message(|| tk.reset(GoDuration::ZERO));
        assert_eq!(message, "non-positive interval for Ticker.Reset");
    });
}

/// Go: `TestManualTicker` (golang/go#21874) — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L651>
///
/// DIFFERENCE: as for `TestTickerStopWithDirectInitialization`, the zero Ticker stands in for
/// `&Ticker{C: c}`; its Stop is a no-op and its Reset panics with Go's message.
#[test]
fn a_ticker_made_by_hand_can_be_stopped_but_not_reset() {
    let tick = Ticker::default();
    tick.stop();
    let message = panic_message(|| tick.reset(secs(1)));
    assert_eq!(message, "time: Reset called on uninitialized Ticker");
}

/// Go: `TestAfterTimes` — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L660>
///
/// `After(10ms)` read 500ms late carries the time it fired, not the time it was read. Go passes on
/// the first of ten tries under 400ms; every try must pass here, and the value is exact.
#[test]
fn a_late_receive_from_after_gets_the_firing_time() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        for _ in 0..10 {
            let start = rt.now();
            let c = rt.after(ms(10));
            sleep(&rt, ms(500));
            let dt = recv(&rt, &c).duration_since(start);
            assert!(dt < ms(400), "After(10ms) time is +{dt}, want <400ms");
            assert_eq!(dt, ms(10));
        }
    });
}

/// Go: `TestTickTimes` — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L680>
///
/// Every semantics delivers the first missed tick's time (async and async-collected from the
/// buffer, sync as the scheduled time). Each `Tick` is dropped unstopped: async keeps all ten
/// tickers forever (golang/go#17757), async-collected and sync collect them.
#[test]
fn a_late_receive_from_tick_gets_the_first_missed_tick() {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        for _ in 0..10 {
            let start = rt.now();
            let c = rt.tick(ms(10));
            sleep(&rt, ms(500));
            let dt = recv(&rt, &c).duration_since(start);
            assert!(dt < ms(400), "Tick(10ms) time is +{dt}, want <400ms");
            assert_eq!(dt, ms(10));
        }
        let kept = if semantics.collects_unreferenced() { 0 } else { 10 };
        assert_eq!(rt.stats().live, kept, "unstopped, unreferenced Tick tickers still live");
    });
}
