//! [`Run`]: one finished run as the report sees it — the scenario's report and its trace hash(es).

use timerlab_sim::RunReport;

use crate::hash::TraceHash;
use crate::mismatch::Mismatch;

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

    /// `s1/leaky/async`, or `s1/leaky/async@go1.26.6/go1.22` for a Go program (its toolchain
    /// and its `go.mod` go line): how tables and messages name the run.
    pub fn label(&self) -> String {
        let r = &self.report;
        let release = self.release().map(|r| format!("@{r}")).unwrap_or_default();
        format!("{}/{}/{}{release}", r.scenario, r.variant, r.semantics.name())
    }

    /// `go1.26.6/go1.22`: the toolchain and `go.mod` go line of a run of a Go program; `None`
    /// for a semantics named directly.
    pub fn release(&self) -> Option<String> {
        let b = &self.report.behaviour;
        let toolchain = b.toolchain?.go_name();
        Some(match b.go_line {
            Some(line) => format!("{toolchain}/go{line}"),
            None => toolchain,
        })
    }
}
