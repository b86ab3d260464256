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

/// Every measurement, oldest release first: the async figures and every AfterFunc figure are
/// `oracle/costs/RESULTS.tsv`'s (the median of its runs; `tests/oracle/costs.rs` holds this table
/// to that file within 3 bytes), the held sync channel timer is `oracle/README.md`'s Go 1.23.5
/// measurement. A kind not measured on a release is priced by the newest measurement before it.
pub const COST_MEASUREMENTS: [CostMeasurement; 12] = [
    CostMeasurement {
        release: GoVersion::release(22, 10),
        semantics: Semantics::Async,
        channel_timer: Some(210),
        func_timer: Some(89),
        ticker: Some(209),
        source: "oracle/costs/RESULTS.tsv: retained per leaked timer, linux/amd64",
    },
    CostMeasurement {
        release: GoVersion::release(23, 1),
        semantics: Semantics::Async,
        channel_timer: Some(251),
        func_timer: Some(115),
        ticker: Some(251),
        source: "oracle/costs/RESULTS.tsv: retained per leaked timer under asynctimerchan=1 or go 1.22",
    },
    CostMeasurement {
        release: GoVersion::release(23, 1),
        semantics: Semantics::Sync,
        channel_timer: None,
        func_timer: Some(115),
        ticker: None,
        source: "oracle/costs/RESULTS.tsv: a pending AfterFunc, kept in every behaviour",
    },
    CostMeasurement {
        release: GoVersion::release(23, 2),
        semantics: Semantics::Async,
        channel_timer: Some(251),
        func_timer: Some(115),
        ticker: Some(250),
        source: "oracle/costs/RESULTS.tsv: retained per leaked timer under asynctimerchan=1 or go 1.22",
    },
    CostMeasurement {
        release: GoVersion::release(23, 2),
        semantics: Semantics::Sync,
        channel_timer: None,
        func_timer: Some(115),
        ticker: None,
        source: "oracle/costs/RESULTS.tsv: a pending AfterFunc, kept in every behaviour",
    },
    CostMeasurement {
        release: GoVersion::release(23, 5),
        semantics: Semantics::Async,
        channel_timer: Some(266),
        func_timer: Some(130),
        ticker: Some(267),
        source: "oracle/costs/RESULTS.tsv: retained per leaked timer under asynctimerchan=1 or go 1.22 (go1.23.3 widened isSending, golang/go#69969: +16 B)",
    },
    CostMeasurement {
        release: GoVersion::release(23, 5),
        semantics: Semantics::Sync,
        channel_timer: Some(248),
        func_timer: Some(130),
        ticker: Some(248),
        source: "oracle/README.md: a held channel timer or ticker, 248 B; RESULTS.tsv: a pending AfterFunc",
    },
    CostMeasurement {
        release: GoVersion::release(23, 9),
        semantics: Semantics::Async,
        channel_timer: Some(267),
        func_timer: Some(131),
        ticker: Some(267),
        source: "oracle/costs/RESULTS.tsv: retained per leaked timer under asynctimerchan=1 or go 1.22",
    },
    CostMeasurement {
        release: GoVersion::release(24, 11),
        semantics: Semantics::Async,
        channel_timer: Some(266),
        func_timer: Some(131),
        ticker: Some(267),
        source: "oracle/costs/RESULTS.tsv: retained per leaked timer under asynctimerchan=1 or go 1.22",
    },
    CostMeasurement {
        release: GoVersion::release(25, 5),
        semantics: Semantics::Async,
        channel_timer: Some(267),
        func_timer: Some(130),
        ticker: Some(266),
        source: "oracle/costs/RESULTS.tsv: retained per leaked timer under asynctimerchan=1 or go 1.22",
    },
    CostMeasurement {
        release: GoVersion::release(26, 6),
        semantics: Semantics::Async,
        channel_timer: Some(267),
        func_timer: Some(130),
        ticker: Some(266),
        source: "oracle/costs/RESULTS.tsv: retained per leaked timer under asynctimerchan=1 or go 1.22",
    },
    CostMeasurement {
        release: GoVersion::release(27, 3),
        semantics: Semantics::Sync,
        channel_timer: None,
        func_timer: Some(131),
        ticker: None,
        source: "oracle/costs/RESULTS.tsv: a pending AfterFunc, kept in every behaviour",
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
        assert_eq!(async_on(23, 1).channel_timer, 251, "measured on go1.23.1");
        assert_eq!(async_on(23, 4).channel_timer, 251, "go1.23.2 is the newest not newer");
        assert_eq!(async_on(26, 6).channel_timer, 267, "measured on go1.26.6");
        assert_eq!(async_on(9, 0).func_timer, 89, "no older AfterFunc measurement: the oldest, go1.22.10");
        assert_eq!(async_on(22, 10).ticker, 209, "measured on go1.22.10");
    }

    #[test]
    fn async_collected_is_priced_as_sync_and_sync_by_its_own_measurement() {
        let sync = cost_model(GoVersion::release(27, 3), Semantics::Sync);
        assert_eq!(
            sync,
            CostModel { channel_timer: 248, func_timer: 131, ticker: 248 },
            "go1.27.3's AfterFunc"
        );
        let release = GoVersion::release(26, 6);
        assert_eq!(cost_model(release, Semantics::AsyncCollected), cost_model(release, Semantics::Sync));
    }
}
