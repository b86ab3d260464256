//! [`ScriptError`]: why a script could not be run — unreadable, or wrong at a line and column.

use std::fmt;

/// A mistake in a script's text, at a 1-based line and column (columns count characters).
/// Displays as `FILE:LINE:COL: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The script's name as given to the parser (usually its path).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, in one line.
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

impl std::error::Error for SyntaxError {}

/// Why [`crate::replay`] could not run a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptError {
    /// The file could not be read: `FILE: cannot read: reason`.
    Read {
        /// The path as given.
        file: String,
        /// The operating system's reason.
        reason: String,
    },
    /// The text is not a valid script: `FILE:LINE:COL: message`.
    Syntax(SyntaxError),
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScriptError::Read { file, reason } => write!(f, "{file}: cannot read: {reason}"),
            ScriptError::Syntax(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ScriptError {}

impl From<SyntaxError> for ScriptError {
    fn from(e: SyntaxError) -> ScriptError {
        ScriptError::Syntax(e)
    }
}
