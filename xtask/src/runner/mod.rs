//! Running test binaries with a time limit per test, so that a hang fails fast and names itself.
//!
//! cargo-nextest runs them when it is installed (it reads the limits from `.config/nextest.toml`);
//! without it, the libtest runner does the same with cargo alone, reading the same limits. Either
//! way a test still running at its limit is killed and reported with its name, the limit, the
//! seed lines it printed and the command that reruns it, and the run goes on. Doctests, which
//! nextest does not run, have their own runner. docs/TESTING.md, "Time limits", has the table.
//!
//! | file | concept |
//! |---|---|
//! | `limits.rs` | the limit of each test, from `.config/nextest.toml` |
//! | `child.rs` | a child process in its own group, killed at a limit |
//! | `binaries.rs` | the test binaries `cargo test --no-run` built, and their tests |
//! | `nextest.rs` | the nextest runner and its JUnit report |
//! | `libtest.rs` | the runner with cargo alone: one process per test |
//! | `doctests.rs` | `cargo test --doc` with a limit per doctest |
//! | `report.rs` | verdicts, the report of each problem, the closing counts line |

mod binaries;
mod child;
pub(crate) mod doctests;
mod libtest;
pub(crate) mod limits;
mod nextest;
pub(crate) mod report;

pub(crate) use binaries::Built;
use limits::Limits;
use report::Summary;

use crate::cmd::{cargo, root};

/// Which program runs the test binaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Runner {
    Nextest,
    Libtest,
}

impl Runner {
    /// `--runner nextest|libtest` taken out of `args`; by default nextest when installed.
    pub(crate) fn from_args(args: &mut Vec<String>) -> Result<Runner, String> {
        let Some(at) = args.iter().position(|a| a == "--runner") else {
            return Ok(if nextest::available() { Runner::Nextest } else { Runner::Libtest });
        };
        let value = args.get(at + 1).cloned().unwrap_or_default();
        args.drain(at..(at + 2).min(args.len()));
        match value.as_str() {
            "nextest" if nextest::available() => Ok(Runner::Nextest),
            "nextest" => {
                Err("--runner nextest: cargo-nextest is not installed (cargo install cargo-nextest --locked)"
                    .to_owned())
            }
            "libtest" => Ok(Runner::Libtest),
            other => Err(format!("--runner {other:?}: expected nextest or libtest")),
        }
    }

    /// Runs every test of `suite` (built first if need be) under its limit.
    pub(crate) fn run(self, suite: &Suite) -> Result<Summary, String> {
        let limits = Limits::load(&root())?;
        eprintln!("xtask: {} with {}", suite.label, self.name());
        match self {
            Runner::Nextest => suite.run_nextest(&limits, None),
            Runner::Libtest => {
                let selected = |binary: &str, name: &str| suite.selects(binary, name);
                libtest::run(suite.build_command(), &limits, suite.include_ignored, &selected)
            }
        }
    }

    fn name(self) -> &'static str {
        match self {
            Runner::Nextest => "cargo-nextest",
            Runner::Libtest => "the libtest runner (cargo-nextest is not installed)",
        }
    }
}

/// Test binaries to run: the cargo arguments that select and build them, and their environment.
#[derive(Clone, Debug)]
pub(crate) struct Suite {
    pub(crate) label: String,
    /// Package and target selection, `--locked`; no `--`.
    pub(crate) cargo_args: Vec<String>,
    pub(crate) env: Vec<(String, String)>,
    /// Run the `#[ignore]`d tests too.
    pub(crate) include_ignored: bool,
    /// Run only the tests of this binary (`timerlab-sim::scenarios`), when set.
    pub(crate) binary: Option<String>,
    /// Run only the tests whose name contains one of these (all, when empty).
    pub(crate) names_containing: Vec<String>,
    /// The nextest profile (`.config/nextest.toml`): `default`, or another for a run beside it.
    pub(crate) nextest_profile: &'static str,
}

impl Suite {
    /// Every test of the workspace but the loom models.
    pub(crate) fn workspace() -> Suite {
        Suite {
            label: "the workspace tests".to_owned(),
            cargo_args: vec!["--workspace".to_owned(), "--locked".to_owned()],
            env: Vec::new(),
            include_ignored: false,
            binary: None,
            names_containing: Vec::new(),
            nextest_profile: "default",
        }
    }

    /// The loom models (`crates/gotime/tests/loom_*.rs`): built with `--cfg gotime_loom` in
    /// `target/loom`, so they never invalidate the normal build.
    pub(crate) fn loom(models: &[String]) -> Suite {
        let mut cargo_args = vec!["--locked".to_owned(), "-p".to_owned(), "gotime".to_owned()];
        for model in models {
            cargo_args.extend(["--test".to_owned(), model.clone()]);
        }
        let target_dir = root().join("target/loom").display().to_string();
        Suite {
            label: "the loom models".to_owned(),
            cargo_args,
            env: vec![
                ("RUSTFLAGS".to_owned(), "--cfg gotime_loom".to_owned()),
                ("CARGO_TARGET_DIR".to_owned(), target_dir),
            ],
            include_ignored: false,
            binary: None,
            names_containing: Vec::new(),
            nextest_profile: "default",
        }
    }

    /// Whether the test `name` of `binary` is one to run.
    fn selects(&self, binary: &str, name: &str) -> bool {
        self.binary.as_ref().is_none_or(|b| b == binary)
            && (self.names_containing.is_empty()
                || self.names_containing.iter().any(|n| name.contains(n.as_str())))
    }

    /// The same selection as a nextest filter expression (empty: every test).
    fn nextest_filter(&self) -> String {
        let names: Vec<String> = self.names_containing.iter().map(|n| format!("test({n})")).collect();
        let names = names.join(" | ");
        match (&self.binary, names.is_empty()) {
            (None, _) => names,
            (Some(binary), true) => format!("binary_id({binary})"),
            (Some(binary), false) => format!("binary_id({binary}) & ({names})"),
        }
    }

    /// The suite under cargo-nextest, in the suite's nextest profile; with `printed`, nextest's
    /// output goes there instead of to the terminal.
    pub(crate) fn run_nextest(
        &self,
        limits: &Limits,
        printed: Option<&mut String>,
    ) -> Result<Summary, String> {
        let mut args: Vec<&str> = self.cargo_args.iter().map(String::as_str).collect();
        if self.include_ignored {
            args.extend(["--run-ignored", "all"]);
        }
        let expression = self.nextest_filter();
        if !expression.is_empty() {
            args.extend(["-E", &expression]);
        }
        let env: Vec<(&str, &str)> = self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        nextest::run(&args, &env, &root(), limits, self.nextest_profile, printed)
    }

    /// `cargo test ARGS --no-run`: what nextest runs to build, so either build serves the other.
    pub(crate) fn build_command(&self) -> std::process::Command {
        let mut cmd = cargo();
        cmd.arg("test").args(&self.cargo_args).arg("--no-run").envs(self.env.iter().map(|(k, v)| (k, v)));
        cmd
    }

    /// Builds the suite's binaries (and, for the workspace, the examples `cargo test` builds).
    pub(crate) fn build(&self) -> Result<Built, String> {
        binaries::build(self.build_command())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binary_and_name_fragments_select_the_same_tests_under_both_runners() {
        let suite = Suite {
            binary: Some("p::b".to_owned()),
            names_containing: vec!["x::".to_owned(), "y".to_owned()],
            ..Suite::workspace()
        };
        assert_eq!(suite.nextest_filter(), "binary_id(p::b) & (test(x::) | test(y))");
        assert!(suite.selects("p::b", "x::one"));
        assert!(!suite.selects("p::c", "x::one"));
        assert!(!suite.selects("p::b", "z"));
        assert_eq!(Suite::workspace().nextest_filter(), "");
        assert!(Suite::workspace().selects("any", "thing"));
    }
}
