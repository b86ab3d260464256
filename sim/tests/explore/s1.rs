//! S1 on both engines: random sizes, rates, timeouts, budgets, ticks, seeds (and, on turmoil,
//! fault schedules), every invariant at every sample.

use proptest::prelude::*;

use crate::{config, invariants, strategies};

/// Cases per engine when `PROPTEST_CASES` is not set: a run takes tens of milliseconds of wall time
/// (docs/TESTING.md, "Exploring the scenarios").
const S1_CASES: u32 = 32;

proptest! {
    #![proptest_config(config(
        "s1_on_turmoil",
        S1_CASES,
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/explore/proptest-regressions/s1_on_turmoil.txt"),
    ))]
    #[test]
    fn s1_on_turmoil_keeps_every_invariant(case in strategies::s1("turmoil")) {
        invariants::s1(&case, &case.run())?;
    }
}

proptest! {
    #![proptest_config(config(
        "s1_on_events",
        S1_CASES,
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/explore/proptest-regressions/s1_on_events.txt"),
    ))]
    #[test]
    fn s1_on_the_events_engine_keeps_every_invariant(case in strategies::s1("events")) {
        invariants::s1(&case, &case.run())?;
    }
}
