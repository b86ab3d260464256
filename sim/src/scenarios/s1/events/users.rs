//! The users of the discrete-event engine: the same load generator as the turmoil clients
//! (`s1/client.rs`), as a state machine per user. A user starts at its ramp time, connects
//! (giving up after [`CONNECT_TIMEOUT`]), sends messages as a Poisson process at the current
//! rate, and when its connection breaks or a connect fails backs off (doubling up to 16×,
//! ±50 % jitter) and reconnects.

use gotime::GoDuration;
use rand::Rng;

use super::server::ConnId;
use crate::scenarios::s1::config::S1Config;
use crate::seed::{self, streams, SimRng};

/// How long a connect waits for the server's answer (the turmoil client's timeout).
pub(super) const CONNECT_TIMEOUT: GoDuration = GoDuration::SECOND;

/// Where a user is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Not started yet, or waiting out a back-off.
    Waiting,
    /// Connect attempt in flight.
    Connecting,
    /// Connected to the server's connection `conn`: sending.
    Connected { conn: ConnId },
}

/// One user: one cache line (64 bytes, aligned), so that a message costs one cache miss for
/// its user at a million users, not two.
#[repr(align(64))]
pub(super) struct User {
    rng: SimRng,
    /// The current connect attempt; the session it opens keeps its number, so events of an
    /// earlier attempt or session are recognised as stale.
    attempt: u32,
    /// Failed attempts and broken sessions since the last successful connect.
    failures: u32,
    phase: Phase,
    /// When the session's last message reaches the server: the next one cannot overtake it.
    last_arrival: GoDuration,
}

impl User {
    /// User `i` of the run seeded with `seed`: the same random stream as the turmoil client's.
    pub(super) fn new(seed: u64, i: u64) -> User {
        User {
            rng: seed::rng(seed, streams::USER_BASE + i),
            attempt: 0,
            failures: 0,
            phase: Phase::Waiting,
            last_arrival: GoDuration::ZERO,
        }
    }

    /// Starts connect attempt: returns its number.
    pub(super) fn connect(&mut self) -> u32 {
        self.attempt += 1;
        self.phase = Phase::Connecting;
        self.attempt
    }

    /// `true` while attempt `attempt` waits for an answer.
    pub(super) fn is_connecting(&self, attempt: u32) -> bool {
        self.attempt == attempt && self.phase == Phase::Connecting
    }

    /// The server's answer reached the user at `now`: connected to `conn`.
    pub(super) fn connected(&mut self, conn: ConnId, now: GoDuration) {
        self.failures = 0;
        self.phase = Phase::Connected { conn };
        self.last_arrival = now;
    }

    /// When a message of the session that would arrive at `arrives` does arrive: not before the
    /// one sent ahead of it.
    pub(super) fn in_order(&mut self, arrives: GoDuration) -> GoDuration {
        self.last_arrival = self.last_arrival.max(arrives);
        self.last_arrival
    }

    /// `true` while connected to `conn`.
    pub(super) fn is_on(&self, conn: ConnId) -> bool {
        self.phase == Phase::Connected { conn }
    }

    /// The attempt failed or the session broke: the jittered back-off before the next connect.
    pub(super) fn fail(&mut self, cfg: &S1Config) -> GoDuration {
        self.phase = Phase::Waiting;
        self.failures += 1;
        let backoff = cfg.reconnect_backoff.saturating_mul(1 << (self.failures - 1).min(4));
        let jittered = backoff.as_nanos() as f64 * self.rng.gen_range(0.5..1.5);
        GoDuration::from_nanos(jittered as i64)
    }

    /// Time to the next message: a Poisson process at `rate` messages per second, so a slow user
    /// is sometimes idle for longer than the server's timeout (and gets pinged).
    pub(super) fn interval(&mut self, rate: f64) -> GoDuration {
        let uniform: f64 = self.rng.gen();
        GoDuration::from_nanos((-(1.0 - uniform).ln() / rate * 1e9) as i64)
    }
}

/// The network: one-way latencies drawn as turmoil draws them (1 ms + ⌊(M − 1) ms × Exp(5)⌋,
/// at most M ms, M the `max-latency`), from the run's network stream.
pub(super) struct Network {
    rng: SimRng,
    /// `cdf[k - 1]`: P(latency ≤ k ms) for k in 1..M, scaled to `u64`; the rest is M ms.
    cdf: Vec<u64>,
}

impl Network {
    /// The network of P `p`'s connections in a run with `seed` whose most latency is
    /// `max_millis` (at least 2). P 0 draws the stream a run on one P draws.
    pub(super) fn new(seed: u64, p: u64, max_millis: u64) -> Network {
        // P(1 + ⌊(M−1)·X⌋ ≤ k) = P(X < k/(M−1)) = 1 − e^(−5k/(M−1)) for X ~ Exp(5). A table
        // lookup instead of a logarithm per message.
        let range = (max_millis - 1) as f64;
        let cdf = (1..max_millis)
            .map(|k| {
                let p = 1.0 - (-5.0 * k as f64 / range).exp();
                (p * u64::MAX as f64) as u64
            })
            .collect();
        let rng = match p {
            0 => seed::rng(seed, streams::NETWORK),
            p => seed::rng(seed::derive(seed, streams::NETWORK), p),
        };
        Network { rng, cdf }
    }

    /// One message's latency.
    pub(super) fn latency(&mut self) -> GoDuration {
        let uniform: u64 = self.rng.gen();
        let millis = 1 + self.cdf.partition_point(|&p| p <= uniform);
        GoDuration::from_millis(millis as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_is_one_cache_line() {
        assert_eq!((std::mem::size_of::<User>(), std::mem::align_of::<User>()), (64, 64));
    }

    #[test]
    fn a_larger_max_latency_stretches_the_same_distribution() {
        // 1 + E[⌊199·X⌋] = 1 + Σ_{j=1..199} e^(−5j/199), at most 200 ms.
        let mut net = Network::new(1, 0, 200);
        let draws: Vec<i64> = (0..100_000).map(|_| net.latency().as_nanos() / 1_000_000).collect();
        assert!(draws.iter().all(|&ms| (1..=200).contains(&ms)));
        let expected: f64 = 1.0 + (1..=199).map(|j| (-5.0 * j as f64 / 199.0).exp()).sum::<f64>();
        let mean = draws.iter().sum::<i64>() as f64 / draws.len() as f64;
        assert!((mean - expected).abs() < 0.4, "mean latency {mean} ms, expected {expected:.2}");
    }

    #[test]
    fn latencies_stay_within_turmoils_bounds_with_its_mean() {
        let mut net = Network::new(1, 0, 50);
        let draws: Vec<i64> = (0..100_000).map(|_| net.latency().as_nanos() / 1_000_000).collect();
        assert!(draws.iter().all(|&ms| (1..=50).contains(&ms)));
        // 1 + E[⌊49·X⌋] = 1 + Σ_{j≥1} P(49·X ≥ j) = 1 + Σ_{j=1..49} e^(−5j/49) ≈ 9.29 ms (the
        // cap at 50 ms cuts the sum at j = 49).
        let expected: f64 = 1.0 + (1..=49).map(|j| (-5.0 * j as f64 / 49.0).exp()).sum::<f64>();
        let mean = draws.iter().sum::<i64>() as f64 / draws.len() as f64;
        assert!((mean - expected).abs() < 0.1, "mean latency {mean} ms, expected {expected:.2}");
        // The cap: P(50 ms) = P(49·X ≥ 49) = e^(−5).
        let capped = draws.iter().filter(|&&ms| ms == 50).count() as f64 / draws.len() as f64;
        assert!((capped - (-5.0f64).exp()).abs() < 0.0015, "P(50 ms) = {capped}");
    }

    #[test]
    fn a_users_back_off_doubles_up_to_sixteen_times_with_jitter() {
        let cfg = crate::scenarios::s1::config::tests::config(&[("reconnect-backoff", "1s")]);
        let mut user = User::new(1, 0);
        let secs: Vec<f64> = (0..7).map(|_| user.fail(&cfg).as_nanos() as f64 / 1e9).collect();
        for (i, s) in secs.iter().enumerate() {
            let base = f64::from(1u32 << i.min(4));
            assert!((0.5 * base..1.5 * base).contains(s), "failure {}: {s} s", i + 1);
        }
        user.connect();
        user.connected(ConnId::new(0, 1), GoDuration::ZERO);
        assert!(user.fail(&cfg).as_nanos() < 1_500_000_000, "a success resets the doubling");
    }

    #[test]
    fn intervals_average_one_over_the_rate() {
        let mut user = User::new(3, 0);
        let n = 50_000;
        let total: i64 = (0..n).map(|_| user.interval(4.0).as_nanos()).sum();
        let mean = total as f64 / n as f64 / 1e9;
        assert!((0.245..0.255).contains(&mean), "mean interval {mean} s at 4 messages/s");
    }
}
