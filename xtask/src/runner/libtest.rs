//! The runner for a machine without cargo-nextest: nextest's model with cargo alone. The test
//! binaries come from `cargo test --no-run`; every test runs in a process of its own
//! (`BINARY --exact NAME`), as nextest runs it, with its limit from `.config/nextest.toml`, a few
//! at a time. A test still running at its limit is killed with its process group and reported
//! by name; the others go on.

use std::collections::VecDeque;
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

use super::binaries::{self, TestBinary};
use super::child::{Ended, Limited};
use super::limits::{Limits, TestId};
use super::report::{Problem, Summary, Verdict};

/// One test to run.
struct Job<'a> {
    binary: &'a TestBinary,
    name: String,
    limit: Duration,
}

/// Builds with `build` (a `cargo test … --no-run`) and runs every test of every binary built,
/// the ignored ones too with `include_ignored`, those `selected(binary id, test name)` accepts.
pub(crate) fn run(
    build: Command,
    limits: &Limits,
    include_ignored: bool,
    selected: &dyn Fn(&str, &str) -> bool,
) -> Result<Summary, String> {
    let built = binaries::build(build)?;
    let mut jobs = Vec::new();
    for binary in &built.tests {
        let mut names = binary.tests()?;
        if include_ignored {
            names.extend(binary.ignored_tests()?);
        }
        for name in names.into_iter().filter(|name| selected(&binary.id, name)) {
            let id = TestId { package: &binary.package, binary_id: &binary.id, name: &name };
            let limit = limits.of(id);
            jobs.push(Job { binary, name, limit });
        }
    }
    let binaries_run = built.tests.len();
    eprintln!("running {} tests across {binaries_run} binaries, one process each", jobs.len());
    Ok(run_jobs(jobs))
}

/// Runs the jobs on as many workers as the machine has cores.
fn run_jobs(jobs: Vec<Job<'_>>) -> Summary {
    let queue = Mutex::new(VecDeque::from(jobs));
    let summary = Mutex::new(Summary::default());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let Some(job) = queue.lock().expect("job queue").pop_front() else { break };
                let outcome = run_one(&job);
                let mut summary = summary.lock().expect("summary");
                match outcome {
                    Ok(()) => summary.passed += 1,
                    Err(problem) => summary.problems.push(problem),
                }
            });
        }
    });
    summary.into_inner().expect("summary")
}

/// Runs one test in its own process; prints one status line, and the output when it failed.
fn run_one(job: &Job<'_>) -> Result<(), Problem> {
    let mut cmd = job.binary.command();
    // The job list already left out the ignored tests it should not run.
    cmd.args(["--exact", &job.name, "--include-ignored", "--nocapture", "--test-threads=1"]);
    let test = format!("{} {}", job.binary.id, job.name);
    let problem = |verdict, output: String| Problem {
        test: test.clone(),
        verdict,
        repro: job.binary.repro(&job.name),
        output,
    };
    let finished = match Limited::spawn(cmd).and_then(|child| child.wait(job.limit)) {
        Ok(finished) => finished,
        Err(e) => return Err(problem(Verdict::Failed, e)),
    };
    let verdict = match finished.ended {
        // `--exact` with a name the binary does not have would pass having run nothing.
        Ended::Exited(status) if status.success() && finished.output.contains("1 passed") => Verdict::Passed,
        Ended::Exited(_) => Verdict::Failed,
        Ended::KilledAtLimit => Verdict::TimedOut { limit: job.limit },
    };
    let status = match verdict {
        Verdict::Passed => "PASS",
        Verdict::Failed => "FAIL",
        Verdict::TimedOut { .. } => "TIMEOUT",
    };
    eprintln!("{status:>8} [{:>8.3}s] {test}", finished.elapsed.as_secs_f64());
    if verdict == Verdict::Passed {
        return Ok(());
    }
    eprintln!("--- output of {test} ---\n{}--- end of {test} ---", finished.output);
    Err(problem(verdict, finished.output))
}
