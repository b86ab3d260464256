//! The report of `timerlab run` and `timerlab sweep`: the comparison table, the per-call-site profile, the JSON
//! document, the SVG chart, the pprof heap profiles and the exit status — built from [`RunReport`](timerlab_sim::RunReport)s only, so the CLI is a
//! thin layer and every rendering is testable without a terminal (docs/CLI.md).
//!
//! | module | concept |
//! |---|---|
//! | `units.rs` | bytes and percentages as the report prints them |
//! | [`TraceHash`] (`hash.rs`) | a stable hash of everything a run produced, for `--check-determinism` |
//! | [`Mismatch`] (`mismatch.rs`) | how a verdict differs from the expected one |
//! | [`Run`] (`run.rs`) | one finished run: its report and trace hash(es) |
//! | [`Conclusion`] (`conclusion.rs`) | every run as expected, or the most serious failure; the exit code |
//! | [`cargo_command`] (`repro.rs`) | a `timerlab ...` line as the command that replays it from a checkout |
//! | [`render_table`] (`table.rs`) | variant × behaviour: peaks, restarts, spurious timeouts, verdicts |
//! | [`render_profile`], [`worst_run`] (`profile.rs`) | the `go tool pprof -top` of the worst run |
//! | [`render_list`] (`list.rs`) | `timerlab list`: scenarios, variants, expected verdicts, parameters |
//! | [`JsonReport`] (`json.rs`) | `report.json`, schema version [`SCHEMA_VERSION`] |
//! | [`render_svg`] (`svg.rs`) | `timers.svg`: live timers and memory over virtual time |
//! | `site.rs` | a call site's `file:line:column`, taken apart |
//! | [`pprof`] (`pprof/`) | `--pprof`: gzipped `profile.proto` heap profiles for `go tool pprof` |
//! | [`sweep`] (`sweep/`) | `timerlab sweep`: its summary, invariants, result file and the merge of shards |

mod conclusion;
#[cfg(test)]
mod fixtures;
mod hash;
mod json;
mod list;
mod mismatch;
pub mod pprof;
mod profile;
mod repro;
mod run;
mod site;
mod svg;
pub mod sweep;
mod table;
mod units;

pub use conclusion::Conclusion;
pub use hash::TraceHash;
pub use json::{
    JsonCostModel, JsonEvent, JsonHang, JsonReport, JsonRun, JsonSample, JsonSite, JsonVerdict,
    SCHEMA_VERSION,
};
pub use list::render_list;
pub use mismatch::Mismatch;
pub use profile::{render_profile, worst_run};
pub use repro::cargo_command;
pub use run::Run;
pub use svg::{render_svg, SvgError};
pub use table::render_table;
pub use units::bytes;
