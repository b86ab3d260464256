//! proptest over the scenarios: random S1 and S2 configurations — sizes, rates, timeouts, budget,
//! tick, seed, fault schedules — run as real simulations (S1 on turmoil and on the events engine,
//! S2 on turmoil), each checked at every sample against invariants derived from Go's semantics
//! and the sizing arithmetic of docs/SCENARIOS.md (docs/TESTING.md, "Exploring the scenarios").
//!
//! | module | what |
//! |---|---|
//! | `case` | a drawn run: its `RunConfig`, printed as the `timerlab run` command that replays it |
//! | `strategies` | the proptest strategies over S1's and S2's parameters and faults |
//! | `sizing` | what the documented arithmetic predicts: verdicts, Little's law |
//! | `invariants` | the checks over one run's report |
//! | `s1`, `s2` | the properties |
//!
//! A failure shrinks to a small configuration and prints `timerlab run … --seed … --set …`;
//! it is saved under `proptest-regressions/` (committed) and replayed first on the next run.

mod case;
mod invariants;
mod s1;
mod s2;
mod sizing;
mod strategies;

use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};

/// The seed of the case generator when `PROPTEST_RNG_SEED` is not set: two runs of the suite
/// draw the same cases.
const DEFAULT_SEED: u64 = 20_261_206;

/// The proptest configuration of the property named `name`: `cases` cases unless
/// `PROPTEST_CASES` says otherwise, a fixed generator seed unless `PROPTEST_RNG_SEED` does,
/// failures saved in `proptest-regressions/<name>.txt`.
fn config(name: &str, cases: u32, regressions: &'static str) -> Config {
    // `Config::default()` reads the PROPTEST_* variables.
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(DEFAULT_SEED);
    }
    // A simulation is the expensive part: shrink within a bounded number of runs.
    config.max_shrink_iters = 64;
    config.failure_persistence = Some(Box::new(FileFailurePersistence::Direct(regressions)));
    eprintln!("property={name} cases={} seed={}", config.cases, config.rng_seed);
    config
}
