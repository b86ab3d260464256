//! [`SweepResult`]: the result file of `timerlab sweep --json FILE` — the plan, which shard, the
//! invariants, every run's record and the exit status — and what `--merge` reads back.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::invariant::{Invariant, InvariantRule};
use super::plan::SweepPlan;
use super::record::SweepRun;
use super::shard::Shard;

/// The value of [`SweepResult::schema`]: what the file is.
pub const SWEEP_SCHEMA: &str = "timerlab-sweep";

/// The version of the result file's schema; raised on any change that is not a new field.
pub const SWEEP_SCHEMA_VERSION: u32 = 1;

/// The exit code of a sweep in which a run broke an invariant.
pub const SWEEP_FAILED: u8 = 1;

/// The whole result file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepResult {
    /// [`SWEEP_SCHEMA`].
    pub schema: String,
    /// [`SWEEP_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The version of timerlab that ran the sweep.
    pub timerlab_version: String,
    /// What the whole sweep runs: equal in every shard of it.
    pub sweep: SweepPlan,
    /// Which of its runs this file holds.
    pub shard: ShardRuns,
    /// What every run was held to.
    pub invariants: Vec<InvariantRule>,
    /// The counts and the exit status, of this file's runs.
    pub outcome: SweepOutcome,
    /// This file's runs, in the sweep's order.
    pub runs: Vec<SweepRun>,
}

/// A shard and its runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardRuns {
    /// K of `--shard K/N` (1 for a whole sweep).
    pub index: u64,
    /// N of `--shard K/N` (1 for a whole sweep).
    pub count: u64,
    /// Its runs, `start..end` in the sweep's order ([`Shard::runs`]).
    pub runs: Range<u64>,
}

impl ShardRuns {
    /// The shard of `--shard K/N`.
    pub fn shard(&self) -> Shard {
        Shard { index: self.index, count: self.count }
    }
}

/// What the runs of a result file add up to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepOutcome {
    /// Runs in the file.
    pub runs: u64,
    /// Runs that held every invariant.
    pub passed: u64,
    /// Runs that broke at least one.
    pub failed: u64,
    /// 0, or [`SWEEP_FAILED`] when a run failed.
    pub exit_code: u8,
}

impl SweepOutcome {
    fn of(runs: &[SweepRun]) -> SweepOutcome {
        let failed = runs.iter().filter(|r| !r.holds()).count() as u64;
        SweepOutcome {
            runs: runs.len() as u64,
            passed: runs.len() as u64 - failed,
            failed,
            exit_code: if failed == 0 { 0 } else { SWEEP_FAILED },
        }
    }
}

impl SweepResult {
    /// The result of `shard` of `plan`, whose runs are `runs` in any order (sorted here by their
    /// index, so that the file does not depend on which thread finished first).
    pub fn new(plan: SweepPlan, shard: Shard, mut runs: Vec<SweepRun>) -> SweepResult {
        runs.sort_by_key(|r| r.index);
        let range = shard.runs(plan.runs);
        SweepResult {
            schema: SWEEP_SCHEMA.to_owned(),
            schema_version: SWEEP_SCHEMA_VERSION,
            timerlab_version: env!("CARGO_PKG_VERSION").to_owned(),
            sweep: plan,
            shard: ShardRuns { index: shard.index, count: shard.count, runs: range },
            invariants: Invariant::ALL.iter().map(|i| i.as_rule()).collect(),
            outcome: SweepOutcome::of(&runs),
            runs,
        }
    }

    /// The file's text: pretty JSON and a final newline, the same bytes for the same result.
    pub fn to_json(&self) -> String {
        // Plain structs, strings and numbers serialize into memory without failing.
        serde_json::to_string_pretty(self).expect("a sweep result serializes") + "\n"
    }

    /// A result file read back.
    ///
    /// # Errors
    ///
    /// One line: not JSON, not a sweep result, another schema version, or a field missing or of
    /// the wrong type (serde's words, with line and column).
    pub fn from_json(text: &str) -> Result<SweepResult, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        if value.get("schema").and_then(|s| s.as_str()) != Some(SWEEP_SCHEMA) {
            return Err(format!("not a sweep result file (no \"schema\": \"{SWEEP_SCHEMA}\")"));
        }
        match value.get("schema_version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(SWEEP_SCHEMA_VERSION) => {}
            other => {
                return Err(format!(
                    "sweep result schema version {}, but this timerlab reads version {SWEEP_SCHEMA_VERSION}",
                    other.map_or_else(|| "missing".to_owned(), |v| v.to_string())
                ))
            }
        }
        serde_json::from_str(text).map_err(|e| format!("not a valid sweep result: {e}"))
    }

    /// The exit code of the command that printed this result.
    pub fn exit_code(&self) -> u8 {
        self.outcome.exit_code
    }
}

#[cfg(test)]
mod tests {
    use timerlab_sim::VerdictKind;

    use super::*;
    use crate::sweep::fixtures::{plan, record, shard_runs, unexpected};

    /// The result file of `shard` of `plan`, every run as expected.
    fn shard_result(plan: &SweepPlan, shard: Shard) -> SweepResult {
        SweepResult::new(plan.clone(), shard, shard_runs(plan, shard))
    }

    #[test]
    fn a_result_file_reads_back_as_the_result_it_was() {
        let result = shard_result(&plan("3..5"), Shard { index: 2, count: 3 });
        assert_eq!(SweepResult::from_json(&result.to_json()), Ok(result));
    }

    #[test]
    fn records_are_kept_in_plan_order_whatever_order_they_finished_in() {
        let plan = plan("0..2");
        let mut runs: Vec<SweepRun> = (0..plan.runs).map(|i| record(&plan, i)).collect();
        runs.reverse();
        let result = SweepResult::new(plan.clone(), Shard::WHOLE, runs);
        assert_eq!(result.to_json(), shard_result(&plan, Shard::WHOLE).to_json());
    }

    #[test]
    fn the_outcome_counts_failed_runs_and_exits_1_on_any() {
        let plan = plan("0..2");
        let clean = shard_result(&plan, Shard::WHOLE);
        assert_eq!(clean.outcome, SweepOutcome { runs: 8, passed: 8, failed: 0, exit_code: 0 });
        let mut runs = clean.runs;
        runs[3] = unexpected(record(&plan, 3), VerdictKind::OomLoop, "OOM-LOOP (2 restarts)");
        let failing = SweepResult::new(plan, Shard::WHOLE, runs);
        assert_eq!(failing.outcome, SweepOutcome { runs: 8, passed: 7, failed: 1, exit_code: SWEEP_FAILED });
        assert_eq!(failing.exit_code(), 1);
    }

    #[test]
    fn other_files_are_refused_in_one_line() {
        assert!(SweepResult::from_json("{").unwrap_err().starts_with("not JSON: "));
        assert_eq!(
            SweepResult::from_json(r#"{"schema": "timerlab-report"}"#),
            Err("not a sweep result file (no \"schema\": \"timerlab-sweep\")".into())
        );
        assert_eq!(
            SweepResult::from_json(r#"{"schema": "timerlab-sweep", "schema_version": 2}"#),
            Err("sweep result schema version 2, but this timerlab reads version 1".into())
        );
        let missing =
            SweepResult::from_json(r#"{"schema": "timerlab-sweep", "schema_version": 1}"#).unwrap_err();
        assert!(missing.starts_with("not a valid sweep result: missing field"), "{missing}");
        assert!(!missing.contains('\n'));
    }
}
