//! S1's parameters — declared, then resolved, parsed and checked — the user ramp and the
//! message-rate curve.

use std::time::Duration;

use gotime::GoDuration;

use crate::api::{ConfigError, RunConfig};
use crate::behaviour::ResolvedBehaviour;
use crate::memory::MemoryModel;
use crate::scenarios::faults::{FaultPlan, RandomFaults, Rules, KINDS};
use crate::scenarios::params::Params;
use crate::scenarios::spec::ParamSpec;
use crate::seed::{self, streams};

/// The server host's name.
pub(super) const SERVER: &str = "server";
/// The server's port.
pub(super) const PORT: u16 = 7_000;
/// The network's least one-way latency; the most is the `max-latency` parameter (turmoil draws
/// between the two; a latency fault's end restores them).
pub(super) const MIN_LATENCY: Duration = Duration::from_millis(1);

/// The parameters a config may set (`--set NAME=VALUE`), with their presets' values.
pub(super) const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "users",
        help: "users at the end of the ramp",
        range: "1..=20000 (engine=turmoil), 1..=1000000 (engine=events)",
        default: "1000",
        quick: "100",
    },
    ParamSpec {
        name: "duration",
        help: "virtual time simulated",
        range: "10s..=1h",
        default: "2m",
        quick: "1m",
    },
    ParamSpec {
        name: "ramp",
        help: "how users arrive: linear, or steps:K (K equal batches)",
        range: "linear | steps:1..=100",
        default: "linear",
        quick: "linear",
    },
    ParamSpec {
        name: "ramp-time",
        help: "time until every user has started",
        range: "0s..=duration",
        default: "20s",
        quick: "10s",
    },
    ParamSpec {
        name: "rate",
        help: "messages per second per user during the ramp",
        range: "0.01..=100",
        default: "2",
        quick: "2",
    },
    ParamSpec {
        name: "rate-peak",
        help: "messages per second per user at the end; the rate rises linearly after the ramp",
        range: "0.01..=100",
        default: "10",
        quick: "10",
    },
    ParamSpec {
        name: "message-size",
        help: "bytes per message",
        range: "1B..=64KiB",
        default: "64B",
        quick: "64B",
    },
    ParamSpec {
        name: "idle-timeout",
        help: "the server's idle timeout per connection",
        range: "1ms..=1h",
        default: "3s",
        quick: "3s",
    },
    ParamSpec {
        name: "budget",
        help: "memory budget of the server host (the OOM killer's limit)",
        range: "1KiB..=64GiB",
        default: "16MiB",
        quick: "1792KiB",
    },
    ParamSpec {
        name: "baseline",
        help: "server memory with no connection",
        range: "0B..=64GiB",
        default: "4MiB",
        quick: "512KiB",
    },
    ParamSpec {
        name: "per-connection",
        help: "server memory per connection (goroutine stack, conn, buffers)",
        range: "0B..=1MiB",
        default: "8KiB",
        quick: "8KiB",
    },
    ParamSpec {
        name: "restart-backoff",
        help: "the supervisor's delay between a kill and the restart",
        range: "0s..=10m",
        default: "5s",
        quick: "5s",
    },
    ParamSpec {
        name: "reconnect-backoff",
        help: "a client's first reconnect delay; doubles per failure up to 16x, +-50% jitter",
        range: "1ms..=1m",
        default: "1s",
        quick: "1s",
    },
    ParamSpec {
        name: "client-hosts",
        help: "turmoil hosts the users are spread over (engine=turmoil; the events engine has no hosts)",
        range: "1..=100",
        default: "10",
        quick: "4",
    },
    ParamSpec {
        name: "tick",
        help: "network tick: messages are delivered at tick boundaries (timers stay exact), on either engine",
        range: "1ms..=100ms",
        default: "10ms",
        quick: "10ms",
    },
    ParamSpec {
        name: "engine",
        help: "turmoil (hosts and TCP, the reference) or events (one event queue, for long and large runs)",
        range: "turmoil | events",
        default: "turmoil",
        quick: "turmoil",
    },
    ParamSpec {
        name: "procs",
        help: "Go's GOMAXPROCS: the connections are spread over this many Ps, each with its own timer heap; the events engine runs a thread per P (the result depends on procs, not on the machine)",
        range: "1 (engine=turmoil), 1..=64 (engine=events)",
        default: "1",
        quick: "1",
    },
    ParamSpec {
        name: "cap",
        help: "simulator cap on live timers: the run stops with SIM-MEMORY-CAP",
        range: "1..=50000000",
        default: "2000000",
        quick: "2000000",
    },
    ParamSpec {
        name: "max-latency",
        help: "the network's most one-way latency, in whole milliseconds (turmoil draws 1 ms + (max − 1 ms) × Exp(5), at most max)",
        range: "2ms..=200ms",
        default: "50ms",
        quick: "50ms",
    },
    ParamSpec {
        name: "faults",
        help: "network faults between the client hosts and the server, and crashes (engine=turmoil); docs/SCENARIOS.md, Faults",
        range: "none | random:RATE[:KINDS] | hold:D@T,partition:D@T,latency:L:D@T,loss:P:D@T,crash@T,...",
        default: "none",
        quick: "none",
    },
];

/// The `faults` parameter: every kind on the turmoil engine, none on the events engine (it has
/// no links to hold and no host to crash). A random fault lasts 1–30 s; a spike's latency is
/// 100 ms–5 s, on either side of the 3 s idle timeout; a loss fails a link at 0.1–5 % of the
/// segments sent on it, so that some streams of a window lose a segment and some do not.
fn faults(p: &Params, seed: u64, run: GoDuration, simulator: Simulator) -> Result<FaultPlan, ConfigError> {
    let text = p.text("faults");
    if simulator == Simulator::Events && text.trim() != "none" {
        return Err(ConfigError::invalid(
            "faults",
            text,
            "none with engine=events (faults need the turmoil engine's links and hosts)",
        ));
    }
    let rules = Rules {
        scenario: "s1",
        kinds: &KINDS,
        without: "",
        run,
        downtime: p.duration("restart-backoff", GoDuration::ZERO..=GoDuration::from_mins(10))?,
        random: RandomFaults {
            length: (GoDuration::SECOND, GoDuration::from_secs(30)),
            latency: (GoDuration::from_millis(100), GoDuration::from_secs(5)),
            loss: (0.001, 0.05),
        },
        seed,
    };
    FaultPlan::parse(text, &rules)
}

/// The `max-latency` parameter: whole milliseconds, as turmoil computes latencies (and as the
/// events engine's table holds them).
fn max_latency(p: &Params) -> Result<Duration, ConfigError> {
    let text = p.text("max-latency");
    let d = p.duration("max-latency", GoDuration::from_millis(2)..=GoDuration::from_millis(200))?;
    if d.as_nanos() % 1_000_000 != 0 {
        return Err(ConfigError::invalid(
            "max-latency",
            text,
            "a whole number of milliseconds in 2ms..=200ms",
        ));
    }
    Ok(Duration::from_millis(d.as_nanos() as u64 / 1_000_000))
}

/// Which loop the server runs (the registry's variant names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Variant {
    Leaky,
    Stop,
    Reset,
    Context,
}

/// What runs the scenario: the `engine` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Simulator {
    /// turmoil hosts and TCP, one tokio task per connection: the reference.
    Turmoil,
    /// The discrete-event engine (`s1/events`): the same model on one event queue.
    Events,
}

impl Simulator {
    /// The most users a run may have on this engine: what each simulates at one message per
    /// second per user in minutes of wall time (docs/PERFORMANCE.md, "The users limits").
    pub(crate) fn max_users(self) -> u64 {
        match self {
            Simulator::Turmoil => 20_000,
            Simulator::Events => 1_000_000,
        }
    }
}

/// How users arrive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ramp {
    /// User `i` of `n` starts at `i/n` of the ramp time.
    Linear,
    /// `k` equal batches, batch `j` at `j/k` of the ramp time.
    Steps(u64),
}

/// Everything an S1 run needs, parsed and checked.
#[derive(Clone, Debug)]
pub(crate) struct S1Config {
    pub behaviour: ResolvedBehaviour,
    pub seed: u64,
    pub simulator: Simulator,
    pub variant: Variant,
    pub users: u64,
    pub duration: GoDuration,
    pub ramp: Ramp,
    pub ramp_time: GoDuration,
    pub rate: f64,
    pub rate_peak: f64,
    pub message_size: usize,
    pub idle: GoDuration,
    pub model: MemoryModel,
    pub restart_backoff: GoDuration,
    pub reconnect_backoff: GoDuration,
    pub client_hosts: u64,
    pub tick: GoDuration,
    /// Go's GOMAXPROCS: the Ps the events engine spreads the connections over.
    pub procs: u32,
    /// The most one-way latency; the least is [`MIN_LATENCY`].
    pub max_latency: Duration,
    pub cap: u64,
    pub faults: FaultPlan,
}

impl S1Config {
    pub(crate) fn parse(p: &Params, config: &RunConfig) -> Result<S1Config, ConfigError> {
        let variant = match config.variant.as_str() {
            "leaky" => Variant::Leaky,
            "stop" => Variant::Stop,
            "reset" => Variant::Reset,
            _ => Variant::Context,
        };
        let duration = p.duration("duration", GoDuration::from_secs(10)..=GoDuration::HOUR)?;
        let ramp_text = p.text("ramp").trim();
        let ramp = match ramp_text {
            "linear" => Ramp::Linear,
            t => match t.strip_prefix("steps:").and_then(|k| k.parse().ok()) {
                Some(k) if (1..=100).contains(&k) => Ramp::Steps(k),
                _ => return Err(ConfigError::invalid("ramp", t, "linear or steps:K with K in 1..=100")),
            },
        };
        let simulator = match p.text("engine").trim() {
            "turmoil" => Simulator::Turmoil,
            "events" => Simulator::Events,
            other => return Err(ConfigError::invalid("engine", other, "turmoil or events")),
        };
        let users = p.u64("users", 1..=simulator.max_users())?;
        let client_hosts = p.u64("client-hosts", 1..=100)?;
        let procs = match simulator {
            Simulator::Events => p.u64("procs", 1..=64)?,
            Simulator::Turmoil => match p.text("procs").trim() {
                "1" => 1,
                other => {
                    return Err(ConfigError::invalid(
                        "procs",
                        other,
                        "1 with engine=turmoil (Ps need engine=events)",
                    ))
                }
            },
        };
        Ok(S1Config {
            behaviour: config.behaviour.resolve()?,
            seed: config.seed,
            simulator,
            variant,
            users,
            duration,
            ramp,
            ramp_time: p.duration("ramp-time", GoDuration::ZERO..=duration)?,
            rate: p.f64("rate", 0.01..=100.0)?,
            rate_peak: p.f64("rate-peak", 0.01..=100.0)?,
            message_size: p.bytes("message-size", 1..=64 * 1024)? as usize,
            idle: p.duration("idle-timeout", GoDuration::MILLISECOND..=GoDuration::HOUR)?,
            model: MemoryModel {
                baseline: p.bytes("baseline", 0..=64 << 30)?,
                per_connection: p.bytes("per-connection", 0..=1 << 20)?,
                budget: p.bytes("budget", 1024..=64 << 30)?,
            },
            restart_backoff: p.duration("restart-backoff", GoDuration::ZERO..=GoDuration::from_mins(10))?,
            reconnect_backoff: p
                .duration("reconnect-backoff", GoDuration::MILLISECOND..=GoDuration::MINUTE)?,
            client_hosts: client_hosts.min(users),
            tick: p.duration("tick", GoDuration::MILLISECOND..=GoDuration::from_millis(100))?,
            procs: procs as u32,
            max_latency: max_latency(p)?,
            cap: p.u64("cap", 1..=50_000_000)?,
            faults: faults(p, config.seed, duration, simulator)?,
        })
    }

    /// The turmoil simulation: seeded, with the tick and TCP capacity this scenario needs.
    pub(crate) fn turmoil<'a>(&self) -> turmoil::Sim<'a> {
        let std = |d: GoDuration| d.to_std().unwrap_or_default();
        turmoil::Builder::new()
            // Two extra ticks: the harness stops at `duration`, turmoil must not stop first.
            .simulation_duration(std(self.duration) + 2 * std(self.tick))
            .tick_duration(std(self.tick))
            .rng_seed(seed::derive(self.seed, streams::NETWORK))
            .epoch(std::time::UNIX_EPOCH + Duration::from_secs(1_700_000_000))
            // Every connect of a reconnect storm must find room in the server's accept queue.
            .tcp_capacity(65_536)
            .min_message_latency(MIN_LATENCY)
            .max_message_latency(self.max_latency)
            .build()
    }

    /// When user `i` (0-based) starts.
    pub(crate) fn start_of(&self, i: u64) -> GoDuration {
        let ramp = self.ramp_time.as_nanos() as u128;
        let n = self.users as u128;
        let nanos = match self.ramp {
            Ramp::Linear => ramp * i as u128 / n,
            Ramp::Steps(k) => {
                let k = k as u128;
                let batch = i as u128 * k / n;
                ramp * batch / k
            }
        };
        GoDuration::from_nanos(nanos as i64)
    }

    /// Users started by `t`: the number of `i` with `start_of(i) <= t` (starts are monotonic).
    pub(crate) fn users_at(&self, t: GoDuration) -> u32 {
        let (mut lo, mut hi) = (0u64, self.users);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.start_of(mid) <= t {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo as u32
    }

    /// Messages per second per user at `t`: `rate` during the ramp, then rising linearly to
    /// `rate_peak` at the end of the run.
    pub(crate) fn rate_at(&self, t: GoDuration) -> f64 {
        if t <= self.ramp_time || self.duration <= self.ramp_time {
            return self.rate;
        }
        let done = (t.as_nanos() - self.ramp_time.as_nanos()) as f64
            / (self.duration.as_nanos() - self.ramp_time.as_nanos()) as f64;
        self.rate + (self.rate_peak - self.rate) * done.min(1.0)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use gotime::Semantics;

    use super::*;

    pub(crate) fn config(params: &[(&str, &str)]) -> S1Config {
        let mut rc = RunConfig::new("s1", "leaky", Semantics::Async, 1);
        for (k, v) in params {
            rc = rc.with_param(k, v);
        }
        S1Config::parse(&Params::resolve("s1", PARAMS, &rc).unwrap(), &rc).unwrap()
    }

    #[test]
    fn users_at_counts_the_users_started_by_then() {
        for ramp in ["linear", "steps:4"] {
            let c = config(&[("users", "10"), ("ramp-time", "10s"), ("ramp", ramp)]);
            for secs in 0..12 {
                let t = GoDuration::from_secs(secs);
                let counted = (0..10).filter(|&i| c.start_of(i) <= t).count() as u32;
                assert_eq!(c.users_at(t), counted, "{ramp} at {t}");
            }
            assert_eq!(c.users_at(GoDuration::from_secs(10)), 10, "{ramp}: everyone by the end of the ramp");
        }
    }

    #[test]
    fn steps_start_users_in_equal_batches() {
        let c = config(&[("users", "8"), ("ramp-time", "8s"), ("ramp", "steps:4")]);
        let starts: Vec<i64> = (0..8).map(|i| c.start_of(i).as_nanos() / 1_000_000_000).collect();
        assert_eq!(starts, [0, 0, 2, 2, 4, 4, 6, 6]);
    }

    #[test]
    fn rate_rises_linearly_after_the_ramp() {
        let c = config(&[("duration", "2m"), ("ramp-time", "20s"), ("rate", "2"), ("rate-peak", "10")]);
        assert_eq!(c.rate_at(GoDuration::from_secs(10)), 2.0);
        assert_eq!(c.rate_at(GoDuration::from_secs(70)), 6.0);
        assert_eq!(c.rate_at(GoDuration::from_secs(120)), 10.0);
    }
}
