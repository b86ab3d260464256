//! [`run`]: the one entry point — a config in, its scenario's report out.

use gotime::GoDuration;

use crate::api::{ConfigError, RunConfig, RunReport};
use crate::scenarios;

/// Runs one scenario variant in one semantics and returns its report. `progress` is called with
/// (virtual now, virtual end) as the run advances, at most a few hundred times.
///
/// # Errors
///
/// [`ConfigError`] when the scenario, variant or a parameter is unknown or out of range; nothing
/// is simulated then.
pub fn run(
    config: &RunConfig,
    progress: &mut dyn FnMut(GoDuration, GoDuration),
) -> Result<RunReport, ConfigError> {
    let spec = scenarios::find(&config.scenario)?;
    spec.variant(&config.variant)?;
    (spec.run)(config, progress)
}
