//! The measured operations, shared by the gotime and tokio sides and the instruction counter.

/// The measured operations. Go's counterparts: `oracle/bench/timers_test.go`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// `t := NewTimer(3m); t.Stop()`.
    NewTimerStop,
    /// `t.Reset(d)` of an armed timer, alternating between 3m and 4m.
    ResetActive,
    /// `After(3m)`, never read: kept until it fires in async mode, collected in sync mode.
    AfterDropped,
    /// `t := AfterFunc(3m, f); t.Stop()`.
    AfterFuncStop,
    /// `t := NewTicker(3m); t.Stop()`.
    TickerStop,
    /// One iteration of the seed-2 consumer: a fresh `After(3m)` in a select whose message is ready.
    Seed2Loop,
}

impl Op {
    pub(crate) const ALL: [Op; 6] = [
        Op::NewTimerStop,
        Op::ResetActive,
        Op::AfterDropped,
        Op::AfterFuncStop,
        Op::TickerStop,
        Op::Seed2Loop,
    ];

    /// The benchmark group, also the first column `cargo xtask bench` reads back.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Op::NewTimerStop => "new_timer_stop",
            Op::ResetActive => "reset_active",
            Op::AfterDropped => "after_dropped",
            Op::AfterFuncStop => "after_func_stop",
            Op::TickerStop => "ticker_stop",
            Op::Seed2Loop => "seed2_loop",
        }
    }

    /// Whether an iteration leaks a timer in async mode (it stays armed until it fires).
    pub(crate) fn leaks(self) -> bool {
        matches!(self, Op::AfterDropped | Op::Seed2Loop)
    }
}
