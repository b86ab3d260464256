//! [`RealTime`]: a [`Subject`] for an engine on the wall clock — it builds a fresh engine on the
//! script's [`Grid`](crate::adapters::grid::Grid) for every run and, like the Go oracle, trusts
//! an output only when two runs agree: a script runs until two reliable runs (runs the engine did
//! not refuse because the clock got away) print the same thing, at most [`ATTEMPTS`] times.
//! After a refused or disagreeing run the quantum doubles (up to [`MAX_REAL_QUANTUM`]): a busy
//! machine slows the run down instead of failing it.

use std::time::Duration;

use gotime::Semantics;
use timerlab_script::{run, Engine, Script};

use crate::subject::{Subject, Support, Unreliable};

/// Runs of one script before it is declared unreliable.
pub const ATTEMPTS: u32 = 6;

/// The longest quantum a retry goes to.
pub const MAX_REAL_QUANTUM: Duration = Duration::from_millis(160);

/// An engine that can say its run proves nothing.
pub trait Refusable: Engine {
    /// Why this run's observations cannot be trusted, if they cannot.
    fn trouble(&self) -> Option<&str>;
}

/// A real-time engine as a conformance subject. Real-time adapters behave one way whatever they
/// claim, so it is semantics-blind.
pub struct RealTime<F> {
    name: &'static str,
    description: &'static str,
    support: Support,
    real: Duration,
    build: F,
}

impl<E: Refusable, F: Fn(&Script, Semantics, Duration) -> E> RealTime<F> {
    /// A subject that builds its engine with `build(script, semantics, real quantum)`.
    pub fn new(
        name: &'static str,
        description: &'static str,
        support: Support,
        real: Duration,
        build: F,
    ) -> RealTime<F> {
        RealTime { name, description, support, real, build }
    }
}

impl<E: Refusable, F: Fn(&Script, Semantics, Duration) -> E + Sync> Subject for RealTime<F> {
    fn name(&self) -> &str {
        self.name
    }

    fn description(&self) -> &str {
        self.description
    }

    fn support(&self) -> Support {
        self.support
    }

    fn follows_semantics(&self) -> bool {
        false
    }

    fn run(&self, script: &Script, semantics: Semantics) -> Result<String, Unreliable> {
        let mut previous: Option<String> = None;
        let mut why = String::new();
        let mut real = self.real;
        for _ in 0..ATTEMPTS {
            let mut engine = (self.build)(script, semantics, real);
            let out = run(script, &mut engine);
            match engine.trouble() {
                Some(trouble) => {
                    why = trouble.to_owned();
                    real = (real * 2).min(MAX_REAL_QUANTUM);
                }
                None if previous.as_ref() == Some(&out) => return Ok(out),
                None => {
                    if previous.is_some() {
                        why = "two reliable runs printed different observations".to_owned();
                        real = (real * 2).min(MAX_REAL_QUANTUM);
                    }
                    previous = Some(out);
                }
            }
        }
        Err(Unreliable(format!("no two of {ATTEMPTS} runs agreed; the last problem: {why}")))
    }

    fn concurrent(&self) -> Option<&(dyn Subject + Sync)> {
        Some(self)
    }
}
