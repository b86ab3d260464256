//! The result of a lint run: findings, what the toolchain says of the modules' settings, files
//! that could not be linted, the behaviours used, and the exit status they add up to.

use gotime::release::GoVersion;
use gotime::Semantics;

use crate::choice::Choice;
use crate::rules::registry::{Level, Rule};
use crate::syntax::Position;

/// One finding: a rule matched, under the semantics in force for its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The file, as displayed (the path given, or found under a directory given).
    pub path: String,
    /// Where the finding points.
    pub start: Position,
    /// Where the code it points at ends.
    pub end: Position,
    /// The rule.
    pub rule: Rule,
    /// Error or note, under `semantics`.
    pub level: Level,
    /// The semantics the file was checked under.
    pub semantics: Semantics,
    /// The toolchain it was judged for; `None` under `--semantics`.
    pub toolchain: Option<GoVersion>,
    /// One line: what is wrong, why, and the fix.
    pub message: String,
    /// Other places the message refers to.
    pub related: Vec<Related>,
    /// The `timerlab` command whose simulation shows what this finding means: the rule's
    /// ([`Rule::demo`]), or one closer to the finding's own shape.
    pub demo: &'static str,
}

impl Finding {
    /// The `timerlab` command whose simulation shows what this finding means.
    pub fn demo(&self) -> &'static str {
        self.demo
    }
}

/// A place a finding refers to besides its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// Where it starts.
    pub start: Position,
    /// Where it ends.
    pub end: Position,
    /// What it is: "the loop that starts it again".
    pub message: String,
}

/// A path that could not be linted (missing, unreadable), or a parse error that cost a
/// declaration or a whole file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The path, as displayed.
    pub path: String,
    /// One line: `cannot read: ...`, `parse error at 3:7: unexpected "}"; skipped lines 3-9`.
    pub message: String,
}

/// What the toolchain does with a setting of a module: refuses to build (or start) the program —
/// an error carrying Go's own message — or ignores it (a note).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The `go.mod`, `go.work` or `.go` file holding the setting, as displayed, or the flag
    /// (`--godebug`).
    pub path: String,
    /// Its 1-based line; 0 for a flag.
    pub line: usize,
    /// Error: Go refuses the program; note: Go ignores the setting.
    pub level: Level,
    /// The toolchain that does so.
    pub toolchain: GoVersion,
    /// For an error, Go's message, verbatim on one line; for a note, what Go does instead.
    pub message: String,
}

/// Detections of one rule that the behaviour in force made silent, though the other behaviour
/// reports them: what a module's `go` line, settings or toolchain hide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Silenced {
    /// The rule.
    pub rule: Rule,
    /// The behaviour in force, under which the rule said nothing.
    pub semantics: Semantics,
    /// The toolchain those files were judged for; `None` under `--semantics`.
    pub toolchain: Option<GoVersion>,
    /// How many.
    pub count: usize,
}

/// The files judged under one behaviour, toolchain and reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SemanticsUse {
    /// The behaviour, the toolchain and why.
    pub choice: Choice,
    /// How many files.
    pub files: usize,
    /// The files, as displayed, in walk order.
    pub paths: Vec<String>,
}

/// Everything a lint run found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Files checked: read, and parsed unless they could not hold a finding.
    pub files: usize,
    /// Of those, the files parsed (all of them with `parse_all`).
    pub parsed: usize,
    /// Findings, by file (in the order files were given and walked), then position.
    pub findings: Vec<Finding>,
    /// What the toolchains say of the modules' settings, by path and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Paths that could not be linted (missing, unreadable), in the same order.
    pub problems: Vec<Problem>,
    /// Parse errors: declarations skipped, or files with nothing to lint; in the same order.
    pub warnings: Vec<Problem>,
    /// Detections silent under the behaviour in force, per rule and toolchain.
    pub silenced: Vec<Silenced>,
    /// The behaviours used, in order of first use.
    pub semantics: Vec<SemanticsUse>,
}

/// The exit status of a lint run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// 0: no error-level finding or diagnostic, every path linted.
    Clean,
    /// 1: at least one error-level finding, or a setting the toolchain refuses.
    Errors,
    /// 2: some path could not be read (missing, unreadable); wins over 1. Parse errors are
    /// warnings: they do not change the status.
    BadInput,
}

impl Status {
    /// The process exit code: 0, 1 or 2.
    pub fn code(self) -> u8 {
        match self {
            Status::Clean => 0,
            Status::Errors => 1,
            Status::BadInput => 2,
        }
    }
}

impl From<Status> for std::process::ExitCode {
    fn from(status: Status) -> std::process::ExitCode {
        std::process::ExitCode::from(status.code())
    }
}

impl Report {
    /// How many findings and diagnostics have `level`.
    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
            + self.diagnostics.iter().filter(|d| d.level == level).count()
    }

    /// The exit status: bad input first, then errors.
    pub fn status(&self) -> Status {
        if !self.problems.is_empty() {
            Status::BadInput
        } else if self.count(Level::Error) > 0 {
            Status::Errors
        } else {
            Status::Clean
        }
    }
}
