//! The settings a release's traces are recorded under: each a go line for the oracle's go.mod and
//! an `asynctimerchan` value for GODEBUG (or none). See oracle/RELEASES.md for what each gives.

use super::toolchain::Release;

/// One way of starting the oracle on a release: the directory its traces go to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    /// The directory name below the release's: `asynctimerchan=2`, `default-go1.22`.
    pub name: String,
    /// The minor version of the go line the oracle is built with (`go 1.<go_line>`).
    pub go_line: u32,
    /// `GODEBUG=asynctimerchan=<value>`, or no asynctimerchan setting at all.
    pub asynctimerchan: Option<&'static str>,
}

impl Setting {
    /// `GODEBUG=asynctimerchan=1`, or `-` when the environment has none.
    pub fn godebug(&self) -> String {
        self.asynctimerchan.map_or_else(|| "-".to_owned(), |v| format!("GODEBUG=asynctimerchan={v}"))
    }

    /// The oracle's `-asynctimerchan` argument.
    pub fn flag(&self) -> &'static str {
        self.asynctimerchan.unwrap_or("default")
    }
}

/// The settings recorded for a release. Go 1.23 introduced `asynctimerchan` (0, 1 and 2), so
/// releases from 1.23 on are recorded under each value, with the release's own go line; every
/// release also runs without the setting under go 1.22 (the default of older modules) and, from
/// 1.23 on, under its own go line. Go 1.27 refuses 1 and 2: those are tried, and recorded as
/// refusals. The oracle needs go 1.22 at least (per-iteration loop variables, `max`).
pub fn settings(release: Release) -> Vec<Setting> {
    let own = release.minor;
    let mut out = Vec::new();
    if own >= 23 {
        for value in ["0", "1", "2"] {
            out.push(Setting {
                name: format!("asynctimerchan={value}"),
                go_line: own,
                asynctimerchan: Some(value),
            });
        }
    }
    out.push(Setting { name: "default-go1.22".to_owned(), go_line: 22, asynctimerchan: None });
    if own >= 23 {
        out.push(Setting { name: format!("default-go1.{own}"), go_line: own, asynctimerchan: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(minor: u32) -> Vec<String> {
        settings(Release { minor, patch: 0 }).into_iter().map(|s| s.name).collect()
    }

    #[test]
    fn releases_before_1_23_run_only_without_the_setting_under_go_1_22() {
        assert_eq!(names(22), ["default-go1.22"]);
    }

    #[test]
    fn releases_from_1_23_run_under_every_value_and_both_defaults() {
        assert_eq!(
            names(26),
            ["asynctimerchan=0", "asynctimerchan=1", "asynctimerchan=2", "default-go1.22", "default-go1.26"]
        );
    }

    #[test]
    fn an_explicit_setting_is_built_with_the_release_s_own_go_line() {
        let s = &settings(Release { minor: 24, patch: 11 })[2];
        assert_eq!((s.go_line, s.godebug(), s.flag()), (24, "GODEBUG=asynctimerchan=2".to_owned(), "2"));
    }
}
