//! The command line's definitions (clap's derive): the subcommands and their arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use gotime::{GoDuration, Semantics};
use timerlab_report::sweep::{SeedRange, SeedRangeError, Shard, ShardError};
use timerlab_script::EngineKind;
use timerlab_sim::{GoBuild, Preset};

/// The seed when `--seed` is not given: fixed, so that a bare `timerlab` prints the same report
/// every time (docs/CLI.md, "Sample output").
pub(crate) const DEFAULT_SEED: u64 = 7;

/// Deterministic simulation of Go timers: run the incidents, see the leak.
#[derive(Debug, Parser)]
#[command(
    name = "timerlab",
    version,
    about = "Deterministic simulation of Go timers: run the incidents in virtual time, see the leak.",
    after_help = "With no subcommand, runs the default: `timerlab run s1` (every variant, all three behaviours, seed 7).\n\
                  Exit codes: 0 as expected, 2 bad input, 3 unexpected leak, 4 unexpected spurious timeout,\n\
                  5 nondeterminism, 6 expected verdict not reproduced, 1 report files not written;\n\
                  sweep: 0 every run holds its invariants, 1 a run does not (or its result file not written) (docs/CLI.md)."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run a scenario: every variant in each of Go's three timer behaviours by default; print the
    /// seed and repro command, a comparison table, and the per-call-site profile of the worst run.
    Run(RunArgs),
    /// Run a scenario over a range of seeds (every variant × behaviour, in threads, or one shard
    /// of it) and summarize: verdicts, failed runs, worst seeds; exit 1 when a run fails.
    Sweep(SweepArgs),
    /// List the scenarios, their variants (with the verdict each shows per semantics) and their
    /// parameters.
    List,
    /// Run an op script (scripts/**/*.tl) and print its observations.
    Replay(ReplayArgs),
    /// Run the conformance suite (script corpus and Go's golden traces) against a timer
    /// implementation and print the SEMANTICS.md rows it passes.
    Conform(ConformCommand),
    /// Find the Go timer bugs of the scenarios in Go source (`file:line:col: rule: …`, JSON or
    /// SARIF); exit 1 when an error is found.
    Lint(timerlab_lint::cli::LintArgs),
    /// Print the completion script of a shell (`timerlab completions bash > ~/.local/share/bash-completion/completions/timerlab`).
    Completions(CompletionsArgs),
    /// Print the man page, generated from these definitions (`timerlab man > timerlab.1`), or
    /// write it and one page per subcommand (`timerlab-run.1`, ...) into a directory.
    Man(ManArgs),
}

/// `timerlab man`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write timerlab.1 and a page per subcommand into DIR instead of printing timerlab.1.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
}

/// `timerlab completions`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

/// `timerlab run`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// Scenario name (case-insensitive); `timerlab list` shows them.
    #[arg(default_value = "s1")]
    pub(crate) scenario: String,
    /// One variant, as `--variant` (the form repro commands use).
    #[arg(value_name = "VARIANT", conflicts_with = "variant")]
    pub(crate) variant_arg: Option<String>,
    /// One variant of the scenario, or `all`.
    #[arg(long, value_name = "V|all")]
    pub(crate) variant: Option<String>,
    #[command(flatten)]
    pub(crate) behaviour: BehaviourArgs,
    /// Seed of every random choice; the same seed gives the same output, byte for byte.
    #[arg(long, default_value_t = DEFAULT_SEED, value_parser = parse_seed, allow_hyphen_values = true)]
    pub(crate) seed: u64,
    #[command(flatten)]
    pub(crate) sizing: SizingArgs,
    /// Write report.json, timers.svg and trace.txt to this directory.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Write every run's timers as gzipped pprof heap profiles to this directory, at the peak
    /// of live timers and at the end (`go tool pprof -top DIR/FILE`).
    #[arg(long, value_name = "DIR")]
    pub(crate) pprof: Option<PathBuf>,
    /// With --pprof: print, per variant, the `go tool pprof -diff_base` command that subtracts
    /// the sync run's profile from the async run's (needs both semantics).
    #[arg(long, requires = "pprof")]
    pub(crate) pprof_diff: bool,
    /// Print report.json to stdout instead of the text report (the seed goes to stderr).
    #[arg(long)]
    pub(crate) json: bool,
    /// Run every config twice and compare trace hashes (exit 5 if any differ).
    #[arg(long)]
    pub(crate) check_determinism: bool,
}

/// The behaviours a run or sweep simulates: `--semantics`, or a Go program (`--go`, ...).
#[derive(Debug, Args)]
pub(crate) struct BehaviourArgs {
    /// Timer behaviour: Go <= 1.22 (async), GODEBUG=asynctimerchan=2 (async-collected),
    /// Go >= 1.23 (sync); both = async and sync; all = the three. Or name a Go program with --go.
    #[arg(long, value_enum, default_value_t = SemanticsArg::All)]
    pub(crate) semantics: SemanticsArg,
    #[command(flatten)]
    pub(crate) go: GoArgs,
}

/// How big each run is, and the scenario parameters it overrides: what every run of an
/// invocation shares besides its variant, behaviour and seed.
#[derive(Debug, Args)]
pub(crate) struct SizingArgs {
    /// Sizing: the documented default, or the small runs of the test suite.
    #[arg(long, value_enum, default_value_t = PresetArg::Default)]
    pub(crate) preset: PresetArg,
    /// Users at the end of the ramp (S1's `users` parameter).
    #[arg(long, allow_hyphen_values = true)]
    pub(crate) users: Option<u32>,
    /// Virtual time to simulate, Go syntax (`90s`, `10m`). A negative value is read as a value
    /// (and refused with the valid range), not as a flag.
    #[arg(long, value_parser = parse_duration, allow_hyphen_values = true)]
    pub(crate) duration: Option<GoDuration>,
    /// Virtual time between two trace samples, Go syntax (default: duration / 40).
    #[arg(long, value_parser = parse_duration, allow_hyphen_values = true)]
    pub(crate) sample_every: Option<GoDuration>,
    /// Set a scenario parameter (repeatable); `timerlab list` shows them.
    #[arg(long = "set", value_name = "NAME=VALUE", value_parser = parse_param)]
    pub(crate) set: Vec<(String, String)>,
}

/// `timerlab sweep`'s arguments: a scenario's runs over a range of seeds (the behaviour and
/// sizing flags of `timerlab run`), or the result files of a sweep's shards to merge.
#[derive(Debug, Args)]
pub(crate) struct SweepArgs {
    /// Scenario name (case-insensitive); `timerlab list` shows them.
    #[arg(required_unless_present = "merge")]
    pub(crate) scenario: Option<String>,
    /// One variant of the scenario, or `all` (default).
    #[arg(long, value_name = "V|all")]
    pub(crate) variant: Option<String>,
    #[command(flatten)]
    pub(crate) behaviour: BehaviourArgs,
    /// The seeds: A up to but not including B (`0..100`).
    #[arg(long, value_name = "A..B", required_unless_present = "merge", value_parser = parse_seeds, allow_hyphen_values = true)]
    pub(crate) seeds: Option<SeedRange>,
    #[command(flatten)]
    pub(crate) sizing: SizingArgs,
    /// Runs at once, one thread each (default: the machine's cores); the output is the same
    /// for every N.
    #[arg(long, value_name = "N", value_parser = parse_jobs)]
    pub(crate) jobs: Option<usize>,
    /// Run only the K-th of N equal blocks of the sweep's runs, for a CI matrix; merge the N
    /// result files with --merge.
    #[arg(long, value_name = "K/N", value_parser = parse_shard, allow_hyphen_values = true)]
    pub(crate) shard: Option<Shard>,
    /// Also write the result file (every run's verdict, counters and repro command; what
    /// --merge reads) to FILE; `-` writes it to stdout and the summary to stderr.
    #[arg(long, value_name = "FILE|-")]
    pub(crate) json: Option<PathBuf>,
    /// Merge the result files of a sweep's shards: the whole sweep's summary and exit status.
    #[arg(
        long,
        value_name = "FILE",
        num_args = 1..,
        conflicts_with_all = [
            "scenario", "variant", "seeds", "jobs", "shard", "semantics", "go", "preset", "users",
            "duration", "sample_every", "set",
        ]
    )]
    pub(crate) merge: Vec<PathBuf>,
}

/// The most threads `--jobs` starts.
pub(crate) const MAX_JOBS: usize = 1024;

/// `timerlab replay`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct ReplayArgs {
    /// The op script.
    pub(crate) script: PathBuf,
    /// Timer behaviour (default: the script's `mode` line, else async).
    #[arg(long, value_enum)]
    pub(crate) semantics: Option<OneSemantics>,
    #[command(flatten)]
    pub(crate) go: GoArgs,
    /// What runs the script: the reference model or the gotime runtime.
    #[arg(long, value_enum, default_value_t = EngineArg::Runtime)]
    pub(crate) engine: EngineArg,
}

/// `timerlab conform`'s arguments: the conformance suite's own, and a Go program whose behaviour
/// is the claim.
#[derive(Debug, Args)]
pub(crate) struct ConformCommand {
    #[command(flatten)]
    pub(crate) suite: timerlab_engines::cli::ConformArgs,
    #[command(flatten)]
    pub(crate) go: GoArgs,
}

/// The knobs of a real Go program, as Go has them: the toolchain, the main module's `go` line,
/// GODEBUG. The short form is `--semantics`, with which they conflict.
#[derive(Debug, Args)]
pub(crate) struct GoArgs {
    /// The Go toolchain whose timers to simulate: a release (1.22.10, go1.26.6) or a series
    /// (1.22: the newest release of it timerlab knows); `run` and `sweep` also take `all`, every
    /// known release.
    #[arg(long, value_name = "VERSION", conflicts_with = "semantics")]
    pub(crate) go: Option<String>,
    /// The main module's go line (1.22); default: the toolchain's.
    #[arg(long, value_name = "VERSION", requires = "go")]
    pub(crate) go_mod: Option<String>,
    /// GODEBUG settings, as the environment variable: asynctimerchan=0|1|2 (repeatable, or
    /// comma-separated; later settings win).
    #[arg(long, value_name = "KEY=VALUE[,...]", requires = "go")]
    pub(crate) godebug: Vec<String>,
}

impl GoArgs {
    /// The one Go program these flags name, if `--go` names one (not `all`).
    pub(crate) fn program(&self) -> Option<GoBuild> {
        let go = self.go.as_deref().filter(|&go| go != GO_ALL)?;
        let mut program = GoBuild::new(go);
        if let Some(line) = &self.go_mod {
            program = program.go_mod(line);
        }
        for settings in &self.godebug {
            program = program.godebug(settings);
        }
        Some(program)
    }

    /// `true` for `--go all`.
    pub(crate) fn all(&self) -> bool {
        self.go.as_deref() == Some(GO_ALL)
    }
}

/// `--go all`: every release timerlab knows.
pub(crate) const GO_ALL: &str = "all";

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum SemanticsArg {
    Async,
    AsyncCollected,
    Sync,
    Both,
    All,
}

impl SemanticsArg {
    pub(crate) fn list(self) -> Vec<Semantics> {
        match self {
            SemanticsArg::Async => vec![Semantics::Async],
            SemanticsArg::AsyncCollected => vec![Semantics::AsyncCollected],
            SemanticsArg::Sync => vec![Semantics::Sync],
            SemanticsArg::Both => Semantics::BOTH.to_vec(),
            SemanticsArg::All => Semantics::ALL.to_vec(),
        }
    }

    /// The name on the command line.
    pub(crate) fn name(self) -> &'static str {
        match self {
            SemanticsArg::Both => "both",
            SemanticsArg::All => "all",
            one => one.list()[0].name(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OneSemantics {
    Async,
    AsyncCollected,
    Sync,
}

impl From<OneSemantics> for Semantics {
    fn from(s: OneSemantics) -> Semantics {
        match s {
            OneSemantics::Async => Semantics::Async,
            OneSemantics::AsyncCollected => Semantics::AsyncCollected,
            OneSemantics::Sync => Semantics::Sync,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum PresetArg {
    Default,
    Quick,
}

impl From<PresetArg> for Preset {
    fn from(p: PresetArg) -> Preset {
        match p {
            PresetArg::Default => Preset::Default,
            PresetArg::Quick => Preset::Quick,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum EngineArg {
    Model,
    Runtime,
}

impl From<EngineArg> for EngineKind {
    fn from(e: EngineArg) -> EngineKind {
        match e {
            EngineArg::Model => EngineKind::Model,
            EngineArg::Runtime => EngineKind::Runtime,
        }
    }
}

fn parse_seed(s: &str) -> Result<u64, String> {
    s.parse().map_err(|_| format!("expected an integer in 0..={}", u64::MAX))
}

fn parse_seeds(s: &str) -> Result<SeedRange, String> {
    s.parse().map_err(|e: SeedRangeError| e.to_string())
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    s.parse().map_err(|e: ShardError| e.to_string())
}

fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=MAX_JOBS).contains(&n) => Ok(n),
        _ => Err(format!("expected a number of threads in 1..={MAX_JOBS}")),
    }
}

fn parse_duration(s: &str) -> Result<GoDuration, String> {
    s.parse().map_err(|e: gotime::ParseDurationError| e.to_string())
}

fn parse_param(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.trim().to_owned())),
        _ => Err(format!("expected NAME=VALUE, got {s:?}")),
    }
}
