//! Which timer behaviour applies to a file, and why — decided here and nowhere else
//! ([`Decider`]), through `gotime::release` (`resolve.rs`). With `--semantics`, that behaviour.
//! Otherwise each file belongs to a program, as Go builds it:
//!
//! - the toolchain: `--go`, else the `toolchain` line, else the one the `go` line asks for
//!   (`toolchain.rs`);
//! - the main module: the nearest `go.mod` above the file, or the `go.work` above that which
//!   `use`s it (its `go` line and `godebug` settings then win, and the module's are ignored);
//! - its `//go:debug` lines: for a file of package main, those of the package's files; for a
//!   `_test.go` file, the package's and its tests' (Go's test binary,
//!   cmd/go/internal/load/test.go: `defaultGODEBUG(pmain, pb.Directives, pb.TestDirectives,
//!   pb.XTestDirectives)`); for any other package none — its own are checked and noted;
//! - `--godebug`, as the environment's `GODEBUG`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use gotime::release::GoVersion;
use gotime::Semantics;

use crate::choice::Choice;
use crate::gomod::{clean, read, search_dirs, ModFile};
use crate::report::{Diagnostic, Problem};
use crate::resolve::{outside_main, program, Directive, Module, Outcome};
use crate::toolchain::{of_module, Toolchain, ToolchainFrom};

/// How a file's program is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// A file of package main: the program is its package.
    Main,
    /// A file of another package: the program is whatever imports it.
    Library,
    /// A `_test.go` file: the program is its package's test binary.
    Test,
}

/// The `//go:debug` lines of one directory, by the files they are in.
#[derive(Default)]
struct DirDirectives {
    /// Non-test files of package main.
    main: Vec<Directive>,
    /// Non-test files, whatever the package (the package under test).
    package: Vec<Directive>,
    /// `_test.go` files of the package.
    tests: Vec<Directive>,
    /// `_test.go` files of the external test package (`package p_test`).
    xtests: Vec<Directive>,
}

/// Decides the behaviour of every file of a run.
pub(crate) struct Decider<'p> {
    flag: Option<Semantics>,
    go: Option<GoVersion>,
    godebug: Option<String>,
    directives: BTreeMap<&'p Path, DirDirectives>,
    /// Directories with a file of package main: their files not parsed (no timers, package
    /// unknown) belong to that package too.
    main_dirs: BTreeSet<&'p Path>,
    modules: Modules,
    decided: BTreeMap<(&'p Path, Role), Choice>,
    diagnostics: BTreeSet<Diagnostic>,
    warnings: Vec<Problem>,
}

impl<'p> Decider<'p> {
    /// A decider that obeys `flag` when given, and otherwise judges for the toolchain `go` (or
    /// each module's own) with the environment's `godebug`.
    pub(crate) fn new(
        flag: Option<Semantics>,
        go: Option<GoVersion>,
        godebug: Option<String>,
    ) -> Decider<'p> {
        Decider {
            flag,
            go,
            godebug,
            directives: BTreeMap::new(),
            main_dirs: BTreeSet::new(),
            modules: Modules::default(),
            decided: BTreeMap::new(),
            diagnostics: BTreeSet::new(),
            warnings: Vec::new(),
        }
    }

    /// Records the package of file `path` and its timer `//go:debug` lines (in walk order, which
    /// is Go's: the files of a package sorted by name).
    pub(crate) fn record(&mut self, path: &'p Path, is_test: bool, package: &str, found: &[Directive]) {
        if self.flag.is_some() {
            return;
        }
        if !is_test && package == "main" {
            self.main_dirs.insert(parent(path));
        }
        if found.is_empty() {
            return;
        }
        let dir = self.directives.entry(parent(path)).or_default();
        let list = match (is_test, package) {
            (false, "main") => {
                dir.main.extend_from_slice(found);
                &mut dir.package
            }
            (false, _) => &mut dir.package,
            (true, p) if p.ends_with("_test") => &mut dir.xtests,
            (true, _) => &mut dir.tests,
        };
        list.extend_from_slice(found);
    }

    /// The behaviour of file `path`, and why; `own` are its own `//go:debug` lines, `package`
    /// its package clause (empty for a file not parsed).
    pub(crate) fn choose(
        &mut self,
        path: &'p Path,
        is_test: bool,
        package: &str,
        own: &[Directive],
    ) -> Choice {
        if let Some(semantics) = self.flag {
            return Choice::flag(semantics);
        }
        let dir = parent(path);
        let main = package == "main" || (package.is_empty() && self.main_dirs.contains(dir));
        let role = match (is_test, main) {
            (true, _) => Role::Test,
            (false, true) => Role::Main,
            (false, false) => Role::Library,
        };
        if role == Role::Library && !own.is_empty() {
            self.check_outside_main(dir, own);
        }
        if let Some(choice) = self.decided.get(&(dir, role)) {
            return choice.clone();
        }
        let choice = self.decide(dir, role);
        self.decided.insert((dir, role), choice.clone());
        choice
    }

    /// What the toolchains said, by path and line, and the warnings about unreadable settings.
    pub(crate) fn finish(self) -> (Vec<Diagnostic>, Vec<Problem>) {
        (self.diagnostics.into_iter().collect(), self.warnings)
    }

    fn decide(&mut self, dir: &Path, role: Role) -> Choice {
        let main = self.modules.main_module(dir);
        let file = main.as_ref().map(|m| m.file.as_ref());
        let toolchain = self.toolchain(file);
        let empty = DirDirectives::default();
        let found = self.directives.get(dir).unwrap_or(&empty);
        let directives: Vec<Directive> = match role {
            Role::Main => found.main.clone(),
            Role::Library => Vec::new(),
            Role::Test => {
                [&found.package, &found.tests, &found.xtests].into_iter().flatten().cloned().collect()
            }
        };
        let workspace = main.as_ref().is_some_and(|m| m.workspace);
        let module = Module { toolchain: &toolchain, file, workspace };
        let Outcome { semantics, reason, diagnostics, warnings } =
            program(&module, &directives, self.godebug.as_deref());
        self.note(diagnostics, warnings);
        Choice { semantics, toolchain: Some(toolchain), reason }
    }

    fn check_outside_main(&mut self, dir: &Path, own: &[Directive]) {
        let main = self.modules.main_module(dir);
        let file = main.as_ref().map(|m| m.file.as_ref());
        let toolchain = self.toolchain(file);
        let module =
            Module { toolchain: &toolchain, file, workspace: main.as_ref().is_some_and(|m| m.workspace) };
        for d in own {
            let (diagnostics, warnings) = outside_main(&module, d);
            self.note(diagnostics, warnings);
        }
    }

    fn toolchain(&mut self, file: Option<&ModFile>) -> Toolchain {
        match self.go {
            Some(version) => Toolchain { version, from: ToolchainFrom::Flag },
            None => {
                let mut warnings = Vec::new();
                let toolchain = of_module(file, &mut warnings);
                for (path, line, message) in warnings {
                    let problem = Problem { path, message: format!("line {line}: {message}") };
                    if !self.warnings.contains(&problem) {
                        self.warnings.push(problem);
                    }
                }
                toolchain
            }
        }
    }

    fn note(&mut self, diagnostics: Vec<Diagnostic>, warnings: Vec<Problem>) {
        self.diagnostics.extend(diagnostics);
        for w in warnings {
            if !self.warnings.contains(&w) {
                self.warnings.push(w);
            }
        }
    }
}

fn parent(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

/// A main module: its `go.mod`, or the `go.work` that uses it.
struct MainModule {
    file: Rc<ModFile>,
    workspace: bool,
}

/// Finds and caches the `go.mod` and `go.work` files above each directory.
#[derive(Default)]
struct Modules {
    go_mod: BTreeMap<PathBuf, Option<Rc<ModFile>>>,
    go_work: BTreeMap<PathBuf, Option<Rc<ModFile>>>,
}

impl Modules {
    /// The main module of a program built from `dir`.
    fn main_module(&mut self, dir: &Path) -> Option<MainModule> {
        let go_mod = self.go_mod(dir)?;
        match self.go_work(&go_mod) {
            Some(work) => Some(MainModule { file: work, workspace: true }),
            None => Some(MainModule { file: go_mod, workspace: false }),
        }
    }

    fn go_mod(&mut self, dir: &Path) -> Option<Rc<ModFile>> {
        if let Some(found) = self.go_mod.get(dir) {
            return found.clone();
        }
        let found = search_dirs(dir).into_iter().find_map(|d| read(&d.join("go.mod")).map(Rc::new));
        self.go_mod.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The `go.work` above the module that lists it in a `use` line (the go command finds it
    /// upwards from where it runs; GOWORK=off is not modelled).
    fn go_work(&mut self, go_mod: &ModFile) -> Option<Rc<ModFile>> {
        let module_dir = go_mod.dir().to_path_buf();
        if let Some(found) = self.go_work.get(&module_dir) {
            return found.clone();
        }
        let module = clean(&module_dir);
        let found = search_dirs(&module_dir)
            .into_iter()
            .find_map(|d| read(&d.join("go.work")))
            .filter(|work| work.uses.iter().any(|u| clean(&work.dir().join(u)) == module))
            .map(Rc::new);
        self.go_work.insert(module_dir, found.clone());
        found
    }
}
