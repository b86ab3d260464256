//! Go's timer API on three Rust timer libraries, each a port (what a Rust port of a Go program
//! would write) plus an [`Engine`](timerlab_script::Engine) that drives the port from op scripts.
//!
//! | module | library | clock |
//! |---|---|---|
//! | [`tokio_sleep`] | `tokio::time` (`sleep_until` in a task, `mpsc::channel(1)`) | tokio's paused clock |
//! | [`crossbeam_after`] | `crossbeam_channel::{after, tick, never}` | real time, on a quantum grid |
//! | [`futures_delay`] | `futures_timer::Delay` on `futures::executor::LocalPool`, `async_channel::bounded(1)` | real time, on a quantum grid |
//! | `arming.rs` | what an adapter knows of its timers, to bound a blocking receive | — |
//! | `ledger.rs` | a real-time engine's objects, their arming and phases, on the script's grid | — |
//! | [`grid`] | script time on real time: the quantum, the phases, the refusals | — |
//! | [`realtime`] | a subject that runs a real-time engine, again when a run is refused | — |

mod arming;
pub mod crossbeam_after;
pub mod futures_delay;
pub mod grid;
mod ledger;
pub mod realtime;
pub mod tokio_sleep;
