//! Runs timerlab's conformance suite and leak checks against any Go-style timer implementation.
//!
//! An implementation is tested through the op-script [`Engine`](timerlab_script::Engine) trait of
//! `timerlab-script` (the reference model and the gotime runtime are its first two
//! implementations): every script of `scripts/` runs on it, and each output is compared with the
//! hand-derived expectation and with real Go's golden trace in the behaviour it claims (async,
//! async-collected or sync). The result is a table of SEMANTICS.md rows × pass / FAIL / n/a, and
//! a matrix of which behaviours each row matches. See docs/ENGINES.md.
//!
//! | module | concept |
//! |---|---|
//! | [`Behaviours`] (`behaviours.rs`) | a set of Go's behaviours: `all`, `async+async-collected`, ... |
//! | [`Corpus`] (`corpus.rs`) | the scripts and their expected outputs (derived and Go's) |
//! | [`rows`] (`rows.rs`) | SEMANTICS.md's rows and the scripts that check each |
//! | [`Subject`], [`Candidate`] (`subject.rs`) | an implementation under test; one from an `Engine` factory |
//! | [`conform`], [`matrix`] (`conform.rs`) | the harness |
//! | [`ConformanceReport`], [`Matrix`], [`Verdict`] (`report.rs`) | the tables; which behaviours a row matches |
//! | `compare.rs` | line comparison (`live = ?` matches any count) and diffs |
//! | [`adapters`] | Go's timer API on tokio, crossbeam-channel and futures-timer |
//! | [`catalog`] (`catalog.rs`) | the implementations by name: model, runtime, tokio, crossbeam, futures-timer |
//! | [`cli`] (`cli.rs`) | `timerlab conform --engine NAME [--semantics async\|async-collected\|sync]` |
//! | [`leak`] | a counting allocator and the seeds' loop in Rust: bytes retained per iteration |

pub mod adapters;
mod behaviours;
pub mod catalog;
pub mod cli;
pub mod compare;
mod conform;
mod corpus;
pub mod leak;
mod report;
pub mod rows;
mod subject;

pub use behaviours::Behaviours;
pub use catalog::EngineName;
pub use conform::{conform, matrix};
pub use corpus::{golden_name, workspace_root, Corpus, CorpusScript, Expected, Source};
pub use report::{
    verdict_table, Check, ConformanceReport, Matrix, MatrixRow, RowOutcome, ScriptOutcome, Status, Verdict,
};
pub use subject::{Candidate, Subject, Support, Unreliable, CONCURRENT_RUNS};
