//! [`MemoryModel`]: the simulated process's memory, the quantity the OOM killer watches.
//!
//! ```text
//! memory = baseline + connections × per_connection + live-timer bytes + buffered message bytes
//! ```
//!
//! Live-timer bytes come from gotime's accounting (`Stats::bytes`, priced by its `CostModel`:
//! 272 B per channel timer, 176 B per AfterFunc, measured on Go 1.23.5 in async mode), so the
//! timer term is the one thing the scenario does not choose. docs/SCENARIOS.md explains the
//! other figures and how the default budget is scaled.

use serde::Serialize;

/// The fixed costs of the modelled process and its budget, in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MemoryModel {
    /// The process with no connection: Go runtime, program, caches.
    pub baseline: u64,
    /// One connection: its goroutine's stack, the `net.Conn` and its read buffer.
    pub per_connection: u64,
    /// What the OOM killer allows; above it the process is killed.
    pub budget: u64,
}

/// What the process holds at one instant, the variable terms of the model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Open connections.
    pub connections: u64,
    /// gotime's estimate for the live timers (`Stats::bytes`).
    pub timer_bytes: u64,
    /// Message bytes received and not yet handled.
    pub buffered_bytes: u64,
}

impl MemoryModel {
    /// The modelled memory for `usage`.
    pub fn memory(&self, usage: &Usage) -> u64 {
        self.baseline
            .saturating_add(usage.connections.saturating_mul(self.per_connection))
            .saturating_add(usage.timer_bytes)
            .saturating_add(usage.buffered_bytes)
    }

    /// `true` when `memory` is over the budget: the OOM killer strikes.
    pub fn over_budget(&self, memory: u64) -> bool {
        memory > self.budget
    }

    /// How many live channel timers of `timer_cost` bytes fit beside `connections` connections
    /// before the budget is exceeded (the sizing arithmetic of docs/SCENARIOS.md).
    pub fn timer_headroom(&self, connections: u64, timer_cost: u64) -> u64 {
        let fixed = self.baseline + connections * self.per_connection;
        self.budget.saturating_sub(fixed) / timer_cost.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: MemoryModel = MemoryModel { baseline: 1_000, per_connection: 100, budget: 5_000 };

    #[test]
    fn memory_adds_every_term() {
        let usage = Usage { connections: 10, timer_bytes: 272 * 5, buffered_bytes: 64 };
        assert_eq!(MODEL.memory(&usage), 1_000 + 1_000 + 1_360 + 64);
    }

    #[test]
    fn only_memory_above_the_budget_is_killed() {
        assert!(!MODEL.over_budget(5_000));
        assert!(MODEL.over_budget(5_001));
    }

    #[test]
    fn headroom_is_what_the_budget_leaves_for_timers() {
        assert_eq!(MODEL.timer_headroom(10, 272), (5_000 - 2_000) / 272);
        assert_eq!(MODEL.timer_headroom(100, 272), 0);
    }
}
