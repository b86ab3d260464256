//! timerlab's scenarios: the two Go timer incidents, simulated under turmoil in virtual time,
//! in both timer semantics, with every fix as a variant.
//!
//! | module | concept |
//! |---|---|
//! | [`run`](crate::run()) (`run.rs`) | the API: [`RunConfig`] in, [`RunReport`] out |
//! | [`scenarios`](crate::scenarios()) (`scenarios/`) | the registry; one module per scenario (S1, S2) |
//! | [`render_trace`] (`trace.rs`) | trace events and the fixed-column text of a run |
//! | [`MemoryModel`] (`memory.rs`) | the simulated server's memory and its budget |
//! | [`Verdict`] (`verdict.rs`) | BOUNDED / LEAK / OOM-LOOP / SPURIOUS-TIMEOUT, and how it is decided |
//! | `seed.rs` | one seed per run, independent random streams per actor |
//!
//! ```no_run
//! use gotime::Semantics;
//! use timerlab_sim::{render_trace, run, RunConfig};
//!
//! let config = RunConfig::new("s1", "leaky", Semantics::Async, 7);
//! let report = run(&config, &mut |_, _| {}).expect("a valid config");
//! print!("{}", render_trace(&report));
//! ```
//!
//! docs/SCENARIOS.md describes the scenarios, the memory model and the trace columns.

mod memory;
pub mod report;
mod run;
mod scenarios;
pub mod seed;
mod trace;
mod verdict;

pub use memory::{MemoryModel, Usage};
pub use run::{run, ConfigError, Preset, RunConfig, RunReport, Sample, SiteProfile};
pub use scenarios::{find, scenarios, ParamSpec, RunFn, ScenarioSpec, VariantSpec, SCENARIOS};
pub use trace::{render_trace, Event, TraceEvent};
pub use verdict::{decide, Evidence, Verdict, VerdictKind};
