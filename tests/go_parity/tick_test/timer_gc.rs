//! tick_test.go's `TestTimerGC` as a retention assertion: Go counts allocations that survive three
//! GCs; here the runtime's live-timer accounting says which dropped timers are still held.

use gotime::{GoDuration, Runtime, Semantics};
use timerlab_tests::in_every_semantics;

/// Go's `N`: iterations per case.
const N: u64 = 10_000;

/// Runs `f` `N` times and returns how many more timers are live afterwards (Go's `inuse`).
fn inuse(rt: &Runtime, f: impl Fn(&Runtime)) -> u64 {
    let before = rt.stats().live;
    for _ in 0..N {
        f(rt);
    }
    rt.stats().live - before
}

/// One case of Go's `run`: `retained_in_async` says whether Go ≤ 1.22's heap keeps what `f` drops.
fn case(what: &str, retained_in_async: bool, f: impl Fn(&Runtime)) {
    in_every_semantics(|semantics| {
        let rt = Runtime::new(semantics);
        let inuse = inuse(&rt, &f);
        if semantics.collects_unreferenced() {
            // Go 1.23's runtime channel timers (sync, or asynctimerchan=2): golang/go#61542.
            assert!(inuse < N, "{what} did not get GC'ed: {inuse} live timers");
            assert_eq!(inuse, 0, "{what}: an unreferenced timer is collected at once");
        } else if retained_in_async {
            assert_eq!(inuse, N, "{what}: the async runtime keeps every started, unstopped timer");
        } else {
            assert_eq!(inuse, 0, "{what}: a stopped timer leaves the heap");
        }
    });
}

/// Go: `TestTimerGC`, case `After` — <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L264>
///
/// Go's test runs in the default (sync) semantics only; under `asynctimerchan=1` this case would
/// fail, which is golang/go#8898's leak and what the async half asserts.
#[test]
fn an_unreceived_after_is_collected_in_sync_mode_and_kept_until_it_fires_in_async_mode() {
    case("After", true, |rt| drop(rt.after(GoDuration::HOUR)));
}

/// Go: `TestTimerGC`, case `Tick`: golang/go#17757, an unstopped Tick is never collected in async.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L264>
#[test]
fn an_unreferenced_tick_is_collected_in_sync_mode_and_kept_forever_in_async_mode() {
    case("Tick", true, |rt| drop(rt.tick(GoDuration::HOUR)));
}

/// Go: `TestTimerGC`, case `NewTimer`.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L264>
#[test]
fn an_unreferenced_new_timer_is_collected_in_sync_mode_and_kept_until_it_fires_in_async_mode() {
    case("NewTimer", true, |rt| drop(rt.new_timer(GoDuration::HOUR)));
}

/// Go: `TestTimerGC`, case `NewTicker`.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L264>
#[test]
fn an_unreferenced_new_ticker_is_collected_in_sync_mode_and_kept_forever_in_async_mode() {
    case("NewTicker", true, |rt| drop(rt.new_ticker(GoDuration::HOUR)));
}

/// Go: `TestTimerGC`, case `NewTimerStop`.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L264>
#[test]
fn a_stopped_new_timer_is_collected_in_every_mode() {
    case("NewTimerStop", false, |rt| {
        rt.new_timer(GoDuration::HOUR).stop();
    });
}

/// Go: `TestTimerGC`, case `NewTickerStop`.
/// <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L264>
#[test]
fn a_stopped_new_ticker_is_collected_in_every_mode() {
    case("NewTickerStop", false, |rt| rt.new_ticker(GoDuration::HOUR).stop());
}

/// Not a port: what becomes of the timers async mode kept in Go's `TestTimerGC` —
/// <https://github.com/golang/go/blob/go1.23.5/src/time/tick_test.go#L264>. One-shots leave the heap
/// when they fire; tickers never do (golang/go#17757).
#[test]
fn in_async_mode_kept_timers_leave_when_they_fire_and_kept_tickers_never_do() {
    let rt = Runtime::new(Semantics::Async);
    assert_eq!(inuse(&rt, |rt| drop(rt.after(GoDuration::HOUR))), N);
    assert_eq!(inuse(&rt, |rt| drop(rt.new_timer(GoDuration::HOUR))), N);
    assert_eq!(inuse(&rt, |rt| drop(rt.tick(GoDuration::HOUR))), N);
    assert_eq!(inuse(&rt, |rt| drop(rt.new_ticker(GoDuration::HOUR))), N);
    rt.advance(GoDuration::from_hours(3));
    assert_eq!(rt.stats().live, 2 * N, "the unstopped Tick and NewTicker tickers are still live");
}
