//! S3's parameters — declared, then resolved, parsed and checked — and the runtime a run gets:
//! the run's behaviour as `--semantics` names it or a Go release gives it (`--go 1.23.1`: with
//! golang/go#69312's race), resolved with `gotime::release`.

use gotime::{GoDuration, Runtime};

use crate::api::{ConfigError, RunConfig};
use crate::behaviour::ResolvedBehaviour;
use crate::memory::MemoryModel;
use crate::scenarios::params::Params;
use crate::scenarios::spec::ParamSpec;

/// The parameters a config may set (`--set NAME=VALUE`), with their presets' values.
pub(super) const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "duration",
        help: "virtual time simulated",
        range: "1m..=24h",
        default: "1h",
        quick: "10m",
    },
    ParamSpec {
        name: "timeout",
        help: "the batch timeout (otel-go's BatchTimeout): a batch is exported this long after the timer was armed",
        range: "1ms..=1h",
        default: "5s",
        quick: "5s",
    },
    ParamSpec {
        name: "batch-size",
        help: "spans per export (MaxExportBatchSize): a full batch is exported at once",
        range: "1..=100000",
        default: "512",
        quick: "512",
    },
    ParamSpec {
        name: "every",
        help: "the reporter's period: it queues a burst of spans this often, the first one period in",
        range: "1ms..=1h",
        default: "5s",
        quick: "5s",
    },
    ParamSpec {
        name: "burst",
        help: "spans the reporter queues at once",
        range: "1..=100000",
        default: "512",
        quick: "512",
    },
    ParamSpec {
        name: "queue-size",
        help: "the queue between reporter and batcher (MaxQueueSize); spans that find it full are dropped",
        range: "1..=1000000",
        default: "2048",
        quick: "2048",
    },
    ParamSpec {
        name: "race",
        help: "when a burst arrives at the instant the batch timer fires: the probability that the \
               batcher runs inside the firing, after the timer left the heap and before its send",
        range: "0..=1",
        default: "0.1",
        quick: "0.1",
    },
    ParamSpec {
        name: "span-bytes",
        help: "memory of one queued span",
        range: "0B..=1MiB",
        default: "1KiB",
        quick: "1KiB",
    },
    ParamSpec {
        name: "baseline",
        help: "process memory besides timers and queued spans",
        range: "0B..=64GiB",
        default: "4MiB",
        quick: "4MiB",
    },
    ParamSpec {
        name: "tick",
        help: "how often the monitor checks live timers and memory",
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
];

/// How the batcher re-arms its timer after an export (the registry's variant names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Variant {
    BlockingDrain,
    DrainAfterReceive,
    NonBlockingDrain,
    NoDrain,
    TimerPerFlush,
}

/// Everything an S3 run needs, parsed and checked.
#[derive(Clone, Debug)]
pub(super) struct S3Config {
    /// The run's behaviour: its semantics, and golang/go#69312's race where its release has it.
    pub behaviour: ResolvedBehaviour,
    pub seed: u64,
    pub variant: Variant,
    pub duration: GoDuration,
    pub timeout: GoDuration,
    pub batch_size: u64,
    pub every: GoDuration,
    pub burst: u64,
    pub queue_size: u64,
    pub race: f64,
    pub span_bytes: u64,
    pub model: MemoryModel,
    pub tick: GoDuration,
    pub cap: u64,
}

impl S3Config {
    pub(super) fn parse(p: &Params, config: &RunConfig) -> Result<S3Config, ConfigError> {
        let variant = match config.variant.as_str() {
            "blocking-drain" => Variant::BlockingDrain,
            "drain-after-receive" => Variant::DrainAfterReceive,
            "non-blocking-drain" => Variant::NonBlockingDrain,
            "no-drain" => Variant::NoDrain,
            _ => Variant::TimerPerFlush,
        };
        let hour = GoDuration::HOUR;
        let baseline = p.bytes("baseline", 0..=64 << 30)?;
        Ok(S3Config {
            behaviour: config.behaviour.resolve()?,
            seed: config.seed,
            variant,
            duration: p.duration("duration", GoDuration::MINUTE..=GoDuration::from_hours(24))?,
            timeout: p.duration("timeout", GoDuration::MILLISECOND..=hour)?,
            batch_size: p.u64("batch-size", 1..=100_000)?,
            every: p.duration("every", GoDuration::MILLISECOND..=hour)?,
            burst: p.u64("burst", 1..=100_000)?,
            queue_size: p.u64("queue-size", 1..=1_000_000)?,
            race: p.f64("race", 0.0..=1.0)?,
            span_bytes: p.bytes("span-bytes", 0..=1 << 20)?,
            // No budget: the incident is a task that stops, not memory that runs out.
            model: MemoryModel { baseline, per_connection: 0, budget: u64::MAX },
            tick: p.duration("tick", GoDuration::MILLISECOND..=GoDuration::SECOND)?,
            cap: p.u64("cap", 1..=50_000_000)?,
        })
    }

    /// Whether the runtime has golang/go#69312's Stop race: Go 1.23.0–1.23.1 in sync semantics.
    pub(super) fn stop_race_69312(&self) -> bool {
        self.behaviour.stop_race_69312
    }

    /// The simulated process's runtime, on the manual clock, built as the run's behaviour
    /// says (a release's race and cost model included).
    pub(super) fn runtime(&self) -> Runtime {
        self.behaviour.builder().build()
    }
}
