//! [`Subject`]: a timer implementation under test, as the conformance harness sees it — a name,
//! what it supports, and a way to run a script. [`Candidate`] makes one from any
//! [`Engine`] factory.

use std::fmt;

use gotime::Semantics;
use timerlab_script::{run, Ctor, Engine, Op, Script};

/// What an implementation can express. A script that needs more is not applicable to it; a
/// row whose evidence is the live count is not applicable without [`Support::live`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Support {
    /// The constructors it has, indexed like [`Ctor::ALL`].
    ctors: [bool; 5],
    /// Can it count live timers ([`Engine::live`] returns `Some`)?
    pub live: bool,
}

impl Support {
    /// Every constructor and a live count.
    pub const ALL: Support = Support { ctors: [true; 5], live: true };

    /// The same without `ctor`.
    pub const fn without(mut self, ctor: Ctor) -> Support {
        self.ctors[ctor_index(ctor)] = false;
        self
    }

    /// The same without a live count: the engine's [`Engine::live`] returns `None`.
    pub const fn without_live(mut self) -> Support {
        self.live = false;
        self
    }

    /// Does it have `ctor`?
    pub const fn has(&self, ctor: Ctor) -> bool {
        self.ctors[ctor_index(ctor)]
    }

    /// Why `script` cannot run on it, if it cannot: the first constructor it lacks.
    pub fn lacks(&self, script: &Script) -> Option<Ctor> {
        script.steps.iter().find_map(|step| match step.op {
            Op::Create { ctor, .. } if !self.has(ctor) => Some(ctor),
            _ => None,
        })
    }
}

const fn ctor_index(ctor: Ctor) -> usize {
    match ctor {
        Ctor::Timer => 0,
        Ctor::After => 1,
        Ctor::AfterFunc => 2,
        Ctor::Ticker => 3,
        Ctor::Tick => 4,
    }
}

/// A run whose observations prove nothing — a real-time implementation whose clock got away
/// from the script's grid — after every attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreliable(pub String);

impl fmt::Display for Unreliable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreliable {}

/// A timer implementation under test.
pub trait Subject {
    /// Its name in tables and on the command line.
    fn name(&self) -> &str;

    /// One line on what it is: library, clock, how Go's API is mapped.
    fn description(&self) -> &str;

    /// What it supports.
    fn support(&self) -> Support;

    /// Does its behaviour depend on the semantics it is built for? An adapter of a library
    /// behaves one way whatever it claims, so the harness runs each script once and compares
    /// the output with every behaviour's expectations.
    fn follows_semantics(&self) -> bool;

    /// Runs `script` on a fresh instance built for `semantics` and returns its observations.
    ///
    /// # Errors
    ///
    /// [`Unreliable`] when the run cannot vouch for its observations.
    fn run(&self, script: &Script, semantics: Semantics) -> Result<String, Unreliable>;

    /// `Some(self)` when several scripts may run at once on different threads. Real-time
    /// subjects say so — a run is mostly sleeping — and the harness then runs
    /// [`CONCURRENT_RUNS`] scripts at a time; the default runs them one after the other.
    fn concurrent(&self) -> Option<&(dyn Subject + Sync)> {
        None
    }
}

/// Scripts the harness runs at once on a [`Subject::concurrent`] subject.
pub const CONCURRENT_RUNS: usize = 4;

/// A [`Subject`] made from a factory of [`Engine`]s on a virtual clock: the way to test an
/// implementation of the trait.
///
/// ```
/// use gotime::Semantics;
/// use timerlab_engines::{conform, Candidate};
/// use timerlab_script::{Engine, RuntimeEngine};
///
/// let candidate = Candidate::new("runtime", |semantics| {
///     Box::new(RuntimeEngine::new(semantics)) as Box<dyn Engine>
/// });
/// let report = conform(&candidate, Semantics::Sync);
/// assert!(report.passed(), "{report}");
/// ```
pub struct Candidate<F> {
    name: String,
    description: String,
    support: Support,
    follows_semantics: bool,
    factory: F,
}

impl<F: Fn(Semantics) -> Box<dyn Engine>> Candidate<F> {
    /// An implementation that supports everything and follows the semantics it is built for.
    pub fn new(name: impl Into<String>, factory: F) -> Candidate<F> {
        let name = name.into();
        Candidate { description: name.clone(), name, support: Support::ALL, follows_semantics: true, factory }
    }

    /// Sets the one-line description.
    pub fn description(mut self, description: impl Into<String>) -> Candidate<F> {
        self.description = description.into();
        self
    }

    /// Declares what it supports (default: [`Support::ALL`]).
    pub fn support(mut self, support: Support) -> Candidate<F> {
        self.support = support;
        self
    }

    /// Declares that it behaves the same whatever semantics it is built for.
    pub fn semantics_blind(mut self) -> Candidate<F> {
        self.follows_semantics = false;
        self
    }
}

impl<F: Fn(Semantics) -> Box<dyn Engine>> Subject for Candidate<F> {
    fn name(&self) -> &str {
        &self.name
    }

    fn description(&self) -> &str {
        &self.description
    }

    fn support(&self) -> Support {
        self.support
    }

    fn follows_semantics(&self) -> bool {
        self.follows_semantics
    }

    fn run(&self, script: &Script, semantics: Semantics) -> Result<String, Unreliable> {
        let mut engine = (self.factory)(semantics);
        Ok(run(script, &mut *engine))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use timerlab_script::parse_str;

    #[test]
    fn a_script_needing_a_missing_constructor_names_the_first_one() {
        let script = parse_str("t.tl", "timer t 1s\nafterfunc f 1s\ntick c 1s\n").unwrap();
        let support = Support::ALL.without(Ctor::Tick).without(Ctor::AfterFunc);
        assert_eq!(support.lacks(&script), Some(Ctor::AfterFunc));
        assert_eq!(Support::ALL.lacks(&script), None);
        assert!(!support.without_live().live);
    }

    #[test]
    fn an_unreliable_run_reads_as_its_reason() {
        assert_eq!(
            Unreliable("woke 9ms late for a 20ms quantum".into()).to_string(),
            "woke 9ms late for a 20ms quantum"
        );
    }
}
