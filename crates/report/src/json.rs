//! [`JsonReport`]: `report.json` and `timerlab run --json`. Its own types, mapped field by field
//! from the run types, so a change to a [`RunReport`] cannot change the documented schema
//! without a change here (docs/CLI.md, "report.json"; docs/report.schema.json).

use std::collections::BTreeMap;

use gotime::GoDuration;
use serde::Serialize;

use timerlab_sim::{
    Event, FaultPhase, Hang, RunReport, RunVerdict, Sample, SiteProfile, TraceEvent, VerdictKind,
};

use crate::conclusion::Conclusion;
use crate::profile::worst_run;
use crate::repro::cargo_command;
use crate::run::Run;
use crate::site::SiteLocation;

/// The version of the schema; raised on any change that is not a new field.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole document.
#[derive(Clone, Debug, Serialize)]
pub struct JsonReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The version of timerlab that wrote it.
    pub timerlab_version: &'static str,
    /// The seed of every run.
    pub seed: u64,
    /// The command that reproduces the whole invocation.
    pub repro: String,
    /// The scenario.
    pub scenario: String,
    /// [`Conclusion::name`].
    pub outcome: &'static str,
    /// [`Conclusion::exit_code`]: the exit code of the command that wrote this.
    pub exit_code: u8,
    /// `true` when every run was run twice and the hashes compared.
    pub determinism_checked: bool,
    /// Index in `runs` of the run whose profile the text output shows ([`worst_run`]).
    pub worst_run: Option<usize>,
    /// Every run, in the order of the comparison table.
    pub runs: Vec<JsonRun>,
}

/// One run.
#[derive(Clone, Debug, Serialize)]
pub struct JsonRun {
    /// Scenario name.
    pub scenario: String,
    /// Variant name.
    pub variant: String,
    /// `async`, `async-collected` or `sync`.
    pub semantics: &'static str,
    /// The behaviour line the text report prints: why this behaviour, and what a timer costs
    /// (`go1.26.6, go.mod go 1.22 → asynctimerchan=1 (default for go < 1.23) → async; 266 B per
    /// channel timer, 129 B per AfterFunc`).
    pub behaviour: String,
    /// The Go toolchain simulated (`go1.26.6`), or `null` for a semantics named directly.
    pub toolchain: Option<String>,
    /// The main module's go line (`1.22`), or `null` for a semantics named directly.
    pub go_mod: Option<String>,
    /// Whether Stop or Reset racing a firing loses the value (golang/go#69312: go1.23.0 and
    /// go1.23.1 in sync).
    pub stop_race_69312: bool,
    /// Bytes per live timer the run's memory was modelled with.
    pub cost_model: JsonCostModel,
    /// The run's seed.
    pub seed: u64,
    /// `default` or `quick`.
    pub preset: &'static str,
    /// The command that replays this run alone.
    pub repro: String,
    /// Every resolved scenario parameter, as text.
    pub params: BTreeMap<String, String>,
    /// Virtual time simulated, Go syntax.
    pub simulated: String,
    /// The same in nanoseconds.
    pub simulated_ns: i64,
    /// What the run showed.
    pub verdict: JsonVerdict,
    /// The verdict kind the registry expects.
    pub expected: &'static str,
    /// `verdict.kind == expected`.
    pub as_expected: bool,
    /// `Mismatch::name` when not as expected.
    pub mismatch: Option<&'static str>,
    /// Most live timers at any check.
    pub peak_live: u64,
    /// Most modelled memory at any check, bytes.
    pub peak_memory: u64,
    /// The memory budget in bytes, when the scenario has one.
    pub budget: Option<u64>,
    /// OOM kills, each followed by a restart.
    pub restarts: u32,
    /// Messages handled.
    pub messages: u64,
    /// Timeout branches taken.
    pub timeouts: u64,
    /// Timeouts taken before the full timeout elapsed.
    pub spurious_timeouts: u64,
    /// Idle stretches longer than the timeout without a timeout.
    pub missed_timeouts: u64,
    /// Checks at which live timers exceeded what the program holds.
    pub over_bound_checks: u64,
    /// `TraceHash` of the run, 16 hex digits.
    pub trace_hash: String,
    /// The hash of the second run, with `--check-determinism`.
    pub rerun_hash: Option<String>,
    /// The sampled trace.
    pub samples: Vec<JsonSample>,
    /// Discrete events, in time order.
    pub events: Vec<JsonEvent>,
    /// The per-call-site profile at the check with the most live timers.
    pub sites: Vec<JsonSite>,
}

/// Bytes per live timer of each kind.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct JsonCostModel {
    /// `time.NewTimer`, `time.After`.
    pub channel_timer: u64,
    /// `time.AfterFunc`.
    pub func_timer: u64,
    /// `time.NewTicker`, `time.Tick`.
    pub ticker: u64,
}

/// A verdict: its kind, its printed label and its number.
#[derive(Clone, Debug, Serialize)]
pub struct JsonVerdict {
    /// `bounded`, `leak`, `oom-loop`, `spurious-timeout`, `sim-memory-cap`, `hang`.
    pub kind: &'static str,
    /// As the table prints it: `OOM-LOOP (3 restarts)`.
    pub label: String,
    /// `leak`: excess live timers gained per virtual minute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_minute: Option<u64>,
    /// `oom-loop`: restarts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restarts: Option<u32>,
    /// `spurious-timeout`: spurious timeouts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// `sim-memory-cap`: the cap on live timers that stopped the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<u64>,
    /// `hang`: the task blocked forever, its receive and its timer.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub hang: Option<JsonHang>,
}

/// A task blocked forever on a timer channel nothing can fill: a `hang` verdict's and event's
/// fields.
#[derive(Clone, Debug, Serialize)]
pub struct JsonHang {
    /// The task (goroutine): `batcher`.
    pub task: &'static str,
    /// `file:line:column` of the receive it is blocked in.
    pub receive: String,
    /// `file:line:column` where the channel's timer was created; `null` for a nil channel.
    pub timer: Option<String>,
}

impl JsonHang {
    fn new(h: &Hang) -> JsonHang {
        JsonHang { task: h.task, receive: h.receive.to_string(), timer: h.timer.map(|s| s.to_string()) }
    }
}

/// One trace sample.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct JsonSample {
    /// Virtual time in nanoseconds since the start.
    pub at_ns: i64,
    /// Users started.
    pub users: u32,
    /// Connections held by the server.
    pub connections: u32,
    /// Tasks (goroutines) of the process.
    pub tasks: u32,
    /// Live timers.
    pub live: u64,
    /// Modelled memory, bytes.
    pub memory: u64,
    /// Restarts so far.
    pub restarts: u32,
    /// Timeouts so far.
    pub timeouts: u64,
    /// Spurious timeouts so far.
    pub spurious: u64,
}

/// One trace event: its time, kind, printed text, and the fields of its kind.
#[derive(Clone, Debug, Serialize)]
pub struct JsonEvent {
    /// Virtual time in nanoseconds since the start.
    pub at_ns: i64,
    /// `up`, `oom-kill`, `phase`, `timeout`, `missed-timeout`, `sim-memory-cap`,
    /// `firing-window`, `hang`, `fault-begins`, `fault-ends`, `fault-skipped`.
    pub kind: &'static str,
    /// As the trace prints it.
    pub text: String,
    /// `up`: the process life, 1 for the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub life: Option<u32>,
    /// `oom-kill`: memory at the kill, bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<u64>,
    /// `oom-kill`: the budget, bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<u64>,
    /// `oom-kill`, `sim-memory-cap`: live timers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live: Option<u64>,
    /// `sim-memory-cap`: the cap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<u64>,
    /// `phase`: its name; `fault-begins`, `fault-ends`, `fault-skipped`: the fault (`hold:30s`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `timeout`: how long the select waited, nanoseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waited_ns: Option<i64>,
    /// `timeout`: shorter than the timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spurious: Option<bool>,
    /// `missed-timeout`: how long the consumer was idle, nanoseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_ns: Option<i64>,
    /// `hang`: the task, its receive and its timer.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub hang: Option<JsonHang>,
}

/// One call site of the profile.
#[derive(Clone, Debug, Serialize)]
pub struct JsonSite {
    /// `file:line:column`.
    pub site: String,
    /// The file, relative to the workspace root.
    pub file: String,
    /// The line, 1-based (`null` if `site` has no line).
    pub line: Option<u32>,
    /// The column, 1-based (`null` if `site` has no column).
    pub column: Option<u32>,
    /// The Go constructor: `time.After`, `time.NewTimer`, ...
    pub kind: String,
    /// Live timers from this site at the profile's check.
    pub live: u64,
    /// Most live timers from this site during that life.
    pub peak: u64,
    /// Bytes of the live timers.
    pub bytes: u64,
    /// Timers created at this site during that life.
    pub created: u64,
}

impl JsonReport {
    /// The document for `runs`, made by the command `repro` (a `timerlab ...` line).
    pub fn new(repro: &str, seed: u64, scenario: &str, runs: &[Run]) -> JsonReport {
        let outcome = Conclusion::of(runs);
        JsonReport {
            schema_version: SCHEMA_VERSION,
            timerlab_version: env!("CARGO_PKG_VERSION"),
            seed,
            repro: cargo_command(repro),
            scenario: scenario.to_owned(),
            outcome: outcome.name(),
            exit_code: outcome.exit_code(),
            determinism_checked: !runs.is_empty() && runs.iter().all(|r| r.rerun.is_some()),
            worst_run: worst_run(runs),
            runs: runs.iter().map(JsonRun::new).collect(),
        }
    }
}

impl JsonRun {
    fn new(run: &Run) -> JsonRun {
        let r: &RunReport = &run.report;
        JsonRun {
            scenario: r.scenario.clone(),
            variant: r.variant.clone(),
            semantics: r.semantics.name(),
            behaviour: r.behaviour.line(),
            toolchain: r.behaviour.toolchain.map(|t| t.go_name()),
            go_mod: r.behaviour.go_line.map(|l| l.to_string()),
            stop_race_69312: r.behaviour.stop_race_69312,
            cost_model: JsonCostModel {
                channel_timer: r.behaviour.costs.channel_timer,
                func_timer: r.behaviour.costs.func_timer,
                ticker: r.behaviour.costs.ticker,
            },
            seed: r.seed,
            preset: r.config.preset.name(),
            repro: cargo_command(&r.config.repro_command()),
            params: r.params.iter().cloned().collect(),
            simulated: r.simulated.to_string(),
            simulated_ns: r.simulated.as_nanos(),
            verdict: JsonVerdict::new(r.verdict),
            expected: kind_name(r.expected),
            as_expected: r.as_expected(),
            mismatch: run.mismatch().map(|m| m.name()),
            peak_live: r.peak_live,
            peak_memory: r.peak_memory,
            budget: r.budget,
            restarts: r.restarts,
            messages: r.messages,
            timeouts: r.timeouts,
            spurious_timeouts: r.spurious_timeouts,
            missed_timeouts: r.missed_timeouts,
            over_bound_checks: r.over_bound_checks,
            trace_hash: run.hash.to_string(),
            rerun_hash: run.rerun.map(|h| h.to_string()),
            samples: r.samples.iter().map(JsonSample::new).collect(),
            events: r.events.iter().map(JsonEvent::new).collect(),
            sites: r.sites.iter().map(JsonSite::new).collect(),
        }
    }
}

/// The JSON name of a verdict kind.
pub(crate) const fn kind_name(kind: VerdictKind) -> &'static str {
    match kind {
        VerdictKind::Bounded => "bounded",
        VerdictKind::Leak => "leak",
        VerdictKind::OomLoop => "oom-loop",
        VerdictKind::SpuriousTimeout => "spurious-timeout",
        VerdictKind::SimMemoryCap => "sim-memory-cap",
        VerdictKind::Hang => "hang",
    }
}

impl JsonVerdict {
    fn new(v: RunVerdict) -> JsonVerdict {
        let mut out = JsonVerdict {
            kind: kind_name(v.kind()),
            label: v.to_string(),
            per_minute: None,
            restarts: None,
            count: None,
            cap: None,
            hang: None,
        };
        match v {
            RunVerdict::Bounded => {}
            RunVerdict::Leak { per_minute } => out.per_minute = Some(per_minute),
            RunVerdict::OomLoop { restarts } => out.restarts = Some(restarts),
            RunVerdict::SpuriousTimeout { count } => out.count = Some(count),
            RunVerdict::SimMemoryCap { cap } => out.cap = Some(cap),
            RunVerdict::Hang(hang) => out.hang = Some(JsonHang::new(&hang)),
        }
        out
    }
}

impl JsonSample {
    fn new(s: &Sample) -> JsonSample {
        JsonSample {
            at_ns: s.at.as_nanos(),
            users: s.users,
            connections: s.connections,
            tasks: s.tasks,
            live: s.live,
            memory: s.memory,
            restarts: s.restarts,
            timeouts: s.timeouts,
            spurious: s.spurious,
        }
    }
}

impl JsonEvent {
    fn new(e: &TraceEvent) -> JsonEvent {
        let mut out = JsonEvent {
            at_ns: e.at.as_nanos(),
            kind: "",
            text: e.event.to_string(),
            life: None,
            memory: None,
            budget: None,
            live: None,
            cap: None,
            name: None,
            waited_ns: None,
            spurious: None,
            idle_ns: None,
            hang: None,
        };
        let ns = |d: GoDuration| Some(d.as_nanos());
        match &e.event {
            Event::Up { life } => {
                out.kind = "up";
                out.life = Some(*life);
            }
            Event::OomKill { memory, budget, live } => {
                out.kind = "oom-kill";
                (out.memory, out.budget, out.live) = (Some(*memory), Some(*budget), Some(*live));
            }
            Event::Phase { name } => {
                out.kind = "phase";
                out.name = Some(name.clone());
            }
            Event::Timeout { waited, spurious } => {
                out.kind = "timeout";
                (out.waited_ns, out.spurious) = (ns(*waited), Some(*spurious));
            }
            Event::MissedTimeout { idle } => {
                out.kind = "missed-timeout";
                out.idle_ns = ns(*idle);
            }
            Event::SimMemoryCap { live, cap } => {
                out.kind = "sim-memory-cap";
                (out.live, out.cap) = (Some(*live), Some(*cap));
            }
            Event::FiringWindow => out.kind = "firing-window",
            Event::Hang(hang) => {
                out.kind = "hang";
                out.hang = Some(JsonHang::new(hang));
            }
            Event::Fault { fault, phase } => {
                out.kind = match phase {
                    FaultPhase::Begins => "fault-begins",
                    FaultPhase::Ends => "fault-ends",
                    FaultPhase::Skipped => "fault-skipped",
                };
                out.name = Some(fault.clone());
            }
        }
        out
    }
}

impl JsonSite {
    fn new(s: &SiteProfile) -> JsonSite {
        let SiteLocation { file, line, column } = SiteLocation::parse(&s.site);
        JsonSite {
            site: s.site.clone(),
            file,
            line,
            column,
            kind: s.kind.clone(),
            live: s.live,
            peak: s.peak,
            bytes: s.bytes,
            created: s.created,
        }
    }
}
