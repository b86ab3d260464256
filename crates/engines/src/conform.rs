//! The conformance harness: every script of the corpus on a [`Subject`], each output compared
//! with the script's derived expectation and with real Go's golden trace in the semantics the
//! subject claims.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use gotime::Semantics;

use crate::compare::{agrees, diff};
use crate::corpus::{Corpus, CorpusScript};
use crate::report::{Check, ConformanceReport, Matrix, ScriptOutcome, Status};
use crate::rows::row_of;
use crate::subject::{Subject, Unreliable, CONCURRENT_RUNS};

/// Runs the repository's corpus on `subject` claiming `semantics`.
///
/// ```
/// use gotime::Semantics;
/// use timerlab_engines::{conform, Candidate};
/// use timerlab_script::{Engine, ModelEngine};
///
/// let model = Candidate::new("model", |s| Box::new(ModelEngine::new(s)) as Box<dyn Engine>);
/// assert!(conform(&model, Semantics::Async).passed());
/// ```
///
/// # Panics
///
/// When the repository's corpus cannot be read (a test helper: use [`Corpus::conform`] to handle
/// the error).
pub fn conform(subject: &dyn Subject, semantics: Semantics) -> ConformanceReport {
    corpus_or_panic().conform(subject, semantics)
}

/// Runs the repository's corpus on `subject` claiming each of Go's behaviours.
///
/// # Panics
///
/// As [`conform`].
pub fn matrix(subject: &dyn Subject) -> Matrix {
    corpus_or_panic().matrix(subject)
}

fn corpus_or_panic() -> Corpus {
    Corpus::workspace().unwrap_or_else(|e| panic!("cannot load the corpus: {e}"))
}

/// An output, or why there is none.
type RunResult = Result<String, RunFailure>;

#[derive(Clone, Debug)]
enum RunFailure {
    Unreliable(Unreliable),
    Panicked(String),
}

impl Corpus {
    /// Runs every script on `subject` claiming `semantics`.
    pub fn conform(&self, subject: &dyn Subject, semantics: Semantics) -> ConformanceReport {
        let mut outputs = BTreeMap::new();
        self.report(subject, semantics, &mut outputs)
    }

    /// Runs every script on `subject` claiming each of Go's behaviours. A subject that does not
    /// follow the semantics runs each script once; the output is compared with every behaviour.
    pub fn matrix(&self, subject: &dyn Subject) -> Matrix {
        let mut outputs = BTreeMap::new();
        let mut reports = Vec::new();
        for semantics in Semantics::ALL {
            if subject.follows_semantics() {
                outputs.clear();
            }
            reports.push(self.report(subject, semantics, &mut outputs));
        }
        Matrix { reports }
    }

    /// `outputs` caches runs by script path across claims.
    fn report(
        &self,
        subject: &dyn Subject,
        semantics: Semantics,
        outputs: &mut BTreeMap<String, RunResult>,
    ) -> ConformanceReport {
        let pending: Vec<&CorpusScript> = self
            .scripts()
            .iter()
            .filter(|s| not_applicable(subject, semantics, s).is_none() && !outputs.contains_key(&s.path))
            .collect();
        for (s, result) in pending.iter().zip(run_all(subject, semantics, &pending)) {
            outputs.insert(s.path.clone(), result);
        }
        let scripts = self.scripts().iter().map(|s| outcome(subject, semantics, s, outputs)).collect();
        ConformanceReport {
            subject: subject.name().to_owned(),
            description: subject.description().to_owned(),
            semantics,
            scripts,
        }
    }
}

/// Runs `scripts` in order, or [`CONCURRENT_RUNS`] at a time on a concurrent subject; the
/// results are in the order of `scripts` either way.
fn run_all(subject: &dyn Subject, semantics: Semantics, scripts: &[&CorpusScript]) -> Vec<RunResult> {
    let Some(shared) = subject.concurrent() else {
        return scripts.iter().map(|s| run_guarded(subject, s, semantics)).collect();
    };
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<RunResult>>> = scripts.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..CONCURRENT_RUNS.min(scripts.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(s) = scripts.get(i) else { break };
                let result = run_guarded(shared, s, semantics);
                *results[i].lock().unwrap_or_else(PoisonError::into_inner) = Some(result);
            });
        }
    });
    results
        .into_iter()
        .map(|r| {
            let r = r.into_inner().unwrap_or_else(PoisonError::into_inner);
            r.unwrap_or_else(|| Err(RunFailure::Panicked("the run's thread stopped".to_owned())))
        })
        .collect()
}

/// Why `s` cannot run on `subject` in `semantics`, if it cannot.
fn not_applicable(subject: &dyn Subject, semantics: Semantics, s: &CorpusScript) -> Option<String> {
    let support = subject.support();
    if let Some(ctor) = support.lacks(&s.script) {
        return Some(format!("no {}", ctor_name(ctor)));
    }
    if row_of(&s.path).is_some_and(|r| r.needs_live()) && !support.live {
        return Some("no live count".to_owned());
    }
    if s.expected(semantics).is_empty() {
        return Some("no expected output".to_owned());
    }
    None
}

fn outcome(
    subject: &dyn Subject,
    semantics: Semantics,
    s: &CorpusScript,
    outputs: &BTreeMap<String, RunResult>,
) -> ScriptOutcome {
    let row = row_of(&s.path);
    let with =
        |status, note: String, checks| ScriptOutcome { path: s.path.clone(), row, status, note, checks };
    if let Some(note) = not_applicable(subject, semantics, s) {
        return with(Status::NotApplicable, note, Vec::new());
    }
    match outputs.get(&s.path) {
        None => with(Status::Fail, "not run".to_owned(), Vec::new()),
        Some(Err(RunFailure::Unreliable(why))) => with(Status::Unreliable, why.0.clone(), Vec::new()),
        Some(Err(RunFailure::Panicked(message))) => {
            with(Status::Fail, format!("panicked: {message}"), Vec::new())
        }
        Some(Ok(actual)) => {
            let checks: Vec<Check> = s
                .expected(semantics)
                .iter()
                .map(|e| {
                    let ok = agrees(&e.text, actual);
                    let diff = if ok { String::new() } else { diff(&e.text, actual) };
                    Check { expected: e.clone(), agrees: ok, diff }
                })
                .collect();
            let status = if checks.iter().all(|c| c.agrees) { Status::Pass } else { Status::Fail };
            with(status, String::new(), checks)
        }
    }
}

/// Runs a script, turning a panic of the implementation into a failure of that script.
fn run_guarded(subject: &dyn Subject, s: &CorpusScript, semantics: Semantics) -> RunResult {
    match catch_unwind(AssertUnwindSafe(|| subject.run(&s.script, semantics))) {
        Ok(Ok(out)) => Ok(out),
        Ok(Err(why)) => Err(RunFailure::Unreliable(why)),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a non-text panic".to_owned());
            Err(RunFailure::Panicked(message))
        }
    }
}

fn ctor_name(ctor: timerlab_script::Ctor) -> &'static str {
    use timerlab_script::Ctor;
    match ctor {
        Ctor::Timer => "NewTimer",
        Ctor::After => "After",
        Ctor::AfterFunc => "AfterFunc",
        Ctor::Ticker => "NewTicker",
        Ctor::Tick => "Tick",
    }
}
