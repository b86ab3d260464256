//! The doctests (`cargo test --doc`), which nextest does not run, under a limit per doctest.
//!
//! libtest names a test that has run for 60 s ("test X has been running for over 60
//! seconds", printed when tests run on two or more threads); a doctest still unfinished
//! [`LIMIT`] after it started is killed with the whole `cargo test --doc` process group and
//! reported by name, and the doctests run again without it, so the others still run.

use std::collections::BTreeMap;
use std::process::Command;
use std::time::{Duration, Instant};

use super::child::{Ended, Limited};
use super::report::{Problem, Summary, Verdict};

/// A doctest's limit, its compilation included (rustdoc builds each one when it runs). The
/// slowest measured took about 3 s; see docs/TESTING.md, "Time limits".
pub(crate) const LIMIT: Duration = Duration::from_secs(120);

/// When libtest first names a test as slow.
const LIBTEST_NOTICE: Duration = Duration::from_secs(60);

/// Runs `cargo test --doc ARGS` until a run ends without a doctest killed at its limit.
pub(crate) fn run(cargo: impl Fn() -> Command, args: &[&str]) -> Result<Summary, String> {
    let mut skipped: Vec<String> = Vec::new();
    let mut summary = Summary::default();
    loop {
        let mut cmd = cargo();
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).max(2);
        cmd.args(["test", "--doc"]).args(args).args(["--", &format!("--test-threads={threads}")]);
        if !skipped.is_empty() {
            cmd.arg("--exact");
            for name in &skipped {
                cmd.args(["--skip", name]);
            }
        }
        eprintln!("$ {cmd:?}");
        let mut watch = Watch::default();
        let finished = Limited::spawn(cmd)?.wait_until(|output| watch.overdue(output))?;
        print!("{}", finished.output);
        let mut this_run = tally(&finished.output);
        match (finished.ended, watch.killed) {
            (Ended::KilledAtLimit, Some(test)) => {
                this_run.problems.push(Problem {
                    test: format!("doctest {test}"),
                    verdict: Verdict::TimedOut { limit: LIMIT },
                    repro: format!("cargo test --doc -- --exact '{test}'"),
                    output: String::new(),
                });
                summary.absorb(this_run);
                skipped.push(test);
            }
            (Ended::Exited(status), _) => {
                if !status.success() && this_run.problems.is_empty() {
                    return Err(format!(
                        "cargo test --doc failed with {status} before any doctest failed: see above"
                    ));
                }
                summary.absorb(this_run);
                return Ok(summary);
            }
            (Ended::KilledAtLimit, None) => unreachable!("killed only when a doctest is overdue"),
        }
    }
}

/// Which doctests libtest called slow, and when we first read it.
#[derive(Default)]
struct Watch {
    slow_since: BTreeMap<String, Instant>,
    killed: Option<String>,
}

impl Watch {
    /// Is a doctest past its limit? Remembers which.
    fn overdue(&mut self, output: &str) -> bool {
        let now = Instant::now(); // allow-nondeterminism: the watchdog's clock
        for line in output.lines() {
            if let Some(name) = line
                .strip_prefix("test ")
                .and_then(|l| l.strip_suffix(" has been running for over 60 seconds"))
            {
                self.slow_since.entry(name.to_owned()).or_insert(now);
            }
        }
        let done = |name: &str| output.lines().any(|line| line.starts_with(&format!("test {name} ... ")));
        let overdue = self
            .slow_since
            .iter()
            .find(|(name, since)| now.duration_since(**since) + LIBTEST_NOTICE >= LIMIT && !done(name));
        self.killed = overdue.map(|(name, _)| name.clone());
        self.killed.is_some()
    }
}

/// Passed counts from libtest's `test result:` lines, and a problem per failed doctest.
fn tally(output: &str) -> Summary {
    let mut summary = Summary::default();
    for line in output.lines() {
        if let Some(rest) = line.strip_prefix("test result: ") {
            let passed = rest
                .split(". ")
                .nth(1)
                .and_then(|counts| counts.split(' ').next())
                .and_then(|n| n.parse::<usize>().ok());
            summary.passed += passed.unwrap_or(0);
        } else if let Some(name) = line.strip_prefix("test ").and_then(|l| l.strip_suffix(" ... FAILED")) {
            summary.problems.push(Problem {
                test: format!("doctest {name}"),
                verdict: Verdict::Failed,
                repro: format!("cargo test --doc -- --exact '{name}'"),
                output: String::new(),
            });
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tally_counts_passes_from_the_result_lines_and_names_each_failure() {
        let output = "running 2 tests\ntest crates/x/src/lib.rs - f (line 3) ... ok\ntest crates/x/src/lib.rs - g (line 9) ... FAILED\n\
                      test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.2s\n\
                      test result: ok. 4 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.5s\n";
        let summary = tally(output);
        assert_eq!(summary.passed, 5);
        assert_eq!(summary.problems.len(), 1);
        assert_eq!(summary.problems[0].test, "doctest crates/x/src/lib.rs - g (line 9)");
    }

    #[test]
    fn a_doctest_named_slow_is_overdue_only_once_its_limit_passed_and_not_once_it_finished() {
        let slow = "test src/lib.rs - f (line 3) has been running for over 60 seconds\n";
        let mut watch = Watch::default();
        assert!(!watch.overdue(slow), "60 s of 120 s");
        let long_ago = Instant::now() - (LIMIT - LIBTEST_NOTICE);
        watch.slow_since.insert("src/lib.rs - f (line 3)".to_owned(), long_ago);
        assert!(watch.overdue(slow));
        assert_eq!(watch.killed.as_deref(), Some("src/lib.rs - f (line 3)"));
        assert!(!watch.overdue(&format!("{slow}test src/lib.rs - f (line 3) ... ok\n")), "finished");
    }
}
