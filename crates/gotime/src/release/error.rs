//! [`ResolveError`]: why a Go program's timer behaviour could not be resolved — bad input, or
//! Go's own refusal of the program.

use std::fmt;

use super::source::Source;
use super::version::{GoVersion, ParseGoVersionError};

/// Why [`super::GoProgram::resolve`] gave no [`super::Resolution`]. Every message is one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    /// A version that does not parse; `what` names the input (`toolchain`, `go.mod go line`).
    Version {
        /// Which input.
        what: &'static str,
        /// Why it does not parse.
        error: ParseGoVersionError,
    },
    /// A toolchain named by its language version (`1.23`), where the behaviour depends on the
    /// patch release.
    NotARelease(GoVersion),
    /// A toolchain newer than every release timerlab has a rule for.
    UnknownRelease {
        /// The toolchain asked for.
        toolchain: GoVersion,
        /// The newest release series timerlab knows (`1.27`).
        newest: GoVersion,
    },
    /// A GODEBUG setting that is not `key=value`.
    MalformedSetting {
        /// Where it was given.
        source: Source,
        /// The text.
        text: String,
    },
    /// An `asynctimerchan` value other than 0, 1 or 2.
    BadValue {
        /// Where it was given.
        source: Source,
        /// The value.
        value: String,
    },
    /// Go itself refuses the program: the go command at build time, or the runtime at start.
    /// The message is Go's, on one line (the go command's multi-line reports are joined with
    /// `: `, and the `go.mod` line number timerlab does not know is left out).
    Go(String),
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Version { what, error } => write!(f, "{what}: {error}"),
            ResolveError::NotARelease(version) => write!(
                f,
                "toolchain {} is a language version, not a release: name one such as {}",
                version.go_name(),
                GoVersion::release(version.minor(), 0).go_name()
            ),
            ResolveError::UnknownRelease { toolchain, newest } => write!(
                f,
                "unknown Go release {}: timerlab knows go1.0 to {}.x",
                toolchain.go_name(),
                newest.go_name()
            ),
            ResolveError::MalformedSetting { source, text } => {
                write!(f, "malformed {source} setting {text:?}: expected key=value, such as asynctimerchan=1")
            }
            ResolveError::BadValue { source, value } => write!(
                f,
                "asynctimerchan={value} ({source}) is not a value Go gives it: expected asynctimerchan=0, 1 or 2"
            ),
            ResolveError::Go(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ResolveError {}
