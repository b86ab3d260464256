//! The registry of rules: ids, titles, explanations (what `--explain` prints), the Go issues
//! behind each, the simulation that shows it, and its level under each semantics.

use gotime::Semantics;
use serde::Serialize;

/// A rule of `timerlab lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "&'static str")]
pub enum Rule {
    /// `time.After` (or a `NewTimer` never stopped) in a select inside a loop.
    AfterInLoop,
    /// `time.Tick` outside `main` and tests, in a function that can return.
    TickLeak,
    /// `t.Reset(d)` in a loop that selects on `t.C`, with no Stop and drain before it.
    ResetWithoutDrain,
    /// `if !t.Stop() { <-t.C }` where `t.C` may already have been received.
    BlockingDrain,
    /// `time.After` created once before a loop whose select keeps looping after it fired.
    HoistedAfter,
    /// `if !t.Stop() { <-t.C }` under the synchronous timer channels of Go 1.23 and later.
    SyncDrain,
    /// `len(t.C)` or `cap(t.C)` deciding whether a timer fired or needs draining.
    TimerChanLen,
    /// A loop's `case <-t.C:` (or `for range t.C` body) that re-arms `t` on some ways out only:
    /// then `t` never fires again.
    SkippedRearm,
}

/// How serious a finding is. Errors make the exit code 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A bug under the semantics in force: a leak, a spurious timeout, a deadlock.
    Error,
    /// Correct code that costs something or may not mean what it says.
    Note,
}

impl Level {
    /// `error` or `note`: the name in every output format (SARIF's levels use the same words).
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Note => "note",
        }
    }
}

impl From<Rule> for &'static str {
    fn from(rule: Rule) -> &'static str {
        rule.id()
    }
}

impl Rule {
    /// Every rule, in the order of docs/LINT.md.
    pub const ALL: [Rule; 8] = [
        Rule::AfterInLoop,
        Rule::TickLeak,
        Rule::ResetWithoutDrain,
        Rule::BlockingDrain,
        Rule::HoistedAfter,
        Rule::SyncDrain,
        Rule::TimerChanLen,
        Rule::SkippedRearm,
    ];

    /// The id printed in findings: `after-in-loop`, ...
    pub const fn id(self) -> &'static str {
        match self {
            Rule::AfterInLoop => "after-in-loop",
            Rule::TickLeak => "tick-leak",
            Rule::ResetWithoutDrain => "reset-without-drain",
            Rule::BlockingDrain => "blocking-drain",
            Rule::HoistedAfter => "hoisted-after",
            Rule::SyncDrain => "sync-drain",
            Rule::TimerChanLen => "timer-chan-len",
            Rule::SkippedRearm => "skipped-rearm",
        }
    }

    /// The rule whose id is `id`.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// One line: what the rule finds.
    pub const fn title(self) -> &'static str {
        match self {
            Rule::AfterInLoop => "a timer started per iteration of a loop that selects on it",
            Rule::TickLeak => {
                "time.Tick, or a NewTicker never stopped, in a function that can return, outside main and tests"
            }
            Rule::ResetWithoutDrain => {
                "Reset of a timer whose channel a loop selects on, without Stop and drain"
            }
            Rule::BlockingDrain => {
                "blocking drain `if !t.Stop() { <-t.C }` after t.C may have been received, or a goroutine waiting on t.C while another function stops t"
            }
            Rule::HoistedAfter => "one time.After before a loop that keeps selecting on it after it fired",
            Rule::SyncDrain => {
                "blocking drain after Stop, which since Go 1.23 only runs when it blocks forever"
            }
            Rule::TimerChanLen => "len(t.C) or cap(t.C) deciding a drain or a firing; always 0 since Go 1.23",
            Rule::SkippedRearm => {
                "a loop's timer case that can end without re-arming the timer, which never fires again"
            }
        }
    }

    /// A paragraph: the bug, when it happens in each semantics, and the fix (docs/LINT.md says
    /// the same).
    pub const fn explanation(self) -> &'static str {
        match self {
            Rule::AfterInLoop => {
                "`time.After(d)` in a `select` inside a loop starts a new timer on every iteration. \
                 When another case wins, the timer is left behind: before Go 1.23 (or with \
                 asynctimerchan=1) the runtime keeps it until it fires, so live timers grow with \
                 iterations per second × d — the memory growth and OOM restart loop of the seeds \
                 (golang/go#8898). A `time.NewTimer` per iteration that is never stopped (or stopped \
                 by a `defer` that runs only when the function returns) is the same bug. Since Go \
                 1.23 an unreferenced timer is collected and the code only costs an allocation per \
                 iteration (a note). Fix: one timer per loop with Stop, drain and Reset, or Stop \
                 when the iteration ends. A `time.After` case that leaves the loop beside cases that \
                 are all timers or tickers is a deadline restarted every round, which never fires \
                 while they come sooner: an error in every behaviour; start it once before the loop. \
                 A `time.After` case that goes round the loop beside `default:`, or beside a ticker \
                 made before the loop whose period the file fixes below d, is periodic work that \
                 almost never runs, restarted before it can fire: an error in every behaviour; \
                 give that work a ticker of its own. \
                 And `ctx, cancel := context.WithTimeout(p, d)` every iteration with `defer \
                 cancel()` keeps each iteration's context and its timer (an AfterFunc, collected by \
                 no release before it fires) until the function returns: an error in every \
                 behaviour; call cancel() at the end of the iteration."
            }
            Rule::TickLeak => {
                "`time.Tick(d)` starts a Ticker nobody can stop. Before Go 1.23 the runtime never \
                 collects it (golang/go#17757), so a function that calls `time.Tick` and returns \
                 leaks a ticker that fires forever, once per call. It is fine in `package main`, in \
                 tests and in functions that never return; elsewhere use `time.NewTicker` and \
                 `defer ticker.Stop()`. A `time.NewTicker` in a local variable that the function \
                 never stops, returns or hands on leaks the same way; made in a loop, or by \
                 `time.Tick` in a loop (in `package main` too), one leaks per iteration; and a \
                 ticker assigned after `defer t.Stop()` is not stopped at return — the defer binds \
                 the ticker `t` held when it ran: use `t.Reset(d)`. Since Go 1.23 an unreferenced \
                 ticker is collected and the rule is silent."
            }
            Rule::ResetWithoutDrain => {
                "`t.Reset(d)` in a loop that also selects on `t.C`, with no Stop and drain before \
                 it. Before Go 1.23, if `t` fired while another case was being handled, its value \
                 waits in the channel's buffer; Reset does not remove it, so the next select \
                 receives it at once — a spurious timeout right after a message, seed 2's bug \
                 (golang/go#11513, #14038). Write `if !t.Stop() { select { case <-t.C: default: } }` \
                 before `t.Reset(d)`. A timer made with `time.NewTimer(0)` has fired at once: its \
                 first Reset needs the same drain, or a receive before it. A Ticker Reset to its \
                 own period to postpone the next tick (an inactivity ticker Reset per message) \
                 keeps a tick buffered before it the same way (a note). Since Go 1.23 Reset \
                 discards the unreceived value and the rule is silent."
            }
            Rule::BlockingDrain => {
                "The drain idiom `if !t.Stop() { <-t.C }` blocks forever when the value was \
                 already received — for instance by the `case <-t.C:` of a select earlier in the \
                 same loop: Stop then returns false and nothing will ever be sent again \
                 (golang/go#27169). This holds in both semantics. Before Go 1.23 use the \
                 non-blocking drain `select { case <-t.C: default: }`; since Go 1.23 Stop and \
                 Reset discard an unreceived value, so the drain can go. The same wait without a \
                 drain: `for range t.C` over a ticker another function stops, or a goroutine's \
                 `<-t.C` on a timer the function that started it stops (`defer t.Stop()`) — Stop \
                 never closes the channel, so once it ran first the wait lasts forever and the \
                 goroutine leaks; use time.AfterFunc, or select on t.C and a done channel."
            }
            Rule::HoistedAfter => {
                "`timeout := time.After(d)` before a loop, received in a select that also handles \
                 messages and keeps looping after the timeout case: the timer is created once, so \
                 the \"timeout\" is an overall deadline — it fires once, d after the loop started, \
                 even while messages flow, and never again. This is the usual quick fix for \
                 after-in-loop, and it changes the meaning of the code (a note, in both \
                 semantics). For an idle timeout use one timer with Stop, drain and Reset per \
                 message; for a deadline, leave the loop in the timeout case."
            }
            Rule::SyncDrain => {
                "`if !t.Stop() { <-t.C }` (often before `t.Reset`) was the documented idiom before \
                 Go 1.23. Since Go 1.23 (asynctimerchan=0) Stop discards a value nobody received \
                 and returns true, so it returns false only when t.C was already received or the \
                 timer was already stopped: the drain then waits for a value that never comes and \
                 the goroutine hangs (Icinga DB #990, celestia-node #4231; on Go 1.23.0 and 1.23.1 \
                 also when Stop raced the firing, golang/go#69312, the go-ethereum #31425 report). \
                 Where nothing received t.C the drain is dead code. Fix: remove the drain (Stop and \
                 Reset discard the value); for code that must also run before Go 1.23, drain \
                 without blocking: `select { case <-t.C: default: }`. Silent under async, where \
                 the idiom is right unless t.C was received (blocking-drain shows that case)."
            }
            Rule::TimerChanLen => {
                "`len(t.C)` and `cap(t.C)` of a timer's channel are always 0 since Go 1.23: the \
                 channel is synchronous, and a fired value is produced only when a receiver takes \
                 it. A drain decided by `len(t.C) > 0` never runs (harmless, since Stop and Reset \
                 discard the value: a note; remove the test and the drain), and a test of whether \
                 the timer fired never sees it fire (an error). Before Go 1.23 a drain decided by \
                 it races the runtime: Stop can return false before the value is buffered, len \
                 reads 0, and the stale value lands after Reset (golang/go#37196, the ipfs/boxo \
                 #667 shape). Drain with `select { case <-t.C: default: }`; learn that a timer \
                 fired by receiving from it."
            }
            Rule::SkippedRearm => {
                "A loop's `case <-t.C:` (or the body of `for range t.C`) re-arms its timer \
                 (`t.Reset(d)`, or a new `time.NewTimer` assigned to it; a new `time.After` for \
                 a variable holding one) on some ways out, but \
                 another way — typically `if err != nil { continue }` before the Reset — ends the \
                 iteration without it. A timer fires once: after that receive nothing re-arms it, \
                 so the case never runs again (under `for range t.C` the goroutine waits forever) \
                 and the periodic work it did (a lease renewal, a flush, a retry) stops for good, \
                 with no error to notice. The same in every Go release and every asynctimerchan \
                 setting. Fix: re-arm on every way out (before the `continue` too), or leave the \
                 loop on that way. Silent when something else may re-arm the timer: the loop's \
                 other cases, the top of the loop, a closure, a call handed the timer, or a method \
                 of its owner that re-arms it; and when only the case's end skips the re-arm while \
                 other cases keep the loop going (a timer retired once its work is done)."
            }
        }
    }

    /// The Go issues the rule is about, `golang/go#N`.
    pub const fn go_issues(self) -> &'static [&'static str] {
        match self {
            Rule::AfterInLoop => &["golang/go#8898"],
            Rule::TickLeak => &["golang/go#17757"],
            Rule::ResetWithoutDrain => &["golang/go#11513", "golang/go#14038"],
            Rule::BlockingDrain => &["golang/go#27169"],
            Rule::HoistedAfter => &["golang/go#8898"],
            Rule::SyncDrain => &["golang/go#69312", "golang/go#27169"],
            Rule::TimerChanLen => &["golang/go#37196"],
            // A misuse of the documented API (a Timer fires once), not a Go bug.
            Rule::SkippedRearm => &[],
        }
    }

    /// The `timerlab` command whose simulation shows what the finding means under `semantics`
    /// (run it with `cargo run --release -p timerlab -- ...`).
    pub const fn demo(self, semantics: Semantics) -> &'static str {
        use Semantics::{Async, AsyncCollected, Sync};
        match (self, semantics) {
            (Rule::AfterInLoop, Async) => "timerlab run s1 leaky --semantics async",
            (Rule::AfterInLoop, AsyncCollected) => "timerlab run s1 leaky --semantics async-collected",
            (Rule::AfterInLoop, Sync) => "timerlab run s1 leaky --semantics sync",
            (Rule::TickLeak, Async) => {
                "timerlab replay scripts/semantics/tick_unreferenced_never_collected.tl --semantics async"
            }
            (Rule::TickLeak, AsyncCollected) => {
                "timerlab replay scripts/semantics/tick_unreferenced_never_collected.tl --semantics async-collected"
            }
            (Rule::TickLeak, Sync) => {
                "timerlab replay scripts/semantics/tick_unreferenced_never_collected.tl --semantics sync"
            }
            (Rule::ResetWithoutDrain, Async) => "timerlab run s2 reset-no-drain --semantics async",
            (Rule::ResetWithoutDrain, AsyncCollected) => "timerlab run s2 reset-no-drain --semantics async-collected",
            (Rule::ResetWithoutDrain, Sync) => "timerlab run s2 reset-no-drain --semantics sync",
            (Rule::BlockingDrain, Async) => {
                "timerlab replay scripts/semantics/timer_drain_after_receive_blocks_forever.tl --semantics async"
            }
            (Rule::BlockingDrain, AsyncCollected) => {
                "timerlab replay scripts/semantics/timer_drain_after_receive_blocks_forever.tl --semantics async-collected"
            }
            (Rule::BlockingDrain, Sync) => {
                "timerlab replay scripts/semantics/timer_drain_after_receive_blocks_forever.tl --semantics sync"
            }
            (Rule::HoistedAfter, Async) => "timerlab run s2 hoisted --semantics async",
            (Rule::HoistedAfter, AsyncCollected) => "timerlab run s2 hoisted --semantics async-collected",
            (Rule::HoistedAfter, Sync) => "timerlab run s2 hoisted --semantics sync",
            (Rule::SyncDrain, Async) => {
                "timerlab replay scripts/semantics/timer_drain_expired_unreceived.tl --semantics async"
            }
            (Rule::SyncDrain, AsyncCollected) => {
                "timerlab replay scripts/semantics/timer_drain_expired_unreceived.tl --semantics async-collected"
            }
            (Rule::SyncDrain, Sync) => {
                "timerlab replay scripts/semantics/timer_drain_expired_unreceived.tl --semantics sync"
            }
            (Rule::TimerChanLen, Async) => "timerlab replay scripts/semantics/timer_len.tl --semantics async",
            (Rule::TimerChanLen, AsyncCollected) => {
                "timerlab replay scripts/semantics/timer_len.tl --semantics async-collected"
            }
            (Rule::TimerChanLen, Sync) => "timerlab replay scripts/semantics/timer_len.tl --semantics sync",
            (Rule::SkippedRearm, Async) => {
                "timerlab replay scripts/semantics/timer_fires_once_until_reset.tl --semantics async"
            }
            (Rule::SkippedRearm, AsyncCollected) => {
                "timerlab replay scripts/semantics/timer_fires_once_until_reset.tl --semantics async-collected"
            }
            (Rule::SkippedRearm, Sync) => {
                "timerlab replay scripts/semantics/timer_fires_once_until_reset.tl --semantics sync"
            }
        }
    }

    /// The level of the rule's findings under `semantics`, `None` where it is silent. One
    /// variant differs: an `after-in-loop` NewTimer stopped only by a `defer` in the loop's own
    /// function is an error under sync too (the deferred calls pile up).
    pub const fn level_under(self, semantics: Semantics) -> Option<Level> {
        let (buffered, collected) = (semantics.buffered_channels(), semantics.collects_unreferenced());
        match self {
            Rule::AfterInLoop if collected => Some(Level::Note),
            Rule::AfterInLoop => Some(Level::Error),
            Rule::TickLeak if collected => None,
            Rule::TickLeak => Some(Level::Error),
            Rule::ResetWithoutDrain if buffered => Some(Level::Error),
            Rule::ResetWithoutDrain => None,
            Rule::BlockingDrain | Rule::TimerChanLen | Rule::SkippedRearm => Some(Level::Error),
            Rule::HoistedAfter => Some(Level::Note),
            Rule::SyncDrain if buffered => None,
            Rule::SyncDrain => Some(Level::Error),
        }
    }
}
