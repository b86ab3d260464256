//! The per-test time limits of `.config/nextest.toml`, read for the runner that works without
//! cargo-nextest, so both runners kill a test at the same limit.
//!
//! A limit is nextest's `slow-timeout`: `period` × `terminate-after`. The first override whose
//! filter matches a test sets it, else `[profile.default]`'s. Filters use the part of nextest's
//! filterset language this file needs: `package(P)`, `binary_id(B)` and `test(=T)` (P and B globs
//! with `*`), joined by `|`. Anything else is refused with the line to fix, so the two runners
//! cannot silently disagree.

use std::path::Path;
use std::time::Duration;

use toml_edit::{DocumentMut, Item, Table};

/// The file both runners read.
pub(crate) const CONFIG: &str = ".config/nextest.toml";

/// Which tests a filter selects.
#[derive(Debug, PartialEq)]
enum Atom {
    /// `package(GLOB)`.
    Package(String),
    /// `binary_id(GLOB)`: `package` for unit tests, `package::target` for an integration test.
    BinaryId(String),
    /// `test(=NAME)`: exactly this test.
    Test(String),
}

/// A test's identity, as nextest names it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TestId<'a> {
    pub(crate) package: &'a str,
    pub(crate) binary_id: &'a str,
    pub(crate) name: &'a str,
}

/// One `[[profile.default.overrides]]`: any atom matching selects the test.
#[derive(Debug)]
struct Override {
    any_of: Vec<Atom>,
    limit: Duration,
}

/// The limits of the default profile.
#[derive(Debug)]
pub(crate) struct Limits {
    default: Duration,
    overrides: Vec<Override>,
}

impl Limits {
    /// Reads [`CONFIG`] under `root`.
    pub(crate) fn load(root: &Path) -> Result<Limits, String> {
        let path = root.join(CONFIG);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Limits::parse(&text).map_err(|e| format!("{CONFIG}: {e}"))
    }

    /// Parses the text of [`CONFIG`].
    pub(crate) fn parse(text: &str) -> Result<Limits, String> {
        let doc: DocumentMut = text.parse().map_err(|e| format!("not TOML: {e}"))?;
        let profile = doc
            .get("profile")
            .and_then(|p| p.get("default"))
            .and_then(Item::as_table_like)
            .ok_or("no [profile.default]")?;
        let default = slow_timeout(profile.get("slow-timeout"))
            .ok_or("[profile.default] has no slow-timeout with terminate-after")?;
        let mut overrides = Vec::new();
        if let Some(list) = profile.get("overrides") {
            let list = list.as_array_of_tables().ok_or("overrides must be [[profile.default.overrides]]")?;
            for table in list {
                if let Some(o) = parse_override(table)? {
                    overrides.push(o);
                }
            }
        }
        Ok(Limits { default, overrides })
    }

    /// The limit of `test`.
    pub(crate) fn of(&self, test: TestId<'_>) -> Duration {
        self.overrides
            .iter()
            .find(|o| o.any_of.iter().any(|atom| atom.matches(test)))
            .map_or(self.default, |o| o.limit)
    }
}

/// An override that sets a `slow-timeout` (others, e.g. only `threads-required`, are skipped).
fn parse_override(table: &Table) -> Result<Option<Override>, String> {
    let Some(limit) = slow_timeout(table.get("slow-timeout")) else { return Ok(None) };
    let filter = table.get("filter").and_then(Item::as_str).ok_or("an override without a filter string")?;
    let any_of = filter.split('|').map(|atom| Atom::parse(atom.trim())).collect::<Result<_, _>>()?;
    Ok(Some(Override { any_of, limit }))
}

/// `{ period = "30s", terminate-after = 2 }` → 60 s.
fn slow_timeout(item: Option<&Item>) -> Option<Duration> {
    let table = item?.as_table_like()?;
    let period = parse_duration(table.get("period")?.as_str()?)?;
    let times = u32::try_from(table.get("terminate-after")?.as_integer()?).ok()?;
    Some(period * times)
}

/// `"90s"`, `"2m"`, `"500ms"`: the forms this project's config uses.
fn parse_duration(text: &str) -> Option<Duration> {
    let (number, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit())?);
    let n: u64 = number.parse().ok()?;
    match unit {
        "ms" => Some(Duration::from_millis(n)),
        "s" => Some(Duration::from_secs(n)),
        "m" => Some(Duration::from_secs(n * 60)),
        _ => None,
    }
}

impl Atom {
    fn parse(text: &str) -> Result<Atom, String> {
        let refuse = || {
            format!("filter `{text}`: only package(GLOB), binary_id(GLOB) and test(=NAME) joined by `|` are understood without cargo-nextest")
        };
        let (function, rest) = text.split_once('(').ok_or_else(refuse)?;
        let argument = rest.strip_suffix(')').ok_or_else(refuse)?.to_owned();
        match function {
            "package" => Ok(Atom::Package(argument)),
            "binary_id" => Ok(Atom::BinaryId(argument)),
            "test" => argument.strip_prefix('=').map(|name| Atom::Test(name.to_owned())).ok_or_else(refuse),
            _ => Err(refuse()),
        }
    }

    fn matches(&self, test: TestId<'_>) -> bool {
        match self {
            Atom::Package(glob) => glob_matches(glob, test.package),
            Atom::BinaryId(glob) => glob_matches(glob, test.binary_id),
            Atom::Test(name) => name == test.name,
        }
    }
}

/// A glob with `*` (any run of characters) as its only wildcard.
fn glob_matches(glob: &str, text: &str) -> bool {
    match glob.split_once('*') {
        None => glob == text,
        Some((head, tail)) => text.strip_prefix(head).is_some_and(|rest| {
            (0..=rest.len()).any(|i| rest.is_char_boundary(i) && glob_matches(tail, &rest[i..]))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG_TEXT: &str = r#"
[profile.default]
slow-timeout = { period = "10s", terminate-after = 3 }

[[profile.default.overrides]]
filter = 'test(=hang_check::blocks)'
slow-timeout = { period = "5s", terminate-after = 1 }

[[profile.default.overrides]]
filter = 'binary_id(gotime::loom_*) | package(timerlab-sim)'
slow-timeout = { period = "1m", terminate-after = 2 }

[[profile.default.overrides]]
filter = 'package(timerlab)'
threads-required = 2
"#;

    fn id<'a>(package: &'a str, binary_id: &'a str, name: &'a str) -> TestId<'a> {
        TestId { package, binary_id, name }
    }

    #[test]
    fn the_first_matching_override_sets_the_limit_and_others_get_the_default() {
        let limits = Limits::parse(CONFIG_TEXT).unwrap();
        assert_eq!(limits.of(id("gotime", "gotime::loom_fire_vs_stop", "x")), Duration::from_secs(120));
        assert_eq!(
            limits.of(id("timerlab-sim", "timerlab-sim::scenarios", "hang_check::blocks")),
            Duration::from_secs(5)
        );
        assert_eq!(
            limits.of(id("timerlab-sim", "timerlab-sim::scenarios", "s1::x")),
            Duration::from_secs(120)
        );
        assert_eq!(limits.of(id("gotime", "gotime::semantics", "x")), Duration::from_secs(30));
        assert_eq!(
            limits.of(id("timerlab", "timerlab::cli", "x")),
            Duration::from_secs(30),
            "no slow-timeout: default"
        );
    }

    #[test]
    fn a_filter_outside_the_understood_subset_is_refused_with_its_text() {
        let text = "[profile.default]\nslow-timeout = { period = \"1s\", terminate-after = 1 }\n[[profile.default.overrides]]\nfilter = 'test(/loom/)'\nslow-timeout = { period = \"1s\", terminate-after = 1 }\n";
        let err = Limits::parse(text).unwrap_err();
        assert!(err.contains("test(/loom/)"), "{err}");
    }

    #[test]
    fn globs_match_any_run_of_characters_at_the_star() {
        assert!(glob_matches("gotime::loom_*", "gotime::loom_ticker_stop"));
        assert!(glob_matches("*::scenarios", "timerlab-sim::scenarios"));
        assert!(!glob_matches("gotime::loom_*", "gotime::semantics"));
        assert!(glob_matches("gotime", "gotime"));
        assert!(!glob_matches("gotime", "gotime::surface"));
    }

    #[test]
    fn durations_in_seconds_minutes_and_milliseconds() {
        assert_eq!(parse_duration("90s"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("2m"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("1h"), None);
    }
}
