//! S3's parameters — declared, then resolved, parsed and checked — and the runtime a run gets:
//! the behaviour `--semantics` names, or the one a Go release gives it (`go=1.23.1`), resolved
//! with `gotime::release`.

use gotime::release::{GoProgram, Resolution};
use gotime::{GoDuration, Runtime, Semantics};

use crate::api::{ConfigError, RunConfig};
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
        name: "go",
        help: "the Go release whose runtime runs the program, with GODEBUG=asynctimerchan set for \
               the semantics (0 sync, 1 async, 2 async-collected); none: the behaviour alone, \
               without golang/go#69312 (as every release but 1.23.0 and 1.23.1 has it)",
        range: "none | a release such as 1.22.10, 1.23.1, 1.26.6",
        default: "none",
        quick: "none",
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
    pub semantics: Semantics,
    /// The release's resolution when `go` names one.
    pub release: Option<Resolution>,
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
            semantics: config.semantics,
            release: release(p.text("go"), config.semantics)?,
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
        self.release.as_ref().is_some_and(|r| r.stop_race_69312)
    }

    /// The simulated process's runtime, on the manual clock. Priced with the default cost
    /// model, as every scenario's runtime is (the per-site profile assumes it).
    pub(super) fn runtime(&self) -> Runtime {
        Runtime::builder(self.semantics).stop_race_69312(self.stop_race_69312()).build()
    }
}

/// The `go` parameter: `none`, or a release run with the `asynctimerchan` that selects
/// `semantics`, which must then be the behaviour that release gives.
fn release(text: &str, semantics: Semantics) -> Result<Option<Resolution>, ConfigError> {
    const EXPECTED: &str = "none or a Go release such as 1.22.10, 1.23.1 or 1.26.6";
    if text == "none" {
        return Ok(None);
    }
    let godebug = format!("asynctimerchan={}", semantics.asynctimerchan());
    let go = GoProgram::built_with(text)
        .godebug(godebug)
        .resolve()
        .map_err(|e| ConfigError::invalid("go", text, format!("{EXPECTED} ({e})")))?;
    if go.semantics != semantics {
        let gives = format!(
            "a release that runs {semantics} timers ({} gives {})",
            go.toolchain.go_name(),
            go.semantics
        );
        return Err(ConfigError::invalid("go", text, gives));
    }
    Ok(Some(go))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_1_23_1_has_the_stop_race_in_sync_semantics_only() {
        let race = |semantics| release("1.23.1", semantics).unwrap().unwrap().stop_race_69312;
        assert!(race(Semantics::Sync), "golang/go#69312");
        assert!(!race(Semantics::Async) && !race(Semantics::AsyncCollected), "asynctimerchan=1, 2");
        assert!(!release("1.23.2", Semantics::Sync).unwrap().unwrap().stop_race_69312, "fixed");
        assert_eq!(release("none", Semantics::Sync), Ok(None));
    }

    #[test]
    fn a_release_that_cannot_give_the_semantics_is_refused_in_one_line() {
        let refused = |text: &str, semantics| release(text, semantics).unwrap_err().to_string();
        assert_eq!(
            refused("1.22.10", Semantics::Sync),
            "invalid go \"1.22.10\": expected a release that runs sync timers (go1.22.10 gives async)"
        );
        assert!(refused("1.27.3", Semantics::Async).contains("removed GODEBUG"), "Go's own refusal");
        assert!(refused("1.23", Semantics::Sync).contains("not a release"));
        assert!(refused("garbage", Semantics::Sync).starts_with("invalid go \"garbage\": expected none or"));
    }
}
