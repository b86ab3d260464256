//! What a scenario's faults may be: the kinds it models, the run they must fit in, and what a
//! random schedule draws.

use gotime::GoDuration;

use crate::api::ConfigError;

/// What a scenario's `faults` may hold, and the run the faults must fit in.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rules {
    /// The scenario, for the error messages.
    pub scenario: &'static str,
    /// The kinds the scenario models, a subset of the grammar's (`fault::KINDS`).
    pub kinds: &'static [&'static str],
    /// Why the other kinds are missing, for the error messages (`s2 has no network`).
    pub without: &'static str,
    /// The run's length.
    pub run: GoDuration,
    /// How long a crashed process stays down: the supervisor's back-off.
    pub downtime: GoDuration,
    /// What a random schedule draws.
    pub random: RandomFaults,
    /// The run's seed: a random schedule draws from its fault stream.
    pub seed: u64,
}

impl Rules {
    /// The valid forms of this scenario's faults, for an error message.
    pub(super) fn forms(&self) -> String {
        let forms: Vec<&str> = [
            ("hold", "hold:DURATION@AT"),
            ("partition", "partition:DURATION@AT"),
            ("latency", "latency:LATENCY:DURATION@AT"),
            ("loss", "loss:RATE:DURATION@AT"),
            ("crash", "crash@AT"),
        ]
        .into_iter()
        .filter(|(kind, _)| self.kinds.contains(kind))
        .map(|(_, form)| form)
        .collect();
        format!(
            "none, random:RATE[:KIND+KIND...] (faults per minute, at most 60), or a comma-separated list of {}",
            forms.join(", ")
        )
    }

    pub(super) fn invalid(&self, item: &str, expected: impl Into<String>) -> ConfigError {
        ConfigError::invalid("faults", item, expected)
    }
}

/// What a scenario's random faults draw from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RandomFaults {
    /// The length of a hold, partition or latency spike: uniform between the two, inclusive.
    pub length: (GoDuration, GoDuration),
    /// A latency spike's latency: uniform between the two, inclusive.
    pub latency: (GoDuration, GoDuration),
    /// A loss's per-segment failure probability: uniform between the two.
    pub loss: (f64, f64),
}
