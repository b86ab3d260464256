//! [`Conclusion`]: what a whole `timerlab run` concludes — every run as expected, or its most
//! serious failure class — and its exit code (docs/CLI.md, "Exit codes").

use crate::mismatch::Mismatch;
use crate::run::Run;

/// What a whole `timerlab run` concludes: success, or its most serious failure class. Its
/// [`name`](Conclusion::name) is report.json's `outcome` and the text report's `result:` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Conclusion {
    /// Every verdict is the expected one (and every rerun was identical).
    Ok,
    /// A run's trace differed between two runs of the same config: nothing else can be trusted.
    Nondeterminism,
    /// A task hung unexpectedly ([`Mismatch::UnexpectedHang`]): a part of the program stopped
    /// for good, the most serious thing a run can show.
    UnexpectedHang,
    /// A run leaked unexpectedly ([`Mismatch::UnexpectedLeak`]).
    UnexpectedLeak,
    /// A run took spurious timeouts unexpectedly ([`Mismatch::UnexpectedSpuriousTimeout`]).
    UnexpectedSpuriousTimeout,
    /// An expected verdict did not reproduce ([`Mismatch::NotReproduced`]).
    NotReproduced,
}

impl Conclusion {
    /// Exit code for input the command cannot run: bad flags, unknown scenario, variant or
    /// parameter, a value out of range, an unreadable or invalid script (as clap's usage errors).
    pub const BAD_INPUT: u8 = 2;
    /// Exit code when the runs went as expected but a report file could not be written.
    pub const IO_ERROR: u8 = 1;

    /// The most serious failure among `runs`, in the order of the variants of [`Conclusion`]
    /// (nondeterminism first).
    pub fn of(runs: &[Run]) -> Conclusion {
        if runs.iter().any(Run::nondeterministic) {
            return Conclusion::Nondeterminism;
        }
        match runs.iter().filter_map(Run::mismatch).min() {
            None => Conclusion::Ok,
            Some(Mismatch::UnexpectedHang) => Conclusion::UnexpectedHang,
            Some(Mismatch::UnexpectedLeak) => Conclusion::UnexpectedLeak,
            Some(Mismatch::UnexpectedSpuriousTimeout) => Conclusion::UnexpectedSpuriousTimeout,
            Some(Mismatch::NotReproduced) => Conclusion::NotReproduced,
        }
    }

    /// The process exit code: 0, then 3 to 6 and 8 in the order of docs/CLI.md's table (7 is
    /// `timerlab conform`'s).
    pub const fn exit_code(self) -> u8 {
        match self {
            Conclusion::Ok => 0,
            Conclusion::UnexpectedHang => 8,
            Conclusion::UnexpectedLeak => 3,
            Conclusion::UnexpectedSpuriousTimeout => 4,
            Conclusion::Nondeterminism => 5,
            Conclusion::NotReproduced => 6,
        }
    }

    /// `ok`, `nondeterminism`, `unexpected-hang`, `unexpected-leak`,
    /// `unexpected-spurious-timeout`, `not-reproduced`: the JSON name.
    pub const fn name(self) -> &'static str {
        match self {
            Conclusion::Ok => "ok",
            Conclusion::Nondeterminism => "nondeterminism",
            Conclusion::UnexpectedHang => Mismatch::UnexpectedHang.name(),
            Conclusion::UnexpectedLeak => Mismatch::UnexpectedLeak.name(),
            Conclusion::UnexpectedSpuriousTimeout => Mismatch::UnexpectedSpuriousTimeout.name(),
            Conclusion::NotReproduced => Mismatch::NotReproduced.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use timerlab_sim::{RunVerdict, VerdictKind};

    use super::*;
    use crate::hash::TraceHash;

    fn run(verdict: RunVerdict, expected: VerdictKind) -> Run {
        Run::new(crate::fixtures::report(verdict, expected))
    }

    const BOUNDED: RunVerdict = RunVerdict::Bounded;
    const LEAK: RunVerdict = RunVerdict::Leak { per_minute: 60 };
    const OOM: RunVerdict = RunVerdict::OomLoop { restarts: 2 };
    const SPURIOUS: RunVerdict = RunVerdict::SpuriousTimeout { count: 1 };
    const CAP: RunVerdict = RunVerdict::SimMemoryCap { cap: 10 };
    const HANG: RunVerdict = RunVerdict::Hang(timerlab_sim::Hang {
        task: "batcher",
        receive: gotime::Site { file: "sim/src/scenarios/s3/variants.rs", line: 50, column: 11 },
        timer: None,
    });

    #[test]
    fn a_verdict_of_the_expected_kind_is_no_mismatch_whatever_its_number() {
        assert_eq!(run(OOM, VerdictKind::OomLoop).mismatch(), None);
        assert_eq!(run(SPURIOUS, VerdictKind::SpuriousTimeout).mismatch(), None);
        assert_eq!(Conclusion::of(&[run(BOUNDED, VerdictKind::Bounded)]), Conclusion::Ok);
    }

    #[test]
    fn any_leak_where_no_leak_is_expected_is_an_unexpected_leak() {
        for verdict in [LEAK, OOM, CAP] {
            for expected in [VerdictKind::Bounded, VerdictKind::SpuriousTimeout] {
                assert_eq!(run(verdict, expected).mismatch(), Some(Mismatch::UnexpectedLeak), "{verdict}");
            }
        }
    }

    #[test]
    fn spurious_timeouts_where_none_are_expected_are_their_own_class() {
        for expected in [VerdictKind::Bounded, VerdictKind::Leak] {
            assert_eq!(run(SPURIOUS, expected).mismatch(), Some(Mismatch::UnexpectedSpuriousTimeout));
        }
    }

    #[test]
    fn a_hang_where_none_is_expected_is_its_own_class_and_outranks_every_other_failure() {
        for expected in [VerdictKind::Bounded, VerdictKind::Leak, VerdictKind::SpuriousTimeout] {
            assert_eq!(run(HANG, expected).mismatch(), Some(Mismatch::UnexpectedHang));
        }
        assert_eq!(run(HANG, VerdictKind::Hang).mismatch(), None);
        assert_eq!(run(BOUNDED, VerdictKind::Hang).mismatch(), Some(Mismatch::NotReproduced));
        let hung = run(HANG, VerdictKind::Bounded);
        let others = [
            run(LEAK, VerdictKind::Bounded),
            run(SPURIOUS, VerdictKind::Bounded),
            run(BOUNDED, VerdictKind::Leak),
        ];
        for other in others {
            assert_eq!(Conclusion::of(&[other.clone(), hung.clone()]), Conclusion::UnexpectedHang);
        }
        assert_eq!(Conclusion::UnexpectedHang.exit_code(), 8);
        assert_eq!(Conclusion::UnexpectedHang.name(), "unexpected-hang");
    }

    #[test]
    fn a_missing_or_different_leak_is_not_reproduced() {
        assert_eq!(run(BOUNDED, VerdictKind::OomLoop).mismatch(), Some(Mismatch::NotReproduced));
        assert_eq!(run(BOUNDED, VerdictKind::SpuriousTimeout).mismatch(), Some(Mismatch::NotReproduced));
        assert_eq!(run(LEAK, VerdictKind::OomLoop).mismatch(), Some(Mismatch::NotReproduced));
    }

    #[test]
    fn exit_codes_are_distinct_per_class_and_the_most_serious_class_wins() {
        let codes: Vec<u8> = [
            Conclusion::Ok,
            Conclusion::UnexpectedLeak,
            Conclusion::UnexpectedSpuriousTimeout,
            Conclusion::Nondeterminism,
            Conclusion::NotReproduced,
            Conclusion::UnexpectedHang,
        ]
        .iter()
        .map(|o| o.exit_code())
        .collect();
        assert_eq!(codes, [0, 3, 4, 5, 6, 8]);
        let not_reproduced = run(BOUNDED, VerdictKind::Leak);
        let spurious = run(SPURIOUS, VerdictKind::Bounded);
        let leak = run(LEAK, VerdictKind::Bounded);
        let mut flaky = run(BOUNDED, VerdictKind::Bounded);
        flaky.rerun = Some(TraceHash(flaky.hash.0 ^ 1));
        assert!(flaky.nondeterministic());
        assert_eq!(
            Conclusion::of(&[not_reproduced.clone(), spurious.clone()]),
            Conclusion::UnexpectedSpuriousTimeout
        );
        assert_eq!(Conclusion::of(&[spurious.clone(), leak.clone()]), Conclusion::UnexpectedLeak);
        assert_eq!(Conclusion::of(&[leak, spurious, flaky]), Conclusion::Nondeterminism);
    }

    #[test]
    fn an_identical_rerun_is_deterministic() {
        let mut r = run(BOUNDED, VerdictKind::Bounded);
        r.rerun = Some(r.hash);
        assert!(!r.nondeterministic());
        assert_eq!(Conclusion::of(&[r]), Conclusion::Ok);
    }
}
