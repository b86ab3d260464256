//! The one table of Go's timer behaviours by toolchain and `asynctimerchan` value ([`RULES`]),
//! and the life of the setting itself ([`ASYNCTIMERCHAN`]). Adjust these two and the resolver
//! follows; each row names where it comes from.

use std::fmt;

use super::version::GoVersion;
use crate::Semantics;

/// The newest release series timerlab has rules for: a newer toolchain is refused as unknown
/// until a row says what it does.
pub const NEWEST_SERIES: GoVersion = GoVersion::language(27);

/// An inclusive range of toolchains. A patch of `u32::MAX` stands for every patch of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Releases {
    /// The first toolchain of the range.
    pub first: GoVersion,
    /// The last toolchain of the range.
    pub last: GoVersion,
}

impl Releases {
    /// Every release of the series `1.first` to `1.last`.
    pub const fn series(first: u32, last: u32) -> Releases {
        Releases { first: GoVersion::language(first), last: GoVersion::release(last, u32::MAX) }
    }

    /// Is `toolchain` in the range?
    pub fn contains(self, toolchain: GoVersion) -> bool {
        self.first <= toolchain && toolchain <= self.last
    }
}

impl fmt::Display for Releases {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |v: GoVersion| match v.patch() {
            Some(u32::MAX) => format!("go1.{}.x", v.minor()),
            None => format!("go1.{}", v.minor()),
            Some(patch) => format!("go1.{}.{patch}", v.minor()),
        };
        write!(f, "{}–{}", name(self.first), name(self.last))
    }
}

/// What `asynctimerchan` is for a program, once every source of GODEBUG has been read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// The toolchain predates the setting.
    NotASetting,
    /// The setting's value (0, 1 or 2).
    Is(u8),
    /// The toolchain removed the setting (an old value was refused before this is asked).
    Removed,
}

/// One row of [`RULES`]: what toolchains in `toolchains` do with `asynctimerchan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The toolchains the row covers.
    pub toolchains: Releases,
    /// The setting the row covers.
    pub asynctimerchan: Value,
    /// The behaviour those programs get.
    pub semantics: Semantics,
    /// Whether Stop/Reset racing a firing loses the value (golang/go#69312).
    pub stop_race_69312: bool,
    /// Where the row comes from.
    pub source: &'static str,
}

/// Go's timer behaviour for each toolchain and `asynctimerchan` value. Exactly one row answers
/// each (toolchain, value) a resolution can reach (a unit test checks it).
pub const RULES: [Rule; 6] = [
    Rule {
        toolchains: Releases::series(0, 22),
        asynctimerchan: Value::NotASetting,
        semantics: Semantics::Async,
        stop_race_69312: false,
        source: "Go <= 1.22: NewTimer makes a one-value channel and the runtime heap holds every \
                 started timer (src/time/sleep.go, runtime/time.go); internal/godebugs/table.go \
                 first lists asynctimerchan in Go 1.23",
    },
    Rule {
        toolchains: Releases { first: GoVersion::release(23, 0), last: GoVersion::release(23, 1) },
        asynctimerchan: Value::Is(0),
        semantics: Semantics::Sync,
        stop_race_69312: true,
        source: "golang/go#69312: Stop or Reset racing the send of a firing returns false and \
                 voids the value; fixed in go1.23.2 (runtime/time.go, isSending)",
    },
    Rule {
        toolchains: Releases { first: GoVersion::release(23, 2), last: GoVersion::release(26, u32::MAX) },
        asynctimerchan: Value::Is(0),
        semantics: Semantics::Sync,
        stop_race_69312: false,
        source: "Go 1.23 release notes, timer changes; src/time/sleep.go syncTimer hands the \
                 channel to the runtime",
    },
    Rule {
        toolchains: Releases::series(23, 26),
        asynctimerchan: Value::Is(1),
        semantics: Semantics::Async,
        stop_race_69312: false,
        source: "src/time/sleep.go syncTimer: with asynctimerchan=1 the runtime is not told about \
                 channel timers, \"so that we get the pre-Go 1.23 code paths\"",
    },
    Rule {
        toolchains: Releases::series(23, 26),
        asynctimerchan: Value::Is(2),
        semantics: Semantics::AsyncCollected,
        stop_race_69312: false,
        source: "src/time/sleep.go syncTimer: asynctimerchan=2 \"enables the new GC-able timer \
                 channels (#61542) but not the sync channels (#37196)\"",
    },
    Rule {
        toolchains: Releases::series(27, 27),
        asynctimerchan: Value::Removed,
        semantics: Semantics::Sync,
        stop_race_69312: false,
        source: "Go 1.27 release notes: asynctimerchan \"has been removed permanently\"; channels \
                 are \"always unbuffered (synchronous), irrespective of GODEBUG settings\"",
    },
];

/// The row for `toolchain` and `value`, if there is one.
pub fn rule(toolchain: GoVersion, value: Value) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.toolchains.contains(toolchain) && rule.asynctimerchan == value)
}

/// The life of the `asynctimerchan` setting in Go's GODEBUG tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SettingHistory {
    /// The setting's name.
    pub name: &'static str,
    /// The minor release that introduced it.
    pub introduced: u32,
    /// The minor release whose `go` line changed its default: a main module whose `go` line is
    /// older gets [`SettingHistory::old`] (internal/godebugs/table.go, `Changed`).
    pub changed: u32,
    /// The value that keeps the behaviour from before [`SettingHistory::changed`] (`Old`).
    pub old: u8,
    /// The value the runtime uses when nothing sets it.
    pub default: u8,
    /// The minor release that removed it.
    pub removed: u32,
    /// The values refused once it is removed (`Removed`'s `Old` predicate): they would select a
    /// behaviour that no longer exists.
    pub refused_once_removed: &'static [u8],
    /// The values timerlab accepts; Go documents these three.
    pub values: &'static [u8],
}

/// `asynctimerchan`: internal/godebugs/table.go — Go 1.23 to 1.26 `{Name: "asynctimerchan",
/// Package: "time", Changed: 23, Old: "1"}`; Go 1.27 `Removed: 27, Old: "1" or "2"`; runtime
/// default 0 (runtime/runtime1.go, `dbgvars`: no `def`).
pub const ASYNCTIMERCHAN: SettingHistory = SettingHistory {
    name: "asynctimerchan",
    introduced: 23,
    changed: 23,
    old: 1,
    default: 0,
    removed: 27,
    refused_once_removed: &[1, 2],
    values: &[0, 1, 2],
};

impl SettingHistory {
    /// Does `toolchain` know the setting (introduced, not removed)?
    pub fn known_by(&self, toolchain: GoVersion) -> bool {
        (self.introduced..self.removed).contains(&toolchain.minor())
    }

    /// Did `toolchain` remove the setting?
    pub fn removed_by(&self, toolchain: GoVersion) -> bool {
        toolchain.minor() >= self.removed
    }

    /// The value a main module whose `go` line (or `default=`) is `language` gets when nothing
    /// sets it (cmd/go/internal/load/godebug.go, `godebugForGoVersion`: `n < info.Changed`).
    pub fn default_for(&self, language: GoVersion) -> u8 {
        if language.minor() < self.changed {
            self.old
        } else {
            self.default
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_one_row_answers_every_toolchain_and_value_a_resolution_reaches() {
        for minor in 0..=NEWEST_SERIES.minor() {
            for patch in [0, 1, 2, 3, 12, u32::MAX - 1] {
                let toolchain = GoVersion::release(minor, patch);
                let values: Vec<Value> = if ASYNCTIMERCHAN.removed_by(toolchain) {
                    vec![Value::Removed]
                } else if ASYNCTIMERCHAN.known_by(toolchain) {
                    ASYNCTIMERCHAN.values.iter().map(|&v| Value::Is(v)).collect()
                } else {
                    vec![Value::NotASetting]
                };
                for value in values {
                    let rows = RULES
                        .iter()
                        .filter(|r| r.toolchains.contains(toolchain) && r.asynctimerchan == value);
                    assert_eq!(rows.count(), 1, "{} with {value:?}", toolchain.go_name());
                }
            }
        }
    }

    #[test]
    fn ranges_name_their_releases_as_go_does() {
        assert_eq!(RULES[0].toolchains.to_string(), "go1.0–go1.22.x");
        assert_eq!(RULES[1].toolchains.to_string(), "go1.23.0–go1.23.1");
    }

    #[test]
    fn only_go_1_23_0_and_1_23_1_have_the_stop_race_and_only_in_sync() {
        // golang/go#69312 was fixed in go1.23.2.
        for rule in RULES {
            let racy = rule.toolchains.contains(GoVersion::release(23, 0));
            assert_eq!(
                rule.stop_race_69312,
                racy && rule.semantics == Semantics::Sync,
                "{}",
                rule.toolchains
            );
        }
        assert!(!Releases { first: GoVersion::release(23, 0), last: GoVersion::release(23, 1) }
            .contains(GoVersion::release(23, 2)));
    }
}
