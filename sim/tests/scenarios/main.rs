//! The scenario tests: verdicts per variant and semantics, determinism, trace snapshots, config
//! errors, and gotime's tokio clock under turmoil. All runs use the quick preset.

mod config;
mod determinism;
mod engines;
mod faults;
mod hang_check;
mod procs;
mod releases;
mod s1;
mod s2;
mod s3;
mod snapshots;
mod turmoil_clock;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use gotime::Semantics;
use timerlab_sim::{run, Preset, RunConfig, RunReport};

/// The seed of the verdict and snapshot runs.
const SEED: u64 = 7;

/// S1's engines: turmoil (the reference) and the discrete-event engine.
const ENGINES: [&str; 2] = ["turmoil", "events"];

type Key = (&'static str, &'static str, Semantics, u64, Option<&'static str>);

/// The quick-preset run of one variant, computed once per test binary and shared by the tests
/// that assert on it (verdicts, bounds, snapshots). S1 runs on turmoil.
fn quick(scenario: &'static str, variant: &'static str, semantics: Semantics) -> RunReport {
    shared((scenario, variant, semantics, SEED, None))
}

/// [`quick`] for S1 on `engine`.
fn quick_on(engine: &'static str, variant: &'static str, semantics: Semantics) -> RunReport {
    shared(("s1", variant, semantics, SEED, Some(engine)))
}

fn shared(key: Key) -> RunReport {
    static RUNS: OnceLock<Mutex<BTreeMap<Key, Arc<OnceLock<RunReport>>>>> = OnceLock::new();
    let cell = RUNS.get_or_init(Default::default).lock().unwrap().entry(key).or_default().clone();
    let (scenario, variant, semantics, seed, engine) = key;
    cell.get_or_init(|| fresh_on(scenario, variant, semantics, seed, engine)).clone()
}

/// A new quick-preset run, not shared.
fn fresh(scenario: &str, variant: &str, semantics: Semantics, seed: u64) -> RunReport {
    fresh_on(scenario, variant, semantics, seed, None)
}

/// A new quick-preset run with S1's `engine` parameter set, not shared.
fn fresh_on(
    scenario: &str,
    variant: &str,
    semantics: Semantics,
    seed: u64,
    engine: Option<&str>,
) -> RunReport {
    let mut config = RunConfig::new(scenario, variant, semantics, seed).with_preset(Preset::Quick);
    let mut set = String::new();
    if let Some(engine) = engine {
        config = config.with_param("engine", engine);
        set = format!(" --set engine={engine}");
    }
    // Printed before the run, so that a run killed at the suite's time limit is reported with it.
    eprintln!(
        "{scenario}/{variant}/{semantics} seed={seed} repro: cargo run --release -p timerlab -- run {scenario} \
         {variant} --semantics {semantics} --seed {seed} --preset quick{set}"
    );
    run(&config, &mut |_, _| {}).unwrap_or_else(|e| panic!("{scenario}/{variant} {engine:?}: {e}"))
}

/// A new quick-preset run with scenario parameters set (`--set name=value`), not shared.
fn fresh_with(
    scenario: &str,
    variant: &str,
    semantics: Semantics,
    seed: u64,
    params: &[(&str, &str)],
) -> RunReport {
    let mut config = RunConfig::new(scenario, variant, semantics, seed).with_preset(Preset::Quick);
    for (name, value) in params {
        config = config.with_param(name, value);
    }
    run(&config, &mut |_, _| {}).unwrap_or_else(|e| panic!("{}: {e}", config.repro_command()))
}
