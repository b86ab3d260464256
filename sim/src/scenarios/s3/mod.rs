//! S3 — the drain that hangs (docs/SCENARIOS.md, "S3"): the production hangs after Go 1.23.
//!
//! A batching worker, otel-go's BatchSpanProcessor, exports a batch when it is full or when its
//! timer fires, and re-arms the timer after each export; each variant re-arms it differently.
//! A reporter queues a burst of spans every period. Runs on gotime's manual clock, scheduled by
//! hand, so that the one interleaving that matters — the batcher running inside a timer's
//! firing — is a seeded choice (`race`), and a task blocked forever is found the moment it
//! blocks (HANG).
//!
//! | module | what |
//! |---|---|
//! | `config` | the parameters, and the runtime of the run's behaviour (a Go release's race included) |
//! | `queue` | the bounded span queue between reporter and batcher |
//! | `goroutine` | a goroutine polled by hand, and its blocking receive that detects a hang |
//! | `variants` | each variant's re-arm, written once |
//! | `worker` | the batcher's loop |
//! | `sched` | the scheduler: bursts, firings and their window, the monitor, the samples |

mod config;
mod goroutine;
mod queue;
mod sched;
mod variants;
mod worker;

use std::rc::Rc;

use gotime::{GoDuration, Semantics};

use super::faults::FaultPlan;
use super::harness::{self, HarnessConfig};
use super::params::Params;
use super::process::{Gauge, SharedGauge};
use super::spec::{ScenarioSpec, VariantSpec};
use crate::api::{ConfigError, RunConfig, RunReport};
use crate::verdict::VerdictKind;

use config::S3Config;

pub(super) const SPEC: ScenarioSpec = ScenarioSpec {
    name: "s3",
    title: "the drain that hangs: a batch timer re-armed with if !t.Stop() { <-t.C }",
    description: "A batching worker (otel-go's BatchSpanProcessor) exports a batch when it is full \
        or when its 5 s timer fires, and re-arms the timer after each export. A reporter queues a \
        full batch every 5 s, so every timeout meets a burst: with probability `race` the worker \
        runs inside the timer's firing. Expected verdicts are for Go 1.23.2 and later in sync \
        mode; on Go 1.23.0 or 1.23.1 in sync mode (--go 1.23.1: golang/go#69312) blocking-drain hangs too.",
    variants: VARIANTS,
    params: config::PARAMS,
    run,
};

const VARIANTS: &[VariantSpec] = &[
    VariantSpec {
        name: "blocking-drain",
        description:
            "drain with <-t.C after a full batch (otel-go#5868, quic-go#4659): hangs only on Go 1.23.0-1.23.1",
        go: "if !t.Stop() { <-t.C }; t.Reset(d) // after a full batch; after a timeout, t.Reset(d)",
        expected_async: VerdictKind::Bounded,
        expected_async_collected: VerdictKind::Bounded,
        expected_sync: VerdictKind::Bounded,
    },
    VariantSpec {
        name: "drain-after-receive",
        description: "the same drain after the timeout's value was received (icingadb#990, golang/go#27169)",
        go: "if !t.Stop() { <-t.C }; t.Reset(d) // after every export",
        expected_async: VerdictKind::Hang,
        expected_async_collected: VerdictKind::Hang,
        expected_sync: VerdictKind::Hang,
    },
    VariantSpec {
        name: "non-blocking-drain",
        description:
            "drain with select/default (otel-go#5869): never hangs; a value in flight is missed and stale",
        go: "if !t.Stop() { select { case <-t.C: default: } }; t.Reset(d)",
        // golang/go#14038: the value lands after Stop returned false and the drain found nothing.
        expected_async: VerdictKind::SpuriousTimeout,
        expected_async_collected: VerdictKind::SpuriousTimeout,
        expected_sync: VerdictKind::Bounded,
    },
    VariantSpec {
        name: "no-drain",
        description:
            "Reset alone, Go 1.23's idiom: a buffered channel keeps the stale value (golang/go#11513)",
        go: "t.Reset(d)",
        expected_async: VerdictKind::SpuriousTimeout,
        expected_async_collected: VerdictKind::SpuriousTimeout,
        expected_sync: VerdictKind::Bounded,
    },
    VariantSpec {
        name: "timer-per-flush",
        description: "a new timer per export, the old one stopped: correct everywhere, a timer per export",
        go: "t.Stop(); t = time.NewTimer(d)",
        expected_async: VerdictKind::Bounded,
        expected_async_collected: VerdictKind::Bounded,
        expected_sync: VerdictKind::Bounded,
    },
];

/// The verdict a variant shows on a runtime with golang/go#69312 (Go 1.23.0–1.23.1 in sync
/// semantics): only the drain that blocks in the firing's window differs from Go 1.23.2.
fn expected_with_stop_race(variant: &VariantSpec) -> VerdictKind {
    match variant.name {
        "blocking-drain" => VerdictKind::Hang,
        _ => variant.expected(Semantics::Sync),
    }
}

fn run(
    config: &RunConfig,
    progress: &mut dyn FnMut(GoDuration, GoDuration),
) -> Result<RunReport, ConfigError> {
    let variant = SPEC.variant(&config.variant)?;
    let params = Params::resolve(SPEC.name, SPEC.params, config)?;
    let cfg = Rc::new(S3Config::parse(&params, config)?);
    let sample_every = harness::sample_every(config, cfg.duration)?;

    let gauge: SharedGauge = Rc::new(std::cell::RefCell::new(Gauge::default()));
    let one_reporter = |_: GoDuration| 1;
    // S3 runs on the manual clock, without turmoil: no network, no host to crash.
    let no_faults = FaultPlan::default();
    let harness = HarnessConfig {
        end: cfg.duration,
        sample_every,
        server: "batcher",
        restart_backoff: GoDuration::ZERO,
        users_at: &one_reporter,
        seed: config.seed,
        faults: &no_faults,
        links: None,
    };
    let driven = sched::drive(&cfg, &gauge, &harness, progress);

    let header = harness::ReportHeader {
        scenario: SPEC.name,
        variant,
        config,
        behaviour: cfg.behaviour.clone(),
        params: params.resolved(),
        budget: None,
    };
    let mut report = harness::report(driven.observed, &gauge, header);
    report.verdict = report.verdict.or_hang(driven.hang);
    report.sites = driven.sites;
    if cfg.stop_race_69312() {
        report.expected = expected_with_stop_race(variant);
    }
    Ok(report)
}
