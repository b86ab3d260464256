//! Timer ids and Go panics: a model numbers its timers in creation order, whatever their kind,
//! and reports a call Go panics on with Go's own message — in every mode.

use timerlab_model::{Duration, Model, Semantics};

#[test]
fn ids_count_timers_in_creation_order_from_zero() {
    for semantics in Semantics::ALL {
        let mut m = Model::new(semantics);
        let timer = m.new_timer(Duration::SECOND);
        let after = m.after(Duration::SECOND);
        let func = m.after_func(Duration::SECOND);
        let ticker = m.new_ticker(Duration::SECOND).expect("a positive interval");
        let indices = [timer, after, func, ticker].map(|id| id.index());
        assert_eq!(indices, [0, 1, 2, 3], "{semantics}");
        assert!(timer < ticker, "{semantics}: ids order as the timers were created");
    }
}

#[test]
fn go_panics_read_as_go_prints_them() {
    // src/time/tick.go: panic("non-positive interval for NewTicker") and for Ticker.Reset.
    for semantics in Semantics::ALL {
        let mut m = Model::new(semantics);
        let panic = m.new_ticker(Duration::ZERO).expect_err("d <= 0 panics in Go");
        assert_eq!(panic.to_string(), "non-positive interval for NewTicker");
        let ticker = m.new_ticker(Duration::SECOND).expect("a positive interval");
        let panic = m.ticker_reset(ticker, Duration::from_secs(-1)).expect_err("d <= 0 panics in Go");
        assert_eq!(panic.to_string(), "non-positive interval for Ticker.Reset");
    }
}
