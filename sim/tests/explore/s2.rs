//! S2: random rates, timeouts and phase lengths in the documented shape, ticks, seeds, holds
//! and crashes, every invariant at every sample.

use proptest::prelude::*;

use crate::{config, invariants, strategies};

/// Cases when `PROPTEST_CASES` is not set: a run of 10–20 virtual minutes takes tens of milliseconds
/// (docs/TESTING.md, "Exploring the scenarios").
const S2_CASES: u32 = 24;

proptest! {
    #![proptest_config(config(
        "s2",
        S2_CASES,
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/explore/proptest-regressions/s2.txt"),
    ))]
    #[test]
    fn s2_keeps_every_invariant(case in strategies::s2()) {
        invariants::s2(&case, &case.run())?;
    }
}
