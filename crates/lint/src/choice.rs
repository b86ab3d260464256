//! [`Choice`]: the timer behaviour a file is judged under, the toolchain, and the [`Reason`] —
//! what decided `asynctimerchan` for the program the file belongs to.

use std::fmt;

use gotime::release::ASYNCTIMERCHAN;
use gotime::Semantics;

use crate::toolchain::Toolchain;

/// What decided the behaviour of a file, in Go's order of precedence (`gotime::release`,
/// `godebug.rs`): the environment, then `//go:debug`, then the main module's `godebug`, then the
/// defaults of its `go` line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// `--semantics` on the command line: no toolchain is consulted.
    Flag,
    /// `--godebug asynctimerchan=…`, as the `GODEBUG` environment variable sets it.
    Environment,
    /// A `//go:debug asynctimerchan=…` line in this file (displayed path).
    Directive(String),
    /// A `godebug asynctimerchan=…` setting in this `go.mod` or `go.work`.
    Godebug(String),
    /// A `default=goX.Y` setting in this file (`go.mod`, `go.work` or a `//go:debug` line):
    /// the defaults of that Go version.
    DefaultSetting {
        /// Where it is.
        path: String,
        /// The value (`go1.22`).
        version: String,
    },
    /// The defaults of the `go` line of this `go.mod` or `go.work`: (path, version).
    GoLine(String, String),
    /// This `go.mod` has no usable `go` line: the go command reads it as `go 1.16`.
    NoGoLine(String),
    /// The `go` line of this `go.mod` was left out (newer than the toolchain): the toolchain's
    /// own version's defaults.
    GoLineLeftOut(String),
    /// No `go.mod`: the defaults of the toolchain's own version.
    NoGoMod,
    /// The toolchain removed `asynctimerchan` (Go 1.27): channels are always sync.
    Removed,
    /// The toolchain predates `asynctimerchan` (Go 1.22 and older): channels are always async.
    NotASetting,
}

/// The behaviour a file is judged under, and why.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Choice {
    /// The behaviour.
    pub semantics: Semantics,
    /// The toolchain; `None` under `--semantics`.
    pub toolchain: Option<Toolchain>,
    /// What decided it.
    pub reason: Reason,
}

impl Choice {
    /// The choice `--semantics` makes.
    pub(crate) fn flag(semantics: Semantics) -> Choice {
        Choice { semantics, toolchain: None, reason: Reason::Flag }
    }
}

impl fmt::Display for Choice {
    /// `go1.26.6 (toolchain line of m/go.mod): go 1.22 in m/go.mod, default asynctimerchan=1 →
    /// async`, or `--semantics sync`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(toolchain) = &self.toolchain else {
            return write!(f, "--semantics {}", self.semantics);
        };
        let value = self.semantics.asynctimerchan();
        write!(f, "{toolchain}: ")?;
        match &self.reason {
            Reason::Flag => write!(f, "--semantics")?,
            Reason::Environment => write!(f, "--godebug asynctimerchan={value}")?,
            Reason::Directive(file) => write!(f, "//go:debug asynctimerchan={value} in {file}")?,
            Reason::Godebug(file) => write!(f, "godebug asynctimerchan={value} in {file}")?,
            Reason::DefaultSetting { path, version } => {
                write!(f, "default={version} in {path}, default asynctimerchan={value}")?
            }
            Reason::GoLine(file, version) => {
                write!(f, "go {version} in {file}, default asynctimerchan={value}")?
            }
            Reason::NoGoLine(file) => {
                write!(f, "{file} has no go line (read as go 1.16), default asynctimerchan={value}")?
            }
            Reason::GoLineLeftOut(file) => write!(
                f,
                "the go line of {file} left out, default asynctimerchan={value} of {}",
                toolchain.version.go_name()
            )?,
            Reason::NoGoMod => {
                write!(f, "no go.mod, default asynctimerchan={value} of {}", toolchain.version.go_name())?
            }
            Reason::Removed => write!(f, "asynctimerchan removed in go1.{}", ASYNCTIMERCHAN.removed)?,
            Reason::NotASetting => write!(f, "no asynctimerchan before go1.{}", ASYNCTIMERCHAN.introduced)?,
        }
        write!(f, " → {}", self.semantics)
    }
}
