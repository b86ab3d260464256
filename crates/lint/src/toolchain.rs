//! Which Go toolchain a file is judged under ([`Toolchain`]), and where timerlab got it: `--go`,
//! else the `toolchain` line of the main module's `go.mod` (or of the `go.work`), else the
//! toolchain its `go` line asks for — the oldest one that builds the module, which keeps the
//! findings of every release the module supports.

use std::fmt;

use gotime::release::{GoVersion, NEWEST_SERIES};

use crate::gomod::ModFile;

/// A toolchain, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Toolchain {
    /// The release (`1.26.6`).
    pub version: GoVersion,
    /// Where timerlab got it.
    pub from: ToolchainFrom,
}

/// Where the toolchain of a [`Toolchain`] came from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ToolchainFrom {
    /// `--go` on the command line.
    Flag,
    /// The `toolchain` line of this `go.mod` or `go.work` (displayed path).
    ToolchainLine(String),
    /// Assumed from the `go` line of this `go.mod` or `go.work`: the release the go command
    /// switches to for it (`go 1.22` → go1.22.0).
    GoLine(String),
    /// Assumed: this `go.mod` has no `go` line, which the go command reads as `go 1.16`.
    NoGoLine(String),
    /// Assumed: no `go.mod` above the file.
    NoGoMod,
}

impl ToolchainFrom {
    /// Whether timerlab assumed the toolchain rather than being told it.
    pub fn assumed(&self) -> bool {
        !matches!(self, ToolchainFrom::Flag | ToolchainFrom::ToolchainLine(_))
    }

    /// The kind of source, for JSON and the summary: `--go`, `toolchain line`, `go line`,
    /// `no go line`, `no go.mod`.
    pub fn kind(&self) -> &'static str {
        match self {
            ToolchainFrom::Flag => "--go",
            ToolchainFrom::ToolchainLine(_) => "toolchain line",
            ToolchainFrom::GoLine(_) => "go line",
            ToolchainFrom::NoGoLine(_) => "no go line",
            ToolchainFrom::NoGoMod => "no go.mod",
        }
    }
}

impl fmt::Display for Toolchain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.version.go_name();
        match &self.from {
            ToolchainFrom::Flag => write!(f, "{name} (--go)"),
            ToolchainFrom::ToolchainLine(path) => write!(f, "{name} (toolchain line of {path})"),
            ToolchainFrom::GoLine(path) => write!(f, "{name} (assumed from the go line of {path})"),
            ToolchainFrom::NoGoLine(path) => write!(f, "{name} (assumed: {path} has no go line)"),
            ToolchainFrom::NoGoMod => write!(f, "{name} (assumed: no go.mod)"),
        }
    }
}

/// With no go.mod, Go 1.22's rules: the last release series whose timers are async, so the
/// findings that matter before Go 1.23 are kept (`go 1.22` would assume the same release).
pub(crate) const NO_GO_MOD: GoVersion = GoVersion::release(22, 0);

/// What the go command reads a `go.mod` without a `go` line as (cmd/go/internal/gover,
/// `DefaultGoModVersion`; oracle/RELEASES.md, step 2).
pub(crate) const GO_LINE_WHEN_MISSING: GoVersion = GoVersion::language(16);

/// The toolchain for a main module whose `go.mod` (or `go.work`) is `file`, when `--go` does not
/// say, and the warnings about lines that could not be read.
pub(crate) fn of_module(file: Option<&ModFile>, warnings: &mut Vec<(String, usize, String)>) -> Toolchain {
    let Some(file) = file else {
        return Toolchain { version: NO_GO_MOD, from: ToolchainFrom::NoGoMod };
    };
    let go_line = match &file.go {
        None => None,
        Some(line) => match language(&line.text) {
            Some(v) => Some(v),
            None => {
                let message = format!("go {}: not a Go version timerlab reads (1.N or 1.N.P)", line.text);
                warnings.push((file.path.clone(), line.line, message));
                None
            }
        },
    };
    let from_go_line = match go_line {
        Some(v) => {
            if v.minor() > NEWEST_SERIES.minor() {
                let line = file.go.as_ref().map_or(0, |l| l.line);
                let message = format!(
                    "go {v} is newer than every release timerlab knows (go1.0 to {}.x): judged as {}",
                    NEWEST_SERIES.go_name(),
                    switch_target(v).go_name()
                );
                warnings.push((file.path.clone(), line, message));
            }
            Toolchain { version: switch_target(v), from: ToolchainFrom::GoLine(file.path.clone()) }
        }
        None => Toolchain {
            version: switch_target(GO_LINE_WHEN_MISSING),
            from: ToolchainFrom::NoGoLine(file.path.clone()),
        },
    };
    let named = file.toolchain.as_ref().and_then(|line| match release(&line.text) {
        Some(v) => Some(v),
        None => {
            let message = format!(
                "toolchain {}: not a Go release timerlab reads (go1.N.P); the go line decides",
                line.text
            );
            warnings.push((file.path.clone(), line.line, message));
            None
        }
    });
    // The go command needs both: the newer wins (cmd/go/internal/toolchain/select.go, `Select`).
    match named {
        Some(v) if v >= from_go_line.version => {
            Toolchain { version: v, from: ToolchainFrom::ToolchainLine(file.path.clone()) }
        }
        _ => from_go_line,
    }
}

/// The release the go command switches to for a `go` line (cmd/go/internal/toolchain/select.go:
/// "use the first toolchain of that language version, such as 1.22.0", golang/go#62278), held to
/// the newest series timerlab knows.
fn switch_target(go_line: GoVersion) -> GoVersion {
    let release = match go_line.patch() {
        None if go_line.minor() >= 21 => GoVersion::release(go_line.minor(), 0),
        _ => go_line,
    };
    if release.minor() > NEWEST_SERIES.minor() {
        GoVersion::release(NEWEST_SERIES.minor(), 0)
    } else {
        release
    }
}

/// A `go` line's version; a release candidate or beta (`1.24rc1`) counts as its language version,
/// which is all a `go` line decides.
pub(crate) fn language(text: &str) -> Option<GoVersion> {
    let digits = text.find(|c: char| c.is_ascii_alphabetic()).map_or(text, |i| &text[..i]);
    let v: GoVersion = digits.parse().ok()?;
    Some(if digits.len() < text.len() { GoVersion::language(v.minor()) } else { v })
}

/// A `toolchain` line's release: `go1.26.6`, also with a custom suffix (`go1.26.6-corp`, which
/// the go command reads as go1.26.6).
fn release(text: &str) -> Option<GoVersion> {
    let name = text.split(['-', '+']).next().unwrap_or(text);
    let v: GoVersion = name.strip_prefix("go")?.parse().ok()?;
    (v.patch().is_some() || v.minor() < 21).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toolchain(text: &str) -> (Toolchain, Vec<(String, usize, String)>) {
        let file = ModFile::parse("m/go.mod".into(), text);
        let mut warnings = Vec::new();
        (of_module(Some(&file), &mut warnings), warnings)
    }

    #[test]
    fn the_toolchain_line_names_the_toolchain() {
        let (t, w) = toolchain("module m\ngo 1.22\ntoolchain go1.27.3\n");
        assert_eq!(
            t,
            Toolchain {
                version: GoVersion::release(27, 3),
                from: ToolchainFrom::ToolchainLine("m/go.mod".into())
            }
        );
        assert!(w.is_empty());
        assert_eq!(t.to_string(), "go1.27.3 (toolchain line of m/go.mod)");
    }

    #[test]
    fn without_a_toolchain_line_the_go_line_s_first_release_is_assumed() {
        assert_eq!(toolchain("go 1.22\n").0.version, GoVersion::release(22, 0));
        assert_eq!(toolchain("go 1.23.4\n").0.version, GoVersion::release(23, 4));
        assert_eq!(toolchain("go 1.20\n").0.version, GoVersion::language(20), "named go1.20 before Go 1.21");
        assert_eq!(toolchain("go 1.24rc1\n").0.version, GoVersion::release(24, 0));
        let (t, _) = toolchain("module m\n");
        assert_eq!(
            (t.version, &t.from),
            (GoVersion::language(16), &ToolchainFrom::NoGoLine("m/go.mod".into()))
        );
        assert!(t.from.assumed());
    }

    #[test]
    fn a_toolchain_line_older_than_the_go_line_loses_to_it() {
        let (t, _) = toolchain("go 1.24.2\ntoolchain go1.24.1\n");
        assert_eq!(t.version, GoVersion::release(24, 2));
        assert_eq!(t.from, ToolchainFrom::GoLine("m/go.mod".into()));
    }

    #[test]
    fn a_go_line_newer_than_timerlab_knows_is_held_to_the_newest_series() {
        let (t, w) = toolchain("go 1.99\n");
        assert_eq!(t.version, GoVersion::release(NEWEST_SERIES.minor(), 0));
        assert!(w[0].2.starts_with("go 1.99 is newer than every release timerlab knows"), "{w:?}");
    }

    #[test]
    fn unreadable_lines_are_warnings_and_the_next_source_decides() {
        let (t, w) = toolchain("go 1.22\ntoolchain go1.23\n");
        assert_eq!(t.version, GoVersion::release(22, 0));
        assert_eq!(w.len(), 1);
        assert!(w[0].2.starts_with("toolchain go1.23: not a Go release"), "{w:?}");
        let (t, w) = toolchain("go banana\n");
        assert_eq!(t.from, ToolchainFrom::NoGoLine("m/go.mod".into()));
        assert_eq!(w[0].1, 1);
        assert_eq!(release("go1.26.6-corp"), Some(GoVersion::release(26, 6)));
    }

    #[test]
    fn without_go_mod_go_1_22_is_assumed() {
        let t = of_module(None, &mut Vec::new());
        assert_eq!(t.to_string(), "go1.22.0 (assumed: no go.mod)");
    }
}
