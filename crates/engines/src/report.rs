//! What the harness found: [`ConformanceReport`] for one claimed semantics, [`Matrix`] for each
//! of Go's behaviours, each rendered as a table of SEMANTICS.md rows (pass / FAIL / n/a).

use std::fmt::{self, Write};

use gotime::Semantics;

use crate::behaviours::Behaviours;
use crate::corpus::{Corpus, Expected};
use crate::rows::{Evidence, Row, Section, ROWS};

/// The result of a script, or of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Every expected output was printed.
    Pass,
    /// Some expected output was not.
    Fail,
    /// The run could not vouch for its observations (a real-time clock got away).
    Unreliable,
    /// The implementation cannot express it, or nothing checks it.
    NotApplicable,
}

impl Status {
    /// How the tables write it.
    pub const fn label(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "FAIL",
            Status::Unreliable => "unreliable",
            Status::NotApplicable => "n/a",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One comparison of the output with one expected output.
#[derive(Clone, Debug)]
pub struct Check {
    /// What was expected, and from where.
    pub expected: Expected,
    /// Did the output agree?
    pub agrees: bool,
    /// `- expected` / `+ actual` lines; empty when they agree.
    pub diff: String,
}

/// What happened to one script.
#[derive(Clone, Debug)]
pub struct ScriptOutcome {
    /// The path below `scripts/`.
    pub path: String,
    /// Its row, if the mapping has it.
    pub row: Option<&'static Row>,
    /// Its result.
    pub status: Status,
    /// Why it is n/a or unreliable, or how it panicked; empty otherwise.
    pub note: String,
    /// The comparisons made (none when n/a or unreliable).
    pub checks: Vec<Check>,
}

/// What happened to one row: the worst result of its scripts.
#[derive(Clone, Debug)]
pub struct RowOutcome {
    /// The row.
    pub row: &'static Row,
    /// Fail if a script failed, else unreliable if one was, else pass if one passed, else n/a.
    pub status: Status,
    /// Scripts that passed.
    pub passed: usize,
    /// Scripts that could run (pass, fail or unreliable).
    pub applicable: usize,
    /// Why the row is n/a, when it is.
    pub note: String,
}

impl RowOutcome {
    /// The scripts column: `2/3`, or why nothing ran.
    pub fn scripts_cell(&self) -> String {
        if self.applicable > 0 {
            format!("{}/{}", self.passed, self.applicable)
        } else {
            self.note.clone()
        }
    }
}

/// The conformance of one implementation in one claimed semantics.
#[derive(Clone, Debug)]
pub struct ConformanceReport {
    /// The implementation's name.
    pub subject: String,
    /// Its one-line description.
    pub description: String,
    /// The semantics it claimed.
    pub semantics: Semantics,
    /// Every script of the corpus, sorted by path.
    pub scripts: Vec<ScriptOutcome>,
}

impl ConformanceReport {
    /// Every row of [`ROWS`], in order, with its result.
    pub fn rows(&self) -> Vec<RowOutcome> {
        ROWS.iter().map(|row| self.row(row)).collect()
    }

    fn row(&self, row: &'static Row) -> RowOutcome {
        let scripts: Vec<&ScriptOutcome> =
            self.scripts.iter().filter(|s| s.row.is_some_and(|r| std::ptr::eq(r, row))).collect();
        let count = |status| scripts.iter().filter(|s| s.status == status).count();
        let (passed, failed, unreliable) =
            (count(Status::Pass), count(Status::Fail), count(Status::Unreliable));
        let status = if failed > 0 {
            Status::Fail
        } else if unreliable > 0 {
            Status::Unreliable
        } else if passed > 0 {
            Status::Pass
        } else {
            Status::NotApplicable
        };
        let note = match (row.evidence, scripts.first()) {
            (Evidence::Unscripted(_), _) => "no script".to_owned(),
            (_, Some(first)) if status == Status::NotApplicable => first.note.clone(),
            (_, None) => "no script in corpus".to_owned(),
            _ => String::new(),
        };
        RowOutcome { row, status, passed, applicable: passed + failed + unreliable, note }
    }

    /// Scripts that are not under any row of [`ROWS`].
    pub fn unmapped(&self) -> Vec<&ScriptOutcome> {
        self.scripts.iter().filter(|s| s.row.is_none()).collect()
    }

    /// How many scripts had `status`.
    pub fn count(&self, status: Status) -> usize {
        self.scripts.iter().filter(|s| s.status == status).count()
    }

    /// Did every script that could run pass (and did at least one run)?
    pub fn passed(&self) -> bool {
        self.count(Status::Fail) == 0 && self.count(Status::Unreliable) == 0 && self.count(Status::Pass) > 0
    }

    /// The failing and unreliable scripts, each with its diffs and a repro hint.
    pub fn failures(&self) -> String {
        let mut out = String::new();
        for s in &self.scripts {
            match s.status {
                Status::Fail if s.checks.is_empty() => {
                    let _ = writeln!(out, "\nscripts/{}: {}", s.path, s.note);
                }
                Status::Fail => {
                    for check in s.checks.iter().filter(|c| !c.agrees) {
                        let _ = writeln!(
                            out,
                            "\nscripts/{} ({} mode) differs from {} ({}): `-` expected, `+` {}\n{}",
                            s.path,
                            self.semantics,
                            check.expected.file,
                            check.expected.source,
                            self.subject,
                            check.diff
                        );
                    }
                }
                Status::Unreliable => {
                    let _ = writeln!(out, "\nscripts/{}: unreliable: {}", s.path, s.note);
                }
                Status::Pass | Status::NotApplicable => {}
            }
        }
        out
    }

    /// The table alone (what [`fmt::Display`] prints before the failures).
    pub fn table(&self) -> String {
        let rows = self.rows();
        let width = label_width();
        let mut out = String::new();
        let _ = writeln!(out, "conformance of {}: {}", self.subject, self.description);
        let _ = writeln!(out, "claimed semantics: {}\n", self.semantics);
        let _ = writeln!(out, "{:width$}  {:15}  scripts", "row", self.semantics.name());
        for section in Section::ALL {
            let _ = writeln!(out, "{section}");
            for r in rows.iter().filter(|r| r.row.section == section) {
                let _ = writeln!(
                    out,
                    "  {:w$}  {:15}  {}",
                    label(r.row),
                    r.status.label(),
                    r.scripts_cell(),
                    w = width - 2
                );
            }
        }
        for s in self.unmapped() {
            let _ = writeln!(out, "  {:w$}  {:15}  (in no row)", s.path, s.status.label(), w = width - 2);
        }
        let rows_with = |st| rows.iter().filter(|r| r.status == st).count();
        let _ = writeln!(
            out,
            "\nrows: {} pass, {} fail, {} unreliable, {} n/a; scripts: {} pass, {} fail, {} unreliable, {} n/a",
            rows_with(Status::Pass),
            rows_with(Status::Fail),
            rows_with(Status::Unreliable),
            rows_with(Status::NotApplicable),
            self.count(Status::Pass),
            self.count(Status::Fail),
            self.count(Status::Unreliable),
            self.count(Status::NotApplicable),
        );
        out
    }
}

impl fmt::Display for ConformanceReport {
    /// The table, then every failure with its diff.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.table())?;
        f.write_str(&self.failures())
    }
}

/// A row's label: its situation and the Go issues behind it.
fn label(row: &Row) -> String {
    if row.go.is_empty() {
        row.situation.to_owned()
    } else {
        format!("{} ({})", row.situation, row.go)
    }
}

fn label_width() -> usize {
    ROWS.iter().map(|r| label(r).chars().count() + 2).max().unwrap_or(0).max(Section::ALL.len())
}

/// Which of Go's behaviours an implementation matches on a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// It passes claiming exactly these behaviours (never empty) and fails claiming the others.
    Matches(Behaviours),
    /// It fails claiming every behaviour.
    NoBehaviour,
    /// A run was unreliable.
    Unreliable,
    /// Nothing could be checked.
    NotApplicable,
}

impl Verdict {
    /// The verdict from the row's status claiming each of [`Semantics::ALL`], in that order.
    pub fn of(statuses: &[Status]) -> Verdict {
        if statuses.contains(&Status::Unreliable) {
            return Verdict::Unreliable;
        }
        if statuses.is_empty() || statuses.contains(&Status::NotApplicable) {
            return Verdict::NotApplicable;
        }
        let passed: Vec<Semantics> = Semantics::ALL
            .into_iter()
            .zip(statuses)
            .filter(|&(_, &s)| s == Status::Pass)
            .map(|(s, _)| s)
            .collect();
        match Behaviours::of(&passed) {
            set if set.is_empty() => Verdict::NoBehaviour,
            set => Verdict::Matches(set),
        }
    }

    /// How the tables write it: `all`, `async+async-collected`, `sync`, `NONE`, ...
    pub fn label(self) -> String {
        match self {
            Verdict::Matches(set) => set.to_string(),
            Verdict::NoBehaviour => "NONE".to_owned(),
            Verdict::Unreliable => "unreliable".to_owned(),
            Verdict::NotApplicable => "n/a".to_owned(),
        }
    }
}

/// The conformance of one implementation claiming each of Go's behaviours in turn.
#[derive(Clone, Debug)]
pub struct Matrix {
    /// One report per claim, in [`Semantics::ALL`] order.
    pub reports: Vec<ConformanceReport>,
}

/// One row of a [`Matrix`].
#[derive(Clone, Debug)]
pub struct MatrixRow {
    /// The row.
    pub row: &'static Row,
    /// Its outcome claiming each behaviour, in [`Semantics::ALL`] order.
    pub outcomes: Vec<RowOutcome>,
    /// Which behaviours it matches.
    pub verdict: Verdict,
}

impl MatrixRow {
    /// The outcome claiming `semantics`.
    pub fn outcome(&self, semantics: Semantics) -> &RowOutcome {
        let index = Semantics::ALL.iter().position(|&s| s == semantics).expect("in Semantics::ALL");
        &self.outcomes[index]
    }
}

impl Matrix {
    /// The report claiming `semantics`.
    ///
    /// # Panics
    ///
    /// When the matrix has no such report (it has one for each of [`Semantics::ALL`]).
    pub fn report(&self, semantics: Semantics) -> &ConformanceReport {
        self.reports.iter().find(|r| r.semantics == semantics).expect("a report per behaviour")
    }

    /// The implementation's name.
    pub fn subject(&self) -> &str {
        self.reports.first().map_or("", |r| r.subject.as_str())
    }

    /// Did it pass every applicable row claiming at least one behaviour?
    pub fn passed_in_some_behaviour(&self) -> bool {
        self.reports.iter().any(ConformanceReport::passed)
    }

    /// Every row with its result in each claim and the verdict.
    pub fn rows(&self) -> Vec<MatrixRow> {
        let per_claim: Vec<Vec<RowOutcome>> = self.reports.iter().map(ConformanceReport::rows).collect();
        ROWS.iter()
            .enumerate()
            .map(|(i, row)| {
                let outcomes: Vec<RowOutcome> = per_claim.iter().map(|rows| rows[i].clone()).collect();
                let statuses: Vec<Status> = outcomes.iter().map(|o| o.status).collect();
                MatrixRow { row, verdict: Verdict::of(&statuses), outcomes }
            })
            .collect()
    }

    /// How many rows have each verdict, in [`Verdict`] order.
    pub fn verdict_counts(&self) -> Vec<(Verdict, usize)> {
        let mut counts = std::collections::BTreeMap::new();
        for r in self.rows() {
            *counts.entry(r.verdict).or_insert(0) += 1;
        }
        counts.into_iter().collect()
    }

    /// The one-line summary: `all 20, async+async-collected 6, async 2, NONE 3, n/a 14`.
    pub fn summary(&self) -> String {
        let parts: Vec<String> =
            self.verdict_counts().into_iter().map(|(v, n)| format!("{} {n}", v.label())).collect();
        parts.join(", ")
    }

    /// The matrix as a Markdown table, for docs/ENGINES.md.
    pub fn markdown(&self) -> String {
        let mut out = String::from("| row |");
        let mut rule = String::from("|---|");
        for report in &self.reports {
            let _ = write!(out, " {} |", report.semantics);
            rule.push_str("---|");
        }
        let _ = writeln!(out, " matches |\n{rule}---|");
        let rows = self.rows();
        for section in Section::ALL {
            let _ = writeln!(out, "| **{section}** |{}", " |".repeat(self.reports.len() + 1));
            for r in rows.iter().filter(|r| r.row.section == section) {
                let _ = write!(out, "| {} |", label(r.row).replace('|', "\\|"));
                for outcome in &r.outcomes {
                    let _ = write!(out, " {} |", cell(outcome));
                }
                let _ = writeln!(out, " {} |", r.verdict.label());
            }
        }
        let _ = writeln!(out, "\nrows by verdict: {}", self.summary());
        out
    }
}

/// One Markdown table of every row: whether Go's behaviours differ on it (from the corpus), and
/// for each matrix which behaviours the implementation matches there — the table of
/// docs/ENGINES.md.
pub fn verdict_table(corpus: &Corpus, matrices: &[&Matrix]) -> String {
    let mut out = String::from("| row | Go's behaviours |");
    let mut rule = String::from("|---|---|");
    for m in matrices {
        let _ = write!(out, " {} |", m.subject());
        rule.push_str("---|");
    }
    let _ = writeln!(out, "\n{rule}");
    let per_matrix: Vec<Vec<MatrixRow>> = matrices.iter().map(|m| m.rows()).collect();
    for section in Section::ALL {
        let _ = writeln!(out, "| **{section}** |{}", " |".repeat(matrices.len() + 1));
        for (i, row) in ROWS.iter().enumerate().filter(|(_, r)| r.section == section) {
            let modes = match corpus.modes_differ(row) {
                Some(true) => "differ",
                Some(false) => "agree",
                None => "—",
            };
            let _ = write!(out, "| {} | {modes} |", label(row).replace('|', "\\|"));
            for rows in &per_matrix {
                let _ = write!(out, " {} |", rows[i].verdict.label());
            }
            out.push('\n');
        }
    }
    out
}

fn cell(outcome: &RowOutcome) -> String {
    match outcome.status {
        Status::NotApplicable => format!("n/a: {}", outcome.note),
        status => format!("{} {}/{}", status.label(), outcome.passed, outcome.applicable),
    }
}

impl fmt::Display for Matrix {
    /// A fixed-column table: row, one column per claimed behaviour, matches.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(first) = self.reports.first() else { return Ok(()) };
        writeln!(f, "conformance of {}: {}\n", first.subject, first.description)?;
        let width = label_width();
        write!(f, "{:width$}", "row")?;
        for report in &self.reports {
            write!(f, "  {:15}", report.semantics.name())?;
        }
        writeln!(f, "  matches")?;
        let rows = self.rows();
        for section in Section::ALL {
            writeln!(f, "{section}")?;
            for r in rows.iter().filter(|r| r.row.section == section) {
                let short = |o: &RowOutcome| match o.status {
                    Status::NotApplicable => "n/a".to_owned(),
                    s => format!("{} {}/{}", s.label(), o.passed, o.applicable),
                };
                let note = match r.verdict {
                    Verdict::NotApplicable => {
                        let first = r.outcomes.iter().find(|o| o.status == Status::NotApplicable);
                        format!("  ({})", first.map_or("", |o| o.note.as_str()))
                    }
                    _ => String::new(),
                };
                write!(f, "  {:w$}", label(r.row), w = width - 2)?;
                for outcome in &r.outcomes {
                    write!(f, "  {:15}", short(outcome))?;
                }
                writeln!(f, "  {}{note}", r.verdict.label())?;
            }
        }
        writeln!(f, "\nrows by verdict: {}", self.summary())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_names_the_behaviours_that_passed() {
        use Status::*;
        let matches = |s: &[Semantics]| Verdict::Matches(Behaviours::of(s));
        assert_eq!(Verdict::of(&[Pass, Pass, Pass]), Verdict::Matches(Behaviours::ALL));
        assert_eq!(Verdict::of(&[Pass, Pass, Fail]), matches(&[Semantics::Async, Semantics::AsyncCollected]));
        assert_eq!(Verdict::of(&[Pass, Fail, Fail]), matches(&[Semantics::Async]));
        assert_eq!(Verdict::of(&[Fail, Pass, Pass]), matches(&[Semantics::AsyncCollected, Semantics::Sync]));
        assert_eq!(Verdict::of(&[Fail, Fail, Pass]), matches(&[Semantics::Sync]));
        assert_eq!(Verdict::of(&[Fail, Fail, Fail]), Verdict::NoBehaviour);
        assert_eq!(Verdict::of(&[Unreliable, Pass, Pass]), Verdict::Unreliable);
        assert_eq!(Verdict::of(&[NotApplicable, NotApplicable, NotApplicable]), Verdict::NotApplicable);
        assert_eq!(matches(&[Semantics::Async, Semantics::AsyncCollected]).label(), "async+async-collected");
        assert_eq!(Verdict::NoBehaviour.label(), "NONE");
    }
}
