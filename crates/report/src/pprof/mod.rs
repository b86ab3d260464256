//! `timerlab run --pprof DIR`: every run's timers as gzipped `profile.proto` heap profiles, at
//! the peak of live timers and at the end, for `go tool pprof -top`, `-http` and `-diff_base`
//! (docs/CLI.md, "Heap profiles for go tool pprof").
//!
//! | module | concept |
//! |---|---|
//! | [`proto`] (`proto.rs`) | pprof's `profile.proto` messages, for prost |
//! | [`GoRelease`] (`frames.rs`) | the Go frames above a timer's call site, per release |
//! | `tables.rs` | string table, functions and locations, each made once |
//! | [`heap_profile`], [`Moment`] (`heap.rs`) | a run's timers at a moment as a Go heap profile |
//! | [`ProfileFile`] (`file.rs`) | file names and gzipped bytes |
//! | [`DiffPair`] (`diff.rs`) | `--pprof-diff`: the async run over the sync run, and the command |

mod diff;
mod file;
mod frames;
mod heap;
pub mod proto;
mod tables;
#[cfg(test)]
mod tests;

pub use diff::DiffPair;
pub use file::{file_name, gzip, ProfileFile};
pub use frames::{GoFrame, GoFunc, GoRelease, TimerStack};
pub use heap::{heap_profile, Moment, SAMPLE_TYPES};
