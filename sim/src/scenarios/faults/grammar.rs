//! The `faults` parameter's grammar (docs/SCENARIOS.md, "Faults"):
//!
//! ```text
//! faults = "none"
//!        | fault ("," fault)*
//!        | "random:" RATE [":" KIND ("+" KIND)*]     RATE: faults per minute, 0 < RATE <= 60
//! fault  = "hold:" DURATION "@" AT
//!        | "partition:" DURATION "@" AT
//!        | "latency:" LATENCY ":" DURATION "@" AT
//!        | "loss:" RATE ":" DURATION "@" AT              RATE: per-segment probability, 0 < RATE <= 1
//!        | "crash@" AT
//! ```
//!
//! Times and lengths are Go durations (`1m30s`, `250ms`). A fault must begin within the run and
//! end by its end; two holds, partitions, latency spikes or losses must not overlap (they act on the
//! same links). Every error is one line naming the offending fault and the valid forms.

use gotime::GoDuration;

use super::fault::{Fault, FaultKind, LossRate, KINDS};
use super::plan::FaultPlan;
use super::random;
use super::rules::Rules;
use crate::api::ConfigError;

impl FaultPlan {
    /// The plan the `faults` parameter's `text` describes, checked against `rules`.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Invalid`], one line naming the fault at fault and what was expected: an
    /// unknown kind or form, a kind the scenario does not model, a duration that is not a
    /// positive Go duration, a fault outside the run, or two overlapping network faults.
    pub(crate) fn parse(text: &str, rules: &Rules) -> Result<FaultPlan, ConfigError> {
        let text = text.trim();
        if text == "none" {
            return Ok(FaultPlan::default());
        }
        if let Some(spec) = text.strip_prefix("random:") {
            return random_plan(text, spec, rules);
        }
        let mut faults = Vec::new();
        for item in text.split(',') {
            faults.push(fault(item.trim(), rules)?);
        }
        faults.sort_by_key(|f| f.at);
        check(&faults, rules)?;
        Ok(FaultPlan::new(faults))
    }
}

fn random_plan(text: &str, spec: &str, rules: &Rules) -> Result<FaultPlan, ConfigError> {
    let (rate, kinds) = spec.split_once(':').unwrap_or((spec, ""));
    let rate: f64 = rate.trim().parse().map_err(|_| rules.invalid(text, rules.forms()))?;
    if !(rate > 0.0 && rate <= 60.0) {
        return Err(rules.invalid(text, "a rate of faults per minute in (0, 60], as in random:2"));
    }
    let kinds: Vec<&'static str> = if kinds.is_empty() {
        rules.kinds.to_vec()
    } else {
        let mut chosen = Vec::new();
        for name in kinds.split('+') {
            let kind = rules.kinds.iter().find(|k| **k == name.trim()).ok_or_else(|| {
                rules.invalid(text, format!("kinds among {} joined by +", rules.kinds.join(", ")))
            })?;
            chosen.push(*kind);
        }
        chosen
    };
    Ok(FaultPlan::new(random::schedule(rate, &kinds, rules)))
}

/// One fault of a list: `hold:30s@1m`.
fn fault(item: &str, rules: &Rules) -> Result<Fault, ConfigError> {
    let Some((head, at)) = item.rsplit_once('@') else {
        return Err(rules.invalid(item, rules.forms()));
    };
    let mut parts = head.split(':');
    let name = parts.next().unwrap_or_default();
    let args: Vec<&str> = parts.collect();
    if !KINDS.contains(&name) {
        return Err(rules.invalid(item, rules.forms()));
    }
    if !rules.kinds.contains(&name) {
        return Err(rules.invalid(
            item,
            format!("one of the {} faults ({}): {}", rules.scenario, rules.kinds.join(", "), rules.without),
        ));
    }
    let length = |text: &str| positive(item, text, "length", rules);
    let kind = match (name, args.as_slice()) {
        ("hold", [d]) => FaultKind::Hold { length: length(d)? },
        ("partition", [d]) => FaultKind::Partition { length: length(d)? },
        ("latency", [l, d]) => {
            FaultKind::Latency { latency: positive(item, l, "latency", rules)?, length: length(d)? }
        }
        ("loss", [p, d]) => FaultKind::Loss {
            rate: p.trim().parse().ok().and_then(LossRate::new).ok_or_else(|| {
                rules
                    .invalid(item, "a loss rate in (0, 1] such as 0.05 (the chance a segment fails its link)")
            })?,
            length: length(d)?,
        },
        ("crash", []) => FaultKind::Crash,
        _ => return Err(rules.invalid(item, rules.forms())),
    };
    let at: GoDuration = at
        .trim()
        .parse()
        .ok()
        .filter(|d: &GoDuration| *d >= GoDuration::ZERO)
        .ok_or_else(|| rules.invalid(item, "a time AT after @ such as 1m30s, from 0s"))?;
    Ok(Fault { at, kind })
}

fn positive(item: &str, text: &str, what: &str, rules: &Rules) -> Result<GoDuration, ConfigError> {
    text.trim()
        .parse()
        .ok()
        .filter(|d: &GoDuration| d.is_positive())
        .ok_or_else(|| rules.invalid(item, format!("a positive Go duration such as 30s for the {what}")))
}

/// Every fault within the run; network faults (and S2's holds) one at a time.
fn check(faults: &[Fault], rules: &Rules) -> Result<(), ConfigError> {
    for f in faults {
        if f.at >= rules.run {
            let expected = format!("a fault that begins within the run (before {})", rules.run);
            return Err(rules.invalid(&f.to_string(), expected));
        }
        if f.end() > rules.run {
            let expected =
                format!("a fault that ends by the end of the run ({}); it ends at {}", rules.run, f.end());
            return Err(rules.invalid(&f.to_string(), expected));
        }
    }
    let windows: Vec<&Fault> = faults.iter().filter(|f| f.kind.length().is_some()).collect();
    for pair in windows.windows(2) {
        let (before, after) = (pair[0], pair[1]);
        if after.at < before.end() {
            let expected =
                format!("faults that do not overlap: it begins before {before} ends at {}", before.end());
            return Err(rules.invalid(&after.to_string(), expected));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios::faults::rules::RandomFaults;

    const S1: Rules = Rules {
        scenario: "s1",
        kinds: &KINDS,
        without: "",
        run: GoDuration::from_mins(2),
        downtime: GoDuration::from_secs(5),
        random: RandomFaults {
            length: (GoDuration::SECOND, GoDuration::from_secs(30)),
            latency: (GoDuration::from_millis(100), GoDuration::from_secs(5)),
            loss: (0.001, 0.05),
        },
        seed: 7,
    };

    const S2: Rules = Rules { scenario: "s2", kinds: &["hold", "crash"], without: "s2 has no network", ..S1 };

    fn error(text: &str, rules: &Rules) -> String {
        FaultPlan::parse(text, rules).expect_err(text).to_string()
    }

    #[test]
    fn a_list_of_faults_parses_in_time_order() {
        let plan = FaultPlan::parse(
            "crash@1m30s, hold:30s@20s,latency:2s:10s@1m,partition:5s@55s,loss:0.01:5s@1m20s",
            &S1,
        )
        .unwrap();
        let shown: Vec<String> = plan.faults().iter().map(Fault::to_string).collect();
        assert_eq!(
            shown,
            ["hold:30s@20s", "partition:5s@55s", "latency:2s:10s@1m0s", "loss:0.01:5s@1m20s", "crash@1m30s"]
        );
        assert!(FaultPlan::parse("none", &S1).unwrap().is_empty());
    }

    #[test]
    fn an_unknown_or_malformed_fault_names_the_valid_forms_on_one_line() {
        let forms = "expected none, random:RATE[:KIND+KIND...] (faults per minute, at most 60), or a \
                     comma-separated list of hold:DURATION@AT, partition:DURATION@AT, \
                     latency:LATENCY:DURATION@AT, loss:RATE:DURATION@AT, crash@AT";
        for bad in ["boom@1m", "hold@1m", "hold:30s", "latency:2s@1m", "loss:10s@1m", "crash:5s@1m", ""] {
            assert_eq!(error(bad, &S1), format!("invalid faults {bad:?}: {forms}"));
        }
        assert_eq!(
            error("hold:soon@1m", &S1),
            "invalid faults \"hold:soon@1m\": expected a positive Go duration such as 30s for the length"
        );
        assert_eq!(
            error("latency:0s:10s@1m", &S1),
            "invalid faults \"latency:0s:10s@1m\": expected a positive Go duration such as 30s for the latency"
        );
        for rate in ["0", "1.5", "often", "-0.1"] {
            assert_eq!(
                error(&format!("loss:{rate}:10s@1m"), &S1),
                format!(
                    "invalid faults \"loss:{rate}:10s@1m\": expected a loss rate in (0, 1] such as 0.05 (the \
                     chance a segment fails its link)"
                )
            );
        }
        assert_eq!(
            error("crash@-1s", &S1),
            "invalid faults \"crash@-1s\": expected a time AT after @ such as 1m30s, from 0s"
        );
    }

    #[test]
    fn a_fault_outside_the_run_is_refused() {
        assert_eq!(
            error("crash@2m", &S1),
            "invalid faults \"crash@2m0s\": expected a fault that begins within the run (before 2m0s)"
        );
        assert_eq!(
            error("hold:30s@1m40s", &S1),
            "invalid faults \"hold:30s@1m40s\": expected a fault that ends by the end of the run (2m0s); it ends at 2m10s"
        );
    }

    #[test]
    fn overlapping_network_faults_are_refused_but_a_crash_may_fall_inside_one() {
        assert_eq!(
            error("hold:30s@1m,partition:10s@1m10s", &S1),
            "invalid faults \"partition:10s@1m10s\": expected faults that do not overlap: it begins before \
             hold:30s@1m0s ends at 1m30s"
        );
        assert!(FaultPlan::parse("hold:30s@1m,partition:10s@1m30s", &S1).is_ok(), "back to back");
        assert!(FaultPlan::parse("hold:30s@1m,crash@1m10s", &S1).is_ok());
    }

    #[test]
    fn a_scenario_refuses_the_kinds_it_does_not_model() {
        assert_eq!(
            error("partition:30s@1m", &S2),
            "invalid faults \"partition:30s@1m\": expected one of the s2 faults (hold, crash): s2 has no network"
        );
        assert!(error("boom@1m", &S2).ends_with("a comma-separated list of hold:DURATION@AT, crash@AT"));
    }

    #[test]
    fn a_random_schedule_takes_a_rate_and_optional_kinds() {
        assert!(FaultPlan::parse("random:2", &S1).is_ok());
        let only = FaultPlan::parse("random:6:hold+crash", &S1).unwrap();
        assert!(!only.is_empty(), "six a minute over two minutes");
        assert!(only.faults().iter().all(|f| matches!(f.kind, FaultKind::Hold { .. } | FaultKind::Crash)));
        assert_eq!(
            error("random:0", &S1),
            "invalid faults \"random:0\": expected a rate of faults per minute in (0, 60], as in random:2"
        );
        assert_eq!(
            error("random:2:hold+partition", &S2),
            "invalid faults \"random:2:hold+partition\": expected kinds among hold, crash joined by +"
        );
        assert!(error("random:often", &S1)
            .starts_with("invalid faults \"random:often\": expected none, random:RATE"));
    }

    #[test]
    fn the_seed_alone_decides_a_random_schedule() {
        let draw = |seed| FaultPlan::parse("random:3", &Rules { seed, ..S1 }).unwrap();
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
    }
}
