//! What a detector works with: the file, its control flow and its timers.

use crate::flow::Flow;
use crate::gofile::GoFile;
use crate::timers::Timers;

/// What a detector works with.
pub(crate) struct Ctx<'f, 't> {
    /// The file.
    pub(crate) file: &'f GoFile<'t>,
    /// Its control flow.
    pub(crate) flow: Flow<'f, 't>,
    /// Which of its expressions are timers, and which variables hold a timer's channel.
    pub(crate) timers: Timers,
    /// The file's name ends in `_test.go`.
    pub(crate) is_test: bool,
}
