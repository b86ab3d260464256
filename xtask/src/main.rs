//! `cargo xtask`: timerlab's project commands, runnable with nothing but cargo.
//!
//! - `cargo xtask test [--runner nextest|libtest]` — every check CI runs: lints, the
//!   architecture check, the determinism check of every scenario, the workspace tests, the
//!   doctests, then the loom models; every test under its time limit (`runner/mod.rs`).
//! - `cargo xtask loom [F]`  — the loom models only (`--cfg gotime_loom`, own target dir).
//! - `cargo xtask flakes [--runs N]` — the workspace tests N times, every test that ever failed.
//! - `cargo xtask hang-check [--quick]` — a hang injected into the scenario suite is killed and
//!   named (`--quick`: beside three other tests; `cargo xtask test` runs that last).
//! - `cargo xtask lint`      — rustfmt check, clippy with `-D warnings`, rustdoc with `-D warnings`.
//! - `cargo xtask deps`      — no module import cycle in any crate, no crate edge the
//!   architecture forbids (see `deps/mod.rs`).
//! - `cargo xtask oracle`    — regenerate the golden traces from real Go (needs Go 1.23).
//! - `cargo xtask bench`     — criterion and Go benchmarks side by side.
//! - `cargo xtask determinism | fuzz | mutants` — see docs/TESTING.md, "Hardening".

mod bench;
mod cmd;
mod deps;
mod determinism;
mod flakes;
mod fuzz;
mod hang_check;
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
        Some("oracle") => oracle::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("determinism") => determinism::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("mutants") => mutants::run(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <test [--runner nextest|libtest] | flakes [--runs N] | hang-check [--quick] | loom [FILTER] | lint | deps | oracle | bench [--quick] | determinism [--seeds S,..] \
                 | fuzz [TARGET] [--seconds N] | mutants [PACKAGE] [--file PATH] [--timeout S] [--iterate]>"
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

/// Every check, then every test; a failing test does not stop the others (the lints, the
/// architecture check and the determinism check do stop the run: nothing after them is worth
/// reading while they fail).
fn test(args: &[String]) -> Result<(), String> {
    let mut args = args.to_vec();
    let runner = Runner::from_args(&mut args)?;
    if let Some(other) = args.first() {
        return Err(format!("test: unknown argument {other:?} (expected --runner nextest|libtest)"));
    }
    lint()?;
    deps::run(&[])?;
    // One build for the determinism check and the tests: `cargo test --no-run` builds the
    // examples too, with the test profile, and nextest finds its binaries already built.
    let workspace = Suite::workspace();
    let built = workspace.build()?;
    determinism::run_built(&built, &[])?;
    let mut summary = runner.run(&workspace)?;
    summary.absorb(doctests::run(cargo, &["--workspace", "--locked"])?);
    summary.absorb(runner.run(&Suite::loom(&loom_models()?))?);
    // A hang injected on purpose must be killed and named (about 6 s, almost no CPU).
    let hang_check = hang_check::check(runner, true);
    summary.finish("tests")?;
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
    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--", "--check"]);
    run(fmt)?;
    let mut clippy = cargo();
    clippy.args(["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"]);
    run(clippy)?;
    let mut doc = cargo();
    doc.args(["doc", "--workspace", "--no-deps", "--locked"]).env("RUSTDOCFLAGS", "-D warnings");
    run(doc)
}
