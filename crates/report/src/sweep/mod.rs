//! `timerlab sweep`: many runs of one scenario — seeds × variants × behaviours — reduced to a
//! summary, an exit status and a result file that shards of the same sweep merge from
//! (docs/CLI.md, "timerlab sweep"; docs/SCENARIOS.md, "Sweeps").
//!
//! | module | concept |
//! |---|---|
//! | [`SeedRange`] (`seeds.rs`) | `--seeds A..B` |
//! | [`Shard`] (`shard.rs`) | `--shard K/N`: the K-th of N contiguous blocks of the runs, and why blocks |
//! | [`SweepPlan`] (`plan.rs`) | what a sweep runs, and the order of its runs |
//! | [`Invariant`] (`invariant.rs`) | what every run is held to, and how a run broke it ([`Breach`]) |
//! | [`SweepRun`] (`record.rs`) | what a sweep keeps of one run |
//! | [`SweepResult`] (`result.rs`) | the result file of `--json FILE`: plan, shard, runs, exit status |
//! | [`merge`] (`merge.rs`) | shards back into the whole sweep, or a one-line refusal |
//! | [`render_sweep_summary`] (`summary.rs`) | the text: header, table, failed runs, worst runs, result |

#[cfg(test)]
mod fixtures;
mod invariant;
mod merge;
mod plan;
mod record;
mod result;
mod seeds;
mod shard;
mod summary;

pub use invariant::{breaches, Breach, Invariant, InvariantRule};
pub use merge::{merge, MergeError, NamedResult};
pub use plan::{Cell, Difference, SweepPlan, TooManyRuns, MAX_RUNS};
pub use record::{KindName, SweepRun};
pub use result::{ShardRuns, SweepOutcome, SweepResult, SWEEP_FAILED, SWEEP_SCHEMA, SWEEP_SCHEMA_VERSION};
pub use seeds::{SeedRange, SeedRangeError};
pub use shard::{Shard, ShardError};
pub use summary::{render_sweep_header, render_sweep_report, render_sweep_summary};
