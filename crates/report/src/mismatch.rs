//! [`Mismatch`]: how one run's verdict differs from what the registry expects.

use timerlab_sim::{RunReport, VerdictKind};

/// Why a verdict is not the expected one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mismatch {
    /// A task hung (HANG) where the registry expects none.
    UnexpectedHang,
    /// The run leaked (LEAK, OOM-LOOP or SIM-MEMORY-CAP) where the registry expects no leak.
    UnexpectedLeak,
    /// The run took spurious timeouts where the registry expects none.
    UnexpectedSpuriousTimeout,
    /// The verdict the registry expects did not show: a known bug no longer reproduces, or a
    /// leak shows as another kind of leak (LEAK where OOM-LOOP is expected).
    NotReproduced,
}

const fn leaks(kind: VerdictKind) -> bool {
    matches!(kind, VerdictKind::Leak | VerdictKind::OomLoop | VerdictKind::SimMemoryCap)
}

impl Mismatch {
    /// The mismatch of `report`, or `None` when its verdict is the expected kind.
    pub fn of(report: &RunReport) -> Option<Mismatch> {
        let (got, want) = (report.verdict.kind(), report.expected);
        if got == want {
            None
        } else if got == VerdictKind::Hang {
            Some(Mismatch::UnexpectedHang)
        } else if leaks(got) && !leaks(want) {
            Some(Mismatch::UnexpectedLeak)
        } else if got == VerdictKind::SpuriousTimeout {
            Some(Mismatch::UnexpectedSpuriousTimeout)
        } else {
            Some(Mismatch::NotReproduced)
        }
    }

    /// `unexpected-hang`, `unexpected-leak`, `unexpected-spurious-timeout`, `not-reproduced`:
    /// the JSON name.
    pub const fn name(self) -> &'static str {
        match self {
            Mismatch::UnexpectedHang => "unexpected-hang",
            Mismatch::UnexpectedLeak => "unexpected-leak",
            Mismatch::UnexpectedSpuriousTimeout => "unexpected-spurious-timeout",
            Mismatch::NotReproduced => "not-reproduced",
        }
    }
}
