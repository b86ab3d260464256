//! A walk through a [`FaultPlan`]: what the harness applies between two steps.

use gotime::GoDuration;

use super::fault::Fault;
use super::plan::FaultPlan;

/// A change the schedule makes at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// The fault begins.
    Begins(Fault),
    /// The fault's length is over (not for crashes: the restart ends those).
    Ends(Fault),
}

/// A walk through a [`FaultPlan`]: the changes due by each step's end, in time order.
pub(crate) struct Schedule {
    changes: Vec<(GoDuration, Change)>,
    next: usize,
}

impl Schedule {
    pub(crate) fn new(plan: &FaultPlan) -> Schedule {
        let mut changes = Vec::new();
        for &f in plan.faults() {
            changes.push((f.at, Change::Begins(f)));
            if f.kind.length().is_some() {
                changes.push((f.end(), Change::Ends(f)));
            }
        }
        // Stable, and an end sorts before a begin of the same instant: a link is released
        // before the next fault takes it.
        changes.sort_by_key(|&(at, change)| (at, matches!(change, Change::Begins(_))));
        Schedule { changes, next: 0 }
    }

    /// The changes due by `now` that were not returned yet, in time order.
    pub(crate) fn due(&mut self, now: GoDuration) -> Vec<Change> {
        let start = self.next;
        while self.changes.get(self.next).is_some_and(|&(at, _)| at <= now) {
            self.next += 1;
        }
        self.changes[start..self.next].iter().map(|&(_, c)| c).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios::faults::fault::FaultKind;

    fn secs(n: i64) -> GoDuration {
        GoDuration::from_secs(n)
    }

    #[test]
    fn the_schedule_releases_a_link_before_the_next_fault_of_the_same_instant_takes_it() {
        let hold = Fault { at: secs(10), kind: FaultKind::Hold { length: secs(5) } };
        let partition = Fault { at: secs(15), kind: FaultKind::Partition { length: secs(5) } };
        let crash = Fault { at: secs(17), kind: FaultKind::Crash };
        let mut s = Schedule::new(&FaultPlan::new(vec![hold, partition, crash]));
        assert_eq!(s.due(secs(9)), []);
        assert_eq!(s.due(secs(10)), [Change::Begins(hold)]);
        assert_eq!(s.due(secs(15)), [Change::Ends(hold), Change::Begins(partition)]);
        assert_eq!(s.due(secs(60)), [Change::Begins(crash), Change::Ends(partition)], "a crash never ends");
        assert_eq!(s.due(secs(61)), []);
    }
}
