//! [`DiffPair`]: for `--pprof-diff`, a variant's async run with its sync run as the base, and
//! the `go tool pprof -diff_base` command that shows what Go 1.23's timers took away.

use std::path::Path;

use gotime::Semantics;

use super::file::file_name;
use super::heap::Moment;
use crate::run::Run;

/// One variant that ran in both semantics.
#[derive(Clone, Copy, Debug)]
pub struct DiffPair<'a> {
    /// The async run (Go ≤ 1.22): the profile.
    pub profile: &'a Run,
    /// The sync run (Go ≥ 1.23): the base subtracted from it.
    pub base: &'a Run,
}

impl DiffPair<'_> {
    /// Every variant of `runs` that ran in both semantics with the same seed, in the order of
    /// its async run.
    pub fn all(runs: &[Run]) -> Vec<DiffPair<'_>> {
        runs.iter()
            .filter(|r| r.report.semantics == Semantics::Async)
            .filter_map(|profile| {
                let p = &profile.report;
                let base = runs.iter().find(|b| {
                    let b = &b.report;
                    b.semantics == Semantics::Sync
                        && (&b.scenario, &b.variant, b.seed) == (&p.scenario, &p.variant, p.seed)
                })?;
                Some(DiffPair { profile, base })
            })
            .collect()
    }

    /// `s1/leaky`: the variant compared.
    pub fn label(&self) -> String {
        format!("{}/{}", self.profile.report.scenario, self.profile.report.variant)
    }

    /// `go tool pprof -top -diff_base DIR/…sync….pb.gz DIR/…async….pb.gz`, for the profiles at
    /// `moment` written into `dir`; a path with a character a shell would read is quoted.
    pub fn command(&self, dir: &Path, moment: Moment) -> String {
        let path = |run: &Run| shell_word(&dir.join(file_name(&run.report, moment)).display().to_string());
        format!("go tool pprof -top -diff_base {} {}", path(self.base), path(self.profile))
    }
}

/// `word` as one shell word: itself when it holds only characters no shell interprets,
/// else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./,:=+@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_stay_as_they_are_and_others_are_single_quoted() {
        assert_eq!(shell_word("out/s1-leaky-sync-seed7.peak.pb.gz"), "out/s1-leaky-sync-seed7.peak.pb.gz");
        assert_eq!(shell_word("my dir/a.pb.gz"), "'my dir/a.pb.gz'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }
}
