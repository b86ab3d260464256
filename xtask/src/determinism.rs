//! `cargo xtask determinism [ARGS]`: every registered scenario × variant × semantics, run twice
//! per seed with the quick preset, full traces compared (`crates/cli/examples/determinism.rs`; the
//! arguments go to it: `--seeds 7,1,99`, `--preset quick|default`, `--jobs N`). `cargo xtask test`
//! runs it with its defaults (three seeds) from the build the tests use (the test profile), beside
//! the workspace tests at the lowest CPU priority ([`Beside`]): no build of its own, and its CPU
//! comes out of the time the tests leave idle.

use std::io::ErrorKind;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;

use crate::cmd::{root, run as run_cmd};
use crate::runner::report::{Problem, Summary, Verdict};
use crate::runner::{Built, Suite};

/// The example's target name.
const EXAMPLE: &str = "determinism";

/// Builds the workspace tests (which builds the example) and runs the check.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let built = Suite::workspace().build()?;
    let mut cmd = Command::new(executable(&built)?);
    cmd.current_dir(root()).args(args);
    run_cmd(cmd)
        .map_err(|e| format!("determinism check failed (its output names the run and the repro): {e}"))
}

fn executable(built: &Built) -> Result<&Path, String> {
    built.executables.iter().find(|(target, _)| target == EXAMPLE).map(|(_, exe)| exe.as_path()).ok_or_else(
        || "the build has no determinism example: is crates/cli/examples/determinism.rs there?".to_owned(),
    )
}

/// The check running in the background, its output collected until [`Beside::finish`].
///
/// It runs under `nice -n 19` where `nice` exists: the tests beside it get the CPU whenever they
/// want it (the real-time engines' tests among them), and the check takes what they leave idle —
/// the real-time tests' sleeps, the run's tail of single slow tests. Without `nice` it runs at
/// normal priority, which is slower overall but checks the same.
pub(crate) struct Beside {
    child: Child,
    /// The thread reading the check's output; taken by [`Beside::finish`].
    stdout: Option<JoinHandle<String>>,
}

/// A run that stops early (the tests could not run) does not leave the check running on.
impl Drop for Beside {
    fn drop(&mut self) {
        if self.stdout.is_some() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Beside {
    /// Starts the check from `built`.
    ///
    /// # Errors
    ///
    /// When the build has no determinism example, or the process cannot start.
    pub(crate) fn start(built: &Built) -> Result<Beside, String> {
        let exe = executable(built)?;
        let spawn = |program: &Path, args: &[&std::ffi::OsStr]| {
            let mut cmd = Command::new(program);
            cmd.current_dir(root()).args(args).stdout(Stdio::piped());
            eprintln!("$ {cmd:?} &");
            cmd.spawn()
        };
        let niced = spawn(Path::new("nice"), &["-n".as_ref(), "19".as_ref(), exe.as_os_str()]);
        let mut child = match niced {
            Err(e) if e.kind() == ErrorKind::NotFound => spawn(exe, &[]),
            other => other,
        }
        .map_err(|e| format!("cannot start the determinism check {}: {e}", exe.display()))?;
        let mut out = child.stdout.take().expect("stdout is piped");
        // Read as it comes, so a long failure report never fills the pipe and stalls the check.
        let stdout = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut out, &mut text);
            text
        });
        Ok(Beside { child, stdout: Some(stdout) })
    }

    /// Waits for the check, prints what it printed, and reports it as one more test: passed,
    /// or failed with its output (which names every differing run and its repro command).
    pub(crate) fn finish(mut self) -> Summary {
        let status = self.child.wait();
        let output = self.stdout.take().map(|t| t.join().unwrap_or_default()).unwrap_or_default();
        print!("{output}");
        let mut summary = Summary::default();
        match status {
            Ok(status) if status.success() => summary.passed += 1,
            ended => summary.problems.push(Problem {
                test: "the determinism check".to_owned(),
                verdict: Verdict::Failed,
                repro: "cargo xtask determinism".to_owned(),
                output: format!("{output}ended: {ended:?}\n"),
            }),
        }
        summary
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    /// A build whose determinism example is `program`.
    fn built_with(program: &str) -> Built {
        Built { tests: Vec::new(), executables: vec![(EXAMPLE.to_owned(), PathBuf::from(program))] }
    }

    #[test]
    fn a_check_that_exits_zero_counts_as_one_passed_test() {
        let summary = Beside::start(&built_with("true")).expect("`true` starts").finish();
        assert_eq!((summary.passed, summary.problems.len()), (1, 0));
    }

    #[test]
    fn a_check_that_fails_is_a_problem_named_with_its_repro() {
        let summary = Beside::start(&built_with("false")).expect("`false` starts").finish();
        assert_eq!(summary.passed, 0);
        let [problem] = &summary.problems[..] else { panic!("{summary:?}") };
        assert_eq!(problem.test, "the determinism check");
        assert_eq!(problem.verdict, Verdict::Failed);
        assert_eq!(problem.repro, "cargo xtask determinism");
    }

    #[test]
    fn a_check_let_go_of_unfinished_is_stopped() {
        let beside = Beside::start(&built_with("yes")).expect("`yes` starts");
        let pid = beside.child.id();
        drop(beside);
        let proc = std::path::Path::new("/proc").join(pid.to_string());
        assert!(!proc.exists(), "process {pid} still runs");
    }

    #[test]
    fn a_build_without_the_example_is_an_error_naming_it() {
        let Err(message) = Beside::start(&Built::default()) else { panic!("started without an example") };
        assert!(message.contains("determinism example"), "{message}");
    }
}
