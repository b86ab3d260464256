//! A run's faults: what the `faults` parameter resolved to.

use gotime::GoDuration;

use super::fault::{Fault, FaultKind};

/// A run's faults, in time order, none overlapping another of the network (or a crash's
/// downtime): what the `faults` parameter resolved to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FaultPlan {
    faults: Vec<Fault>,
}

impl FaultPlan {
    /// A plan of `faults`, checked by the caller (the grammar): in time order, none of the
    /// network overlapping another.
    pub(super) fn new(faults: Vec<Fault>) -> FaultPlan {
        FaultPlan { faults }
    }

    /// The faults, in time order.
    pub(crate) fn faults(&self) -> &[Fault] {
        &self.faults
    }

    /// `true` when the run has no fault.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.faults.is_empty()
    }

    /// The end of the hold that covers `now`, if one does: until then, whatever the hold
    /// stands between waits.
    pub(crate) fn held_until(&self, now: GoDuration) -> Option<GoDuration> {
        self.faults
            .iter()
            .filter(|f| matches!(f.kind, FaultKind::Hold { .. }))
            .find(|f| f.at <= now && now < f.end())
            .map(Fault::end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: i64) -> GoDuration {
        GoDuration::from_secs(n)
    }

    fn plan(faults: &[Fault]) -> FaultPlan {
        FaultPlan::new(faults.to_vec())
    }

    #[test]
    fn a_hold_covers_its_window_and_nothing_else() {
        let hold = Fault { at: secs(10), kind: FaultKind::Hold { length: secs(5) } };
        let partition = Fault { at: secs(20), kind: FaultKind::Partition { length: secs(5) } };
        let p = plan(&[hold, partition]);
        assert_eq!(p.held_until(secs(9)), None);
        assert_eq!(p.held_until(secs(10)), Some(secs(15)));
        assert_eq!(p.held_until(GoDuration::from_millis(14_999)), Some(secs(15)));
        assert_eq!(p.held_until(secs(15)), None);
        assert_eq!(p.held_until(secs(21)), None, "a partition is not a hold");
    }
}
