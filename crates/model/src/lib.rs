//! The reference model of Go's timer semantics: a small, single-threaded, executable reading of
//! `docs/SEMANTICS.md`, written to be checked by eye rather than to be fast.
//!
//! It shares no code with the `gotime` runtime: only the vocabulary of `timerlab-vocab`
//! ([`Semantics`], [`TimerKind`], [`GoPanic`]), which is names and no arithmetic. Its clock
//! ([`Duration`], [`Time`]) is its own reading of Go's source. Property tests run random op
//! sequences on both and require identical observations; where they differ, one of them misreads
//! the semantics.
//!
//! | module | concept |
//! |---|---|
//! | [`Model`] (`model.rs`) | the clock, the list of timers, Go's API (create, Stop, Reset, receive) |
//! | `advance.rs` | letting time pass: which timer fires next and what firing does; async-collected's firing on a look |
//! | `timer.rs` | one timer's state and the retention rule (who keeps an unreferenced timer) |
//! | [`Duration`], [`Time`] (`time.rs`) | Go's `Duration`, the clock, `when(d)`, the ticker grid |
//! | [`GoPanic`] (from `timerlab-vocab`) | the operations where Go panics, with Go's messages |
//!
//! ```
//! use timerlab_model::{Duration, Model, Semantics, Time};
//!
//! let mut m = Model::new(Semantics::Async);
//! let t = m.new_timer(Duration::from_secs(1));
//! m.advance(Duration::from_secs(2));
//! assert!(!m.timer_stop(t)); // too late: the value is in the buffer (golang/go#14038)
//! assert_eq!(m.len(t), 1);
//! assert_eq!(m.try_recv(t), Some(Time::from_nanos(1_000_000_000)), "the value is the deadline");
//! ```

mod advance;
mod model;
mod time;
mod timer;

pub use model::{Model, TimerId};
pub use time::{Duration, Time};
pub use timerlab_vocab::{GoPanic, Semantics, TimerKind};
