//! Trace events: what happened at one instant of virtual time ([`TraceEvent`], [`Event`]), as
//! the scenarios record them and every rendering (the text trace, JSON, SVG) reads them.

use std::fmt;

use gotime::GoDuration;
use serde::Serialize;

use crate::ser;
use crate::verdict::Hang;

/// Something that happened at one instant of virtual time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TraceEvent {
    /// Virtual time since the run started.
    #[serde(serialize_with = "ser::duration")]
    pub at: GoDuration,
    /// What happened.
    pub event: Event,
}

/// The kinds of [`TraceEvent`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Event {
    /// A process life began (the first start, or a supervisor restart).
    Up {
        /// 1 for the first life.
        life: u32,
    },
    /// The process exceeded its memory budget and was killed (a turmoil crash).
    OomKill {
        /// Modelled memory at the check that found it over budget.
        memory: u64,
        /// The budget.
        budget: u64,
        /// Live timers at that check.
        live: u64,
    },
    /// The scenario entered a phase (S2's producer phases, S1's end of the ramp).
    Phase {
        /// The phase's name.
        name: String,
    },
    /// A timeout branch was taken (S2; S1's idle pings are only counted).
    Timeout {
        /// How long the select had waited when it took the timeout.
        #[serde(serialize_with = "ser::duration")]
        waited: GoDuration,
        /// `true` when `waited` was shorter than the timeout: a stale or overall-deadline value.
        spurious: bool,
    },
    /// An idle stretch longer than the timeout ended with a message and no timeout (S2).
    MissedTimeout {
        /// How long the consumer had been idle.
        #[serde(serialize_with = "ser::duration")]
        idle: GoDuration,
    },
    /// The simulator's own cap was reached and the run stopped.
    SimMemoryCap {
        /// Live timers when it stopped.
        live: u64,
        /// The cap.
        cap: u64,
    },
    /// The scheduler ran a task between the two halves of a timer's firing — after the timer
    /// left the heap, before its send (S3's `race`): where golang/go#69312's Stop landed.
    FiringWindow,
    /// A task blocked forever on a timer channel nothing can fill (S3).
    Hang(Hang),
    /// A scheduled fault (the `faults` parameter) began or ended.
    Fault {
        /// The fault as the grammar writes it, without its time: `hold:30s`, `crash`.
        fault: String,
        /// Began, ended, or did nothing.
        phase: FaultPhase,
    },
}

/// What a [`Event::Fault`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FaultPhase {
    /// The fault began: the links changed, or the process was killed.
    Begins,
    /// The fault's length is over: the links are back to normal. A crash has no end event: the
    /// restart (`Event::Up`) ends it.
    Ends,
    /// A crash came while the process was down already: nothing to kill.
    Skipped,
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Up { life: 1 } => f.write_str("up"),
            Event::Up { life } => write!(f, "restarted (life {life})"),
            Event::OomKill { memory, budget, live } => {
                write!(f, "OOM-KILL {} > {} ({live} timers)", kib(*memory), kib(*budget))
            }
            Event::Phase { name } => write!(f, "phase {name}"),
            Event::Timeout { waited, spurious: false } => write!(f, "timeout after {waited}"),
            Event::Timeout { waited, spurious: true } => write!(f, "SPURIOUS timeout after {waited}"),
            Event::MissedTimeout { idle } => write!(f, "MISSED timeout: idle {idle}"),
            Event::SimMemoryCap { live, cap } => {
                write!(f, "simulation memory cap reached: {live} live timers >= {cap}")
            }
            Event::FiringWindow => f.write_str("ran in a firing's window"),
            Event::Hang(hang) => write!(f, "HANG: {}", hang.describe()),
            Event::Fault { fault, phase: FaultPhase::Begins } => write!(f, "FAULT {fault}"),
            Event::Fault { fault, phase: FaultPhase::Ends } => write!(f, "{fault} over"),
            Event::Fault { fault, phase: FaultPhase::Skipped } => {
                write!(f, "FAULT {fault} skipped: server down")
            }
        }
    }
}

/// `16384.2KiB`: memory where the difference to the budget matters.
fn kib(bytes: u64) -> String {
    format!("{:.1}KiB", bytes as f64 / 1024.0)
}
