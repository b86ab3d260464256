//! Scenario parameters: the preset's values, overridden by `RunConfig::params` and by the
//! top-level `users` / `duration`, each parsed and range-checked into a one-line error.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use gotime::GoDuration;

use crate::api::{ConfigError, Preset, RunConfig};
use crate::scenarios::spec::ParamSpec;

/// The resolved text of every parameter of one run, in the scenario's declaration order.
pub(crate) struct Params {
    values: Vec<(&'static str, String)>,
}

impl Params {
    /// The preset's values of `scenario`'s `declared` parameters, with the config's overrides
    /// applied.
    ///
    /// # Errors
    ///
    /// [`ConfigError::UnknownParam`] for a name the scenario does not declare.
    pub(crate) fn resolve(
        scenario: &str,
        declared: &'static [ParamSpec],
        config: &RunConfig,
    ) -> Result<Params, ConfigError> {
        let mut overrides: BTreeMap<&str, String> =
            config.params.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        if let Some(users) = config.users {
            overrides.insert("users", users.to_string());
        }
        if let Some(d) = config.duration {
            overrides.insert("duration", d.to_string());
        }
        for name in overrides.keys() {
            if !declared.iter().any(|p| p.name == *name) {
                return Err(ConfigError::UnknownParam {
                    scenario: scenario.to_owned(),
                    name: (*name).to_owned(),
                    valid: declared.iter().map(|p| p.name).collect(),
                });
            }
        }
        let values = declared
            .iter()
            .map(|p| {
                let preset = match config.preset {
                    Preset::Default => p.default,
                    Preset::Quick => p.quick,
                };
                let value = overrides.get(p.name).cloned().unwrap_or_else(|| preset.to_owned());
                (p.name, value)
            })
            .collect();
        Ok(Params { values })
    }

    /// Every parameter as (name, value) text, for the report and the trace header.
    pub(crate) fn resolved(&self) -> Vec<(String, String)> {
        self.values.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
    }

    /// A parameter's text as given.
    pub(crate) fn text(&self, name: &str) -> &str {
        self.values
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("parameter {name} is not declared by the scenario"))
    }

    /// An integer parameter within `range`.
    pub(crate) fn u64(&self, name: &str, range: RangeInclusive<u64>) -> Result<u64, ConfigError> {
        let text = self.text(name);
        let expected = || format!("an integer in {}..={}", range.start(), range.end());
        let n: u64 =
            text.trim().replace('_', "").parse().map_err(|_| ConfigError::invalid(name, text, expected()))?;
        if !range.contains(&n) {
            return Err(ConfigError::invalid(name, text, expected()));
        }
        Ok(n)
    }

    /// A decimal parameter within `range`.
    pub(crate) fn f64(&self, name: &str, range: RangeInclusive<f64>) -> Result<f64, ConfigError> {
        let text = self.text(name);
        let expected = || format!("a number in {}..={}", range.start(), range.end());
        let x: f64 = text.trim().parse().map_err(|_| ConfigError::invalid(name, text, expected()))?;
        if !x.is_finite() || !range.contains(&x) {
            return Err(ConfigError::invalid(name, text, expected()));
        }
        Ok(x)
    }

    /// A Go duration (`2m30s`) within `range`.
    pub(crate) fn duration(
        &self,
        name: &str,
        range: RangeInclusive<GoDuration>,
    ) -> Result<GoDuration, ConfigError> {
        let text = self.text(name);
        let expected = || format!("a Go duration in {}..={}", range.start(), range.end());
        let d: GoDuration = text.trim().parse().map_err(|_| ConfigError::invalid(name, text, expected()))?;
        if !range.contains(&d) {
            return Err(ConfigError::invalid(name, text, expected()));
        }
        Ok(d)
    }

    /// A byte size (`16MiB`, `512KiB`, `272B` or a plain number of bytes) within `range`.
    pub(crate) fn bytes(&self, name: &str, range: RangeInclusive<u64>) -> Result<u64, ConfigError> {
        let text = self.text(name);
        let expected =
            || format!("a size such as 16MiB, 512KiB or 300B in {}..={} bytes", range.start(), range.end());
        let n = parse_bytes(text).ok_or_else(|| ConfigError::invalid(name, text, expected()))?;
        if !range.contains(&n) {
            return Err(ConfigError::invalid(name, text, expected()));
        }
        Ok(n)
    }
}

/// `16MiB` → 16 × 2^20; `1.5KiB` → 1536; `300B` or `300` → 300.
fn parse_bytes(text: &str) -> Option<u64> {
    let t = text.trim();
    let (num, unit) = match t.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&t[..i], &t[i..]),
        None => (t, "B"),
    };
    let scale: f64 = match unit {
        "B" => 1.0,
        "KiB" => 1024.0,
        "MiB" => 1024.0 * 1024.0,
        "GiB" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let x: f64 = num.trim().parse().ok()?;
    let bytes = x * scale;
    (x.is_finite() && x >= 0.0 && bytes < u64::MAX as f64).then_some(bytes.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_sizes_accept_binary_units_and_plain_numbers() {
        assert_eq!(parse_bytes("16MiB"), Some(16 << 20));
        assert_eq!(parse_bytes("1.5KiB"), Some(1536));
        assert_eq!(parse_bytes("300B"), Some(300));
        assert_eq!(parse_bytes("300"), Some(300));
        assert_eq!(parse_bytes("3MB"), None);
        assert_eq!(parse_bytes("-1KiB"), None);
    }
}
