//! [`EngineKind`]: the engines this crate provides, by name, and how to build one.

use std::fmt;
use std::str::FromStr;

use gotime::Semantics;

use crate::engine::Engine;
use crate::model_engine::ModelEngine;
use crate::runtime_engine::RuntimeEngine;

/// The engines a script can run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EngineKind {
    /// The reference model (`timerlab-model`).
    Model,
    /// The gotime runtime on its manual virtual clock.
    Runtime,
}

impl EngineKind {
    /// Both engines, model first.
    pub const BOTH: [EngineKind; 2] = [EngineKind::Model, EngineKind::Runtime];

    /// The name used on command lines: `model` or `runtime`.
    pub const fn name(self) -> &'static str {
        match self {
            EngineKind::Model => "model",
            EngineKind::Runtime => "runtime",
        }
    }

    /// A fresh engine of this kind, at time zero, following `semantics`.
    pub fn build(self, semantics: Semantics) -> Box<dyn Engine> {
        match self {
            EngineKind::Model => Box::new(ModelEngine::new(semantics)),
            EngineKind::Runtime => Box::new(RuntimeEngine::new(semantics)),
        }
    }
}

impl fmt::Display for EngineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A string that names no engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseEngineKindError(String);

impl fmt::Display for ParseEngineKindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown engine {:?}: expected model or runtime", self.0)
    }
}

impl std::error::Error for ParseEngineKindError {}

impl FromStr for EngineKind {
    type Err = ParseEngineKindError;

    /// # Errors
    ///
    /// [`ParseEngineKindError`] for anything but `model` or `runtime`.
    fn from_str(s: &str) -> Result<EngineKind, ParseEngineKindError> {
        match s {
            "model" => Ok(EngineKind::Model),
            "runtime" => Ok(EngineKind::Runtime),
            _ => Err(ParseEngineKindError(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_engine_is_named_on_the_command_line_as_it_displays_and_parses_back() {
        assert_eq!(EngineKind::BOTH.map(EngineKind::name), ["model", "runtime"]);
        for kind in EngineKind::BOTH {
            assert_eq!(kind.to_string(), kind.name());
            assert_eq!(kind.name().parse::<EngineKind>(), Ok(kind));
        }
    }

    #[test]
    fn an_unknown_engine_is_refused_with_the_valid_names() {
        let err = "tokio".parse::<EngineKind>().unwrap_err();
        assert_eq!(err.to_string(), "unknown engine \"tokio\": expected model or runtime");
    }
}
