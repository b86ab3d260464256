//! The run API's types: what to simulate ([`RunConfig`], [`Preset`]), why a config cannot run
//! ([`ConfigError`]), and what came out of a run ([`RunReport`], [`Sample`], [`SiteProfile`]).
//! Plain data: the registry and the scenarios build on these types, never the other way round.

use std::collections::BTreeMap;
use std::fmt;

use gotime::{GoDuration, Semantics, SiteStats};
use serde::Serialize;

use crate::behaviour::{Behaviour, BehaviourError, ResolvedBehaviour};
use crate::event::TraceEvent;
use crate::ser;
use crate::verdict::{RunVerdict, VerdictKind};

/// How big a run is: the embedded defaults, or a smaller configuration of the same scenario for
/// `cargo test` (same shape, fewer users and less virtual time; see docs/SCENARIOS.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// The documented default run (the one README command 1 shows).
    #[default]
    Default,
    /// A scaled-down run with the same verdicts, fast enough for the test suite.
    Quick,
}

impl Preset {
    /// The lower-case name used on command lines: `default` or `quick`.
    pub const fn name(self) -> &'static str {
        match self {
            Preset::Default => "default",
            Preset::Quick => "quick",
        }
    }
}

/// What to simulate: one scenario, one variant, one behaviour of Go's timers, one seed.
///
/// `users`, `duration` and `sample_every` override the preset's values; `params` overrides the
/// scenario's other parameters by name (see `ScenarioSpec::params`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RunConfig {
    /// Scenario name from the registry, e.g. `s1`.
    pub scenario: String,
    /// Variant name within the scenario, e.g. `leaky`.
    pub variant: String,
    /// Which of Go's timer behaviours: a semantics named directly, or a Go program (toolchain,
    /// `go` line, GODEBUG) that `gotime::release` resolves.
    pub behaviour: Behaviour,
    /// The seed of every random choice in the run (network latency, message jitter, select order).
    pub seed: u64,
    /// Default or quick (test) sizing.
    pub preset: Preset,
    /// Number of simulated users (S1: client connections; S2: ignored, it has one consumer).
    pub users: Option<u32>,
    /// Virtual time to simulate.
    #[serde(serialize_with = "ser::opt_duration")]
    pub duration: Option<GoDuration>,
    /// Virtual time between two trace samples; `None`: the scenario's default (duration / 40).
    #[serde(serialize_with = "ser::opt_duration")]
    pub sample_every: Option<GoDuration>,
    /// Scenario parameters by name, as text (`rate=4`, `budget=16MiB`, `ramp=steps:4`).
    pub params: BTreeMap<String, String>,
}

impl RunConfig {
    /// A config with the preset's defaults for everything but the four essentials. The
    /// behaviour is a [`Semantics`] or a [`crate::GoBuild`].
    pub fn new(scenario: &str, variant: &str, behaviour: impl Into<Behaviour>, seed: u64) -> RunConfig {
        RunConfig {
            scenario: scenario.to_owned(),
            variant: variant.to_owned(),
            behaviour: behaviour.into(),
            seed,
            preset: Preset::Default,
            users: None,
            duration: None,
            sample_every: None,
            params: BTreeMap::new(),
        }
    }

    /// The same config with another preset.
    pub fn with_preset(mut self, preset: Preset) -> RunConfig {
        self.preset = preset;
        self
    }

    /// The same config with one scenario parameter set (`key=value` on the command line).
    pub fn with_param(mut self, key: &str, value: &str) -> RunConfig {
        self.params.insert(key.to_owned(), value.to_owned());
        self
    }

    /// A one-line command that replays this run (the seed and every override), for failure
    /// messages: `timerlab run s1 leaky --semantics async --seed 7 ...`, or with the Go
    /// program's flags (`--go 1.22.10 --go-mod 1.22`) in place of `--semantics`.
    pub fn repro_command(&self) -> String {
        let mut cmd = format!(
            "timerlab run {} {}{} --seed {}",
            self.scenario,
            self.variant,
            self.behaviour.flags(),
            self.seed
        );
        if self.preset != Preset::Default {
            cmd.push_str(&format!(" --preset {}", self.preset.name()));
        }
        if let Some(users) = self.users {
            cmd.push_str(&format!(" --users {users}"));
        }
        if let Some(d) = self.duration {
            cmd.push_str(&format!(" --duration {d}"));
        }
        if let Some(d) = self.sample_every {
            cmd.push_str(&format!(" --sample-every {d}"));
        }
        for (k, v) in &self.params {
            cmd.push_str(&format!(" --set {k}={v}"));
        }
        cmd
    }
}

/// One row of the trace: the state of the simulated process at one instant of virtual time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Sample {
    /// Virtual time since the run started.
    #[serde(serialize_with = "ser::duration")]
    pub at: GoDuration,
    /// Users the load generator has started by now (S1), or consumers (S2).
    pub users: u32,
    /// Connections the server holds now (S1); 0 for S2.
    pub connections: u32,
    /// Tasks (goroutines) the simulated process runs now; 0 while it is down.
    pub tasks: u32,
    /// Live timers (gotime's `Stats::live`) in the current process life; 0 while it is down.
    pub live: u64,
    /// The process's modelled memory in bytes (see [`crate::memory::MemoryModel`]); 0 while it is down.
    pub memory: u64,
    /// Kills so far; each is followed by a restart after the supervisor's back-off.
    pub restarts: u32,
    /// Timeout branches taken so far (S1: idle pings; S2: "timeout" lines).
    pub timeouts: u64,
    /// Of those, the spurious ones so far (S2; always 0 in S1).
    pub spurious: u64,
}

/// One row of the per-call-site profile: where the live timers were created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SiteProfile {
    /// `file:line:column` of the constructor call in the scenario's source.
    pub site: String,
    /// The Go constructor: `time.After`, `time.NewTimer`, `time.AfterFunc`, ...
    pub kind: String,
    /// Live timers from this site at the moment the profile was taken.
    pub live: u64,
    /// The most live timers from this site during that process life.
    pub peak: u64,
    /// Estimated bytes of those live timers.
    pub bytes: u64,
    /// Timers created at this site during that life.
    pub created: u64,
    /// Estimated bytes of one timer of this site's kind: `bytes` is `live` times this, and the
    /// timers `created` cost `created` times this when they were made.
    pub bytes_per_timer: u64,
}

impl From<&SiteStats> for SiteProfile {
    fn from(s: &SiteStats) -> SiteProfile {
        let bytes_per_timer = s.bytes_per_timer;
        SiteProfile {
            site: s.site.to_string(),
            kind: s.kind.go_name().to_owned(),
            live: s.live,
            peak: s.peak,
            bytes: s.bytes,
            created: s.created,
            bytes_per_timer,
        }
    }
}

/// Everything a run produced: the sampled trace, the events, the verdict and its evidence.
#[derive(Clone, Debug, Serialize)]
pub struct RunReport {
    /// Scenario name.
    pub scenario: String,
    /// Variant name.
    pub variant: String,
    /// Semantics of the run (`behaviour.semantics`).
    #[serde(serialize_with = "ser::semantics")]
    pub semantics: Semantics,
    /// The behaviour the run's runtimes were built with, and why.
    pub behaviour: ResolvedBehaviour,
    /// The seed (also in `config`; first in every rendered trace).
    pub seed: u64,
    /// The config as given.
    pub config: RunConfig,
    /// The resolved parameters, every one, in a stable order (`name`, `value` as text).
    pub params: Vec<(String, String)>,
    /// Virtual time simulated (less than the configured duration only on [`RunVerdict::SimMemoryCap`]).
    #[serde(serialize_with = "ser::duration")]
    pub simulated: GoDuration,
    /// Samples every `sample_every`, the first at 0 and the last at the end of the run.
    pub samples: Vec<Sample>,
    /// Discrete events in virtual-time order (kills, restarts, timeouts, phases).
    pub events: Vec<TraceEvent>,
    /// What the run showed.
    pub verdict: RunVerdict,
    /// What the registry says this variant shows in this semantics.
    pub expected: VerdictKind,
    /// The most live timers at any check, over all process lives.
    pub peak_live: u64,
    /// The most modelled memory at any check, over all process lives.
    pub peak_memory: u64,
    /// The memory budget, when the scenario has one (S1).
    pub budget: Option<u64>,
    /// Times the process was killed and restarted.
    pub restarts: u32,
    /// Messages the process handled.
    pub messages: u64,
    /// Timeout branches taken (S1: idle pings; S2: timeouts).
    pub timeouts: u64,
    /// Timeouts taken although the consumer had not waited the full timeout (S2).
    pub spurious_timeouts: u64,
    /// Idle stretches longer than the timeout that produced no timeout (S2's hoisted `After`).
    pub missed_timeouts: u64,
    /// Checks (every tick of the in-process monitor) at which live timers exceeded what the
    /// program itself can hold (S1: connections; S2: one timer).
    pub over_bound_checks: u64,
    /// The per-call-site profile at the peak of the life with the most live timers.
    pub sites: Vec<SiteProfile>,
    /// The per-call-site profile at the run's last check (of its last process life).
    pub end_sites: Vec<SiteProfile>,
}

impl RunReport {
    /// `true` when the verdict is of the kind the registry expects.
    pub fn as_expected(&self) -> bool {
        self.verdict.kind() == self.expected
    }

    /// `seed=N` and the one-line command that replays this run.
    pub fn repro(&self) -> String {
        format!("seed={} (replay: {})", self.seed, self.config.repro_command())
    }
}

/// A config that cannot run; the message is one line and names the valid range or choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// No scenario of that name.
    UnknownScenario {
        /// What was asked for.
        name: String,
        /// The registered names.
        valid: Vec<&'static str>,
    },
    /// The scenario has no variant of that name.
    UnknownVariant {
        /// The scenario.
        scenario: String,
        /// What was asked for.
        name: String,
        /// The scenario's variants.
        valid: Vec<&'static str>,
    },
    /// The scenario has no parameter of that name.
    UnknownParam {
        /// The scenario.
        scenario: String,
        /// What was given.
        name: String,
        /// The scenario's parameters.
        valid: Vec<&'static str>,
    },
    /// A Go program (`--go`, `--go-mod`, `--godebug`) that cannot be resolved, or that Go refuses.
    Behaviour(BehaviourError),
    /// A value outside its valid range, or not parseable.
    Invalid {
        /// The parameter (`users`, `duration`, `rate`, ...).
        name: String,
        /// The value as given.
        value: String,
        /// The valid range or form, e.g. `1..=20000` or `a Go duration such as 2m30s`.
        expected: String,
    },
}

impl ConfigError {
    pub(crate) fn invalid(name: &str, value: impl fmt::Display, expected: impl Into<String>) -> ConfigError {
        ConfigError::Invalid { name: name.to_owned(), value: value.to_string(), expected: expected.into() }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::UnknownScenario { name, valid } => {
                write!(f, "unknown scenario {name:?} (valid: {})", valid.join(", "))
            }
            ConfigError::UnknownVariant { scenario, name, valid } => {
                write!(f, "scenario {scenario} has no variant {name:?} (valid: {})", valid.join(", "))
            }
            ConfigError::UnknownParam { scenario, name, valid } => {
                write!(f, "scenario {scenario} has no parameter {name:?} (valid: {})", valid.join(", "))
            }
            ConfigError::Behaviour(e) => write!(f, "{e}"),
            ConfigError::Invalid { name, value, expected } => {
                write!(f, "invalid {name} {value:?}: expected {expected}")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<BehaviourError> for ConfigError {
    fn from(e: BehaviourError) -> ConfigError {
        ConfigError::Behaviour(e)
    }
}
