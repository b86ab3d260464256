//! Which of Go's timer behaviours a run simulates: as the user named it ([`Behaviour`]: a
//! semantics, or a Go program — toolchain, `go` line, GODEBUG — for `gotime::release` to
//! resolve), and what that resolved to ([`ResolvedBehaviour`]), which builds every runtime of
//! the run and says why in one line.

use std::fmt;

use gotime::release::{GoProgram, GoVersion, Resolution, ResolveError, ASYNCTIMERCHAN, NEWEST_SERIES};
use gotime::{Builder, CostModel, Runtime, Semantics};
use serde::{Serialize, Serializer};

use crate::ser;

/// The newest release of each Go series timerlab knows, oldest first: the releases
/// `oracle/RELEASES.md` probed, one per series. A bare `1.N` toolchain means the one of its
/// series, and `--go all` runs each of them ([`go_all`]).
pub const KNOWN_RELEASES: [GoVersion; 7] = [
    GoVersion::release(21, 13),
    GoVersion::release(22, 10),
    GoVersion::release(23, 9),
    GoVersion::release(24, 11),
    GoVersion::release(25, 5),
    GoVersion::release(26, 6),
    GoVersion::release(27, 3),
];

/// The `go` line a main module keeps to stay on Go 1.22's timers under a newer toolchain.
const OLD_TIMERS_LINE: GoVersion = GoVersion::language(22);

/// Which behaviour a run simulates, as asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Behaviour {
    /// A semantics named directly (`--semantics async`), with timerlab's default cost model
    /// ([`CostModel::default`]) and without golang/go#69312's race.
    #[serde(serialize_with = "ser::semantics")]
    Semantics(Semantics),
    /// A Go program, whose behaviour, cost model and race `gotime::release` decides.
    Go(GoBuild),
}

impl From<Semantics> for Behaviour {
    fn from(semantics: Semantics) -> Behaviour {
        Behaviour::Semantics(semantics)
    }
}

impl From<GoBuild> for Behaviour {
    fn from(go: GoBuild) -> Behaviour {
        Behaviour::Go(go)
    }
}

/// A Go program as the command line names it: `--go`, `--go-mod`, `--godebug`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GoBuild {
    /// The toolchain that builds and runs it: `1.22.10`, `go1.26.6` (a bare known series was
    /// made a release by [`GoBuild::new`]).
    pub toolchain: String,
    /// The main module's `go` line; `None`: the toolchain's own language version.
    pub go_mod: Option<String>,
    /// The `GODEBUG` environment variable's settings, in order (`asynctimerchan=2`).
    pub godebug: Vec<String>,
}

impl GoBuild {
    /// A program built and run by `toolchain`, whose main module's `go` line is the toolchain's.
    /// A bare series timerlab knows (`1.22`) stands for its newest known release
    /// ([`KNOWN_RELEASES`]: `1.22.10`), so that the run names, and its repro command repeats,
    /// the exact release.
    pub fn new(toolchain: &str) -> GoBuild {
        let release = match toolchain.parse::<GoVersion>() {
            Ok(v) if v.patch().is_none() => known_release(v.minor()).map(|r| r.to_string()),
            _ => None,
        };
        GoBuild {
            toolchain: release.unwrap_or_else(|| toolchain.to_owned()),
            go_mod: None,
            godebug: Vec::new(),
        }
    }

    /// The same program with the main module's `go` line.
    pub fn go_mod(mut self, go_line: &str) -> GoBuild {
        self.go_mod = Some(go_line.to_owned());
        self
    }

    /// The same program with GODEBUG settings appended (`asynctimerchan=2`, or `a=1,b=2`).
    pub fn godebug(mut self, settings: &str) -> GoBuild {
        self.godebug.push(settings.to_owned());
        self
    }

    /// The flags that name this program: ` --go 1.22.10 --go-mod 1.22 --godebug asynctimerchan=1`.
    pub fn flags(&self) -> String {
        let mut out = format!(" --go {}", self.toolchain);
        if let Some(line) = &self.go_mod {
            out.push_str(&format!(" --go-mod {line}"));
        }
        if !self.godebug.is_empty() {
            out.push_str(&format!(" --godebug {}", self.godebug.join(",")));
        }
        out
    }

    fn resolve(&self) -> Result<ResolvedBehaviour, BehaviourError> {
        let toolchain = self.toolchain.parse::<GoVersion>().ok();
        if let Some(series) = toolchain {
            if series.patch().is_none() && series.minor() > NEWEST_SERIES.minor() {
                return Err(BehaviourError::UnknownSeries(series));
            }
        }
        let mut program = GoProgram::built_with(self.toolchain.as_str());
        // The scenarios are modules: without --go-mod, their go line is the toolchain's.
        let go_line = self.go_mod.clone().or_else(|| toolchain.map(|v| format!("1.{}", v.minor())));
        if let Some(line) = &go_line {
            program = program.go_mod(line.as_str());
        }
        for settings in &self.godebug {
            program = program.godebug(settings.as_str());
        }
        let resolution = program.resolve().map_err(|error| {
            let hint = self.hint(&error, toolchain, go_line.as_deref());
            BehaviourError::Resolve { error, hint }
        })?;
        Ok(ResolvedBehaviour {
            semantics: resolution.semantics,
            costs: resolution.costs,
            stop_race_69312: resolution.stop_race_69312,
            toolchain: Some(resolution.toolchain),
            go_line: go_line.and_then(|line| line.parse().ok()),
            why: resolution.reason.clone(),
            resolution: Some(resolution),
        })
    }

    /// What to write instead, for an error the resolver reports in its own (or Go's) words.
    fn hint(&self, error: &ResolveError, toolchain: Option<GoVersion>, go_line: Option<&str>) -> String {
        match error {
            ResolveError::Version { what: "toolchain", .. } | ResolveError::UnknownRelease { .. } => {
                format!("known releases: {}; a bare 1.N means the one of its series", known_list())
            }
            ResolveError::BadValue { .. } => "Go 1.23–1.26 run any other integer as 2 (async-collected): \
                 write asynctimerchan=2"
                .to_owned(),
            ResolveError::Go(_) => match toolchain {
                Some(t) if go_line.and_then(|l| l.parse::<GoVersion>().ok()).is_some_and(|l| l > t) => {
                    format!("valid: a --go-mod no newer than the toolchain, {t}")
                }
                Some(t) if ASYNCTIMERCHAN.removed_by(t) => format!(
                    "{} accepts asynctimerchan=0 or no setting: its timer channels are always sync",
                    t.go_name()
                ),
                _ => String::new(),
            },
            _ => String::new(),
        }
    }
}

/// The newest known release of the series `1.minor`.
fn known_release(minor: u32) -> Option<GoVersion> {
    KNOWN_RELEASES.iter().copied().find(|r| r.minor() == minor)
}

fn known_list() -> String {
    KNOWN_RELEASES.iter().map(|r| r.go_name()).collect::<Vec<_>>().join(", ")
}

/// The programs of `--go all`: every known release with its own `go` line, and — for the
/// releases that still have asynctimerchan (1.23 to 1.26) — with `go 1.22` too, which keeps
/// Go 1.22's timers. Ordered by toolchain, then `go` line.
pub fn go_all() -> Vec<GoBuild> {
    let mut out = Vec::new();
    for release in KNOWN_RELEASES {
        let toolchain = release.to_string();
        if ASYNCTIMERCHAN.known_by(release) && release.minor() > OLD_TIMERS_LINE.minor() {
            out.push(GoBuild::new(&toolchain).go_mod(&OLD_TIMERS_LINE.to_string()));
        }
        out.push(GoBuild::new(&toolchain).go_mod(&format!("1.{}", release.minor())));
    }
    out
}

impl Behaviour {
    /// What the behaviour is: its semantics, cost model and race, and why.
    ///
    /// # Errors
    ///
    /// [`BehaviourError`] for a toolchain, `go` line or GODEBUG setting that is malformed or
    /// unknown, or a program Go itself refuses (in Go's words).
    pub fn resolve(&self) -> Result<ResolvedBehaviour, BehaviourError> {
        match self {
            Behaviour::Semantics(semantics) => Ok(ResolvedBehaviour::of(*semantics)),
            Behaviour::Go(go) => go.resolve(),
        }
    }

    /// The flags that reproduce it: ` --semantics async`, or [`GoBuild::flags`].
    pub fn flags(&self) -> String {
        match self {
            Behaviour::Semantics(semantics) => format!(" --semantics {}", semantics.name()),
            Behaviour::Go(go) => go.flags(),
        }
    }
}

/// What a [`Behaviour`] resolved to: everything a run's runtimes are built with, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResolvedBehaviour {
    /// The behaviour of the timers.
    #[serde(serialize_with = "ser::semantics")]
    pub semantics: Semantics,
    /// Bytes per live timer: the release's ([`gotime::release::cost_model`]), or timerlab's
    /// default for a semantics named directly.
    #[serde(serialize_with = "costs")]
    pub costs: CostModel,
    /// Whether Stop or Reset racing a firing loses the value (golang/go#69312).
    pub stop_race_69312: bool,
    /// The toolchain, when a Go program was named.
    #[serde(serialize_with = "opt_version")]
    pub toolchain: Option<GoVersion>,
    /// The main module's `go` line, when a Go program was named.
    #[serde(serialize_with = "opt_version")]
    pub go_line: Option<GoVersion>,
    /// Why: `go1.26.6, go.mod go 1.22 → asynctimerchan=1 (default for go < 1.23) → async`, or
    /// `--semantics async → async`.
    pub why: String,
    #[serde(skip)]
    resolution: Option<Resolution>,
}

impl ResolvedBehaviour {
    /// `semantics` named directly: timerlab's default cost model, no race.
    pub fn of(semantics: Semantics) -> ResolvedBehaviour {
        ResolvedBehaviour {
            semantics,
            costs: CostModel::default(),
            stop_race_69312: false,
            toolchain: None,
            go_line: None,
            why: format!("--semantics {semantics} → {semantics}"),
            resolution: None,
        }
    }

    /// A runtime builder with this behaviour: `Runtime::builder_for` the resolved Go program,
    /// or `Runtime::builder` of the semantics named directly.
    pub fn builder(&self) -> Builder {
        match &self.resolution {
            Some(resolution) => Runtime::builder_for(resolution),
            None => Runtime::builder(self.semantics),
        }
    }

    /// The report's one line: why, and what a timer costs.
    ///
    /// `go1.22.10, go.mod go 1.22 → no asynctimerchan before go1.23 → async; 210 B per channel
    /// timer, 129 B per AfterFunc`
    pub fn line(&self) -> String {
        let default = if self.resolution.is_none() { " (default cost model)" } else { "" };
        format!(
            "{}; {} B per channel timer, {} B per AfterFunc{default}",
            self.why, self.costs.channel_timer, self.costs.func_timer
        )
    }
}

fn costs<S: Serializer>(c: &CostModel, ser: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut s = ser.serialize_struct("CostModel", 3)?;
    s.serialize_field("channel_timer", &c.channel_timer)?;
    s.serialize_field("func_timer", &c.func_timer)?;
    s.serialize_field("ticker", &c.ticker)?;
    s.end()
}

fn opt_version<S: Serializer>(v: &Option<GoVersion>, ser: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => ser.collect_str(v),
        None => ser.serialize_none(),
    }
}

/// Why a [`Behaviour`] could not be resolved. One line, naming what is valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BehaviourError {
    /// The resolver's error, or Go's refusal of the program, with what to write instead.
    Resolve {
        /// The resolver's error.
        error: ResolveError,
        /// What to write instead; may be empty.
        hint: String,
    },
    /// A bare series newer than every one timerlab knows.
    UnknownSeries(GoVersion),
}

impl fmt::Display for BehaviourError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BehaviourError::Resolve { error: error @ ResolveError::Go(_), hint } => {
                write!(f, "Go refuses the program: {error}")?;
                if !hint.is_empty() {
                    write!(f, "; {hint}")?;
                }
                Ok(())
            }
            BehaviourError::Resolve { error, hint } if hint.is_empty() => write!(f, "{error}"),
            BehaviourError::Resolve { error, hint } => write!(f, "{error}; {hint}"),
            BehaviourError::UnknownSeries(series) => write!(
                f,
                "unknown Go release series {series}: timerlab knows {}; a bare 1.N means the one of its series",
                known_list()
            ),
        }
    }
}

impl std::error::Error for BehaviourError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_known_series_is_its_newest_known_release() {
        assert_eq!(GoBuild::new("1.22").toolchain, "1.22.10");
        assert_eq!(GoBuild::new("go1.26").toolchain, "1.26.6");
        assert_eq!(GoBuild::new("1.23.1").toolchain, "1.23.1", "a release stays itself");
        assert_eq!(GoBuild::new("1.x").toolchain, "1.x", "left for the resolver to refuse");
    }

    #[test]
    fn every_known_release_is_of_its_own_series_and_the_newest_is_the_resolvers_newest() {
        assert!(KNOWN_RELEASES.windows(2).all(|w| w[1].minor() == w[0].minor() + 1));
        assert_eq!(KNOWN_RELEASES.last().map(|r| r.minor()), Some(NEWEST_SERIES.minor()));
    }

    #[test]
    fn without_go_mod_the_module_says_the_toolchains_go_line() {
        let resolved = Behaviour::from(GoBuild::new("1.26.6")).resolve().unwrap();
        assert_eq!(resolved.semantics, Semantics::Sync);
        assert!(resolved.why.starts_with("go1.26.6, go.mod go 1.26 → "), "{}", resolved.why);
    }

    #[test]
    fn go_all_is_every_known_release_on_its_own_line_and_1_23_to_1_26_on_go_1_22_too() {
        let rows: Vec<String> = go_all().iter().map(GoBuild::flags).collect();
        assert_eq!(rows.len(), KNOWN_RELEASES.len() + 4, "{rows:?}");
        assert_eq!(rows[0], " --go 1.21.13 --go-mod 1.21");
        assert_eq!(rows[2], " --go 1.23.9 --go-mod 1.22");
        assert_eq!(rows[3], " --go 1.23.9 --go-mod 1.23");
        for go in go_all() {
            let resolved = Behaviour::from(go.clone()).resolve().unwrap();
            let old_line = go.go_mod.as_deref() == Some("1.22") || resolved.toolchain.unwrap().minor() <= 22;
            assert_eq!(resolved.semantics == Semantics::Async, old_line, "{}", go.flags());
        }
    }

    #[test]
    fn only_a_bare_series_past_the_newest_known_one_is_an_unknown_series() {
        let bare =
            |minor: u32| GoBuild { toolchain: format!("1.{minor}"), go_mod: None, godebug: Vec::new() };
        let newest = Behaviour::from(bare(NEWEST_SERIES.minor())).resolve().unwrap_err();
        assert!(!matches!(newest, BehaviourError::UnknownSeries(_)), "{newest}");
        let next = Behaviour::from(bare(NEWEST_SERIES.minor() + 1)).resolve().unwrap_err();
        assert!(matches!(next, BehaviourError::UnknownSeries(_)), "{next}");
    }

    #[test]
    fn a_go_line_equal_to_the_toolchain_is_not_blamed_for_a_removed_setting() {
        // Go 1.27 refuses asynctimerchan=1 at start, whatever the go line; `go 1.27.3` under
        // Go 1.27.3 is no newer than the toolchain, so the hint is the setting's.
        let newest = KNOWN_RELEASES[KNOWN_RELEASES.len() - 1].to_string();
        let go = GoBuild::new(&newest).go_mod(&newest).godebug("asynctimerchan=1");
        let error = Behaviour::from(go).resolve().unwrap_err().to_string();
        assert!(error.starts_with("Go refuses the program: fatal error: removed GODEBUG"), "{error}");
        assert!(
            error.ends_with("accepts asynctimerchan=0 or no setting: its timer channels are always sync"),
            "{error}"
        );
        let newer_line = GoBuild::new("1.26.6").go_mod("1.27").godebug("asynctimerchan=1");
        let error = Behaviour::from(newer_line).resolve().unwrap_err().to_string();
        assert!(error.ends_with("valid: a --go-mod no newer than the toolchain, 1.26.6"), "{error}");
    }

    #[test]
    fn a_semantics_named_directly_keeps_the_default_cost_model() {
        let resolved = Behaviour::from(Semantics::Async).resolve().unwrap();
        let default = CostModel::default();
        assert_eq!(resolved.costs, default);
        assert_eq!(
            resolved.line(),
            format!(
                "--semantics async → async; {} B per channel timer, {} B per AfterFunc (default cost model)",
                default.channel_timer, default.func_timer
            )
        );
        assert_eq!(resolved.builder().build().semantics(), Semantics::Async);
    }
}
