//! What a `go.mod` says about timer semantics: its `go` line and any `godebug asynctimerchan=`
//! setting (a single line or a `godebug ( ... )` block).

use std::path::{Path, PathBuf};

use gotime::Semantics;

/// The parts of a `go.mod` that decide the semantics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GoMod {
    /// Where it is, as displayed.
    pub(crate) path: String,
    /// The `go` line's version as written (`1.21`, `1.23.4`), if any.
    pub(crate) go: Option<String>,
    /// The semantics a `godebug asynctimerchan=` setting selects.
    pub(crate) godebug: Option<Semantics>,
}

impl GoMod {
    /// Reads the text of a go.mod found at `path`.
    pub(crate) fn parse(path: String, text: &str) -> GoMod {
        let mut go = None;
        let mut godebug = None;
        let mut in_godebug_block = false;
        for raw in text.lines() {
            let line = raw.split("//").next().unwrap_or("").trim();
            if in_godebug_block {
                if line == ")" {
                    in_godebug_block = false;
                } else {
                    godebug = setting(line).or(godebug);
                }
                continue;
            }
            let mut words = line.split_whitespace();
            match words.next() {
                Some("go") => go = words.next().map(str::to_owned),
                Some("godebug") => match words.next() {
                    Some("(") => in_godebug_block = true,
                    Some(first) => {
                        let rest = std::iter::once(first).chain(words).collect::<Vec<_>>().join(" ");
                        godebug = setting(&rest).or(godebug);
                    }
                    None => {}
                },
                _ => {}
            }
        }
        GoMod { path, go, godebug }
    }

    /// The semantics of the `go` line: sync from 1.23 on. `None` without a readable go line.
    pub(crate) fn go_line_semantics(&self) -> Option<Semantics> {
        let (major, minor) = go_version(self.go.as_deref()?)?;
        Some(if (major, minor) >= (1, 23) { Semantics::Sync } else { Semantics::Async })
    }
}

/// The semantics an `asynctimerchan=...` list of settings selects, if it names that key.
fn setting(line: &str) -> Option<Semantics> {
    line.split([' ', '\t', ','])
        .filter_map(|kv| kv.strip_prefix("asynctimerchan="))
        .filter_map(asynctimerchan)
        .next_back()
}

/// `asynctimerchan=1` selects async, `=0` sync; other values are not a setting Go knows.
pub(crate) fn asynctimerchan(value: &str) -> Option<Semantics> {
    match value {
        "1" => Some(Semantics::Async),
        "0" => Some(Semantics::Sync),
        _ => None,
    }
}

/// `(1, 21)` for `1.21`, `1.21.3`, `1.21rc1`; `(1, 0)` for `1`.
pub(crate) fn go_version(v: &str) -> Option<(u32, u32)> {
    let mut parts = v.splitn(3, '.');
    let major = parts.next()?.parse().ok()?;
    let minor = match parts.next() {
        None => 0,
        Some(m) => {
            let digits: String = m.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()?
        }
    };
    Some((major, minor))
}

/// The directories to look for a go.mod in, nearest first, as displayed: `dir`, its parents, and
/// — once a relative path runs out — the parents of the working directory, like the go command.
pub(crate) fn search_dirs(dir: &Path) -> Vec<PathBuf> {
    use std::path::Component;
    let relative_clean =
        dir.is_relative() && dir.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let mut dirs: Vec<PathBuf> = Vec::new();
    let absolute_from = if relative_clean {
        dirs.extend(dir.ancestors().map(Path::to_path_buf));
        if dirs.len() >= 2
            && dirs[dirs.len() - 1].as_os_str().is_empty()
            && dirs[dirs.len() - 2] == Path::new(".")
        {
            // "./a" goes up to "." and then to "": the same directory twice.
            dirs.pop();
        }
        std::env::current_dir().ok().and_then(|cwd| cwd.parent().map(Path::to_path_buf))
    } else {
        std::fs::canonicalize(dir).ok()
    };
    if let Some(start) = absolute_from {
        dirs.extend(start.ancestors().map(Path::to_path_buf));
    }
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> GoMod {
        GoMod::parse("go.mod".into(), text)
    }

    #[test]
    fn the_go_line_selects_async_before_1_23_and_sync_from_1_23() {
        assert_eq!(parse("module x\n\ngo 1.22.5\n").go_line_semantics(), Some(Semantics::Async));
        assert_eq!(parse("module x\ngo 1.23\n").go_line_semantics(), Some(Semantics::Sync));
        assert_eq!(parse("module x\ngo 1.24rc1 // comment\n").go_line_semantics(), Some(Semantics::Sync));
        assert_eq!(parse("module x\ngo 1\n").go_line_semantics(), Some(Semantics::Async));
        assert_eq!(parse("module x\n").go_line_semantics(), None);
        assert_eq!(parse("module x\ngo banana\n").go_line_semantics(), None);
    }

    #[test]
    fn godebug_lines_and_blocks_set_asynctimerchan() {
        assert_eq!(parse("go 1.23\ngodebug asynctimerchan=1\n").godebug, Some(Semantics::Async));
        assert_eq!(
            parse("go 1.23\ngodebug (\n\tpanicnil=1\n\tasynctimerchan=0\n)\nrequire x v1\n").godebug,
            Some(Semantics::Sync)
        );
        assert_eq!(parse("go 1.23\ngodebug default=go1.21\n").godebug, None);
        assert_eq!(parse("go 1.23\n// godebug asynctimerchan=1\n").godebug, None);
    }

    #[test]
    fn a_relative_directory_is_searched_upwards_then_from_the_working_directory() {
        let dirs = search_dirs(Path::new("a/b"));
        assert_eq!(&dirs[..3], &[PathBuf::from("a/b"), PathBuf::from("a"), PathBuf::from("")]);
        assert!(dirs[3..].iter().all(|d| d.is_absolute()));
    }
}
