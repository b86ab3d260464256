//! Which timer behaviour a real Go program gets: from the toolchain that builds it, its main
//! module's `go` line and its GODEBUG settings, to a [`Resolution`] — the [`Semantics`], whether
//! golang/go#69312's Stop race is present, the [`CostModel`] of that release — or to Go's own
//! refusal of the program.
//!
//! | module | concept |
//! |---|---|
//! | [`GoProgram`], [`Resolution`] (`mod.rs`) | the program described; the resolver |
//! | [`GoVersion`] (`version.rs`) | `1.22`, `1.22.10`, `go1.23.1`, ordered as the go command orders them |
//! | [`Source`] (`source.rs`), `godebug.rs` | where a GODEBUG setting comes from; reading each source, and which wins |
//! | [`RULES`], [`ASYNCTIMERCHAN`] (`rules.rs`) | the one table of behaviours by toolchain and setting |
//! | [`COST_MEASUREMENTS`], [`cost_model`] (`costs.rs`) | bytes per timer, per release measured |
//! | [`ResolveError`] (`error.rs`) | bad input, or Go's refusal with Go's message |
//!
//! ```
//! use gotime::release::GoProgram;
//! use gotime::{Runtime, Semantics};
//!
//! // A Go 1.26.6 build of a module that says `go 1.22`: Go keeps the old timers for it.
//! let old_module = GoProgram::built_with("go1.26.6").go_mod("1.22").resolve()?;
//! assert_eq!(old_module.semantics, Semantics::Async);
//! assert_eq!(
//!     old_module.reason,
//!     "go1.26.6, go.mod go 1.22 → asynctimerchan=1 (default for go < 1.23) → async"
//! );
//!
//! // The environment wins over the module's default.
//! let debugging = GoProgram::built_with("1.26.6").go_mod("1.22").godebug("asynctimerchan=2").resolve()?;
//! assert_eq!(debugging.semantics, Semantics::AsyncCollected);
//!
//! // Go 1.23.1 has golang/go#69312; a runtime built for it has the race too.
//! let racy = GoProgram::built_with("1.23.1").go_mod("1.23").resolve()?;
//! assert!(racy.stop_race_69312);
//! let rt = Runtime::builder_for(&racy).build();
//! assert_eq!(rt.semantics(), Semantics::Sync);
//!
//! // Go 1.27 removed the setting and refuses its old values, in Go's words.
//! let refused = GoProgram::built_with("1.27.3").godebug("asynctimerchan=1").resolve().unwrap_err();
//! assert!(refused.to_string().starts_with("fatal error: removed GODEBUG \"asynctimerchan\""));
//! # Ok::<(), gotime::release::ResolveError>(())
//! ```

mod costs;
mod error;
mod godebug;
mod rules;
mod source;
mod version;

pub use costs::{cost_model, CostMeasurement, COST_MEASUREMENTS};
pub use error::ResolveError;
pub use rules::{Releases, Rule, SettingHistory, Value, ASYNCTIMERCHAN, NEWEST_SERIES, RULES};
pub use source::Source;
pub use version::{GoVersion, ParseGoVersionError};

use godebug::Setting;

use crate::{CostModel, Semantics};

/// A Go program as its timer behaviour depends on it: the toolchain that builds and runs it,
/// its main module's `go` line, and its GODEBUG settings from each source. Built with
/// strings as a command line gives them; [`GoProgram::resolve`] reads and checks them all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoProgram {
    toolchain: String,
    go_line: Option<String>,
    go_mod_godebug: Vec<String>,
    directives: Vec<String>,
    environment: Vec<String>,
}

/// What a [`GoProgram`]'s timers do, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    /// The toolchain.
    pub toolchain: GoVersion,
    /// The behaviour of its timers.
    pub semantics: Semantics,
    /// Whether Stop or Reset racing a firing returns false and loses the value
    /// (golang/go#69312: Go 1.23.0 and 1.23.1 in sync semantics).
    pub stop_race_69312: bool,
    /// Bytes per live timer on that release in that behaviour ([`cost_model`]).
    pub costs: CostModel,
    /// One line a report can print: `go1.26.6, go.mod go 1.22 → asynctimerchan=1 (default for
    /// go < 1.23) → async`.
    pub reason: String,
}

impl GoProgram {
    /// A program built and run by the Go toolchain `toolchain` (`1.26.6` or `go1.26.6`), outside
    /// any module until [`GoProgram::go_mod`] says otherwise (as `go run main.go` is: its
    /// language version is then the toolchain's).
    pub fn built_with(toolchain: impl Into<String>) -> GoProgram {
        GoProgram { toolchain: toolchain.into(), ..GoProgram::default() }
    }

    /// The main module's `go` line (`1.22`, `1.22.0`).
    pub fn go_mod(mut self, go_line: impl Into<String>) -> GoProgram {
        self.go_line = Some(go_line.into());
        self
    }

    /// A `godebug` line of the main module's `go.mod` (`godebug asynctimerchan=1`, or the
    /// `asynctimerchan=1` of a `godebug ( ... )` block). Later lines win.
    pub fn go_mod_godebug(mut self, line: impl Into<String>) -> GoProgram {
        self.go_mod_godebug.push(line.into());
        self
    }

    /// A `//go:debug asynctimerchan=1` directive in package main (the `//go:debug` may be left
    /// out). Later directives win; every directive wins over `go.mod`.
    pub fn go_debug(mut self, directive: impl Into<String>) -> GoProgram {
        self.directives.push(directive.into());
        self
    }

    /// The `GODEBUG` environment variable at start (`asynctimerchan=2`, `a=1,b=2`), which wins
    /// over everything the build set. Called again, appends: later settings win.
    pub fn godebug(mut self, environment: impl Into<String>) -> GoProgram {
        self.environment.push(environment.into());
        self
    }

    /// What the program's timers do: its semantics, whether it has golang/go#69312's Stop race,
    /// its cost model and the reason in one line.
    ///
    /// # Errors
    ///
    /// - [`ResolveError::Version`], [`ResolveError::NotARelease`], [`ResolveError::UnknownRelease`]:
    ///   a toolchain or `go` line that is malformed, not a release, or newer than timerlab knows.
    /// - [`ResolveError::MalformedSetting`], [`ResolveError::BadValue`]: a GODEBUG setting that is
    ///   not `key=value`, or an `asynctimerchan` other than 0, 1 or 2.
    /// - [`ResolveError::Go`]: Go itself refuses the program, with Go's message — a `go` line
    ///   newer than the toolchain, `asynctimerchan` before Go 1.23 in `go.mod` or `//go:debug`,
    ///   or `asynctimerchan=1` or `=2` on Go ≥ 1.27 from any source.
    pub fn resolve(&self) -> Result<Resolution, ResolveError> {
        let toolchain = toolchain(&self.toolchain)?;
        let go_line = match &self.go_line {
            Some(line) => Some(version("go.mod go line", line)?),
            None => None,
        };
        if let Some(go_line) = go_line.filter(|&line| line > toolchain) {
            // cmd/go/internal/gover, the toolchain switch refused under GOTOOLCHAIN=local.
            return Err(ResolveError::Go(format!(
                "go: go.mod requires go >= {go_line} (running go {toolchain}; GOTOOLCHAIN=local)"
            )));
        }
        let mut built = Vec::new();
        for line in &self.go_mod_godebug {
            built.push(godebug::go_mod(line)?);
        }
        for line in &self.directives {
            built.push(godebug::directive(line)?);
        }
        let mut environment = Vec::new();
        for text in &self.environment {
            environment.extend(godebug::environment(text)?);
        }
        // The go command refuses the build before the runtime ever reads the environment.
        let language = build_checks(toolchain, go_line, &built)?;
        runtime_checks(toolchain, &environment)?;

        let (value, why) = asynctimerchan(toolchain, language, &built, &environment);
        let rule = rules::rule(toolchain, value).expect("RULES answer every reachable toolchain and value");
        let module = match go_line {
            Some(line) => format!("go.mod go {line}"),
            None => "no go.mod".to_owned(),
        };
        let race = if rule.stop_race_69312 {
            ", with golang/go#69312 (Stop or Reset racing a firing returns false and the value never comes)"
        } else {
            ""
        };
        Ok(Resolution {
            toolchain,
            semantics: rule.semantics,
            stop_race_69312: rule.stop_race_69312,
            costs: cost_model(toolchain, rule.semantics),
            reason: format!("{}, {module} → {why} → {}{race}", toolchain.go_name(), rule.semantics),
        })
    }
}

/// Parses the toolchain: a known release.
fn toolchain(text: &str) -> Result<GoVersion, ResolveError> {
    let toolchain = version("toolchain", text)?;
    // Since Go 1.21 the first release of a series is 1.N.0; before, it was named 1.N.
    if toolchain.patch().is_none() && toolchain.minor() >= 21 {
        return Err(ResolveError::NotARelease(toolchain));
    }
    if toolchain.minor() > NEWEST_SERIES.minor() {
        return Err(ResolveError::UnknownRelease { toolchain, newest: NEWEST_SERIES });
    }
    Ok(toolchain)
}

fn version(what: &'static str, text: &str) -> Result<GoVersion, ResolveError> {
    text.parse().map_err(|error| ResolveError::Version { what, error })
}

/// The language version whose GODEBUG defaults a program gets.
#[derive(Clone, Copy)]
struct Language {
    version: GoVersion,
    /// Where a `default=goX.Y` setting chose it; `None`: the `go` line, or the toolchain's own
    /// version outside a module.
    set_by: Option<Source>,
}

/// The Go 1.N that added go.mod's `godebug` directive and `//go:debug default=` (Go 1.23).
const GODEBUG_DIRECTIVE: u32 = 23;

/// What the go command checks at build time in `go.mod` and `//go:debug` settings, and the
/// language version whose defaults apply: the `go` line (the toolchain's outside a module), or
/// a `default=goX.Y` setting (cmd/go/internal/load/godebug.go, `defaultGODEBUG`).
fn build_checks(
    toolchain: GoVersion,
    go_line: Option<GoVersion>,
    built: &[Setting],
) -> Result<Language, ResolveError> {
    let mut language = Language { version: go_line.unwrap_or(toolchain), set_by: None };
    // Go 1.23 added the go.mod `godebug` directive: older go commands do not parse it, whatever
    // its key (oracle/RELEASES.md: "go.mod:5: unknown directive: godebug", exit 1).
    if toolchain.minor() < GODEBUG_DIRECTIVE && built.iter().any(|s| s.source == Source::GoMod) {
        return Err(ResolveError::Go("go: errors parsing go.mod: go.mod: unknown directive: godebug".into()));
    }
    for s in built {
        match s.key.as_str() {
            // Go ≤ 1.22 knows no `default=` in `//go:debug` (oracle/RELEASES.md: "invalid
            // //go:debug: unknown //go:debug setting \"default\"").
            "default" if toolchain.minor() < GODEBUG_DIRECTIVE => {
                return Err(refused(s.source, "unknown //go:debug setting \"default\""));
            }
            "default" => {
                // cmd/go/internal/modload, CheckGodebug.
                let v = s.value.strip_prefix("go").and_then(|v| v.parse::<GoVersion>().ok());
                let Some(v) = v else {
                    return Err(refused(s.source, "value for default= must be goVERSION"));
                };
                if v > toolchain {
                    let message =
                        format!("default={} too new (toolchain is {})", s.value, toolchain.go_name());
                    return Err(refused(s.source, &message));
                }
                language = Language { version: v, set_by: Some(s.source) };
            }
            key if key == ASYNCTIMERCHAN.name => {
                let value = asynctimerchan_value(s)?;
                // A go.mod line never gets here on such a toolchain: its directive is refused
                // above.
                if toolchain.minor() < ASYNCTIMERCHAN.introduced {
                    return Err(refused(s.source, &format!("unknown //go:debug setting {key:?}")));
                }
                if ASYNCTIMERCHAN.removed_by(toolchain)
                    && ASYNCTIMERCHAN.refused_once_removed.contains(&value)
                {
                    return Err(refused(s.source, &removed_message(value, "")));
                }
            }
            _ => {} // other settings do not touch timers
        }
    }
    Ok(language)
}

/// What the runtime checks in the environment at start (runtime/proc.go, `main`: "If we
/// encountered a removed GODEBUG during startup we can panic now").
fn runtime_checks(toolchain: GoVersion, environment: &[Setting]) -> Result<(), ResolveError> {
    for s in environment.iter().filter(|s| s.key == ASYNCTIMERCHAN.name) {
        let value = asynctimerchan_value(s)?;
        if ASYNCTIMERCHAN.removed_by(toolchain) && ASYNCTIMERCHAN.refused_once_removed.contains(&value) {
            return Err(ResolveError::Go(format!(
                "fatal error: {}",
                removed_message(value, " in environment")
            )));
        }
    }
    Ok(())
}

/// The effective `asynctimerchan` and why, by Go's precedence (`godebug.rs`).
fn asynctimerchan(
    toolchain: GoVersion,
    language: Language,
    built: &[Setting],
    environment: &[Setting],
) -> (Value, String) {
    let name = ASYNCTIMERCHAN.name;
    if !ASYNCTIMERCHAN.known_by(toolchain) {
        return if ASYNCTIMERCHAN.removed_by(toolchain) {
            (
                Value::Removed,
                format!("{name} removed in go1.{} (timer channels are always sync)", ASYNCTIMERCHAN.removed),
            )
        } else {
            (Value::NotASetting, format!("no {name} before go1.{}", ASYNCTIMERCHAN.introduced))
        };
    }
    // The environment over the build; within the build, //go:debug over go.mod (`built` holds
    // go.mod lines first); within each, the last.
    let set = |settings: &[Setting], source: Source| {
        settings.iter().rev().find(|s| s.source == source && s.key == name).map(|s| s.value.clone())
    };
    let explicit = set(environment, Source::Environment)
        .map(|v| (v, Source::Environment))
        .or_else(|| set(built, Source::Directive).map(|v| (v, Source::Directive)))
        .or_else(|| set(built, Source::GoMod).map(|v| (v, Source::GoMod)));
    if let Some((v, source)) = explicit {
        let value = v.parse().expect("checked by asynctimerchan_value");
        return (Value::Is(value), format!("{name}={v} ({source})"));
    }
    let value = ASYNCTIMERCHAN.default_for(language.version);
    let why = match language.set_by {
        Some(source) => format!("default for {source} default=go{}", language.version),
        None if language.version.minor() < ASYNCTIMERCHAN.changed => {
            format!("default for go < 1.{}", ASYNCTIMERCHAN.changed)
        }
        None => format!("default for go >= 1.{}", ASYNCTIMERCHAN.changed),
    };
    (Value::Is(value), format!("{name}={value} ({why})"))
}

/// The value of an `asynctimerchan` setting, if it is one Go gives it.
fn asynctimerchan_value(s: &Setting) -> Result<u8, ResolveError> {
    let bad = || ResolveError::BadValue { source: s.source, value: s.value.clone() };
    let value: u8 = s.value.parse().map_err(|_| bad())?;
    if s.value.len() != 1 || !ASYNCTIMERCHAN.values.contains(&value) {
        return Err(bad());
    }
    Ok(value)
}

/// Go 1.27's refusal of a removed setting at an old value (internal/godebugs/table.go,
/// `Removed`; the section of doc/godebug.md it links to).
fn removed_message(value: u8, place: &str) -> String {
    format!(
        "removed GODEBUG \"{}\" set to old value \"{value}\"{place} (https://go.dev/doc/godebug#go-1{})",
        ASYNCTIMERCHAN.name, ASYNCTIMERCHAN.removed
    )
}

/// The go command's refusal of a build setting, as it reports one from each source.
fn refused(source: Source, message: &str) -> ResolveError {
    ResolveError::Go(match source {
        Source::GoMod => format!("go: error loading go.mod: go.mod: {message}"),
        Source::Directive | Source::Environment => format!("invalid //go:debug: {message}"),
    })
}

#[cfg(test)]
mod tests;
