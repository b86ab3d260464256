//! The rows of SEMANTICS.md (and of SCRIPT.md and SCENARIOS.md that scripts check), and which
//! corpus scripts check each: the mapping behind the conformance table.
//!
//! Every script of the corpus belongs to exactly one row: the one its header's first line names
//! (`# SEMANTICS.md, channel timers: Stop on a pending timer`). A script that touches several rows
//! is filed under the one it was written for, so that a failure points at one behaviour. The
//! tests of this crate check that the mapping and the corpus agree both ways.

use std::fmt;

/// A section of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// SEMANTICS.md, "Channel timers (NewTimer, After)".
    ChannelTimers,
    /// SEMANTICS.md, "AfterFunc".
    AfterFunc,
    /// SEMANTICS.md, "Tickers".
    Tickers,
    /// SEMANTICS.md, "Runtime bookkeeping", and SCRIPT.md's `wait`.
    Bookkeeping,
    /// SCENARIOS.md: the two incidents' loops, leaky and fixed, at small scale.
    Seeds,
}

impl Section {
    /// Every section, in table order.
    pub const ALL: [Section; 5] =
        [Section::ChannelTimers, Section::AfterFunc, Section::Tickers, Section::Bookkeeping, Section::Seeds];

    /// The section's heading.
    pub const fn title(self) -> &'static str {
        match self {
            Section::ChannelTimers => "channel timers (NewTimer, After)",
            Section::AfterFunc => "AfterFunc",
            Section::Tickers => "tickers (NewTicker, Tick)",
            Section::Bookkeeping => "bookkeeping and wait",
            Section::Seeds => "seeds (SCENARIOS.md)",
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// What checks a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// These scripts (paths below `scripts/`).
    Scripts(&'static [&'static str]),
    /// These scripts, whose point is the count of live timers: an implementation that cannot
    /// count them cannot be checked on this row.
    LiveCount(&'static [&'static str]),
    /// No script can express it; why, and where else timerlab checks it.
    Unscripted(&'static str),
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// The section it belongs to.
    pub section: Section,
    /// The situation, as SEMANTICS.md words it.
    pub situation: &'static str,
    /// The Go issues or tests behind it, if any.
    pub go: &'static str,
    /// What checks it.
    pub evidence: Evidence,
}

impl Row {
    /// The scripts of the row (none for an unscripted row).
    pub fn scripts(&self) -> &'static [&'static str] {
        match self.evidence {
            Evidence::Scripts(s) | Evidence::LiveCount(s) => s,
            Evidence::Unscripted(_) => &[],
        }
    }

    /// Is the row's evidence the count of live timers?
    pub fn needs_live(&self) -> bool {
        matches!(self.evidence, Evidence::LiveCount(_))
    }
}

const fn row(section: Section, situation: &'static str, go: &'static str, evidence: Evidence) -> Row {
    Row { section, situation, go, evidence }
}

use Evidence::{LiveCount, Scripts, Unscripted};
use Section::{AfterFunc, Bookkeeping, ChannelTimers, Seeds, Tickers};

/// Every row, in table order.
pub static ROWS: &[Row] = &[
    row(ChannelTimers, "Stop on a pending timer", "", Scripts(&["semantics/timer_stop_pending.tl"])),
    row(
        ChannelTimers,
        "Stop after expiry, value not received",
        "#14038 #37196",
        Scripts(&["semantics/timer_stop_after_expiry_unreceived.tl"]),
    ),
    row(
        ChannelTimers,
        "Stop after the value was received",
        "",
        Scripts(&["semantics/timer_stop_after_receive.tl"]),
    ),
    row(
        ChannelTimers,
        "a receive after the value was received (a timer fires once)",
        "",
        Scripts(&["semantics/timer_fires_once_until_reset.tl"]),
    ),
    row(ChannelTimers, "Stop on an already-stopped timer", "", Scripts(&["semantics/timer_stop_twice.tl"])),
    row(
        ChannelTimers,
        "Stop racing the firing",
        "#69312",
        Unscripted("a race inside one firing; the loom model loom_fire_vs_stop checks it"),
    ),
    row(
        ChannelTimers,
        "drain idiom after the value was received blocks forever",
        "#27169 #18553",
        Scripts(&["semantics/timer_drain_after_receive_blocks_forever.tl"]),
    ),
    row(
        ChannelTimers,
        "drain idiom on an expired, unreceived timer",
        "",
        Scripts(&["semantics/timer_drain_expired_unreceived.tl"]),
    ),
    row(
        ChannelTimers,
        "Reset on a pending timer",
        "",
        Scripts(&[
            "semantics/timer_reset_pending.tl",
            "oracle/timer_reset_pending_twice_fires_once.tl",
            "oracle/timer_reset_later_fires_after_others.tl",
        ]),
    ),
    row(
        ChannelTimers,
        "Reset on a stopped or received timer",
        "",
        Scripts(&["semantics/timer_reset_after_stop.tl", "semantics/timer_reset_after_receive.tl"]),
    ),
    row(
        ChannelTimers,
        "Reset on an expired, unreceived timer",
        "#14038 #11513",
        Scripts(&[
            "semantics/timer_reset_expired_unreceived_delivers_stale_value.tl",
            "semantics/timer_reset_expired_unreceived_drops_new_firing.tl",
            "oracle/timer_reset_after_dropped_firing.tl",
            "oracle/timer_stop_after_reset_of_expired_timer.tl",
        ]),
    ),
    row(
        ChannelTimers,
        "len(t.C)",
        "Go 1.23 notes",
        Scripts(&["semantics/timer_len.tl", "oracle/timer_len_across_reset_of_expired_timer.tl"]),
    ),
    row(
        ChannelTimers,
        "cap(t.C)",
        "",
        Unscripted("no op reads cap; the oracle checks it at start-up and gotime's tests do"),
    ),
    row(
        ChannelTimers,
        "value delivered",
        "",
        Scripts(&[
            "semantics/timer_value_is_fire_time.tl",
            "semantics/after_value.tl",
            "semantics/after_received_late_keeps_its_time.tl",
        ]),
    ),
    row(
        ChannelTimers,
        "unreferenced timer never stopped (time.After in a loop)",
        "#8898",
        LiveCount(&[
            "semantics/after_in_loop_retained_until_fired.tl",
            "semantics/timer_dropped_is_collected_in_sync_mode.tl",
        ]),
    ),
    row(
        ChannelTimers,
        "d <= 0",
        "",
        Scripts(&[
            "semantics/timer_nonpositive_duration_fires_at_once.tl",
            "oracle/timer_nonpositive_wait_returns_at_once.tl",
            "oracle/timer_reset_nonpositive_fires_at_once.tl",
            "oracle/after_func_nonpositive_runs_at_once.tl",
        ]),
    ),
    row(
        ChannelTimers,
        "d overflowing the deadline",
        "TestOverflowSleep",
        Scripts(&[
            "semantics/timer_overflowing_deadline_never_fires.tl",
            "oracle/timer_reset_to_overflowing_deadline.tl",
            "oracle/ticker_overflowing_period_never_ticks.tl",
        ]),
    ),
    row(
        ChannelTimers,
        "zero Timer{}: Stop / Reset panic",
        "TestZeroTimer",
        Unscripted("no op makes a zero Timer; tests/go_parity ports TestZeroTimer"),
    ),
    row(
        ChannelTimers,
        "timer moved earlier by Reset while others wait",
        "#47329",
        Scripts(&[
            "semantics/timer_reset_earlier_fires_at_new_time.tl",
            "oracle/after_func_reset_earlier_fires_before_others.tl",
        ]),
    ),
    row(
        ChannelTimers,
        "timers due at the same instant fire in creation order",
        "",
        Unscripted("timerlab's determinism rule; Go leaves the order unspecified"),
    ),
    row(AfterFunc, "Reset while pending", "", Scripts(&["semantics/after_func_reset_while_pending.tl"])),
    row(
        AfterFunc,
        "Stop before f starts",
        "",
        Scripts(&[
            "semantics/after_func_stop_before_start.tl",
            "oracle/after_func_stop_then_reset_runs_at_new_time.tl",
        ]),
    ),
    row(AfterFunc, "Stop after f started", "", Scripts(&["semantics/after_func_stop_after_start.tl"])),
    row(
        AfterFunc,
        "Reset after f ran",
        "",
        Scripts(&[
            "semantics/after_func_reset_after_run.tl",
            "oracle/after_func_reset_after_run_each_time.tl",
        ]),
    ),
    row(AfterFunc, "C is nil", "", Scripts(&["semantics/after_func_channel_is_nil.tl"])),
    row(
        AfterFunc,
        "f runs at its deadline, in deadline order",
        "",
        Scripts(&[
            "semantics/after_func_runs_once.tl",
            "oracle/after_funcs_fire_in_deadline_order.tl",
            "oracle/after_funcs_print_at_the_advance_they_ran_in.tl",
        ]),
    ),
    row(
        AfterFunc,
        "a dropped, pending AfterFunc still runs",
        "",
        Scripts(&["semantics/after_func_dropped_still_runs.tl"]),
    ),
    row(
        Tickers,
        "ticks on the grid, missed ticks dropped",
        "",
        Scripts(&[
            "semantics/ticker_grid.tl",
            "semantics/tick_delivers_like_a_ticker.tl",
            "semantics/ticker_reset_changes_period.tl",
            "oracle/ticker_reset_shorter_period.tl",
        ]),
    ),
    row(Tickers, "slow receiver", "", Scripts(&["semantics/ticker_slow_receiver.tl"])),
    row(
        Tickers,
        "late receive after missed ticks",
        "",
        Scripts(&[
            "semantics/ticker_late_receive_gets_first_missed_tick.tl",
            "oracle/tick_late_receive_then_grid.tl",
        ]),
    ),
    row(
        Tickers,
        "Ticker.Reset with a tick pending",
        "",
        Scripts(&[
            "semantics/ticker_reset_with_tick_pending.tl",
            "oracle/ticker_reset_with_tick_pending_drops_next_tick.tl",
        ]),
    ),
    row(
        Tickers,
        "NewTicker(d <= 0), Ticker.Reset(d <= 0) panic",
        "",
        Scripts(&["semantics/ticker_nonpositive_interval_panics.tl"]),
    ),
    row(Tickers, "Tick(d <= 0) is nil", "", Scripts(&["semantics/tick_nonpositive_is_nil.tl"])),
    row(
        Tickers,
        "Stop",
        "",
        Scripts(&[
            "semantics/ticker_stop_keeps_buffered_tick.tl",
            "oracle/ticker_stopped_wait_takes_buffered_tick_then_blocks.tl",
            "oracle/ticker_stop_then_reset_restarts_ticking.tl",
        ]),
    ),
    row(
        Tickers,
        "unreferenced, unstopped Ticker / Tick",
        "#17757",
        LiveCount(&[
            "semantics/tick_unreferenced_never_collected.tl",
            "semantics/ticker_dropped_unstopped_never_collected.tl",
            "oracle/tick_dropped_in_a_loop.tl",
        ]),
    ),
    row(Tickers, "zero Ticker{}", "#21874", Unscripted("no op makes a zero Ticker; gotime's tests cover it")),
    row(
        Bookkeeping,
        "live = armed timers (an expired, unreceived sync timer is live)",
        "",
        LiveCount(&["semantics/timer_expired_unreceived_is_live_in_sync_mode.tl"]),
    ),
    row(
        Bookkeeping,
        "wait: deadlock leaves time still; AfterFuncs on the way run first",
        "SCRIPT.md",
        Scripts(&[
            "semantics/wait_deadlock_does_not_move_time.tl",
            "semantics/wait_runs_afterfuncs_on_the_way.tl",
            "oracle/ticker_wait_runs_after_funcs_on_the_way.tl",
        ]),
    ),
    row(
        Seeds,
        "S1 leaky: time.After per read loop",
        "#8898",
        LiveCount(&["seeds/s1_after_per_read_loop.tl", "oracle/s1_after_per_read_loop_small.tl"]),
    ),
    row(
        Seeds,
        "S1 fix: NewTimer + Stop per iteration",
        "",
        Scripts(&["seeds/s1_new_timer_stop_per_iteration.tl"]),
    ),
    row(
        Seeds,
        "S1 fix: one timer, Stop / drain / Reset",
        "",
        Scripts(&["seeds/s1_one_timer_stop_drain_reset.tl"]),
    ),
    row(Seeds, "S1 fix: context cancellation", "", Scripts(&["seeds/s1_context_cancel.tl"])),
    row(Seeds, "S2 leaky: time.After in the loop", "#8898", LiveCount(&["seeds/s2_after_in_loop.tl"])),
    row(
        Seeds,
        "S2 hoisted After: an overall deadline",
        "",
        Scripts(&["seeds/s2_hoisted_after_fires_while_messages_flow.tl"]),
    ),
    row(
        Seeds,
        "S2 Reset without Stop/drain",
        "#11513 #14038",
        Scripts(&["seeds/s2_reset_without_drain.tl", "oracle/s2_reset_without_drain_loop.tl"]),
    ),
    row(
        Seeds,
        "S2 Stop / drain / Reset",
        "#14038 #27169",
        Scripts(&["seeds/s2_stop_drain_reset.tl", "oracle/s2_stop_drain_reset_loop.tl"]),
    ),
];

/// The row a script (path below `scripts/`) belongs to.
pub fn row_of(script: &str) -> Option<&'static Row> {
    ROWS.iter().find(|row| row.scripts().contains(&script))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_script_belongs_to_two_rows() {
        let mut all: Vec<&str> = ROWS.iter().flat_map(|r| r.scripts().iter().copied()).collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "a script is listed under two rows");
    }

    #[test]
    fn rows_are_grouped_by_section_in_table_order() {
        let sections: Vec<Section> = ROWS.iter().map(|r| r.section).collect();
        let mut sorted = sections.clone();
        sorted.sort();
        assert_eq!(sections, sorted);
    }
}
