//! One program's timer behaviour, decided by `gotime::release` — the resolver the simulator uses,
//! so lint and simulation never disagree. This module only turns what lint read (a toolchain, the
//! main module's `go.mod` or `go.work`, `//go:debug` lines, `--godebug`) into a
//! [`gotime::release::GoProgram`], and Go's refusals into [`Diagnostic`]s at the line that
//! caused them.
//!
//! A setting Go refuses is an error where it is written and is then left out, so the files are
//! still judged: under the behaviour the toolchain gives the program without it (on Go 1.27,
//! sync). A setting that is not valid input (`asynctimerchan=3`, a malformed line) is a warning,
//! and left out the same way.

use gotime::release::{GoProgram, GoVersion, ResolveError, ASYNCTIMERCHAN};
use gotime::Semantics;

use crate::choice::Reason;
use crate::gomod::{ModFile, ModLine};
use crate::report::{Diagnostic, Problem};
use crate::rules::registry::Level;
use crate::toolchain::{language, Toolchain, GO_LINE_WHEN_MISSING};

/// A `//go:debug` line about timers, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Directive {
    /// The whole comment: `//go:debug asynctimerchan=1`.
    pub(crate) text: String,
    /// The file, as displayed.
    pub(crate) path: String,
    /// 1-based line.
    pub(crate) line: usize,
}

/// The main module as the toolchain sees it.
pub(crate) struct Module<'a> {
    /// The toolchain that builds and runs the program.
    pub(crate) toolchain: &'a Toolchain,
    /// The main module's `go.mod`, or the `go.work` in workspace mode; `None` outside a module.
    pub(crate) file: Option<&'a ModFile>,
    /// `file` is a `go.work`.
    pub(crate) workspace: bool,
}

/// What was decided, and what the toolchain said on the way.
pub(crate) struct Outcome {
    /// The behaviour.
    pub(crate) semantics: Semantics,
    /// What decided it.
    pub(crate) reason: Reason,
    /// Refusals and ignored settings.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Settings that are not valid input (`path`: `line N: …`).
    pub(crate) warnings: Vec<Problem>,
}

/// The program of `module`, with the `//go:debug` lines `directives` (in Go's order: later
/// wins) and the `GODEBUG` `environment`.
pub(crate) fn program(module: &Module, directives: &[Directive], environment: Option<&str>) -> Outcome {
    let mut said = Said::default();
    let base = Base::new(module, &mut said);
    let godebug: Vec<&ModLine> = module.file.map(|f| f.godebug.iter().collect()).unwrap_or_default();
    let godebug: Vec<&ModLine> = godebug
        .into_iter()
        .filter(|g| {
            let place = module.file.map_or("", |f| f.path.as_str());
            base.accepts(base.program().go_mod_godebug(&g.text), module, place, g.line, &mut said)
        })
        .collect();
    let directives: Vec<&Directive> = directives
        .iter()
        .filter(|d| base.accepts(base.program().go_debug(&d.text), module, &d.path, d.line, &mut said))
        .collect();
    let environment = environment
        .filter(|env| base.accepts(base.program().godebug(*env), module, "--godebug", 0, &mut said));

    let mut all = base.program();
    for g in &godebug {
        all = all.go_mod_godebug(&g.text);
    }
    for d in &directives {
        all = all.go_debug(&d.text);
    }
    if let Some(env) = environment {
        all = all.godebug(env);
    }
    let semantics = match all.resolve().or_else(|e| {
        // Settings accepted one by one but refused together: judge without them.
        said.warn(module.file.map_or("--godebug", |f| &f.path), 0, &e.to_string());
        base.program().resolve()
    }) {
        Ok(resolution) => resolution.semantics,
        Err(_) => Semantics::Async, // unreachable: `base` resolved once already
    };
    let reason = reason(module, &base, &godebug, &directives, environment);
    Outcome { semantics, reason, diagnostics: said.diagnostics, warnings: said.warnings }
}

/// A `//go:debug` line in a non-main package: Go checks it (it may refuse the build); a build
/// ignores it, `go vet` (and so `go test`, which runs vet's `directive` check) rejects it, and
/// only the package's test binary would get it (`go test -vet=off`) — checked on go1.23.9 and
/// go1.26.6.
pub(crate) fn outside_main(module: &Module, directive: &Directive) -> (Vec<Diagnostic>, Vec<Problem>) {
    let mut said = Said::default();
    let base = Base::new(module, &mut said);
    // Only what this line causes: the module's own refusals are reported with its programs.
    said = Said::default();
    let toolchain = module.toolchain.version;
    let accepted = base.accepts(
        base.program().go_debug(&directive.text),
        module,
        &directive.path,
        directive.line,
        &mut said,
    );
    // Before the setting existed Go refuses the line (above); from then on it ignores it here.
    if accepted && toolchain.minor() >= ASYNCTIMERCHAN.introduced {
        let setting = directive.text.trim_start_matches("//go:debug").trim();
        said.diagnostics.push(Diagnostic {
            path: directive.path.clone(),
            line: directive.line,
            level: Level::Note,
            toolchain,
            message: format!(
                "{} builds ignore //go:debug {setting} outside package main (the importing program \
                 decides); go vet and go test say \"//go:debug directive only valid in package main \
                 or test\"; with go test -vet=off this package's tests get it",
                toolchain.go_name()
            ),
        });
    }
    (said.diagnostics, said.warnings)
}

/// Diagnostics and warnings gathered while resolving.
#[derive(Default)]
struct Said {
    diagnostics: Vec<Diagnostic>,
    warnings: Vec<Problem>,
}

impl Said {
    fn warn(&mut self, path: &str, line: usize, message: &str) {
        let message = if line == 0 {
            format!("{message}; left out")
        } else {
            format!("line {line}: {message}; left out")
        };
        self.warnings.push(Problem { path: path.to_owned(), message });
    }
}

/// The toolchain and the `go` line Go accepts, which every setting is checked against.
struct Base {
    toolchain: GoVersion,
    go_line: Option<GoVersion>,
    /// The go line is the file's (not read as 1.16 for a missing one, nor left out).
    go_line_written: bool,
}

impl Base {
    fn new(module: &Module, said: &mut Said) -> Base {
        let toolchain = module.toolchain.version;
        let Some(file) = module.file else {
            return Base { toolchain, go_line: None, go_line_written: false };
        };
        let written = file.go.as_ref().and_then(|l| language(&l.text).map(|v| (v, l.line)));
        let mut base = match written {
            Some((v, _)) => Base { toolchain, go_line: Some(v), go_line_written: true },
            None => Base { toolchain, go_line: Some(GO_LINE_WHEN_MISSING), go_line_written: false },
        };
        if let Err(e) = base.program().resolve() {
            // A go line newer than the toolchain: Go refuses the module. Unless the toolchain was
            // assumed — then the go line is newer than timerlab knows, which `toolchain.rs` said.
            if !module.toolchain.from.assumed() {
                let line = written.map_or(0, |(_, line)| line);
                match e {
                    ResolveError::Go(message) => said.diagnostics.push(Diagnostic {
                        path: file.path.clone(),
                        line,
                        level: Level::Error,
                        toolchain,
                        message: in_file(&message, module),
                    }),
                    e => said.warn(&file.path, line, &e.to_string()),
                }
            }
            base.go_line = None;
        }
        base
    }

    fn program(&self) -> GoProgram {
        let program = GoProgram::built_with(self.toolchain.to_string());
        match self.go_line {
            Some(v) => program.go_mod(v.to_string()),
            None => program,
        }
    }

    /// Whether Go accepts `program` (the base and one setting); if not, says why at `path:line`.
    fn accepts(&self, program: GoProgram, module: &Module, path: &str, line: usize, said: &mut Said) -> bool {
        match program.resolve() {
            Ok(_) => true,
            Err(ResolveError::Go(message)) => {
                said.diagnostics.push(Diagnostic {
                    path: path.to_owned(),
                    line,
                    level: Level::Error,
                    toolchain: self.toolchain,
                    message: in_file(&message, module),
                });
                false
            }
            Err(e) => {
                said.warn(path, line, &e.to_string());
                false
            }
        }
    }
}

/// Go's message as it names the file: the resolver speaks of `go.mod`; in workspace mode the
/// settings and go line are the `go.work`'s (oracle/RELEASES.md, step 3: `go: error loading
/// go.work:` / `go.work:5: removed GODEBUG …`).
fn in_file(message: &str, module: &Module) -> String {
    if !module.workspace {
        return message.to_owned();
    }
    if let Some(rest) = message.strip_prefix("go: error loading go.mod: go.mod: ") {
        return format!("go: error loading go.work: go.work: {rest}");
    }
    if let Some(rest) = message.strip_prefix("go: go.mod requires") {
        return format!("go: go.work requires{rest}");
    }
    message.to_owned()
}

/// What decided the behaviour, by Go's precedence (`gotime::release`, `godebug.rs`): the
/// environment, then `//go:debug`, then `godebug`, then `default=`, then the `go` line.
fn reason(
    module: &Module,
    base: &Base,
    godebug: &[&ModLine],
    directives: &[&Directive],
    environment: Option<&str>,
) -> Reason {
    let toolchain = module.toolchain.version;
    if ASYNCTIMERCHAN.removed_by(toolchain) {
        return Reason::Removed;
    }
    if !ASYNCTIMERCHAN.known_by(toolchain) {
        return Reason::NotASetting;
    }
    let key = |setting: &str| {
        let setting = setting.trim_start_matches("//go:debug").trim();
        setting.split_once('=').map_or("", |(key, _)| key.trim()).to_owned()
    };
    let value = |setting: &str| setting.split_once('=').map_or("", |(_, v)| v.trim()).to_owned();
    let timers = ASYNCTIMERCHAN.name;
    if environment.is_some_and(|env| env.split(',').any(|s| key(s) == timers)) {
        return Reason::Environment;
    }
    let file = module.file.map_or(String::new(), |f| f.path.clone());
    if let Some(d) = directives.iter().rev().find(|d| key(&d.text) == timers) {
        return Reason::Directive(d.path.clone());
    }
    if godebug.iter().any(|g| key(&g.text) == timers) {
        return Reason::Godebug(file);
    }
    if let Some(d) = directives.iter().rev().find(|d| key(&d.text) == "default") {
        return Reason::DefaultSetting { path: d.path.clone(), version: value(&d.text) };
    }
    if let Some(g) = godebug.iter().rev().find(|g| key(&g.text) == "default") {
        return Reason::DefaultSetting { path: file, version: value(&g.text) };
    }
    match (module.file, base.go_line) {
        (None, _) => Reason::NoGoMod,
        (Some(_), None) => Reason::GoLineLeftOut(file),
        (Some(_), Some(_)) if !base.go_line_written => Reason::NoGoLine(file),
        (Some(f), Some(_)) => Reason::GoLine(file, f.go.as_ref().map_or(String::new(), |l| l.text.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toolchain::ToolchainFrom;

    fn release(minor: u32, patch: u32, from: ToolchainFrom) -> Toolchain {
        Toolchain { version: GoVersion::release(minor, patch), from }
    }

    fn directive(text: &str) -> Directive {
        Directive { text: text.to_owned(), path: "m/main.go".to_owned(), line: 1 }
    }

    fn resolve(toolchain: &Toolchain, go_mod: &str, directives: &[Directive], env: Option<&str>) -> Outcome {
        let file = ModFile::parse("m/go.mod".into(), go_mod);
        program(&Module { toolchain, file: Some(&file), workspace: false }, directives, env)
    }

    /// A program, what lint should say decided it, and the words of the resolver's own reason
    /// that name the same source.
    struct Case {
        go_mod: &'static str,
        directive: Option<&'static str>,
        env: Option<&'static str>,
        semantics: Semantics,
        reason: Reason,
        resolver_says: &'static str,
    }

    #[test]
    fn the_reason_names_the_source_the_resolver_took_the_value_from() {
        // Each row: the resolver's own reason (gotime::release, `Resolution::reason`) names the
        // same source, so the label can never disagree with the behaviour.
        let go_mod = || "m/go.mod".to_owned();
        let cases = [
            Case {
                go_mod: "go 1.22\n",
                directive: None,
                env: None,
                semantics: Semantics::Async,
                reason: Reason::GoLine(go_mod(), "1.22".into()),
                resolver_says: "default for go < 1.23",
            },
            Case {
                go_mod: "go 1.24\ngodebug asynctimerchan=2\n",
                directive: None,
                env: None,
                semantics: Semantics::AsyncCollected,
                reason: Reason::Godebug(go_mod()),
                resolver_says: "(go.mod godebug)",
            },
            Case {
                go_mod: "go 1.24\ngodebug asynctimerchan=2\n",
                directive: Some("//go:debug asynctimerchan=1"),
                env: None,
                semantics: Semantics::Async,
                reason: Reason::Directive("m/main.go".into()),
                resolver_says: "(//go:debug)",
            },
            Case {
                go_mod: "go 1.24\n",
                directive: Some("//go:debug asynctimerchan=1"),
                env: Some("asynctimerchan=0"),
                semantics: Semantics::Sync,
                reason: Reason::Environment,
                resolver_says: "(GODEBUG environment)",
            },
            Case {
                go_mod: "go 1.26\n",
                directive: Some("//go:debug default=go1.22"),
                env: None,
                semantics: Semantics::Async,
                reason: Reason::DefaultSetting { path: "m/main.go".into(), version: "go1.22".into() },
                resolver_says: "default=go1.22",
            },
            Case {
                go_mod: "module m\n",
                directive: None,
                env: None,
                semantics: Semantics::Async,
                reason: Reason::NoGoLine(go_mod()),
                resolver_says: "default for go < 1.23",
            },
            Case {
                go_mod: "go 1.23\n",
                directive: None,
                env: Some("panicnil=1"),
                semantics: Semantics::Sync,
                reason: Reason::GoLine(go_mod(), "1.23".into()),
                resolver_says: "default for go >= 1.23",
            },
        ];
        let toolchain = release(26, 6, ToolchainFrom::Flag);
        for c in cases {
            let directives: Vec<Directive> = c.directive.map(directive).into_iter().collect();
            let out = resolve(&toolchain, c.go_mod, &directives, c.env);
            assert_eq!((out.semantics, &out.reason), (c.semantics, &c.reason), "{}", c.go_mod);
            assert!(out.diagnostics.is_empty() && out.warnings.is_empty(), "{}", c.go_mod);
            let file = ModFile::parse(String::new(), c.go_mod);
            let mut p = GoProgram::built_with("1.26.6").go_mod(file.go.map_or("1.16".into(), |l| l.text));
            for g in file.godebug {
                p = p.go_mod_godebug(g.text);
            }
            for d in &directives {
                p = p.go_debug(&d.text);
            }
            if let Some(env) = c.env {
                p = p.godebug(env);
            }
            let resolved = p.resolve().unwrap();
            assert!(resolved.reason.contains(c.resolver_says), "{}", resolved.reason);
        }
    }

    #[test]
    fn go_1_27_refuses_old_values_where_they_are_written_and_judges_the_rest_as_sync() {
        // oracle/RELEASES.md, "Refusals, verbatim": Go 1.27, go.mod godebug and //go:debug.
        let t = release(27, 3, ToolchainFrom::Flag);
        let out = resolve(
            &t,
            "go 1.23\ngodebug asynctimerchan=1\n",
            &[directive("//go:debug asynctimerchan=2")],
            None,
        );
        assert_eq!((out.semantics, out.reason), (Semantics::Sync, Reason::Removed));
        let said: Vec<(&str, usize, &str)> =
            out.diagnostics.iter().map(|d| (d.path.as_str(), d.line, d.message.as_str())).collect();
        assert_eq!(
            said,
            [
                ("m/go.mod", 2, "go: error loading go.mod: go.mod: removed GODEBUG \"asynctimerchan\" set to old value \"1\" (https://go.dev/doc/godebug#go-127)"),
                ("m/main.go", 1, "invalid //go:debug: removed GODEBUG \"asynctimerchan\" set to old value \"2\" (https://go.dev/doc/godebug#go-127)"),
            ]
        );
    }

    #[test]
    fn a_go_line_newer_than_the_named_toolchain_is_refused_and_left_out() {
        // oracle/RELEASES.md, step 1, and the brief's 1.28 example of the same message.
        let out = resolve(&release(27, 3, ToolchainFrom::Flag), "module m\n\ngo 1.28\n", &[], None);
        assert_eq!(
            out.diagnostics[0].message,
            "go: go.mod requires go >= 1.28 (running go 1.27.3; GOTOOLCHAIN=local)"
        );
        assert_eq!(out.diagnostics[0].line, 3);
        assert_eq!((out.semantics, out.reason), (Semantics::Sync, Reason::Removed));
        let on_1_26 = resolve(&release(26, 6, ToolchainFrom::Flag), "go 1.27\n", &[], None);
        assert_eq!(on_1_26.reason, Reason::GoLineLeftOut("m/go.mod".into()));
        assert_eq!(on_1_26.semantics, Semantics::Sync, "the toolchain's own 1.26 defaults");
    }

    #[test]
    fn a_value_go_does_not_give_is_a_warning_and_left_out() {
        let out =
            resolve(&release(26, 6, ToolchainFrom::Flag), "go 1.22\ngodebug asynctimerchan=3\n", &[], None);
        assert_eq!(out.semantics, Semantics::Async, "the go line's default");
        assert_eq!(out.warnings[0].message, "line 2: asynctimerchan=3 (go.mod godebug) is not a value Go gives it: expected asynctimerchan=0, 1 or 2; left out");
    }

    #[test]
    fn in_a_workspace_go_s_message_names_go_work() {
        let t = release(27, 3, ToolchainFrom::Flag);
        let file = ModFile::parse("w/go.work".into(), "go 1.23\nuse ./a\ngodebug asynctimerchan=2\n");
        let out = program(&Module { toolchain: &t, file: Some(&file), workspace: true }, &[], None);
        // oracle/RELEASES.md, step 3, go.work on Go 1.27.
        assert_eq!(
            out.diagnostics[0].message,
            "go: error loading go.work: go.work: removed GODEBUG \"asynctimerchan\" set to old value \"2\" (https://go.dev/doc/godebug#go-127)"
        );
    }

    #[test]
    fn a_directive_outside_main_is_a_note_from_go_1_23_and_refused_where_go_refuses_it() {
        let file = ModFile::parse("m/go.mod".into(), "go 1.22\n");
        let on = |t: &Toolchain, text: &str| {
            outside_main(&Module { toolchain: t, file: Some(&file), workspace: false }, &directive(text))
        };
        let (notes, _) = on(&release(26, 6, ToolchainFrom::Flag), "//go:debug asynctimerchan=1");
        assert_eq!(notes[0].level, Level::Note);
        let message = &notes[0].message;
        assert!(
            message.starts_with("go1.26.6 builds ignore //go:debug asynctimerchan=1 outside package main")
        );
        // oracle/RELEASES.md, step 3: Go 1.22 does not know the key, in any package; Go 1.27
        // refuses an old value in any package, and ignores 0 outside main like 1.23-1.26.
        let (refused, _) = on(&release(22, 10, ToolchainFrom::Flag), "//go:debug asynctimerchan=1");
        assert_eq!(refused[0].message, "invalid //go:debug: unknown //go:debug setting \"asynctimerchan\"");
        let (removed, _) = on(&release(27, 3, ToolchainFrom::Flag), "//go:debug asynctimerchan=1");
        assert_eq!(removed[0].level, Level::Error);
        let (zero, _) = on(&release(27, 3, ToolchainFrom::Flag), "//go:debug asynctimerchan=0");
        assert_eq!(zero[0].level, Level::Note);
    }
}
