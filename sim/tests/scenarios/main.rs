//! The scenario tests: verdicts per variant and semantics, determinism, trace snapshots, config
//! errors, and gotime's tokio clock under turmoil. All runs use the quick preset.

mod config;
mod determinism;
mod s1;
mod s2;
mod snapshots;
mod turmoil_clock;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use gotime::Semantics;
use timerlab_sim::{run, Preset, RunConfig, RunReport};

/// The seed of the verdict and snapshot runs.
const SEED: u64 = 7;

type Key = (&'static str, &'static str, Semantics, u64);

/// The quick-preset run of one variant, computed once per test binary and shared by the tests
/// that assert on it (verdicts, bounds, snapshots).
fn quick(scenario: &'static str, variant: &'static str, semantics: Semantics) -> RunReport {
    static RUNS: OnceLock<Mutex<BTreeMap<Key, Arc<OnceLock<RunReport>>>>> = OnceLock::new();
    let key = (scenario, variant, semantics, SEED);
    let cell = RUNS.get_or_init(Default::default).lock().unwrap().entry(key).or_default().clone();
    cell.get_or_init(|| fresh(scenario, variant, semantics, SEED)).clone()
}

/// A new quick-preset run, not shared.
fn fresh(scenario: &str, variant: &str, semantics: Semantics, seed: u64) -> RunReport {
    let config = RunConfig::new(scenario, variant, semantics, seed).with_preset(Preset::Quick);
    run(&config, &mut |_, _| {}).unwrap_or_else(|e| panic!("{scenario}/{variant}: {e}"))
}
