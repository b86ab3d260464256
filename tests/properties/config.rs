//! The proptest configuration every property here uses: 1000 cases and a fixed seed unless the
//! environment says otherwise, regressions saved next to the tests.

use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};

/// The seed used when `PROPTEST_RNG_SEED` is not set, so that two runs are the same run.
pub const DEFAULT_SEED: u64 = 20_240_813;

/// Cases per property when `PROPTEST_CASES` is not set.
pub const DEFAULT_CASES: u32 = 1000;

/// The configuration for the property named `name`, whose failures are saved in the file
/// `regressions` (an absolute path under `tests/properties/proptest-regressions/`, to be
/// committed). Prints the seed first.
pub fn config(name: &str, regressions: &'static str) -> Config {
    // `Config::default()` already reads the PROPTEST_* variables.
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = DEFAULT_CASES;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(DEFAULT_SEED);
    }
    config.failure_persistence = Some(Box::new(FileFailurePersistence::Direct(regressions)));
    eprintln!(
        "seed={} cases={} property={name} (repro: PROPTEST_RNG_SEED={} cargo test -p timerlab-tests \
         --test properties {name})",
        config.rng_seed, config.cases, config.rng_seed
    );
    config
}
