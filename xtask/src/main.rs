//! `cargo xtask`: timerlab's project commands, runnable with nothing but cargo.
//!
//! - `cargo xtask test`      — every check CI runs: lints, actionlint (when installed), the
//!   architecture check, the determinism check of every scenario, the workspace tests, the
//!   packaged crates used from outside (`consumer`), then the loom models.
//! - `cargo xtask loom [F]`  — the loom models only (release, `--cfg gotime_loom`, own target dir).
//! - `cargo xtask lint`      — rustfmt check, clippy with `-D warnings`, rustdoc with `-D warnings`.
//! - `cargo xtask deps`      — no module import cycle in any crate, no crate edge the
//!   architecture forbids (see `deps/mod.rs`).
//! - `cargo xtask consumer` — the packaged crates used from a crate outside the workspace:
//!   docs/ENGINES.md, "From your own crate" (see `consumer.rs`).
//! - `cargo xtask oracle`    — regenerate the golden traces from real Go (needs Go 1.23).
//! - `cargo xtask bench`     — criterion and Go benchmarks side by side.
//! - `cargo xtask determinism | fuzz | mutants` — see docs/TESTING.md, "Hardening".

mod actionlint;
mod bench;
mod cmd;
mod consumer;
mod deps;
mod determinism;
mod fuzz;
mod mutants;
mod oracle;

use std::process::ExitCode;

use cmd::{cargo, root, run};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(),
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
                "usage: cargo xtask <test | loom [FILTER] | lint | deps | oracle | bench [--quick] | determinism [--seeds S,..] \
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

fn test() -> Result<(), String> {
    lint()?;
    actionlint::run()?;
    deps::run(&[])?;
    determinism::run(&[])?;
    let mut cmd = cargo();
    cmd.args(["test", "--workspace", "--locked"]);
    run(cmd)?;
    consumer::run(&[])?;
    loom(None)
}

/// The loom models: `crates/gotime/tests/loom_*.rs`, built with the loom cfg in release mode in
/// `target/loom` so they never invalidate the normal build. The models choose their own
/// preemption bound (none: exhaustive, see `tests/loom_support`); a `LOOM_MAX_PREEMPTIONS` in the
/// environment still overrides it.
fn loom(filter: Option<&str>) -> Result<(), String> {
    let tests_dir = root().join("crates/gotime/tests");
    let mut models: Vec<String> = std::fs::read_dir(&tests_dir)
        .map_err(|e| format!("cannot list {}: {e}", tests_dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".rs").map(str::to_owned))
        .filter(|name| name.starts_with("loom_"))
        .collect();
    models.sort();
    if models.is_empty() {
        eprintln!("xtask: no loom models under {}", tests_dir.display());
        return Ok(());
    }
    let mut cmd = cargo();
    cmd.args(["test", "--release", "--locked", "-p", "gotime"]);
    for model in &models {
        cmd.args(["--test", model]);
    }
    cmd.env("RUSTFLAGS", "--cfg gotime_loom").env("CARGO_TARGET_DIR", root().join("target/loom"));
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
