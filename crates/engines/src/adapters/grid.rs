//! [`Grid`]: script time on real time, for libraries that have no virtual clock — the Go
//! oracle's discipline (`oracle/clock.go`, `oracle/run.go`) in Rust.
//!
//! A script's durations are multiples of its quantum (the GCD of every finite duration it
//! writes); one quantum becomes [`Grid::real`] of wall time. Script time `T` is the wall instant
//! `start + T/quantum × real`. Timers are armed for the grid instant of their deadline whatever
//! the op's own lateness, so they fire on the grid (phase 0). A ticker's grid starts when it is
//! made, so it carries the *phase* of that moment, and its values are read on its own grid.
//! A value is rounded to the nearest quantum: scheduling noise under half a quantum cannot change
//! an observation.
//!
//! An `advance` ends a margin after its grid instant, past every phase of a live ticker, and
//! before the next quantum. A run in which the wall clock got away — an advance that ends too
//! late, a deadline already past when armed, phases that crowd the quantum — is refused: its
//! observations prove nothing, and the subject runs the script again.

use std::time::{Duration, Instant as WallInstant};

use gotime::{GoDuration, Instant};
use timerlab_script::{Op, Script};

use crate::adapters::arming::NEVER;

/// Wall time of one quantum in this crate's real-time runs: long enough that the wake-up latency
/// of a busy two-core machine (a scheduler tick, ~4 ms) stays under the tolerance of a quarter
/// quantum, short enough that the corpus runs in seconds (scripts run four at a time).
pub const DEFAULT_REAL_QUANTUM: Duration = Duration::from_millis(20);

/// Script time on real time. See the module docs.
#[derive(Debug)]
pub struct Grid {
    start: WallInstant,
    unit: GoDuration,
    real: Duration,
    now: Instant,
    trouble: Option<String>,
}

impl Grid {
    /// A grid for `script`, one quantum lasting `real`, starting now as if an advance had just
    /// ended (ops run a margin after their instant).
    pub fn new(script: &Script, real: Duration) -> Grid {
        let unit = quantum_of(script);
        let start = WallInstant::now().checked_sub(real / 4).unwrap_or_else(WallInstant::now); // allow-nondeterminism: real-time adapter
        Grid { start, unit, real, now: Instant::ZERO, trouble: None }
    }

    /// Wall time of one quantum.
    pub fn real(&self) -> Duration {
        self.real
    }

    /// Script time now.
    pub fn now(&self) -> Instant {
        self.now
    }

    /// The wall instant of script time `t`.
    pub fn at(&self, t: Instant) -> WallInstant {
        let quanta = t.as_nanos() / self.unit.as_nanos().max(1);
        let real = self.real.saturating_mul(u32::try_from(quanta).unwrap_or(u32::MAX));
        self.start.checked_add(real).unwrap_or(self.start)
    }

    /// How far the wall clock is past the grid instant of script time now.
    pub fn phase_now(&self) -> Duration {
        WallInstant::now().saturating_duration_since(self.at(self.now)) // allow-nondeterminism: real-time adapter
    }

    /// The wall duration to hand a library for a timer armed now for `d`, and the phase its
    /// value will carry: the time left until the grid instant of `now + d` (phase 0); zero for
    /// `d <= 0` (it fires at once, at the current phase); [`Duration::MAX`] for "never", which the
    /// libraries clamp. Refuses the run when the grid instant is already past.
    pub fn arm(&mut self, d: GoDuration) -> (Duration, Duration) {
        if !d.is_positive() {
            return (Duration::ZERO, self.phase_now());
        }
        if d >= NEVER {
            return (Duration::MAX, Duration::ZERO);
        }
        let deadline = self.at(self.now.saturating_add(d));
        let left = deadline.saturating_duration_since(WallInstant::now()); // allow-nondeterminism: real-time adapter
        if left.is_zero() {
            self.refuse(format!("a deadline {d} ahead was already past when armed"));
        }
        (left, Duration::ZERO)
    }

    /// A ticker's period on the wall clock ([`Duration::MAX`] for "never"); zero for `d <= 0`.
    pub fn period(&self, d: GoDuration) -> Duration {
        if !d.is_positive() {
            return Duration::ZERO;
        }
        if d >= NEVER {
            return Duration::MAX;
        }
        let quanta = d.as_nanos() / self.unit.as_nanos().max(1);
        self.real.saturating_mul(u32::try_from(quanta).unwrap_or(u32::MAX))
    }

    /// A wall-clock value read on a grid of the given phase, as script time.
    pub fn script_time(&self, value: WallInstant, phase: Duration) -> Instant {
        let since = value.saturating_duration_since(self.start).saturating_sub(phase);
        let quanta = (since.as_secs_f64() / self.real.as_secs_f64()).round();
        Instant::from_start(self.unit.saturating_mul(quanta as i64))
    }

    /// Moves script time `d` ahead (none when negative) and returns the wall instant the
    /// advance must end at: a margin past the grid instant, and past every phase in `phases`
    /// (the live tickers'). Refuses the run when that crowds the next quantum.
    pub fn advance(&mut self, d: GoDuration, phases: impl IntoIterator<Item = Duration>) -> WallInstant {
        if d.is_positive() {
            self.now = self.now.saturating_add(d);
        }
        let latest_phase = phases.into_iter().max().unwrap_or(Duration::ZERO);
        let margin = (self.real / 4).max(latest_phase + self.real / 8);
        if margin > self.real * 3 / 5 {
            self.refuse(format!("ticker phases reach {margin:?} of a {:?} quantum", self.real));
        }
        (self.at(self.now) + margin).max(WallInstant::now()) // allow-nondeterminism: real-time adapter
    }

    /// Checks that an advance meant to end at `target` did not wake too late.
    pub fn check_woke(&mut self, target: WallInstant) {
        let late = WallInstant::now().saturating_duration_since(target); // allow-nondeterminism: real-time adapter
        if late > self.real / 4 {
            self.refuse(format!("woke {late:?} late for a {:?} quantum", self.real));
        }
    }

    /// Until when a blocking receive listens for a value that can come no later than `latest`
    /// on a grid of phase `phase`: half a quantum past it (within the quantum), and at least a
    /// little while.
    pub fn listen_until(&self, latest: Instant, phase: Duration) -> WallInstant {
        let limit = self.at(latest) + (phase + self.real / 2).min(self.real * 9 / 10);
        limit.max(WallInstant::now() + self.real / 25) // allow-nondeterminism: real-time adapter
    }

    /// Script time moves to `t` if it is later (a blocking receive got a value from the future).
    pub fn move_to(&mut self, t: Instant) {
        self.now = self.now.max(t);
    }

    /// Marks the run unreliable (the first reason is kept).
    pub fn refuse(&mut self, why: String) {
        self.trouble.get_or_insert(why);
    }

    /// Why the run is unreliable, if it is.
    pub fn trouble(&self) -> Option<&str> {
        self.trouble.as_deref()
    }
}

/// The GCD of the script's finite, non-zero durations; one second when it has none.
pub fn quantum_of(script: &Script) -> GoDuration {
    let mut g: i64 = 0;
    for step in &script.steps {
        let d = match step.op {
            Op::Create { d, .. } | Op::Reset(_, d) | Op::Advance(d) => d.as_nanos(),
            _ => continue,
        };
        let d = d.checked_abs().unwrap_or(i64::MAX);
        if d == 0 || d >= NEVER.as_nanos() {
            continue;
        }
        g = gcd(g, d);
    }
    if g == 0 {
        GoDuration::SECOND
    } else {
        GoDuration::from_nanos(g)
    }
}

fn gcd(mut a: i64, mut b: i64) -> i64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use timerlab_script::parse_str;

    #[test]
    fn the_quantum_is_the_gcd_of_the_finite_durations() {
        let script = parse_str("q.tl", "timer t 4s\nadvance 6s\nreset t -2s\ntimer n 2562047h\n").unwrap();
        assert_eq!(quantum_of(&script), GoDuration::from_secs(2));
        assert_eq!(quantum_of(&parse_str("e.tl", "live\n").unwrap()), GoDuration::SECOND);
        // "Never" is not a multiple of anything: it stays out of the GCD.
        let never = parse_str("n.tl", "timer t 4s\ntimer n 2562047h47m16.854775807s\n").unwrap();
        assert_eq!(quantum_of(&never), GoDuration::from_secs(4));
    }

    #[test]
    fn values_round_to_the_nearest_quantum_of_their_own_phase() {
        let script = parse_str("q.tl", "advance 1s\n").unwrap();
        let grid = Grid::new(&script, Duration::from_millis(10));
        assert_eq!(grid.real(), Duration::from_millis(10), "one quantum's wall time");
        let two = Instant::from_start(GoDuration::from_secs(2));
        assert_eq!(grid.at(two) - grid.at(Instant::ZERO), Duration::from_millis(20), "two quanta");
        assert_eq!(grid.script_time(grid.at(two) + Duration::from_millis(4), Duration::ZERO), two);
        assert_eq!(grid.script_time(grid.at(two) + Duration::from_millis(7), Duration::from_millis(3)), two);
        assert_eq!(grid.period(GoDuration::from_secs(3)), Duration::from_millis(30));
        assert_eq!(grid.period(GoDuration::MAX), Duration::MAX);
    }

    #[test]
    fn a_timer_armed_already_due_fires_at_once_at_the_phase_of_the_moment() {
        let script = parse_str("q.tl", "advance 1s\n").unwrap();
        let real = Duration::from_millis(20);
        let mut grid = Grid::new(&script, real);
        // A new grid starts as if an advance had just ended: a quarter quantum past its instant.
        let (left, phase) = grid.arm(GoDuration::ZERO);
        assert_eq!(left, Duration::ZERO);
        assert!(phase >= real / 4, "{phase:?}");
        assert!(grid.phase_now() >= phase, "the phase only grows until the next advance");
    }

    #[test]
    fn an_advance_that_wakes_more_than_a_quarter_quantum_late_refuses_the_run() {
        let script = parse_str("q.tl", "advance 1s\n").unwrap();
        let mut grid = Grid::new(&script, Duration::from_millis(20));
        grid.check_woke(WallInstant::now() + Duration::from_secs(60)); // allow-nondeterminism: an hour early
        assert_eq!(grid.trouble(), None, "woke before the target: on time");
        grid.check_woke(WallInstant::now() - Duration::from_millis(10)); // allow-nondeterminism: 10 ms late
        assert!(grid.trouble().is_some_and(|why| why.starts_with("woke ")), "{:?}", grid.trouble());
    }

    #[test]
    fn an_advance_ends_a_quarter_quantum_past_its_instant_or_an_eighth_past_the_latest_ticker_phase() {
        let script = parse_str("q.tl", "advance 1s\n").unwrap();
        let real = Duration::from_millis(20);
        let mut grid = Grid::new(&script, real);
        let at = |grid: &Grid, secs| grid.at(Instant::from_start(GoDuration::from_secs(secs)));
        // A thousand quanta (20 s of wall time) ahead: the wall clock is never the later bound.
        let ahead = GoDuration::from_secs(1000);
        assert_eq!(grid.advance(ahead, []), at(&grid, 1000) + real / 4);
        let phase = Duration::from_millis(8);
        assert_eq!(grid.advance(ahead, [phase]), at(&grid, 2000) + phase + real / 8);
        assert_eq!(grid.trouble(), None);
        // Exactly three fifths of a quantum is still room; more is refused.
        grid.advance(ahead, [real * 3 / 5 - real / 8]);
        assert_eq!(grid.trouble(), None, "a margin of 3/5 of the quantum");
        grid.advance(ahead, [real * 3 / 5]);
        assert!(grid.trouble().is_some_and(|why| why.starts_with("ticker phases reach ")));
    }

    #[test]
    fn a_receive_listens_half_a_quantum_past_the_latest_value_on_its_grid_within_the_quantum() {
        let script = parse_str("q.tl", "advance 1s\n").unwrap();
        let real = Duration::from_millis(20);
        let grid = Grid::new(&script, real);
        // A thousand quanta ahead, as above.
        let latest = Instant::from_start(GoDuration::from_secs(1000));
        assert_eq!(grid.listen_until(latest, Duration::ZERO), grid.at(latest) + real / 2);
        let phase = Duration::from_millis(4);
        assert_eq!(grid.listen_until(latest, phase), grid.at(latest) + phase + real / 2);
        assert_eq!(
            grid.listen_until(latest, real / 2),
            grid.at(latest) + real * 9 / 10,
            "within the quantum"
        );
    }

    #[test]
    fn a_receive_whose_latest_value_is_long_past_still_listens_a_little_while() {
        let script = parse_str("q.tl", "advance 1s\n").unwrap();
        let real = Duration::from_millis(20);
        let mut grid = Grid::new(&script, real);
        grid.start -= Duration::from_secs(60); // script time zero, a minute of wall time ago
        let asked = WallInstant::now(); // allow-nondeterminism: the floor is relative to now
        assert!(grid.listen_until(Instant::ZERO, Duration::ZERO) >= asked + real / 25);
    }
}
