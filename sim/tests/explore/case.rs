//! One drawn run: the config, and what the properties need to know about it without parsing
//! it back. Its `Debug` is the command that replays it, so proptest's "minimal failing input"
//! is a `timerlab run` line.

use std::fmt;

use gotime::{GoDuration, Semantics};
use timerlab_sim::{run, RunConfig, RunReport};

/// S1's parameters as drawn (the config holds them as text).
#[derive(Clone, Copy)]
pub struct S1Params {
    pub users: u32,
    pub duration: GoDuration,
    pub ramp_time: GoDuration,
    pub rate: f64,
    pub rate_peak: f64,
    pub idle: GoDuration,
    pub baseline: u64,
    pub per_connection: u64,
    pub budget: u64,
}

/// S2's parameters as drawn.
#[derive(Clone, Copy)]
pub struct S2Params {
    pub rate: u64,
    pub timeout: GoDuration,
    pub fast_time: GoDuration,
}

/// A run to make: the config, the drawn parameters, and when its first fault begins.
#[derive(Clone)]
pub struct Case<P> {
    pub config: RunConfig,
    pub params: P,
    pub semantics: Semantics,
    /// The first fault's time; `None` without faults.
    pub first_fault: Option<GoDuration>,
}

impl<P> Case<P> {
    /// Runs it. A config error is a bug of the strategy: it draws only valid values.
    pub fn run(&self) -> RunReport {
        run(&self.config, &mut |_, _| {}).unwrap_or_else(|e| panic!("{self:?}: {e}"))
    }

    pub fn variant(&self) -> &str {
        &self.config.variant
    }
}

impl<P> fmt::Debug for Case<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.config.repro_command())
    }
}
