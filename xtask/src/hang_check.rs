//! `cargo xtask hang-check [--quick] [--runner nextest|libtest]`: proves that a hang fails fast
//! and names itself. It runs the scenario suite with its one `#[ignore]`d test,
//! `hang_check::a_receive_nothing_will_fill_blocks_until_the_time_limit_kills_it`, which blocks on
//! a timer channel that nothing will fill (on a manual clock nobody advances: the shape of a
//! firing that wakes nobody). The check passes when the run ends non-zero, with that test — and
//! only it — reported as timed out at its limit, and every other test of the run passed.
//!
//! `--quick` runs the hanging test beside the three `turmoil_clock` tests only: about the hang's
//! limit of wall time and almost no CPU, so `cargo xtask test` runs it beside the workspace tests
//! under cargo-nextest ([`Beside`]), and last with the libtest runner.

use std::time::{Duration, Instant};

use crate::runner::limits::{Limits, TestId};
use crate::runner::report::{Summary, Verdict};
use crate::runner::{Runner, Suite};

/// The test that hangs on purpose (sim/tests/scenarios/hang_check.rs).
const HANGING: &str = "hang_check::a_receive_nothing_will_fill_blocks_until_the_time_limit_kills_it";
const BINARY: &str = "timerlab-sim::scenarios";

/// `cargo xtask hang-check [--quick] [--runner nextest|libtest]`.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut args = args.to_vec();
    let runner = Runner::from_args(&mut args)?;
    let quick = args.first().is_some_and(|a| a == "--quick");
    if let Some(other) = args.get(usize::from(quick)) {
        return Err(format!(
            "hang-check: unknown argument {other:?} (expected --quick, --runner nextest|libtest)"
        ));
    }
    check(runner, quick)
}

/// Runs the scenario suite (or, `quick`, a few of its tests) with the hanging test, and checks
/// how the run ended.
pub(crate) fn check(runner: Runner, quick: bool) -> Result<(), String> {
    let mut printed = String::new();
    let result = check_with(quick, true, &mut printed, |suite, _, _| runner.run(suite));
    print!("{printed}");
    result
}

/// The quick check running beside the workspace tests (cargo-nextest only: a nextest profile of
/// its own, `hang-check`, keeps the two runs' JUnit reports apart), its output held until
/// [`Beside::finish`]. It costs the hang's limit of wall time and almost no CPU, all of it
/// hidden behind the tests.
pub(crate) struct Beside {
    thread: std::thread::JoinHandle<(Result<(), String>, String)>,
}

impl Beside {
    /// Starts the quick check.
    pub(crate) fn start() -> Beside {
        let thread = std::thread::spawn(|| {
            let mut printed = String::new();
            // Started once the workspace is built: nothing to build first.
            let result = check_with(true, false, &mut printed, |suite, limits, printed| {
                let suite = Suite { nextest_profile: "hang-check", ..suite.clone() };
                suite.run_nextest(limits, Some(printed))
            });
            (result, printed)
        });
        Beside { thread }
    }

    /// Waits for the check and prints its output.
    ///
    /// # Errors
    ///
    /// When the check failed (see [`check`]).
    pub(crate) fn finish(self) -> Result<(), String> {
        let (result, printed) = self
            .thread
            .join()
            .unwrap_or_else(|_| (Err("the hang check's thread panicked".to_owned()), String::new()));
        print!("{printed}");
        result
    }
}

/// The check, with `run` running the suite (built first, when `build`) under the limits it was
/// given; everything it says is appended to `printed`.
fn check_with(
    quick: bool,
    build: bool,
    printed: &mut String,
    run: impl FnOnce(&Suite, &Limits, &mut String) -> Result<Summary, String>,
) -> Result<(), String> {
    let limits = Limits::load(&crate::cmd::root())?;
    let limit = limits.of(TestId { package: "timerlab-sim", binary_id: BINARY, name: HANGING });
    // The workspace's build and selection, so that nothing is built with other features.
    let suite = Suite {
        label: "the scenario suite with a hang injected".to_owned(),
        include_ignored: true,
        binary: Some(BINARY.to_owned()),
        names_containing: if quick {
            vec![HANGING.to_owned(), "turmoil_clock::".to_owned()]
        } else {
            Vec::new()
        },
        ..Suite::workspace()
    };
    if build {
        suite.build()?; // so that the time measured below is the tests', not the build's
    }
    let started = Instant::now(); // allow-nondeterminism: measuring the run's wall time is the point
    let summary = run(&suite, &limits, printed)?;
    let took = started.elapsed();
    let expected = format!("{BINARY} {HANGING}");
    let timed_out: Vec<&str> = summary
        .problems
        .iter()
        .filter(|p| matches!(p.verdict, Verdict::TimedOut { .. }))
        .map(|p| p.test.as_str())
        .collect();
    for problem in &summary.problems {
        printed.push_str(&format!("{}\n", problem.describe()));
    }
    let others_failed = summary.failed() - timed_out.len();
    printed.push_str(&format!(
        "hang-check: {} passed, {} timed out, {others_failed} failed otherwise; the run took {:.1} s, the hanging test's limit is {} s\n",
        summary.passed,
        timed_out.len(),
        took.as_secs_f64(),
        limit.as_secs()
    ));
    let only_the_hang_failed = summary.problems.len() == 1 && timed_out == [expected.as_str()];
    // The other tests run beside the hang, so the run ends about when the hang is killed (or
    // when the slowest other test ends); two minutes covers the slowest measured suite.
    let ended_near_the_limit = took < limit + Duration::from_secs(120);
    match (summary.problems.is_empty(), only_the_hang_failed, ended_near_the_limit) {
        (false, true, true) => {
            printed.push_str(&format!(
                "hang-check: ok, the hang was killed at its {} s limit and named; {} other tests passed\n",
                limit.as_secs(),
                summary.passed
            ));
            Ok(())
        }
        (true, ..) => Err("hang-check: the run passed, so the hanging test did not hang".to_owned()),
        (false, false, _) => Err(format!(
            "hang-check: expected only {expected} to time out; timed out: {timed_out:?}, failed: {}",
            summary.failed()
        )),
        (false, true, false) => Err(format!(
            "hang-check: the run took {:.0} s, far past the {} s limit",
            took.as_secs_f64(),
            limit.as_secs()
        )),
    }
}
