//! S1 — the comm server on a weak machine (docs/SCENARIOS.md, "S1").
//!
//! | module | what |
//! |---|---|
//! | `config` | the parameters, the ramp and the rate curve |
//! | `variants` | each variant's loop between two selects, written once for both engines |
//! | `context` | Go's `context.WithTimeout` on gotime's `AfterFunc` |
//! | `server` | the turmoil server host: accept loop, monitor, one task per connection |
//! | `conn` | one turmoil connection's receive side: a message, an idle timeout, or the end |
//! | `client` | the turmoil client hosts: users that connect, send, and reconnect with back-off |
//! | `events` | the discrete-event engine: the same scenario on one event queue (`engine=events`) |

mod client;
mod config;
mod conn;
mod context;
mod events;
mod server;
mod variants;

use std::rc::Rc;

use gotime::GoDuration;

use super::faults::network::Links;
use super::harness::{self, HarnessConfig};
use super::params::Params;
use super::process::{Gauge, SharedGauge};
use super::spec::{ScenarioSpec, VariantSpec};
use crate::api::{ConfigError, RunConfig, RunReport};
use crate::verdict::VerdictKind;

use config::{S1Config, Simulator, MIN_LATENCY, SERVER};

pub(super) const SPEC: ScenarioSpec = ScenarioSpec {
    name: "s1",
    title: "comm server on a weak machine: a time.After per read loop iteration",
    description: "Client hosts ramp up to N users, each a TCP connection to one server host sending \
        messages at a rising rate. The server runs one task per connection with the incident's \
        for-select loop and a 3 s idle timeout. Its memory (baseline + connections + live timers + \
        buffered messages) has a budget; above it the host is killed and restarted after a back-off, \
        and the clients reconnect.",
    variants: VARIANTS,
    params: config::PARAMS,
    run,
};

const VARIANTS: &[VariantSpec] = &[
    VariantSpec {
        name: "leaky",
        description: "time.After in every iteration: the incident (golang/go#8898)",
        go: "for { select { case m := <-c.readChan: c.handle(m); case <-time.After(3 * time.Second): c.ping() } }",
        expected_async: VerdictKind::OomLoop,
        // asynctimerchan=2 collects the unreferenced channel: no timer outlives its iteration.
        expected_async_collected: VerdictKind::Bounded,
        expected_sync: VerdictKind::Bounded,
    },
    VariantSpec {
        name: "stop",
        description: "NewTimer + defer Stop in every iteration",
        go: "t := time.NewTimer(3 * time.Second); defer t.Stop(); select { case m := <-c.readChan: ...; case <-t.C: ... }",
        expected_async: VerdictKind::Bounded,
        expected_async_collected: VerdictKind::Bounded,
        expected_sync: VerdictKind::Bounded,
    },
    VariantSpec {
        name: "reset",
        description: "one timer per connection: Stop, non-blocking drain, Reset on each message",
        go: "if !t.Stop() { select { case <-t.C: default: } }; t.Reset(3 * time.Second)",
        expected_async: VerdictKind::Bounded,
        expected_async_collected: VerdictKind::Bounded,
        expected_sync: VerdictKind::Bounded,
    },
    VariantSpec {
        name: "context",
        description: "context.WithTimeout per iteration, cancel() when the iteration ends",
        go: "ctx, cancel := context.WithTimeout(c.ctx, 3 * time.Second); select { ...; case <-ctx.Done(): ... }; cancel()",
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
    let cfg = Rc::new(S1Config::parse(&params, config)?);
    let sample_every = harness::sample_every(config, cfg.duration)?;

    let gauge: SharedGauge = Rc::new(std::cell::RefCell::new(Gauge::default()));
    let users_at = |t: GoDuration| cfg.users_at(t);
    let clients: Vec<String> = (0..cfg.client_hosts).map(client_host).collect();
    let harness = HarnessConfig {
        end: cfg.duration,
        sample_every,
        server: SERVER,
        restart_backoff: cfg.restart_backoff,
        users_at: &users_at,
        seed: config.seed,
        faults: &cfg.faults,
        links: Some(Links { server: SERVER, clients: &clients, latency: (MIN_LATENCY, cfg.max_latency) }),
    };
    let observed = match cfg.simulator {
        Simulator::Turmoil => on_turmoil(&cfg, &gauge, &harness, progress),
        Simulator::Events => events::drive(&cfg, &gauge, &harness, progress),
    };

    let header = harness::ReportHeader {
        scenario: SPEC.name,
        variant,
        config,
        behaviour: cfg.behaviour.clone(),
        params: harness::listed(params.resolved()),
        budget: Some(cfg.model.budget),
    };
    Ok(harness::report(observed, &gauge, header))
}

/// The turmoil engine: a server host, `client-hosts` client hosts, the harness as supervisor.
fn on_turmoil(
    cfg: &Rc<S1Config>,
    gauge: &SharedGauge,
    harness: &HarnessConfig<'_>,
    progress: &mut dyn FnMut(GoDuration, GoDuration),
) -> harness::Observations {
    let mut sim = cfg.turmoil();
    let (server_cfg, server_gauge) = (cfg.clone(), gauge.clone());
    sim.host(SERVER, move || server::serve(server_cfg.clone(), server_gauge.clone()));
    for host in 0..cfg.client_hosts {
        sim.client(client_host(host), client::host(cfg.clone(), host));
    }
    harness::drive(&mut sim, gauge, harness, progress)
}

/// The name of client host `host` (the network faults act on its link to the server).
fn client_host(host: u64) -> String {
    format!("client-{host}")
}
