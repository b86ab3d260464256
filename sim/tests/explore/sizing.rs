//! What docs/SCENARIOS.md's arithmetic predicts for a drawn configuration, written from the
//! documented model and Go's semantics, never from a run:
//!
//! - memory = baseline + connections × per-connection + live-timer bytes (+ buffered bytes,
//!   at most a partial message per connection), priced by `CostModel::GO_1_23` (266 B a
//!   channel timer, 130 B an `AfterFunc`, measured on Go);
//! - every fix holds one timer per connection; `leaky` in the collecting behaviours too (an
//!   unreferenced timer is collected, golang/go#61542); `leaky` in async holds every timer of
//!   the last idle timeout: Little's law, arrivals × time in system.

use gotime::{CostModel, GoDuration, Semantics};
use timerlab_sim::VerdictKind;

use crate::case::{Case, S1Params, S2Params};

/// How far from a threshold a prediction must be to be asserted: the Poisson noise of the
/// message counts and the latency of their delivery (1–50 ms) blur the edges; within this
/// band a run may go either way, and only the invariants are checked.
const MARGIN: f64 = 0.10;

/// Bytes of one live timer of S1's `variant` (its constructor's cost).
pub fn s1_timer_bytes(variant: &str) -> u64 {
    let costs = CostModel::GO_1_23;
    // `context.WithTimeout` arms an `AfterFunc`; the others a channel timer.
    if variant == "context" {
        costs.func_timer
    } else {
        costs.channel_timer
    }
}

/// A user's expected messages in `[from, to]`: `rate` during the ramp, then rising linearly
/// to `rate-peak` at the end of the run (docs/SCENARIOS.md, "Users"); the trapezoid rule is
/// exact on each linear piece.
pub fn messages_per_user(p: &S1Params, from: GoDuration, to: GoDuration) -> f64 {
    let secs = |d: GoDuration| d.as_nanos() as f64 / 1e9;
    let (ramp, end) = (secs(p.ramp_time), secs(p.duration));
    let rate = |t: f64| {
        if t <= ramp || end <= ramp {
            p.rate
        } else {
            p.rate + (p.rate_peak - p.rate) * ((t - ramp) / (end - ramp)).min(1.0)
        }
    };
    let (a, b) = (secs(from).max(0.0), secs(to));
    let knee = ramp.clamp(a, b);
    (knee - a) * (rate(a) + rate(knee)) / 2.0 + (b - knee) * (rate(knee) + rate(b)) / 2.0
}

/// Little's law for `leaky` in async at `t` with `connections` open: each message starts an
/// iteration whose `time.After` stays live for the idle timeout W, and an idle timeout starts
/// one too, so the live timers are the messages of the last W plus at most one per
/// connection. The band: 5 % for the delivery latency and tick rounding, four standard
/// deviations of a Poisson count, and two for the monitor's check in progress.
pub fn little(p: &S1Params, connections: u32, t: GoDuration) -> (f64, f64) {
    let from = GoDuration::from_nanos(t.as_nanos() - p.idle.as_nanos());
    let arrivals = f64::from(connections) * messages_per_user(p, from, t);
    let noise = 4.0 * arrivals.sqrt() + 2.0;
    (arrivals * 0.95 - noise, (arrivals + f64::from(connections)) * 1.05 + noise)
}

/// S1's verdict, or `None` when the configuration is within [`MARGIN`] of a threshold.
pub fn s1_verdict(case: &Case<S1Params>) -> Option<VerdictKind> {
    let p = &case.params;
    let users = f64::from(p.users);
    let room = p.budget as f64 - (p.baseline + u64::from(p.users) * p.per_connection) as f64;
    let timer = s1_timer_bytes(case.variant()) as f64;
    // A partial 64 B message per connection, at most.
    let buffered = users * 64.0;
    let holds = |timers: f64| timers * timer + buffered;
    let leaks = case.variant() == "leaky" && !case.semantics.collects_unreferenced();
    if !leaks {
        return if room >= holds(users) * (1.0 + MARGIN) {
            Some(VerdictKind::Bounded)
        } else if room < users * timer * (1.0 - MARGIN) {
            Some(VerdictKind::OomLoop)
        } else {
            None
        };
    }
    // The leak peaks at the end of the run, where the rate does.
    let (low, high) = little(p, p.users, p.duration);
    if room < low * timer * (1.0 - MARGIN) {
        Some(VerdictKind::OomLoop)
    } else if room >= holds(high) * (1.0 + MARGIN) {
        // Above the bound of one per connection as soon as two messages of a connection come
        // within W, which rate × W ≥ 1 (the strategy's least) makes certain over the run.
        Some(VerdictKind::Leak)
    } else {
        None
    }
}

/// S2's verdict in the documented shape (the table of docs/SCENARIOS.md, S2): the leak in
/// async only; `hoisted`'s deadline fires in the fast phase in every behaviour; a stale value
/// after Reset only with a buffered channel.
pub fn s2_verdict(variant: &str, semantics: Semantics) -> VerdictKind {
    match variant {
        "leaky" if !semantics.collects_unreferenced() => VerdictKind::Leak,
        "hoisted" => VerdictKind::SpuriousTimeout,
        "reset-no-drain" if semantics.buffered_channels() => VerdictKind::SpuriousTimeout,
        _ => VerdictKind::Bounded,
    }
}

/// Little's law for S2's `leaky` in async during the fast phase: `rate` messages a second,
/// each iteration's `time.After` live for the timeout, plus the current one. Messages come in
/// batches every 10 ms: one batch of slack, and 5 %.
pub fn s2_little(p: &S2Params) -> (f64, f64) {
    let arrivals = p.rate as f64 * (p.timeout.as_nanos() as f64 / 1e9);
    let batch = p.rate as f64 / 100.0 + 2.0;
    (arrivals * 0.95 - batch, arrivals * 1.05 + batch + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(rate: f64, rate_peak: f64) -> S1Params {
        S1Params {
            users: 100,
            duration: GoDuration::from_secs(60),
            ramp_time: GoDuration::from_secs(10),
            rate,
            rate_peak,
            idle: GoDuration::from_secs(3),
            baseline: 512 << 10,
            per_connection: 8 << 10,
            budget: 1792 << 10,
        }
    }

    #[test]
    fn a_flat_rate_gives_rate_times_the_window_per_user() {
        let p = params(2.0, 2.0);
        let m = messages_per_user(&p, GoDuration::from_secs(20), GoDuration::from_secs(23));
        assert!((m - 6.0).abs() < 1e-9, "{m}");
    }

    #[test]
    fn the_rise_after_the_ramp_is_integrated_piecewise() {
        // 2/s to 12/s over 50 s: 0.2/s per s. From 9 s to 12 s: 1 s at 2, then 2 s rising
        // from 2 to 2.4: 2 + 2 × 2.2 = 6.4.
        let p = params(2.0, 12.0);
        let m = messages_per_user(&p, GoDuration::from_secs(9), GoDuration::from_secs(12));
        assert!((m - 6.4).abs() < 1e-9, "{m}");
    }
}
