//! S2's parameters — declared, then resolved, parsed and checked — and the producer's phases.

use std::time::Duration;

use gotime::GoDuration;

use crate::api::{ConfigError, RunConfig};
use crate::behaviour::ResolvedBehaviour;
use crate::scenarios::faults::{FaultPlan, RandomFaults, Rules};
use crate::scenarios::params::Params;
use crate::scenarios::spec::ParamSpec;
use crate::seed::{self, streams};

/// The parameters a config may set (`--set NAME=VALUE`), with their presets' values.
pub(super) const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "duration",
        help: "virtual time simulated",
        range: "1m..=2h",
        default: "20m",
        quick: "20m",
    },
    ParamSpec {
        name: "timeout",
        help: "the consumer's timeout",
        range: "1s..=1h",
        default: "3m",
        quick: "3m",
    },
    ParamSpec {
        name: "rate",
        help: "messages per second in the fast phase",
        range: "1..=100000",
        default: "1000",
        quick: "100",
    },
    ParamSpec {
        name: "fast-time",
        help: "length of the fast phase",
        range: "0s..=duration",
        default: "5m",
        quick: "5m",
    },
    ParamSpec {
        name: "stall-time",
        help: "length of the stall (no message) after it",
        range: "0s..=duration",
        default: "4m",
        quick: "4m",
    },
    ParamSpec {
        name: "slow-every",
        help: "time between two batches in the slow phase",
        range: "1s..=1h",
        default: "3m30s",
        quick: "3m30s",
    },
    ParamSpec {
        name: "slow-work",
        help: "time the consumer takes to handle one batch",
        range: "0s..=1h",
        default: "1m",
        quick: "1m",
    },
    ParamSpec {
        name: "capacity",
        help: "the channel's capacity",
        range: "1..=100000",
        default: "120",
        quick: "120",
    },
    ParamSpec {
        name: "batch-every",
        help: "the fast producer sends what is due this often",
        range: "1ms..=1s",
        default: "10ms",
        quick: "10ms",
    },
    ParamSpec {
        name: "baseline",
        help: "process memory besides timers and queued messages",
        range: "0B..=64GiB",
        default: "4MiB",
        quick: "4MiB",
    },
    ParamSpec {
        name: "tick",
        help: "turmoil tick: how often the harness samples and checks",
        range: "1ms..=1s",
        default: "100ms",
        quick: "100ms",
    },
    ParamSpec {
        name: "cap",
        help: "simulator cap on live timers: the run stops with SIM-MEMORY-CAP",
        range: "1..=50000000",
        default: "2000000",
        quick: "2000000",
    },
    ParamSpec {
        name: "faults",
        help: "holds of the consumer's downstream, and crashes of the host; docs/SCENARIOS.md, Faults",
        range: "none | random:RATE[:KINDS] | hold:D@T,crash@T,...",
        default: "none",
        quick: "none",
    },
];

/// S2's faults: a hold of the consumer's downstream (it waits in its handler until the
/// release) and a crash of the host (restarted at once: S2 has no supervisor back-off). No
/// network, so no partition and no latency. A random hold lasts 30 s–6 min, on either side of
/// the 3-minute timeout.
fn fault_rules(seed: u64, run: GoDuration) -> Rules {
    Rules {
        scenario: "s2",
        kinds: &["hold", "crash"],
        without: "s2 has no network (its hold holds the consumer's downstream)",
        run,
        downtime: GoDuration::ZERO,
        random: RandomFaults {
            length: (GoDuration::from_secs(30), GoDuration::from_mins(6)),
            latency: (GoDuration::ZERO, GoDuration::ZERO),
            loss: (0.0, 0.0),
        },
        seed,
    }
}

/// Which consumer loop runs (the registry's variant names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Variant {
    Leaky,
    Hoisted,
    ResetNoDrain,
    StopDrainReset,
}

/// Everything an S2 run needs, parsed and checked.
#[derive(Clone, Debug)]
pub(crate) struct S2Config {
    pub behaviour: ResolvedBehaviour,
    pub seed: u64,
    pub variant: Variant,
    pub duration: GoDuration,
    pub timeout: GoDuration,
    pub rate: u64,
    pub fast_time: GoDuration,
    pub stall_time: GoDuration,
    pub slow_every: GoDuration,
    pub slow_work: GoDuration,
    pub capacity: usize,
    pub batch_every: GoDuration,
    pub baseline: u64,
    pub tick: GoDuration,
    pub cap: u64,
    pub faults: FaultPlan,
}

impl S2Config {
    pub(crate) fn parse(p: &Params, config: &RunConfig) -> Result<S2Config, ConfigError> {
        let variant = match config.variant.as_str() {
            "leaky" => Variant::Leaky,
            "hoisted" => Variant::Hoisted,
            "reset-no-drain" => Variant::ResetNoDrain,
            _ => Variant::StopDrainReset,
        };
        let duration = p.duration("duration", GoDuration::MINUTE..=GoDuration::from_hours(2))?;
        Ok(S2Config {
            behaviour: config.behaviour.resolve()?,
            seed: config.seed,
            variant,
            duration,
            timeout: p.duration("timeout", GoDuration::SECOND..=GoDuration::HOUR)?,
            rate: p.u64("rate", 1..=100_000)?,
            fast_time: p.duration("fast-time", GoDuration::ZERO..=duration)?,
            stall_time: p.duration("stall-time", GoDuration::ZERO..=duration)?,
            slow_every: p.duration("slow-every", GoDuration::SECOND..=GoDuration::HOUR)?,
            slow_work: p.duration("slow-work", GoDuration::ZERO..=GoDuration::HOUR)?,
            capacity: p.u64("capacity", 1..=100_000)? as usize,
            batch_every: p.duration("batch-every", GoDuration::MILLISECOND..=GoDuration::SECOND)?,
            baseline: p.bytes("baseline", 0..=64 << 30)?,
            tick: p.duration("tick", GoDuration::MILLISECOND..=GoDuration::SECOND)?,
            cap: p.u64("cap", 1..=50_000_000)?,
            faults: FaultPlan::parse(p.text("faults"), &fault_rules(config.seed, duration))?,
        })
    }

    /// A one-host turmoil simulation, seeded.
    pub(crate) fn turmoil<'a>(&self) -> turmoil::Sim<'a> {
        let std = |d: GoDuration| d.to_std().unwrap_or_default();
        turmoil::Builder::new()
            .simulation_duration(std(self.duration) + 2 * std(self.tick))
            .tick_duration(std(self.tick))
            .rng_seed(seed::derive(self.seed, streams::NETWORK))
            .epoch(std::time::UNIX_EPOCH + Duration::from_secs(1_700_000_000))
            .build()
    }

    /// When the stall begins.
    pub(crate) fn stall_at(&self) -> GoDuration {
        self.fast_time
    }

    /// When the slow phase begins (its first batch).
    pub(crate) fn slow_at(&self) -> GoDuration {
        self.fast_time.saturating_add(self.stall_time)
    }
}
