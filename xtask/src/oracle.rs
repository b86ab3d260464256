//! `cargo xtask oracle [--check] [--runs N] [--jobs N] [--quantum DUR] [--go PATH]`: runs every
//! op script of the corpus (`scripts/**/*.tl`) on real Go (≥ 1.23) in both GODEBUG modes, several
//! times each, and records the traces as `oracle/golden/{async,sync}/<path>.out` (the path below
//! `scripts/` with `/` written `__`), plus `oracle/golden/MANIFEST`, which names each script with a
//! hash of the text its traces came from. tests/oracle replays those traces against the model and
//! the runtime without Go.
//!
//! A script whose trace differs between runs is refused: its run is named with the differing lines
//! and nothing is written. `--check` writes nothing and fails when a fresh trace differs from the
//! recorded one.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const MODES: [(&str, &str); 2] = [("async", "asynctimerchan=1"), ("sync", "asynctimerchan=0")];
const GO_FALLBACK: &str = "/usr/lib/go-1.23/bin/go";
/// How many times a run the oracle itself declares unreliable (exit status 3) is run again.
const UNRELIABLE_RETRIES: usize = 5;

/// Command-line options.
struct Options {
    check: bool,
    runs: usize,
    jobs: usize,
    quantum: String,
    go: Option<PathBuf>,
}

/// A script of the corpus: its path below `scripts/` and its text.
struct Script {
    rel: String,
    text: Vec<u8>,
}

impl Script {
    /// The golden file's name: `semantics/timer_len.tl` → `semantics__timer_len.out`.
    fn golden_name(&self) -> String {
        format!("{}.out", self.rel.trim_end_matches(".tl").replace('/', "__"))
    }
}

/// Entry point of `cargo xtask oracle`.
pub fn run(args: &[String]) -> Result<(), String> {
    let opts = parse_args(args)?;
    let root = crate::cmd::root();
    let go = find_go(opts.go.as_deref())?;
    let version = go_version(&go)?;
    let bin = build(&root, &go)?;
    let scripts = corpus(&root)?;
    let started = std::time::Instant::now();

    let mut failures = String::new();
    let mut traces: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (mode, godebug) in MODES {
        let mut runs: Vec<BTreeMap<String, String>> = Vec::new();
        for run in 1..=opts.runs {
            eprintln!("oracle: {mode} run {run}/{} of {} scripts", opts.runs, scripts.len());
            runs.push(run_oracle(&root, &bin, mode, godebug, &opts, &scripts)?);
        }
        let mut outs = Vec::new();
        for script in &scripts {
            let path = format!("scripts/{}", script.rel);
            let first = &runs[0][&path];
            for (i, other) in runs.iter().enumerate().skip(1) {
                if &other[&path] != first {
                    let _ = writeln!(
                        failures,
                        "\n{path} ({mode}): run 1 and run {} differ:\n{}",
                        i + 1,
                        diff(first, &other[&path])
                    );
                }
            }
            outs.push(first.clone());
        }
        traces.insert(mode, outs);
    }
    if !failures.is_empty() {
        return Err(format!(
            "traces differ between runs (scheduling noise; nothing written — retry on a quieter machine or with \
             a larger --quantum):{failures}"
        ));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let summary = format!(
        "{} scripts x 2 modes x {} runs agree ({version}, quantum {}, {elapsed:.1}s)",
        scripts.len(),
        opts.runs,
        opts.quantum
    );
    if opts.check {
        check(&root, &scripts, &traces)?;
        eprintln!("oracle: {summary}; the recorded traces are up to date");
    } else {
        write(&root, &scripts, &traces, &version, &opts)?;
        eprintln!("oracle: {summary}; wrote oracle/golden/");
    }
    Ok(())
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut opts = Options { check: false, runs: 3, jobs: 16, quantum: "25ms".to_owned(), go: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value =
            |name: &str| it.next().cloned().ok_or_else(|| format!("oracle: {name} needs a value"));
        match arg.as_str() {
            "--check" => opts.check = true,
            "--runs" => opts.runs = number("--runs", &value("--runs")?, 2)?,
            "--jobs" => opts.jobs = number("--jobs", &value("--jobs")?, 1)?,
            "--quantum" => opts.quantum = value("--quantum")?,
            "--go" => opts.go = Some(PathBuf::from(value("--go")?)),
            other => {
                return Err(format!(
                    "oracle: unknown argument {other:?}; usage: cargo xtask oracle [--check] [--runs N] \
                     [--jobs N] [--quantum 25ms] [--go PATH]"
                ))
            }
        }
    }
    Ok(opts)
}

fn number(name: &str, text: &str, min: usize) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= min => Ok(n),
        _ => Err(format!("oracle: {name} must be a whole number >= {min}, not {text:?}")),
    }
}

/// `--go`, else `go` on PATH when it is Go ≥ 1.23, else Debian's golang-1.23 location.
fn find_go(given: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(go) = given {
        return Ok(go.to_owned());
    }
    if go_version(Path::new("go")).is_ok_and(|v| supports_godebug(&v)) {
        return Ok(PathBuf::from("go"));
    }
    if Path::new(GO_FALLBACK).exists() {
        return Ok(PathBuf::from(GO_FALLBACK));
    }
    Err("oracle: Go >= 1.23 not found on PATH nor at /usr/lib/go-1.23/bin/go: install it (Debian: \
         golang-1.23-go) or pass --go PATH"
        .to_owned())
}

/// `go1.23.5` from `go version`.
fn go_version(go: &Path) -> Result<String, String> {
    let out = Command::new(go)
        .arg("version")
        .env("GOTOOLCHAIN", "local")
        .output()
        .map_err(|e| format!("oracle: cannot run {}: {e}", go.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace()
        .find(|w| w.starts_with("go1"))
        .map(str::to_owned)
        .ok_or_else(|| format!("oracle: unexpected `go version` output: {}", text.trim()))
}

/// Go 1.23 is the first with both timer channel implementations behind GODEBUG=asynctimerchan.
fn supports_godebug(version: &str) -> bool {
    let mut parts = version.trim_start_matches("go").split('.');
    let major = parts.next().and_then(|p| p.parse::<u32>().ok());
    let minor = parts.next().and_then(|p| p.parse::<u32>().ok());
    matches!((major, minor), (Some(1), Some(m)) if m >= 23)
}

/// Builds the oracle into `target/oracle/oracle`: standard library only, no network.
fn build(root: &Path, go: &Path) -> Result<PathBuf, String> {
    let version = go_version(go)?;
    if !supports_godebug(&version) {
        return Err(format!("oracle: {} is {version}; the oracle needs Go >= 1.23", go.display()));
    }
    let bin = root.join("target/oracle/oracle");
    let mut cmd = Command::new(go);
    cmd.args(["build", "-trimpath", "-o"])
        .arg(&bin)
        .arg(".")
        .current_dir(root.join("oracle"))
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("GOWORK", "off")
        .env("GOFLAGS", "-buildvcs=false");
    crate::cmd::run(cmd)?;
    Ok(bin)
}

/// Every `.tl` file below `scripts/`, sorted by path.
fn corpus(root: &Path) -> Result<Vec<Script>, String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<Script>) -> Result<(), String> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("oracle: cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("oracle: cannot list {}: {e}", dir.display()))?.path();
            if path.is_dir() {
                walk(&path, base, out)?;
            } else if path.extension().is_some_and(|e| e == "tl") {
                let rel =
                    path.strip_prefix(base).expect("below the base").to_string_lossy().replace('\\', "/");
                if rel.contains("__") {
                    return Err(format!("oracle: scripts/{rel}: `__` in a script path would be ambiguous in its golden file name"));
                }
                let text = std::fs::read(&path)
                    .map_err(|e| format!("oracle: cannot read {}: {e}", path.display()))?;
                out.push(Script { rel, text });
            }
        }
        Ok(())
    }
    let base = root.join("scripts");
    let mut scripts = Vec::new();
    walk(&base, &base, &mut scripts)?;
    scripts.sort_by(|a, b| a.rel.cmp(&b.rel));
    if scripts.is_empty() {
        return Err("oracle: no scripts under scripts/".to_owned());
    }
    Ok(scripts)
}

/// One run of the oracle over every script in one mode: script path → trace.
fn run_oracle(
    root: &Path,
    bin: &Path,
    mode: &str,
    godebug: &str,
    opts: &Options,
    scripts: &[Script],
) -> Result<BTreeMap<String, String>, String> {
    let mut cmd = Command::new(bin);
    cmd.args(["-mode", mode, "-quantum", &opts.quantum, "-jobs", &opts.jobs.to_string()])
        .args(scripts.iter().map(|s| format!("scripts/{}", s.rel)))
        .current_dir(root)
        .env("GODEBUG", godebug);
    let mut out = cmd.output().map_err(|e| format!("oracle: cannot run {}: {e}", bin.display()))?;
    // Exit status 3: the machine was too busy for the wall clock to keep to the script's grid, so
    // the run vouches for nothing. Such a run is discarded, never compared, and run again.
    for _ in 0..UNRELIABLE_RETRIES {
        if out.status.code() != Some(3) {
            break;
        }
        eprintln!("oracle: {mode} run discarded: {}", String::from_utf8_lossy(&out.stderr).trim_end());
        out = cmd.output().map_err(|e| format!("oracle: cannot run {}: {e}", bin.display()))?;
    }
    if !out.status.success() {
        return Err(format!(
            "oracle: the {mode} run failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim_end()
        ));
    }
    let stdout = String::from_utf8(out.stdout).map_err(|_| "oracle: its output is not UTF-8".to_owned())?;
    let mut traces = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in stdout.lines() {
        if let Some(path) = line.strip_prefix("== ") {
            traces.extend(current.take());
            current = Some((path.to_owned(), String::new()));
        } else if let Some((_, trace)) = current.as_mut() {
            trace.push_str(line);
            trace.push('\n');
        } else {
            return Err(format!("oracle: unexpected output line before any script: {line:?}"));
        }
    }
    traces.extend(current);
    for script in scripts {
        let path = format!("scripts/{}", script.rel);
        if !traces.contains_key(&path) {
            return Err(format!("oracle: the {mode} run printed no trace for {path}"));
        }
    }
    Ok(traces)
}

/// A line diff aligned by position: `-` first, `+` second, two spaces for equal lines.
fn diff(first: &str, second: &str) -> String {
    let (a, b): (Vec<_>, Vec<_>) = (first.lines().collect(), second.lines().collect());
    let mut out = String::new();
    for i in 0..a.len().max(b.len()) {
        match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) if x == y => {
                let _ = writeln!(out, "  {x}");
            }
            (x, y) => {
                if let Some(x) = x {
                    let _ = writeln!(out, "- {x}");
                }
                if let Some(y) = y {
                    let _ = writeln!(out, "+ {y}");
                }
            }
        }
    }
    out
}

fn golden_dir(root: &Path, mode: &str) -> PathBuf {
    root.join("oracle/golden").join(mode)
}

fn check(root: &Path, scripts: &[Script], traces: &BTreeMap<&str, Vec<String>>) -> Result<(), String> {
    let mut failures = String::new();
    for (mode, outs) in traces {
        for (script, out) in scripts.iter().zip(outs) {
            let file = golden_dir(root, mode).join(script.golden_name());
            let recorded = std::fs::read_to_string(&file).unwrap_or_default();
            if &recorded != out {
                let _ = writeln!(
                    failures,
                    "\nscripts/{} ({mode}) differs from {}:\n{}",
                    script.rel,
                    file.strip_prefix(root).unwrap_or(&file).display(),
                    diff(&recorded, out)
                );
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("fresh traces differ from the recorded ones (run `cargo xtask oracle`):{failures}"))
    }
}

fn write(
    root: &Path,
    scripts: &[Script],
    traces: &BTreeMap<&str, Vec<String>>,
    version: &str,
    opts: &Options,
) -> Result<(), String> {
    for (mode, outs) in traces {
        let dir = golden_dir(root, mode);
        std::fs::create_dir_all(&dir).map_err(|e| format!("oracle: cannot create {}: {e}", dir.display()))?;
        let keep: Vec<String> = scripts.iter().map(Script::golden_name).collect();
        // Traces of scripts that no longer exist go.
        for entry in
            std::fs::read_dir(&dir).map_err(|e| format!("oracle: cannot list {}: {e}", dir.display()))?
        {
            let path = entry.map_err(|e| format!("oracle: cannot list {}: {e}", dir.display()))?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if name.ends_with(".out") && !keep.contains(&name) {
                std::fs::remove_file(&path)
                    .map_err(|e| format!("oracle: cannot remove {}: {e}", path.display()))?;
            }
        }
        for (script, out) in scripts.iter().zip(outs) {
            let file = dir.join(script.golden_name());
            std::fs::write(&file, out)
                .map_err(|e| format!("oracle: cannot write {}: {e}", file.display()))?;
        }
    }
    let mut manifest = format!(
        "# The scripts behind async/*.out and sync/*.out, each with the FNV-1a 64 hash of the text its\n\
         # traces were recorded from. Rewritten by `cargo xtask oracle`; checked by tests/oracle.\n\
         # {version}, quantum {}, {} agreeing runs per script and mode\n",
        opts.quantum, opts.runs
    );
    for script in scripts {
        let _ = writeln!(manifest, "{}\t{:016x}", script.rel, fnv1a64(&script.text));
    }
    let file = root.join("oracle/golden/MANIFEST");
    std::fs::write(&file, manifest).map_err(|e| format!("oracle: cannot write {}: {e}", file.display()))
}

/// FNV-1a, 64 bits: a stable fingerprint of a script's bytes (tests/oracle computes the same).
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
