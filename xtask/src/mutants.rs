//! `cargo xtask mutants [PACKAGE] [--file PATH] [--timeout SECS] [--iterate]`: cargo-mutants on the runtime
//! (`gotime`, the default), the reference model (`timerlab-model`), the script interpreter
//! (`timerlab-script`), the linter (`timerlab-lint`), the scenarios (`timerlab-sim`), the
//! engines of `conform` (`timerlab-engines`), the reports (`timerlab-report`: tables, verdicts,
//! pprof profiles, sweep summaries) or the command line itself (`timerlab`: its flags, errors,
//! exit codes and sweeps), with a timeout per mutant
//! (default 60 s) and its output in `target/mutants/PACKAGE`. Slow (every mutant rebuilds and
//! reruns the package's tests), so not part of `cargo xtask test`; `--iterate` re-tests only what
//! the last run in the same output directory did not catch; the last score is recorded in
//! docs/TESTING.md, "Mutation testing". Needs cargo-mutants (`cargo install cargo-mutants`).
//!
//! Go 1.23.0–1.23.1's regression (golang/go#69312: `src/state/go_1_23_0.rs` and the functions
//! named `go_1_23_0_*`) is in every build and has unit tests, but what it is for — a Stop racing
//! a firing on another thread — only the loom models explore, and they run only in a
//! `--cfg gotime_loom` build. So its mutants get a second pass of their own, built that way and
//! judged by the loom models (output in `target/mutants/gotime-loom`).

use std::process::Stdio;

use crate::cmd::{cargo, root, run as run_cmd};

/// Packages worth mutating: the runtime, the model every runtime test is compared with, the
/// script interpreter that runs both on the corpus and the Go oracle's traces, the linter
/// (its corpus pins every finding in every behaviour), the scenarios and their verdicts, and the
/// engines `conform` judges, the reports every command prints, the command line, and the
/// vocabulary the runtime and the model share.
const PACKAGES: [&str; 9] = [
    "gotime",
    "timerlab-model",
    "timerlab-script",
    "timerlab-lint",
    "timerlab-sim",
    "timerlab-engines",
    "timerlab-report",
    "timerlab",
    "timerlab-vocab",
];

/// The packages whose tests run against every mutant of `package`.
fn test_packages(package: &str) -> &'static [&'static str] {
    match package {
        "gotime" => &["gotime", "timerlab-script", "timerlab-tests"],
        "timerlab-lint" => &["timerlab-lint"],
        "timerlab-script" => &["timerlab-script", "timerlab-tests", "timerlab-engines"],
        // The CLI's tests hold the bad-input messages and the traces' hashes.
        "timerlab-sim" => &["timerlab-sim", "timerlab", "timerlab-tests"],
        "timerlab-engines" => &["timerlab-engines", "timerlab"],
        // The CLI's tests hold what the reports print: tables, profiles, sweep summaries.
        "timerlab-report" => &["timerlab-report", "timerlab"],
        // The command line: its own tests run the binary (flags, errors, exit codes, sweeps).
        "timerlab" => &["timerlab"],
        // The names both sides of every runtime-against-model comparison use.
        "timerlab-vocab" => {
            &["timerlab-vocab", "gotime", "timerlab-model", "timerlab-script", "timerlab-tests"]
        }
        _ => &["timerlab-model", "timerlab-script", "timerlab-tests"],
    }
}

/// Matches the names of the mutants in the golang/go#69312 code, which the loom models judge.
const LOOM_ONLY: &str = "go_1_23_0";

/// Runs cargo-mutants on the chosen package (and file).
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut package = "gotime";
    let mut file: Option<&str> = None;
    let mut timeout = "60".to_owned();
    let mut iterate = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--iterate" => iterate = true,
            "--file" => file = Some(it.next().ok_or("--file needs a path, e.g. src/state.rs")?),
            "--timeout" => {
                let v = it.next().ok_or("--timeout needs seconds")?;
                v.parse::<u32>()
                    .ok()
                    .filter(|&n| n >= 1)
                    .ok_or(format!("invalid --timeout {v:?}: expected a positive integer"))?;
                timeout = v.clone();
            }
            name => {
                package = PACKAGES.iter().find(|p| **p == name).ok_or(format!(
                    "unknown package {name:?} (valid: {}; options: --file PATH, --timeout SECS, --iterate)",
                    PACKAGES.join(", ")
                ))?;
            }
        }
    }
    let installed = cargo()
        .args(["mutants", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        return Err(
            "cargo xtask mutants needs cargo-mutants: install it with `cargo install cargo-mutants`".into()
        );
    }
    let dir = match package {
        "gotime" => "crates/gotime",
        "timerlab-lint" => "crates/lint",
        "timerlab-script" => "crates/script",
        "timerlab-sim" => "sim",
        "timerlab-engines" => "crates/engines",
        "timerlab-report" => "crates/report",
        "timerlab" => "crates/cli",
        "timerlab-vocab" => "crates/vocab",
        _ => "crates/model",
    };
    let file = file.map(|file| format!("{dir}/{}", file.trim_start_matches("./")));
    let loom_only = file.as_deref().is_some_and(|file| file.contains(LOOM_ONLY));
    if !loom_only {
        let mut cmd = mutants(package, &timeout, "", iterate)?;
        // A mutant counts as caught by any suite that checks the package's behaviour: the runtime
        // is pinned by its semantics tests, the Go ports, the oracle's golden traces, the scripts.
        for tests in test_packages(package) {
            cmd.args(["--test-package", tests]);
        }
        if let Some(file) = &file {
            cmd.args(["--file", file]);
        }
        run_cmd(cmd)?;
    }
    if package == "gotime" && (file.is_none() || loom_only) {
        let mut cmd = mutants(package, &timeout, "-loom", iterate)?;
        cmd.args(["--test-package", "gotime", "--re", LOOM_ONLY]);
        cmd.env("RUSTFLAGS", "--cfg gotime_loom");
        run_cmd(cmd)?;
    }
    Ok(())
}

/// `cargo mutants` on `package`, reporting to `target/mutants/PACKAGE{suffix}`.
fn mutants(
    package: &str,
    timeout: &str,
    suffix: &str,
    iterate: bool,
) -> Result<std::process::Command, String> {
    let out = root().join("target/mutants").join(format!("{package}{suffix}"));
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut cmd = cargo();
    cmd.args(["mutants", "--package", package, "--timeout", timeout, "--output"]).arg(&out);
    if iterate {
        cmd.arg("--iterate");
    }
    if package == "timerlab" {
        // The CLI has no library target, which `.cargo/mutants.toml`'s `--lib` requires; its
        // settings otherwise, with `--tests` (the binary's unit tests and the integration tests).
        cmd.args(["--no-config", "--profile", "mutants", "--cargo-test-arg=--tests"]);
    }
    Ok(cmd)
}
