//! [`RunVerdict`]: what a run showed, in one word and a number — and how it is decided.
//!
//! The order of the checks is the order of severity: a run that hit the simulator's own memory
//! cap proves nothing else; a task blocked forever ([`Hang`]) is a hang whatever else the run
//! did — the process lives on, but that part of it never runs again; a process that was killed
//! is an OOM loop; live timers above what the program can hold are a leak; wrong timeouts come
//! next; otherwise the run is bounded. [`decide`] judges the evidence every scenario's harness
//! collects; a scenario whose scheduler can find a task blocked forever (S3) adds that with
//! [`RunVerdict::or_hang`].

use std::fmt;

use gotime::Site;
use serde::{Serialize, Serializer};

/// A task blocked forever on a timer channel that nothing can fill any more: no value waiting,
/// no armed timer, no send in flight, and no other task holding the timer to re-arm it
/// (`gotime::Chan::would_block_forever`). Go's `all goroutines are asleep` for that task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Hang {
    /// The blocked task (goroutine), as the scenario names it: `batcher`.
    pub task: &'static str,
    /// The call site of the receive it is blocked in (`<-t.C`).
    #[serde(serialize_with = "site")]
    pub receive: Site,
    /// Where the channel's timer was created (`time.NewTimer`); `None` for Go's nil channel.
    #[serde(serialize_with = "opt_site")]
    pub timer: Option<Site>,
}

impl Hang {
    /// `batcher blocked forever in <-t.C at scenarios/s3/variants.rs:88:13 (timer made at
    /// scenarios/s3/variants.rs:40:5)`.
    pub fn describe(&self) -> String {
        let timer = match &self.timer {
            Some(site) => format!("timer made at {}", short(site)),
            None => "a nil channel".to_owned(),
        };
        format!("{} blocked forever in <-t.C at {} ({timer})", self.task, short(&self.receive))
    }
}

/// `scenarios/s3/variants.rs:88:13`: a site without the directories before `scenarios/`, as
/// the trace's profile prints it.
fn short(site: &Site) -> String {
    let file = site.file.find("scenarios/").map_or(site.file, |i| &site.file[i..]);
    format!("{file}:{}:{}", site.line, site.column)
}

fn site<S: Serializer>(site: &Site, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(site)
}

fn opt_site<S: Serializer>(site: &Option<Site>, s: S) -> Result<S::Ok, S::Error> {
    match site {
        Some(site) => s.collect_str(site),
        None => s.serialize_none(),
    }
}

/// The outcome of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RunVerdict {
    /// Live timers stayed within what the program holds (S1: one per connection; S2: one), no
    /// restart, no spurious timeout.
    Bounded,
    /// Live timers grew past what the program holds; `per_minute` is the largest rise of that
    /// excess within one virtual minute.
    Leak {
        /// Excess live timers gained per virtual minute.
        per_minute: u64,
    },
    /// The memory budget was exceeded and the process was killed and restarted.
    OomLoop {
        /// Restarts during the run.
        restarts: u32,
    },
    /// Timeouts fired although the full timeout had not elapsed in the select.
    SpuriousTimeout {
        /// Spurious timeouts during the run.
        count: u64,
    },
    /// The simulator stopped because the simulated timers or connections reached its own cap,
    /// before exhausting the machine that runs it.
    SimMemoryCap {
        /// The cap that was reached (live timers).
        cap: u64,
    },
    /// A task was blocked forever on a timer channel nothing could fill (the drain that hangs).
    Hang(Hang),
}

/// A [`RunVerdict`] without its number: what the registry expects and what tests compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictKind {
    /// See [`RunVerdict::Bounded`].
    Bounded,
    /// See [`RunVerdict::Leak`].
    Leak,
    /// See [`RunVerdict::OomLoop`].
    OomLoop,
    /// See [`RunVerdict::SpuriousTimeout`].
    SpuriousTimeout,
    /// See [`RunVerdict::SimMemoryCap`].
    SimMemoryCap,
    /// See [`RunVerdict::Hang`].
    Hang,
}

impl VerdictKind {
    /// The upper-case label used in traces and tables: `BOUNDED`, `LEAK`, `OOM-LOOP`,
    /// `SPURIOUS-TIMEOUT`, `SIM-MEMORY-CAP`, `HANG`.
    pub const fn label(self) -> &'static str {
        match self {
            VerdictKind::Bounded => "BOUNDED",
            VerdictKind::Leak => "LEAK",
            VerdictKind::OomLoop => "OOM-LOOP",
            VerdictKind::SpuriousTimeout => "SPURIOUS-TIMEOUT",
            VerdictKind::SimMemoryCap => "SIM-MEMORY-CAP",
            VerdictKind::Hang => "HANG",
        }
    }
}

impl fmt::Display for VerdictKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl RunVerdict {
    /// The verdict without its number.
    pub const fn kind(self) -> VerdictKind {
        match self {
            RunVerdict::Bounded => VerdictKind::Bounded,
            RunVerdict::Leak { .. } => VerdictKind::Leak,
            RunVerdict::OomLoop { .. } => VerdictKind::OomLoop,
            RunVerdict::SpuriousTimeout { .. } => VerdictKind::SpuriousTimeout,
            RunVerdict::SimMemoryCap { .. } => VerdictKind::SimMemoryCap,
            RunVerdict::Hang(_) => VerdictKind::Hang,
        }
    }

    /// This verdict once `hang` was found: [`RunVerdict::Hang`], unless the simulator's cap
    /// stopped the run, which then proves nothing else (the module docs' order). Unchanged when
    /// nothing hung.
    pub fn or_hang(self, hang: Option<Hang>) -> RunVerdict {
        match (self, hang) {
            (RunVerdict::SimMemoryCap { .. }, _) | (_, None) => self,
            (_, Some(hang)) => RunVerdict::Hang(hang),
        }
    }
}

impl fmt::Display for RunVerdict {
    /// `BOUNDED`, `LEAK (+1200 timers/min)`, `OOM-LOOP (4 restarts)`, `SPURIOUS-TIMEOUT (3)`,
    /// `SIM-MEMORY-CAP (1000000 live timers)`, `HANG (batcher at scenarios/s3/variants.rs:88:13)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = self.kind().label();
        match *self {
            RunVerdict::Bounded => f.write_str(label),
            RunVerdict::Leak { per_minute } => write!(f, "{label} (+{per_minute} timers/min)"),
            RunVerdict::OomLoop { restarts } => {
                write!(f, "{label} ({restarts} restart{})", if restarts == 1 { "" } else { "s" })
            }
            RunVerdict::SpuriousTimeout { count } => write!(f, "{label} ({count})"),
            RunVerdict::SimMemoryCap { cap } => write!(f, "{label} ({cap} live timers)"),
            RunVerdict::Hang(hang) => write!(f, "{label} ({} at {})", hang.task, short(&hang.receive)),
        }
    }
}

/// The evidence a scenario collects for [`decide`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunEvidence {
    /// The simulator cap that stopped the run, if one did.
    pub sim_cap: Option<u64>,
    /// Restarts after an out-of-memory kill.
    pub restarts: u32,
    /// The largest excess of live timers over what the program holds, at any check.
    pub peak_excess: u64,
    /// The largest rise of that excess within any one virtual minute.
    pub rise_per_minute: u64,
    /// Spurious timeouts.
    pub spurious: u64,
}

/// Decides the verdict from the evidence, most severe first (see the module docs).
pub fn decide(e: &RunEvidence) -> RunVerdict {
    if let Some(cap) = e.sim_cap {
        return RunVerdict::SimMemoryCap { cap };
    }
    if e.restarts > 0 {
        return RunVerdict::OomLoop { restarts: e.restarts };
    }
    if e.peak_excess > 0 {
        return RunVerdict::Leak { per_minute: e.rise_per_minute.max(1) };
    }
    if e.spurious > 0 {
        return RunVerdict::SpuriousTimeout { count: e.spurious };
    }
    RunVerdict::Bounded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simulator_cap_outranks_everything() {
        let e = RunEvidence {
            sim_cap: Some(10),
            restarts: 3,
            peak_excess: 5,
            spurious: 1,
            ..RunEvidence::default()
        };
        assert_eq!(decide(&e), RunVerdict::SimMemoryCap { cap: 10 });
    }

    #[test]
    fn restarts_make_an_oom_loop_even_with_a_leak() {
        let e = RunEvidence { restarts: 2, peak_excess: 5, ..RunEvidence::default() };
        assert_eq!(decide(&e), RunVerdict::OomLoop { restarts: 2 });
    }

    #[test]
    fn any_excess_of_live_timers_is_a_leak_with_its_rise_per_minute() {
        let e = RunEvidence { peak_excess: 3_000, rise_per_minute: 6_000, ..RunEvidence::default() };
        assert_eq!(decide(&e), RunVerdict::Leak { per_minute: 6_000 });
        let e = RunEvidence { peak_excess: 1, ..RunEvidence::default() };
        assert_eq!(decide(&e), RunVerdict::Leak { per_minute: 1 });
    }

    #[test]
    fn spurious_timeouts_without_a_leak_are_their_own_verdict() {
        let e = RunEvidence { spurious: 4, ..RunEvidence::default() };
        assert_eq!(decide(&e), RunVerdict::SpuriousTimeout { count: 4 });
        assert_eq!(decide(&RunEvidence::default()), RunVerdict::Bounded);
    }

    const HANG: Hang = Hang {
        task: "batcher",
        receive: Site { file: "sim/src/scenarios/s3/variants.rs", line: 88, column: 13 },
        timer: Some(Site { file: "sim/src/scenarios/s3/variants.rs", line: 40, column: 5 }),
    };

    #[test]
    fn a_hang_outranks_every_finding_but_the_simulator_cap() {
        let others = [
            RunVerdict::Bounded,
            RunVerdict::Leak { per_minute: 3 },
            RunVerdict::OomLoop { restarts: 1 },
            RunVerdict::SpuriousTimeout { count: 2 },
        ];
        for verdict in others {
            assert_eq!(verdict.or_hang(Some(HANG)), RunVerdict::Hang(HANG), "{verdict}");
            assert_eq!(verdict.or_hang(None), verdict);
        }
        let capped = RunVerdict::SimMemoryCap { cap: 10 };
        assert_eq!(capped.or_hang(Some(HANG)), capped, "a capped run proves nothing else");
    }

    #[test]
    fn a_hang_names_the_task_the_receive_and_the_timer() {
        assert_eq!(RunVerdict::Hang(HANG).to_string(), "HANG (batcher at scenarios/s3/variants.rs:88:13)");
        assert_eq!(
            HANG.describe(),
            "batcher blocked forever in <-t.C at scenarios/s3/variants.rs:88:13 \
             (timer made at scenarios/s3/variants.rs:40:5)"
        );
    }

    #[test]
    fn verdicts_render_as_trace_labels() {
        assert_eq!(RunVerdict::OomLoop { restarts: 1 }.to_string(), "OOM-LOOP (1 restart)");
        assert_eq!(RunVerdict::Leak { per_minute: 12 }.to_string(), "LEAK (+12 timers/min)");
        assert_eq!(RunVerdict::SpuriousTimeout { count: 2 }.to_string(), "SPURIOUS-TIMEOUT (2)");
    }
}
