//! Loom model: `Ticker.Stop` racing the ticks (the firing thread advancing the clock over two
//! tick times); then, with no receive in between, what the channel holds right after Stop
//! returned and once the firing thread has finished.
//!
//! - Async (Go ≤ 1.22): Stop leaves a buffered tick in the channel, and never more than one (the
//!   buffer holds one; later ticks are dropped, never queued); a tick whose send was in flight
//!   can land after Stop returned.
//! - Sync (Go ≥ 1.23): no tick is receivable after Stop returned.

#![cfg(gotime_loom)]

mod loom_support;

use gotime::{Chan, Runtime, Semantics};
use loom::thread;
use loom_support::{model, secs, snapshot, Outcome};

/// What the channel held after Stop returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Seen {
    /// `len(t.C)` right after Stop returned.
    len_at_stop: usize,
    /// Ticks received, without blocking, once the firing thread had finished (2 means "2 or
    /// more").
    receivable: usize,
}

impl Outcome for Seen {
    const COLUMNS: &'static [&'static str] = &["len(C) right after Stop", "ticks receivable at the end"];

    fn space() -> Vec<Seen> {
        let mut space = Vec::new();
        for len_at_stop in 0..=1 {
            for receivable in 0..=2 {
                space.push(Seen { len_at_stop, receivable });
            }
        }
        space
    }

    fn cells(&self) -> Vec<String> {
        let receivable = if self.receivable >= 2 { "2+".to_owned() } else { self.receivable.to_string() };
        vec![self.len_at_stop.to_string(), receivable]
    }
}

/// Receives without blocking until the channel is empty; counts the values (at most 2).
fn drain(c: &Chan) -> usize {
    let mut n = 0;
    while n < 2 && c.try_recv().is_ok() {
        n += 1;
    }
    n
}

fn ticker_stop(semantics: Semantics) -> loom_support::Explored<Seen> {
    model(&format!("ticker_stop/{semantics}"), move || {
        let rt = Runtime::new(semantics);
        let ticker = rt.new_ticker(secs(1));
        let firing = {
            let rt = rt.clone();
            thread::spawn(move || rt.advance(secs(2)))
        };
        ticker.stop();
        let len_at_stop = ticker.c().len();
        firing.join().unwrap();
        let receivable = drain(ticker.c());
        Seen { len_at_stop, receivable }
    })
}

#[test]
fn ticker_stop_leaves_at_most_one_buffered_tick_in_async_mode() {
    let explored = ticker_stop(Semantics::Async);
    for seen in &explored.outcomes {
        assert!(seen.receivable <= 1, "more than one tick left after Stop: {seen:?}");
    }
    let late = Seen { len_at_stop: 0, receivable: 1 };
    assert!(explored.outcomes.contains(&late), "no tick landed after Stop:\n{}", explored.table());
    snapshot!(
        "ticker_stop_async",
        "Ticker(1s).Stop racing ticks @1s and @2s; async (Go <= 1.22)",
        &explored.outcomes
    );
}

#[test]
fn ticker_stop_leaves_no_tick_in_sync_mode() {
    let explored = ticker_stop(Semantics::Sync);
    assert_eq!(
        explored.outcomes.iter().copied().collect::<Vec<_>>(),
        vec![Seen { len_at_stop: 0, receivable: 0 }],
        "a tick was receivable after Stop:\n{}",
        explored.table()
    );
    snapshot!(
        "ticker_stop_sync",
        "Ticker(1s).Stop racing ticks @1s and @2s; sync (Go >= 1.23)",
        &explored.outcomes
    );
}

#[test]
fn ticker_stop_leaves_at_most_one_buffered_tick_in_async_collected_mode_as_in_async_mode() {
    let explored = ticker_stop(Semantics::AsyncCollected);
    assert_eq!(explored.outcomes, ticker_stop(Semantics::Async).outcomes, "{}", explored.table());
    snapshot!(
        "ticker_stop_async_collected",
        "Ticker(1s).Stop racing ticks @1s and @2s; async-collected (asynctimerchan=2)",
        &explored.outcomes
    );
}
