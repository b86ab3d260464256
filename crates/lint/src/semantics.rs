//! Which timer semantics applies to a file, and why — decided here and nowhere else
//! ([`Decider`]). In order: the `--semantics` flag; a
//! `//go:debug asynctimerchan=` directive in a `package main` file (for every file of that
//! directory) or in a `_test.go` file (for the tests); the nearest `go.mod`'s `godebug
//! asynctimerchan=` setting, then its `go` line (before 1.23: async; from 1.23: sync); with no
//! `go.mod`, async — the conservative default: it finds the bugs that exist on toolchains before
//! Go 1.23 and on modules whose `go` line is older.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use gotime::Semantics;

use crate::gomod::{search_dirs, GoMod};

/// Why a file is checked under the semantics it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// `--semantics` on the command line.
    Flag,
    /// A `//go:debug asynctimerchan=` line in this file (displayed path).
    Directive(String),
    /// A `godebug asynctimerchan=` setting in this go.mod (displayed path).
    Godebug(String),
    /// The `go` line of this go.mod: (path, version).
    GoLine(String, String),
    /// This go.mod has no readable `go` line: the go command assumes go 1.16.
    NoGoLine(String),
    /// No go.mod above the file.
    NoGoMod,
}

/// The semantics a file is checked under, and why.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Choice {
    /// The semantics.
    pub semantics: Semantics,
    /// Why.
    pub reason: Reason,
}

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.semantics.asynctimerchan();
        match &self.reason {
            Reason::Flag => write!(f, "--semantics {}", self.semantics),
            Reason::Directive(file) => write!(f, "//go:debug asynctimerchan={value} in {file}"),
            Reason::Godebug(gomod) => write!(f, "godebug asynctimerchan={value} in {gomod}"),
            Reason::GoLine(gomod, version) => {
                // A go line decides only between Go's defaults, async and sync.
                let side = if self.semantics == Semantics::Sync { "1.23 or later" } else { "before 1.23" };
                write!(f, "go {version} in {gomod} ({side})")
            }
            Reason::NoGoLine(gomod) => {
                write!(f, "{gomod} has no go line, which the go command reads as go 1.16")
            }
            Reason::NoGoMod => f.write_str(
                "no go.mod: async by default, the conservative choice that finds the bugs of Go before 1.23",
            ),
        }
    }
}

/// Decides the semantics of every file of a run: the flag, then the `//go:debug` directives seen
/// in the run's files, then the nearest go.mod.
pub(crate) struct Decider<'p> {
    flag: Option<Semantics>,
    /// (directory, for tests) → the directive's semantics and the file it is in.
    directives: BTreeMap<(&'p Path, bool), (Semantics, String)>,
    resolver: Resolver,
}

impl<'p> Decider<'p> {
    /// A decider that obeys `flag` when given.
    pub(crate) fn new(flag: Option<Semantics>) -> Decider<'p> {
        Decider { flag, directives: BTreeMap::new(), resolver: Resolver::default() }
    }

    /// Records the `//go:debug asynctimerchan=` setting of file `path`, if any: in `package main`
    /// it applies to every file of its directory, as Go applies it to the whole program; in a
    /// `_test.go` file, to the tests of its directory. The first one seen wins.
    pub(crate) fn directive(
        &mut self,
        path: &'p Path,
        is_test: bool,
        package: &str,
        setting: Option<Semantics>,
    ) {
        let Some(semantics) = setting else { return };
        if is_test || package == "main" {
            let dir = path.parent().unwrap_or(Path::new(""));
            self.directives.entry((dir, is_test)).or_insert((semantics, path.display().to_string()));
        }
    }

    /// The semantics of file `path`, and why.
    pub(crate) fn choose(&mut self, path: &Path, is_test: bool) -> Choice {
        if let Some(semantics) = self.flag {
            return Choice { semantics, reason: Reason::Flag };
        }
        let dir = path.parent().unwrap_or(Path::new(""));
        let directive = is_test
            .then(|| self.directives.get(&(dir, true)))
            .flatten()
            .or_else(|| self.directives.get(&(dir, false)));
        match directive {
            Some((semantics, file)) => {
                Choice { semantics: *semantics, reason: Reason::Directive(file.clone()) }
            }
            None => self.resolver.by_go_mod(dir),
        }
    }
}

/// Finds and caches go.mod files per directory.
#[derive(Default)]
pub(crate) struct Resolver {
    by_dir: BTreeMap<PathBuf, Option<Rc<GoMod>>>,
}

impl Resolver {
    /// The choice for a file in `dir` when no flag or directive decides.
    pub(crate) fn by_go_mod(&mut self, dir: &Path) -> Choice {
        match self.go_mod(dir) {
            None => Choice { semantics: Semantics::Async, reason: Reason::NoGoMod },
            Some(m) => {
                if let Some(semantics) = m.godebug {
                    Choice { semantics, reason: Reason::Godebug(m.path.clone()) }
                } else if let Some(semantics) = m.go_line_semantics() {
                    let version = m.go.clone().unwrap_or_default();
                    Choice { semantics, reason: Reason::GoLine(m.path.clone(), version) }
                } else {
                    Choice { semantics: Semantics::Async, reason: Reason::NoGoLine(m.path.clone()) }
                }
            }
        }
    }

    fn go_mod(&mut self, dir: &Path) -> Option<Rc<GoMod>> {
        if let Some(found) = self.by_dir.get(dir) {
            return found.clone();
        }
        let found = search_dirs(dir).into_iter().find_map(|d| {
            let path = d.join("go.mod");
            let text = std::fs::read_to_string(&path).ok()?;
            Some(Rc::new(GoMod::parse(path.display().to_string(), &text)))
        });
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }
}
