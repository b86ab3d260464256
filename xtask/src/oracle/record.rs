//! Recording one release: for each setting, build the oracle, ask it which behaviour it got (or
//! record Go's refusal to start), run the corpus several times, and keep the traces only when
//! every run agrees. Then write `oracle/golden/<release>/` or compare with it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::corpus::{diff, Script};
use super::options::Options;
use super::setting::{settings, Setting};
use super::toolchain::{Release, Toolchain};

/// How many times a run the oracle itself declares unreliable (exit status 3) is run again.
const UNRELIABLE_RETRIES: usize = 5;

/// What one setting gave on one release.
pub struct Recording {
    pub setting: Setting,
    pub outcome: Outcome,
}

pub enum Outcome {
    /// The program ran: the behaviour `oracle -behaviour` observed and one trace per script.
    Traces { behaviour: String, traces: Vec<String> },
    /// Go refused to start the program: its exit status and message.
    Refused { status: i32, message: String },
}

/// Records every setting of the toolchain's release; fails, naming the script, the setting and
/// the differing lines, when two runs of a script disagree.
pub fn record(
    root: &Path,
    toolchain: &Toolchain,
    scripts: &[Script],
    opts: &Options,
) -> Result<Vec<Recording>, String> {
    let release = toolchain.release;
    if release.minor < 22 {
        return Err(format!("oracle: {release} cannot build the oracle, which needs go 1.22 or later"));
    }
    let mut bins: BTreeMap<u32, PathBuf> = BTreeMap::new();
    let mut recordings = Vec::new();
    let mut failures = String::new();
    for setting in settings(release) {
        let bin = match bins.get(&setting.go_line) {
            Some(bin) => bin.clone(),
            None => {
                let bin = toolchain.build_oracle(root, setting.go_line)?;
                bins.insert(setting.go_line, bin.clone());
                bin
            }
        };
        let outcome = match observe(&bin, &setting, opts.runs)? {
            Err((status, message)) => {
                eprintln!(
                    "oracle: {release} {}: Go refuses to start (exit status {status}): {message}",
                    setting.name
                );
                Outcome::Refused { status, message }
            }
            Ok(behaviour) => {
                eprintln!("oracle: {release} {}: {behaviour}", setting.name);
                let mut runs = Vec::new();
                for run in 1..=opts.runs {
                    eprintln!(
                        "oracle: {release} {} run {run}/{} of {} scripts",
                        setting.name,
                        opts.runs,
                        scripts.len()
                    );
                    runs.push(run_corpus(root, &bin, &setting, opts, scripts, release)?);
                }
                let mut traces = Vec::new();
                for script in scripts {
                    let path = format!("scripts/{}", script.rel);
                    let first = &runs[0][&path];
                    for (i, other) in runs.iter().enumerate().skip(1) {
                        if &other[&path] != first {
                            let _ = writeln!(
                                failures,
                                "\n{path} ({release}, {}): run 1 and run {} differ:\n{}",
                                setting.name,
                                i + 1,
                                diff(first, &other[&path])
                            );
                        }
                    }
                    traces.push(first.clone());
                }
                Outcome::Traces { behaviour, traces }
            }
        };
        recordings.push(Recording { setting, outcome });
    }
    if failures.is_empty() {
        Ok(recordings)
    } else {
        Err(format!(
            "traces differ between runs (scheduling noise; nothing written — retry on a quieter machine or with \
             a larger --quantum):{failures}"
        ))
    }
}

/// The oracle started as the setting says.
fn oracle(bin: &Path, setting: &Setting) -> Command {
    let mut cmd = Command::new(bin);
    cmd.args(["-asynctimerchan", setting.flag()]).env_remove("GODEBUG").env_remove("TIMERLAB_ORACLE_MODE");
    if let Some(value) = setting.asynctimerchan {
        cmd.env("GODEBUG", format!("asynctimerchan={value}"));
    }
    cmd
}

/// `oracle -behaviour`, `runs` times: the behaviour (`async cap=1 stale=true collected=false`),
/// or Go's refusal to start (exit status, message). Runs that disagree are an error.
fn observe(bin: &Path, setting: &Setting, runs: usize) -> Result<Result<String, (i32, String)>, String> {
    let mut seen: Option<Result<String, (i32, String)>> = None;
    for _ in 0..runs {
        let mut cmd = oracle(bin, setting);
        cmd.arg("-behaviour");
        let out = output(&mut cmd)?;
        let this = if out.status.success() {
            let line = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            // The bytes retained vary by a byte or two from run to run; the rest is the behaviour.
            Ok(line.split(" retained=").next().unwrap_or_default().to_owned())
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            if !stderr.starts_with("fatal error: ") {
                return Err(format!(
                    "oracle: `oracle -behaviour` failed with {} ({}):\n{}",
                    out.status,
                    setting.godebug(),
                    stderr.trim_end()
                ));
            }
            // Go's message, without the goroutine dump that follows the first blank line.
            let message = stderr.split("\n\n").next().unwrap_or_default().trim().to_owned();
            Err((out.status.code().unwrap_or(-1), message))
        };
        match &seen {
            Some(first) if *first != this => {
                return Err(format!(
                    "oracle: `oracle -behaviour` gave {first:?}, then {this:?} ({})",
                    setting.godebug()
                ))
            }
            _ => seen = Some(this),
        }
    }
    Ok(seen.expect("at least one run"))
}

fn output(cmd: &mut Command) -> Result<Output, String> {
    cmd.output().map_err(|e| format!("oracle: cannot run {:?}: {e}", cmd.get_program()))
}

/// One run of the oracle over every script: script path → trace.
fn run_corpus(
    root: &Path,
    bin: &Path,
    setting: &Setting,
    opts: &Options,
    scripts: &[Script],
    release: Release,
) -> Result<BTreeMap<String, String>, String> {
    let mut cmd = oracle(bin, setting);
    cmd.args(["-quantum", &opts.quantum, "-jobs", &opts.jobs.to_string()])
        .args(scripts.iter().map(|s| format!("scripts/{}", s.rel)))
        .current_dir(root);
    let mut out = output(&mut cmd)?;
    // Exit status 3: the machine was too busy for the wall clock to keep to the script's grid, so
    // the run vouches for nothing. Such a run is discarded, never compared, and run again.
    for _ in 0..UNRELIABLE_RETRIES {
        if out.status.code() != Some(3) {
            break;
        }
        eprintln!(
            "oracle: {} run discarded: {}",
            setting.name,
            String::from_utf8_lossy(&out.stderr).trim_end()
        );
        out = output(&mut cmd)?;
    }
    if !out.status.success() {
        return Err(format!(
            "oracle: the {release} {} run failed ({}):\n{}",
            setting.name,
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
            return Err(format!("oracle: the {} run printed no trace for {path}", setting.name));
        }
    }
    Ok(traces)
}

/// `oracle/golden/go1.26.6`.
pub fn release_dir(root: &Path, toolchain: &Toolchain) -> PathBuf {
    root.join("oracle/golden").join(toolchain.release.to_string())
}

/// The text of `oracle/golden/<release>/<setting>/REFUSED`.
fn refusal_text(toolchain: &Toolchain, setting: &Setting, status: i32, message: &str) -> String {
    format!(
        "# {} refuses to start the oracle (built with go 1.{}) with {}: exit status {status}, at program start.\n\
         {message}\n",
        toolchain.release,
        setting.go_line,
        setting.godebug()
    )
}

/// Fails when a fresh recording differs from the one in `oracle/golden/<release>/`.
pub fn check(
    root: &Path,
    toolchain: &Toolchain,
    scripts: &[Script],
    recordings: &[Recording],
) -> Result<(), String> {
    let dir = release_dir(root, toolchain);
    let mut failures = String::new();
    let mut compare = |file: PathBuf, fresh: &str, what: &str| {
        let recorded: String = std::fs::read_to_string(&file)
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.starts_with("recorded\t"))
            .flat_map(|line| [line, "\n"])
            .collect();
        if recorded != fresh {
            let shown = file.strip_prefix(root).unwrap_or(&file).display().to_string();
            let _ = writeln!(failures, "\n{what} differs from {shown}:\n{}", diff(&recorded, fresh));
        }
    };
    for r in recordings {
        let at = dir.join(&r.setting.name);
        match &r.outcome {
            Outcome::Traces { traces, .. } => {
                for (script, trace) in scripts.iter().zip(traces) {
                    let what = format!("scripts/{} ({}, {})", script.rel, toolchain.release, r.setting.name);
                    compare(at.join(script.golden_name()), trace, &what);
                }
            }
            Outcome::Refused { status, message } => {
                let what = format!("the refusal ({}, {})", toolchain.release, r.setting.name);
                compare(at.join("REFUSED"), &refusal_text(toolchain, &r.setting, *status, message), &what);
            }
        }
    }
    let manifest = manifest(toolchain, scripts, recordings, None);
    compare(dir.join("MANIFEST"), &manifest, "the MANIFEST (without its recording line)");
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("fresh traces differ from the recorded ones (run `cargo xtask oracle`):{failures}"))
    }
}

/// Replaces `oracle/golden/<release>/` with the recording.
pub fn write(
    root: &Path,
    toolchain: &Toolchain,
    scripts: &[Script],
    recordings: &[Recording],
    opts: &Options,
) -> Result<(), String> {
    let dir = release_dir(root, toolchain);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("oracle: cannot remove {}: {e}", dir.display()))?;
    }
    let write = |file: PathBuf, text: &str| {
        std::fs::create_dir_all(file.parent().expect("a file below the release directory"))
            .and_then(|()| std::fs::write(&file, text))
            .map_err(|e| format!("oracle: cannot write {}: {e}", file.display()))
    };
    for r in recordings {
        let at = dir.join(&r.setting.name);
        match &r.outcome {
            Outcome::Traces { traces, .. } => {
                for (script, trace) in scripts.iter().zip(traces) {
                    write(at.join(script.golden_name()), trace)?;
                }
            }
            Outcome::Refused { status, message } => {
                write(at.join("REFUSED"), &refusal_text(toolchain, &r.setting, *status, message))?;
            }
        }
    }
    write(dir.join("MANIFEST"), &manifest(toolchain, scripts, recordings, Some(opts)))
}

/// The MANIFEST: the toolchain, each setting with its go line, its GODEBUG and the behaviour the
/// oracle observed (or the refusal), and each script with the hash of the text its traces came
/// from. `--check` compares it without the line that says how it was recorded.
fn manifest(
    toolchain: &Toolchain,
    scripts: &[Script],
    recordings: &[Recording],
    opts: Option<&Options>,
) -> String {
    let mut text = format!(
        "# Real Go's traces of every corpus script on {release}, one directory per setting. Written by\n\
         # `cargo xtask oracle --go {version}`; checked by tests/oracle. Lines: the toolchain; each setting\n\
         # (directory, the oracle's go.mod go line, GODEBUG, the behaviour `oracle -behaviour` saw:\n\
         # RELEASES.md) or refusal (exit status, Go's message in REFUSED); each script with the FNV-1a\n\
         # 64 hash of the text its traces came from.\n\
         toolchain\t{release}\t{platform}\n",
        release = toolchain.release,
        version = toolchain.release.to_string().trim_start_matches("go"),
        platform = toolchain.platform,
    );
    if let Some(opts) = opts {
        let _ = writeln!(
            text,
            "recorded\tquantum {}, {} agreeing runs per script and setting",
            opts.quantum, opts.runs
        );
    }
    for r in recordings {
        let s = &r.setting;
        match &r.outcome {
            Outcome::Traces { behaviour, .. } => {
                let _ =
                    writeln!(text, "setting\t{}\tgo 1.{}\t{}\t{behaviour}", s.name, s.go_line, s.godebug());
            }
            Outcome::Refused { status, .. } => {
                let _ = writeln!(
                    text,
                    "refused\t{}\tgo 1.{}\t{}\texit status {status} at start",
                    s.name,
                    s.go_line,
                    s.godebug()
                );
            }
        }
    }
    for script in scripts {
        let _ = writeln!(text, "script\t{}\t{}", script.rel, script.hash());
    }
    text
}
