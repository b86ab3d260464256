//! The report of `timerlab run`: the comparison table, the per-call-site profile, the JSON
//! document, the SVG chart and the exit status — built from [`RunReport`]s only, so the CLI is a
//! thin layer and every rendering is testable without a terminal (docs/CLI.md).
//!
//! | module | concept |
//! |---|---|
//! | [`Run`] (`mod.rs`) | one finished run: its report and trace hash(es) |
//! | [`TraceHash`] (`hash.rs`) | a stable hash of everything a run produced, for `--check-determinism` |
//! | [`Mismatch`], [`Outcome`] (`outcome.rs`) | how a verdict differs from the expected one; the exit status |
//! | [`render_table`] (`table.rs`) | variant × semantics: peaks, restarts, spurious timeouts, verdicts |
//! | [`render_profile`], [`worst_run`] (`profile.rs`) | the `go tool pprof -top` of the worst run |
//! | [`render_list`] (`list.rs`) | `timerlab list`: scenarios, variants, expected verdicts, parameters |
//! | [`JsonReport`] (`json.rs`) | `report.json`, schema version [`SCHEMA_VERSION`] |
//! | [`render_svg`] (`svg.rs`) | `timers.svg`: live timers and memory over virtual time |
//! | `units.rs` | bytes and percentages as the report prints them |

mod hash;
mod json;
mod list;
mod outcome;
mod profile;
mod svg;
mod table;
mod units;

pub use hash::TraceHash;
pub use json::{JsonEvent, JsonReport, JsonRun, JsonSample, JsonSite, JsonVerdict, SCHEMA_VERSION};
pub use list::render_list;
pub use outcome::{Mismatch, Outcome};
pub use profile::{render_profile, worst_run};
pub use svg::{render_svg, SvgError};
pub use table::render_table;
pub use units::bytes;

use crate::run::RunReport;

/// One finished run as the report sees it: the scenario's [`RunReport`], the hash of its trace,
/// and — with `--check-determinism` — the hash of a second run of the same config.
#[derive(Clone, Debug)]
pub struct Run {
    /// What the run produced.
    pub report: RunReport,
    /// [`TraceHash::of`] the report.
    pub hash: TraceHash,
    /// The hash of the second run of the same config, when determinism was checked.
    pub rerun: Option<TraceHash>,
}

impl Run {
    /// A run whose determinism was not checked.
    pub fn new(report: RunReport) -> Run {
        let hash = TraceHash::of(&report);
        Run { report, hash, rerun: None }
    }

    /// How the verdict differs from the expected one, if it does.
    pub fn mismatch(&self) -> Option<Mismatch> {
        Mismatch::of(&self.report)
    }

    /// `true` when a second run of the same config produced a different trace.
    pub fn nondeterministic(&self) -> bool {
        self.rerun.is_some_and(|h| h != self.hash)
    }

    /// `s1/leaky/async`: how tables and messages name the run.
    pub fn label(&self) -> String {
        let r = &self.report;
        format!("{}/{}/{}", r.scenario, r.variant, r.semantics.name())
    }
}

/// The command that replays `command` (a `timerlab ...` line) from a checkout:
/// `cargo run --release -p timerlab -- ...`.
pub fn cargo_command(command: &str) -> String {
    let args = command.strip_prefix("timerlab ").unwrap_or(command);
    format!("cargo run --release -p timerlab -- {args}")
}
