//! What a `go.mod` or `go.work` says about timers, as written: its `go` and `toolchain` lines,
//! its `godebug` settings (single lines or a `godebug ( ... )` block) and, for a `go.work`, the
//! modules it uses. Reading, not judging: `resolve.rs` hands these to `gotime::release`.

use std::path::{Component, Path, PathBuf};

/// A line of a `go.mod` or `go.work`: its text and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ModLine {
    /// What the line says after its keyword (`1.22`, `go1.26.6`, `asynctimerchan=1`).
    pub(crate) text: String,
    /// 1-based line number.
    pub(crate) line: usize,
}

/// The parts of a `go.mod` or `go.work` that decide the timer behaviour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ModFile {
    /// Where it is, as displayed.
    pub(crate) path: String,
    /// The `go` line's version, as written.
    pub(crate) go: Option<ModLine>,
    /// The `toolchain` line's name, as written (`go1.26.6`).
    pub(crate) toolchain: Option<ModLine>,
    /// The `godebug` settings about timers (`asynctimerchan=…` and `default=…`), in order.
    pub(crate) godebug: Vec<ModLine>,
    /// The directories of a `go.work`'s `use` lines, as written.
    pub(crate) uses: Vec<String>,
}

impl ModFile {
    /// Reads the text of a `go.mod` or `go.work` found at `path`.
    pub(crate) fn parse(path: String, text: &str) -> ModFile {
        let mut file = ModFile { path, go: None, toolchain: None, godebug: Vec::new(), uses: Vec::new() };
        let mut block: Option<&str> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split("//").next().unwrap_or("").trim();
            let at = |text: &str| ModLine { text: text.to_owned(), line: i + 1 };
            if let Some(keyword) = block {
                match line {
                    ")" => block = None,
                    "" => {}
                    entry => file.entry(keyword, at(entry)),
                }
                continue;
            }
            let Some((keyword, rest)) = line.split_once([' ', '\t']) else { continue };
            match rest.trim() {
                "(" => block = Some(keyword_of(keyword)),
                rest => file.entry(keyword_of(keyword), at(rest)),
            }
        }
        file
    }

    fn entry(&mut self, keyword: &str, line: ModLine) {
        match keyword {
            "go" => self.go = Some(line),
            "toolchain" => self.toolchain = Some(line),
            "godebug" if is_timer_setting(&line.text) => self.godebug.push(line),
            "use" => self.uses.push(line.text.trim_matches('"').to_owned()),
            _ => {}
        }
    }

    /// The directory the file is in.
    pub(crate) fn dir(&self) -> &Path {
        Path::new(&self.path).parent().unwrap_or(Path::new(""))
    }
}

/// The keywords this reader keeps; every other one is `""`.
fn keyword_of(word: &str) -> &'static str {
    ["go", "toolchain", "godebug", "use"].into_iter().find(|k| *k == word).unwrap_or("")
}

/// A `key=value` setting that may change timers: `asynctimerchan`, or `default`, which moves
/// every default to another Go version. Other keys never reach the resolver.
pub(crate) fn is_timer_setting(setting: &str) -> bool {
    let key = setting.split_once('=').map_or(setting, |(key, _)| key).trim();
    key == "asynctimerchan" || key == "default"
}

/// Whether a comment is a `//go:debug` line about timers (its key `asynctimerchan` or `default`).
pub(crate) fn is_timer_directive(comment: &str) -> bool {
    comment
        .strip_prefix("//go:debug")
        .filter(|rest| rest.starts_with([' ', '\t']))
        .is_some_and(|rest| is_timer_setting(rest.trim()))
}

/// Reads the `go.mod` or `go.work` at `path`, if there is one.
pub(crate) fn read(path: &Path) -> Option<ModFile> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(ModFile::parse(path.display().to_string(), &text))
}

/// `dir` without `.` components and with `..` applied, for comparing a `go.work`'s `use` with
/// a module's directory.
pub(crate) fn clean(dir: &Path) -> PathBuf {
    let absolute = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir().map(|cwd| cwd.join(dir)).unwrap_or_else(|_| dir.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// The directories to look for a go.mod in, nearest first, as displayed: `dir`, its parents, and
/// — once a relative path runs out — the parents of the working directory, like the go command.
pub(crate) fn search_dirs(dir: &Path) -> Vec<PathBuf> {
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

    fn parse(text: &str) -> ModFile {
        ModFile::parse("go.mod".into(), text)
    }

    fn texts(lines: &[ModLine]) -> Vec<(&str, usize)> {
        lines.iter().map(|l| (l.text.as_str(), l.line)).collect()
    }

    #[test]
    fn the_go_and_toolchain_lines_are_read_as_written_with_their_line_numbers() {
        let m = parse("module x\n\ngo 1.22.5 // comment\ntoolchain go1.26.6\n");
        assert_eq!(m.go, Some(ModLine { text: "1.22.5".into(), line: 3 }));
        assert_eq!(m.toolchain, Some(ModLine { text: "go1.26.6".into(), line: 4 }));
        let none = parse("module x\n// go 1.21\n");
        assert_eq!((none.go, none.toolchain), (None, None));
    }

    #[test]
    fn godebug_lines_and_blocks_keep_the_timer_settings_in_order() {
        let m = parse(
            "go 1.23\ngodebug asynctimerchan=1\ngodebug (\n\tpanicnil=1\n\tdefault=go1.21 // old\n\n\tasynctimerchan=0\n)\nrequire x v1\n",
        );
        assert_eq!(
            texts(&m.godebug),
            [("asynctimerchan=1", 2), ("default=go1.21", 5), ("asynctimerchan=0", 7)]
        );
        assert!(parse("go 1.23\n// godebug asynctimerchan=1\n").godebug.is_empty());
        assert!(parse("go 1.23\ngodebug panicnil=1\n").godebug.is_empty());
    }

    #[test]
    fn a_go_work_lists_the_modules_it_uses() {
        let w = ModFile::parse(
            "w/go.work".into(),
            "go 1.23\n\nuse ./a\nuse (\n\t./b\n\t\"../c d\"\n)\ngodebug asynctimerchan=2\n",
        );
        assert_eq!(w.uses, ["./a", "./b", "../c d"]);
        assert_eq!(texts(&w.godebug), [("asynctimerchan=2", 8)]);
        assert_eq!(w.dir(), Path::new("w"));
    }

    #[test]
    fn only_timer_directives_are_read() {
        assert!(is_timer_directive("//go:debug asynctimerchan=1"));
        assert!(is_timer_directive("//go:debug\tdefault=go1.21"));
        assert!(is_timer_directive("//go:debug asynctimerchan"), "malformed, for the resolver to say so");
        assert!(!is_timer_directive("//go:debug panicnil=1"));
        assert!(!is_timer_directive("// go:debug asynctimerchan=1"));
        assert!(!is_timer_directive("//go:debugasynctimerchan=1"));
    }

    #[test]
    fn clean_paths_compare_equal_however_they_were_written() {
        assert_eq!(clean(Path::new("/w/./a/../b")), PathBuf::from("/w/b"));
        assert_eq!(clean(Path::new("w/a")), clean(Path::new("./w/x/../a")));
    }

    #[test]
    fn a_relative_directory_is_searched_upwards_then_from_the_working_directory() {
        let dirs = search_dirs(Path::new("a/b"));
        assert_eq!(&dirs[..3], &[PathBuf::from("a/b"), PathBuf::from("a"), PathBuf::from("")]);
        assert!(dirs[3..].iter().all(|d| d.is_absolute()));
    }
}
