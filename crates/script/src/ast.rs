//! The parsed form of an op script: [`Script`], a list of [`Step`]s, each an [`Op`] and where it
//! was written. `Display` renders a script back to text that parses to the same script.

use std::collections::BTreeMap;
use std::fmt;

use gotime::{GoDuration, Semantics};

/// A Go constructor an op can call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ctor {
    /// `timer NAME DUR`: `time.NewTimer(DUR)`.
    Timer,
    /// `after NAME DUR`: `time.After(DUR)`, a receive-only channel.
    After,
    /// `afterfunc NAME DUR`: `time.AfterFunc(DUR, f)`, f records `fired NAME @T`.
    AfterFunc,
    /// `ticker NAME DUR`: `time.NewTicker(DUR)`.
    Ticker,
    /// `tick NAME DUR`: `time.Tick(DUR)`, a receive-only channel (nil for `DUR <= 0`).
    Tick,
}

impl Ctor {
    /// Every constructor, in the order SCRIPT.md lists them.
    pub const ALL: [Ctor; 5] = [Ctor::Timer, Ctor::After, Ctor::AfterFunc, Ctor::Ticker, Ctor::Tick];

    /// The op's keyword: `timer`, `after`, `afterfunc`, `ticker`, `tick`.
    pub const fn keyword(self) -> &'static str {
        match self {
            Ctor::Timer => "timer",
            Ctor::After => "after",
            Ctor::AfterFunc => "afterfunc",
            Ctor::Ticker => "ticker",
            Ctor::Tick => "tick",
        }
    }

    /// Does the object have Stop and Reset? (`After` and `Tick` give only a channel.)
    pub const fn has_handle(self) -> bool {
        matches!(self, Ctor::Timer | Ctor::AfterFunc | Ctor::Ticker)
    }
}

/// One operation of a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// `timer|after|afterfunc|ticker|tick NAME DUR`.
    Create {
        /// Which constructor.
        ctor: Ctor,
        /// The name bound to the result.
        name: String,
        /// Its duration argument.
        d: GoDuration,
    },
    /// `stop NAME`.
    Stop(String),
    /// `reset NAME DUR`.
    Reset(String, GoDuration),
    /// `advance DUR`.
    Advance(GoDuration),
    /// `recv NAME`: a non-blocking receive.
    Recv(String),
    /// `wait NAME`: a blocking receive.
    Wait(String),
    /// `len NAME`.
    Len(String),
    /// `drop NAME`.
    Drop(String),
    /// `live`.
    Live,
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Create { ctor, name, d } => write!(f, "{} {name} {d}", ctor.keyword()),
            Op::Stop(name) => write!(f, "stop {name}"),
            Op::Reset(name, d) => write!(f, "reset {name} {d}"),
            Op::Advance(d) => write!(f, "advance {d}"),
            Op::Recv(name) => write!(f, "recv {name}"),
            Op::Wait(name) => write!(f, "wait {name}"),
            Op::Len(name) => write!(f, "len {name}"),
            Op::Drop(name) => write!(f, "drop {name}"),
            Op::Live => f.write_str("live"),
        }
    }
}

/// An op and the line it was written on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// 1-based source line.
    pub line: usize,
    /// The operation.
    pub op: Op,
}

/// A parsed, validated op script: every name an op uses is bound by an earlier constructor and
/// supports the op.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    /// The `mode` line, if the script has one.
    pub mode: Option<Semantics>,
    /// The ops in order.
    pub steps: Vec<Step>,
}

impl fmt::Display for Script {
    /// The script as op-script text, one op per line, with a `mode` line when it has a mode.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(mode) = self.mode {
            writeln!(f, "mode {mode}")?;
        }
        for step in &self.steps {
            writeln!(f, "{}", step.op)?;
        }
        Ok(())
    }
}

impl Script {
    /// Does the script print `live` after it dropped a timer? Only then can it see which
    /// unreferenced timers the Go runtime keeps: async keeps them, async-collected and sync
    /// collect them.
    pub fn observes_retention(&self) -> bool {
        let first_drop = self.steps.iter().position(|s| matches!(s.op, Op::Drop(_)));
        first_drop.is_some_and(|i| self.steps[i..].iter().any(|s| s.op == Op::Live))
    }

    /// Does the script arm a one-shot channel timer already due — `timer` or `after` with
    /// `d <= 0`, or a Timer's `reset` to `d <= 0`? Async fires such a timer at the next runtime
    /// check; async-collected at the first look at its channel (Go's runtime/time.go,
    /// `maybeRunChan`); sync makes its value on receive. Every other channel observation is
    /// the same in async and async-collected.
    pub fn arms_a_channel_timer_due_now(&self) -> bool {
        let mut bound: BTreeMap<&str, Ctor> = BTreeMap::new();
        for step in &self.steps {
            match &step.op {
                Op::Create { ctor, name, d } => {
                    if matches!(ctor, Ctor::Timer | Ctor::After) && !d.is_positive() {
                        return true;
                    }
                    bound.insert(name, *ctor);
                }
                Op::Reset(name, d) if bound.get(name.as_str()) == Some(&Ctor::Timer) && !d.is_positive() => {
                    return true;
                }
                _ => {}
            }
        }
        false
    }
}

impl Script {
    /// Does the script print the same in async and async-collected, so that its async output
    /// stands for both? Yes unless it can tell them apart: by arming a channel timer already due
    /// ([`Script::arms_a_channel_timer_due_now`]), or — when its `live` lines are counted, which
    /// Go's traces do not do (`live = ?`) — by printing `live` after a drop
    /// ([`Script::observes_retention`]).
    pub fn prints_the_same_in_async_and_async_collected(&self, live_counted: bool) -> bool {
        let tells_them_apart =
            self.arms_a_channel_timer_due_now() || live_counted && self.observes_retention();
        !tells_them_apart
    }
}
