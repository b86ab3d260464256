//! What the fuzz targets assert about one input, and the work budget that keeps any single
//! input fast. Plain Rust on purpose (no libFuzzer types): `sim/tests/hardening_fuzz_corpus.rs`
//! includes this file by path to replay committed inputs on stable.

use gotime::Semantics;
use timerlab_script::{parse, run, Ctor, EngineKind, Op, Script};

/// The name inputs are parsed under; every error must start with it.
pub const FILE: &str = "fuzz.tl";

/// Inputs with more ops than this are not run (parsing them is still checked).
pub const MAX_STEPS: usize = 256;

/// Inputs whose tickers could fire more often than this in total are not run: a 1 ns ticker and
/// `advance 1h` would be 3.6 × 10¹² firings on both engines.
pub const MAX_FIRINGS: u128 = 100_000;

/// Parses `data` and checks the parser's contract: an error is one line, `FILE:LINE:COL: message`,
/// at a position inside the input; a script renders (`Display`) to text that parses back to the
/// same mode and ops. Returns the script when `data` parses.
///
/// # Panics
///
/// When the contract is broken (that is the finding).
pub fn parse_checked(data: &[u8]) -> Option<Script> {
    match parse(FILE, data) {
        Ok(script) => {
            let text = script.to_string();
            let again = parse(FILE, text.as_bytes())
                .unwrap_or_else(|e| panic!("the rendering of a valid script does not parse: {e}\n{text}"));
            assert_eq!(again.mode, script.mode, "mode changed by rendering:\n{text}");
            let ops = |s: &Script| s.steps.iter().map(|s| s.op.clone()).collect::<Vec<Op>>();
            assert_eq!(ops(&again), ops(&script), "ops changed by rendering:\n{text}");
            Some(script)
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.contains('\n'), "a multi-line error: {message:?}");
            assert!(message.starts_with(&format!("{FILE}:{}:{}: ", e.line, e.column)), "{message:?}");
            let lines = 1 + data.iter().filter(|&&b| b == b'\n').count();
            assert!(e.line >= 1 && e.line <= lines, "line {} of {lines}: {message:?}", e.line);
            assert!(e.column >= 1, "{message:?}");
            None
        }
    }
}

/// An upper bound on the timer firings running `script` can cause, or `None` when it is too
/// much work to run in a fuzz iteration (see [`MAX_STEPS`], [`MAX_FIRINGS`]).
///
/// Virtual time only moves in `advance` (by its duration) and `wait` (at most to the farthest
/// deadline any op could have set: the time so far plus the largest duration in the script).
/// Each ticker created or reset can fire at most once per period within that time; every other
/// firing needs a constructor or reset op.
pub fn work_bound(script: &Script) -> Option<u128> {
    if script.steps.len() > MAX_STEPS {
        return None;
    }
    let nanos = |d: gotime::GoDuration| u128::from(d.as_nanos().max(0).unsigned_abs());
    let longest = script
        .steps
        .iter()
        .filter_map(|s| match &s.op {
            Op::Create { d, .. } | Op::Reset(_, d) | Op::Advance(d) => Some(nanos(*d)),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let mut horizon: u128 = 0;
    let mut shortest_period: Option<u128> = None;
    let mut periodic = 0u128;
    for step in &script.steps {
        match &step.op {
            Op::Advance(d) => horizon = horizon.saturating_add(nanos(*d)),
            Op::Wait(_) => horizon = horizon.saturating_add(longest),
            Op::Create { ctor: Ctor::Ticker | Ctor::Tick, d, .. } | Op::Reset(_, d) if d.is_positive() => {
                // A reset may be of a ticker: count it as one, conservatively.
                periodic += 1;
                let p = nanos(*d);
                shortest_period = Some(shortest_period.map_or(p, |s| s.min(p)));
            }
            _ => {}
        }
    }
    let ticks = match shortest_period {
        Some(p) => periodic.saturating_mul(horizon / p + 1),
        None => 0,
    };
    let firings = ticks.saturating_add(script.steps.len() as u128);
    (firings <= MAX_FIRINGS).then_some(firings)
}

/// The differential check: when `data` parses and fits the work budget, runs it on the model and
/// on the runtime in every semantics and asserts the same observations. Returns how many
/// (semantics) comparisons it made: 0 or 3.
///
/// # Panics
///
/// When the engines disagree, when either panics, or when the parser's contract is broken.
pub fn differential(data: &[u8]) -> usize {
    let Some(script) = parse_checked(data) else { return 0 };
    if work_bound(&script).is_none() {
        return 0;
    }
    for semantics in Semantics::ALL {
        let model = run(&script, &mut *EngineKind::Model.build(semantics));
        let runtime = run(&script, &mut *EngineKind::Runtime.build(semantics));
        assert_eq!(
            model,
            runtime,
            "model (left) and runtime (right) disagree in {} mode on:\n{script}",
            semantics.name()
        );
    }
    Semantics::ALL.len()
}
