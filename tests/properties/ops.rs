//! Random op scripts for the differential property. Ops are generated with abstract targets
//! (an index into the names bound at that point) and rendered to op-script text afterwards, so
//! every sequence proptest shrinks to is still a valid script.

use std::fmt;

use gotime::GoDuration;
use proptest::prelude::*;
use timerlab_script::Ctor;

/// The time grid: durations are multiples of it, so advances often land exactly on deadlines.
const UNIT: GoDuration = GoDuration::from_millis(500);

/// A duration argument.
#[derive(Clone, Copy, Debug)]
pub enum Dur {
    /// `n` units of 500ms; zero and negative values included.
    Units(i64),
    /// Go's largest duration: every deadline overflows and is clamped to the end of time.
    Max,
    /// Go's smallest duration.
    Min,
}

impl Dur {
    fn go(self) -> GoDuration {
        match self {
            Dur::Units(n) => UNIT.saturating_mul(n),
            Dur::Max => GoDuration::MAX,
            Dur::Min => GoDuration::MIN,
        }
    }
}

/// One op before names are resolved. `usize` targets pick among the names bound at that point
/// (modulo their number); an op with no possible target is skipped.
#[derive(Clone, Copy, Debug)]
pub enum RawOp {
    /// A constructor.
    Create(Ctor, Dur),
    /// `stop` on a timer, afterfunc or ticker.
    Stop(usize),
    /// `reset` on a timer, afterfunc or ticker.
    Reset(usize, Dur),
    /// `advance`.
    Advance(Dur),
    /// `recv` on any bound name.
    Recv(usize),
    /// `wait` on any bound name.
    Wait(usize),
    /// `len` on any bound name.
    Len(usize),
    /// `drop` of any bound name.
    Drop(usize),
    /// `live`.
    Live,
}

/// A generated op sequence. Its `Debug` is the op script itself, so proptest's "minimal failing
/// input" can be pasted into `scripts/` as it is.
#[derive(Clone)]
pub struct Ops(pub Vec<RawOp>);

impl Ops {
    /// The op script: names resolved, a final `live` appended.
    pub fn script(&self) -> String {
        let mut out = String::new();
        let mut bound: Vec<(String, Ctor)> = Vec::new();
        let mut created = 0;
        let pick = |bound: &[(String, Ctor)], i: usize, handles_only: bool| -> Option<String> {
            let names: Vec<&String> =
                bound.iter().filter(|(_, c)| !handles_only || c.has_handle()).map(|(n, _)| n).collect();
            (!names.is_empty()).then(|| names[i % names.len()].clone())
        };
        for op in &self.0 {
            let line = match *op {
                RawOp::Create(ctor, d) => {
                    let name = format!("{}{created}", prefix(ctor));
                    created += 1;
                    // Go panics in NewTicker(d <= 0): the name is never bound.
                    if ctor != Ctor::Ticker || d.go().is_positive() {
                        bound.push((name.clone(), ctor));
                    }
                    Some(format!("{} {name} {}", ctor.keyword(), d.go()))
                }
                RawOp::Stop(i) => pick(&bound, i, true).map(|n| format!("stop {n}")),
                RawOp::Reset(i, d) => pick(&bound, i, true).map(|n| format!("reset {n} {}", d.go())),
                RawOp::Advance(d) => Some(format!("advance {}", d.go())),
                RawOp::Recv(i) => pick(&bound, i, false).map(|n| format!("recv {n}")),
                RawOp::Wait(i) => pick(&bound, i, false).map(|n| format!("wait {n}")),
                RawOp::Len(i) => pick(&bound, i, false).map(|n| format!("len {n}")),
                RawOp::Drop(i) => pick(&bound, i, false)
                    .inspect(|n| bound.retain(|(b, _)| b != n))
                    .map(|n| format!("drop {n}")),
                RawOp::Live => Some("live".to_owned()),
            };
            if let Some(line) = line {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out.push_str("live\n");
        out
    }
}

fn prefix(ctor: Ctor) -> &'static str {
    match ctor {
        Ctor::Timer => "t",
        Ctor::After => "a",
        Ctor::AfterFunc => "f",
        Ctor::Ticker => "k",
        Ctor::Tick => "c",
    }
}

impl fmt::Debug for Ops {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "op script:\n{}", self.script())
    }
}

/// Timer durations: mostly -2s..6s on the 500ms grid, sometimes overflowing or Go's minimum.
fn duration() -> impl Strategy<Value = Dur> {
    prop_oneof![
        12 => (-4i64..=12).prop_map(Dur::Units),
        1 => Just(Dur::Max),
        1 => Just(Dur::Min),
    ]
}

/// Ticker periods: at least 500ms, with a few non-positive ones (NewTicker panics, Tick is nil).
fn period() -> impl Strategy<Value = Dur> {
    prop_oneof![10 => (1i64..=6).prop_map(Dur::Units), 1 => (-2i64..=0).prop_map(Dur::Units)]
}

/// Advances: 0..6s, zero often (a bare runtime check), sometimes negative, and now and then as
/// far as the clock goes (the end of time), where every unreceived ticker's dropped ticks must be
/// skipped rather than stepped through.
fn advance() -> impl Strategy<Value = Dur> {
    prop_oneof![
        10 => (0i64..=12).prop_map(Dur::Units),
        3 => Just(Dur::Units(0)),
        1 => (-4i64..0).prop_map(Dur::Units),
        1 => Just(Dur::Max),
    ]
}

fn raw_op() -> impl Strategy<Value = RawOp> {
    let target = 0usize..8;
    prop_oneof![
        2 => duration().prop_map(|d| RawOp::Create(Ctor::Timer, d)),
        2 => duration().prop_map(|d| RawOp::Create(Ctor::After, d)),
        2 => duration().prop_map(|d| RawOp::Create(Ctor::AfterFunc, d)),
        1 => period().prop_map(|d| RawOp::Create(Ctor::Ticker, d)),
        1 => period().prop_map(|d| RawOp::Create(Ctor::Tick, d)),
        3 => target.clone().prop_map(RawOp::Stop),
        3 => (target.clone(), duration()).prop_map(|(i, d)| RawOp::Reset(i, d)),
        6 => advance().prop_map(RawOp::Advance),
        4 => target.clone().prop_map(RawOp::Recv),
        3 => target.clone().prop_map(RawOp::Wait),
        1 => target.clone().prop_map(RawOp::Len),
        2 => target.prop_map(RawOp::Drop),
        1 => Just(RawOp::Live),
    ]
}

/// Op sequences of up to 60 ops.
pub fn ops() -> impl Strategy<Value = Ops> {
    proptest::collection::vec(raw_op(), 1..60).prop_map(Ops)
}
