//! Go's panics as the adapters answer them, each written once (`src/time/tick.go`).

use timerlab_script::GoPanic;

/// `time.NewTicker(d)` with `d <= 0`.
pub(crate) fn new_ticker_non_positive() -> GoPanic {
    GoPanic("non-positive interval for NewTicker".to_owned())
}

/// `(*time.Ticker).Reset(d)` with `d <= 0`.
pub(crate) fn ticker_reset_non_positive() -> GoPanic {
    GoPanic("non-positive interval for Ticker.Reset".to_owned())
}
