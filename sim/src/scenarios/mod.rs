//! The scenario registry: every scenario, its variants with their expected verdicts, and its
//! parameters. One module per scenario; adding one is adding a module and a line in
//! [`SCENARIOS`] (docs/SCENARIOS.md, "Adding a scenario").
//!
//! | module | what |
//! |---|---|
//! | `s1` | the comm server on a weak machine: turmoil clients, one server host, OOM kills |
//! | `s2` | producer/consumer with a 3-minute timeout on one turmoil host |
//! | `s3` | the drain that hangs: a batch timer's Stop/drain/Reset, on the manual clock |
//! | `spec` | what the registry holds: a scenario, its variants, its parameters |
//! | `params` | parsing and range-checking `key=value` parameters |
//! | `process` | the in-process monitor and the gauge it shares with the harness |
//! | `faults` | scheduled faults: holds, partitions, latency spikes, crashes |
//! | `harness` | the turmoil stepping loop: supervisor, faults, sampling, progress, caps |

use crate::api::ConfigError;

pub(crate) mod faults;
pub(crate) mod harness;
pub(crate) mod params;
pub(crate) mod process;
mod s1;
mod s2;
mod s3;
pub(crate) mod spec;

use spec::ScenarioSpec;

/// Every registered scenario, in order.
pub static SCENARIOS: &[ScenarioSpec] = &[s1::SPEC, s2::SPEC, s3::SPEC];

/// The registry: every scenario, its variants and parameters.
pub fn scenarios() -> &'static [ScenarioSpec] {
    SCENARIOS
}

/// The scenario named `name`.
///
/// # Errors
///
/// [`ConfigError::UnknownScenario`] naming the registered scenarios.
pub fn find(name: &str) -> Result<&'static ScenarioSpec, ConfigError> {
    SCENARIOS.iter().find(|s| s.name == name).ok_or_else(|| ConfigError::UnknownScenario {
        name: name.to_owned(),
        valid: SCENARIOS.iter().map(|s| s.name).collect(),
    })
}
