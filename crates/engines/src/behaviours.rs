//! [`Behaviours`]: a set of Go's timer behaviours, as the conformance tables name them.

use std::fmt;

use gotime::Semantics;

/// A set of Go's behaviours ([`Semantics`]), written `async+async-collected`, or `all`. Sets are
/// ordered larger first, then by [`Semantics::ALL`] order: `all`, `async+async-collected`, ...,
/// `async`, `async-collected`, `sync`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Behaviours(u8);

impl Ord for Behaviours {
    fn cmp(&self, other: &Behaviours) -> std::cmp::Ordering {
        let key = |b: &Behaviours| std::cmp::Reverse((b.0.count_ones(), b.0.reverse_bits()));
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for Behaviours {
    fn partial_cmp(&self, other: &Behaviours) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Behaviours {
    /// No behaviour.
    pub const NONE: Behaviours = Behaviours(0);
    /// Every behaviour of [`Semantics::ALL`].
    pub const ALL: Behaviours = Behaviours((1 << Semantics::ALL.len()) - 1);

    fn bit(semantics: Semantics) -> u8 {
        let index = Semantics::ALL.iter().position(|&s| s == semantics).expect("in Semantics::ALL");
        1 << index
    }

    /// The set of `semantics`.
    pub fn of(semantics: &[Semantics]) -> Behaviours {
        semantics.iter().fold(Behaviours::NONE, |set, &s| set.with(s))
    }

    /// This set and `semantics`.
    pub fn with(self, semantics: Semantics) -> Behaviours {
        Behaviours(self.0 | Behaviours::bit(semantics))
    }

    /// Is `semantics` in the set?
    pub fn contains(self, semantics: Semantics) -> bool {
        self.0 & Behaviours::bit(semantics) != 0
    }

    /// Is the set empty?
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The behaviours, in [`Semantics::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Semantics> {
        Semantics::ALL.into_iter().filter(move |&s| self.contains(s))
    }
}

impl fmt::Display for Behaviours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Behaviours::ALL {
            return f.write_str("all");
        }
        let names: Vec<&str> = self.iter().map(Semantics::name).collect();
        f.write_str(&names.join("+"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_of_behaviours_sort_larger_first_then_in_semantics_order() {
        use Semantics::{Async, AsyncCollected, Sync};
        let mut sets = [
            Behaviours::of(&[Sync]),
            Behaviours::of(&[Async]),
            Behaviours::ALL,
            Behaviours::of(&[AsyncCollected, Sync]),
            Behaviours::of(&[Async, AsyncCollected]),
            Behaviours::of(&[AsyncCollected]),
        ];
        sets.sort();
        let names: Vec<String> = sets.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            ["all", "async+async-collected", "async-collected+sync", "async", "async-collected", "sync"]
        );
    }

    #[test]
    fn a_set_of_behaviours_reads_as_its_names_or_all() {
        assert_eq!(Behaviours::ALL.to_string(), "all");
        assert_eq!(Behaviours::of(&[Semantics::Sync, Semantics::Async]).to_string(), "async+sync");
        assert_eq!(Behaviours::of(&[Semantics::AsyncCollected]).to_string(), "async-collected");
    }

    #[test]
    fn adding_a_behaviour_already_in_the_set_keeps_it() {
        for semantics in Semantics::ALL {
            assert_eq!(Behaviours::ALL.with(semantics), Behaviours::ALL, "{semantics}");
            assert!(Behaviours::of(&[semantics, semantics]).contains(semantics), "{semantics}");
        }
    }
}
