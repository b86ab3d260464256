//! [`GoRelease`]: the Go frames a real heap profile shows above a timer's call site, read from
//! `go tool pprof -raw` of heap profiles (`runtime.MemProfileRate = 1`) of programs built with
//! `-trimpath` that create each kind of timer, on Go 1.22.10 (async timer channels) and Go
//! 1.23.9 (sync ones).
//!
//! Go allocates a channel timer as three objects (the `Timer`, the channel and its one-value
//! buffer); the profiles here attribute a whole timer to the line that allocates the timer
//! itself, since the cost model prices the three together. The allocator's own frames
//! (`runtime.mallocgc`, `runtime.newobject`, `runtime.makechan`) never appear: Go's heap
//! profile starts each stack at the function that asked for the memory.

use gotime::release::GoVersion;
use gotime::{Semantics, TimerKind};

/// A function of Go's standard library, named as a `-trimpath` build records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoFunc {
    /// `time.NewTimer`; runtime code linked into package time keeps the `time.` name.
    pub name: &'static str,
    /// `time/sleep.go`, relative to `$GOROOT/src`.
    pub file: &'static str,
    /// The line of its `func` keyword.
    pub start_line: i64,
}

/// A function at one of its lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoFrame {
    /// The function.
    pub func: GoFunc,
    /// The line executing: the allocation in the leaf, the call in the others.
    pub line: i64,
}

/// The Go frames of one kind of timer, between the allocation and the program's call site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimerStack {
    /// Frames with a location of their own, the leaf (the allocating line) first.
    pub calls: &'static [GoFrame],
    /// The constructor the compiler inlines into the call site (`time.After`, `time.Tick`):
    /// in a real profile it is a line of the call site's location, marked `(inline)`.
    pub inlined: Option<GoFrame>,
}

/// A Go release whose heap profiles the written profiles mirror.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoRelease {
    /// `go1.22.10`, as `runtime.Version()` prints it.
    pub version: &'static str,
    /// Indexed by the position of the kind in [`TimerKind::ALL`].
    stacks: [TimerStack; 5],
}

const fn frame(func: GoFunc, line: i64) -> GoFrame {
    GoFrame { func, line }
}

mod go_1_22 {
    use super::GoFunc;

    pub(super) const NEW_TIMER: GoFunc =
        GoFunc { name: "time.NewTimer", file: "time/sleep.go", start_line: 86 };
    pub(super) const AFTER: GoFunc = GoFunc { name: "time.After", file: "time/sleep.go", start_line: 156 };
    pub(super) const AFTER_FUNC: GoFunc =
        GoFunc { name: "time.AfterFunc", file: "time/sleep.go", start_line: 164 };
    pub(super) const NEW_TICKER: GoFunc =
        GoFunc { name: "time.NewTicker", file: "time/tick.go", start_line: 20 };
    pub(super) const TICK: GoFunc = GoFunc { name: "time.Tick", file: "time/tick.go", start_line: 66 };
}

mod go_1_23 {
    use super::GoFunc;

    /// The runtime's constructor (runtime/time.go), linked into package time as `time.newTimer`.
    pub(super) const NEW_TIMER_RUNTIME: GoFunc =
        GoFunc { name: "time.newTimer", file: "runtime/time.go", start_line: 325 };
    pub(super) const NEW_TIMER: GoFunc =
        GoFunc { name: "time.NewTimer", file: "time/sleep.go", start_line: 143 };
    pub(super) const AFTER: GoFunc = GoFunc { name: "time.After", file: "time/sleep.go", start_line: 202 };
    pub(super) const AFTER_FUNC: GoFunc =
        GoFunc { name: "time.AfterFunc", file: "time/sleep.go", start_line: 210 };
    pub(super) const NEW_TICKER: GoFunc =
        GoFunc { name: "time.NewTicker", file: "time/tick.go", start_line: 36 };
    pub(super) const TICK: GoFunc = GoFunc { name: "time.Tick", file: "time/tick.go", start_line: 86 };
}

impl GoRelease {
    /// Go 1.22.10: `NewTimer` and `NewTicker` allocate the `Timer` (`sleep.go:88`, `tick.go:28`)
    /// after its channel; `AfterFunc` allocates it at `sleep.go:165`. Async timer channels.
    pub const GO_1_22_10: GoRelease = {
        use go_1_22::*;
        const NEW_TIMER_STACK: &[GoFrame] = &[frame(NEW_TIMER, 88)];
        const NEW_TICKER_STACK: &[GoFrame] = &[frame(NEW_TICKER, 28)];
        GoRelease {
            version: "go1.22.10",
            stacks: [
                TimerStack { calls: NEW_TIMER_STACK, inlined: None },
                TimerStack { calls: NEW_TIMER_STACK, inlined: Some(frame(AFTER, 157)) },
                TimerStack { calls: &[frame(AFTER_FUNC, 165)], inlined: None },
                TimerStack { calls: NEW_TICKER_STACK, inlined: None },
                TimerStack { calls: NEW_TICKER_STACK, inlined: Some(frame(TICK, 70)) },
            ],
        }
    };

    /// Go 1.23.9: every kind's timer comes from the runtime's `time.newTimer`
    /// (`runtime/time.go:326`), called by `NewTimer` (`sleep.go:145`), `AfterFunc`
    /// (`sleep.go:211`) or `NewTicker` (`tick.go:44`). Sync timer channels.
    pub const GO_1_23_9: GoRelease = {
        use go_1_23::*;
        const NEW_TIMER_STACK: &[GoFrame] = &[frame(NEW_TIMER_RUNTIME, 326), frame(NEW_TIMER, 145)];
        const NEW_TICKER_STACK: &[GoFrame] = &[frame(NEW_TIMER_RUNTIME, 326), frame(NEW_TICKER, 44)];
        GoRelease {
            version: "go1.23.9",
            stacks: [
                TimerStack { calls: NEW_TIMER_STACK, inlined: None },
                TimerStack { calls: NEW_TIMER_STACK, inlined: Some(frame(AFTER, 203)) },
                TimerStack { calls: &[frame(NEW_TIMER_RUNTIME, 326), frame(AFTER_FUNC, 211)], inlined: None },
                TimerStack { calls: NEW_TICKER_STACK, inlined: None },
                TimerStack { calls: NEW_TICKER_STACK, inlined: Some(frame(TICK, 90)) },
            ],
        }
    };

    /// The release whose frames a run in `semantics` shows: Go 1.22 for async timer channels,
    /// Go 1.23 for the others (only Go ≥ 1.23 has them).
    pub fn of(semantics: Semantics) -> &'static GoRelease {
        if semantics == Semantics::Async {
            &GoRelease::GO_1_22_10
        } else {
            &GoRelease::GO_1_23_9
        }
    }

    /// The release whose frames a run shows: the toolchain's era when the run names one (Go
    /// 1.23's runtime timers, `time.newTimer`, are in every behaviour of 1.23 and later, async
    /// under `asynctimerchan=1` included), else [`GoRelease::of`] its semantics.
    pub fn for_run(semantics: Semantics, toolchain: Option<GoVersion>) -> &'static GoRelease {
        match toolchain {
            Some(v) if v.minor() <= 22 => &GoRelease::GO_1_22_10,
            Some(_) => &GoRelease::GO_1_23_9,
            None => GoRelease::of(semantics),
        }
    }

    /// The frames above a call site of `kind`.
    pub fn stack(&self, kind: TimerKind) -> &TimerStack {
        let index = TimerKind::ALL.iter().position(|&k| k == kind).unwrap_or_default();
        &self.stacks[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(release: &GoRelease, kind: TimerKind) -> Vec<&'static str> {
        let stack = release.stack(kind);
        stack.calls.iter().chain(&stack.inlined).map(|f| f.func.name).collect()
    }

    #[test]
    fn every_kind_allocates_in_its_constructor_and_names_what_the_program_called() {
        for release in [&GoRelease::GO_1_22_10, &GoRelease::GO_1_23_9] {
            for kind in TimerKind::ALL {
                let names = names(release, kind);
                assert_eq!(names.last(), Some(&kind.go_name()), "{} {kind}: {names:?}", release.version);
            }
        }
    }

    #[test]
    fn go_1_22_allocates_in_the_exported_constructor_and_go_1_23_in_the_runtime() {
        assert_eq!(names(&GoRelease::GO_1_22_10, TimerKind::After), ["time.NewTimer", "time.After"]);
        assert_eq!(
            names(&GoRelease::GO_1_23_9, TimerKind::After),
            ["time.newTimer", "time.NewTimer", "time.After"]
        );
        assert_eq!(names(&GoRelease::GO_1_22_10, TimerKind::Tick), ["time.NewTicker", "time.Tick"]);
        assert_eq!(names(&GoRelease::GO_1_23_9, TimerKind::AfterFunc), ["time.newTimer", "time.AfterFunc"]);
    }

    #[test]
    fn async_runs_show_go_1_22_and_sync_runs_go_1_23() {
        assert_eq!(GoRelease::of(Semantics::Async).version, "go1.22.10");
        assert_eq!(GoRelease::of(Semantics::Sync).version, "go1.23.9");
        let on = |minor, patch| Some(GoVersion::release(minor, patch));
        assert_eq!(GoRelease::for_run(Semantics::Async, on(22, 10)).version, "go1.22.10");
        assert_eq!(GoRelease::for_run(Semantics::Async, on(26, 6)).version, "go1.23.9", "asynctimerchan=1");
        assert_eq!(GoRelease::for_run(Semantics::Sync, None).version, "go1.23.9");
    }

    #[test]
    fn every_frame_lies_inside_its_function() {
        for release in [&GoRelease::GO_1_22_10, &GoRelease::GO_1_23_9] {
            for kind in TimerKind::ALL {
                let stack = release.stack(kind);
                for f in stack.calls.iter().chain(&stack.inlined) {
                    assert!(
                        f.line > f.func.start_line,
                        "{} {}: line {}",
                        release.version,
                        f.func.name,
                        f.line
                    );
                }
            }
        }
    }
}
