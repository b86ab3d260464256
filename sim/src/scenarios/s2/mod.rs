//! S2 — producer/consumer with a long timeout (docs/SCENARIOS.md, "S2").
//!
//! Runs on a single turmoil host: there is no network in this incident, but the host gives the
//! program what S1's server has — tokio tasks, a real bounded channel, `select!`, and gotime's
//! tokio clock on virtual time — so the loops read like the Go code and the harness (sampling,
//! seed, caps) is shared. One host costs little per tick; the tick only sets how often the
//! harness samples, since timers inside a host fire at their exact deadlines.
//!
//! | module | what |
//! |---|---|
//! | `config` | the parameters and the producer's phases |
//! | `app` | the host: the producer, and the consumer loop of each variant |

mod app;
mod config;

use std::cell::RefCell;
use std::rc::Rc;

use gotime::GoDuration;

use super::harness::{self, HarnessConfig};
use super::params::Params;
use super::process::{Gauge, SharedGauge};
use super::spec::{ScenarioSpec, VariantSpec};
use crate::api::{ConfigError, RunConfig, RunReport};
use crate::verdict::VerdictKind;

use config::S2Config;

/// The host's name.
const HOST: &str = "app";

pub(super) const SPEC: ScenarioSpec = ScenarioSpec {
    name: "s2",
    title: "producer/consumer with a 3-minute timeout per select",
    description: "A producer fills a 120-slot channel: a fast phase, a stall longer than the timeout, \
        then a slow phase of big batches that take a minute to handle. The consumer loops over \
        select { message, timeout }; each variant writes the timeout differently.",
    variants: VARIANTS,
    params: config::PARAMS,
    run,
};

const VARIANTS: &[VariantSpec] = &[
    VariantSpec {
        name: "leaky",
        description: "time.After(3m) in every iteration: every message leaves a 3-minute timer (golang/go#8898)",
        go: "for { select { case <-ch: case <-time.After(3 * time.Minute): fmt.Println(\"timeout\") } }",
        expected_async: VerdictKind::Leak,
        // asynctimerchan=2 collects each iteration's unreferenced timer.
        expected_async_collected: VerdictKind::Bounded,
        expected_sync: VerdictKind::Bounded,
    },
    VariantSpec {
        name: "hoisted",
        description: "timeout := time.After(3m) outside the loop: one timer, but an overall deadline",
        go: "timeout := time.After(3 * time.Minute); for { select { case <-ch: case <-timeout: ... } }",
        expected_async: VerdictKind::SpuriousTimeout,
        expected_async_collected: VerdictKind::SpuriousTimeout,
        expected_sync: VerdictKind::SpuriousTimeout,
    },
    VariantSpec {
        name: "reset-no-drain",
        description: "NewTimer outside, Reset each iteration without Stop/drain (golang/go#11513, #14038)",
        go: "t := time.NewTimer(3 * time.Minute); for { t.Reset(3 * time.Minute); select { case <-ch: case <-t.C: ... } }",
        expected_async: VerdictKind::SpuriousTimeout,
        // The buffer keeps the stale value with asynctimerchan=2 too (golang/go#14038).
        expected_async_collected: VerdictKind::SpuriousTimeout,
        expected_sync: VerdictKind::Bounded,
    },
    VariantSpec {
        name: "stop-drain-reset",
        description: "NewTimer outside; Stop, non-blocking drain, Reset each iteration: correct in every behaviour",
        go: "if !t.Stop() { select { case <-t.C: default: } }; t.Reset(3 * time.Minute)",
        expected_async: VerdictKind::Bounded,
        expected_async_collected: VerdictKind::Bounded,
        expected_sync: VerdictKind::Bounded,
    },
];

fn run(
    config: &RunConfig,
    progress: &mut dyn FnMut(GoDuration, GoDuration),
) -> Result<RunReport, ConfigError> {
    let variant = SPEC.variant(&config.variant)?;
    let params = Params::resolve(SPEC.name, SPEC.params, config)?;
    let cfg = Rc::new(S2Config::parse(&params, config)?);
    let sample_every = harness::sample_every(config, cfg.duration)?;

    let gauge: SharedGauge = Rc::new(RefCell::new(Gauge::default()));
    let mut sim = cfg.turmoil();
    let (app_cfg, app_gauge) = (cfg.clone(), gauge.clone());
    sim.host(HOST, move || app::run(app_cfg.clone(), app_gauge.clone()));
    let one_consumer = |_: GoDuration| 1;
    let harness = HarnessConfig {
        end: cfg.duration,
        sample_every,
        server: HOST,
        restart_backoff: GoDuration::ZERO,
        users_at: &one_consumer,
        seed: config.seed,
        faults: &cfg.faults,
        links: None,
    };
    let observed = harness::drive(&mut sim, &gauge, &harness, progress);
    drop(sim);

    let header = harness::ReportHeader {
        scenario: SPEC.name,
        variant,
        config,
        behaviour: cfg.behaviour.clone(),
        params: harness::listed(params.resolved()),
        budget: None,
    };
    Ok(harness::report(observed, &gauge, header))
}
