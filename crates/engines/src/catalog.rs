//! The implementations this crate can test, by the name `timerlab conform --engine` takes.

use clap::ValueEnum;
use timerlab_script::{Engine, ModelEngine, RuntimeEngine};

use crate::adapters::{crossbeam_after, futures_delay, tokio_sleep};
use crate::subject::{Candidate, Subject};

/// An implementation under test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ValueEnum)]
pub enum EngineName {
    /// The reference model (`timerlab-model`), virtual clock.
    Model,
    /// The gotime runtime, manual virtual clock.
    Runtime,
    /// `tokio::time` (Sleep in a task + mpsc), paused clock.
    Tokio,
    /// crossbeam-channel's `after` / `tick`, real time.
    Crossbeam,
    /// futures-timer's `Delay` on `futures::executor`, real time.
    FuturesTimer,
}

impl EngineName {
    /// Every implementation, in this order.
    pub const ALL: [EngineName; 5] = [
        EngineName::Model,
        EngineName::Runtime,
        EngineName::Tokio,
        EngineName::Crossbeam,
        EngineName::FuturesTimer,
    ];

    /// The name on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            EngineName::Model => "model",
            EngineName::Runtime => "runtime",
            EngineName::Tokio => "tokio",
            EngineName::Crossbeam => "crossbeam",
            EngineName::FuturesTimer => "futures-timer",
        }
    }

    /// The implementation as a conformance subject.
    pub fn subject(self) -> Box<dyn Subject> {
        match self {
            EngineName::Model => Box::new(
                Candidate::new("model", |s| Box::new(ModelEngine::new(s)) as Box<dyn Engine>)
                    .description("timerlab's reference model (crates/model), virtual clock"),
            ),
            EngineName::Runtime => Box::new(
                Candidate::new("runtime", |s| Box::new(RuntimeEngine::new(s)) as Box<dyn Engine>)
                    .description("the gotime runtime (crates/gotime), manual virtual clock"),
            ),
            EngineName::Tokio => Box::new(tokio_sleep::subject()),
            EngineName::Crossbeam => Box::new(crossbeam_after::subject()),
            EngineName::FuturesTimer => Box::new(futures_delay::subject()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_the_one_clap_parses_and_the_subject_reports() {
        for engine in EngineName::ALL {
            assert_eq!(EngineName::from_str(engine.name(), false), Ok(engine));
            assert_eq!(engine.subject().name(), engine.name());
        }
    }
}
