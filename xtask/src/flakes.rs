//! `cargo xtask flakes [--runs N] [--runner nextest|libtest] [-p PACKAGE …]`: runs the workspace
//! tests N times (default 20; the build once) under their time limits and reports every test
//! that ever failed or timed out, with how often. A test that fails in some runs only is a
//! flake: docs/TESTING.md, "Flakes", records the last hunt.

use std::collections::BTreeMap;

use crate::runner::report::Problem;
use crate::runner::{Runner, Suite};

/// Runs the suite `--runs` times and lists every test that ever failed.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut args = args.to_vec();
    let runner = Runner::from_args(&mut args)?;
    let mut runs = 20;
    let mut suite = Suite::workspace();
    let mut packages = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--runs" => {
                let n = it.next().ok_or("--runs needs a count, e.g. --runs 20")?;
                runs = n.parse().ok().filter(|&n| n > 0).ok_or_else(|| format!("--runs {n:?}: expected a count of 1 or more"))?;
            }
            "-p" => packages.push(it.next().ok_or("-p needs a package, e.g. -p gotime")?.clone()),
            other => return Err(format!("flakes: unknown argument {other:?} (expected --runs N, -p PACKAGE, --runner nextest|libtest)")),
        }
    }
    if !packages.is_empty() {
        suite.cargo_args = vec!["--locked".to_owned()];
        for p in packages {
            suite.cargo_args.extend(["-p".to_owned(), p]);
        }
    }
    // Every failure counts here: no retry may pass a test that failed once.
    suite.env.push(("NEXTEST_RETRIES".to_owned(), "0".to_owned()));
    let mut failures: BTreeMap<String, Vec<(usize, Problem)>> = BTreeMap::new();
    let mut passed_runs = 0;
    for run in 1..=runs {
        eprintln!("xtask flakes: run {run} of {runs}");
        let summary = runner.run(&suite)?;
        passed_runs += usize::from(summary.problems.is_empty());
        eprintln!("xtask flakes: run {run}: {} passed, {} failed", summary.passed, summary.failed());
        for problem in summary.problems {
            failures.entry(problem.test.clone()).or_default().push((run, problem));
        }
    }
    if failures.is_empty() {
        println!("flakes: {runs} runs, every test passed in every run");
        return Ok(());
    }
    for (test, seen) in &failures {
        let which: Vec<String> = seen.iter().map(|(run, _)| run.to_string()).collect();
        println!("\n{test}: failed in {} of {runs} runs (runs {})", seen.len(), which.join(", "));
        let (_, last) = seen.last().expect("at least one failure");
        println!("{}", last.describe());
    }
    Err(format!(
        "flakes: {} tests failed at least once; {passed_runs} of {runs} runs were clean",
        failures.len()
    ))
}
