//! What a live timer costs on each Go release, in each behaviour: one table of measurements
//! ([`COST_MEASUREMENTS`]), each with the release it was measured on, and the rule that picks a
//! [`CostModel`] for any toolchain from them ([`cost_model`]).
//!
//! The figures are Go heap bytes per timer, measured by `oracle/costs` (create 100,000 timers,
//! two GCs, divide the heap growth; `oracle/README.md`). A measurement of a *retained* leaked
//! timer is also what a *held* one costs in that behaviour: the same objects, kept by the heap
//! instead of the program. A held, armed timer costs memory in every behaviour; only an
//! unreferenced one is collected in async-collected and sync, and that is the accounting's
//! business (it counts live timers), not this table's.

use super::version::GoVersion;
use crate::{CostModel, Semantics};

/// One measurement: what a timer of each kind cost on `release` in `semantics`. `None` where
/// that kind was not measured on that release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CostMeasurement {
    /// The release measured.
    pub release: GoVersion,
    /// The behaviour measured.
    pub semantics: Semantics,
    /// `time.NewTimer` / `time.After`: bytes per timer.
    pub channel_timer: Option<u64>,
    /// `time.AfterFunc`: bytes per timer (its closure captures nothing).
    pub func_timer: Option<u64>,
    /// `time.NewTicker` / `time.Tick`: bytes per ticker.
    pub ticker: Option<u64>,
    /// What was measured, and where it is recorded.
    pub source: &'static str,
}

/// Every measurement, oldest release first. To be replaced by `oracle/costs/RESULTS.tsv` once it
/// records every release × behaviour × kind.
pub const COST_MEASUREMENTS: [CostMeasurement; 5] = [
    CostMeasurement {
        release: GoVersion::release(22, 10),
        semantics: Semantics::Async,
        channel_timer: Some(210),
        func_timer: None,
        ticker: None,
        source: "retained per leaked time.After, linux/amd64",
    },
    CostMeasurement {
        release: GoVersion::release(23, 1),
        semantics: Semantics::Async,
        channel_timer: Some(252),
        func_timer: None,
        ticker: None,
        source: "retained per leaked time.After under asynctimerchan=1, linux/amd64",
    },
    CostMeasurement {
        release: GoVersion::release(23, 5),
        semantics: Semantics::Async,
        channel_timer: Some(266),
        func_timer: Some(129),
        ticker: Some(266),
        source:
            "oracle/README.md, async held = retained: After 265 B (267 B in a later run), NewTimer 266 B, \
                 AfterFunc 129 B, NewTicker 267 B, Tick 265 B",
    },
    CostMeasurement {
        release: GoVersion::release(23, 5),
        semantics: Semantics::Sync,
        channel_timer: Some(248),
        func_timer: Some(131),
        ticker: Some(248),
        source: "oracle/README.md, sync held: After, NewTimer, NewTicker, Tick 248 B, AfterFunc 131 B",
    },
    CostMeasurement {
        release: GoVersion::release(26, 6),
        semantics: Semantics::Async,
        channel_timer: Some(266),
        func_timer: None,
        ticker: None,
        source: "retained per leaked time.After under asynctimerchan=1: 265-268 B, linux/amd64",
    },
];

/// The behaviour whose measurements price `semantics`. Async-collected allocates exactly what
/// sync does — `syncTimer` hands the channel to the runtime for both asynctimerchan=0 and =2
/// (src/time/sleep.go), and neither heaps a timer nobody waits on — so it is priced as sync
/// until it is measured on its own.
const fn priced_as(semantics: Semantics) -> Semantics {
    match semantics {
        Semantics::Async => Semantics::Async,
        Semantics::AsyncCollected | Semantics::Sync => Semantics::Sync,
    }
}

/// The cost model of `toolchain` in `semantics`: for each kind, the measurement of that kind in
/// that behaviour on the newest release not newer than `toolchain`, or — when every measurement
/// is newer — on the oldest release measured.
pub fn cost_model(toolchain: GoVersion, semantics: Semantics) -> CostModel {
    let rows = || COST_MEASUREMENTS.iter().filter(|m| m.semantics == priced_as(semantics));
    let pick = |figure: fn(&CostMeasurement) -> Option<u64>| -> u64 {
        let measured = || rows().filter_map(|m| figure(m).map(|bytes| (m.release, bytes)));
        let at_or_before = measured().filter(|&(release, _)| release <= toolchain).max_by_key(|&(r, _)| r);
        let oldest = || measured().min_by_key(|&(release, _)| release);
        at_or_before.or_else(oldest).map_or(0, |(_, bytes)| bytes)
    };
    CostModel {
        channel_timer: pick(|m| m.channel_timer),
        func_timer: pick(|m| m.func_timer),
        ticker: pick(|m| m.ticker),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_behaviour_has_a_figure_for_every_kind() {
        for semantics in Semantics::ALL {
            let rows = COST_MEASUREMENTS.iter().filter(|m| m.semantics == priced_as(semantics));
            let rows: Vec<&CostMeasurement> = rows.collect();
            assert!(rows.iter().any(|m| m.channel_timer.is_some()), "{semantics}");
            assert!(rows.iter().any(|m| m.func_timer.is_some()), "{semantics}");
            assert!(rows.iter().any(|m| m.ticker.is_some()), "{semantics}");
        }
    }

    #[test]
    fn a_toolchain_is_priced_by_the_newest_measurement_not_newer_than_it() {
        let async_on = |minor, patch| cost_model(GoVersion::release(minor, patch), Semantics::Async);
        assert_eq!(async_on(22, 10).channel_timer, 210, "measured on go1.22.10");
        assert_eq!(async_on(23, 1).channel_timer, 252, "measured on go1.23.1");
        assert_eq!(async_on(23, 4).channel_timer, 252, "go1.23.1 is the newest not newer");
        assert_eq!(async_on(26, 6).channel_timer, 266, "measured on go1.26.6");
        assert_eq!(async_on(9, 0).func_timer, 129, "no older AfterFunc measurement: the oldest, go1.23.5");
        assert_eq!(async_on(22, 10).ticker, 266, "tickers measured only on go1.23.5");
    }

    #[test]
    fn async_collected_is_priced_as_sync_and_sync_by_its_own_measurement() {
        let sync = cost_model(GoVersion::release(27, 3), Semantics::Sync);
        assert_eq!(sync, CostModel { channel_timer: 248, func_timer: 131, ticker: 248 });
        assert_eq!(cost_model(GoVersion::release(26, 6), Semantics::AsyncCollected), sync);
    }
}
