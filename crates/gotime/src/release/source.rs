//! [`Source`]: where a GODEBUG setting was given, in Go's order of precedence (`godebug.rs`).

use std::fmt;

/// Where a GODEBUG setting was given, lowest precedence first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// A `godebug` line (or a line of a `godebug ( ... )` block) of the main module's `go.mod`.
    GoMod,
    /// A `//go:debug` directive in a file of package main.
    Directive,
    /// The `GODEBUG` environment variable when the program starts.
    Environment,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::GoMod => "go.mod godebug",
            Source::Directive => "//go:debug",
            Source::Environment => "GODEBUG environment",
        })
    }
}
