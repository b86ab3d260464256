//! What the registry holds about a scenario: its name and story ([`ScenarioSpec`]), its variants
//! with their expected verdicts ([`VariantSpec`]), and its parameters ([`ParamSpec`]).

use gotime::{GoDuration, Semantics};
use serde::Serialize;

use crate::api::{ConfigError, Preset, RunConfig, RunReport};
use crate::verdict::VerdictKind;

/// How a scenario runs one config.
pub type RunFn = fn(&RunConfig, &mut dyn FnMut(GoDuration, GoDuration)) -> Result<RunReport, ConfigError>;

/// A registered scenario.
#[derive(Serialize)]
pub struct ScenarioSpec {
    /// Short name used on command lines: `s1`, `s2`.
    pub name: &'static str,
    /// One line: what it models.
    pub title: &'static str,
    /// A paragraph: the incident and what the trace shows.
    pub description: &'static str,
    /// The variants: the incident's code and each fix.
    pub variants: &'static [VariantSpec],
    /// The parameters a config may override with `params`.
    pub params: &'static [ParamSpec],
    /// Runs one config of this scenario.
    #[serde(skip)]
    pub run: RunFn,
}

/// One variant of a scenario: a way to write the loop.
#[derive(Debug, Serialize)]
pub struct VariantSpec {
    /// Short name: `leaky`, `stop`, `reset`, ...
    pub name: &'static str,
    /// One line: the fix or the bug.
    pub description: &'static str,
    /// The Go code of the loop, one line.
    pub go: &'static str,
    /// The verdict kind this variant shows in async mode (Go ≤ 1.22).
    pub expected_async: VerdictKind,
    /// The verdict kind this variant shows with `asynctimerchan=2` (Go 1.23–1.26): async's
    /// channels, sync's collection.
    pub expected_async_collected: VerdictKind,
    /// The verdict kind this variant shows in sync mode (Go ≥ 1.23).
    pub expected_sync: VerdictKind,
}

impl VariantSpec {
    /// The expected verdict kind in `semantics`.
    pub fn expected(&self, semantics: Semantics) -> VerdictKind {
        match semantics {
            Semantics::Async => self.expected_async,
            Semantics::AsyncCollected => self.expected_async_collected,
            Semantics::Sync => self.expected_sync,
        }
    }
}

/// One parameter of a scenario.
#[derive(Debug, Serialize)]
pub struct ParamSpec {
    /// Name, as in `--set name=value`.
    pub name: &'static str,
    /// What it sets, with its unit.
    pub help: &'static str,
    /// Valid values, as the error message states them.
    pub range: &'static str,
    /// Value in the default preset.
    pub default: &'static str,
    /// Value in the quick (test) preset.
    pub quick: &'static str,
}

impl ScenarioSpec {
    /// The variant named `name`.
    ///
    /// # Errors
    ///
    /// [`ConfigError::UnknownVariant`] naming this scenario's variants.
    pub fn variant(&self, name: &str) -> Result<&'static VariantSpec, ConfigError> {
        self.variants.iter().find(|v| v.name == name).ok_or_else(|| ConfigError::UnknownVariant {
            scenario: self.name.to_owned(),
            name: name.to_owned(),
            valid: self.variants.iter().map(|v| v.name).collect(),
        })
    }

    /// One config per variant and behaviour ([`Semantics::ALL`]: async, async-collected, sync),
    /// all with `seed` and `preset`: the scenario's full comparison.
    pub fn all_configs(&self, seed: u64, preset: Preset) -> Vec<RunConfig> {
        let mut out = Vec::new();
        for v in self.variants {
            for semantics in Semantics::ALL {
                out.push(RunConfig::new(self.name, v.name, semantics, seed).with_preset(preset));
            }
        }
        out
    }
}
