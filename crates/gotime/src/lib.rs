//! A Go-faithful timer runtime: `time.NewTimer`, `After`, `AfterFunc`, `NewTicker` and `Tick`,
//! in each of Go's three timer behaviours, on a virtual clock, with live-timer accounting — and
//! the resolver that says which behaviour a real Go release gives a program ([`release`]).
//!
//! | module | concept |
//! |---|---|
//! | [`Runtime`] (`runtime.rs`) | one simulated Go process: building it, Go's `time` functions, advancing |
//! | [`Semantics`], [`TimerKind`], [`GoPanic`] | from `timerlab-vocab`: `Async`, `AsyncCollected` or `Sync` timers; the constructors; Go's panics |
//! | [`release`] | Go toolchain + `go.mod` `go` line + GODEBUG → semantics, golang/go#69312, cost model |
//! | `shared.rs` | what a runtime and its timers share (state, lock, clock); firing outside the lock |
//! | `driver.rs` | the tokio task that fires timers as tokio's time passes |
//! | `clock.rs` | manual clock or tokio's clock (turmoil, paused tests, real time); knows only time |
//! | `state/` | the state machine every operation goes through (ground rules in `state/mod.rs`) |
//! | `heap.rs` | the armed deadlines: an indexed 4-ary heap beside a run of increasing keys, ties broken by creation order |
//! | [`Timer`], [`Ticker`], [`Chan`] | Go's `*Timer`, `*Ticker` and `<-chan Time` |
//! | [`AfterFuncBody`] (`body.rs`) | what an AfterFunc whose body timers share runs: a closure or the program's own type |
//! | [`TimerRef`] (`timer_ref.rs`) | a borrowed reference to a timer, whatever holds it |
//! | [`InFlight`] (`in_flight.rs`) | a firing stopped halfway ([`Runtime::begin_firing`]): code runs where Go's scheduler could |
//! | `handle.rs` | one program reference to a timer: dropping the last lets the runtime decide |
//! | [`GoDuration`], [`Instant`] | Go's signed `Duration`; a point on the virtual clock |
//! | [`Stats`], [`SiteStats`], [`CostModel`] (`accounting.rs`) | live timers, peak, bytes, per call site |
//! | `sync.rs` | std or loom primitives, so the loom models check this very code; the state's spin lock |
//! | `prefetch.rs` | a cache hint ([`Runtime::warm`], [`Runtime::warm_bodies`]): start loading a record without waiting |
//!
//! Modules depend one way, never back: `runtime` → `timer`, `ticker` → `chan` → `handle` →
//! `shared` → `state` → `heap`, `accounting`; `state`, `heap` → `prefetch`; `runtime` → `in_flight` → `shared`; `runtime` → `driver` → `shared`, `clock`;
//! `runtime` → `release` → `accounting`; `runtime`, `shared`, `state` → `body`; `clock` is a leaf
//! that knows only time, `body` one that knows only what a body is.
//!
//! ```
//! use gotime::{GoDuration, Runtime, Semantics};
//!
//! for semantics in Semantics::ALL {
//!     let rt = Runtime::new(semantics);
//!     let t = rt.new_timer(GoDuration::from_secs(1));
//!     rt.advance(GoDuration::from_secs(2)); // expired, not received
//!     // A buffered channel (Go ≤ 1.22, asynctimerchan=1 or 2): Stop is too late and the value
//!     // stays; Go ≥ 1.23's sync channel: Stop discards it.
//!     assert_eq!(t.stop(), !semantics.buffered_channels());
//!     assert_eq!(t.c().try_recv().is_ok(), semantics.buffered_channels());
//! }
//! ```

#![warn(missing_debug_implementations)]

mod accounting;
mod body;
mod chan;
mod clock;
#[cfg(not(gotime_loom))]
mod driver;
mod duration;
mod error;
mod handle;
mod heap;
mod in_flight;
mod instant;
mod prefetch;
pub mod release;
mod runtime;
mod shared;
mod state;
mod sync;
mod ticker;
mod timer;
mod timer_ref;
mod wakers;

pub use accounting::{CostModel, Site, SiteStats, Stats};
pub use body::AfterFuncBody;
pub use chan::{Chan, Recv};
pub use duration::GoDuration;
pub use error::{BuildError, ParseDurationError, TryRecvError, WaitError};
pub use in_flight::InFlight;
pub use instant::Instant;
pub use runtime::{Builder, Runtime};
pub use ticker::Ticker;
pub use timer::Timer;
pub use timer_ref::TimerRef;
pub use timerlab_vocab::{GoPanic, ParseSemanticsError, Semantics, TimerKind};
