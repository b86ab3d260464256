//! `cargo xtask fuzz [TARGET] [--seconds N]`: the cargo-fuzz targets of `fuzz/` (`parse`,
//! `differential`), each for N seconds (default 60), seeded with every file under `scripts/`
//! and the op-script dictionary `fuzz/tl.dict`. Needs the nightly toolchain and cargo-fuzz;
//! says so, with the install command, when either is missing. Not part of `cargo xtask test`:
//! the committed findings are replayed on stable by `sim/tests/hardening_fuzz_corpus.rs`.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::cmd::root;

/// The targets in `fuzz/fuzz_targets/`, in the order `cargo xtask fuzz` runs them.
const TARGETS: [&str; 2] = ["parse", "differential"];

/// Runs the chosen target (or every one) for the chosen time.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut seconds: u64 = 60;
    let mut chosen: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seconds" => {
                let v = it.next().ok_or("--seconds needs a number")?;
                seconds = v
                    .parse()
                    .ok()
                    .filter(|&n| n >= 1)
                    .ok_or(format!("invalid --seconds {v:?}: expected a positive integer"))?;
            }
            name => match TARGETS.iter().find(|t| **t == name) {
                Some(t) => chosen.push(t),
                None => return Err(format!("unknown fuzz target {name:?} (valid: {})", TARGETS.join(", "))),
            },
        }
    }
    if chosen.is_empty() {
        chosen = TARGETS.to_vec();
    }
    require("nightly toolchain", &["+nightly", "--version"], "rustup toolchain install nightly")?;
    require("cargo-fuzz", &["+nightly", "fuzz", "--version"], "cargo install cargo-fuzz")?;

    let fuzz_dir = root().join("fuzz");
    for target in chosen {
        let corpus = fuzz_dir.join("corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
        let mut cmd = nightly_cargo(&fuzz_dir);
        cmd.args(["+nightly", "fuzz", "run", "-O", target])
            .arg(&corpus)
            .arg(root().join("scripts"))
            .arg("--")
            .arg(format!("-dict={}", fuzz_dir.join("tl.dict").display()))
            .arg(format!("-max_total_time={seconds}"))
            // Scripts are short; a per-input timeout catches an input the work budget missed.
            .args(["-max_len=4096", "-timeout=10", "-rss_limit_mb=2048", "-print_final_stats=1"]);
        let result = crate::cmd::run(cmd);
        let artifacts = artifacts(&fuzz_dir.join("artifacts").join(target));
        if !artifacts.is_empty() {
            eprintln!("xtask: {target} left these inputs (copy each to fuzz/regressions/ once understood):");
            for a in &artifacts {
                eprintln!("  {a}");
            }
        }
        result?;
    }
    Ok(())
}

/// `cargo +nightly ...` run by rustup's proxy in `dir`, without the stable toolchain's
/// variables that `cargo xtask` inherited.
fn nightly_cargo(dir: &Path) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(dir);
    for var in ["CARGO", "RUSTUP_TOOLCHAIN", "RUSTC", "RUSTDOC", "CARGO_TARGET_DIR"] {
        cmd.env_remove(var);
    }
    cmd
}

/// Fails with the install command when `cargo ARGS` does not run.
fn require(what: &str, args: &[&str], install: &str) -> Result<(), String> {
    let ok = nightly_cargo(&root())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        Ok(())
    } else {
        Err(format!("cargo xtask fuzz needs the {what}: install it with `{install}`"))
    }
}

/// The crash, timeout and leak inputs libFuzzer wrote for one target, sorted.
fn artifacts(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path().display().to_string()).collect())
        .unwrap_or_default();
    out.sort();
    out
}
