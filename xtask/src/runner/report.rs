//! What a test run found, and how it is told: every failure with its output, every test killed
//! at its limit with the limit, the command that reruns it alone, and the seed or repro lines
//! its output printed; then one closing line of counts.

use std::time::Duration;

/// How one test ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Passed,
    Failed,
    /// Killed when its time limit passed.
    TimedOut {
        limit: Duration,
    },
}

/// One test that did not pass, as reported at the end of a run.
#[derive(Clone, Debug)]
pub(crate) struct Problem {
    /// `gotime::semantics channel_timers::stop_after_expiry_returns_false…`.
    pub(crate) test: String,
    pub(crate) verdict: Verdict,
    /// The command that reruns the test alone.
    pub(crate) repro: String,
    /// What the test printed (for a test killed at its limit: until then).
    pub(crate) output: String,
}

/// The counts and the problems of one or more runs.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub(crate) passed: usize,
    pub(crate) problems: Vec<Problem>,
}

impl Summary {
    /// Adds another run's results.
    pub(crate) fn absorb(&mut self, other: Summary) {
        self.passed += other.passed;
        self.problems.extend(other.problems);
    }

    /// Tests that failed or were killed at their limit.
    pub(crate) fn failed(&self) -> usize {
        self.problems.len()
    }

    /// Prints every problem, then the closing line; an error when anything failed.
    pub(crate) fn finish(&self, what: &str) -> Result<(), String> {
        for problem in &self.problems {
            eprintln!("{}", problem.describe());
        }
        println!("{what}: {} passed, {} failed", self.passed, self.failed());
        if self.problems.is_empty() {
            Ok(())
        } else {
            let names: Vec<&str> = self.problems.iter().map(|p| p.test.as_str()).collect();
            Err(format!("{what}: {} failed: {}", self.failed(), names.join(", ")))
        }
    }
}

impl Problem {
    /// The report block: what happened, the seed lines, the repro command.
    pub(crate) fn describe(&self) -> String {
        let headline = match &self.verdict {
            Verdict::TimedOut { limit } => format!(
                "TIMED OUT {} after its limit of {} s (killed; a hang: something waits that nothing will wake)",
                self.test,
                limit.as_secs()
            ),
            Verdict::Failed | Verdict::Passed => format!("FAILED {}", self.test),
        };
        let mut text = format!("\n{headline}\n");
        for line in seed_lines(&self.output) {
            text.push_str(&format!("  {line}\n"));
        }
        text.push_str(&format!("  rerun alone: {}\n", self.repro));
        text
    }
}

/// Lines of a test's output that say how to reproduce it: a seed, a repro command, proptest's
/// shrunk input. At most eight, the last ones (the latest run is the one that matters).
pub(crate) fn seed_lines(output: &str) -> Vec<&str> {
    let lines: Vec<&str> = output
        .lines()
        // Under `--nocapture` a test's first line follows libtest's `test NAME ... `.
        .map(|line| {
            line.split_once(" ... ").filter(|_| line.starts_with("test ")).map_or(line, |(_, rest)| rest)
        })
        .map(str::trim)
        .filter(|line| {
            let lower = line.to_ascii_lowercase();
            lower.contains("seed") || lower.contains("repro") || lower.contains("minimal failing input")
        })
        .collect();
    lines[lines.len().saturating_sub(8)..].to_vec()
}

/// The cargo-only command that reruns one test of `binary_id`.
pub(crate) fn repro(binary_id: &str, test: &str) -> String {
    let (package, select) = match binary_id.split_once("::") {
        None => (binary_id, "--lib".to_owned()),
        Some((package, target)) => match target.split_once('/') {
            None => (package, format!("--test {target}")),
            Some((kind, name)) => (package, format!("--{kind} {name}")),
        },
    };
    format!("cargo test -p {package} {select} -- --exact '{test}' --include-ignored")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timed_out_test_is_named_with_its_limit_its_seed_and_its_repro() {
        let problem = Problem {
            test: "timerlab-sim::scenarios s1::leaky".to_owned(),
            verdict: Verdict::TimedOut { limit: Duration::from_secs(90) },
            repro: "cargo test -p timerlab-sim --test scenarios -- --exact 's1::leaky'".to_owned(),
            output:
                "running 1 test\nseed=7 repro: cargo run --release -p timerlab -- run s1 --seed 7\nnoise\n"
                    .to_owned(),
        };
        let text = problem.describe();
        assert!(
            text.contains("TIMED OUT timerlab-sim::scenarios s1::leaky after its limit of 90 s"),
            "{text}"
        );
        assert!(
            text.contains("  seed=7 repro: cargo run --release -p timerlab -- run s1 --seed 7\n"),
            "{text}"
        );
        assert!(
            text.contains("rerun alone: cargo test -p timerlab-sim --test scenarios -- --exact 's1::leaky'"),
            "{text}"
        );
        assert!(!text.contains("noise"), "{text}");
    }

    #[test]
    fn a_run_with_a_problem_is_an_error_naming_it() {
        let mut summary = Summary { passed: 3, problems: Vec::new() };
        assert!(summary.finish("tests").is_ok());
        summary.problems.push(Problem {
            test: "a::b c".to_owned(),
            verdict: Verdict::Failed,
            repro: String::new(),
            output: String::new(),
        });
        assert_eq!(summary.finish("tests").unwrap_err(), "tests: 1 failed: a::b c");
    }

    #[test]
    fn repro_commands_select_the_binary_by_its_kind() {
        assert_eq!(
            repro("gotime", "heap::t"),
            "cargo test -p gotime --lib -- --exact 'heap::t' --include-ignored"
        );
        assert_eq!(
            repro("timerlab::bin/timerlab", "t"),
            "cargo test -p timerlab --bin timerlab -- --exact 't' --include-ignored"
        );
    }
}
