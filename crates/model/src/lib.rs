//! The reference model of Go's timer semantics: a small, single-threaded, executable reading of
//! `docs/SEMANTICS.md`, written to be checked by eye rather than to be fast.
//!
//! It shares nothing with the `gotime` runtime but the plain value types ([`GoDuration`],
//! [`Instant`], [`Semantics`], [`TimerKind`]); property tests run random op sequences on both and
//! require identical observations. Where they differ, one of them misreads the semantics.
//!
//! | module | concept |
//! |---|---|
//! | [`Model`] (`model.rs`) | the clock, the list of timers, Go's API (create, Stop, Reset, receive) |
//! | `advance.rs` | letting time pass: which timer fires next and what firing does |
//! | `timer.rs` | one timer's state and the retention rule (who keeps an unreferenced timer) |
//! | [`GoPanic`] (from `timerlab-vocab`) | the operations where Go panics, with Go's messages |
//!
//! ```
//! use gotime::{GoDuration, Semantics};
//! use timerlab_model::Model;
//!
//! let mut m = Model::new(Semantics::Async);
//! let t = m.new_timer(GoDuration::from_secs(1));
//! m.advance(GoDuration::from_secs(2));
//! assert!(!m.timer_stop(t)); // too late: the value is in the buffer (golang/go#14038)
//! assert_eq!(m.len(t), 1);
//! ```

mod advance;
mod model;
mod timer;

pub use gotime::{GoDuration, Instant, Semantics, TimerKind};
pub use model::{Model, TimerId};
pub use timerlab_vocab::GoPanic;
