//! One fault: what it does and when it begins, as the `faults` parameter's grammar writes it.

use std::fmt;

use gotime::GoDuration;

/// One fault: what, and when it begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fault {
    /// When it begins (virtual time since the run started).
    pub at: GoDuration,
    /// What it does.
    pub kind: FaultKind,
}

/// What a fault does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FaultKind {
    /// Messages wait for `length`, then arrive at once, in order (turmoil's `hold`, then
    /// `release`). S1: the links between the client hosts and the server; S2: the consumer's
    /// downstream, so the consumer waits in its handler.
    Hold { length: GoDuration },
    /// Messages are dropped for `length` (turmoil's `partition`, then `repair`).
    Partition { length: GoDuration },
    /// Every message takes `latency` for `length`, then the links' usual latency comes back.
    Latency { latency: GoDuration, length: GoDuration },
    /// For `length`, each segment sent on a link fails the link with probability `rate`
    /// (turmoil's fail rate), dropping that segment and those in flight on it; the next segment
    /// repairs it.
    Loss { rate: LossRate, length: GoDuration },
    /// The process is killed (not for memory) and the supervisor restarts it after its back-off.
    Crash,
}

/// The grammar's name of each kind, in the order error messages list them.
pub(crate) const KINDS: [&str; 5] = ["hold", "partition", "latency", "loss", "crash"];

/// A per-segment probability of a link failing, in millionths, so that a fault compares and
/// prints exactly: `0.05` is 50,000.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct LossRate(u32);

impl LossRate {
    /// One in a million, the smallest rate.
    pub(crate) const MIN: LossRate = LossRate(1);

    /// The probability as turmoil takes it.
    pub(crate) fn probability(self) -> f64 {
        f64::from(self.0) / 1e6
    }

    /// `p` rounded to millionths; `None` unless 0 < p ≤ 1 and it rounds to at least one.
    pub(crate) fn new(p: f64) -> Option<LossRate> {
        let millionths = (p * 1e6).round();
        (p > 0.0 && p <= 1.0 && millionths >= 1.0).then_some(LossRate(millionths as u32))
    }
}

impl fmt::Display for LossRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.probability())
    }
}

impl FaultKind {
    /// The grammar's name: `hold`, `partition`, `latency`, `crash`.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            FaultKind::Hold { .. } => "hold",
            FaultKind::Partition { .. } => "partition",
            FaultKind::Latency { .. } => "latency",
            FaultKind::Loss { .. } => "loss",
            FaultKind::Crash => "crash",
        }
    }

    /// How long it lasts; `None` for a crash, which is over when the process restarts.
    pub(crate) const fn length(self) -> Option<GoDuration> {
        match self {
            FaultKind::Hold { length }
            | FaultKind::Partition { length }
            | FaultKind::Latency { length, .. }
            | FaultKind::Loss { length, .. } => Some(length),
            FaultKind::Crash => None,
        }
    }
}

impl Fault {
    /// When it ends; `at` for a crash.
    pub(crate) fn end(&self) -> GoDuration {
        self.at.saturating_add(self.kind.length().unwrap_or(GoDuration::ZERO))
    }

    /// The fault as the grammar writes it, without its time: `hold:30s`, `latency:2s:10s`,
    /// `crash`. What the trace's fault events show.
    pub(crate) fn label(&self) -> String {
        match self.kind {
            FaultKind::Hold { length } | FaultKind::Partition { length } => {
                format!("{}:{length}", self.kind.name())
            }
            FaultKind::Latency { latency, length } => format!("latency:{latency}:{length}"),
            FaultKind::Loss { rate, length } => format!("loss:{rate}:{length}"),
            FaultKind::Crash => "crash".to_owned(),
        }
    }
}

impl fmt::Display for Fault {
    /// The grammar's form: `hold:30s@1m0s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.label(), self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: i64) -> GoDuration {
        GoDuration::from_secs(n)
    }

    #[test]
    fn faults_print_in_the_grammars_form() {
        let latency = Fault {
            at: GoDuration::from_secs(90),
            kind: FaultKind::Latency { latency: GoDuration::from_millis(2_500), length: secs(10) },
        };
        assert_eq!(latency.to_string(), "latency:2.5s:10s@1m30s");
        assert_eq!(Fault { at: secs(5), kind: FaultKind::Crash }.to_string(), "crash@5s");
        let loss = FaultKind::Loss { rate: LossRate::new(0.05).unwrap(), length: secs(10) };
        assert_eq!(Fault { at: secs(20), kind: loss }.to_string(), "loss:0.05:10s@20s");
    }

    #[test]
    fn a_loss_rate_is_a_probability_of_at_least_one_in_a_million() {
        assert_eq!(LossRate::new(1.0).map(LossRate::probability), Some(1.0));
        assert_eq!(LossRate::new(0.000_001).map(LossRate::probability), Some(0.000_001));
        for bad in [0.0, -0.5, 1.5, 0.000_000_4, f64::NAN] {
            assert_eq!(LossRate::new(bad), None, "{bad}");
        }
    }
}
