//! The `timers` benchmark target (`benches/timers`): the operations it measures, and its build.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One measured operation: criterion group, Go benchmark, table label, whether it leaks in async
/// mode (so Go runs it in processes of its own), and whether tokio has a counterpart.
pub(super) struct Op {
    pub(super) id: &'static str,
    pub(super) go: &'static str,
    pub(super) label: &'static str,
    pub(super) leaks: bool,
    pub(super) tokio: bool,
}

/// Numbers of other live timers each operation is measured with (`benches/timers/others.rs`).
pub(super) const SIZES: [u64; 4] = [10, 1_000, 100_000, 1_000_000];

pub(super) const OPS: [Op; 6] = [
    Op { id: "new_timer_stop", go: "NewTimerStop", label: "NewTimer+Stop", leaks: false, tokio: true },
    Op { id: "reset_active", go: "ResetActive", label: "Reset (armed)", leaks: false, tokio: true },
    Op { id: "after_dropped", go: "AfterDropped", label: "After, dropped unread", leaks: true, tokio: true },
    Op { id: "after_func_stop", go: "AfterFuncStop", label: "AfterFunc+Stop", leaks: false, tokio: false },
    Op { id: "ticker_stop", go: "TickerStop", label: "NewTicker+Stop", leaks: false, tokio: true },
    Op { id: "seed2_loop", go: "Seed2Loop", label: "seed-2 loop iteration", leaks: true, tokio: true },
];

/// For a `--FLAG` that runs the benchmark under `tool` (whose Debian package is `package`): checks
/// that the tool runs, builds the benchmark and makes the output directory `target/DIR`; the
/// executable and that directory.
///
/// # Errors
///
/// A missing tool (one line naming its package), a failed build, or a directory not made.
pub(super) fn build_for(
    tool: &str,
    package: &str,
    flag: &str,
    dir: &str,
    root: &Path,
) -> Result<(PathBuf, PathBuf), String> {
    let version = Command::new(tool).arg("--version").output();
    if !version.is_ok_and(|out| out.status.success()) {
        return Err(format!("bench: {flag} needs {tool} (Debian: apt-get install {package})"));
    }
    let exe = benchmark_build()?;
    let dir = root.join("target").join(dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("bench: cannot create {}: {e}", dir.display()))?;
    Ok((exe, dir))
}

/// Builds the `timers` benchmark without running it; its executable.
///
/// # Errors
///
/// When cargo cannot run or the build fails (with cargo's output), or cargo names no executable.
fn benchmark_build() -> Result<PathBuf, String> {
    let mut build = crate::cmd::cargo();
    build.args([
        "bench",
        "--locked",
        "-p",
        "timerlab-benches",
        "--bench",
        "timers",
        "--no-run",
        "--message-format=json",
    ]);
    eprintln!("$ {build:?}");
    let out = build.output().map_err(|e| format!("bench: cannot run cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "bench: building the benchmarks failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    benchmark_executable(&String::from_utf8_lossy(&out.stdout))
        .ok_or_else(|| "bench: cargo did not report the `timers` benchmark's executable".to_owned())
}

/// The `timers` benchmark's executable, from `cargo bench --no-run --message-format=json`.
fn benchmark_executable(json_lines: &str) -> Option<PathBuf> {
    let line = json_lines.lines().rfind(|l| l.contains("\"name\":\"timers\""))?;
    let start = line.find("\"executable\":\"")? + "\"executable\":\"".len();
    let end = start + line[start..].find('"')?;
    Some(PathBuf::from(&line[start..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_benchmark_executable_in_cargo_messages() {
        let messages = concat!(
            r#"{"reason":"compiler-artifact","target":{"name":"gotime"},"executable":null}"#,
            "\n",
            r#"{"reason":"compiler-artifact","target":{"name":"timers"},"executable":"/t/release/deps/timers-1a"}"#,
        );
        assert_eq!(benchmark_executable(messages), Some(PathBuf::from("/t/release/deps/timers-1a")));
        assert_eq!(benchmark_executable("{}"), None);
    }
}
