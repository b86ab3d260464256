//! The vocabulary of timerlab: the names the gotime runtime, the reference model and the op
//! scripts share, and nothing else.
//!
//! The runtime and the model are compared op by op; whatever they share cannot be caught by that
//! comparison. So this crate holds data and names only — no time arithmetic, no state — and each
//! side keeps its own reading of Go's clock.
//!
//! | module | concept |
//! |---|---|
//! | [`TimerKind`] (`kind.rs`) | which Go constructor made a timer |
//! | [`Semantics`] (`semantics.rs`) | Go's three timer behaviours: `Async`, `AsyncCollected`, `Sync` |
//! | [`GoPanic`] (`panic.rs`) | the calls of Go's time package that panic, with Go's messages |
//!
//! ```
//! use timerlab_vocab::{GoPanic, Semantics, TimerKind};
//!
//! assert_eq!("async-collected".parse::<Semantics>(), Ok(Semantics::AsyncCollected));
//! assert_eq!(TimerKind::Tick.go_name(), "time.Tick");
//! assert_eq!(GoPanic::NewTickerNonPositive.message(), "non-positive interval for NewTicker");
//! ```

mod kind;
mod panic;
mod semantics;

pub use kind::TimerKind;
pub use panic::GoPanic;
pub use semantics::{ParseSemanticsError, Semantics};
