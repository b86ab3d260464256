//! What a detector saw, before any semantics is applied, and how it becomes a finding: the same
//! line is a leak before Go 1.23 and an allocation after, so each rule's facts judge themselves
//! per semantics ([`Judge`]).

use std::fmt::Debug;

use gotime::Semantics;

use crate::rules::registry::{Level, Rule};
use crate::syntax::Span;

/// A rule's facts about one place, judged per semantics.
pub(crate) trait Judge: Debug + Send {
    /// The finding's level and one-line message under `semantics`, or `None` where it is no bug.
    fn judge(&self, semantics: Semantics) -> Option<(Level, String)>;

    /// The simulation that shows this finding under `semantics`, when the rule's own
    /// ([`Rule::demo`]) shows another shape of its bug.
    fn demo(&self, _semantics: Semantics) -> Option<&'static str> {
        None
    }
}

/// One detection.
#[derive(Debug)]
pub(crate) struct Detection {
    /// The rule that detected it.
    pub(crate) rule: Rule,
    /// Where the finding points.
    pub(crate) at: Span,
    /// Other places the message refers to, with what they are.
    pub(crate) related: Vec<(Span, String)>,
    /// The rule-specific facts.
    pub(crate) facts: Box<dyn Judge>,
}

impl Detection {
    /// The finding's level and message under `semantics`, or `None` where it is no bug.
    pub(crate) fn judge(&self, semantics: Semantics) -> Option<(Level, String)> {
        self.facts.judge(semantics)
    }
}
