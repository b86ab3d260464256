//! `cargo xtask`: timerlab's project commands, runnable with nothing but cargo.
//!
//! - `cargo xtask test [--runner nextest|libtest]` — every check CI runs: lints, the
//!   architecture check, the workspace tests with the determinism check of every scenario beside
//!   them, the doctests, the packaged crates used from outside (`consumer`), then the loom
//!   models; every test under its time limit (`runner/mod.rs`); actionlint on the workflows
//!   when installed.
//! - `cargo xtask loom [F]`  — the loom models only (`--cfg gotime_loom`, own target dir).
//! - `cargo xtask flakes [--runs N]` — the workspace tests N times, every test that ever failed.
//! - `cargo xtask hang-check [--quick]` — a hang injected into the scenario suite is killed and
//!   named (`--quick`: beside three other tests; `cargo xtask test` runs that last).
//! - `cargo xtask lint`      — rustfmt check, clippy with `-D warnings`, rustdoc with `-D warnings`.
//! - `cargo xtask deps`      — no module import cycle in any crate, no crate edge the
//!   architecture forbids (see `deps/mod.rs`).
//! - `cargo xtask consumer` — the packaged crates used from a crate outside the workspace:
//!   docs/ENGINES.md, "From your own crate" (see `consumer.rs`).
//! - `cargo xtask oracle`    — regenerate the golden traces from real Go (needs Go 1.23).
//! - `cargo xtask bench`     — criterion and Go benchmarks side by side (`--instructions`: counted
//!   by callgrind; `--profile OP/IMPL/N`: where one benchmark's time goes, its timed loop alone).
//! - `cargo xtask determinism | fuzz | mutants` — see docs/TESTING.md, "Hardening".

mod actionlint;
mod bench;
mod cmd;
mod consumer;
mod deps;
mod determinism;
mod flakes;
mod fuzz;
mod hang_check;
mod lints;
mod mutants;
mod oracle;
mod runner;

use std::process::ExitCode;

use cmd::{cargo, root, run};
use runner::{doctests, Runner, Suite};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(&args[1..]),
        Some("flakes") => flakes::run(&args[1..]),
        Some("hang-check") => hang_check::run(&args[1..]),
        Some("loom") => loom(args.get(1).map(String::as_str)),
        Some("lint") => lint(),
        Some("deps") => deps::run(&args[1..]),
        Some("consumer") => consumer::run(&args[1..]),
        Some("oracle") => oracle::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("determinism") => determinism::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("mutants") => mutants::run(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <test [--runner nextest|libtest] | flakes [--runs N] | hang-check [--quick] | loom [FILTER] | lint | deps | oracle | bench [--quick | --instructions | --profile OP/IMPL/N] | determinism [--seeds S,..] \
                 | consumer | fuzz [TARGET] [--seconds N] | mutants [PACKAGE] [--file PATH] [--timeout S] [--iterate]>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Every check, then every test; a failing test does not stop the others (the lints and the
/// architecture check do stop the run: nothing after them is worth reading while they fail).
fn test(args: &[String]) -> Result<(), String> {
    let mut args = args.to_vec();
    let runner = Runner::from_args(&mut args)?;
    if let Some(other) = args.first() {
        return Err(format!("test: unknown argument {other:?} (expected --runner nextest|libtest)"));
    }
    run(fmt())?;
    // Clippy and rustdoc beside the tests' build, in their own target directory (they share
    // nothing with the test profile's build, and cargo locks a target directory per process):
    // on two cores the build's single-crate stretches leave a core to them.
    let lints = lints::Beside::start(root().join("target/lint"));
    actionlint::run()?;
    deps::run(&[])?;
    // One build for the determinism check and the tests: `cargo test --no-run` builds the
    // examples too, with the test profile, and nextest finds its binaries already built.
    let workspace = Suite::workspace();
    let built = workspace.build();
    lints.finish()?;
    let built = built?;
    // The determinism check beside the tests, at the lowest priority: it fills the CPU the tests
    // leave idle and is reported with them, as one more test.
    let determinism = determinism::Beside::start(&built)?;
    // A hang injected on purpose must be killed and named: the hang's limit of wall time and
    // almost no CPU, beside the tests when cargo-nextest runs them (last, otherwise).
    let hang_check = matches!(runner, Runner::Nextest).then(hang_check::Beside::start);
    let mut summary = runner.run(&workspace)?;
    summary.absorb(determinism.finish());
    summary.absorb(doctests::run(cargo, &["--workspace", "--locked"])?);
    // The packaged crates, used from a crate outside the workspace (docs/PACKAGING.md).
    let consumer = consumer::run(&[]);
    summary.absorb(runner.run(&Suite::loom(&loom_models()?))?);
    let hang_check = match hang_check {
        Some(beside) => beside.finish(),
        None => hang_check::check(runner, true),
    };
    summary.finish("tests")?;
    consumer?;
    hang_check
}

/// The loom models: `crates/gotime/tests/loom_*.rs`, by file name.
fn loom_models() -> Result<Vec<String>, String> {
    let tests_dir = root().join("crates/gotime/tests");
    let mut models: Vec<String> = std::fs::read_dir(&tests_dir)
        .map_err(|e| format!("cannot list {}: {e}", tests_dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".rs").map(str::to_owned))
        .filter(|name| name.starts_with("loom_"))
        .collect();
    models.sort();
    if models.is_empty() {
        return Err(format!("no loom models under {}", tests_dir.display()));
    }
    Ok(models)
}

/// The loom models with their output (interleaving counts), optionally only the tests whose
/// name contains `filter`: built with the loom cfg in `target/loom`, as `cargo xtask test` builds
/// them, so neither invalidates the normal build. The models choose their own preemption bound
/// (none: exhaustive, see `tests/loom_support`); a `LOOM_MAX_PREEMPTIONS` in the environment
/// still overrides it.
fn loom(filter: Option<&str>) -> Result<(), String> {
    let suite = Suite::loom(&loom_models()?);
    let mut cmd = cargo();
    cmd.arg("test").args(&suite.cargo_args).envs(suite.env.iter().map(|(k, v)| (k, v)));
    cmd.arg("--");
    if let Some(filter) = filter {
        cmd.arg(filter);
    }
    cmd.arg("--nocapture");
    run(cmd)
}

fn lint() -> Result<(), String> {
    run(fmt())?;
    run(lints::clippy())?;
    run(lints::rustdoc())
}

fn fmt() -> std::process::Command {
    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--", "--check"]);
    fmt
}
